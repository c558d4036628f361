"""Number to string conversions.

* ES2017 7.1.12.1 NumberToString: https://tc39.es/ecma262/2017/#sec-tostring-applied-to-the-number-type
* radix output of Number.prototype.toString(radix): a port of V8's ``DoubleToRadixCString``
  (src/numbers/conversions.cc), the algorithm node uses, so that the digits match exactly
* ES2017 20.1.3.3 toFixed, 20.1.3.2 toExponential, 20.1.3.5 toPrecision, computed with exact
  rational arithmetic on the double's value (``fractions.Fraction``)
* the en-US ``toLocaleString`` layout (grouping, at most three fraction digits)

The functions here take already-validated Python arguments; range checks and their
RangeErrors live in ``builtins/number.py`` (they must run in the spec's order).
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def shortest_digits(x: float) -> tuple[str, int]:
    """The spec's (s, n) for finite x > 0: the shortest digit string s (k = len(s)) such that
    s * 10**(n - k) round-trips to x (ES2017 7.1.12.1 step 5).  ``repr`` gives the shortest
    round-trip digits, choosing the closest candidate as V8 does."""
    r = repr(x)
    if "e" in r:
        mant, exp = r.split("e")
        e = int(exp)
    else:
        mant, e = r, 0
    ip, _, fp = mant.partition(".")
    if fp == "0":
        fp = ""
    allds = ip + fp
    stripped = allds.lstrip("0")
    n = len(ip) + e - (len(allds) - len(stripped))
    return stripped.rstrip("0") or "0", n


def number_to_string(x: float, radix: int = 10) -> str:
    """ES2017 7.1.12.1 NumberToString (radix 10), plus radix output for toString(radix)."""
    if x != x:
        return "NaN"
    if x == 0:
        return "0"
    if x == math.inf:
        return "Infinity"
    if x == -math.inf:
        return "-Infinity"
    if radix != 10:
        return double_to_radix_string(x, radix)
    if x < 0:
        return "-" + number_to_string(-x)
    if x < 9007199254740992.0 and x.is_integer():
        return str(int(x))
    digits, n = shortest_digits(x)
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    sign = "+" if e >= 0 else "-"
    if k == 1:
        return f"{digits}e{sign}{abs(e)}"
    return f"{digits[0]}.{digits[1:]}e{sign}{abs(e)}"


def _v8_exponent(d: float) -> int:
    """V8 ``Double::Exponent()``: the exponent of d = significand * 2**e (53-bit significand)."""
    if d == 0 or abs(d) < 2.2250738585072014e-308:
        return -1074
    return math.frexp(d)[1] - 53


def double_to_radix_string(value: float, radix: int) -> str:
    """V8's DoubleToRadixCString for finite, nonzero ``value`` and 2 <= radix <= 36."""
    negative = value < 0
    if negative:
        value = -value
    integer = float(math.floor(value))
    fraction = value - integer
    # fractional digits only up to the input double's precision
    delta = 0.5 * (math.nextafter(value, math.inf) - value)
    delta = max(math.nextafter(0.0, 1.0), delta)
    frac: list[int] = []
    if fraction >= delta:
        while True:
            fraction *= radix
            delta *= radix
            digit = int(fraction)
            frac.append(digit)
            fraction -= digit
            # round to even
            if fraction > 0.5 or (fraction == 0.5 and (digit & 1)):
                if fraction + delta > 1:
                    # carry over into the digits already written
                    while True:
                        if not frac:
                            integer += 1
                            break
                        d = frac.pop()
                        if d + 1 < radix:
                            frac.append(d + 1)
                            break
                    break
            if not fraction >= delta:
                break
    # integer digits; digits below the double's precision are zeros
    int_digits: list[str] = []
    while _v8_exponent(integer / radix) > 0:
        integer /= radix
        int_digits.append("0")
    while True:
        remainder = math.fmod(integer, radix)
        int_digits.append(_DIGITS[int(remainder)])
        integer = (integer - remainder) / radix
        if not integer > 0:
            break
    s = "".join(reversed(int_digits))
    if frac:
        s += "." + "".join(_DIGITS[d] for d in frac)
    return "-" + s if negative else s


def _round_half_up(q: Fraction) -> int:
    """The integer nearest q >= 0, the larger one on a tie (the spec's "larger n")."""
    return math.floor(q + Fraction(1, 2))


def to_fixed(x: float, f: int) -> str:
    """ES2017 20.1.3.3 steps 5-12 (x finite or not, 0 <= f <= 100)."""
    if x != x:
        return "NaN"
    if abs(x) >= 1e21:
        return number_to_string(x)
    s = ""
    if x < 0:
        s = "-"
        x = -x
    n = _round_half_up(Fraction(x) * 10 ** f)
    m = "0" if n == 0 else str(n)
    if f != 0:
        k = len(m)
        if k <= f:
            m = "0" * (f + 1 - k) + m
            k = f + 1
        m = m[:k - f] + "." + m[k - f:]
    return s + m


