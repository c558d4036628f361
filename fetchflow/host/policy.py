"""Which URLs a script may fetch, and secrets the driver adds to requests it lets through.

A ``FetchPolicy`` is checked inside the VM by the ``fetch`` native: a request it refuses
rejects in JavaScript with ``TypeError("fetch to <url> denied by policy")`` and never
becomes a pending request, so the host never sees it.  The policy travels inside the
paused state as plain data (``to_data``), so a resumed VM keeps obeying it.

Patterns are matched against the *parsed* URL (fetchflow.host.urls, the WHATWG URL
parser), component by component, never against the URL string.

Pattern language
----------------
``scheme://host[:port][/path][?query]``

scheme
    ``http``, ``https`` or ``*`` (either).
host
    A domain pattern: dot-separated labels, ASCII, case-insensitive.  A label may contain
    ``*``, which matches any run of characters inside one label: ``*`` alone is exactly one
    whole label, ``api-*`` matches ``api-1``.  The label ``**`` matches any number of whole
    labels, none included: ``**.example.com`` matches ``example.com`` and ``a.b.example.com``;
    ``*.example.com`` matches ``a.example.com`` only.  Nothing else is special (``?``, ``[``
    are not globs).  A trailing dot on the URL's host is ignored.
    Or an IP pattern: ``127.0.0.1`` (any WHATWG IPv4 spelling, read as its address),
    ``[::1]``, or a CIDR range in brackets: ``[10.0.0.0/8]``, ``[fc00::/7]``.
    Wildcards never match an IP-address host, nor ``localhost`` or ``*.localhost``.
port
    ``:8080`` or ``:*``.  Omitted: the scheme's default port only (80 or 443).
path
    Starts with ``/``.  ``*`` matches any run of characters except ``/``; ``**`` any run,
    ``/`` included; a trailing ``/**`` also matches nothing, so ``/admin/**`` covers
    ``/admin``, ``/admin/`` and ``/admin/x/y`` (but not ``/administrator``: that is
    ``/admin**``).  Everything else is literal and case-sensitive.  Omitted: any path and
    any query.
query
    After ``?``: ``*`` matches any run of characters, ``&`` and ``/`` included.  Without
    ``?`` any query (or none) matches; ``?`` alone matches only a URL without a query (or
    with an empty one).  Matched after the same escape normalization as the path.  The fragment is never sent
    and never matched.

URL normalization before matching
    The URL is parsed as node's ``fetch`` parses it: scheme and host lower-cased; IPv4 hosts
    in every spelling (``2130706433``, ``0x7f000001``, ``0177.0.0.1``, ``127.1``) made
    dotted-decimal; IPv6 hosts parsed (``::`` compression, embedded IPv4) and an
    IPv4-mapped address (``[::ffff:127.0.0.1]``) matched as its IPv4 address;
    percent-encoded host characters decoded; default ports dropped; ``\\`` read as ``/``;
    dot segments (``..``, ``%2e%2e``, ``.%2E``...) resolved.  For matching, the path then
    has percent-escapes of unreserved characters decoded (``/%61dmin`` is ``/admin``), other
    escapes upper-cased, and runs of ``/`` collapsed (``//admin`` is ``/admin``).  Patterns
    are normalized the same way.  The request the host receives carries the serialized URL
    (``http://2130706433/`` is requested as ``http://127.0.0.1/``), so what was checked is
    what is fetched.

Refused outright under a policy, whatever the patterns say
    URLs that are not ``http``/``https``, that do not parse, or carry credentials
    (``https://a.com@b.com/``); raw URLs containing whitespace, control characters or
    ``\\``; hosts that are not ASCII (write them as punycode, ``xn--...``) or have an empty
    label; paths with an encoded ``/`` or ``\\`` (``%2F``, ``%5C``), which servers read
    differently; URLs longer than ``MAX_URL_LENGTH``.
    IP-address hosts and the loopback names ``localhost``/``*.localhost`` are refused
    unless an ``allow`` pattern names them explicitly (an IP pattern, or a host pattern
    without wildcards): ``allow=None`` does not cover them.

DNS.  A name that resolves to a loopback or private address (``127.0.0.1.nip.io``, DNS
rebinding) passes the name-based patterns; the built-in fetcher checks the address at
connect time: under a policy, a host name that no ``allow`` pattern names explicitly
(without wildcards) must resolve only to public addresses, and the connection goes to the
address that was checked (no second lookup a rebinding server could answer differently).  Server-specific path readings (``;``
parameters, case-insensitive paths, double decoding) are not modelled either: prefer
allow lists to deny lists.

Redirects are followed by the fetcher, outside the VM.  The built-in fetcher
(fetchflow.host.http_fetch.HTTPFetcher, what ``run``, ``arun`` and the CLI use) checks
every hop's URL against the run's policy and fails the fetch (``TypeError: fetch failed``)
on a denied hop before connecting to it.  A fetcher of your own must do the same, or
refuse redirects.

Secrets (``run(..., secrets={pattern: headers})``) use the same patterns and matcher.  They
are never written into the VM, so the script cannot read them and the state bytes never
contain them.  The built-in fetcher applies them per redirect hop, each hop getting only
the secrets its own URL matches (a redirect to another host carries none of the first
host's); a fetcher of your own receives each request with the matching secrets already
added, and must not forward them on a cross-origin redirect.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple

from ..exchange import FetchRequest
from .urls import (URLError, ParsedURL, parse_url, _SPECIAL_QUERY_SET, _ends_in_number, _parse_ipv4,
                   _parse_ipv6, _parse_path, _percent_encode)

__all__ = ["FetchPolicy", "PolicyPatternError", "normalize_url", "policy_denies",
           "apply_secrets", "check_url", "matches", "compile_pattern", "names_host_explicitly",
           "MAX_URL_LENGTH"]

MAX_URL_LENGTH = 16384
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_LABEL = re.compile(r"[a-z0-9_*-]+\Z")
_RAW_REFUSED = re.compile(r"[\x00-\x20\x7f-\x9f\\\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]")


class PolicyPatternError(ValueError):
    """A policy or secrets pattern that is not in the pattern language."""


# -- the URL as patterns see it -------------------------------------------------------------

class MatchURL:
    """A URL normalized for matching (see the module docstring)."""
    __slots__ = ("parsed", "scheme", "labels", "ip", "ip_version", "port", "path", "query",
                 "loopback_name")

    def __init__(self, parsed: ParsedURL) -> None:
        self.parsed = parsed
        self.scheme = parsed.scheme
        self.ip = parsed.ip
        self.ip_version = parsed.ip_version
        host = parsed.host[:-1] if parsed.host.endswith(".") else parsed.host
        self.labels = host.split(".") if parsed.ip is None else []
        self.loopback_name = parsed.ip is None and self.labels[-1] == "localhost"
        self.port = parsed.effective_port
        self.path = _match_path(parsed.path)
        self.query = None if parsed.query is None else _normalize_escapes(parsed.query)


def _normalize_escapes(s: str) -> str:
    """Decode escapes of unreserved characters, upper-case the others (RFC 3986 6.2.2)."""
    if "%" not in s:
        return s

    def one(m: "re.Match[str]") -> str:
        c = chr(int(m.group(1), 16))
        return c if c in _UNRESERVED else "%" + m.group(1).upper()
    return _ESCAPE.sub(one, s)


def _match_path(path: str) -> str:
    path = _normalize_escapes(path)
    if "//" in path:
        path = re.sub("/{2,}", "/", path)
    return path


def check_url(url: Any) -> Tuple[Optional[MatchURL], Optional[str]]:
    """``(match_url, None)`` for a URL a policy may match, else ``(None, reason)``."""
    if not isinstance(url, str) or not url:
        return None, "URL not allowed"
    if len(url) > MAX_URL_LENGTH:
        return None, "URL too long"
    if _RAW_REFUSED.search(url):
        return None, "URL contains whitespace, control characters or backslashes"
    try:
        parsed = parse_url(url)
    except URLError:
        return None, "invalid URL"
    if parsed is None:
        return None, "only http and https URLs are allowed"
    if not parsed.ascii_host:
        return None, "non-ASCII host name (write it as punycode, xn--...)"
    if len(parsed.host) > 254:
        return None, "host name longer than DNS allows"
    if parsed.ip is None and "" in parsed.host[:-1 if parsed.host.endswith(".") else None].split("."):
        return None, "empty label in host name"
    upper = parsed.path.upper()
    if "%2F" in upper or "%5C" in upper:
        return None, "encoded slash or backslash in the path"
    return MatchURL(parsed), None


def normalize_url(url: str) -> Optional[str]:
    """The serialized URL a policy checks and the host receives, or None for a URL that
    every policy refuses outright."""
    m, _ = check_url(url)
    return None if m is None else m.parsed.href()


# -- patterns -----------------------------------------------------------------------------

_LIT, _STAR, _DSTAR = 0, 1, 2


def _glob_tokens(text: str, dstar: bool) -> tuple:
    """``*`` (and, when ``dstar``, a run of two or more: ``**``) as wildcard tokens,
    everything else literal."""
    out: List[tuple] = []
    for part in re.split(r"(\*+)", text):
        if not part:
            continue
        if part[0] == "*":
            out.append((_DSTAR if dstar and len(part) > 1 else _STAR, ""))
        else:
            out.append((_LIT, part))
    return tuple(out)


def _glob_match(tokens: tuple, text: str, sep: str) -> bool:
    """Whether ``text`` matches: ``_STAR`` is any run without ``sep``, ``_DSTAR`` any run.
    A set-of-positions simulation: time linear in ``len(text)`` times the pattern size, so
    no pattern can make a long URL slow (a regex of ``.*`` runs can backtrack)."""
    if not tokens:
        return text == ""
    if len(tokens) == 1 and tokens[0][0] == _LIT:
        return text == tokens[0][1]
    # fast paths for the common shapes: literal, literal + trailing **
    if len(tokens) == 2 and tokens[0][0] == _LIT and tokens[1][0] == _DSTAR:
        return text.startswith(tokens[0][1])
    m = len(tokens)
    # states: (token index, offset inside a literal token)
    states = _closure({(0, 0)}, tokens)
    for c in text:
        nxt = set()
        for i, k in states:
            if i == m:
                continue
            kind, lit = tokens[i]
            if kind == _LIT:
                if lit[k] == c:
                    nxt.add((i + 1, 0) if k + 1 == len(lit) else (i, k + 1))
            elif kind == _DSTAR or c != sep:
                nxt.add((i, 0))
        if not nxt:
            return False
        states = _closure(nxt, tokens)
    return (m, 0) in states


def _closure(states: set, tokens: tuple) -> set:
    m = len(tokens)
    todo = [s for s in states if s[0] < m and s[1] == 0 and tokens[s[0]][0] != _LIT]
    while todo:
        i, _ = todo.pop()
        nxt = (i + 1, 0)
        if nxt not in states:
            states.add(nxt)
            if i + 1 < m and tokens[i + 1][0] != _LIT:
                todo.append(nxt)
    return states


class Pattern:
    """A compiled pattern (see the module docstring)."""
    __slots__ = ("source", "scheme", "ip_net", "labels", "literal_host", "port", "path",
                 "path_or_empty", "query")

    def __init__(self, source: str) -> None:
        self.source = source
        self.ip_net: Optional[Tuple[int, int, int]] = None   # (version, network, prefix)
        self.labels: tuple = ()
        self.literal_host = False
        self.path: Optional[tuple] = None
        self.path_or_empty: Optional[tuple] = None
        self.query: Optional[tuple] = None
        self.port: Optional[int] = None          # None: the default port; -1: any
        self.scheme = ""

    def matches(self, u: MatchURL) -> bool:
        if self.scheme != "*" and self.scheme != u.scheme:
            return False
        if self.port is None:
            if u.parsed.port is not None:
                return False
        elif self.port != -1 and self.port != u.port:
            return False
        if not self._host_matches(u):
            return False
        if self.path is not None:
            if not _glob_match(self.path, u.path, "/") and not (
                    self.path_or_empty is not None and _glob_match(self.path_or_empty, u.path, "/")):
                return False
            if self.query is not None:
                q = u.query or ""
                if not _glob_match(self.query, q, ""):
                    return False
        return True

    def _host_matches(self, u: MatchURL) -> bool:
        if u.ip is not None:
            if self.ip_net is None:
                return False
            version, net, prefix = self.ip_net
            bits = 32 if version == 4 else 128
            return version == u.ip_version and (u.ip >> (bits - prefix)) == (net >> (bits - prefix))
        if self.ip_net is not None:
            return False
        if u.loopback_name and not self.literal_host:
            return False
        return _labels_match(self.labels, tuple(u.labels))


@functools.lru_cache(maxsize=4096)
def _labels_match(pattern: tuple, labels: tuple) -> bool:
    """Per-label matching: a token tuple matches one label, ``None`` (``**``) any number."""
    if not pattern:
        return not labels
    head = pattern[0]
    if head is None:
        return any(_labels_match(pattern[1:], labels[k:]) for k in range(len(labels) + 1))
    return bool(labels) and _glob_match(head, labels[0], ".") and _labels_match(pattern[1:], labels[1:])


@functools.lru_cache(maxsize=1024)
def compile_pattern(source: str) -> Pattern:
    """Parse a pattern; PolicyPatternError says what is wrong with it."""
    if not isinstance(source, str):
        raise PolicyPatternError(f"a pattern must be a str, not {type(source).__name__}")

    def bad(why: str) -> PolicyPatternError:
        return PolicyPatternError(f"invalid URL pattern {source!r}: {why}")
    if not source.isascii() or _RAW_REFUSED.search(source) or "#" in source or "@" in source:
        raise bad("only printable ASCII without spaces, '\\', '#' or '@' (write non-ASCII "
                  "host names as punycode and escape the rest as %XX)")
    scheme, sep, rest = source.partition("://")
    if not sep:
        raise bad("expected scheme://host")
    p = Pattern(source)
    p.scheme = scheme.lower()
    if p.scheme not in ("http", "https", "*"):
        raise bad("the scheme must be http, https or *")
    end = len(rest)
    start = rest.find("]") + 1 if rest.startswith("[") else 0   # a CIDR's / is not the path
    for i in range(start, len(rest)):
        if rest[i] in "/?":
            end = i
            break
    authority, tail = rest[:end], rest[end:]
    if authority.startswith("["):
        close = authority.find("]")
        if close < 0:
            raise bad("unclosed [")
        host, port_text = authority[:close + 1], authority[close + 1:]
        if port_text and not port_text.startswith(":"):
            raise bad("junk after ]")
        port_text = port_text[1:]
        has_port = bool(authority[close + 1:])
    else:
        host, has_colon, port_text = authority.partition(":")
        has_port = bool(has_colon)
    if has_port:
        if port_text == "*":
            p.port = -1
        elif port_text.isdigit() and 0 < int(port_text) <= 65535:
            p.port = int(port_text)
        else:
            raise bad("the port must be a number in 1..65535 or *")
    _compile_host(p, host.lower(), bad)
    if tail.startswith("/") or (tail.startswith("?") and tail):
        path_text, q, query = tail.partition("?")
        path_text = path_text or "/"
        segments = path_text.split("/")
        if any(s in (".", "..") or s.lower() in ("%2e", "%2e%2e", ".%2e", "%2e.") for s in segments):
            raise bad("dot segments (. and ..) have no meaning in a pattern")
        upper = path_text.upper()
        if "%2F" in upper or "%5C" in upper:
            raise bad("encoded / or \\ never matches (such URLs are refused)")
        norm = _match_path(_parse_path(path_text))
        p.path = _glob_tokens(norm, dstar=True)
        if norm.endswith("/**"):
            p.path_or_empty = _glob_tokens(norm[:-3] or "/", dstar=True)
        if q:
            p.query = _glob_tokens(_normalize_escapes(_percent_encode(query, _SPECIAL_QUERY_SET)),
                                   dstar=False)
            p.query = tuple((_DSTAR, "") if k == _STAR else (k, v) for k, v in p.query)
    elif tail:
        raise bad("the path must start with /")
    return p


def _compile_host(p: Pattern, host: str, bad: Any) -> None:
    if not host:
        raise bad("no host")
    if host.startswith("["):
        inner = host[1:-1]
        addr, slash, prefix_text = inner.partition("/")
        if ":" in addr:
            pieces = _parse_ipv6(addr)
            if pieces is None:
                raise bad(f"{addr!r} is not an IPv6 address")
            value = 0
            for piece in pieces:
                value = value << 16 | piece
            version, bits = 6, 128
        else:
            v4 = _parse_ipv4(addr) if addr else None
            if v4 is None:
                raise bad(f"{addr!r} is not an IPv4 address")
            value, version, bits = v4, 4, 32
        if slash:
            if not prefix_text.isdigit() or int(prefix_text) > bits:
                raise bad(f"the prefix length must be 0..{bits}")
            prefix = int(prefix_text)
        else:
            prefix = bits
        if version == 6 and value >> 32 == 0xFFFF and prefix >= 96:
            value, version, prefix = value & 0xFFFFFFFF, 4, prefix - 96   # IPv4-mapped
        bits = 32 if version == 4 else 128
        if value & ((1 << (bits - prefix)) - 1):
            raise bad("the address has bits set beyond the prefix length")
        p.ip_net = (version, value, prefix)
        return
    if host.endswith("."):
        host = host[:-1]
    labels = host.split(".")
    if "*" not in host and _ends_in_number(host):
        v4 = _parse_ipv4(host)
        if v4 is None:
            raise bad(f"{host!r} is not an IPv4 address")
        p.ip_net = (4, v4, 32)
        return
    if "*" in host and all(x.isdigit() or "*" in x for x in labels) \
            and any(x.isdigit() for x in labels):
        raise bad("IP addresses are matched by CIDR ranges in brackets, e.g. [10.0.0.0/8]")
    compiled: List[Optional[tuple]] = []
    for label in labels:
        if label == "**":
            compiled.append(None)
            continue
        if not label or _LABEL.match(label) is None or "**" in label:
            raise bad(f"host label {label!r}: letters, digits, '-', '_', '*' or a whole '**'")
        compiled.append(_glob_tokens(label, dstar=False))
    p.labels = tuple(compiled)
    p.literal_host = "*" not in host


def matches(pattern: str, url: str) -> bool:
    """Whether ``url`` passes the outright checks and matches ``pattern`` (for tests and
    for hosts writing their own checks)."""
    u, _ = check_url(url)
    return u is not None and compile_pattern(pattern).matches(u)


def _any_match(patterns: Iterable[str], u: MatchURL) -> bool:
    return any(compile_pattern(p).matches(u) for p in patterns)


# -- the policy ---------------------------------------------------------------------------

@dataclass(frozen=True)
class FetchPolicy:
    """``allow``: URL patterns a fetch must match (None: any http(s) URL with a domain-name
    host); ``deny``: patterns that refuse a fetch even when allowed; ``methods``: the HTTP
    methods allowed (None: any).  Invalid patterns raise PolicyPatternError here."""
    allow: Optional[Sequence[str]] = None
    deny: Sequence[str] = ()
    methods: Optional[Sequence[str]] = None

    def __post_init__(self) -> None:
        for name in ("allow", "deny", "methods"):
            v = getattr(self, name)
            if v is None:
                continue
            if isinstance(v, str):
                raise TypeError(f"FetchPolicy.{name} must be a list of strings, not a str")
            v = tuple(v)
            if not all(isinstance(x, str) for x in v):
                raise TypeError(f"FetchPolicy.{name} must contain only strings")
            if name == "methods":
                v = tuple(x.upper() for x in v)
            else:
                for x in v:
                    compile_pattern(x)
            object.__setattr__(self, name, v)

    def to_data(self) -> dict:
        """Plain data for the machine's ``host`` dict (pickles without any class)."""
        return {"allow": None if self.allow is None else list(self.allow),
                "deny": list(self.deny),
                "methods": None if self.methods is None else list(self.methods)}

    @classmethod
    def from_data(cls, d: Mapping[str, Any]) -> "FetchPolicy":
        return cls(d.get("allow"), d.get("deny") or (), d.get("methods"))

    def denies(self, url: str, method: str = "GET") -> Optional[str]:
        return policy_denies(self.to_data(), url, method)


