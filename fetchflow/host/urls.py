"""The URL that fetch() requests, as the fetch policy and the host see it.

fetch() parses its URL as node does (``new URL(input)``, no base: the WHATWG basic URL
parser of fetchflow.host.url_parser, the same one the ``URL`` class uses) and hands the
host the serialized form, so the policy, the secrets and the fetcher all see one
canonical URL: ``http://2130706433/`` is requested as ``http://127.0.0.1/``,
``/a/../%2e%2e/b`` as ``/b``.

Only ``http`` and ``https`` URLs are described by a ``ParsedURL``; anything else
(``data:``, ``ftp:``, a relative name like ``/users``) is passed through unchanged for the
host to answer or refuse (node's fetch refuses relative URLs; fetchflow leaves their
meaning to the host).  ``ParsedURL.ascii_host`` is False for a host written with
non-ASCII characters (before IDNA): the parser maps them with UTS #46 as far as Python's
Unicode data allows (fetchflow.host.idna), and a fetch policy refuses such hosts (write
them as punycode, ``xn--...``) rather than trust that mapping.
"""
from __future__ import annotations

import re
from typing import Optional

from .url_host import (SPECIAL_QUERY_SET, ends_in_a_number, ipv4_parser, ipv4_serializer,
                       ipv6_parser, ipv6_serializer, percent_decode, percent_encode)
from .url_parser import State, URLParseError, URLRecord, basic_url_parser, url_path_serializer, usv_string

__all__ = ["URLError", "ParsedURL", "parse_url", "usv_string", "ipv4_text", "ipv6_text"]

SPECIAL_PORTS = {"http": 80, "https": 443}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+\-.]*:")
_C0_SPACE = "".join(chr(i) for i in range(0x21))
# names the fetch policy imports (one implementation: fetchflow.host.url_host)
_SPECIAL_QUERY_SET = SPECIAL_QUERY_SET
_percent_encode = percent_encode
_ends_in_number = ends_in_a_number
_parse_ipv4 = ipv4_parser
_parse_ipv6 = ipv6_parser
ipv4_text = ipv4_serializer
ipv6_text = ipv6_serializer


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


def parse_url(url: str) -> Optional[ParsedURL]:
    """Parse ``url`` (a JS or Python str) as an absolute http(s) URL.  Returns None for
    anything else: another scheme, or no scheme at all (fetchflow lets the host give such
    names a meaning: a canned fetcher may answer ``fetch('/users')``, ``http_fetcher`` fails
    it and a policy refuses it).  Raises URLError for an http(s) URL node's fetch refuses."""
    s = usv_string(url).strip(_C0_SPACE)
    fast = _simple(s)
    return fast if fast is not None else _parse(url, s)


def _parse(url: str, s: str) -> Optional[ParsedURL]:
    m = _SCHEME.match(s.replace("\t", "").replace("\n", "").replace("\r", ""))
    if m is None or m.group()[:-1].lower() not in SPECIAL_PORTS:
        return None
    try:
        rec = basic_url_parser(s)
    except URLParseError:
        raise URLError(f"Failed to parse URL from {url}") from None
    if rec.includes_credentials():
        raise URLError(f"Request cannot be constructed from a URL that includes credentials: {url}")
    host = rec.host or ""
    ip: Optional[int] = None
    version = 0
    if host.startswith("["):
        pieces = ipv6_parser(host[1:-1]) or [0] * 8
        value = 0
        for p in pieces:
            value = value << 16 | p
        ip, version = value, 6
        if value >> 32 == 0xFFFF:            # ::ffff:a.b.c.d is a.b.c.d on the wire
            ip, version = value & 0xFFFFFFFF, 4
    elif ends_in_a_number(host):
        ip, version = ipv4_parser(host), 4
    return ParsedURL(rec.scheme, host, rec.port, url_path_serializer(rec), rec.query, ip, version,
                     _raw_host_is_ascii(s))


# A URL the basic parser would hand back unchanged: a lower-case scheme and domain (not
# punycode: IDNA checks it), or a dotted-quad IPv4 address as it is serialized; a port; a path
# of segments (no "." or ".." segment) and a query of characters no percent-encode set holds;
# no credentials, no fragment.  Most fetches are of such URLs: 3 us here, 36 us parsed.
_SIMPLE = re.compile(r"(https?)://([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::([0-9]{1,5}))?"
                     r"((?:/[A-Za-z0-9\-._~!$&'()*+,;=:@]*)*)(\?[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?")
_QUAD = re.compile(r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}"
                   r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])")


def _simple(s: str) -> Optional[ParsedURL]:
    """``parse_url`` of a simple URL (above) without the parser, or None."""
    m = _SIMPLE.fullmatch(s)
    if m is None:
        return None
    scheme, host, port_text, path, query = m.groups()
    if "/./" in path + "/" or "/../" in path + "/" or "xn--" in host:
        return None
    ip: Optional[int] = None
    version = 0
    last = host.rpartition(".")[2]
    if last.isdigit() or last.startswith("0x"):     # the parser reads an IPv4 address
        if _QUAD.fullmatch(host) is None:
            return None
        a, b, c, d = map(int, host.split("."))
        ip, version = a << 24 | b << 16 | c << 8 | d, 4
    port: Optional[int] = None
    if port_text is not None:
        port = int(port_text)
        if port > 65535:
            return None
        if port == SPECIAL_PORTS[scheme]:
            port = None
    return ParsedURL(scheme, host, port, path or "/", None if query is None else query[1:], ip,
                     version, True)


def _raw_host_is_ascii(s: str) -> bool:
    """Whether the authority's host, as written (percent-decoded), is ASCII."""
    rest = s.split(":", 1)[1].lstrip("/\\")
    end = len(rest)
    for i, c in enumerate(rest):
        if c in "/\\?#":
            end = i
            break
    host = rest[:end].rpartition("@")[2]
    return percent_decode(host).isascii()


def _parse_path(text: str) -> str:
    """The path of ``http://h`` + ``text`` (the pathname setter's parse): ``\\`` is ``/``,
    dot segments (``.``, ``%2e``, ``..``, ``.%2E``, ...) are resolved, other characters
    percent-encoded."""
    rec = URLRecord()
    rec.scheme, rec.host = "http", "h"
    basic_url_parser(usv_string(text), None, rec, State.PATH_START)
    return url_path_serializer(rec)


