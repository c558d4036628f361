"""PostgreSQL beyond one machine: procrastinate jobs deferred inside the store's transactions.

With ``Store(url, queue="procrastinate")`` (remembered in the database, so every later
``Store(url)`` — the CLI's ``start``, ``send-event`` — defers jobs too) each transaction
that creates work also defers the jobs for it, in the same transaction:

* a step's commit: the version check, the new state, one ``fetchflow.fetch`` job for the new
  requests it does not lease to the committing worker (performed at once, each answer recorded
  as it comes), and a ``fetchflow.step`` job with ``scheduled_at`` = the earliest timer;
* ``start``, ``send_event`` and a fetch's answer: a ``fetchflow.step`` job for the run;
* a fetch to retry: a ``fetchflow.fetch`` job scheduled at the retry time.

So a state transition and the jobs that follow from it commit together or not at all.

A job then carries its run on for as long as the run has work in this worker (``follow`` in
``make_app``): the step's commit leases its new fetches to the worker instead of deferring a
job for them, the job performs them, and the transaction recording an answer that makes the
run runnable also leases the run to the worker, which steps it in the same job.  A run that
only fetches is one job (it was one per step and one per batch of fetches: each job costs
procrastinate's worker a fetch, a status update and a wake-up).  What a killed worker held
is leased to it: once the lease expires the sweeper defers jobs for it.
Jobs are hints, the store's rows are the truth: a job whose run or fetch is not ready
(already taken, finished, cancelled) does nothing, and a sweeper re-defers jobs for
work whose jobs were lost with a dead worker (procrastinate marks them stalled; we do
not need to wait for that).  Jobs carry no procrastinate ``lock``: a job left ``doing`` by
a killed worker would hold it, blocking the run's later steps until procrastinate retried
the stalled job; the run's lease and version check already keep its steps apart.

Why not Celery on Redis: a task whose ETA exceeds the broker's visibility timeout (one hour
by default) is redelivered, which breaks long timers, and state and queue would sit in
two systems with no transaction spanning both.
"""
from __future__ import annotations

import asyncio
import datetime
import json
import logging
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Optional

log = logging.getLogger("fetchflow.pgqueue")

QUEUE = "fetchflow"
STEP = "fetchflow.step"
FETCH = "fetchflow.fetch"
GATHER = 0.002


class ProcrastinateQueue:
    """The store's job hooks: each is called inside the store's open transaction ``tx``."""

    def on_runnable(self, tx: Any, run_id: str) -> None:
        _defer(tx, [(STEP, {"run_id": run_id}, None, None)])

    def on_commit(self, tx: Any, run_id: str, new_requests: list, wake_at: Optional[float]) -> None:
        # one job for the step's fetches (a job costs its worker a few queries: a batch of 5
        # fetches was 5 jobs); it performs them at once and records each answer as it comes
        jobs = [(FETCH, {"run_id": run_id, "request_ids": [q["id"] for q in new_requests]}, None, None)
                ] if new_requests else []
        if wake_at is not None:
            jobs.append((STEP, {"run_id": run_id}, None, wake_at))
        _defer(tx, jobs)

    def on_retry(self, tx: Any, run_id: str, request_id: str, at: float) -> None:
        _defer(tx, [(FETCH, {"run_id": run_id, "request_id": request_id}, None, at)])


def _defer(tx: Any, jobs: list) -> None:
    """``procrastinate_defer_jobs_v1`` (what ``Task.defer`` runs), on our own transaction."""
    if not jobs:
        return
    rows, params = [], []
    for task, args, lock, at in jobs:
        rows.append("ROW(?, ?, 0, ?, NULL, ?::jsonb, ?)::procrastinate_job_to_defer_v1")
        when = datetime.datetime.fromtimestamp(at, datetime.timezone.utc) if at is not None else None
        params += [QUEUE, task, lock, json.dumps(args), when]
    tx.execute("SELECT procrastinate_defer_jobs_v1(ARRAY[" + ", ".join(rows) + "])", params)


