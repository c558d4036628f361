"""Workers: claim runs and fetch jobs from the store, run steps, perform fetches.

One process runs steps on its main thread (a step is CPU work under the GIL: more
threads would not run more of them) and performs fetches on a thread pool, so many
fetches are in flight while steps run.  A heartbeat thread extends the leases this
worker holds.  A worker killed at any point loses nothing: an uncommitted step is
re-run from the last committed state once its lease expires; a fetch whose answer was
not recorded is performed again (at-least-once delivery, hence the ``Idempotency-Key``
header derived from the run id and the request id: a server that honours it performs
a repeated POST once).  ``python -m fetchflow worker --processes N`` starts N of these.
"""
from __future__ import annotations

import importlib
import logging
import os
import queue
import random
import signal
import socket
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Optional

from ..api import FetchRequest, FetchResponse
from .retry import Retry, policy_for
from .step import StepOutcome, response_dict, run_step
from .store import Claim, ConflictError, Store
from ..host.drivers import http_fetcher
from ..host.policy import check_secrets
from ..host.policy import apply_secrets

log = logging.getLogger("fetchflow.worker")

Fetcher = Callable[[FetchRequest], FetchResponse]


def load_fetcher(spec: Optional[str]) -> Fetcher:
    """``"module:callable"`` -> the callable (default: fetchflow's real-HTTP fetcher)."""
    if not spec:
        return http_fetcher
    mod, _, name = spec.partition(":")
    if not name:
        raise ValueError(f"--fetcher must be MODULE:CALLABLE, not {spec!r}")
    obj: Any = importlib.import_module(mod)
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj  # type: ignore[no-any-return]


def idempotency_key(run_id: str, request_id: str) -> str:
    """The same for every attempt of one fetch of one run, different for any other."""
    return f"fetchflow-{run_id}-{request_id}"


