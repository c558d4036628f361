"""The Math object (ES2017 20.2).

https://tc39.es/ecma262/2017/#sec-math-object

Python's ``math`` raises where JS returns NaN or an infinity, and turns ints into
floats on the way out; the wrappers here restore the JS edge cases (NaN propagation,
signed zeros, overflow to Infinity).

Math.random is an xorshift128+ generator (as in V8) whose state is a pair of ints kept
on the realm (``realm.random_state``), so a paused and pickled run resumes with the
same sequence; ``seed_random(realm, seed)`` makes runs reproducible.
"""
from __future__ import annotations

import math
import os
import struct
from typing import Any, Callable

from ..helpers import arg
from ..natives import native
from ..operations.operators import number_pow
from ..operations.type_conversion import to_number, to_uint32
from ..runtime import CTX
from ..values import C, SYM_TO_STRING_TAG, JSObject

INF = math.inf
NAN = math.nan
_MASK64 = (1 << 64) - 1


def _finite(x: float) -> bool:
    return x == x and x != INF and x != -INF


def _wrap(f: Callable[[float], float], domain: Callable[[float], float]) -> Callable[[float], float]:
    """``f`` with ValueError/OverflowError mapped through ``domain(x)`` to a JS result."""
    def g(x: float) -> float:
        try:
            return float(f(x))
        except (ValueError, OverflowError):
            return domain(x)
    return g


def _nan(x: float) -> float:
    return NAN


def _log_domain(x: float) -> float:
    # log(±0) is -Infinity, log of a negative number is NaN
    return -INF if x == 0 else NAN


def _overflow_signed(x: float) -> float:
    return INF if x > 0 else -INF if x < 0 else NAN


def _atanh_domain(x: float) -> float:
    if x == 1:
        return INF
    if x == -1:
        return -INF
    return NAN


def _log1p_domain(x: float) -> float:
    return -INF if x == -1 else NAN


def _round_toward(f: Callable[[float], Any]) -> Callable[[float], float]:
    """ceil/floor/trunc keeping NaN, infinities and the sign of a zero result."""
    def g(x: float) -> float:
        if not _finite(x) or x == 0:
            return x
        r = float(f(x))
        if r == 0:
            return math.copysign(0.0, x)
        return r
    return g


def _exp(x: float) -> float:
    try:
        return math.exp(x)
    except OverflowError:
        return INF


def _expm1(x: float) -> float:
    try:
        return math.expm1(x)
    except OverflowError:
        return INF


def _cosh(x: float) -> float:
    try:
        return math.cosh(x)
    except OverflowError:
        return INF


def _math_round(x: float) -> float:
    """ES2017 20.2.2.28 Math.round: floor(x + 0.5) computed exactly; -0 for -0.5 <= x < 0."""
    if not _finite(x) or x == 0:
        return x
    if -0.5 <= x < 0:
        return -0.0
    fl = float(math.floor(x))
    r = fl + 1.0 if x - fl >= 0.5 else fl
    return r


def _sign(x: float) -> float:
    if x != x or x == 0:
        return x
    return 1.0 if x > 0 else -1.0


def _fround(x: float) -> float:
    if not _finite(x):
        return x
    try:
        return struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        return math.copysign(INF, x)


