"""The ArrayBuffer constructor and ArrayBuffer.prototype (ES2017 24.1).

https://tc39.es/ecma262/#sec-arraybuffer-objects

Fixed-length buffers only: ``resizable`` is always false and ``maxByteLength`` the byte
length (node 20 has resizable buffers; ``resize`` is not provided).  A detached buffer
(see ``operations/buffers.detach_array_buffer``) has byteLength 0, as the current spec says.
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.buffers import (JSArrayBuffer, JSDataView, JSTypedArray, allocate_array_buffer,
                                  to_index)
from ..operations.calls import construct
from ..operations.errors import type_error
from ..operations.object_operations import get_prototype_from_constructor, species_constructor
from ..operations.type_conversion import to_display, to_integer
from ..runtime import CTX
from ..values import C, SYM_SPECIES, SYM_TO_STRING_TAG, JSObject
from ..operations.object_operations import constructor_name_of


def _receiver(v: Any) -> str:
    if isinstance(v, JSObject):
        return f"#<{constructor_name_of(v)}>"
    return to_display(v)


def this_buffer(this: Any, method: str) -> JSArrayBuffer:
    """RequireInternalSlot(O, [[ArrayBufferData]]) with V8's message."""
    if type(this) is not JSArrayBuffer:
        raise type_error(f"Method ArrayBuffer.prototype.{method} called on incompatible receiver "
                         f"{_receiver(this)}")
    return this


@native("ArrayBuffer", 1, ctor=True)
def array_buffer_constructor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 24.1.2.1 ArrayBuffer ( length )."""
    if new_target is None:
        raise type_error("Constructor ArrayBuffer requires 'new'")
    n = to_index(arg(args, 0), "Invalid array buffer length")
    proto = get_prototype_from_constructor(new_target, "ArrayBufferPrototype")
    return allocate_array_buffer(proto, n)


@native("ArrayBuffer.isView", 1)
def array_buffer_is_view(this: Any, args: list) -> Any:
    """ES2017 24.1.3.1 ArrayBuffer.isView ( arg )."""
    return isinstance(arg(args, 0), (JSTypedArray, JSDataView))


@native("get ArrayBuffer.[Symbol.species]", 0)
def array_buffer_species(this: Any, args: list) -> Any:
    """ES2017 24.1.3.3 get ArrayBuffer [ @@species ]."""
    return this


@native("get ArrayBuffer.prototype.byteLength", 0)
def array_buffer_byte_length(this: Any, args: list) -> Any:
    """ES2017 24.1.4.1 get ArrayBuffer.prototype.byteLength (0 once detached: ES2021)."""
    return float(this_buffer(this, "byteLength").byte_length)


@native("get ArrayBuffer.prototype.maxByteLength", 0)
def array_buffer_max_byte_length(this: Any, args: list) -> Any:
    """ES2024 25.1.6.4 get ArrayBuffer.prototype.maxByteLength (fixed-length buffers only)."""
    return float(this_buffer(this, "maxByteLength").byte_length)


@native("get ArrayBuffer.prototype.resizable", 0)
def array_buffer_resizable(this: Any, args: list) -> Any:
    """ES2024 25.1.6.5 get ArrayBuffer.prototype.resizable (fixed-length buffers only)."""
    this_buffer(this, "resizable")
    return False


def relative_index(v: Any, n: int, default: int) -> int:
    """The relativeStart/relativeEnd clamping of slice, fill, subarray, copyWithin."""
    if v is None:
        return default
    r = to_integer(v)
    if r < 0:
        return int(max(n + r, 0))
    return int(min(r, n))


@native("ArrayBuffer.prototype.slice", 2)
def array_buffer_slice(this: Any, args: list) -> Any:
    """ES2017 24.1.4.3 ArrayBuffer.prototype.slice ( start, end )."""
    o = this_buffer(this, "slice")
    if o.data is None:
        raise type_error("Cannot perform ArrayBuffer.prototype.slice on a detached ArrayBuffer")
    n = len(o.data)
    first = relative_index(arg(args, 0), n, 0)
    final = relative_index(arg(args, 1), n, n)
    new_len = max(final - first, 0)
    ctor = species_constructor(o, CTX.realm.intr["ArrayBuffer"])
    new = construct(ctor, [float(new_len)])
    if type(new) is not JSArrayBuffer:
        raise type_error("ArrayBuffer subclass returned this from species constructor"
                         if new is o else "Method ArrayBuffer.prototype.slice called on incompatible "
                         f"receiver {_receiver(new)}")
    if new.data is None:
        raise type_error("Cannot perform ArrayBuffer.prototype.slice on a detached ArrayBuffer")
    if new is o:
        raise type_error("ArrayBuffer subclass returned this from species constructor")
    if len(new.data) < new_len:
        raise type_error("Species constructor returned a too-short ArrayBuffer")
    if o.data is None:
        raise type_error("Cannot perform ArrayBuffer.prototype.slice on a detached ArrayBuffer")
    # the species constructor may have run JS; the source keeps its length (fixed-length)
    count = max(0, min(new_len, len(o.data) - first))
    new.data[0:count] = o.data[first:first + count]
    return new


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    ctor = realm.constructor("ArrayBuffer", "ArrayBuffer", proto)
    realm.method(ctor, "isView", "ArrayBuffer.isView")
    realm.getter(ctor, SYM_SPECIES, "get ArrayBuffer.[Symbol.species]")
    realm.getter(proto, "byteLength", "get ArrayBuffer.prototype.byteLength")
    realm.method(proto, "slice", "ArrayBuffer.prototype.slice")
    realm.getter(proto, "maxByteLength", "get ArrayBuffer.prototype.maxByteLength")
    realm.getter(proto, "resizable", "get ArrayBuffer.prototype.resizable")
    proto.put_hidden(SYM_TO_STRING_TAG, "ArrayBuffer", C)


__all__ = ["this_buffer", "relative_index"]
