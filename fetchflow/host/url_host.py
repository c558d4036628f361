"""Hosts and percent-encoding of the WHATWG URL Standard (https://url.spec.whatwg.org/#hosts-(domains-and-ip-addresses)).

A parsed host is kept *serialized* (a str): a domain, a dotted-decimal IPv4 address, an
IPv6 address in brackets, an opaque host, or "" (the empty host).  Serialization is
canonical, so a serialized host says which kind it is (``host_kind``).
"""
from __future__ import annotations

import re
from typing import List, Optional

from .idna import IDNAError, domain_to_ascii

__all__ = ["HostError", "host_parser", "percent_encode", "percent_decode", "ipv4_parser",
           "ipv6_parser", "ipv4_serializer", "ipv6_serializer", "ends_in_a_number",
           "ipv4_number_parser", "C0_CONTROL_SET", "FRAGMENT_SET", "QUERY_SET",
           "SPECIAL_QUERY_SET", "PATH_SET", "USERINFO_SET", "COMPONENT_SET",
           "FORM_URLENCODED_SET", "host_kind"]


class HostError(ValueError):
    """The host parser returned failure."""


# -- percent-encode sets (URL 1.3, https://url.spec.whatwg.org/#percent-encoded-bytes) ------------
C0_CONTROL_SET = frozenset(chr(i) for i in range(0x20)) | {"\x7f"}
FRAGMENT_SET = C0_CONTROL_SET | frozenset(' "<>`')
QUERY_SET = C0_CONTROL_SET | frozenset(' "#<>')
SPECIAL_QUERY_SET = QUERY_SET | {"'"}
PATH_SET = QUERY_SET | frozenset("?^`{}")
USERINFO_SET = PATH_SET | frozenset("/:;=@[\\]|")
COMPONENT_SET = USERINFO_SET | frozenset("$%&+,")
FORM_URLENCODED_SET = COMPONENT_SET | frozenset("!'()~")

_HEX = "0123456789abcdefABCDEF"
_HEX_SET = frozenset(_HEX)
# every character some set encodes (a fast "nothing to do" check for the usual ASCII text):
# written as the complement, the few characters no set encodes, which compiles in a tenth of a
# millisecond (the class up to U+10FFFF took 5 ms at every start)
_MAY_NEED = re.compile(r"[^*\-.0-9A-Z_a-z]")
FORBIDDEN_HOST = frozenset("\x00\t\n\r #/:<>?@[\\]^|")
FORBIDDEN_DOMAIN = FORBIDDEN_HOST | C0_CONTROL_SET | {"%"}


def percent_encode(s: str, encode_set: frozenset, space_as_plus: bool = False) -> str:
    """UTF-8 percent-encode ``s`` (scalar values) using ``encode_set`` (URL 1.3)."""
    if _MAY_NEED.search(s) is None:
        return s
    out: List[str] = []
    for c in s:
        if space_as_plus and c == " ":
            out.append("+")
        elif c in encode_set or c > "\x7e":
            out.append("".join(f"%{b:02X}" for b in c.encode("utf-8")))
        else:
            out.append(c)
    return "".join(out)


def percent_decode(s: str) -> bytes:
    """String percent-decode (URL 1.3): UTF-8 encode, then decode ``%XX``; malformed escapes
    stay as they are."""
    raw = s.encode("utf-8")
    if b"%" not in raw:
        return raw
    out = bytearray()
    i, n = 0, len(raw)
    while i < n:
        b = raw[i]
        if b == 0x25 and i + 2 < n and chr(raw[i + 1]) in _HEX_SET and chr(raw[i + 2]) in _HEX_SET:
            out.append(int(raw[i + 1:i + 3], 16))
            i += 3
        else:
            out.append(b)
            i += 1
    return bytes(out)


def utf8_decode_without_bom(b: bytes) -> str:
    """Encoding: UTF-8 decode without BOM (invalid sequences become U+FFFD)."""
    return b.decode("utf-8", "replace")


# -- host parsing (URL 3.5, https://url.spec.whatwg.org/#host-parsing) ---------------------------

def host_parser(text: str, is_opaque: bool) -> str:
    """URL 3.5 host parser: the serialized host, or HostError."""
    if text.startswith("["):
        if not text.endswith("]"):
            raise HostError("IPv6-unclosed")
        pieces = ipv6_parser(text[1:-1])
        if pieces is None:
            raise HostError("IPv6-invalid")
        return "[" + ipv6_serializer(pieces) + "]"
    if is_opaque:
        return opaque_host_parser(text)
    domain = utf8_decode_without_bom(percent_decode(text))
    ascii_domain = domain_to_ascii_url(domain)
    if any(c in FORBIDDEN_DOMAIN for c in ascii_domain):
        raise HostError("domain-invalid-code-point")
    if ends_in_a_number(ascii_domain):
        v4 = ipv4_parser(ascii_domain)
        if v4 is None:
            raise HostError("IPv4-invalid")
        return ipv4_serializer(v4)
    return ascii_domain


def domain_to_ascii_url(domain: str) -> str:
    """URL 3.3 domain to ASCII (beStrict false)."""
    if domain.isascii() and not any(lab[:4].lower() == "xn--" for lab in domain.split(".")):
        result = domain.lower()     # the fast path the standard allows: UTS #46 would do this
    else:
        try:
            result = domain_to_ascii(domain)
        except IDNAError as e:
            raise HostError(f"domain-to-ASCII: {e}") from None
    if result == "":
        raise HostError("domain-to-ASCII: empty host")
    return result


