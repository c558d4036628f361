"""The binary and unary operators (ES2017 12.5-12.12) on JS values.

Each operator's Number case comes first; BigInts (Python ints) take the slow branch that
ToNumeric ends in (ES2023 13.15.3 ApplyStringOrNumericBinaryOperator)."""
from __future__ import annotations

import math
from typing import Any, Callable

from ..values import JSObject
from .comparison import less_than, loose_equals, strict_equals
from .errors import type_error
from .bigint import BIGINT_BINARY, check_bits, mix_error
from .type_conversion import (to_display, to_int32, to_number, to_numeric, to_primitive,
                              to_property_key, to_string, to_uint32)
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


def check_append(a: str, b: str) -> None:
    """The limits of ``a + b`` built by appending ``b`` to ``a`` in place: V8's length limit,
    and the heap limit for the whole string (only ``b`` is new memory)."""
    n = len(a) + len(b)
    if n > 536870888:  # V8's String::kMaxLength
        raise range_error("Invalid string length")
    m = CTX.machine
    if m is not None:
        lim = m.limits
        if lim is not None and lim.max_heap_bytes is not None and n > lim.max_heap_bytes:
            m.check_allocation(n)
        m.charge(len(b))


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
    a = to_numeric(a)
    b = to_numeric(b)
    if type(a) is float and type(b) is float:
        return a + b
    return _big("+", a, b)


def _big(op: str, a: Any, b: Any) -> Any:
    """The operator on ToNumeric's results when one is a BigInt (ES2023 13.15.3 steps 5-8)."""
    if type(a) is not type(b):
        raise mix_error()
    return BIGINT_BINARY[op](a, b)


def js_sub(a: Any, b: Any) -> Any:
    if type(a) is float and type(b) is float:
        return a - b
    a = to_numeric(a)
    b = to_numeric(b)
    if type(a) is float and type(b) is float:
        return a - b
    return _big("-", a, b)


def js_mul(a: Any, b: Any) -> Any:
    if type(a) is not float or type(b) is not float:
        a = to_numeric(a)
        b = to_numeric(b)
        if type(a) is not float or type(b) is not float:
            return _big("*", a, b)
    return a * b


def js_div(a: Any, b: Any) -> Any:
    """ES2017 12.7.3.2 division, IEEE 754 semantics."""
    if type(a) is not float or type(b) is not float:
        a = to_numeric(a)
        b = to_numeric(b)
        if type(a) is not float or type(b) is not float:
            return _big("/", a, b)
    if b == 0:
        if a == 0 or a != a:
            return math.nan
        neg = (math.copysign(1, a) < 0) != (math.copysign(1, b) < 0)
        return -math.inf if neg else math.inf
    return a / b


def js_mod(a: Any, b: Any) -> float:
    """ES2017 12.7.3.3 remainder: sign of the dividend."""
    if type(a) is not float or type(b) is not float:
        a = to_numeric(a)
        b = to_numeric(b)
        if type(a) is not float or type(b) is not float:
            return _big("%", a, b)
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
    if type(a) is not float or type(b) is not float:
        a = to_numeric(a)
        b = to_numeric(b)
        if type(a) is not float or type(b) is not float:
            return _big("**", a, b)
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


def js_lshift(a: Any, b: Any) -> Any:
    if type(a) is not float or type(b) is not float:
        a = to_numeric(a)
        b = to_numeric(b)
        if type(a) is not float or type(b) is not float:
            return _big("<<", a, b)
    r = (to_int32(a) << (to_uint32(b) & 31)) & 0xFFFFFFFF
    return float(r - 0x100000000 if r & 0x80000000 else r)


def js_rshift(a: Any, b: Any) -> Any:
    if type(a) is not float or type(b) is not float:
        a = to_numeric(a)
        b = to_numeric(b)
        if type(a) is not float or type(b) is not float:
            return _big(">>", a, b)
    return float(to_int32(a) >> (to_uint32(b) & 31))


def js_urshift(a: Any, b: Any) -> Any:
    if type(a) is not float or type(b) is not float:
        a = to_numeric(a)
        b = to_numeric(b)
        if type(a) is not float or type(b) is not float:
            return _big(">>>", a, b)
    return float(to_uint32(a) >> (to_uint32(b) & 31))


def _i32(r: int) -> float:
    r &= 0xFFFFFFFF
    return float(r - 0x100000000 if r & 0x80000000 else r)


def js_bitand(a: Any, b: Any) -> Any:
    if type(a) is not float or type(b) is not float:
        a = to_numeric(a)
        b = to_numeric(b)
        if type(a) is not float or type(b) is not float:
            return _big("&", a, b)
    return _i32(to_int32(a) & to_int32(b))


def js_bitor(a: Any, b: Any) -> Any:
    if type(a) is not float or type(b) is not float:
        a = to_numeric(a)
        b = to_numeric(b)
        if type(a) is not float or type(b) is not float:
            return _big("|", a, b)
    return _i32(to_int32(a) | to_int32(b))


def js_bitxor(a: Any, b: Any) -> Any:
    if type(a) is not float or type(b) is not float:
        a = to_numeric(a)
        b = to_numeric(b)
        if type(a) is not float or type(b) is not float:
            return _big("^", a, b)
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


def js_neg(v: Any) -> Any:
    """ES2023 13.5.4.1 unary minus: Number::unaryMinus or BigInt::unaryMinus."""
    return -to_numeric(v)


def js_bitnot(v: Any) -> Any:
    """ES2023 13.5.6.1 bitwise NOT: Number::bitwiseNOT or BigInt::bitwiseNOT (-v - 1)."""
    n = v if type(v) is float else to_numeric(v)
    if type(n) is int:
        return ~n
    return float(~to_int32(n))


def js_increment(old: Any, delta: float) -> tuple:
    """ES2023 13.4.2.1-13.4.5.1 ++ and -- past the Number fast path: (OldValue, NewValue),
    OldValue = ToNumeric(the reference's value), NewValue = OldValue ± 1 of its own type."""
    n = to_numeric(old)
    if type(n) is int:
        new = n + 1 if delta > 0 else n - 1
        check_bits(new.bit_length())
        return n, new
    return n, n + delta