def install(store: Any) -> None:
    """Create procrastinate's schema if missing (serialized by an advisory lock)."""
    from procrastinate.schema import SchemaManager
    with store.db.transaction() as tx:
        tx.execute("SELECT pg_advisory_xact_lock(7012346)")
        if tx.one("SELECT to_regclass('procrastinate_jobs')")[0] is None:
            tx.cur.execute(SchemaManager.get_schema())  # our cursor: no placeholder translation


def sweep(store: Any, min_age: float) -> int:
    """Re-defer jobs for work that has none running: runnable runs, due timers and queued
    fetches untouched for ``min_age`` seconds with no live lease.  Duplicates are harmless."""
    now = time.time()
    q = store.queue
    runs: list = []
    fetches: list = []
    with store.db.transaction() as tx:
        # a run with a step job waiting to be taken needs no other (a worker starting on a
        # backlog would double it: the runs started before it all have their job)
        for (rid,) in tx.query("SELECT id FROM ff_runs WHERE (status = 'runnable' OR (status = 'waiting'"
                               " AND wake_at <= ?)) AND updated <= ? AND (lease_expires IS NULL OR"
                               " lease_expires < ?) AND id NOT IN (SELECT args->>'run_id' FROM"
                               " procrastinate_jobs WHERE status = 'todo' AND task_name = ? AND"
                               " (scheduled_at IS NULL OR scheduled_at <= ?))",
                               (now - min_age, now - min_age, now, STEP,
                                datetime.datetime.fromtimestamp(now, datetime.timezone.utc))):
            q.on_runnable(tx, rid)
            runs.append(rid)
        for rid, req_id in tx.query("SELECT run_id, request_id FROM ff_fetches WHERE status = 'queued'"
                                    " AND next_try <= ? AND (lease_expires IS NULL OR lease_expires < ?)",
                                    (now - min_age, now)):
            _defer(tx, [(FETCH, {"run_id": rid, "request_id": req_id}, None, None)])
            fetches.append((rid, req_id))
        # the re-deferred work counts as fresh: the next sweep leaves it min_age alone.  Only
        # its rows: a row this transaction locks is skipped by a job claiming it meanwhile
        # (FOR UPDATE SKIP LOCKED), and a run whose job was so spent waited for a later sweep
        for k in range(0, len(runs), 500):
            part = runs[k:k + 500]
            tx.execute("UPDATE ff_runs SET updated = ? WHERE id IN (" + ", ".join("?" * len(part)) + ")",
                       [now, *part])
        for rid, req_id in fetches:
            tx.execute("UPDATE ff_fetches SET next_try = ? WHERE run_id = ? AND request_id = ?",
                       (now, rid, req_id))
    return len(runs) + len(fetches)


