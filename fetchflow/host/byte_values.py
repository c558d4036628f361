"""Bytes in and out of JS: BufferSource arguments and fresh ArrayBuffer/Uint8Array results."""
from __future__ import annotations

from typing import Any, Optional

from ..interp.operations.buffers import JSArrayBuffer, JSDataView, JSTypedArray, create_byte_data_block
from ..interp.runtime import CTX

__all__ = ["buffer_source_bytes", "is_buffer_source", "new_array_buffer", "new_uint8_array"]


def is_buffer_source(v: Any) -> bool:
    return isinstance(v, (JSArrayBuffer, JSTypedArray, JSDataView))


def buffer_source_bytes(v: Any) -> Optional[bytes]:
    """web IDL 3.2.26 get a copy of the bytes held by the buffer source (None if ``v`` is
    none; a detached buffer holds no bytes)."""
    if isinstance(v, JSArrayBuffer):
        return bytes(v.data or b"")
    if isinstance(v, JSTypedArray):
        d = v.buffer.data
        return b"" if d is None else bytes(d[v.offset:v.offset + v.array_length() * v.element_size])
    if isinstance(v, JSDataView):
        d = v.buffer.data
        return b"" if d is None else bytes(d[v.offset:v.offset + v.byte_length])
    return None


def new_array_buffer(data: bytes) -> JSArrayBuffer:
    block = create_byte_data_block(len(data))
    block[:] = data
    return JSArrayBuffer(CTX.realm.intr["ArrayBufferPrototype"], block)


def new_uint8_array(data: bytes) -> JSTypedArray:
    buf = new_array_buffer(data)
    return JSTypedArray(CTX.realm.intr["Uint8ArrayPrototype"], "Uint8", buf, 0, len(data))