class Worker:
    """Runs steps and fetches until stopped (or, with ``until_idle``, until nothing is left).

    ``max_in_flight`` bounds concurrent fetches (threads); ``lease`` is how long a claim
    lasts without a heartbeat; ``secrets`` adds headers outside the VM as in ``run``;
    ``retry`` is a RetryPolicy or ``{host glob: RetryPolicy}``; ``chaos`` (tests only) is
    the probability of SIGKILLing itself at each crash point."""

    def __init__(self, store: Store | str, fetcher: Optional[Fetcher] = None, *,
                 lease: float = 60.0, max_in_flight: int = 64, secrets: Optional[dict] = None,
                 retry: Retry = None, name: Optional[str] = None, poll: float = 0.05,
                 chaos: float = 0.0, status_line: Optional[bool] = None) -> None:
        self.store = Store(store) if isinstance(store, str) else store
        self.fetcher = fetcher or load_fetcher(None)
        self.lease = float(lease)
        self.max_in_flight = max_in_flight
        check_secrets(secrets)  # a bad pattern fails here, not on the first matching request
        self.secrets = secrets
        self.retry = retry
        self.owner = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.poll = poll
        self.chaos = chaos
        self.status_line = sys.stderr.isatty() if status_line is None else status_line
        self._results: "queue.Queue[tuple]" = queue.Queue()
        self._in_flight = 0
        self._stop = threading.Event()
        self.stats = {"steps": 0, "completed": 0, "failed": 0, "fetches": 0, "retries": 0,
                      "conflicts": 0, "errors": 0, "max_in_flight": 0}
        self._rng = random.Random()

    # -- the loop ----------------------------------------------------------------------------------
    def stop(self) -> None:
        self._stop.set()

    def run(self, until_idle: bool = False) -> dict:
        """Work until ``stop()`` (or idle, see ``idle``); returns the counters."""
        self._stop.clear()
        pool = ThreadPoolExecutor(max_workers=self.max_in_flight, thread_name_prefix="fetch")
        hb = threading.Thread(target=self._heartbeat, name="heartbeat", daemon=True)
        hb.start()
        last_status = 0.0
        try:
            while not self._stop.is_set():
                try:
                    busy = self._round(pool)
                except Exception:  # noqa: BLE001 - a database hiccup (a deadlock victim, a
                    # dropped connection) must not end the worker: leases cover what it held
                    log.exception("worker round failed; retrying")
                    self.stats["errors"] += 1
                    self.store.db.close()
                    time.sleep(self.poll)
                    try:  # no step is running now: give back a run claimed before the failure
                        self.store.release_all(self.owner)
                    except Exception:  # noqa: BLE001 - then its lease expires
                        pass
                    continue
                now = time.time()
                if now - last_status >= 1.0:
                    self._report()
                    last_status = now
                if busy:
                    continue
                if until_idle and self._in_flight == 0 and self.idle():
                    break
                self._wait()
        finally:
            self._stop.set()
            pool.shutdown(wait=True)
            self._record_fetches()
            self._report(final=True)
        return dict(self.stats)

    def _round(self, pool: ThreadPoolExecutor) -> bool:
        """Record finished fetches, start due ones, run up to 8 steps; whether anything moved."""
        busy = self._record_fetches()
        free = self.max_in_flight - self._in_flight
        if free > 0:
            for run_id, req, attempt in self.store.claim_fetches(self.owner, self.lease, free):
                self._in_flight += 1
                pool.submit(self._fetch, run_id, req, attempt)
                busy = True
        self.stats["max_in_flight"] = max(self.stats["max_in_flight"], self._in_flight)
        for _ in range(8):
            claim = self.store.claim_run(self.owner, self.lease)
            if claim is None:
                break
            self.step(claim)
            busy = True
        return busy

    def _wait(self) -> None:
        """Sleep until a fetch finishes, or a run falls due, at most ``poll`` seconds."""
        due = self.store.next_due() if self._in_flight == 0 else None
        timeout = self.poll
        if due is not None:
            timeout = max(0.0, min(timeout, due - time.time()))
        try:
            item = self._results.get(timeout=timeout)
        except queue.Empty:
            return
        self._results.put(item)

    def idle(self) -> bool:
        return self.store.idle()

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.lease / 3.0):
            try:
                self.store.heartbeat(self.owner, self.lease)
            except Exception:  # noqa: BLE001 - a missed beat only risks a re-run
                log.exception("heartbeat failed")

    def _chaos_point(self, point: str) -> None:
        if self.chaos and self._rng.random() < self.chaos:
            log.warning("chaos: killing myself at %s", point)
            os.kill(os.getpid(), signal.SIGKILL)

    # -- steps -------------------------------------------------------------------------------------
    def step(self, claim: Claim) -> None:
        """Run one claimed step and commit it (a lost race is counted, not raised)."""
        self._chaos_point("claimed")
        kind = "start" if claim.state is None else "step"
        if claim.deadline is not None and time.time() >= claim.deadline:
            now = time.time()
            out = StepOutcome("failed", started=now, finished=now,
                              error={"name": "DeadlineExceeded", "message": "the run's deadline passed"})
            kind = "deadline"
        else:
            try:
                out = run_step(claim.source, claim.state, claim.options, claim.responses,
                               [(n, p) for _, n, p in claim.events], self.store.key, claim.pending_ids)
            except Exception as e:  # noqa: BLE001 - a bug must fail the run, not loop on it
                log.exception("step of run %s crashed", claim.run_id)
                now = time.time()
                out = StepOutcome("failed", started=now, finished=now,
                                  error={"name": "InternalError", "message": f"{type(e).__name__}: {e}"})
        self._chaos_point("stepped")
        try:
            self.store.commit_step(claim, out, self.owner, kind)
        except ConflictError:
            self.stats["conflicts"] += 1
            log.info("run %s: another worker committed this step first", claim.run_id)
            return
        self._chaos_point("committed")
        self.stats["steps"] += 1
        if out.status == "completed":
            self.stats["completed"] += 1
            log.info("run %s completed", claim.run_id)
        elif out.status == "failed":
            self.stats["failed"] += 1
            log.info("run %s failed: %s", claim.run_id, (out.error or {}).get("message"))

    # -- fetches -----------------------------------------------------------------------------------
    def _fetch(self, run_id: str, req: dict, attempt: int) -> None:
        """On a pool thread: perform one fetch; the outcome goes to the main thread."""
        try:
            self._results.put(self.perform_fetch(run_id, req, attempt))
        except BaseException:  # noqa: BLE001 - never lose the in-flight count
            log.exception("fetch %s of run %s crashed", req.get("id"), run_id)
            self._results.put((run_id, req["id"], None, time.time() + 1.0))

    def perform_fetch(self, run_id: str, req: dict, attempt: int) -> tuple:
        """Perform one fetch: ``(run_id, request_id, response dict)``, or
        ``(run_id, request_id, None, retry_at)`` when the retry policy wants another try."""
        headers = dict(req.get("headers") or {})
        if not any(k.lower() == "idempotency-key" for k in headers):
            headers["Idempotency-Key"] = idempotency_key(run_id, req["id"])
        fr = FetchRequest(req["id"], req["url"], {"method": req["method"], "headers": headers,
                                                 "body": req.get("body")}, req.get("timestamp", 0.0))
        if self.secrets:
            fr = apply_secrets(fr, self.secrets)
        try:
            resp = response_dict(self.fetcher(fr))
            resp["id"] = req["id"]
        except Exception as e:  # noqa: BLE001 - a broken fetcher is a network error to the script
            resp = {"id": req["id"], "success": False, "status": 0, "status_text": "",
                    "data": None, "error": f"fetch failed: {e}", "headers": None,
                    "timestamp": time.time()}
        self._chaos_point("fetched")
        delay = policy_for(self.retry, req["url"]).delay(attempt, resp, self._rng)
        if delay is not None:
            return (run_id, req["id"], None, time.time() + delay)
        return (run_id, req["id"], resp)

    def _record_fetches(self) -> bool:
        batch = []
        while True:
            try:
                batch.append(self._results.get_nowait())
            except queue.Empty:
                break
        if not batch:
            return False
        try:
            self.store.finish_fetches(batch)
        except BaseException:
            for item in batch:  # not recorded: keep them for the next round
                self._results.put(item)
            raise
        self._in_flight -= len(batch)
        for item in batch:
            if item[2] is None:
                self.stats["retries"] += 1
            else:
                self.stats["fetches"] += 1
                if not item[2].get("success", True) or int(item[2].get("status") or 0) >= 500:
                    self.stats["errors"] += 1
        return True

    # -- progress ----------------------------------------------------------------------------------
    def _report(self, final: bool = False) -> None:
        s = self.stats
        line = (f"steps {s['steps']}  completed {s['completed']}  failed {s['failed']}  "
                f"fetches {s['fetches']} ({self._in_flight} in flight, max {s['max_in_flight']})  "
                f"retries {s['retries']}  errors {s['errors']}  conflicts {s['conflicts']}")
        if self.status_line:
            sys.stderr.write("\r\x1b[K" + line + ("\n" if final else ""))
            sys.stderr.flush()
        elif final or s["steps"] or self._in_flight:
            log.info("%s%s", "done: " if final else "", line)


