"""Canned responses: a fetcher that answers from a list instead of the network.

``python -m fetchflow run FILE.js --responses RESPONSES.json`` and
``fetchflow.run(source, CannedFetcher.from_file("RESPONSES.json"))`` answer every fetch
from a JSON list of entries, tried in order::

    [
      {"method": "GET", "url": "https://api.example.com/users/ada",
       "status": 200, "status_text": "OK",
       "headers": {"x-ratelimit-remaining": "59"},
       "body": {"login": "ada", "public_repos": 3}},
      {"url": "https://api.example.com/flaky", "status": 503, "body": "busy", "times": 2},
      {"url": "https://api.example.com/flaky", "body": "ok"},
      {"url": "https://offline.example.com/*", "error": "getaddrinfo ENOTFOUND offline.example.com"},
      {"url": "https://api.example.com/slow", "body": "late", "delay": 3000}
    ]

Fields of an entry:

* ``url`` (required): the request URL, or a pattern where each ``*`` matches any run of
  characters (``/``, ``?`` and ``&`` included); nothing else is special.
* ``method``: default ``"GET"``; compared case-insensitively.
* ``status``: default 200; ``status_text``: default the standard reason phrase ("Not Found").
* ``headers``: an object of strings.  ``content-type`` defaults to ``application/json`` when
  ``body`` is not a string and to ``text/plain;charset=UTF-8`` when it is.
* ``body``: a string is the body text; any other JSON value is sent as JSON.  Default ``""``.
* ``error``: instead of a response, a network failure: the fetch promise rejects with
  ``TypeError(error)``.
* ``times``: use this entry N times, then fall through to the next matching entry (retry
  scenarios: a 503 twice, then a 200).  Without ``times`` an entry answers forever.
* ``delay``: the answer arrives this many milliseconds after the request, in the VM's time
  (timers that fall due meanwhile run first, so an ``AbortSignal.timeout`` can cancel a slow
  fetch); nothing waits in real time.

A request is answered by the first matching entry (method and URL) that is not used up.
A request nothing matches is answered with ``success=False`` and the error ``no canned
response for METHOD URL`` (the script sees a ``TypeError``), and a warning is logged (logger
``fetchflow``; the CLI prints it to stderr).
"""
from __future__ import annotations

import json
import logging
import re
import time
from typing import Any, Callable, Iterable, List, Optional

from ..exchange import FetchRequest, FetchResponse

log = logging.getLogger("fetchflow")

__all__ = ["CannedFetcher", "CannedResponsesError"]

_FIELDS = {"method", "url", "status", "status_text", "headers", "body", "error", "times", "delay"}
MAX_DELAY_MS = 86_400_000


class CannedResponsesError(ValueError):
    """A malformed canned-responses file or entry (the message names the entry)."""


def _reason(status: int) -> str:
    import http   # start-up cost: HTTPStatus (1 ms to build) only once a canned answer needs a reason
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _pattern(url: str) -> "re.Pattern[str]":
    return re.compile(".*".join(re.escape(part) for part in url.split("*")), re.DOTALL)


