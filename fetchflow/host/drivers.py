"""Drivers that answer a script's fetches until it completes: ``run`` and ``arun``."""
from __future__ import annotations

import asyncio
import http.client
import json
import time
import urllib.error
import urllib.request
from typing import Any, Awaitable, Callable, Optional, cast

from ..api import (ExecutionResult, FetchRequest, FetchResponse, VMState, execute_code,
                   resume_execution)
from .events import wait_without_fetches
from .policy import apply_secrets, check_secrets
from .urls import URLError, parse_url

DEFAULT_TIMEOUT = 30.0


def http_fetcher(req: FetchRequest, timeout: float = DEFAULT_TIMEOUT) -> FetchResponse:
    """Perform ``req`` with urllib; network failures become ``success=False`` responses.
    Only http and https are fetched: urllib would also open ``file:``, ``ftp:`` and
    ``data:`` URLs, which would hand the script the host's files."""
    try:
        parsed = parse_url(req.url) if isinstance(req.url, str) else None
    except URLError as e:
        parsed, why = None, e.message
    else:
        why = f"unsupported URL scheme in {req.url!r}"
    if parsed is None:
        return FetchResponse(req.id, False, 0, "", None, f"fetch failed: {why}", None, time.time())
    try:
        # the serialized URL: urllib must not read the string differently from the policy
        body = req.body.encode("utf-8", "replace") if req.body is not None else None
        r = urllib.request.Request(parsed.href(), data=body, method=req.method,
                                   headers=dict(req.headers))
        with urllib.request.urlopen(r, timeout=timeout) as resp:
            raw = resp.read()
            headers = {k.lower(): v for k, v in resp.headers.items()}
            return FetchResponse(req.id, True, resp.status, resp.reason or "",
                                 _decode(raw, headers), None, headers, time.time())
    except urllib.error.HTTPError as e:
        raw = e.read() if e.fp is not None else b""
        headers = {k.lower(): v for k, v in (e.headers or {}).items()}
        return FetchResponse(req.id, True, e.code, e.reason or "", _decode(raw, headers), None,
                             headers, time.time())
    except (urllib.error.URLError, OSError, ValueError, TypeError, http.client.HTTPException) as e:
        reason = getattr(e, "reason", e)
        return FetchResponse(req.id, False, 0, "", None, f"fetch failed: {reason}", None, time.time())


def _decode(raw: bytes, headers: dict) -> str:
    ctype = headers.get("content-type", "")
    charset = "utf-8"
    if "charset=" in ctype:
        charset = ctype.split("charset=", 1)[1].split(";")[0].strip() or "utf-8"
    try:
        return raw.decode(charset, "replace")
    except LookupError:
        return raw.decode("utf-8", "replace")


def run(source: str, fetcher: Optional[Callable[[FetchRequest], FetchResponse]] = None,
        *, secrets: Optional[dict] = None, **options: Any) -> ExecutionResult:
    """Run ``source`` to completion, answering every fetch with ``fetcher`` (default: real HTTP).

    ``policy=FetchPolicy(...)`` restricts what the script may fetch; ``secrets={pattern:
    {header: value}}`` adds headers to requests matching the pattern (the language of
    fetchflow.host.policy) on their way to ``fetcher`` only (never into the VM or its state)."""
    fetch = fetcher or http_fetcher
    check_secrets(secrets)
    r = execute_code(source, **options)
    console = list(r.console)
    quiet = options.get("quiet", False)
    key = options.get("key")
    while r.type == "paused":
        time.sleep(wait_without_fetches(r))  # timers="real" sleeps; a lone waitForEvent raises
        responses = [fetch(apply_secrets(q, secrets)) for q in r.fetch_requests]
        assert r.state is not None
        r = resume_execution(r.state, responses, quiet=quiet, key=key, limits=options.get("limits"))
        console += r.console
    r.console = console  # the whole run's output
    return r


async def arun(source: str, fetcher: Callable[[FetchRequest], Awaitable[FetchResponse]],
               *, secrets: Optional[dict] = None, **options: Any) -> ExecutionResult:
    """Like ``run`` under asyncio: each batch of pending requests is answered concurrently."""
    check_secrets(secrets)
    loop = asyncio.get_running_loop()
    r = await loop.run_in_executor(None, lambda: execute_code(source, **options))
    console = list(r.console)
    quiet = options.get("quiet", False)
    key = options.get("key")
    while r.type == "paused":
        await asyncio.sleep(wait_without_fetches(r))
        responses = await asyncio.gather(*(fetcher(apply_secrets(q, secrets)) for q in r.fetch_requests))
        st = cast(VMState, r.state)  # a paused result carries its state
        r = await loop.run_in_executor(None, lambda: resume_execution(st, list(responses), quiet=quiet, key=key,
                                                                      limits=options.get("limits")))
        console += r.console
    r.console = console
    return r


_ = json
