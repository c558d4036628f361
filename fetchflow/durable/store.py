"""The store of runs: one schema on SQLite or PostgreSQL, every state transition one transaction.

A run moves ``runnable -> waiting -> runnable -> ... -> completed | failed | cancelled``.
Workers *claim* a run with a lease (``lease_owner``/``lease_expires``), run a step outside
any transaction (see step.py), then commit it in one transaction guarded by the run's
``version``: ``UPDATE ... SET version = version + 1 WHERE id = ? AND version = ?``.  If two
workers ran the same step (a lease expired under a slow or dead worker), only the first
commit matches the version; the other rolls back.  The step's history row is keyed by
``(run_id, step)`` with ``step`` the new version, so a step can never be recorded twice.

Fetches are rows in ``ff_fetches``: inserted by the commit that made them, claimed with a
lease by whichever worker has capacity, answered with one update that also makes the run
runnable.  Events are rows in ``ff_events``, consumed by the step that delivers them.
"""
from __future__ import annotations

import json
import os
import secrets as _secrets
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Optional

from ..limits import Limits
from .db import Database, Tx, open_database
from .step import StepOutcome, limits_to_dict
from ..grammar.parser import parse
from ..api import VMState

TERMINAL = ("completed", "failed", "cancelled")
ACTIVE = ("runnable", "waiting")


class ConflictError(Exception):
    """The run changed since it was loaded: another worker committed this step first."""


class RunNotFound(KeyError):
    """No run with this id."""


@dataclass
class Claim:
    """A run claimed for one step, with everything the step needs."""
    run_id: str
    version: int
    source: str
    state: Optional[bytes]
    options: dict
    deadline: Optional[float]
    pending_ids: set
    responses: list      # response dicts of answered fetches (the fetch rows are consumed)
    events: list         # (event row id, name, payload)


def _j(x: Any) -> str:
    return json.dumps(x, ensure_ascii=False, default=str)


def _uj(x: Optional[str]) -> Any:
    return json.loads(x) if x else None


