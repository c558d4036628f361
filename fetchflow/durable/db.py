"""Two SQL backends behind one small interface: SQLite (stdlib, WAL) and PostgreSQL (psycopg 3).

The store writes its SQL once, with ``?`` placeholders and portable types; a backend
translates placeholders and the few type names that differ, and runs each write as one
transaction.  Connections are per thread (``threading.local``): a worker's heartbeat
thread and its main loop never share one, which neither sqlite3 nor psycopg allows.
"""
from __future__ import annotations

import contextlib
import logging
import os
import random
import sqlite3
import threading
import time
import urllib.parse
from typing import Any, Callable, Iterator, Optional, Sequence, TypeVar

log = logging.getLogger("fetchflow.store")
T = TypeVar("T")

# SQLSTATEs of a transaction PostgreSQL rolled back to break a conflict (deadlock_detected,
# serialization_failure): nothing it did is left, so running it again is safe
TRANSIENT_SQLSTATES = frozenset(("40P01", "40001"))

SCHEMA = """
CREATE TABLE IF NOT EXISTS ff_meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ff_runs (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    state {BLOB},
    pending TEXT NOT NULL,
    wake_at {REAL},
    lease_owner TEXT,
    lease_expires {REAL},
    result TEXT,
    error TEXT,
    deadline {REAL},
    options TEXT NOT NULL,
    created {REAL} NOT NULL,
    updated {REAL} NOT NULL
);
CREATE INDEX IF NOT EXISTS ff_runs_status ON ff_runs (status, wake_at);
CREATE TABLE IF NOT EXISTS ff_steps (
    run_id TEXT NOT NULL,
    step BIGINT NOT NULL,
    kind TEXT NOT NULL,
    worker TEXT,
    started {REAL} NOT NULL,
    finished {REAL} NOT NULL,
    status TEXT NOT NULL,
    requests TEXT NOT NULL,
    responses TEXT NOT NULL,
    events TEXT NOT NULL,
    console TEXT NOT NULL,
    wake_at {REAL},
    error TEXT,
    state {BLOB},
    PRIMARY KEY (run_id, step)
);
CREATE TABLE IF NOT EXISTS ff_fetches (
    run_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    step BIGINT NOT NULL,
    request TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_try {REAL} NOT NULL,
    lease_owner TEXT,
    lease_expires {REAL},
    response TEXT,
    PRIMARY KEY (run_id, request_id)
);
CREATE INDEX IF NOT EXISTS ff_fetches_due ON ff_fetches (status, next_try);
CREATE TABLE IF NOT EXISTS ff_events (
    id {SERIAL},
    run_id TEXT NOT NULL,
    name TEXT NOT NULL,
    payload TEXT NOT NULL,
    sent {REAL} NOT NULL,
    step BIGINT
);
CREATE INDEX IF NOT EXISTS ff_events_run ON ff_events (run_id, step);
"""


class Database:
    """One database: ``query``/``execute`` outside a transaction, ``transaction()`` for writes."""
    dialect = ""
    types: dict = {}

    # a transaction that lost a conflict is run again up to this many times, after a random
    # wait of up to retry_base * 2**attempt seconds (jitter: the victims do not collide again)
    max_retries = 6
    retry_base = 0.01

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self.retried = 0   # transactions run again after a deadlock or serialization failure

    def conn(self) -> Any:
        c = getattr(self._local, "conn", None)
        if c is None or getattr(self._local, "pid", None) != os.getpid():
            c = self._local.conn = self._connect()
            self._local.pid = os.getpid()
        return c

    def _connect(self) -> Any:
        raise NotImplementedError

    def sql(self, text: str) -> str:
        return text

    def has_rows(self, text: str, params: Sequence = ()) -> bool:
        """Whether a read finds rows; True where a cheap look is no cheaper than the claim."""
        return True

    def create_schema(self) -> None:
        with self.transaction() as tx:
            for stmt in SCHEMA.format(**self.types).split(";"):
                if stmt.strip():
                    tx.execute(stmt)

    @contextlib.contextmanager
    def transaction(self) -> Iterator["Tx"]:
        raise NotImplementedError
        yield  # pragma: no cover

    def query(self, text: str, params: Sequence = ()) -> list:
        with self.transaction() as tx:
            return tx.query(text, params)

    def run(self, body: Callable[["Tx"], T]) -> T:
        """``body(tx)`` in one transaction, run again (bounded, with jitter) when the database
        rolled it back as a deadlock victim or a serialization failure; ``body`` must touch
        nothing outside the transaction, or only idempotently."""
        attempt = 0
        while True:
            try:
                with self.transaction() as tx:
                    return body(tx)
            except Exception as e:  # noqa: BLE001 - only the transient ones are caught
                if attempt >= self.max_retries or not self.transient(e):
                    raise
                attempt += 1
                self.retried += 1
                wait = random.uniform(0.0, self.retry_base * (1 << attempt))
                log.info("transaction rolled back (%s); try %d in %.0f ms", _sqlstate(e),
                         attempt + 1, wait * 1000)
                time.sleep(wait)

    def transient(self, e: BaseException) -> bool:
        """Whether ``e`` rolled back a transaction that may simply be run again."""
        return False

    def close(self) -> None:
        c = getattr(self._local, "conn", None)
        if c is not None:
            c.close()
            self._local.conn = None


