"""BigInt values and their abstract operations (ES2023 6.1.6.2, 7.1.13-7.1.15, 21.2).

https://tc39.es/ecma262/2023/#sec-ecmascript-language-types-bigint-type

A BigInt is a Python ``int`` (never a ``bool``: every test is ``type(v) is int``).  JS
Numbers are always Python floats in this engine (natives return ``float(n)``, literals and
JSON give floats), so an ``int`` reaching JS code is a BigInt and nothing else: it pickles as
itself, and ``to_python`` hands it over unchanged.

Sizes follow V8: a BigInt of more than 2**30 bits is a RangeError ("Maximum BigInt size
exceeded"), checked before the big number is built; a result of more than a few KiB is
charged to the allocation meter like any other native allocation.
"""
from __future__ import annotations

import math
from typing import Any

from ..meter import SMALL, charge
from ..values import NULL, JSPrimitiveObject, JSSymbol
from .errors import range_error, syntax_error, type_error
from .number_format import decimal_digits_to_int, number_to_string
from .type_conversion import WHITESPACE, to_primitive

MAX_BIGINT_BITS = 1 << 30   # V8's BigInt::kMaxLengthBits


def mix_error() -> Any:
    """The TypeError of an operator given a BigInt and a Number (ES2023 13.15.3 step 5)."""
    return type_error("Cannot mix BigInt and other types, use explicit conversions")