def opaque_host_parser(text: str) -> str:
    """URL 3.5 opaque-host parser."""
    if any(c in FORBIDDEN_HOST for c in text):
        raise HostError("host-invalid-code-point")
    return percent_encode(text, C0_CONTROL_SET)


def ends_in_a_number(domain: str) -> bool:
    """URL 3.5 ends in a number checker."""
    parts = domain.split(".")
    if parts[-1] == "":
        if len(parts) == 1:
            return False
        parts.pop()
    last = parts[-1]
    if last and last.isascii() and last.isdigit():
        return True
    return ipv4_number_parser(last) is not None


def ipv4_number_parser(part: str) -> Optional[int]:
    """URL 3.5 IPv4 number parser: decimal, 0x hex or 0-prefixed octal; None on failure."""
    if not part:
        return None
    radix = 10
    if part[:2] in ("0x", "0X"):
        part, radix = part[2:], 16
    elif len(part) > 1 and part[0] == "0":
        part, radix = part[1:], 8
    if not part:
        return 0
    digits = {10: "0123456789", 16: _HEX, 8: "01234567"}[radix]
    if any(c not in digits for c in part):
        return None
    return int(part, radix)


def ipv4_parser(domain: str) -> Optional[int]:
    """URL 3.5 IPv4 parser: ``127.1``, ``0x7f000001`` and ``2130706433`` are 127.0.0.1."""
    parts = domain.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if len(parts) > 4:
        return None
    numbers = []
    for p in parts:
        n = ipv4_number_parser(p)
        if n is None:
            return None
        numbers.append(n)
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1]
    for i, n in enumerate(numbers[:-1]):
        value += n * 256 ** (3 - i)
    return value


def ipv4_serializer(value: int) -> str:
    """URL 3.6 IPv4 serializer."""
    return ".".join(str(value >> shift & 0xFF) for shift in (24, 16, 8, 0))


def ipv6_parser(s: str) -> Optional[List[int]]:
    """URL 3.5 IPv6 parser: eight 16-bit pieces, or None."""
    pieces = [0] * 8
    idx, compress, i, n = 0, None, 0, len(s)
    if s.startswith(":"):
        if not s.startswith("::"):
            return None
        i += 2
        idx += 1
        compress = idx
    while i < n:
        if idx == 8:
            return None
        if s[i] == ":":
            if compress is not None:
                return None
            i += 1
            idx += 1
            compress = idx
            continue
        value = length = 0
        while length < 4 and i < n and s[i] in _HEX_SET:
            value = value * 16 + int(s[i], 16)
            i += 1
            length += 1
        if i < n and s[i] == ".":
            if length == 0 or idx > 6:
                return None
            i -= length
            seen = 0
            while i < n:
                if seen > 0:
                    if s[i] == "." and seen < 4:
                        i += 1
                    else:
                        return None
                if i >= n or not ("0" <= s[i] <= "9"):
                    return None
                v4: Optional[int] = None
                while i < n and "0" <= s[i] <= "9":
                    d = int(s[i])
                    if v4 is None:
                        v4 = d
                    elif v4 == 0:
                        return None
                    else:
                        v4 = v4 * 10 + d
                    if v4 > 255:
                        return None
                    i += 1
                pieces[idx] = pieces[idx] * 0x100 + (v4 or 0)
                seen += 1
                if seen in (2, 4):
                    idx += 1
            if seen != 4:
                return None
            break
        if i < n and s[i] == ":":
            i += 1
            if i >= n:
                return None
        elif i < n:
            return None
        pieces[idx] = value
        idx += 1
    if compress is not None:
        swaps = idx - compress
        idx = 7
        while idx != 0 and swaps > 0:
            pieces[idx], pieces[compress + swaps - 1] = pieces[compress + swaps - 1], pieces[idx]
            idx -= 1
            swaps -= 1
    elif idx != 8:
        return None
    return pieces


def ipv6_serializer(pieces: List[int]) -> str:
    """URL 3.6 IPv6 serializer: the first longest run of two or more zero pieces is ``::``."""
    best, best_len, i = -1, 1, 0
    while i < 8:
        if pieces[i] == 0:
            j = i
            while j < 8 and pieces[j] == 0:
                j += 1
            if j - i > best_len:
                best, best_len = i, j - i
            i = j
        else:
            i += 1
    out, ignore0 = "", False
    for k in range(8):
        if ignore0 and pieces[k] == 0:
            continue
        ignore0 = False
        if k == best:
            out += "::" if k == 0 else ":"
            ignore0 = True
            continue
        out += f"{pieces[k]:x}"
        if k != 7:
            out += ":"
    return out


def host_kind(host: Optional[str], special: bool) -> str:
    """Which kind of host a serialized host is: 'none', 'empty', 'ipv6', 'ipv4', 'domain'
    (special schemes) or 'opaque'."""
    if host is None:
        return "none"
    if host == "":
        return "empty"
    if host.startswith("["):
        return "ipv6"
    if not special:
        return "opaque"
    return "ipv4" if ends_in_a_number(host) else "domain"
