"""UTS #46 processing for URL hosts: domain to ASCII (https://url.spec.whatwg.org/#idna).

The URL Standard calls UTS #46 ToASCII with CheckHyphens, VerifyDnsLength and
UseSTD3ASCIIRules false, CheckBidi and CheckJoiners true, and nontransitional processing
(``ß``, ``ς``, ZWJ and ZWNJ are kept).  The stdlib has no UTS #46 mapping table
(``encodings.idna`` is IDNA 2003), so the mapping is derived from ``unicodedata``: a
code point maps to the NFKC of its case folding (which is how the Unicode consortium builds
most of the table, https://www.unicode.org/reports/tr46/#IDNA_Mapping_Table), the
default-ignorable code points are removed, and unassigned, private-use, surrogate,
control and most format code points are disallowed.  The few characters where the real
table departs from that rule and that WPT exercises are listed in ``_MAPPED``.  The
character data is the Unicode version of the running Python (14.0 for 3.11).

Punycode is RFC 3492 (the stdlib's ``punycode`` codec, with the overflow and
basic-code-point checks UTS #46 needs on decoding).
"""
from __future__ import annotations

import unicodedata
from typing import List

__all__ = ["domain_to_ascii", "IDNAError", "punycode_decode"]


class IDNAError(ValueError):
    """UTS #46 ToASCII recorded an error: the host parser fails."""


# UTS #46 "ignored": mapped to nothing (the default-ignorable code points the table lists)
_IGNORED = frozenset([0xAD, 0x34F, 0x180B, 0x180C, 0x180D, 0x180F, 0x200B, 0x2060, 0x2064,
                      0xFEFF, 0x1BCA0, 0x1BCA1, 0x1BCA2, 0x1BCA3]
                     + list(range(0xFE00, 0xFE10)) + list(range(0xE0100, 0xE01F0)))
# deviation characters: valid under nontransitional processing
_DEVIATIONS = frozenset([0xDF, 0x3C2, 0x200C, 0x200D])
# where the table is not NFKC_Casefold (or where Python's casefold is a full folding UTS #46
# does not use)
_MAPPED = {0x1E9E: "ß", 0x3002: ".", 0xFF0E: ".", 0xFF61: ".", 0x2488: "1.", 0x2024: "."}
_DISALLOWED_CATEGORIES = frozenset(["Cn", "Co", "Cs", "Cc", "Zl", "Zp"])
_PUNY_BASE, _TMIN, _TMAX, _SKEW, _DAMP, _INITIAL_BIAS, _INITIAL_N = 36, 1, 26, 38, 700, 72, 128


def _map_code_point(cp: int, out: List[str]) -> None:
    """UTS #46 4 Processing step 1: map one code point (raise IDNAError if disallowed)."""
    if cp < 0x80:
        c = chr(cp)
        out.append(c.lower() if "A" <= c <= "Z" else c)
        return
    if cp in _IGNORED:
        return
    if cp in _DEVIATIONS:
        out.append(chr(cp))
        return
    m = _MAPPED.get(cp)
    if m is not None:
        out.append(m)
        return
    c = chr(cp)
    cat = unicodedata.category(c)
    if cat in _DISALLOWED_CATEGORIES or cp == 0xFFFD or (cp & 0xFFFE) == 0xFFFE \
            or 0xFDD0 <= cp <= 0xFDEF:
        raise IDNAError(f"disallowed code point U+{cp:04X}")
    if cat == "Cf":
        raise IDNAError(f"disallowed format character U+{cp:04X}")
    mapped = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", c).casefold())
    if mapped != c:
        for d in mapped:
            if ord(d) >= 0x80 and unicodedata.category(d) in _DISALLOWED_CATEGORIES:
                raise IDNAError(f"disallowed code point U+{cp:04X}")
    out.append(mapped)


def punycode_decode(label: str) -> str:
    """RFC 3492 6.2 decoding; IDNAError for invalid input (non-ASCII, bad digit, overflow)."""
    if not label.isascii():
        raise IDNAError("punycode label is not ASCII")
    b = label.rfind("-")
    output = list(label[:b]) if b > 0 else []
    if b == 0:
        output = []
    pos = b + 1 if b >= 0 else 0
    n, i, bias = _INITIAL_N, 0, _INITIAL_BIAS
    while pos < len(label):
        oldi, w, k = i, 1, _PUNY_BASE
        while True:
            if pos >= len(label):
                raise IDNAError("truncated punycode")
            ch = label[pos]
            pos += 1
            if "a" <= ch <= "z":
                digit = ord(ch) - 97
            elif "A" <= ch <= "Z":
                digit = ord(ch) - 65
            elif "0" <= ch <= "9":
                digit = ord(ch) - 22
            else:
                raise IDNAError("bad punycode digit")
            i += digit * w
            t = _TMIN if k <= bias else _TMAX if k >= bias + _TMAX else k - bias
            if digit < t:
                break
            w *= _PUNY_BASE - t
            k += _PUNY_BASE
            if i > 0x7FFFFFFF or w > 0x7FFFFFFF:
                raise IDNAError("punycode overflow")
        bias = _adapt(i - oldi, len(output) + 1, oldi == 0)
        n += i // (len(output) + 1)
        i %= len(output) + 1
        if n > 0x10FFFF or 0xD800 <= n <= 0xDFFF:
            raise IDNAError("punycode code point out of range")
        output.insert(i, chr(n))
        i += 1
    return "".join(output)