def make_app(worker: Any) -> Any:
    """A procrastinate App whose two tasks run ``worker``'s steps and fetches."""
    import procrastinate
    store = worker.store
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=store.url))

    @app.task(name=STEP, queue=QUEUE)
    def step(run_id: str) -> None:
        claim = store.claim_this_run(run_id, worker.owner, worker.lease)
        if claim is not None:
            follow(claim, [])

    batch = ThreadPoolExecutor(worker.max_in_flight, thread_name_prefix="fetch")

    @app.task(name=FETCH, queue=QUEUE)
    def fetch(run_id: str, request_id: Optional[str] = None, request_ids: Optional[list] = None) -> None:
        ids = request_ids if request_ids is not None else [request_id]
        claimed = (store.claim_this_fetch(run_id, rid, worker.owner, worker.lease) for rid in ids)
        follow(None, [j for j in claimed if j is not None])

    def follow(claim: Optional[Any], jobs: list) -> None:
        """Carry a run on in this job for as long as it has work here: step it, perform the
        fetches its commit leased to this worker, record each answer as it comes and, when an
        answer makes the run runnable, lease it in that same transaction and step it again.
        A run's life is then one job, not a job per step and per batch of fetches (each job
        costs procrastinate's worker a fetch, a status update and a wake-up).  Anything left
        behind by a crash is leased to a dead owner: the sweeper defers jobs for it."""
        done: queue.Queue = queue.Queue()
        left = 0
        items: list = []
        try:
            while True:
                if claim is not None:
                    jobs = worker.step(claim, lease_to_me=lambda q: True)
                    claim = None
                if len(jobs) == 1 and not left:
                    fetch_one(jobs[0], done)   # the only fetch awaited: no thread hop for it
                else:
                    for job in jobs:
                        batch.submit(fetch_one, job, done)
                left += len(jobs)
                jobs = []
                if not left:
                    return
                # record every answer already in, one transaction for them; a batch's answers
                # come back within a few ms of each other (a Promise.all of fetches to one
                # server): waiting GATHER seconds for the next one saves a step for each
                items = [done.get()]
                while len(items) < left:
                    try:
                        items.append(done.get(timeout=GATHER))
                    except queue.Empty:
                        break
                left -= len(items)
                claim = store.finish_fetches(items, (items[0][0], worker.owner, worker.lease))
                for item in items:
                    worker.stats["fetches" if item[2] is not None else "retries"] += 1
                items = []
        except BaseException:
            # the heartbeat would keep what this job holds leased to us forever: give the run
            # back (the sweeper defers a step job for it) and record the answers still coming
            log.exception("procrastinate job failed; handing back its run and fetches")
            try:
                if claim is not None:
                    store.release(claim.run_id, worker.owner)
                store.finish_fetches(items + [done.get() for _ in range(left)])
            except Exception:  # noqa: BLE001 - then a restart of the worker frees them
                log.exception("could not hand back a failed job's work")
            raise

    def fetch_one(job: tuple, done: queue.Queue) -> None:
        worker.wait_host_slot(job[1])   # the per-host limit (the lease is heartbeaten meanwhile)
        worker._in_flight += 1
        worker.stats["max_in_flight"] = max(worker.stats["max_in_flight"], worker._in_flight)
        try:
            item = worker.fetch_outcome(*job)   # the job waits for this answer: always one
        finally:
            worker._in_flight -= 1
            worker._give_host_slot(job[1])
        done.put(item)

    return app


def run_procrastinate_worker(worker: Any, until_idle: bool = False, concurrency: int = 64) -> dict:
    """Run procrastinate's worker on the ``fetchflow`` queue with a heartbeat and a sweeper."""
    store = worker.store
    app = make_app(worker)
    stop = threading.Event()

    def background() -> None:
        sweep(store, 0.0)  # runs started before any queue was there, jobs lost in a crash
        while not stop.wait(min(worker.lease / 3.0, 5.0)):
            try:
                store.heartbeat(worker.owner, worker.lease)
                sweep(store, worker.lease)
            except Exception:  # noqa: BLE001 - the next round tries again
                log.exception("sweep failed")

    bg = threading.Thread(target=background, name="sweeper", daemon=True)
    bg.start()

    async def main() -> None:
        # procrastinate runs sync tasks on the loop's default executor (min(32, cpus + 4)
        # threads): size it to the concurrency, or fetches queue behind a handful of threads
        asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(concurrency + 4))
        async with app.open_async():
            task = asyncio.create_task(app.run_worker_async(
                queues=[QUEUE], concurrency=concurrency, wait=True,
                # NOTIFY wakes the worker for jobs due now; a timer's job (scheduled_at) is
                # found only by polling, so poll often enough to wake runs on time
                fetch_job_polling_interval=0.25,
                install_signal_handlers=not until_idle))
            # procrastinate's own wait=False stops whenever the queue is empty for an instant
            # (a fetch in flight is about to add a job): ask the store instead
            while until_idle and not task.done():
                await asyncio.sleep(0.1)
                if await asyncio.to_thread(store.idle):
                    task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass

    try:
        asyncio.run(main())
    finally:
        stop.set()
    return dict(worker.stats)