def _cbrt(x: float) -> float:
    """fdlibm/FreeBSD s_cbrt.c as ported in V8 (base/ieee754.cc), bit for bit."""
    b = struct.unpack("<Q", struct.pack("<d", x))[0]
    hx = b >> 32
    low = b & 0xFFFFFFFF
    sign = hx & 0x80000000
    hx ^= sign
    if hx >= 0x7FF00000:
        return x + x
    if hx < 0x00100000:
        if (hx | low) == 0:
            return x
        t = 2.0 ** 54 * x
        high = struct.unpack("<Q", struct.pack("<d", t))[0] >> 32
        t = _from_words(sign | ((high & 0x7FFFFFFF) // 3 + 696219795), 0)
    else:
        t = _from_words(sign | (hx // 3 + 715094163), 0)
    r = (t * t) * (t / x)
    t = t * ((1.87595182427177009643 + r * (-1.88497979543377169875 + r * 1.621429720105354466140))
             + ((r * r) * r) * (-0.758397934778766047437 + r * 0.145996192886612446982))
    u = struct.unpack("<Q", struct.pack("<d", t))[0]
    u = (u + 0x80000000) & 0xFFFFFFFFC0000000
    t = struct.unpack("<d", struct.pack("<Q", u))[0]
    s = t * t
    r = x / s
    w = t + t
    r = (r - t) / (w + r)
    return t + t * r


def _from_words(high: int, low: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", (high << 32) | low))[0]


# -- log and log10 as V8 computes them ------------------------------------------------------

LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
TWO54 = 1.80143985094819840000e+16
LG1, LG2, LG3 = 6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01
LG4, LG5 = 2.222219843214978396e-01, 1.818357216161805012e-01
LG6, LG7 = 1.531383769920937332e-01, 1.479819860511658591e-01
def _words(x: float) -> tuple:
    b = struct.unpack("<Q", struct.pack("<d", x))[0]
    hx = b >> 32
    if hx & 0x80000000:
        hx -= 1 << 32   # the signed high word, as fdlibm reads it
    return hx, b & 0xFFFFFFFF
def _log_prologue(x: float) -> tuple:
    """What fdlibm's log and log10 share: ``(result, x, hx, lx, k)``, where ``result`` is
    the answer for zero, negatives, infinities and NaN (else None) and a subnormal ``x`` is
    scaled by 2**54 (``k`` = -54)."""
    hx, lx = _words(x)
    k = 0
    if hx < 0x00100000:
        if ((hx & 0x7FFFFFFF) | lx) == 0:
            return -math.inf, x, hx, lx, k
        if hx < 0:
            return math.nan, x, hx, lx, k
        k -= 54
        x *= TWO54
        hx, lx = _words(x)
    if hx >= 0x7FF00000:
        return x + x, x, hx, lx, k
    return None, x, hx, lx, k


def _log(x: float) -> float:
    """fdlibm e_log.c as ported in V8 (base/ieee754.cc), bit for bit (glibc's log differs in
    the last bit for about 4% of arguments)."""
    special, x, hx, lx, k = _log_prologue(x)
    if special is not None:
        return special
    k += (hx >> 20) - 1023
    hx &= 0x000FFFFF
    i = (hx + 0x95F64) & 0x100000
    x = _from_words(hx | (i ^ 0x3FF00000), lx)
    k += i >> 20
    f = x - 1.0
    if (0x000FFFFF & (2 + hx)) < 3:
        if f == 0.0:
            return 0.0 if k == 0 else k * LN2_HI + k * LN2_LO
        R = f * f * (0.5 - 0.33333333333333333 * f)
        return f - R if k == 0 else k * LN2_HI - ((R - k * LN2_LO) - f)
    s = f / (2.0 + f)
    dk = float(k)
    z = s * s
    i = hx - 0x6147A
    w = z * z
    j = 0x6B851 - hx
    t1 = w * (LG2 + w * (LG4 + w * LG6))
    t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)))
    i |= j
    R = t2 + t1
    if i > 0:
        hfsq = 0.5 * f * f
        if k == 0:
            return f - (hfsq - s * (hfsq + R))
        return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f)
    if k == 0:
        return f - s * (f - R)
    return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f)


IVLN10 = 4.34294481903251816668e-01
LOG10_2HI = 3.01029995663611771306e-01
LOG10_2LO = 3.69423907715893078616e-13


