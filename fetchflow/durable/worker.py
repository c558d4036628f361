"""Workers: claim runs and fetch jobs from the store, run steps, perform fetches.

One process runs steps on its main thread (a step is CPU work under the GIL: more
threads would not run more of them) and performs fetches on a thread pool, so many
fetches are in flight while steps run.  A heartbeat thread extends the leases this
worker holds.  A worker killed at any point loses nothing: an uncommitted step is
re-run from the last committed state once its lease expires; a fetch whose answer was
not recorded is performed again (at-least-once delivery, hence the ``Idempotency-Key``
header derived from the run id and the request id: a server that honours it performs
a repeated POST once).  ``python -m fetchflow worker --processes N`` starts N of these.

Two things keep a worker's steps cheap and its fetches many:

* it keeps the live machines of the runs it paused (``step.MachineCache``), and claims
  those runs first when their answers come in, so most steps continue a machine instead
  of loading a state (only the save remains, which durability needs);
* the fetches a step makes are inserted leased to the worker that made them, in the
  step's own commit, and start at once (no claim round trip).

A worker performs at most ``max_per_host`` fetches to one origin at a time (6 by default,
as browsers and undici do); fetches beyond that stay queued for whoever has room.
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
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Optional

from ..grammar import ast_cache
from ..host import realm_pool
from ..api import FetchRequest, FetchResponse
from .retry import Retry, policy_for
from .step import MachineCache, StepOutcome, request_from_dict, response_dict, run_step
from .store import Claim, ConflictError, Store
from ..host.drivers import http_fetcher
from ..host.http_fetch import HTTPFetcher
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


def origin_of(url: str) -> str:
    """The origin a per-host limit counts against: ``scheme://host:port``."""
    try:
        u = urllib.parse.urlsplit(url)
        port = u.port or {"http": 80, "https": 443}.get(u.scheme, 0)
    except ValueError:
        return url
    return f"{u.scheme}://{(u.hostname or '').lower()}:{port}"


def idempotency_key(run_id: str, request_id: str) -> str:
    """The same for every attempt of one fetch of one run, different for any other."""
    return f"fetchflow-{run_id}-{request_id}"