def _exact_digits(x: float, p: int) -> tuple[str, int]:
    """For x > 0: (n as p digits, e) with 10**(p-1) <= n < 10**p and n * 10**(e-p+1) nearest x
    (the larger n on a tie)."""
    fx = Fraction(x)
    e = math.floor(math.log10(x))
    # correct the float estimate of the decimal exponent
    while fx >= Fraction(10) ** (e + 1):
        e += 1
    while fx < Fraction(10) ** e:
        e -= 1
    n = _round_half_up(fx * Fraction(10) ** (p - 1 - e))
    if n >= 10 ** p:
        n //= 10
        e += 1
    return str(n), e


def to_exponential(x: float, f: int | None) -> str:
    """ES2017 20.1.3.2 steps 4-15 for finite x; ``f`` None means "as many digits as needed"."""
    s = ""
    if x < 0:
        s = "-"
        x = -x
    if x == 0:
        m = "0" * ((f or 0) + 1)
        e = 0
    elif f is None:
        m, n = shortest_digits(x)
        e = n - 1
    else:
        m, e = _exact_digits(x, f + 1)
    if len(m) > 1:
        m = m[0] + "." + m[1:]
    return f"{s}{m}e{'+' if e >= 0 else '-'}{abs(e)}"


def to_precision(x: float, p: int) -> str:
    """ES2017 20.1.3.5 steps 5-13 for finite x and 1 <= p <= 100."""
    s = ""
    if x < 0:
        s = "-"
        x = -x
    if x == 0:
        m = "0" * p
        e = 0
    else:
        m, e = _exact_digits(x, p)
        if e < -6 or e >= p:
            if p != 1:
                m = m[0] + "." + m[1:]
            return f"{s}{m}e{'+' if e >= 0 else '-'}{abs(e)}"
    if e == p - 1:
        return s + m
    if e >= 0:
        return s + m[:e + 1] + "." + m[e + 1:]
    return s + "0." + "0" * (-(e + 1)) + m


def to_locale_string(x: float) -> str:
    """Number.prototype.toLocaleString() as node's ICU formats it for en-US: grouping by
    thousands and at most three fraction digits, rounding the shortest decimal half away
    from zero."""
    if x != x:
        return "NaN"
    if x in (math.inf, -math.inf):
        return "-\u221e" if x < 0 else "\u221e"
    neg = x < 0 or (x == 0 and math.copysign(1.0, x) < 0)
    digits, n = shortest_digits(abs(x)) if x != 0 else ("0", 1)
    d = Decimal(f"{digits}e{n - len(digits)}").quantize(
        Decimal("0.001"), rounding=ROUND_HALF_UP, context=Context(prec=400))
    ip, _, fp = f"{d:f}".partition(".")
    fp = fp.rstrip("0")
    groups = []
    while len(ip) > 3:
        groups.append(ip[-3:])
        ip = ip[:-3]
    groups.append(ip)
    out = ",".join(reversed(groups))
    if fp:
        out += "." + fp
    return ("-" if neg else "") + out


# -- BigInt digits ------------------------------------------------------------------------------
# Python refuses int <-> decimal str past 4300 digits (sys.int_max_str_digits, a guard
# against quadratic conversions); BigInts may be longer, so long ones go in pieces of at
# most _CHUNK digits, split by divide and conquer (the process-wide limit stays as it is).
_CHUNK = 2048
_STR_SAFE = 10 ** 4000   # below the 4300-digit limit


def bigint_to_string(v: int, radix: int = 10) -> str:
    """ES2023 6.1.6.2.23 BigInt::toString ( x, radix ): lowercase digits, a leading "-"."""
    if v < 0:
        return "-" + bigint_to_string(-v, radix)
    if radix == 10:
        if v.bit_length() < 6000:   # under 1807 digits: one str() call
            return str(v)
        return _decimal_pieces(v, _CHUNK)
    if radix == 16:
        return format(v, "x")
    if radix == 2:
        return format(v, "b")
    if radix == 8:
        return format(v, "o")
    if v == 0:
        return "0"
    out = []
    # a big power of the radix per divmod keeps this near-linear in Python's C loops
    step = max(1, 60 // radix.bit_length())
    big = radix ** step
    while v:
        v, r = divmod(v, big)
        piece = []
        for _ in range(step):
            r, d = divmod(r, radix)
            piece.append(_DIGITS[d])
        out.append("".join(reversed(piece)))
    return "".join(reversed(out)).lstrip("0") or "0"


def _decimal_pieces(v: int, width: int) -> str:
    """Decimal digits of v >= 0 without leading zeros, by splitting at 10**k."""
    if v < _STR_SAFE:
        return str(v)
    k = width
    while 10 ** (2 * k) <= v:
        k *= 2
    hi, lo = divmod(v, 10 ** k)
    return _decimal_pieces(hi, width) + _decimal_pieces(lo, width).rjust(k, "0")


def decimal_digits_to_int(digits: str) -> int:
    """The integer of a string of ASCII decimal digits, however long."""
    if len(digits) <= _CHUNK:
        return int(digits)
    half = len(digits) // 2
    return decimal_digits_to_int(digits[:-half] or "0") * 10 ** half + \
        decimal_digits_to_int(digits[-half:])


def bigint_to_locale_string(v: int) -> str:
    """BigInt.prototype.toLocaleString() as node's ICU formats it for en-US: thousands grouped."""
    s = bigint_to_string(abs(v))
    groups = []
    while len(s) > 3:
        groups.append(s[-3:])
        s = s[:-3]
    groups.append(s)
    return ("-" if v < 0 else "") + ",".join(reversed(groups))