class Tx:
    """A transaction's cursor with the backend's placeholder style."""

    def __init__(self, db: Database, cur: Any) -> None:
        self.db = db
        self.cur = cur

    def execute(self, text: str, params: Sequence = ()) -> int:
        self.cur.execute(self.db.sql(text), tuple(params))
        return self.cur.rowcount

    def query(self, text: str, params: Sequence = ()) -> list:
        self.cur.execute(self.db.sql(text), tuple(params))
        return [tuple(r) for r in self.cur.fetchall()]

    def one(self, text: str, params: Sequence = ()) -> Optional[tuple]:
        rows = self.query(text, params)
        return rows[0] if rows else None


class SQLiteDatabase(Database):
    """``sqlite:///path/runs.db``: WAL (readers never block the writer), one writer at a time
    (``BEGIN IMMEDIATE`` takes the write lock up front, so a claim never deadlocks midway)."""
    dialect = "sqlite"
    types = {"BLOB": "BLOB", "REAL": "REAL", "SERIAL": "INTEGER PRIMARY KEY AUTOINCREMENT"}

    def __init__(self, url: str) -> None:
        super().__init__(url)
        # SQLAlchemy's convention: sqlite:///runs.db is relative, sqlite:////var/runs.db absolute
        path = url[len("sqlite://"):]
        self.path = (path[1:] if path.startswith("/") else path) or ":memory:"

    def _connect(self) -> Any:
        c = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across process crashes
        # statements other than BEGIN IMMEDIATE (a read while the WAL is recovered) wait in
        # SQLite; a contended write lock is waited for by _begin_immediate
        c.execute(_BUSY_PRAGMA)
        return c

    def has_rows(self, text: str, params: Sequence = ()) -> bool:
        """A read outside any transaction (a WAL snapshot, no lock): lets an idle worker's
        poll skip ``BEGIN IMMEDIATE``, which would take the one write lock each time."""
        cur = self.conn().cursor()
        try:
            cur.execute(text, tuple(params))
            return cur.fetchone() is not None
        finally:
            cur.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Tx]:
        c = self.conn()
        cur = c.cursor()
        _begin_immediate(cur)
        try:
            yield Tx(self, cur)
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")


# SQLite's own busy handler sleeps 1, 2, 5, 10, ... ms between tries for the write lock; a
# step holds it for well under a millisecond, so worker processes sharing a database spent
# a third of their time asleep.  The lock is tried again after 50 us, doubling to 2 ms.
_BUSY_FIRST, _BUSY_MAX, _BUSY_TOTAL = 5e-5, 2e-3, 30.0
_BUSY_PRAGMA = f"PRAGMA busy_timeout={int(_BUSY_TOTAL * 1000)}"   # what SQLite itself waits


def _begin_immediate(cur: Any) -> None:
    cur.execute("PRAGMA busy_timeout=0")   # else SQLite's handler sleeps 1 ms at least
    try:
        delay, deadline = _BUSY_FIRST, time.monotonic() + _BUSY_TOTAL
        while True:
            try:
                cur.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if not _locked(e) or time.monotonic() > deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, _BUSY_MAX)
    finally:
        cur.execute(_BUSY_PRAGMA)


def _locked(e: BaseException) -> bool:
    return "locked" in str(e) or "busy" in str(e)


class PostgresDatabase(Database):
    """``postgresql://user@host:port/db`` through psycopg 3 (the ``fetchflow[postgres]`` extra)."""
    dialect = "postgres"
    types = {"BLOB": "BYTEA", "REAL": "DOUBLE PRECISION", "SERIAL": "BIGSERIAL PRIMARY KEY"}

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError as e:  # pragma: no cover - depends on the install
            raise RuntimeError("PostgreSQL stores need psycopg 3: pip install 'fetchflow[postgres]'") from e
        return psycopg.connect(self.url, autocommit=True)

    def sql(self, text: str) -> str:
        return text.replace("?", "%s")

    def transient(self, e: BaseException) -> bool:
        return _sqlstate(e) in TRANSIENT_SQLSTATES

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Tx]:
        c = self.conn()
        with c.transaction():
            with c.cursor() as cur:
                yield Tx(self, cur)

    def create_schema(self) -> None:
        # CREATE INDEX IF NOT EXISTS takes a SHARE lock on its table even when the index
        # exists, which can deadlock with running steps: look before creating anything
        with self.transaction() as tx:
            if tx.one("SELECT to_regclass('ff_events_run')")[0] is not None:  # type: ignore[index]
                return
        # concurrent CREATE TABLE IF NOT EXISTS can race on the catalog: serialize them
        with self.transaction() as tx:
            tx.execute("SELECT pg_advisory_xact_lock(7012345)")
            for stmt in SCHEMA.format(**self.types).split(";"):
                if stmt.strip():
                    tx.execute(stmt)


def _sqlstate(e: BaseException) -> Optional[str]:
    return getattr(e, "sqlstate", None)   # psycopg's errors carry it


def open_database(url: str) -> Database:
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme == "sqlite":
        return SQLiteDatabase(url)
    if scheme in ("postgresql", "postgres"):
        return PostgresDatabase(url)
    raise ValueError(f"unsupported store URL {url!r}: use sqlite:///path.db or postgresql://...")
