"""Making typed arrays from the abstract operations (ES2017 22.2.4.6-22.2.4.7): over a new
buffer, through a constructor, or through the species of an exemplar."""
from __future__ import annotations

from typing import Any

from ..runtime import CTX
from .buffers import ELEMENT_TYPES, MAX_TYPED_ARRAY_LENGTH, JSArrayBuffer, JSTypedArray, create_byte_data_block
from .calls import construct
from .errors import range_error, type_error
from .number_format import number_to_string
from .object_operations import species_constructor


def _length_error(n: Any) -> Any:
    return range_error(f"Invalid typed array length: {number_to_string(float(n))}")


def typed_array_create(kind: str, length: int, proto: Any = None) -> JSTypedArray:
    """AllocateTypedArray with a length: a new typed array over a new zeroed buffer."""
    if length > MAX_TYPED_ARRAY_LENGTH:
        raise _length_error(length)
    realm = CTX.realm
    size = ELEMENT_TYPES[kind][0]
    buf = JSArrayBuffer(realm.intr["ArrayBufferPrototype"], create_byte_data_block(length * size))
    return JSTypedArray(proto or realm.intr[kind + "ArrayPrototype"], kind, buf, 0, length)


def typed_array_create_from_constructor(c: Any, args: list, method: str = "") -> JSTypedArray:
    """ES2023 23.2.4.2 TypedArrayCreateFromConstructor (ES2017 22.2.4.6 TypedArrayCreate)."""
    new = construct(c, args)
    if type(new) is not JSTypedArray:
        tag = new.cls if new.cls in ("Array", "Number", "String", "Boolean", "Function") else "Object"
        raise type_error(f"Method {method} called on incompatible receiver [object {tag}]")
    if new.buffer.data is None:
        raise type_error(f"Cannot perform {method} on a detached ArrayBuffer")
    if len(args) == 1 and type(args[0]) is float and new.length < args[0]:
        raise type_error("Derived TypedArray constructor created an array which was too small")
    return new


def typed_array_species_create(exemplar: JSTypedArray, args: list, method: str = "") -> JSTypedArray:
    """ES2017 22.2.4.7 TypedArraySpeciesCreate."""
    intr = CTX.realm.intr
    default = intr[exemplar.kind + "Array"]
    c = species_constructor(exemplar, default)
    if c is default and len(args) == 1:
        return typed_array_create(exemplar.kind, int(args[0]))
    return typed_array_create_from_constructor(c, args, method)