class Worker:
    """Runs steps and fetches until stopped (or, with ``until_idle``, until nothing is left).

    ``max_in_flight`` bounds concurrent fetches (threads; no new run is started while they are
    all busy, and the process keeps up to that many finished runs' realms for the next runs,
    host/realm_pool.py), ``max_per_host`` those to one
    origin (0: no limit); ``cache`` is how many paused machines it keeps live; ``lease``
    is how long a claim lasts without a heartbeat; ``secrets`` adds headers outside the VM as in ``run``;
    ``retry`` is a RetryPolicy or ``{host glob: RetryPolicy}``; ``chaos`` (tests only) is
    the probability of SIGKILLing itself at each crash point."""

    def __init__(self, store: Store | str, fetcher: Optional[Fetcher] = None, *,
                 lease: float = 60.0, max_in_flight: int = 64, secrets: Optional[dict] = None,
                 retry: Retry = None, name: Optional[str] = None, poll: float = 0.05,
                 chaos: float = 0.0, status_line: Optional[bool] = None, max_per_host: int = 6,
                 cache: int = 256) -> None:
        self.store = Store(store) if isinstance(store, str) else store
        self.fetcher = fetcher or load_fetcher(None)
        self.lease = float(lease)
        if type(max_in_flight) is not int or max_in_flight < 1:
            raise ValueError(f"max_in_flight must be an int >= 1, not {max_in_flight!r}")
        self.max_in_flight = max_in_flight
        if max_per_host < 0:
            raise ValueError("max_per_host must be >= 0 (0: no limit)")
        self.max_per_host = max_per_host
        self.cache = MachineCache(cache)
        # a round may finish as many runs as it has fetches in flight: keep their realms for
        # the runs it starts next (this process's pool: host/realm_pool.py)
        realm_pool.reserve(min(max_in_flight, 64))   # ~1.3 MB a realm
        self._hosts: dict = {}              # origin -> fetches to it started and not finished
        self._hosts_lock = threading.Condition()
        self._pool: Optional[ThreadPoolExecutor] = None
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
                      "conflicts": 0, "errors": 0, "max_in_flight": 0, "cached_steps": 0}
        self._rng = random.Random()

    # -- the loop ----------------------------------------------------------------------------------
    def stop(self) -> None:
        self._stop.set()

    def run(self, until_idle: bool = False) -> dict:
        """Work until ``stop()`` (or idle, see ``idle``); returns the counters."""
        self._stop.clear()
        pool = self._pool = ThreadPoolExecutor(max_workers=self.max_in_flight, thread_name_prefix="fetch")
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
            self._pool = None
            self._record_fetches()
            self._report(final=True)
        return dict(self.stats)

    def _round(self, pool: ThreadPoolExecutor) -> bool:
        """Record finished fetches, run the steps they unblocked (runs whose machine is live
        here first), start due fetches, run up to 8 other steps; whether anything moved."""
        answered = self._record_fetches()
        busy = bool(answered)
        for run_id in answered:
            if run_id in self.cache:
                claim = self.store.claim_this_run(run_id, self.owner, self.lease)
                if claim is not None:
                    self.step(claim)
        free = self.max_in_flight - self._in_flight
        if free > 0:
            for run_id, req, attempt in self.store.claim_fetches(self.owner, self.lease, free,
                                                                 self._take_host_slot):
                self._start_fetch(run_id, req, attempt)
                busy = True
        for _ in range(8):
            if self._in_flight >= self.max_in_flight:
                # no room for the fetches a step makes: more runs would only wait here, live
                # (a realm each, evicting the cache) instead of in the store
                break
            claim = self.store.claim_run(self.owner, self.lease)
            if claim is None:
                break
            self.step(claim)
            busy = True
        return busy

    # -- per-host limits ---------------------------------------------------------------------------
    def _take_host_slot(self, req: dict) -> bool:
        """Reserve a slot for ``req``'s origin (False: the origin is at ``max_per_host``)."""
        if self.max_per_host <= 0:
            return True
        origin = origin_of(req.get("url", ""))
        with self._hosts_lock:
            n = self._hosts.get(origin, 0)
            if n >= self.max_per_host:
                return False
            self._hosts[origin] = n + 1
        return True

    def _give_host_slot(self, req: dict) -> None:
        if self.max_per_host <= 0:
            return
        origin = origin_of(req.get("url", ""))
        with self._hosts_lock:
            n = self._hosts.get(origin, 0) - 1
            if n > 0:
                self._hosts[origin] = n
            else:
                self._hosts.pop(origin, None)
            self._hosts_lock.notify_all()

    def wait_host_slot(self, req: dict) -> None:
        """Block until ``req``'s origin has a free slot, and take it (procrastinate's fetch
        jobs run on threads of their own: the job waits, the limit holds)."""
        with self._hosts_lock:
            while not self._take_host_slot(req):
                self._hosts_lock.wait(1.0)

    def _start_fetch(self, run_id: str, req: dict, attempt: int) -> None:
        """Perform a leased fetch (its host slot taken) on the pool."""
        assert self._pool is not None
        self._in_flight += 1
        self.stats["max_in_flight"] = max(self.stats["max_in_flight"], self._in_flight)
        self._pool.submit(self._fetch, run_id, req, attempt)

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
    def step(self, claim: Claim, lease_to_me: Optional[Callable[[dict], bool]] = None) -> list:
        """Run one claimed step and commit it (a lost race is counted, not raised).  With
        ``lease_to_me(request)`` the commit leases the new fetches it accepts to this worker
        and they are returned, ``[(run_id, request, attempt)]``, for the caller to perform
        (procrastinate's jobs, pgqueue.py); else they start on the worker's pool."""
        self._chaos_point("claimed")
        kind = "start" if claim.state is None else "step"
        if claim.deadline is not None and time.time() >= claim.deadline:
            now = time.time()
            out = StepOutcome("failed", started=now, finished=now,
                              error={"name": "DeadlineExceeded", "message": "the run's deadline passed"})
            kind = "deadline"
        else:
            machine = self.cache.take(claim.run_id, claim.state)
            if machine is not None:
                self.stats["cached_steps"] += 1
            try:
                out = run_step(claim.source, claim.state, claim.options, claim.responses,
                               [(n, p) for _, n, p in claim.events], self.store.key, claim.pending_ids,
                               machine)
            except Exception as e:  # noqa: BLE001 - a bug must fail the run, not loop on it
                log.exception("step of run %s crashed", claim.run_id)
                now = time.time()
                out = StepOutcome("failed", started=now, finished=now,
                                  error={"name": "InternalError", "message": f"{type(e).__name__}: {e}"})
        self._chaos_point("stepped")
        # the new fetches this worker has room for are leased to it by the commit itself;
        # take() may run again if the database retries the transaction: it counts a request once
        taken: dict = {}

        def take(req: dict) -> bool:
            if req["id"] in taken:
                return taken[req["id"]]
            if lease_to_me is not None:
                taken[req["id"]] = ok = lease_to_me(req)
                return ok
            ok = (self._pool is not None and self.store.queue is None
                  and self._in_flight + sum(taken.values()) < self.max_in_flight
                  and self._take_host_slot(req))
            taken[req["id"]] = ok
            return ok
        try:
            leased = self.store.commit_step(claim, out, self.owner, kind, take, self.lease)
        except BaseException as e:
            for req_id, ok in taken.items():
                if ok and lease_to_me is None:
                    self._give_host_slot(next(q for q in out.new_requests if q["id"] == req_id))
            if not isinstance(e, ConflictError):
                raise
            self.stats["conflicts"] += 1
            log.info("run %s: another worker committed this step first", claim.run_id)
            return []
        if out.machine is not None and out.state is not None:
            self.cache.put(claim.run_id, out.state, out.machine)
        out.machine = None
        self._chaos_point("committed")
        if lease_to_me is None:
            for run_id, req, attempt in leased:
                self._start_fetch(run_id, req, attempt)
        self.stats["steps"] += 1
        if out.status == "completed":
            self.stats["completed"] += 1
            log.info("run %s completed", claim.run_id)
        elif out.status == "failed":
            self.stats["failed"] += 1
            log.info("run %s failed: %s", claim.run_id, (out.error or {}).get("message"))
        return leased

    # -- fetches -----------------------------------------------------------------------------------
    def _fetch(self, run_id: str, req: dict, attempt: int) -> None:
        """On a pool thread: perform one fetch; the outcome goes to the main thread."""
        item = self.fetch_outcome(run_id, req, attempt)
        self._give_host_slot(req)
        self._results.put(item)

    def fetch_outcome(self, run_id: str, req: dict, attempt: int) -> tuple:
        """``perform_fetch``, never raising: a crash is a retry in a second (whoever waits for
        the answer, the in-flight count or a job, always gets one)."""
        try:
            return self.perform_fetch(run_id, req, attempt)
        except BaseException:  # noqa: BLE001
            log.exception("fetch %s of run %s crashed", req.get("id"), run_id)
            return (run_id, req["id"], None, time.time() + 1.0)

    def perform_fetch(self, run_id: str, req: dict, attempt: int) -> tuple:
        """Perform one fetch: ``(run_id, request_id, response dict)``, or
        ``(run_id, request_id, None, retry_at)`` when the retry policy wants another try."""
        headers = dict(req.get("headers") or {})
        if not any(k.lower() == "idempotency-key" for k in headers):
            headers["Idempotency-Key"] = idempotency_key(run_id, req["id"])
        fr = request_from_dict(req, headers)
        fetcher = self.fetcher
        if isinstance(fetcher, HTTPFetcher):
            # the built-in fetcher checks the run's policy and adds secrets on every redirect
            # hop (a secret header must not follow a redirect to another origin)
            fetcher = fetcher.configured(policy=req.get("policy"), secrets=self.secrets or None)
        elif self.secrets:
            fr = apply_secrets(fr, self.secrets)
        try:
            resp = response_dict(fetcher(fr))
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

    def _record_fetches(self) -> list:
        """Record finished fetches in one transaction; the runs that got an answer."""
        batch = []
        while True:
            try:
                batch.append(self._results.get_nowait())
            except queue.Empty:
                break
        if not batch:
            return []
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
        return list(dict.fromkeys(item[0] for item in batch if item[2] is not None))

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
    ast_cache.set_writes(False)   # see its docstring
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