def policy_denies(policy: Optional[Mapping[str, Any]], url: str, method: str = "GET") -> Optional[str]:
    """Why ``policy`` (plain data, as stored in the state) refuses the request, or None.
    A policy whose data is malformed (a tampered state) refuses everything."""
    if policy is None:
        return None
    u, why = check_url(url)
    if u is None:
        return why
    try:
        methods = policy.get("methods")
        if methods is not None and method.upper() not in methods:
            return f"method {method} not allowed"
        if _any_match(policy.get("deny") or (), u):
            return "URL denied"
        allow = policy.get("allow")
        if allow is None:
            if u.ip is not None or u.loopback_name:
                return "IP-address and localhost hosts must be allowed explicitly"
            return None
        if not _any_match(allow, u):
            return "URL not in the allow list"
    except (PolicyPatternError, TypeError, AttributeError):
        return "the policy is malformed"
    return None


def names_host_explicitly(policy: Optional[Mapping[str, Any]], url: str) -> bool:
    """Whether an ``allow`` pattern without host wildcards matches ``url`` (such a host may
    resolve to a private or loopback address: the fetcher's connect-time check lets it)."""
    if policy is None:
        return True
    u, _ = check_url(url)
    allow = policy.get("allow") if isinstance(policy, Mapping) else None
    if u is None or not allow:
        return False
    try:
        return any(p.literal_host and p.matches(u) for p in map(compile_pattern, allow))
    except (PolicyPatternError, TypeError):
        return False