def check_bits(bits: int) -> None:
    """A result of ``bits`` bits may be built: RangeError past V8's limit, else charge it."""
    if bits > MAX_BIGINT_BITS:
        raise range_error("Maximum BigInt size exceeded")
    if bits > SMALL * 8:
        charge(bits // 8)


# -- conversions ----------------------------------------------------------------------------------

def string_to_big_int(s: str) -> Any:
    """ES2023 7.1.14 StringToBigInt: an int, or None (undefined) when ``s`` is no
    StringIntegerLiteral (decimal with an optional sign, or 0x/0o/0b without one)."""
    s = s.strip(WHITESPACE)
    if not s:
        return 0
    if not s.isascii():
        return None
    c = s[:2].lower()
    if c in ("0x", "0o", "0b"):
        digits = s[2:]
        if not digits.isalnum():  # int() would take "_" and signs
            return None
        try:
            return int(digits, {"0x": 16, "0o": 8, "0b": 2}[c])
        except ValueError:
            return None
    body = s[1:] if s[0] in "+-" else s
    if not body.isdigit():
        return None
    n = decimal_digits_to_int(body)
    return -n if s[0] == "-" else n


def number_to_big_int(n: float) -> int:
    """ES2023 21.2.1.1.1 NumberToBigInt."""
    if n != n or n in (math.inf, -math.inf) or not n.is_integer():
        raise range_error(f"The number {number_to_string(n)} cannot be converted to a BigInt "
                          "because it is not an integer")
    return int(n)


def to_big_int(v: Any) -> int:
    """ES2023 7.1.13 ToBigInt."""
    prim = to_primitive(v, "number")
    t = type(prim)
    if t is int:
        return prim
    if t is bool:
        return 1 if prim else 0
    if t is str:
        n = string_to_big_int(prim)
        if n is None:
            raise syntax_error(f"Cannot convert {prim} to a BigInt")
        return n
    if prim is None or prim is NULL:
        shown = "undefined" if prim is None else "null"
    elif t is JSSymbol:
        shown = f"Symbol({prim.description or ''})"
    else:
        shown = number_to_string(prim)
    raise type_error(f"Cannot convert {shown} to a BigInt")


def big_int_to_number(v: int) -> float:
    """𝔽(ℝ(v)): round to nearest, ties to even (int -> float does), Infinity past the doubles."""
    try:
        return float(v)
    except OverflowError:
        return math.inf if v > 0 else -math.inf


def this_big_int_value(v: Any, method: str) -> int:
    """ES2023 21.2.3.4.1 ThisBigIntValue."""
    if type(v) is int:
        return v
    if isinstance(v, JSPrimitiveObject) and v.cls == "BigInt":
        return v.value
    raise type_error(f"{method} requires that 'this' be a BigInt")


def is_big_int_object(v: Any) -> bool:
    """An object with a [[BigIntData]] slot (a boxed BigInt)."""
    return isinstance(v, JSPrimitiveObject) and v.cls == "BigInt"


# -- ES2023 6.1.6.2 the BigInt type's operations --------------------------------------------------

def big_int_add(a: int, b: int) -> int:
    """ES2023 6.1.6.2.7 BigInt::add."""
    check_bits(max(a.bit_length(), b.bit_length()) + 1)
    return a + b


def big_int_subtract(a: int, b: int) -> int:
    """ES2023 6.1.6.2.8 BigInt::subtract."""
    check_bits(max(a.bit_length(), b.bit_length()) + 1)
    return a - b


def big_int_multiply(a: int, b: int) -> int:
    """ES2023 6.1.6.2.4 BigInt::multiply."""
    if a and b:
        check_bits(a.bit_length() + b.bit_length())
    return a * b


def big_int_divide(a: int, b: int) -> int:
    """ES2023 6.1.6.2.5 BigInt::divide: the quotient rounded toward zero."""
    if b == 0:
        raise range_error("Division by zero")
    q = abs(a) // abs(b)
    return -q if (a < 0) != (b < 0) else q


def big_int_remainder(a: int, b: int) -> int:
    """ES2023 6.1.6.2.6 BigInt::remainder: the sign of the dividend."""
    if b == 0:
        raise range_error("Division by zero")
    r = abs(a) % abs(b)
    return -r if a < 0 else r


def big_int_exponentiate(base: int, exponent: int) -> int:
    """ES2023 6.1.6.2.3 BigInt::exponentiate."""
    if exponent < 0:
        raise range_error("undefined must be positive")   # node 20's words, sic
    if exponent == 0 or base == 1:
        return 1
    if base == 0:
        return 0
    if base == -1:
        return -1 if exponent & 1 else 1
    if exponent > MAX_BIGINT_BITS:
        raise range_error("Maximum BigInt size exceeded")
    check_bits(int(exponent * math.log2(abs(base))) + 1)
    return base ** exponent


def big_int_left_shift(a: int, b: int) -> int:
    """ES2023 6.1.6.2.9 BigInt::leftShift (a negative count shifts right, flooring)."""
    if b < 0:
        return a >> -b if -b < a.bit_length() + 1 else (-1 if a < 0 else 0)
    if a == 0:
        return 0
    check_bits(a.bit_length() + b)
    return a << b


def big_int_signed_right_shift(a: int, b: int) -> int:
    """ES2023 6.1.6.2.10 BigInt::signedRightShift."""
    return big_int_left_shift(a, -b)


def big_int_unsigned_right_shift(a: int, b: int) -> int:
    """ES2023 6.1.6.2.11 BigInt::unsignedRightShift: always a TypeError."""
    raise type_error("BigInts have no unsigned right shift, use >> instead")


def big_int_bitwise_and(a: int, b: int) -> int:
    """ES2023 6.1.6.2.20 BigInt::bitwiseAND (Python's ints are two's complement too)."""
    return a & b


def big_int_bitwise_or(a: int, b: int) -> int:
    """ES2023 6.1.6.2.22 BigInt::bitwiseOR."""
    return a | b


def big_int_bitwise_xor(a: int, b: int) -> int:
    """ES2023 6.1.6.2.21 BigInt::bitwiseXOR."""
    return a ^ b


BIGINT_BINARY: dict[str, Any] = {
    "+": big_int_add, "-": big_int_subtract, "*": big_int_multiply, "/": big_int_divide,
    "%": big_int_remainder, "**": big_int_exponentiate, "<<": big_int_left_shift,
    ">>": big_int_signed_right_shift, ">>>": big_int_unsigned_right_shift,
    "&": big_int_bitwise_and, "|": big_int_bitwise_or, "^": big_int_bitwise_xor,
}


def as_int_n(bits: int, v: int) -> int:
    """ES2023 21.2.2.1 BigInt.asIntN steps 3-4: v modulo 2**bits, as a signed number."""
    if bits == 0:
        return 0
    if v.bit_length() < bits:   # already in range (also for huge ``bits``)
        return v
    mod = v & ((1 << bits) - 1)
    return mod - (1 << bits) if mod >> (bits - 1) else mod


def as_uint_n(bits: int, v: int) -> int:
    """ES2023 21.2.2.2 BigInt.asUintN step 3: v modulo 2**bits."""
    if v >= 0 and v.bit_length() <= bits:
        return v
    check_bits(bits)
    return v & ((1 << bits) - 1)