def _normalize(entry: Any, i: int, where: str) -> dict:
    """Check one entry and fill in its defaults (the result is what the fetcher serves)."""
    def bad(msg: str) -> CannedResponsesError:
        return CannedResponsesError(f"{where}entry {i}: {msg}")
    if not isinstance(entry, dict):
        raise bad("must be an object")
    unknown = set(entry) - _FIELDS
    if unknown:
        raise bad(f"unknown fields {sorted(unknown)} (allowed: {', '.join(sorted(_FIELDS))})")
    url = entry.get("url")
    if not isinstance(url, str) or not url:
        raise bad('needs a "url" string')
    method = entry.get("method", "GET")
    if not isinstance(method, str) or not method:
        raise bad('"method" must be a string')
    times = entry.get("times")
    if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
        raise bad('"times" must be a positive integer')
    out: dict = {"method": method.upper(), "url": url, "times": times}
    delay = entry.get("delay")
    if delay is not None:
        if not isinstance(delay, (int, float)) or isinstance(delay, bool) or not 0 <= delay <= MAX_DELAY_MS:
            raise bad(f'"delay" must be a number of milliseconds in 0..{MAX_DELAY_MS}')
        out["delay"] = float(delay)
    if "error" in entry:
        if not isinstance(entry["error"], str):
            raise bad('"error" must be a string')
        extra = set(entry) & {"status", "status_text", "headers", "body"}
        if extra:
            raise bad(f'"error" (a network failure) cannot have {sorted(extra)}')
        out["error"] = entry["error"]
        return out
    status = entry.get("status", 200)
    if not isinstance(status, int) or isinstance(status, bool) or not 200 <= status <= 599:
        # 1xx responses never reach a script, and a Response cannot be built with them
        raise bad(f'"status" must be an integer in 200..599, not {status!r}')
    status_text = entry.get("status_text")
    if status_text is None:
        status_text = _reason(status)
    elif not isinstance(status_text, str):
        raise bad('"status_text" must be a string')
    headers = entry.get("headers") or {}
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise bad('"headers" must be an object of strings')
    headers = {str(k).lower(): v for k, v in headers.items()}
    body = entry.get("body", "")
    if "content-type" not in headers:
        headers["content-type"] = ("text/plain;charset=UTF-8" if isinstance(body, str)
                                   else "application/json")
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False,
                                                         separators=(",", ":"))
    out.update(status=status, status_text=status_text, headers=headers, body=text)
    return out


class CannedFetcher:
    """A fetcher for ``fetchflow.run`` that answers from canned entries (see the module doc).

    ``entries`` holds the normalized entries (defaults filled in, bodies as text) and
    ``log`` one ``(method, url, entry index or None)`` per request answered."""

    def __init__(self, entries: Iterable[dict], *, source: str = "",
                 warn: Optional[Callable[[str], None]] = None) -> None:
        where = f"{source}: " if source else ""
        self.entries: List[dict] = [_normalize(e, i, where) for i, e in enumerate(entries)]
        self._patterns = [_pattern(e["url"]) for e in self.entries]
        self._used = [0] * len(self.entries)
        self.log: List[tuple] = []
        self._warn = warn if warn is not None else _log_warning

    @classmethod
    def from_list(cls, entries: Any, **kw: Any) -> "CannedFetcher":
        if not isinstance(entries, list):
            raise CannedResponsesError("canned responses must be a JSON list of entries")
        return cls(entries, **kw)

    @classmethod
    def from_file(cls, path: str, **kw: Any) -> "CannedFetcher":
        try:
            with open(path, encoding="utf-8") as f:
                raw = json.load(f)
        except ValueError as e:
            raise CannedResponsesError(f"{path} is not JSON: {e}") from None
        if not isinstance(raw, list):
            raise CannedResponsesError(f"{path}: canned responses must be a JSON list of entries")
        kw.setdefault("source", path)
        return cls(raw, **kw)

    def match(self, method: str, url: str) -> Optional[int]:
        """The index of the entry that would answer ``method url`` now (None: no match)."""
        method = method.upper()
        for i, e in enumerate(self.entries):
            if e["method"] != method or not self._patterns[i].fullmatch(url):
                continue
            if e["times"] is not None and self._used[i] >= e["times"]:
                continue
            return i
        return None

    def unused(self) -> List[int]:
        """Indices of entries no request used (handy to spot a stale responses file)."""
        return [i for i, n in enumerate(self._used) if n == 0]

    def __call__(self, req: FetchRequest) -> FetchResponse:
        i = self.match(req.method, req.url)
        self.log.append((req.method, req.url, i))
        if i is None:
            msg = f"no canned response for {req.method} {req.url}"
            self._warn(msg)
            return FetchResponse(req.id, False, 0, "", None, msg, None, time.time())
        self._used[i] += 1
        e = self.entries[i]
        # "delay": the answer comes that many ms after the request, in the VM's time (timers
        # due meanwhile, an AbortSignal.timeout say, run first); no real waiting
        at = req.timestamp + e["delay"] / 1000.0 if "delay" in e else time.time()
        if "error" in e:
            return FetchResponse(req.id, False, 0, "", None, e["error"], None, at)
        return FetchResponse(req.id, True, e["status"], e["status_text"], e["body"], None,
                             dict(e["headers"]), at)


def _log_warning(msg: str) -> None:
    log.warning(msg)