def check_secrets(secrets: Optional[Mapping[str, Mapping[str, str]]]) -> None:
    """Validate a ``secrets`` mapping before a run starts (PolicyPatternError, TypeError)."""
    if not secrets:
        return
    if not isinstance(secrets, Mapping):
        raise TypeError("secrets must be a dict {pattern: {header: value}}")
    for pattern, headers in secrets.items():
        compile_pattern(pattern)
        if not isinstance(headers, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in headers.items()):
            raise TypeError(f"secrets[{pattern!r}] must be a dict of str header names to str values")


def apply_secrets(req: Any, secrets: Optional[Mapping[str, Mapping[str, str]]]) -> Any:
    """A copy of the FetchRequest ``req`` with the headers of every matching secret pattern
    added (secrets win over the script's own headers of the same name).  ``req`` itself,
    and so the paused state, is left untouched."""
    if not secrets:
        return req
    u, _ = check_url(req.url)
    if u is None:
        return req
    extra: dict = {}
    for pattern, headers in secrets.items():
        if compile_pattern(pattern).matches(u):
            extra.update(headers)
    if not extra:
        return req
    headers = {k: v for k, v in req.headers.items()
               if k.lower() not in {e.lower() for e in extra}}
    headers.update(extra)
    options = dict(req.options)
    options["headers"] = headers
    return FetchRequest(req.id, req.url, options, req.timestamp)
