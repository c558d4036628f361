"""Durable runs: a store of runs (SQLite or PostgreSQL), workers, real timers, events, retries.

    from fetchflow.durable import Store, Worker
    store = Store("sqlite:///runs.db")
    run_id = store.start(source)                   # runnable
    Worker(store).run(until_idle=True)             # steps and fetches until nothing is left
    store.show(run_id)["console"], store.history(run_id)

See worker.py for the crash guarantees and store.py for the transactions.
"""
from .retry import NO_RETRY, RetryPolicy
from .store import ConflictError, RunNotFound, Store
from .worker import Worker, idempotency_key, run_workers

__all__ = ["Store", "Worker", "RetryPolicy", "NO_RETRY", "ConflictError", "RunNotFound",
           "run_workers", "idempotency_key"]
