"""Value properties and function properties of the global object (ES2017 18.1, 18.2),
plus Annex B escape/unescape.

https://tc39.es/ecma262/2017/#sec-global-object
"""
from __future__ import annotations

import math
import re
from typing import Any

from ..helpers import arg
from ..meter import CHUNK, STR, charge
from ..natives import native
from ..operations.errors import throw
from ..operations.type_conversion import WHITESPACE, to_int32, to_number, to_string

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_HEX = frozenset("0123456789abcdefABCDEF")


# -- 18.2.5 parseInt, 18.2.4 parseFloat ----------------------------------------------------

@native("parseInt", 2)
def parse_int(this: Any, args: list) -> Any:
    """ES2017 18.2.5 parseInt ( string, radix )."""
    s = to_string(arg(args, 0)).lstrip(WHITESPACE)
    sign = 1.0
    if s[:1] == "-":
        sign = -1.0
    if s[:1] in ("-", "+"):
        s = s[1:]
    r = to_int32(arg(args, 1))
    strip_prefix = True
    if r != 0:
        if r < 2 or r > 36:
            return math.nan
        if r != 16:
            strip_prefix = False
    else:
        r = 10
    if strip_prefix and s[:2] in ("0x", "0X"):
        s = s[2:]
        r = 16
    valid = _DIGITS[:r]
    end = 0
    n = len(s)
    while end < n and s[end].lower() in valid and s[end].isascii():
        end += 1
    if end == 0:
        return math.nan
    z = s[:end]
    if r == 10:
        # float() of the digits is correctly rounded (as V8) and, unlike int(), has no
        # 4300-digit limit; past the largest double it gives inf
        return sign * float(z)
    if r & (r - 1) == 0:
        try:
            return sign * float(int(z, r))  # exact, correctly rounded (as V8)
        except OverflowError:
            return sign * math.inf
    return sign * _v8_radix_approx(z.lower(), r)


def _v8_radix_approx(z: str, r: int) -> float:
    """V8's NumberParseIntHelper for other radices: 32-bit chunks accumulated in a double
    (the spec allows an approximation; matching V8 keeps outputs identical to node)."""
    max_mult = 0xFFFFFFFF // 36
    result = 0.0
    i = 0
    n = len(z)
    while i < n:
        part = 0
        mult = 1
        while i < n:
            m = mult * r
            if m > max_mult:
                break
            part = part * r + _DIGITS.index(z[i])
            mult = m
            i += 1
        result = result * mult + part
    return result


_STR_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)")


@native("parseFloat", 1)
def parse_float(this: Any, args: list) -> Any:
    """ES2017 18.2.4 parseFloat ( string )."""
    s = to_string(arg(args, 0)).lstrip(WHITESPACE)
    m = _STR_DECIMAL.match(s)
    if m is None:
        return math.nan
    t = m.group(0)
    if t.endswith("Infinity"):
        return -math.inf if t[0] == "-" else math.inf
    return float(t)


@native("isNaN", 1)
def is_nan(this: Any, args: list) -> Any:
    """ES2017 18.2.3 isNaN ( number )."""
    n = to_number(arg(args, 0))
    return n != n


@native("isFinite", 1)
def is_finite(this: Any, args: list) -> Any:
    """ES2017 18.2.2 isFinite ( number )."""
    n = to_number(arg(args, 0))
    return not (n != n or n in (math.inf, -math.inf))


# -- 18.2.6 URI handling functions ---------------------------------------------------------

_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_URI_MARK = "-_.!~*'()"
_URI_RESERVED = ";/?:@&=+$,"
_UNESCAPED_COMPONENT = frozenset(_ALNUM + _URI_MARK)
_UNESCAPED_URI = frozenset(_ALNUM + _URI_MARK + _URI_RESERVED + "#")
_RESERVED_URI = frozenset(_URI_RESERVED + "#")


def _more(k: int, n: int) -> bool:
    """At the end of a chunk of a per-character loop: whether characters remain, after
    charging the pieces written since the last chunk to the allocation meter (up to 12
    characters each: '%E0%A0%80'), so a long encodeURI meets max_time and max_heap_bytes."""
    if k >= n:
        return False
    charge(CHUNK * (STR + 12))
    return True


def _metered(s: str) -> Any:
    """The characters of ``s``, a chunk at a time past CHUNK, each chunk charged (``_more``)."""
    if len(s) <= CHUNK:
        return s
    return _metered_chunks(s)


def _metered_chunks(s: str):  # type: ignore[no-untyped-def]
    for lo in range(0, len(s), CHUNK):
        if lo:
            _more(lo, len(s))
        yield from s[lo:lo + CHUNK]


def _uri_error() -> Any:
    return throw("URIError", "URI malformed")


def encode(s: str, unescaped_set: frozenset) -> str:
    """ES2017 18.2.6.1.1 Encode ( string, unescapedSet )."""
    out = []
    k = 0
    n = len(s)
    stop = min(n, CHUNK)  # the loop charges the allocation meter every CHUNK characters
    while k < stop or _more(k, n):
        if k >= stop:
            stop = min(n, k + CHUNK)
        c = s[k]
        if c in unescaped_set:
            out.append(c)
            k += 1
            continue
        cu = ord(c)
        if 0xDC00 <= cu <= 0xDFFF:
            raise _uri_error()
        if 0xD800 <= cu <= 0xDBFF:
            k += 1
            if k >= n or not 0xDC00 <= ord(s[k]) <= 0xDFFF:
                raise _uri_error()
            cp = (cu - 0xD800) * 0x400 + (ord(s[k]) - 0xDC00) + 0x10000
        else:
            cp = cu
        out.extend("%%%02X" % b for b in chr(cp).encode("utf-8"))
        k += 1
    return "".join(out)


