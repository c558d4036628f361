"""Fixtures for the durable tests: a store on SQLite and on a throwaway PostgreSQL cluster.

The cluster is real: ``initdb`` + ``pg_ctl`` (Debian's ``postgresql`` package; ``.ci/run``
installs it where missing), listening only on 127.0.0.1 on a free port, started once per
test session and stopped at its end.  initdb refuses to run as root, so as root the cluster
runs as the ``postgres`` user.  Without the binaries or psycopg the PostgreSQL tests skip,
except under CI (``CI=true``), where they fail.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import uuid
from typing import Iterator, Optional

import pytest

from .httpserver import LocalServer


def _pg_bin(name: str) -> Optional[str]:
    found = shutil.which(name)
    if found:
        return found
    cands = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return cands[-1] if cands else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}")
    pytest.skip(reason)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stop_orphans(pg_ctl: str, prefix: list) -> None:
    """Stop clusters left by sessions that were killed before their teardown (each cluster's
    directory names the pytest process that owns it)."""
    for base in glob.glob(os.path.join(tempfile.gettempdir(), "fetchflow-pg-*")):
        try:
            with open(os.path.join(base, "owner")) as f:
                owner = int(f.read())
        except (OSError, ValueError):
            continue  # not ours to judge
        if owner != os.getpid() and not _pid_alive(owner):
            subprocess.run(prefix + [pg_ctl, "-D", os.path.join(base, "data"), "-m", "immediate",
                                     "-w", "stop"], capture_output=True)
            shutil.rmtree(base, ignore_errors=True)


def _sigterm_as_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # pytest then still runs the session teardown (stops the cluster)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[str]:
    """A PostgreSQL server for this session: yields a base URL (without database name)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _missing("psycopg is not installed (pip install -e '.[postgres]')")
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        _missing("initdb/pg_ctl not found (apt-get install postgresql)")
    prefix: list = []
    if os.geteuid() == 0:
        prefix = ["runuser", "-u", "postgres", "--"]
    _stop_orphans(pg_ctl, prefix)
    base = tempfile.mkdtemp(prefix="fetchflow-pg-")
    with open(os.path.join(base, "owner"), "w") as f:
        f.write(str(os.getpid()))
    data = os.path.join(base, "data")
    if prefix:
        pw = pwd.getpwnam("postgres")
        os.chown(base, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    subprocess.run(prefix + [initdb, "-D", data, "-U", "fetchflow", "--auth=trust", "-E", "UTF8",
                             "--no-sync"], check=True, capture_output=True)
    opts = (f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    subprocess.run(prefix + [pg_ctl, "-D", data, "-o", opts, "-l", os.path.join(base, "log"),
                             "-w", "start"], check=True, capture_output=True)
    old_term = signal.getsignal(signal.SIGTERM)
    if old_term is signal.SIG_DFL:  # `timeout`, CI cancelling: still stop the cluster
        signal.signal(signal.SIGTERM, _sigterm_as_interrupt)
    try:
        yield f"postgresql://fetchflow@127.0.0.1:{port}"
    finally:
        if old_term is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
        subprocess.run(prefix + [pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def new_pg_database(base_url: str) -> str:
    import psycopg
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base_url + "/postgres", autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    return f"{base_url}/{name}"


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: "os.PathLike[str]") -> str:
    """A fresh, empty store URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{os.path.join(str(tmp_path), 'runs.db')}"
    return new_pg_database(request.getfixturevalue("pg_cluster"))


@pytest.fixture
def server() -> Iterator[LocalServer]:
    s = LocalServer()
    yield s
    s.close()


@pytest.fixture(params=["sqlite", "postgres", "procrastinate"])
def store_and_queue(request: pytest.FixtureRequest, tmp_path: "os.PathLike[str]") -> tuple:
    """``(store URL, extra worker arguments)``: SQLite, PostgreSQL polled, PostgreSQL with
    procrastinate jobs (``worker --queue procrastinate``)."""
    if request.param == "sqlite":
        return f"sqlite:///{os.path.join(str(tmp_path), 'runs.db')}", []
    url = new_pg_database(request.getfixturevalue("pg_cluster"))
    if request.param == "postgres":
        return url, []
    pytest.importorskip("procrastinate")
    from fetchflow.durable import Store
    Store(url, queue="procrastinate")
    return url, ["--queue", "procrastinate"]
