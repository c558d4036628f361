"""Which URLs a script may fetch, and secrets the driver adds to requests it lets through.

A ``FetchPolicy`` is checked inside the VM by the ``fetch`` native: a request it refuses
rejects in JavaScript with ``TypeError("fetch to <url> denied by policy")`` and never
becomes a pending request, so the host never sees it.  The policy travels inside the
paused state as plain data (``to_data``), so a resumed VM keeps obeying it.

Patterns are shell-style globs (``fnmatch``: ``*`` matches any run of characters, ``/``
included; ``?`` one character; ``[...]`` a set) matched against the *normalized* URL:
scheme and host lower-cased, default ports dropped, the fragment removed.  URLs that
different parsers read differently are refused outright rather than matched: userinfo
(``https://a.com@b.com/``), backslashes, whitespace or control characters, a missing
host, percent-encoded dots or slashes in the path, and schemes other than
``http``/``https``.  Dot segments are resolved first (``/x/../admin`` is ``/admin``).

Secrets (``run(..., secrets={pattern: headers})``) are applied by the driver to each
request it is about to hand to the fetcher; they are never written into the VM, so the
script cannot read them and the state bytes never contain them.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Sequence
from urllib.parse import urlsplit

__all__ = ["FetchPolicy", "normalize_url", "policy_denies", "apply_secrets"]

ALLOWED_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> Optional[str]:
    """The canonical form patterns are matched against, or None for a URL we refuse to
    interpret (ambiguous or not http(s))."""
    if not isinstance(url, str) or not url:
        return None
    if "\\" in url or any(c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES or not parts.netloc or "@" in parts.netloc:
        return None
    host = (parts.hostname or "").lower()
    if not host:
        return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    if "%2e" in parts.path.lower() or "%2f" in parts.path.lower() or "%5c" in parts.path.lower():
        return None  # encoded dots and slashes: servers disagree on what path they name
    path = _remove_dot_segments(parts.path or "/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{netloc}{path}{query}"


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4, as WHATWG URL parsing and most servers apply it: ``/x/../admin`` is
    ``/admin`` and must meet the rules written for ``/admin``."""
    out: list = []
    segs = path.split("/")
    for i, seg in enumerate(segs):
        last = i == len(segs) - 1
        if seg == ".":
            if last:
                out.append("")
        elif seg == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(seg)
    res = "/".join(out)
    return res if res.startswith("/") else "/" + res


def _matches(url: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(url, p) for p in patterns)


@dataclass(frozen=True)
class FetchPolicy:
    """``allow``: URL globs a fetch must match (None: any http(s) URL); ``deny``: globs that
    refuse a fetch even when allowed; ``methods``: the HTTP methods allowed (None: any)."""
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
    """Why ``policy`` (plain data, as stored in the state) refuses the request, or None."""
    if policy is None:
        return None
    norm = normalize_url(url)
    if norm is None:
        return "URL not allowed"
    methods = policy.get("methods")
    if methods is not None and method.upper() not in methods:
        return f"method {method} not allowed"
    if _matches(norm, policy.get("deny") or ()):
        return "URL denied"
    allow = policy.get("allow")
    if allow is not None and not _matches(norm, allow):
        return "URL not in the allow list"
    return None


def apply_secrets(req: Any, secrets: Optional[Mapping[str, Mapping[str, str]]]) -> Any:
    """A copy of the FetchRequest ``req`` with the headers of every matching secret pattern
    added (secrets win over the script's own headers of the same name).  ``req`` itself,
    and so the paused state, is left untouched."""
    if not secrets:
        return req
    norm = normalize_url(req.url)
    if norm is None:
        return req
    extra: dict = {}
    for pattern, headers in secrets.items():
        if fnmatch.fnmatchcase(norm, pattern):
            extra.update(headers)
    if not extra:
        return req
    from ..api import FetchRequest
    headers = {k: v for k, v in req.headers.items()
               if k.lower() not in {e.lower() for e in extra}}
    headers.update(extra)
    options = dict(req.options)
    options["headers"] = headers
    return FetchRequest(req.id, req.url, options, req.timestamp)