def _hex_byte(s: str, k: int) -> int:
    """The byte of the escape ``%XY`` at ``s[k]``, or a URIError."""
    h = s[k + 1:k + 3]
    if s[k] != "%" or len(h) != 2 or not (h[0] in _HEX and h[1] in _HEX):
        raise _uri_error()
    return int(h, 16)


def decode(s: str, reserved_set: frozenset) -> str:
    """ES2017 18.2.6.1.2 Decode ( string, reservedSet )."""
    out = []
    k = 0
    n = len(s)
    stop = min(n, CHUNK)
    while k < stop or _more(k, n):
        if k >= stop:
            stop = min(n, k + CHUNK)
        c = s[k]
        if c != "%":
            out.append(c)
            k += 1
            continue
        start = k
        b = _hex_byte(s, k)
        k += 3
        if b < 0x80:
            ch = chr(b)
            out.append(s[start:k] if ch in reserved_set else ch)
            continue
        if b & 0xE0 == 0xC0:
            count = 2
        elif b & 0xF0 == 0xE0:
            count = 3
        elif b & 0xF8 == 0xF0:
            count = 4
        else:
            raise _uri_error()
        octets = [b]
        for _ in range(count - 1):
            if k >= n:
                raise _uri_error()
            b2 = _hex_byte(s, k)
            if b2 & 0xC0 != 0x80:
                raise _uri_error()
            octets.append(b2)
            k += 3
        try:
            # Python's strict decoder rejects overlong forms, surrogates and > U+10FFFF
            cp = ord(bytes(octets).decode("utf-8"))
        except UnicodeDecodeError:
            raise _uri_error() from None
        if cp < 0x10000:
            out.append(chr(cp))
        else:
            cp -= 0x10000
            out.append(chr(0xD800 + (cp >> 10)) + chr(0xDC00 + (cp & 0x3FF)))
    return "".join(out)


@native("decodeURI", 1)
def decode_uri(this: Any, args: list) -> Any:
    """ES2017 18.2.6.2 decodeURI ( encodedURI )."""
    return decode(to_string(arg(args, 0)), _RESERVED_URI)


@native("decodeURIComponent", 1)
def decode_uri_component(this: Any, args: list) -> Any:
    """ES2017 18.2.6.3 decodeURIComponent ( encodedURIComponent )."""
    return decode(to_string(arg(args, 0)), frozenset())


@native("encodeURI", 1)
def encode_uri(this: Any, args: list) -> Any:
    """ES2017 18.2.6.4 encodeURI ( uri )."""
    return encode(to_string(arg(args, 0)), _UNESCAPED_URI)


@native("encodeURIComponent", 1)
def encode_uri_component(this: Any, args: list) -> Any:
    """ES2017 18.2.6.5 encodeURIComponent ( uriComponent )."""
    return encode(to_string(arg(args, 0)), _UNESCAPED_COMPONENT)


# -- Annex B.2.1 escape / unescape ---------------------------------------------------------

_ESCAPE_OK = frozenset(_ALNUM + "@*_+-./")


@native("escape", 1)
def escape(this: Any, args: list) -> Any:
    """ES2017 B.2.1.1 escape ( string )."""
    out = []
    for c in _metered(to_string(arg(args, 0))):
        if c in _ESCAPE_OK:
            out.append(c)
        elif ord(c) < 256:
            out.append("%%%02X" % ord(c))
        else:
            out.append("%%u%04X" % ord(c))
    return "".join(out)



@native("unescape", 1)
def unescape(this: Any, args: list) -> Any:
    """ES2017 B.2.1.2 unescape ( string )."""
    s = to_string(arg(args, 0))
    out = []
    k = 0
    n = len(s)
    stop = min(n, CHUNK)
    while k < stop or _more(k, n):
        if k >= stop:
            stop = min(n, k + CHUNK)
        c = s[k]
        if c == "%":
            if k + 6 <= n and s[k + 1] == "u" and all(ch in _HEX for ch in s[k + 2:k + 6]):
                out.append(chr(int(s[k + 2:k + 6], 16)))
                k += 6
                continue
            if k + 3 <= n and all(ch in _HEX for ch in s[k + 1:k + 3]):
                out.append(chr(int(s[k + 1:k + 3], 16)))
                k += 3
                continue
        out.append(c)
        k += 1
    return "".join(out)


_FUNCTIONS = ("parseInt", "parseFloat", "isNaN", "isFinite", "decodeURI", "decodeURIComponent",
              "encodeURI", "encodeURIComponent", "escape", "unescape")


def setup(realm: Any) -> None:
    g = realm.global_object
    # ES2017 18.1: non-writable, non-enumerable, non-configurable
    g.put_hidden("NaN", math.nan, 0)
    g.put_hidden("Infinity", math.inf, 0)
    g.put_hidden("undefined", None, 0)
    for name in _FUNCTIONS:
        f = realm.method(g, name, name)
        realm.intr[name] = f
