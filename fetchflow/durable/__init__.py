"""Durable runs: a store of runs (SQLite or PostgreSQL), workers, real timers, events, retries.

    from fetchflow.durable import Store, Worker
    store = Store("sqlite:///runs.db")
    run_id = store.start(source)                   # runnable
    Worker(store).run(until_idle=True)             # steps and fetches until nothing is left
    store.show(run_id)["console"], store.history(run_id)

See worker.py for the crash guarantees and store.py for the transactions.
"""
from __future__ import annotations

import importlib
from typing import Any

# Loaded on first use (PEP 562): the CLI registers the durable subcommands on every start, and
# a plain `fetchflow run` should not pay for the store, the worker and their imports.
_EXPORTS = {"Store": "store", "ConflictError": "store", "RunNotFound": "store",
            "Worker": "worker", "idempotency_key": "worker", "run_workers": "worker",
            "RetryPolicy": "retry", "NO_RETRY": "retry"}

__all__ = ["Store", "Worker", "RetryPolicy", "NO_RETRY", "ConflictError", "RunNotFound",
           "run_workers", "idempotency_key"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