def work(url: str, fetcher: Optional[str], kwargs: dict, until_idle: bool,
         queue: Optional[str] = None) -> dict:
    """One worker process's life: the polling loop, or procrastinate's worker."""
    worker = Worker(Store(url, queue=queue), load_fetcher(fetcher), **kwargs)
    if queue == "procrastinate":
        from .pgqueue import run_procrastinate_worker
        return run_procrastinate_worker(worker, until_idle, concurrency=worker.max_in_flight)
    return worker.run(until_idle=until_idle)


def _process_main(url: str, fetcher: Optional[str], kwargs: dict, until_idle: bool,
                  queue: Optional[str]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s[%(process)d] %(message)s")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    work(url, fetcher, kwargs, until_idle, queue)


def run_workers(url: str, processes: int = 1, fetcher: Optional[str] = None,
                until_idle: bool = False, queue: Optional[str] = None, **kwargs: Any) -> int:
    """Run ``processes`` worker processes (or this one when 1) until they exit."""
    if processes <= 1:
        work(url, fetcher, kwargs, until_idle, queue)
        return 0
    import multiprocessing
    ctx = multiprocessing.get_context("spawn")
    kwargs.setdefault("status_line", False)
    procs = [ctx.Process(target=_process_main, args=(url, fetcher, kwargs, until_idle, queue))
             for _ in range(processes)]
    for p in procs:
        p.start()
    try:
        for p in procs:
            p.join()
    except KeyboardInterrupt:
        for p in procs:
            p.terminate()
        for p in procs:
            p.join()
    return max((p.exitcode or 0) for p in procs)
