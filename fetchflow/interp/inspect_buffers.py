"""node 20's ``util.inspect`` of typed arrays, ArrayBuffers and DataViews (the parts of
``formatRaw`` that ``inspect_value.format_raw`` hands over here).

* a typed array: ``Uint8Array(3) [ 1, 2, 3 ]`` (node's formatTypedArray: at most
  ``maxArrayLength`` elements, then ``... N more items``);
* an ArrayBuffer: ``ArrayBuffer { [Uint8Contents]: <01 02>, byteLength: 2 }`` (node's
  formatArrayBuffer: hex bytes, ``... N more bytes``; ``(detached)`` once detached);
* a DataView: its ``byteLength``, ``byteOffset`` and ``buffer`` as properties.
"""
from __future__ import annotations

import math
from typing import Any

from .operations.buffers import JSArrayBuffer, JSDataView, JSTypedArray
from .operations.number_format import number_to_string

# the keys node lists first (read through the prototype's getters)
ARRAY_BUFFER_KEYS = ("byteLength",)
DATA_VIEW_KEYS = ("byteLength", "byteOffset", "buffer")


def _format_number(n: float) -> str:
    """node's formatNumber (no numeric separators): -0 keeps its sign."""
    if n == 0 and math.copysign(1.0, n) < 0:
        return "-0"
    return number_to_string(n)


def format_typed_array(ctx: Any, value: JSTypedArray, recurse_times: int) -> list:
    """node's formatTypedArray (without showHidden's extra keys)."""
    length = value.array_length()
    max_length = min(max(0, ctx.max_array_length), length)
    vals = value.values_list(0, max_length) if max_length else []
    output = [_format_number(float(v)) if type(v) is not int else f"{v}n" for v in vals]  # int: BigInt
    remaining = length - max_length
    if remaining > 0:
        output.append(f"... {remaining} more item{'s' if remaining > 1 else ''}")
    return output


def format_array_buffer(ctx: Any, value: JSArrayBuffer, recurse_times: int) -> list:
    """node's formatArrayBuffer."""
    data = value.data
    if data is None:
        return ["(detached)"]
    shown = data[:ctx.max_array_length].hex(" ")
    remaining = len(data) - ctx.max_array_length
    if remaining > 0:
        shown += f" ... {remaining} more byte{'s' if remaining > 1 else ''}"
    return [f"[Uint8Contents]: <{shown}>"]


def is_buffer_like(value: Any) -> bool:
    return type(value) is JSArrayBuffer or type(value) is JSDataView


__all__ = ["format_typed_array", "format_array_buffer", "is_buffer_like", "ARRAY_BUFFER_KEYS",
           "DATA_VIEW_KEYS", "JSTypedArray", "JSArrayBuffer", "JSDataView"]
