"""WHATWG URL parsing for what fetch() may request (https://url.spec.whatwg.org/).

fetch() parses its URL as node does (``new URL(input)``, no base) and hands the host the
serialized form, so the policy, the secrets and the fetcher all see one canonical URL:
``http://2130706433/`` is requested as ``http://127.0.0.1/``, ``/a/../%2e%2e/b`` as ``/b``.

Only the special schemes ``http`` and ``https`` are parsed in full; anything else (``data:``,
``ftp:``, a relative name like ``/users``) is passed through unchanged for the host to answer
or refuse (node's fetch refuses relative URLs; fetchflow leaves their meaning to the host).  One departure from the standard: a host that is not ASCII after percent-decoding is
converted with Python's ``idna`` codec (IDNA 2003), where WHATWG uses UTS #46; the two
differ for a few characters (``ß``), so ``ParsedURL.ascii_host`` is False for such hosts and
a fetch policy refuses them (write them as punycode, ``xn--...``).
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

__all__ = ["URLError", "ParsedURL", "parse_url", "usv_string", "ipv4_text", "ipv6_text"]

SPECIAL_PORTS = {"http": 80, "https": 443}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+\-.]*:")
_C0_SPACE = "".join(chr(i) for i in range(0x21))
# forbidden domain code points (URL 3.1): forbidden host code points, C0 controls, % and DEL
_FORBIDDEN_DOMAIN = frozenset("\x00\t\n\r #/:<>?@[\\]^|%\x7f") | frozenset(chr(i) for i in range(0x20))
# percent-encode sets (URL 1.3)
_C0_SET = frozenset(chr(i) for i in range(0x20)) | {"\x7f"}
_PATH_SET = _C0_SET | frozenset(" \"#<>?`{}")
_SPECIAL_QUERY_SET = _C0_SET | frozenset(" \"#<>'")
_HEX = "0123456789abcdefABCDEF"


class URLError(ValueError):
    """Not a URL fetch() can request.  ``message`` is node's TypeError message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ParsedURL:
    """A parsed http(s) URL.  ``host`` is the serialized host: a lower-case domain, a
    dotted-decimal IPv4 address or ``[ipv6]``; ``ip`` is the address as an int (an
    IPv4-mapped IPv6 address as its IPv4 address, ``ip_version`` 4) or None for a domain."""
    __slots__ = ("scheme", "host", "port", "path", "query", "ip", "ip_version", "ascii_host")

    def __init__(self, scheme: str, host: str, port: Optional[int], path: str,
                 query: Optional[str], ip: Optional[int], ip_version: int, ascii_host: bool) -> None:
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.ip = ip
        self.ip_version = ip_version
        self.ascii_host = ascii_host

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else SPECIAL_PORTS[self.scheme]

    def href(self) -> str:
        """The URL serializer (URL 4.5), without fragment."""
        port = "" if self.port is None else f":{self.port}"
        query = "" if self.query is None else f"?{self.query}"
        return f"{self.scheme}://{self.host}{port}{self.path}{query}"


def usv_string(s: str) -> str:
    """A JS string (UTF-16 code units) as Unicode scalar values: surrogate pairs joined,
    lone surrogates replaced by U+FFFD (WebIDL USVString conversion)."""
    if s.isascii():
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


_NEEDS_ENCODING = re.compile("[\x00-\x20\"#<>?`{}'\x7f-\U0010ffff]")


def _percent_encode(s: str, encode_set: frozenset) -> str:
    if _NEEDS_ENCODING.search(s) is None:   # the usual case: nothing to encode in either set
        return s
    out: List[str] = []
    for c in s:
        if c in encode_set or c > "\x7e":
            out.append("".join(f"%{b:02X}" for b in c.encode("utf-8")))
        else:
            out.append(c)
    return "".join(out)


def _percent_decode(s: str) -> bytes:
    """String percent-decode (URL 1.3): malformed escapes stay as they are."""
    raw = s.encode("utf-8")
    if b"%" not in raw:
        return raw
    out = bytearray()
    i, n = 0, len(raw)
    while i < n:
        b = raw[i]
        if b == 0x25 and i + 2 < n and chr(raw[i + 1]) in _HEX and chr(raw[i + 2]) in _HEX:
            out.append(int(raw[i + 1:i + 3], 16))
            i += 3
        else:
            out.append(b)
            i += 1
    return bytes(out)


def parse_url(url: str) -> Optional[ParsedURL]:
    """Parse ``url`` (a JS or Python str) as an absolute http(s) URL.  Returns None for
    anything else: another scheme, or no scheme at all (fetchflow lets the host give such
    names a meaning: a canned fetcher may answer ``fetch('/users')``, ``http_fetcher`` fails
    it and a policy refuses it).  Raises URLError for an http(s) URL node's fetch refuses."""
    s = usv_string(url).strip(_C0_SPACE)
    s = s.replace("\t", "").replace("\n", "").replace("\r", "")
    m = _SCHEME.match(s)
    if m is None:
        return None
    scheme = m.group()[:-1].lower()
    if scheme not in SPECIAL_PORTS:
        return None
    rest = s[m.end():].lstrip("/\\")      # special authority ignore slashes state
    end = len(rest)
    for i, c in enumerate(rest):
        if c in "/\\?#":
            end = i
            break
    authority, rest = rest[:end], rest[end:]
    if "@" in authority:
        userinfo, _, authority = authority.rpartition("@")
        if userinfo:    # "http://@x/" has empty credentials: node fetches it as http://x/
            raise URLError(f"Request cannot be constructed from a URL that includes credentials: {url}")
    host_text, port = _split_port(authority, url)
    host, ip, version, ascii_host = _parse_host(host_text, url)
    if port == SPECIAL_PORTS[scheme]:
        port = None
    rest = rest.split("#", 1)[0]
    path_text, q, query = rest.partition("?")
    return ParsedURL(scheme, host, port, _parse_path(path_text),
                     _percent_encode(query, _SPECIAL_QUERY_SET) if q else None,
                     ip, version, ascii_host)


