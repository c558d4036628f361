"""The BigInt constructor and BigInt.prototype (ES2023 21.2).

https://tc39.es/ecma262/2023/#sec-bigint-objects

BigInt values are Python ints (see ``operations/bigint.py``); a boxed BigInt
(``Object(1n)``) is a ``JSPrimitiveObject`` of class "BigInt".
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.bigint import (as_int_n, as_uint_n, number_to_big_int, this_big_int_value,
                                 to_big_int)
from ..operations.errors import range_error, type_error
from ..operations.number_format import bigint_to_locale_string, bigint_to_string
from ..operations.buffers import to_index
from ..operations.type_conversion import to_integer, to_primitive
from ..values import SYM_TO_STRING_TAG, C, JSObject


@native("BigInt", 1, ctor=True)
def big_int_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2023 21.2.1.1 BigInt ( value )."""
    if new_target is not None:
        raise type_error("BigInt is not a constructor")
    prim = to_primitive(arg(args, 0), "number")
    if type(prim) is float:
        return number_to_big_int(prim)
    return to_big_int(prim)


def _bits(v: Any) -> int:
    """ToIndex(bits) with V8's RangeError text."""
    return to_index(v, "Invalid value: not (convertible to) a safe integer")


@native("BigInt.asIntN", 2)
def big_int_as_int_n(this: Any, args: list) -> Any:
    """ES2023 21.2.2.1 BigInt.asIntN ( bits, bigint )."""
    bits = _bits(arg(args, 0))
    return as_int_n(bits, to_big_int(arg(args, 1)))


@native("BigInt.asUintN", 2)
def big_int_as_uint_n(this: Any, args: list) -> Any:
    """ES2023 21.2.2.2 BigInt.asUintN ( bits, bigint )."""
    bits = _bits(arg(args, 0))
    return as_uint_n(bits, to_big_int(arg(args, 1)))


@native("BigInt.prototype.toString", 0)
def big_int_proto_to_string(this: Any, args: list) -> Any:
    """ES2023 21.2.3.3 BigInt.prototype.toString ( [ radix ] )."""
    x = this_big_int_value(this, "BigInt.prototype.toString")
    radix = arg(args, 0)
    r = 10 if radix is None else to_integer(radix)
    if not 2 <= r <= 36:
        raise range_error("toString() radix argument must be between 2 and 36")
    return bigint_to_string(x, int(r))


@native("BigInt.prototype.toLocaleString", 0)
def big_int_proto_to_locale_string(this: Any, args: list) -> Any:
    """ES2023 21.2.3.2 BigInt.prototype.toLocaleString (node's en-US digits grouping)."""
    return bigint_to_locale_string(this_big_int_value(this, "BigInt.prototype.toLocaleString"))


@native("BigInt.prototype.valueOf", 0)
def big_int_proto_value_of(this: Any, args: list) -> Any:
    """ES2023 21.2.3.4 BigInt.prototype.valueOf ( )."""
    return this_big_int_value(this, "BigInt.prototype.valueOf")


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)   # an ordinary object, not a BigInt (21.2.3)
    ctor = realm.constructor("BigInt", "BigInt", proto)
    realm.method(ctor, "asUintN", "BigInt.asUintN")
    realm.method(ctor, "asIntN", "BigInt.asIntN")
    realm.method(proto, "toLocaleString", "BigInt.prototype.toLocaleString")
    realm.method(proto, "toString", "BigInt.prototype.toString")
    realm.method(proto, "valueOf", "BigInt.prototype.valueOf")
    proto.put_hidden(SYM_TO_STRING_TAG, "BigInt", C)