def _adapt(delta: int, numpoints: int, first: bool) -> int:
    delta = delta // _DAMP if first else delta // 2
    delta += delta // numpoints
    k = 0
    while delta > ((_PUNY_BASE - _TMIN) * _TMAX) // 2:
        delta //= _PUNY_BASE - _TMIN
        k += _PUNY_BASE
    return k + (_PUNY_BASE - _TMIN + 1) * delta // (delta + _SKEW)


def _punycode_encode(label: str) -> str:
    return label.encode("punycode").decode("ascii")


_VIRAMA = 9
# Bidi classes (RFC 5893 section 2)
_RTL_FIRST = frozenset(["R", "AL"])


def _check_joiners(label: str) -> None:
    """UTS #46 4.1 step 7, RFC 5892 Appendix A.1/A.2 (CONTEXTJ), as far as Python's data
    allows: a ZWNJ/ZWJ must follow a virama (the joining-type rule for ZWNJ is accepted
    too when the neighbours are letters of a joining script)."""
    for i, c in enumerate(label):
        if c not in "\u200c\u200d":
            continue
        if i > 0 and unicodedata.combining(label[i - 1]) == _VIRAMA:
            continue
        if c == "\u200c" and 0 < i < len(label) - 1 and _joining(label[i - 1]) and _joining(label[i + 1]):
            continue
        raise IDNAError("joiner not allowed here")


def _joining(c: str) -> bool:
    """Arabic-family letters, which join (an approximation of Joining_Type D/L/R)."""
    return unicodedata.bidirectional(c) == "AL" and unicodedata.category(c).startswith("L")


def _check_bidi_domain(labels: List[str]) -> None:
    """UTS #46 4.1 step 8 / RFC 5893 2: only for a Bidi domain name (one with an RTL label)."""
    def is_rtl_label(lab: str) -> bool:
        return any(unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in lab)
    if not any(is_rtl_label(lab) for lab in labels):
        return
    for lab in labels:
        if not lab:
            continue
        classes = [unicodedata.bidirectional(c) for c in lab]
        first = classes[0]
        if first not in ("L", "R", "AL"):
            raise IDNAError("bidi: bad first character")
        trail = [c for c in classes if c != "NSM"]
        if first in _RTL_FIRST:
            if any(c not in ("R", "AL", "AN", "EN", "ES", "CS", "ET", "ON", "BN", "NSM") for c in classes):
                raise IDNAError("bidi: bad character in RTL label")
            if not trail or trail[-1] not in ("R", "AL", "EN", "AN"):
                raise IDNAError("bidi: bad last character in RTL label")
            if "EN" in classes and "AN" in classes:
                raise IDNAError("bidi: EN and AN in one label")
        else:
            if any(c not in ("L", "EN", "ES", "CS", "ET", "ON", "BN", "NSM") for c in classes):
                raise IDNAError("bidi: bad character in LTR label")
            if not trail or trail[-1] not in ("L", "EN"):
                raise IDNAError("bidi: bad last character in LTR label")


def _check_label(label: str, was_punycode: bool) -> None:
    """UTS #46 4.1 Validity Criteria (nontransitional, CheckHyphens false)."""
    if unicodedata.normalize("NFC", label) != label:
        raise IDNAError("label is not NFC")
    if "." in label:
        raise IDNAError("label contains a dot")
    if label and unicodedata.category(label[0]).startswith("M"):
        raise IDNAError("label starts with a combining mark")
    if was_punycode:
        for c in label:
            out: List[str] = []
            _map_code_point(ord(c), out)
            if "".join(out) != c and ord(c) not in _DEVIATIONS:
                raise IDNAError("punycode label decodes to a mapped code point")
    _check_joiners(label)


def domain_to_ascii(domain: str) -> str:
    """UTS #46 ToASCII as the URL Standard's "domain to ASCII" calls it (beStrict false).
    ``domain`` is a str of scalar values.  Raises IDNAError."""
    out: List[str] = []
    for c in domain:
        _map_code_point(ord(c), out)
    mapped = unicodedata.normalize("NFC", "".join(out))
    labels = mapped.split(".")
    decoded: List[str] = []
    for label in labels:
        if label[:4].lower() == "xn--":
            uni = punycode_decode(label[4:])
            if not uni or uni.isascii():
                raise IDNAError("punycode label decodes to ASCII")
            _check_label(uni, True)
            decoded.append(uni)
        else:
            _check_label(label, False)
            decoded.append(label)
    _check_bidi_domain(decoded)
    result: List[str] = []
    for label in decoded:
        if label.isascii():
            result.append(label)
        else:
            result.append("xn--" + _punycode_encode(label))
    return ".".join(result)
