"""The binary and unary operators (ES2017 12.5-12.12) on JS values."""
from __future__ import annotations

import math
from typing import Any, Callable

from ..values import JSObject
from .comparison import less_than, loose_equals, strict_equals
from .errors import type_error
from .type_conversion import (to_display, to_int32, to_number, to_primitive, to_property_key,
                              to_string, to_uint32)
from .errors import range_error
from ..runtime import CTX
from .object_operations import instance_of  # noqa: F401  (the instanceof operator)


BIG_STRING = 1 << 20


def big_string(r: str) -> str:
    """A concatenation result over BIG_STRING: check it against the length and heap limits."""
    if len(r) > 536870888:  # V8's String::kMaxLength
        raise range_error("Invalid string length")
    m = CTX.machine
    if m is not None:
        m.check_allocation(len(r))
    return r


def js_add(a: Any, b: Any) -> Any:
    """ES2017 12.8.3.1 the addition operator."""
    ta, tb = type(a), type(b)
    if ta is float and tb is float:
        return a + b
    if ta is str and tb is str:
        r = a + b
        return r if len(r) < BIG_STRING else big_string(r)
    a = to_primitive(a)
    b = to_primitive(b)
    if type(a) is str or type(b) is str:
        r = to_string(a) + to_string(b)
        return r if len(r) < BIG_STRING else big_string(r)
    return to_number(a) + to_number(b)


def js_sub(a: Any, b: Any) -> float:
    return to_number(a) - to_number(b)


def js_mul(a: Any, b: Any) -> float:
    a = to_number(a)
    b = to_number(b)
    try:
        return a * b
    except OverflowError:  # pragma: no cover - float mul does not raise
        return math.inf


def js_div(a: Any, b: Any) -> float:
    """ES2017 12.7.3.2 division, IEEE 754 semantics."""
    a = to_number(a)
    b = to_number(b)
    if b == 0:
        if a == 0 or a != a:
            return math.nan
        neg = (math.copysign(1, a) < 0) != (math.copysign(1, b) < 0)
        return -math.inf if neg else math.inf
    return a / b


def js_mod(a: Any, b: Any) -> float:
    """ES2017 12.7.3.3 remainder: sign of the dividend."""
    a = to_number(a)
    b = to_number(b)
    if b == 0 or a != a or b != b or a in (math.inf, -math.inf):
        return math.nan
    if b in (math.inf, -math.inf):
        return a
    if a == 0:
        return a
    r = math.fmod(a, b)
    if r == 0:
        return math.copysign(0.0, a)
    return r


def js_pow(a: Any, b: Any) -> float:
    """ES2017 12.7.3.4 exponentiation (Math.pow semantics)."""
    a = to_number(a)
    b = to_number(b)
    return number_pow(a, b)


def number_pow(a: float, b: float) -> float:
    if b != b:
        return math.nan
    if b == 0:
        return 1.0
    if (a == 1 or a == -1) and b in (math.inf, -math.inf):
        return math.nan
    if a != a:
        return math.nan
    try:
        r = math.pow(a, b)
    except OverflowError:
        if a < 0 and b.is_integer() and int(b) % 2 == 1:
            return -math.inf
        return math.inf
    except ValueError:
        # 0 ** negative, or negative ** non-integer
        if a == 0:
            if b < 0:
                odd = b.is_integer() and int(b) % 2 == 1
                return -math.inf if (odd and math.copysign(1, a) < 0) else math.inf
        return math.nan
    return r


def js_lshift(a: Any, b: Any) -> float:
    r = (to_int32(a) << (to_uint32(b) & 31)) & 0xFFFFFFFF
    return float(r - 0x100000000 if r & 0x80000000 else r)


def js_rshift(a: Any, b: Any) -> float:
    return float(to_int32(a) >> (to_uint32(b) & 31))


def js_urshift(a: Any, b: Any) -> float:
    return float(to_uint32(a) >> (to_uint32(b) & 31))


def _i32(r: int) -> float:
    r &= 0xFFFFFFFF
    return float(r - 0x100000000 if r & 0x80000000 else r)


def js_bitand(a: Any, b: Any) -> float:
    return _i32(to_int32(a) & to_int32(b))


def js_bitor(a: Any, b: Any) -> float:
    return _i32(to_int32(a) | to_int32(b))


def js_bitxor(a: Any, b: Any) -> float:
    return _i32(to_int32(a) ^ to_int32(b))


def js_lt(a: Any, b: Any) -> bool:
    if type(a) is float and type(b) is float:
        return a < b
    r = less_than(a, b, True)
    return r is True


def js_gt(a: Any, b: Any) -> bool:
    if type(a) is float and type(b) is float:
        return a > b
    r = less_than(b, a, False)
    return r is True


def js_le(a: Any, b: Any) -> bool:
    if type(a) is float and type(b) is float:
        return a <= b
    r = less_than(b, a, False)
    return r is False


def js_ge(a: Any, b: Any) -> bool:
    if type(a) is float and type(b) is float:
        return a >= b
    r = less_than(a, b, True)
    return r is False


def js_eq(a: Any, b: Any) -> bool:
    return loose_equals(a, b)


def js_ne(a: Any, b: Any) -> bool:
    return not loose_equals(a, b)


def js_seq(a: Any, b: Any) -> bool:
    return strict_equals(a, b)


def js_sne(a: Any, b: Any) -> bool:
    return not strict_equals(a, b)


def js_in(a: Any, b: Any) -> bool:
    """ES2017 12.10.3 the `in` operator."""
    if not isinstance(b, JSObject):
        raise type_error(f"Cannot use 'in' operator to search for '{to_string(a) if type(a) is str else to_display(a)}' in {to_display(b)}")
    return b.has_property(to_property_key(a))


BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": js_add, "-": js_sub, "*": js_mul, "/": js_div, "%": js_mod, "**": js_pow,
    "<<": js_lshift, ">>": js_rshift, ">>>": js_urshift, "&": js_bitand, "|": js_bitor,
    "^": js_bitxor, "<": js_lt, ">": js_gt, "<=": js_le, ">=": js_ge, "==": js_eq, "!=": js_ne,
    "===": js_seq, "!==": js_sne, "instanceof": instance_of, "in": js_in,
}


def js_neg(v: Any) -> float:
    return -to_number(v)


def js_bitnot(v: Any) -> float:
    return float(~to_int32(v))
