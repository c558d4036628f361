"""The DataView constructor and DataView.prototype (ES2017 24.3).

https://tc39.es/ecma262/#sec-dataview-objects

Getters and setters for every Number element type, big- or little-endian per call
(big-endian by default).  getBigInt64/setBigInt64 and the BigUint64 pair need BigInt,
which fetchflow does not have: they are not provided.
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.buffers import (ELEMENT_TYPES, JSArrayBuffer, JSDataView, get_value_from_buffer,
                                  set_value_in_buffer, to_element_value, to_index)
from ..operations.errors import range_error, type_error
from ..operations.object_operations import get_prototype_from_constructor
from ..operations.type_conversion import to_boolean
from ..values import C, SYM_TO_STRING_TAG, JSObject
from .array_buffer import _receiver

_OUTSIDE = "Offset is outside the bounds of the DataView"
VIEW_TYPES = ("Int8", "Uint8", "Int16", "Uint16", "Int32", "Uint32", "Float32", "Float64", "BigInt64",
              "BigUint64")


@native("DataView", 1, ctor=True)
def data_view_constructor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 24.3.2.1 DataView ( buffer, byteOffset, byteLength )."""
    if new_target is None:
        raise type_error("Constructor DataView requires 'new'")
    buffer = arg(args, 0)
    if type(buffer) is not JSArrayBuffer:
        raise type_error("First argument to DataView constructor must be an ArrayBuffer")
    offset = to_index(arg(args, 1), "Start offset {} is outside the bounds of the buffer")
    if buffer.data is None:
        raise type_error("Cannot perform DataView constructor on a detached ArrayBuffer")
    buffer_length = len(buffer.data)
    if offset > buffer_length:
        raise range_error(f"Start offset {offset} is outside the bounds of the buffer")
    length_arg = arg(args, 2)
    if length_arg is None:
        view_length = buffer_length - offset
    else:
        view_length = to_index(length_arg, "Invalid DataView length {}")
        if offset + view_length > buffer_length:
            raise range_error(f"Invalid DataView length {view_length}")
    proto = get_prototype_from_constructor(new_target, "DataViewPrototype")
    if buffer.data is None:  # the prototype getter may have detached it
        raise type_error("Cannot perform DataView constructor on a detached ArrayBuffer")
    return JSDataView(proto, buffer, offset, view_length)


def this_view(this: Any, method: str) -> JSDataView:
    if type(this) is not JSDataView:
        raise type_error(f"Method DataView.prototype.{method} called on incompatible receiver "
                         f"{_receiver(this)}")
    return this


def _detached(method: str) -> Any:
    return type_error(f"Cannot perform DataView.prototype.{method} on a detached ArrayBuffer")


@native("get DataView.prototype.buffer", 0)
def data_view_buffer(this: Any, args: list) -> Any:
    """ES2017 24.3.4.1 get DataView.prototype.buffer."""
    return this_view(this, "buffer").buffer


@native("get DataView.prototype.byteLength", 0)
def data_view_byte_length(this: Any, args: list) -> Any:
    """ES2017 24.3.4.2 get DataView.prototype.byteLength."""
    v = this_view(this, "byteLength")
    if v.buffer.data is None:
        raise _detached("byteLength")
    return float(v.byte_length)


@native("get DataView.prototype.byteOffset", 0)
def data_view_byte_offset(this: Any, args: list) -> Any:
    """ES2017 24.3.4.3 get DataView.prototype.byteOffset."""
    v = this_view(this, "byteOffset")
    if v.buffer.data is None:
        raise _detached("byteOffset")
    return float(v.offset)


def get_view_value(this: Any, args: list, kind: str) -> Any:
    """ES2017 24.3.1.1 GetViewValue ( view, requestIndex, isLittleEndian, type )."""
    method = f"get{kind}"
    view = this_view(this, method)
    index = to_index(arg(args, 0), _OUTSIDE)
    little = to_boolean(arg(args, 1))
    if view.buffer.data is None:
        raise _detached(method)
    size = ELEMENT_TYPES[kind][0]
    if index + size > view.byte_length:
        raise range_error(_OUTSIDE)
    return get_value_from_buffer(view.buffer, index + view.offset, kind, little)


def set_view_value(this: Any, args: list, kind: str) -> Any:
    """ES2017 24.3.1.2 SetViewValue ( view, requestIndex, isLittleEndian, type, value )."""
    method = f"set{kind}"
    view = this_view(this, method)
    index = to_index(arg(args, 0), _OUTSIDE)
    value = to_element_value(kind, arg(args, 1))   # ToBigInt for the BigInt kinds (ES2020)
    little = to_boolean(arg(args, 2))
    if view.buffer.data is None:
        raise _detached(method)
    size = ELEMENT_TYPES[kind][0]
    if index + size > view.byte_length:
        raise range_error(_OUTSIDE)
    set_value_in_buffer(view.buffer, index + view.offset, kind, value, little)
    return None


def _make_accessors(kind: str) -> None:
    @native(f"DataView.prototype.get{kind}", 1)
    def getter(this: Any, args: list) -> Any:
        return get_view_value(this, args, kind)

    @native(f"DataView.prototype.set{kind}", 2)
    def setter(this: Any, args: list) -> Any:
        return set_view_value(this, args, kind)

    getter.__doc__ = f"ES2017 24.3.4 DataView.prototype.get{kind} ( byteOffset [ , littleEndian ] )."
    setter.__doc__ = f"ES2017 24.3.4 DataView.prototype.set{kind} ( byteOffset, value [ , littleEndian ] )."


for _kind in VIEW_TYPES:
    _make_accessors(_kind)


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    realm.constructor("DataView", "DataView", proto)
    for name in ("buffer", "byteLength", "byteOffset"):
        realm.getter(proto, name, f"get DataView.prototype.{name}")
    for kind in VIEW_TYPES:
        realm.method(proto, f"get{kind}", f"DataView.prototype.get{kind}")
        realm.method(proto, f"set{kind}", f"DataView.prototype.set{kind}")
    proto.put_hidden(SYM_TO_STRING_TAG, "DataView", C)