def _log10(x: float) -> float:
    """FreeBSD e_log10.c as ported in V8 (base/ieee754.cc), on _log: bit for bit."""
    special, x, hx, lx, k = _log_prologue(x)
    if special is not None:
        return special
    if hx == 0x3FF00000 and lx == 0:
        return 0.0
    k += (hx >> 20) - 1023
    i = 1 if k < 0 else 0
    y = float(k + i)
    x = _from_words((hx & 0x000FFFFF) | ((0x3FF - i) << 20), lx)
    return (y * LOG10_2LO + IVLN10 * _log(x)) + y * LOG10_2HI


def _clz32(x: float) -> float:
    return float(32 - to_uint32(x).bit_length())


# name -> (function of one number); every argument goes through ToNumber first
_UNARY: dict[str, Callable[[float], float]] = {
    "abs": math.fabs,
    "acos": _wrap(math.acos, _nan),
    "acosh": _wrap(math.acosh, _nan),
    "asin": _wrap(math.asin, _nan),
    "asinh": math.asinh,
    "atan": math.atan,
    "atanh": _wrap(math.atanh, _atanh_domain),
    "cbrt": _cbrt,
    "ceil": _round_toward(math.ceil),
    "cos": _wrap(math.cos, _nan),
    "cosh": _cosh,
    "exp": _exp,
    "expm1": _expm1,
    "floor": _round_toward(math.floor),
    "fround": _fround,
    "log": _log,
    "log1p": _wrap(math.log1p, _log1p_domain),
    "log10": _log10,
    "log2": _wrap(math.log2, _log_domain),
    "round": _math_round,
    "sign": _sign,
    "sin": _wrap(math.sin, _nan),
    "sinh": _wrap(math.sinh, _overflow_signed),
    "sqrt": _wrap(math.sqrt, _nan),
    "tan": _wrap(math.tan, _nan),
    "tanh": math.tanh,
    "trunc": _round_toward(math.trunc),
}


def _make_unary(name: str, f: Callable[[float], float]) -> None:
    def impl(this: Any, args: list) -> Any:
        return f(to_number(arg(args, 0)))
    impl.__doc__ = f"ES2017 20.2.2 Math.{name} ( x )."
    impl.__name__ = f"math_{name}"
    native(f"Math.{name}", 1)(impl)


for _name, _f in _UNARY.items():
    _make_unary(_name, _f)


@native("Math.clz32", 1)
def math_clz32(this: Any, args: list) -> Any:
    """ES2017 20.2.2.11 Math.clz32 ( x )."""
    return _clz32(arg(args, 0))


@native("Math.atan2", 2)
def math_atan2(this: Any, args: list) -> Any:
    """ES2017 20.2.2.8 Math.atan2 ( y, x ) (C99 atan2 has the JS edge cases)."""
    y = to_number(arg(args, 0))
    x = to_number(arg(args, 1))
    return math.atan2(y, x)


@native("Math.hypot", 2)
def math_hypot(this: Any, args: list) -> Any:
    """ES2017 20.2.2.18 Math.hypot ( value1, value2, ...values ): any infinity wins over NaN.
    V8's algorithm: scale by the largest magnitude, Kahan-sum the squares."""
    xs = [abs(to_number(a)) for a in args]
    if not xs:
        return 0.0
    mx = 0.0
    nan = False
    for v in xs:
        if v != v:
            nan = True
        elif v > mx:
            mx = v
    if mx == INF:
        return INF
    if nan:
        return NAN
    if mx == 0:
        return 0.0
    total = 0.0
    compensation = 0.0
    for v in xs:
        n = v / mx
        summand = n * n - compensation
        preliminary = total + summand
        compensation = (preliminary - total) - summand
        total = preliminary
    return math.sqrt(total) * mx


@native("Math.imul", 2)
def math_imul(this: Any, args: list) -> Any:
    """ES2017 20.2.2.19 Math.imul ( x, y )."""
    a = to_uint32(arg(args, 0))
    b = to_uint32(arg(args, 1))
    p = (a * b) & 0xFFFFFFFF
    return float(p - 0x100000000 if p & 0x80000000 else p)


