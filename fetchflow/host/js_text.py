"""JS strings (UTF-16 code units in a Python str) to and from UTF-8 bytes and Python text.

A leaf module: the web API modules (encoding, bodies, URL) all convert through it.
"""
from __future__ import annotations

__all__ = ["to_js_string", "utf8_encode", "utf8_decode"]


def to_js_string(s: str) -> str:
    """Python text to JS UTF-16 code units (astral characters as surrogate pairs)."""
    if s.isascii() or all(ord(c) < 0x10000 for c in s):
        return s
    out = []
    for c in s:
        o = ord(c)
        if o < 0x10000:
            out.append(c)
        else:
            o -= 0x10000
            out.append(chr(0xD800 + (o >> 10)) + chr(0xDC00 + (o & 0x3FF)))
    return "".join(out)


def utf8_encode(s: str) -> bytes:
    """Encoding 7 UTF-8 encode of a JS string: lone surrogates become U+FFFD."""
    if s.isascii():
        return s.encode("ascii")
    text = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text.encode("utf-8")


def utf8_decode(data: bytes) -> str:
    """Encoding 6 UTF-8 decode (a leading BOM dropped, errors replaced) as a JS string."""
    if data.isascii():
        return data.decode("ascii")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return to_js_string(data.decode("utf-8", "replace"))