def _split_port(authority: str, url: str) -> Tuple[str, Optional[int]]:
    if authority.startswith("["):
        close = authority.find("]")
        if close < 0:
            raise URLError(f"Failed to parse URL from {url}")
        host, after = authority[:close + 1], authority[close + 1:]
        if after and not after.startswith(":"):
            raise URLError(f"Failed to parse URL from {url}")
        port_text = after[1:] if after else ""
    else:
        host, _, port_text = authority.partition(":")
    if not port_text:
        return host, None
    if not port_text.isascii() or not port_text.isdigit() or int(port_text) > 65535:
        raise URLError(f"Failed to parse URL from {url}")
    return host, int(port_text)


def _parse_host(text: str, url: str) -> Tuple[str, Optional[int], int, bool]:
    """Host parser (URL 3.5) for a special scheme: (serialized host, ip, ip version, ascii)."""
    bad = URLError(f"Failed to parse URL from {url}")
    if not text:
        raise bad
    if text.startswith("["):
        if not text.endswith("]"):
            raise bad
        pieces = _parse_ipv6(text[1:-1])
        if pieces is None:
            raise bad
        value = 0
        for p in pieces:
            value = value << 16 | p
        if value >> 32 == 0xFFFF:            # ::ffff:a.b.c.d is a.b.c.d on the wire
            return f"[{ipv6_text(pieces)}]", value & 0xFFFFFFFF, 4, True
        return f"[{ipv6_text(pieces)}]", value, 6, True
    try:
        domain = _percent_decode(text).decode("utf-8")
    except UnicodeDecodeError:
        raise bad from None
    ascii_host = domain.isascii()
    if ascii_host:
        domain = domain.lower()
    else:
        domain = _idna_to_ascii(domain, bad)
    if not domain or any(c in _FORBIDDEN_DOMAIN for c in domain):
        raise bad
    if "xn--" in domain and not _punycode_ok(domain):
        raise bad
    if _ends_in_number(domain):
        v4 = _parse_ipv4(domain)
        if v4 is None:
            raise bad
        return ipv4_text(v4), v4, 4, ascii_host
    return domain, None, 0, ascii_host


def _idna_to_ascii(domain: str, bad: URLError) -> str:
    try:   # the codec splits on the IDNA dots (U+3002 etc.) as well as "."
        return domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise bad from None


def _punycode_ok(domain: str) -> bool:
    """Every ``xn--`` label decodes to a non-empty, non-ASCII label (UTS #46 4.1 step 4)."""
    for label in domain.split("."):
        if label.startswith("xn--"):
            try:
                decoded = label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError, IndexError):
                return False
            if not decoded or decoded.isascii():
                return False
    return True


def _ends_in_number(domain: str) -> bool:
    """URL 3.5 ends in a number checker."""
    parts = domain.split(".")
    if parts[-1] == "":
        if len(parts) == 1:
            return False
        parts.pop()
    last = parts[-1]
    if last and last.isascii() and last.isdigit():
        return True
    return _ipv4_number(last) is not None


def _ipv4_number(part: str) -> Optional[int]:
    """URL 3.5 IPv4 number parser: decimal, 0x hex or 0-prefixed octal."""
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


def _parse_ipv4(domain: str) -> Optional[int]:
    """URL 3.5 IPv4 parser: ``127.1``, ``0x7f000001`` and ``2130706433`` are 127.0.0.1."""
    parts = domain.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if len(parts) > 4:
        return None
    numbers = []
    for p in parts:
        n = _ipv4_number(p)
        if n is None:
            return None
        numbers.append(n)
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1]
    for i, n in enumerate(numbers[:-1]):
        value += n * 256 ** (3 - i)
    return value


def ipv4_text(value: int) -> str:
    return ".".join(str(value >> shift & 0xFF) for shift in (24, 16, 8, 0))


def _parse_ipv6(s: str) -> Optional[List[int]]:
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
        while length < 4 and i < n and s[i] in _HEX:
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
                if i >= n or not s[i].isascii() or not s[i].isdigit():
                    return None
                v4: Optional[int] = None
                while i < n and s[i].isascii() and s[i].isdigit():
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


def ipv6_text(pieces: List[int]) -> str:
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


def _parse_path(text: str) -> str:
    """Path state for a special URL (URL 4.4): ``\\`` is ``/``, dot segments (``.``, ``%2e``,
    ``..``, ``.%2E``, ...) are resolved, other characters percent-encoded."""
    out: List[str] = []
    segments = text.replace("\\", "/").split("/")
    if segments and segments[0] == "":
        segments = segments[1:]
    for k, seg in enumerate(segments):
        last = k == len(segments) - 1
        low = seg.lower()
        if low in ("..", ".%2e", "%2e.", "%2e%2e"):
            if out:
                out.pop()
            if last:
                out.append("")
        elif low in (".", "%2e"):
            if last:
                out.append("")
        else:
            out.append(_percent_encode(seg, _PATH_SET))
    return "/" + "/".join(out)