@native("Math.max", 2)
def math_max(this: Any, args: list) -> Any:
    """ES2017 20.2.2.24 Math.max ( value1, value2, ...values ): every argument is converted;
    NaN wins; +0 is larger than -0."""
    r = -INF
    nan = False
    for a in args:
        v = to_number(a)
        if v != v:
            nan = True
        elif v > r or (v == 0 and r == 0 and math.copysign(1.0, r) < 0):
            r = v
    return NAN if nan else r


@native("Math.min", 2)
def math_min(this: Any, args: list) -> Any:
    """ES2017 20.2.2.25 Math.min ( value1, value2, ...values ): -0 is smaller than +0."""
    r = INF
    nan = False
    for a in args:
        v = to_number(a)
        if v != v:
            nan = True
        elif v < r or (v == 0 and r == 0 and math.copysign(1.0, v) < 0):
            r = v
    return NAN if nan else r


@native("Math.pow", 2)
def math_pow(this: Any, args: list) -> Any:
    """ES2017 20.2.2.26 Math.pow ( base, exponent )."""
    base = to_number(arg(args, 0))
    exponent = to_number(arg(args, 1))
    return number_pow(base, exponent)


# -- Math.random -------------------------------------------------------------------------------

def seed_random(realm: Any, seed: int) -> None:
    """Make ``realm``'s Math.random sequence a function of ``seed`` (splitmix64 expansion)."""
    def splitmix(z: int) -> int:
        z = (z + 0x9E3779B97F4A7C15) & _MASK64
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        return z ^ (z >> 31)
    s0 = splitmix(seed & _MASK64)
    s1 = splitmix(s0)
    realm.random_state = (s0, s1 or 1)


def next_random(realm: Any) -> float:
    """One step of xorshift128+; a double in [0, 1) from the top 53 bits of the sum."""
    st = getattr(realm, "random_state", None)
    if st is None:
        seed_random(realm, int.from_bytes(os.urandom(8), "little"))
        st = realm.random_state
    s1, s0 = st
    s1 ^= (s1 << 23) & _MASK64
    s1 ^= s1 >> 17
    s1 ^= s0
    s1 ^= s0 >> 26
    realm.random_state = (s0, s1)
    return (((s0 + s1) & _MASK64) >> 11) * (2.0 ** -53)


@native("Math.random", 0)
def math_random(this: Any, args: list) -> Any:
    """ES2017 20.2.2.27 Math.random ( )."""
    return next_random(CTX.realm)


_CONSTANTS = {  # ES2017 20.2.1 (the doubles nearest the mathematical values)
    "E": 2.718281828459045, "LN10": 2.302585092994046, "LN2": 0.6931471805599453,
    "LOG10E": 0.4342944819032518, "LOG2E": 1.4426950408889634, "PI": 3.141592653589793,
    "SQRT1_2": 0.7071067811865476, "SQRT2": 1.4142135623730951,
}

_METHODS = ("abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "atan2", "cbrt", "ceil",
            "clz32", "cos", "cosh", "exp", "expm1", "floor", "fround", "hypot", "imul", "log",
            "log1p", "log10", "log2", "max", "min", "pow", "random", "round", "sign", "sin",
            "sinh", "sqrt", "tan", "tanh", "trunc")


def setup(realm: Any) -> None:
    m = JSObject(realm.object_prototype)
    for name, value in _CONSTANTS.items():
        m.put_hidden(name, value, 0)
    m.put_hidden(SYM_TO_STRING_TAG, "Math", C)
    for name in _METHODS:
        realm.method(m, name, "Math." + name)
    realm.intr["Math"] = m
    realm.global_object.put_hidden("Math", m)
    if getattr(realm, "random_state", None) is None:
        seed_random(realm, int.from_bytes(os.urandom(8), "little"))
