"""Drivers that answer a script's fetches until it completes: ``run`` (and ``arun``, under
asyncio, in async_drivers.py: only its callers load asyncio).

A pause can leave several requests pending (``Promise.all`` of fetches).  The drivers
perform such a batch concurrently and resume once with every answer, in the order the
script made the requests, so what the script observes never depends on which server
answered first.  With the built-in fetcher (``HTTPFetcher``) each redirect hop is checked
against the run's policy and receives only the secrets its own URL matches.
"""
from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Optional, Union

from ..api import ExecutionResult, FetchRequest, FetchResponse, execute_code, resume_execution
from ..limits import LimitExceeded, Limits
from .events import wait_without_fetches
from .http_fetch import DEFAULT_TIMEOUT, HTTPFetcher
from .policy import apply_secrets, check_secrets

if TYPE_CHECKING:
    import concurrent.futures

__all__ = ["run", "http_fetcher", "HTTPFetcher", "DEFAULT_TIMEOUT", "DEFAULT_MAX_CONCURRENCY"]

#: the fetcher ``run`` and ``arun`` use when none is given (real HTTP, as node's fetch)
http_fetcher = HTTPFetcher()
#: requests of one batch in flight at once, by default
DEFAULT_MAX_CONCURRENCY = 16

Fetcher = Callable[[FetchRequest], FetchResponse]
AnyFetcher = Callable[[FetchRequest], Union[FetchResponse, Awaitable[FetchResponse]]]


def _prepare(fetcher: Any, secrets: Any, timeout: Optional[float], options: dict) -> tuple:
    """``(fetch, builtin)``: the built-in fetcher gets the run's policy, secrets and timeout
    (it applies secrets per redirect hop); any other fetcher gets requests with the
    secrets already added."""
    check_secrets(secrets)
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
                                or not timeout > 0):
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
    fetch = http_fetcher if fetcher is None else fetcher
    if isinstance(fetch, HTTPFetcher):
        changes: dict = {"policy": options.get("policy"), "secrets": secrets or None}
        if timeout is not None:
            changes["timeout"] = float(timeout)
        return fetch.configured(**changes), True
    if not callable(fetch):
        raise TypeError(f"fetcher must be callable, not {type(fetch).__name__}")
    if not secrets:
        return fetch, False
    return (lambda q: fetcher(apply_secrets(q, secrets))), False


def _concurrency(max_concurrency: Optional[int], builtin: bool) -> int:
    if max_concurrency is None:
        return DEFAULT_MAX_CONCURRENCY if builtin else 1
    if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int) or max_concurrency < 1:
        raise ValueError(f"max_concurrency must be an int >= 1, not {max_concurrency!r}")
    return max_concurrency


class _RunClock:
    """``max_run_time``: wall time for the whole run, waits for responses and timers
    included.  Each step's ``max_time`` and each fetch's timeout are cut to what is left."""
    __slots__ = ("deadline", "limit")

    def __init__(self, max_run_time: Optional[float]) -> None:
        if max_run_time is not None and (isinstance(max_run_time, bool) or
                                         not isinstance(max_run_time, (int, float)) or not max_run_time > 0):
            raise ValueError(f"max_run_time must be a positive number of seconds, not {max_run_time!r}")
        self.limit = max_run_time
        self.deadline = None if max_run_time is None else time.monotonic() + max_run_time

    def left(self) -> Optional[float]:
        if self.deadline is None:
            return None
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise LimitExceeded("max_run_time", f"the run took more than {self.limit} s")
        return left

    def limits(self, limits: Optional[Limits]) -> Optional[Limits]:
        left = self.left()
        if left is None:
            return limits
        cut = dataclasses.replace(limits) if limits is not None else Limits()
        cut.max_time = left if cut.max_time is None else min(cut.max_time, left)
        return cut

    def sleep(self, seconds: float) -> None:
        left = self.left()
        if left is not None and seconds >= left:
            time.sleep(left)
            self.left()   # raises
        time.sleep(seconds)

    def fetcher(self, fetch: Any, builtin: bool) -> Any:
        """The built-in fetcher with its timeout cut to what is left of the run."""
        left = self.left()
        if left is None or not builtin:
            return fetch
        current = fetch.timeout
        return fetch.configured(timeout=left if current is None else min(current, left))


def run(source: str, fetcher: Optional[Fetcher] = None, *, secrets: Optional[dict] = None,
        timeout: Optional[float] = None, max_concurrency: Optional[int] = None,
        max_run_time: Optional[float] = None, **options: Any) -> ExecutionResult:
    """Run ``source`` to completion, answering every fetch with ``fetcher`` (default: real
    HTTP, ``http_fetcher``).

    ``policy=FetchPolicy(...)`` restricts what the script may fetch (the built-in fetcher
    checks every redirect hop too); ``secrets={pattern: {header: value}}`` adds headers to
    requests matching the pattern (the language of fetchflow.host.policy) on their way to
    the network only (never into the VM or its state).  ``timeout``: seconds per request
    for the built-in fetcher (default ``DEFAULT_TIMEOUT``); a timed-out fetch rejects in JS
    with ``TypeError: fetch failed``; a fetcher of your own keeps its own timeouts.
    ``max_concurrency``: requests of one batch performed at once (default 16 for the
    built-in fetcher; 1 for your own, which is then called one request at a time, in
    order, as before; pass a number if it is thread-safe).  ``max_run_time``: wall-clock
    seconds for the whole run, waits for responses and timers included (past it:
    ``LimitExceeded("max_run_time")``).  Other keywords go to ``execute_code``."""
    fetch, builtin = _prepare(fetcher, secrets, timeout, options)
    workers = _concurrency(max_concurrency, builtin)
    clock = _RunClock(max_run_time)
    quiet, key, limits = options.get("quiet", False), options.get("key"), options.get("limits")
    r = execute_code(source, **{**options, "limits": clock.limits(limits)})
    console = list(r.console)
    pool: Optional[concurrent.futures.ThreadPoolExecutor] = None
    try:
        while r.type == "paused":
            clock.sleep(wait_without_fetches(r))  # timers="real" sleeps; a lone waitForEvent raises
            requests = list(r.fetch_requests)
            batch_fetch = clock.fetcher(fetch, builtin)
            if workers > 1 and len(requests) > 1:
                if pool is None:
                    import concurrent.futures   # start-up cost: threads only for a batch of fetches
                    pool = concurrent.futures.ThreadPoolExecutor(workers, "fetchflow-fetch")
                responses = list(pool.map(batch_fetch, requests))   # in request order
            else:
                responses = [batch_fetch(q) for q in requests]
            assert r.state is not None
            r = resume_execution(r.state, responses, quiet=quiet, key=key, limits=clock.limits(limits))
            console += r.console
    finally:
        if pool is not None:
            pool.shutdown(wait=False)
    r.console = console  # the whole run's output
    return r