class Store:
    """Runs, their history, fetch jobs and events in one database.

    ``key`` signs the states (HMAC-SHA256): the given key, else ``FETCHFLOW_STATE_KEY``, else
    a random key kept in the database's ``ff_meta`` table (which protects states against
    corruption, not against someone who can write the database: give a key then)."""

    def __init__(self, url: str, *, key: Optional[bytes | str] = None, create: bool = True,
                 queue: Optional[str] = None) -> None:
        self.url = url
        self.db: Database = open_database(url)
        if create:
            self.db.create_schema()
        self.key = self._key(key)
        self._lock_suffix = " FOR UPDATE SKIP LOCKED" if self.db.dialect == "postgres" else ""
        # an optional job queue told about each transaction that creates work (pgqueue.py);
        # the choice is kept in the database so every Store on it defers the jobs
        self.queue: Any = None
        if queue is not None:
            if queue != "procrastinate" or self.db.dialect != "postgres":
                raise ValueError("queue='procrastinate' is the only queue, and needs PostgreSQL")
            from .pgqueue import install
            install(self)
            with self.db.transaction() as tx:
                if tx.one("SELECT value FROM ff_meta WHERE name = 'queue'") is None:
                    tx.execute("INSERT INTO ff_meta (name, value) VALUES ('queue', ?)", (queue,))
        row = self.db.query("SELECT value FROM ff_meta WHERE name = 'queue'")
        if row and row[0][0] == "procrastinate":
            from .pgqueue import ProcrastinateQueue
            self.queue = ProcrastinateQueue()

    def _key(self, key: Optional[bytes | str]) -> bytes:
        if key is None:
            key = os.environ.get("FETCHFLOW_STATE_KEY") or None
        if key is not None:
            return key.encode("utf-8") if isinstance(key, str) else key
        with self.db.transaction() as tx:
            row = tx.one("SELECT value FROM ff_meta WHERE name = 'key'")
            if row is None:
                val = _secrets.token_hex(32)
                tx.execute("INSERT INTO ff_meta (name, value) VALUES ('key', ?)", (val,))
                return val.encode()
            return str(row[0]).encode()

    def close(self) -> None:
        self.db.close()

    # -- operations for hosts and operators ----------------------------------------------------
    def start(self, source: str, *, limits: Optional[Limits] = None, policy: Any = None,
              deadline: Optional[float] = None, timers: str = "real",
              run_id: Optional[str] = None) -> str:
        """Add a runnable run; returns its id.  ``deadline``: seconds from now after which
        the run fails with ``DeadlineExceeded``; ``timers``: ``"real"`` (default) or
        ``"virtual"``."""
        if not isinstance(source, str):
            raise TypeError("source must be str")
        parse(source)  # a syntax error is the caller's, not a failed run
        rid = run_id or uuid.uuid4().hex
        now = time.time()
        options = {"limits": limits_to_dict(limits), "timers": timers,
                   "policy": policy.to_data() if policy is not None else None}
        dl = now + deadline if deadline is not None else None
        with self.db.transaction() as tx:
            tx.execute("INSERT INTO ff_runs (id, source, status, version, state, pending, wake_at,"
                       " deadline, options, created, updated) VALUES (?, ?, 'runnable', 0, NULL,"
                       " ?, NULL, ?, ?, ?, ?)",
                       (rid, source, _j({"requests": [], "events": []}), dl, _j(options), now, now))
            tx.execute("INSERT INTO ff_steps (run_id, step, kind, worker, started, finished, status,"
                       " requests, responses, events, console) VALUES (?, 0, 'start', NULL, ?, ?,"
                       " 'runnable', '[]', '[]', '[]', '[]')", (rid, now, now))
            if self.queue is not None:
                self.queue.on_runnable(tx, rid)
        return rid

    def send_event(self, run_id: str, name: str, payload: Any = None) -> None:
        """Deliver event ``name`` with a JSON-able ``payload``; the run wakes to take it."""
        text = _j(payload)

        def body(tx: Tx) -> None:
            row = tx.one("SELECT status FROM ff_runs WHERE id = ?" + self._lock_suffix.replace(
                " SKIP LOCKED", ""), (run_id,))
            if row is None:
                raise RunNotFound(run_id)
            if row[0] in TERMINAL:
                raise ValueError(f"run {run_id} is {row[0]}")
            tx.execute("INSERT INTO ff_events (run_id, name, payload, sent) VALUES (?, ?, ?, ?)",
                       (run_id, name, text, time.time()))
            self._make_runnable(tx, run_id)
        self.db.run(body)

    def cancel(self, run_id: str) -> bool:
        """Cancel an active run (its queued fetches are dropped); False if already finished."""
        now = time.time()
        with self.db.transaction() as tx:
            row = tx.one("SELECT status, version FROM ff_runs WHERE id = ?" +
                         self._lock_suffix.replace(" SKIP LOCKED", ""), (run_id,))
            if row is None:
                raise RunNotFound(run_id)
            if row[0] not in ACTIVE:
                return False
            version = int(row[1])
            tx.execute("UPDATE ff_runs SET status = 'cancelled', version = ?, lease_owner = NULL,"
                       " lease_expires = NULL, wake_at = NULL, updated = ? WHERE id = ?",
                       (version + 1, now, run_id))
            tx.execute("INSERT INTO ff_steps (run_id, step, kind, started, finished, status, requests,"
                       " responses, events, console) VALUES (?, ?, 'cancel', ?, ?, 'cancelled', '[]',"
                       " '[]', '[]', '[]')", (run_id, version + 1, now, now))
            tx.execute("DELETE FROM ff_fetches WHERE run_id = ?", (run_id,))
        return True

    def show(self, run_id: str) -> dict:
        """The run as one JSON-able dict: id, status, console (the whole run's), result, error..."""
        rows = self.db.query("SELECT id, status, version, pending, wake_at, lease_owner, lease_expires,"
                             " result, error, deadline, created, updated, options FROM ff_runs"
                             " WHERE id = ?", (run_id,))
        if not rows:
            raise RunNotFound(run_id)
        r = rows[0]
        console: list = []
        for (c,) in self.db.query("SELECT console FROM ff_steps WHERE run_id = ? ORDER BY step",
                                  (run_id,)):
            console.extend(json.loads(c))
        pending = _uj(r[3]) or {}
        return {"id": r[0], "status": r[1], "steps": int(r[2]), "console": console,
                "result": _uj(r[7]), "error": _uj(r[8]),
                "pending_requests": pending.get("requests", []),
                "pending_events": pending.get("events", []), "wake_at": r[4],
                "lease_owner": r[5], "lease_expires": r[6], "deadline": r[9],
                "created": r[10], "updated": r[11], "options": _uj(r[12])}

    def list(self, status: Optional[str] = None, limit: int = 100) -> list:
        """Runs, newest first: ``[{"id", "status", "steps", "created", "updated", "wake_at"}]``."""
        sql = "SELECT id, status, version, created, updated, wake_at FROM ff_runs"
        params: tuple = ()
        if status:
            sql += " WHERE status = ?"
            params = (status,)
        sql += " ORDER BY created DESC LIMIT ?"
        return [{"id": r[0], "status": r[1], "steps": int(r[2]), "created": r[3], "updated": r[4],
                 "wake_at": r[5]} for r in self.db.query(sql, params + (int(limit),))]

    def counts(self) -> dict:
        return {s: int(n) for s, n in self.db.query("SELECT status, COUNT(*) FROM ff_runs GROUP BY status")}

    def history(self, run_id: str) -> list:
        """Every step: ``{"step", "kind", "worker", "started", "finished", "status", "requests",
        "responses", "events", "console", "wake_at", "error", "state_bytes"}``."""
        rows = self.db.query("SELECT step, kind, worker, started, finished, status, requests, responses,"
                             " events, console, wake_at, error, state FROM ff_steps WHERE run_id = ?"
                             " ORDER BY step", (run_id,))
        if not rows and not self.db.query("SELECT 1 FROM ff_runs WHERE id = ?", (run_id,)):
            raise RunNotFound(run_id)
        return [{"step": int(r[0]), "kind": r[1], "worker": r[2], "started": r[3], "finished": r[4],
                 "status": r[5], "requests": json.loads(r[6]), "responses": json.loads(r[7]),
                 "events": json.loads(r[8]), "console": json.loads(r[9]), "wake_at": r[10],
                 "error": _uj(r[11]), "state_bytes": len(r[12]) if r[12] is not None else 0}
                for r in rows]

    def state_at(self, run_id: str, step: Optional[int] = None) -> Any:
        """The ``VMState`` after step ``step`` (default: the latest paused one)."""
        if step is None:
            rows = self.db.query("SELECT state, step FROM ff_steps WHERE run_id = ? AND state IS NOT"
                                 " NULL ORDER BY step DESC LIMIT 1", (run_id,))
        else:
            rows = self.db.query("SELECT state, step FROM ff_steps WHERE run_id = ? AND step = ?",
                                 (run_id, int(step)))
        if not rows or rows[0][0] is None:
            raise RunNotFound(f"{run_id}: no paused state" + (f" at step {step}" if step is not None else ""))
        return VMState.from_bytes(bytes(rows[0][0]), self.key)

    def inspect(self, run_id: str, step: Optional[int] = None) -> Any:
        """``VMState.inspect()`` of a past pause (default: the latest)."""
        return self.state_at(run_id, step).inspect()

    # -- operations for workers ---------------------------------------------------------------
    def claim_run(self, owner: str, lease: float) -> Optional[Claim]:
        """Lease one run that can take a step now (runnable, or waiting and due) and load it."""
        now = time.time()
        if not self.db.has_rows(_DUE_RUN, (now, now)):
            return None
        pick = _DUE_RUN + " ORDER BY updated LIMIT 1" + self._lock_suffix
        return self.db.run(lambda tx: self._claim(tx, pick, (now, now), owner, now + lease))

    def claim_this_run(self, run_id: str, owner: str, lease: float) -> Optional[Claim]:
        """Lease ``run_id`` if it can take a step now (procrastinate jobs name their run)."""
        now = time.time()
        # FOR UPDATE without SKIP LOCKED: the job for this run must not pass it by because another
        # transaction (a sweep, an event sent) holds its row for a moment; it waits, then looks again
        pick = ("SELECT id FROM ff_runs WHERE id = ? AND (status = 'runnable' OR (status = 'waiting'"
                " AND wake_at <= ?)) AND (lease_expires IS NULL OR lease_expires < ?)" +
                self._lock_suffix.replace(" SKIP LOCKED", ""))
        return self.db.run(lambda tx: self._claim(tx, pick, (run_id, now, now), owner, now + lease))

    def _claim(self, tx: Tx, pick: str, params: tuple, owner: str, until: float) -> Optional[Claim]:
        """Lease the run ``pick`` selects (locked, others skipped) and load it.  On PostgreSQL
        one ``UPDATE ... RETURNING`` picks, leases and reads the run (each statement is a round
        trip to the server there); SQLite (whose statements are calls in this process, and
        whose ``RETURNING`` needs 3.35) picks, then leases, then reads."""
        if self.db.dialect == "postgres":
            r = tx.one("UPDATE ff_runs SET lease_owner = ?, lease_expires = ? WHERE id = (" + pick + ")"
                       " RETURNING id, " + _RUN_COLUMNS, (owner, until) + params)
            return None if r is None else self._load(tx, r)
        row = tx.one(pick, params)
        if row is None:
            return None
        tx.execute("UPDATE ff_runs SET lease_owner = ?, lease_expires = ? WHERE id = ?", (owner, until, row[0]))
        r = tx.one("SELECT id, " + _RUN_COLUMNS + " FROM ff_runs WHERE id = ?", (row[0],))
        assert r is not None
        return self._load(tx, r)

    def _load(self, tx: Tx, r: tuple) -> Claim:
        """The claim of run row ``r`` (id and ``_RUN_COLUMNS``), with its answered fetches and
        undelivered events (one query for both)."""
        rid = r[0]
        responses: list = []
        events: list = []
        for kind, num, text, payload in tx.query(
                "SELECT 'f', NULL, response, NULL FROM ff_fetches WHERE run_id = ? AND status = 'done'"
                " UNION ALL SELECT 'e', id, name, payload FROM ff_events WHERE run_id = ? AND step IS NULL",
                (rid, rid)):
            if kind == "f":
                responses.append(json.loads(text))
            else:
                events.append((int(num), text, json.loads(payload)))
        responses.sort(key=lambda d: _req_order(d["id"]))
        events.sort(key=lambda e: e[0])
        pending = json.loads(r[6])
        return Claim(rid, int(r[1]), r[2], bytes(r[3]) if r[3] is not None else None, json.loads(r[4]),
                     r[5], {q["id"] for q in pending.get("requests", [])}, responses, events)

    def commit_step(self, claim: Claim, out: StepOutcome, owner: str, kind: str = "step",
                    take: Optional[Callable[[dict], bool]] = None, lease: float = 60.0) -> list:
        """Commit a step's outcome in one transaction, or raise ConflictError (nothing written)
        when the run's version moved (another worker committed this step, or it was cancelled).
        A deadlock or serialization victim is run again (``Database.run``).  ``take(request)``
        says which new fetches ``owner`` performs itself: they are inserted leased to it for
        ``lease`` seconds (no claim round trip); returns ``[(run_id, request, attempt)]`` of those."""
        now = time.time()
        wake = out.wake_at
        if claim.deadline is not None and out.status == "waiting":
            wake = claim.deadline if wake is None else min(wake, claim.deadline)
        v = claim.version + 1
        terminal = out.status in TERMINAL
        consumed = [d["id"] for d in claim.responses]

        def body(tx: Tx) -> list:
            taken: list = []
            n = tx.execute("UPDATE ff_runs SET version = ?, status = ?, state = ?, pending = ?, wake_at = ?,"
                           " lease_owner = NULL, lease_expires = NULL, result = ?, error = ?, updated = ?"
                           " WHERE id = ? AND version = ? AND status IN ('runnable', 'waiting')",
                           (v, out.status, out.state, _j(out.pending or {"requests": [], "events": []}),
                            wake, _j(out.result) if out.status == "completed" else None,
                            _j(out.error) if out.error is not None else None, now, claim.run_id,
                            claim.version))
            if n != 1:
                raise ConflictError(f"run {claim.run_id} moved past version {claim.version}")
            tx.execute("INSERT INTO ff_steps (run_id, step, kind, worker, started, finished, status,"
                       " requests, responses, events, console, wake_at, error, state) VALUES"
                       " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (claim.run_id, v, kind, owner, out.started, out.finished, out.status,
                        _j(out.new_requests), _j(claim.responses),
                        _j([[n_, p] for _, n_, p in claim.events]), _j(out.console), wake,
                        _j(out.error) if out.error is not None else None, out.state))
            if terminal:
                tx.execute("DELETE FROM ff_fetches WHERE run_id = ?", (claim.run_id,))
            else:
                # one statement each for the consumed answers and the new fetches (a Promise.all
                # batch is several): on PostgreSQL every statement is a round trip
                for part in _chunks(consumed, 500):
                    tx.execute("DELETE FROM ff_fetches WHERE run_id = ? AND request_id IN (" +
                               ", ".join("?" * len(part)) + ")", [claim.run_id, *part])
                rows: list = []
                for q in out.new_requests:
                    mine = take is not None and take(q)
                    rows.append((claim.run_id, q["id"], v, _j(q), 1 if mine else 0, now,
                                 owner if mine else None, now + lease if mine else None))
                    if mine:
                        taken.append((claim.run_id, q, 1))
                for part in _chunks(rows, 100):
                    tx.execute("INSERT INTO ff_fetches (run_id, request_id, step, request, status,"
                               " attempts, next_try, lease_owner, lease_expires) VALUES " +
                               ", ".join(["(?, ?, ?, ?, 'queued', ?, ?, ?, ?)"] * len(part)),
                               [x for row in part for x in row])
            for eid, _, _ in claim.events:
                tx.execute("UPDATE ff_events SET step = ? WHERE id = ?", (v, eid))
            if not terminal and self.queue is not None:
                # the fetches leased to this worker need no job (their lease expiring lets
                # the sweeper defer one)
                mine_ids = {q["id"] for _, q, _ in taken}
                self.queue.on_commit(tx, claim.run_id,
                                     [q for q in out.new_requests if q["id"] not in mine_ids], wake)
            if not terminal and tx.one(
                    "SELECT 1 FROM ff_fetches WHERE run_id = ? AND status = 'done' UNION ALL "
                    "SELECT 1 FROM ff_events WHERE run_id = ? AND step IS NULL", (claim.run_id, claim.run_id)):
                # inputs that arrived during the step: take another one straight away
                tx.execute("UPDATE ff_runs SET status = 'runnable' WHERE id = ?", (claim.run_id,))
                if self.queue is not None:
                    self.queue.on_runnable(tx, claim.run_id)
            return taken
        return self.db.run(body)

    def release(self, run_id: str, owner: str) -> None:
        """Give a claimed run back without a step (e.g. after a conflict or a shutdown)."""
        with self.db.transaction() as tx:
            tx.execute("UPDATE ff_runs SET lease_owner = NULL, lease_expires = NULL WHERE id = ? AND"
                       " lease_owner = ?", (run_id, owner))

    def release_all(self, owner: str) -> None:
        """Give back every run ``owner`` has claimed (after an error between claim and commit)."""
        with self.db.transaction() as tx:
            tx.execute("UPDATE ff_runs SET lease_owner = NULL, lease_expires = NULL WHERE"
                       " lease_owner = ?", (owner,))

    def claim_fetches(self, owner: str, lease: float, limit: int,
                      take: Optional[Callable[[dict], bool]] = None) -> list:
        """Lease up to ``limit`` due fetch jobs: ``[(run_id, request dict, attempt)]``;
        ``take(request)`` may refuse some (a host at its concurrency limit): they stay queued."""
        if limit <= 0:
            return []
        now = time.time()
        if not self.db.has_rows(_DUE_FETCH, (now, now)):
            return []

        def body(tx: Tx) -> list:
            rows = tx.query(_DUE_FETCH + " ORDER BY next_try LIMIT ?" + self._lock_suffix,
                            (now, now, int(limit) * (4 if take is not None else 1)))
            got = []
            for run_id, req_id, req, attempts in rows:
                if len(got) >= limit:
                    break
                q = json.loads(req)
                if take is not None and not take(q):
                    continue
                tx.execute("UPDATE ff_fetches SET lease_owner = ?, lease_expires = ?, attempts ="
                           " attempts + 1 WHERE run_id = ? AND request_id = ?",
                           (owner, now + lease, run_id, req_id))
                got.append((run_id, q, int(attempts) + 1))
            return got
        return self.db.run(body)

    def claim_this_fetch(self, run_id: str, request_id: str, owner: str, lease: float) -> Optional[tuple]:
        now = time.time()
        with self.db.transaction() as tx:
            row = tx.one("SELECT request, attempts FROM ff_fetches WHERE run_id = ? AND request_id = ?"
                         " AND status = 'queued' AND (lease_expires IS NULL OR lease_expires < ?)" +
                         self._lock_suffix, (run_id, request_id, now))
            if row is None:
                return None
            tx.execute("UPDATE ff_fetches SET lease_owner = ?, lease_expires = ?, attempts = attempts + 1"
                       " WHERE run_id = ? AND request_id = ?", (owner, now + lease, run_id, request_id))
        return (run_id, json.loads(row[0]), int(row[1]) + 1)

    def finish_fetches(self, results: list, claim_for: Optional[tuple] = None) -> Optional[Claim]:
        """Record fetch outcomes in one transaction: ``[(run_id, request_id, response dict)]``
        answers a fetch (its run becomes runnable); ``(run_id, request_id, None, retry_at)``
        puts it back for a retry at ``retry_at``.  With a job queue and ``claim_for`` =
        ``(run_id, owner, lease)``, that run, if this makes it runnable, is leased to ``owner``
        in the same transaction and returned (no step job: the caller steps it; if the caller
        dies, the lease expires and the sweeper defers one)."""
        return self.db.run(lambda tx: self._finish_fetches(tx, results, claim_for))

    def _finish_fetches(self, tx: Tx, results: list, claim_for: Optional[tuple] = None) -> Optional[Claim]:
        items = sorted(results, key=lambda it: (it[0], it[1]))
        if self._lock_suffix:
            # lock the runs before their fetches, as a step's commit does: else a commit
            # could miss an answer (not yet committed) while this update misses the run's
            # 'waiting' (not yet committed) and the run would wait forever.  One statement
            # for the batch, in id order (as every batch locks them: no deadlock)
            for part in _chunks(sorted({it[0] for it in items}), 500):
                tx.execute("SELECT 1 FROM ff_runs WHERE id IN (" + ", ".join("?" * len(part)) +
                           ") ORDER BY id FOR UPDATE", part)
        answered: list = []
        for item in items:
            run_id, req_id, resp = item[0], item[1], item[2]
            if resp is None:
                n = tx.execute("UPDATE ff_fetches SET next_try = ?, lease_owner = NULL, lease_expires ="
                               " NULL WHERE run_id = ? AND request_id = ? AND status = 'queued'",
                               (item[3], run_id, req_id))
                if n and self.queue is not None:
                    self.queue.on_retry(tx, run_id, req_id, item[3])
                continue
            n = tx.execute("UPDATE ff_fetches SET status = 'done', response = ?, lease_owner = NULL,"
                           " lease_expires = NULL WHERE run_id = ? AND request_id = ? AND"
                           " status = 'queued'", (_j(resp), run_id, req_id))
            if n and (not answered or answered[-1] != run_id):
                answered.append(run_id)
        if self.queue is not None:  # the queue hears of each run made runnable
            claim = None
            for run_id in answered:
                if claim_for is not None and run_id == claim_for[0]:
                    now = time.time()
                    r = tx.one("UPDATE ff_runs SET status = 'runnable', updated = ?, lease_owner = ?,"
                               " lease_expires = ? WHERE id = ? AND status = 'waiting' AND"
                               " (lease_expires IS NULL OR lease_expires < ?) RETURNING id, " +
                               _RUN_COLUMNS, (now, claim_for[1], now + claim_for[2], run_id, now))
                    if r is not None:
                        claim = self._load(tx, r)
                        continue
                self._make_runnable(tx, run_id)
            return claim
        now = time.time()
        for part in _chunks(answered, 500):
            tx.execute("UPDATE ff_runs SET status = 'runnable', updated = ? WHERE id IN (" +
                       ", ".join("?" * len(part)) + ") AND status = 'waiting'", [now, *part])
        return None

    def _make_runnable(self, tx: Tx, run_id: str) -> None:
        n = tx.execute("UPDATE ff_runs SET status = 'runnable', updated = ? WHERE id = ? AND"
                       " status = 'waiting'", (time.time(), run_id))
        if n and self.queue is not None:
            self.queue.on_runnable(tx, run_id)

    def heartbeat(self, owner: str, lease: float) -> None:
        """Extend every lease ``owner`` holds (runs mid-step and fetches in flight)."""
        until = time.time() + lease
        with self.db.transaction() as tx:
            tx.execute("UPDATE ff_runs SET lease_expires = ? WHERE lease_owner = ?", (until, owner))
            tx.execute("UPDATE ff_fetches SET lease_expires = ? WHERE lease_owner = ? AND"
                       " status = 'queued'", (until, owner))

    def idle(self) -> bool:
        """Nothing runnable, nothing due within a second, no fetch queued or in flight (a dead
        worker's leases are waited out: its run stays runnable, its fetch queued)."""
        soon = time.time() + 1.0
        rows = self.db.query(
            "SELECT COUNT(*) FROM ff_runs WHERE status = 'runnable' OR (status = 'waiting' AND"
            " wake_at <= ?) UNION ALL SELECT COUNT(*) FROM ff_fetches WHERE status = 'done' OR"
            " (status = 'queued' AND next_try <= ?)", (soon, soon))
        return all(int(r[0]) == 0 for r in rows)

    def next_due(self) -> Optional[float]:
        """When there is next something to do: a due run, a fetch (or a lease) coming free."""
        now = time.time()
        row = self.db.query(
            "SELECT MIN(t) FROM (SELECT MIN(CASE WHEN lease_expires > ? THEN lease_expires ELSE ? END) AS t"
            " FROM ff_runs WHERE status = 'runnable' UNION ALL SELECT MIN(wake_at) FROM ff_runs WHERE"
            " status = 'waiting' UNION ALL SELECT MIN(CASE WHEN lease_expires > next_try THEN"
            " lease_expires ELSE next_try END) FROM ff_fetches WHERE status = 'queued') AS due",
            (now, now))
        return float(row[0][0]) if row and row[0][0] is not None else None


_RUN_COLUMNS = "version, source, state, options, deadline, pending"
_DUE_RUN = ("SELECT id FROM ff_runs WHERE (status = 'runnable' OR (status = 'waiting' AND wake_at <= ?))"
            " AND (lease_expires IS NULL OR lease_expires < ?)")
_DUE_FETCH = ("SELECT run_id, request_id, request, attempts FROM ff_fetches WHERE status = 'queued'"
              " AND next_try <= ? AND (lease_expires IS NULL OR lease_expires < ?)")


def _chunks(items: list, n: int) -> list:
    """``items`` in lists of at most ``n`` (SQLite before 3.32 takes 999 parameters a statement)."""
    return [items[i:i + n] for i in range(0, len(items), n)]


def _req_order(rid: str) -> tuple:
    """Request ids are ``req_N``: deliver responses in the order the requests were made."""
    head, _, n = rid.rpartition("_")
    return (head, int(n)) if n.isdigit() else (rid, 0)
