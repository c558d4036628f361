"""The Number constructor and Number.prototype (ES2017 20.1).

https://tc39.es/ecma262/2017/#sec-number-objects

The digit algorithms are in ``operations/number_format.py``; this module does the
argument conversions and range checks in the spec's order.  Digit limits follow node
(0..100, ES2018+), not ES2017's 0..20, so that programs behave as they do in node.
"""
from __future__ import annotations

import math
from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.errors import range_error, type_error
from ..operations.number_format import (number_to_string, to_exponential, to_fixed,
                                        to_locale_string, to_precision)
from ..operations.object_operations import get_prototype_from_constructor
from ..operations.bigint import big_int_to_number
from ..operations.type_conversion import to_integer, to_number, to_numeric
from ..values import JSPrimitiveObject

MAX_SAFE_INTEGER = 9007199254740991.0


@native("Number", 1, ctor=True)
def number_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2023 21.1.1.1 Number ( value ): ToNumeric, a BigInt converted to the nearest Number."""
    n = to_numeric(args[0]) if args else 0.0
    if type(n) is int:
        n = big_int_to_number(n)
    if new_target is None:
        return n
    return JSPrimitiveObject(get_prototype_from_constructor(new_target, "NumberPrototype"),
                             "Number", n)


# -- 20.1.2 properties of the Number constructor ----------------------------------------------

@native("Number.isFinite", 1)
def number_is_finite(this: Any, args: list) -> Any:
    """ES2017 20.1.2.2 Number.isFinite ( number )."""
    n = arg(args, 0)
    return type(n) is float and n == n and n not in (math.inf, -math.inf)


@native("Number.isInteger", 1)
def number_is_integer(this: Any, args: list) -> Any:
    """ES2017 20.1.2.3 Number.isInteger ( number )."""
    n = arg(args, 0)
    return type(n) is float and n == n and n not in (math.inf, -math.inf) and n.is_integer()


@native("Number.isNaN", 1)
def number_is_nan(this: Any, args: list) -> Any:
    """ES2017 20.1.2.4 Number.isNaN ( number )."""
    n = arg(args, 0)
    return type(n) is float and n != n


@native("Number.isSafeInteger", 1)
def number_is_safe_integer(this: Any, args: list) -> Any:
    """ES2017 20.1.2.5 Number.isSafeInteger ( number )."""
    n = arg(args, 0)
    return (type(n) is float and n == n and n not in (math.inf, -math.inf) and n.is_integer()
            and abs(n) <= MAX_SAFE_INTEGER)


# -- 20.1.3 properties of the Number prototype object -----------------------------------------

def this_number_value(v: Any, method: str) -> float:
    """ES2017 20.1.3 thisNumberValue ( value )."""
    if type(v) is float:
        return v
    if isinstance(v, JSPrimitiveObject) and v.cls == "Number":
        return v.value
    raise type_error(f"{method} requires that 'this' be a Number")


def _special(x: float) -> Any:
    """"NaN" / "Infinity" / "-Infinity" for a non-finite x, else None."""
    if x != x:
        return "NaN"
    if x == math.inf:
        return "Infinity"
    if x == -math.inf:
        return "-Infinity"
    return None


@native("Number.prototype.toExponential", 1)
def number_proto_to_exponential(this: Any, args: list) -> Any:
    """ES2017 20.1.3.2 Number.prototype.toExponential ( fractionDigits )."""
    x = this_number_value(this, "Number.prototype.toExponential")
    fd = arg(args, 0)
    f = to_integer(fd)
    sp = _special(x)
    if sp is not None:
        return sp
    if f < 0 or f > 100:
        raise range_error("toExponential() argument must be between 0 and 100")
    return to_exponential(x, None if fd is None else int(f))


@native("Number.prototype.toFixed", 1)
def number_proto_to_fixed(this: Any, args: list) -> Any:
    """ES2017 20.1.3.3 Number.prototype.toFixed ( fractionDigits )."""
    x = this_number_value(this, "Number.prototype.toFixed")
    f = to_integer(arg(args, 0))
    if f < 0 or f > 100:
        raise range_error("toFixed() digits argument must be between 0 and 100")
    return to_fixed(x, int(f))


@native("Number.prototype.toLocaleString", 0)
def number_proto_to_locale_string(this: Any, args: list) -> Any:
    """ES2017 20.1.3.4 Number.prototype.toLocaleString: node's en-US layout (locales and
    options are ignored)."""
    return to_locale_string(this_number_value(this, "Number.prototype.toLocaleString"))


@native("Number.prototype.toPrecision", 1)
def number_proto_to_precision(this: Any, args: list) -> Any:
    """ES2017 20.1.3.5 Number.prototype.toPrecision ( precision )."""
    x = this_number_value(this, "Number.prototype.toPrecision")
    precision = arg(args, 0)
    if precision is None:
        return number_to_string(x)
    p = to_integer(precision)
    sp = _special(x)
    if sp is not None:
        return sp
    if p < 1 or p > 100:
        raise range_error("toPrecision() argument must be between 1 and 100")
    return to_precision(x, int(p))


@native("Number.prototype.toString", 1)
def number_proto_to_string(this: Any, args: list) -> Any:
    """ES2017 20.1.3.6 Number.prototype.toString ( [ radix ] )."""
    x = this_number_value(this, "Number.prototype.toString")
    radix = arg(args, 0)
    r = 10.0 if radix is None else to_integer(radix)
    if r < 2 or r > 36:
        raise range_error("toString() radix argument must be between 2 and 36")
    return number_to_string(x, int(r))


@native("Number.prototype.valueOf", 0)
def number_proto_value_of(this: Any, args: list) -> Any:
    """ES2017 20.1.3.7 Number.prototype.valueOf ( )."""
    return this_number_value(this, "Number.prototype.valueOf")


_CONSTANTS = {
    "EPSILON": 2.0 ** -52,
    "MAX_SAFE_INTEGER": MAX_SAFE_INTEGER,
    "MAX_VALUE": 1.7976931348623157e308,
    "MIN_SAFE_INTEGER": -MAX_SAFE_INTEGER,
    "MIN_VALUE": 5e-324,
    "NaN": math.nan,
    "NEGATIVE_INFINITY": -math.inf,
    "POSITIVE_INFINITY": math.inf,
}


def setup(realm: Any) -> None:
    # ES2017 20.1.3: Number.prototype is itself a Number object whose value is +0
    proto = JSPrimitiveObject(realm.object_prototype, "Number", 0.0)
    ctor = realm.constructor("Number", "Number", proto)
    for name, value in _CONSTANTS.items():
        ctor.put_hidden(name, value, 0)  # non-writable, non-enumerable, non-configurable
    for name in ("isFinite", "isInteger", "isNaN", "isSafeInteger"):
        realm.method(ctor, name, "Number." + name)
    for name in ("toExponential", "toFixed", "toLocaleString", "toPrecision", "toString",
                 "valueOf"):
        realm.method(proto, name, "Number.prototype." + name)


def post_setup(realm: Any) -> None:
    """ES2017 20.1.2.12/13: Number.parseFloat and Number.parseInt are the same function
    objects as the globals (made later by ``global_functions.py``)."""
    ctor = realm.intr["Number"]
    for name in ("parseFloat", "parseInt"):
        f = realm.intr.get(name)
        if f is not None:
            ctor.put_hidden(name, f)
