"""``arun``: the driver of ``drivers.run`` under asyncio.

A module of its own so that ``import fetchflow`` and the command line do not load asyncio
(``fetchflow.arun`` loads this module on first use).
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import inspect
from typing import Any, List, Optional, cast

from ..api import ExecutionResult, FetchRequest, FetchResponse, VMState, execute_code, resume_execution
from .drivers import DEFAULT_MAX_CONCURRENCY, AnyFetcher, _concurrency, _prepare
from .events import wait_without_fetches

__all__ = ["arun"]


def _is_async(fetcher: Any) -> bool:
    return inspect.iscoroutinefunction(fetcher) or \
        inspect.iscoroutinefunction(getattr(fetcher, "__call__", None))


async def arun(source: str, fetcher: Optional[AnyFetcher] = None, *, secrets: Optional[dict] = None,
               timeout: Optional[float] = None, max_concurrency: Optional[int] = None,
               **options: Any) -> ExecutionResult:
    """Like ``run`` under asyncio (default fetcher: real HTTP in worker threads).  The
    fetcher may be a coroutine function or a plain function (run in a thread; if it
    returns an awaitable, that is awaited).  Every batch is fetched concurrently, at most
    ``max_concurrency`` (default 16) at once; answers are delivered in request order."""
    fetch, builtin = _prepare(fetcher, secrets, timeout, options)
    limit = DEFAULT_MAX_CONCURRENCY if max_concurrency is None else _concurrency(max_concurrency, builtin)
    is_async = not builtin and _is_async(fetcher)
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(limit)
    pool = concurrent.futures.ThreadPoolExecutor(limit, "fetchflow-fetch")

    async def one(q: FetchRequest) -> FetchResponse:
        async with gate:
            res: Any = fetch(q) if is_async else await loop.run_in_executor(pool, fetch, q)
            while inspect.isawaitable(res):
                res = await res
            return cast(FetchResponse, res)

    try:
        r = await loop.run_in_executor(None, lambda: execute_code(source, **options))
        console = list(r.console)
        quiet, key, limits = options.get("quiet", False), options.get("key"), options.get("limits")
        while r.type == "paused":
            await asyncio.sleep(wait_without_fetches(r))
            responses: List[FetchResponse] = list(await asyncio.gather(*(one(q) for q in r.fetch_requests)))
            st = cast(VMState, r.state)  # a paused result carries its state
            r = await loop.run_in_executor(None, lambda: resume_execution(
                st, responses, quiet=quiet, key=key, limits=limits))
            console += r.console
    finally:
        pool.shutdown(wait=False)
    r.console = console
    return r
