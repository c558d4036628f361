"""Finding 12: with node on PATH a test run rewrote tracked fixtures (FETCHFLOW_NODE_RECHECK
defaulted to "1").  Now only ``pytest --update-node-fixtures`` writes tests/fixtures/node/."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Tuple

import pytest

from tests.interp import node_oracle
from tests.interp.builtins import test_date_node

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _snapshot() -> Dict[str, Tuple[int, int]]:
    return {str(p.relative_to(FIXTURES)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in FIXTURES.rglob("*") if p.is_file()}


@pytest.mark.skipif(shutil.which("node") is None, reason="node not on PATH: nothing would be written")
def test_a_node_oracle_run_writes_nothing() -> None:
    # a sample of node-differential tests, run as a user would (node on PATH, no flag, and
    # FETCHFLOW_NODE_RECHECK unset, which used to mean "recheck and rewrite")
    before = _snapshot()
    env = {k: v for k, v in os.environ.items() if k != "FETCHFLOW_NODE_RECHECK"}
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         "tests/interp/builtins/test_date_node.py::test_new_york_dst",
         "tests/interp/builtins/test_date_node.py::test_random_fields",
         "tests/interp/test_suspend_patterns.py"],
        cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    assert _snapshot() == before


@pytest.fixture
def empty_fixtures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(node_oracle, "FIXTURES", tmp_path)
    monkeypatch.setattr(test_date_node, "FIXTURES", tmp_path)
    monkeypatch.setattr(node_oracle, "UPDATE", False)
    return tmp_path


def test_a_missing_fixture_without_node_fails_and_says_how(empty_fixtures: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    with pytest.raises(pytest.fail.Exception, match="--update-node-fixtures"):
        node_oracle.node_output("console.log(1)")
    with pytest.raises(pytest.fail.Exception, match="--update-node-fixtures"):
        test_date_node.node_output("console.log(1)", "UTC")
    assert list(empty_fixtures.iterdir()) == []


@pytest.mark.skipif(shutil.which("node") is None, reason="node not on PATH")
def test_a_missing_fixture_with_node_is_computed_in_memory(empty_fixtures: Path) -> None:
    with pytest.warns(UserWarning, match="--update-node-fixtures"):
        assert node_oracle.node_output("console.log(6 * 7)") == "42\n"
    assert list(empty_fixtures.iterdir()) == []


@pytest.mark.skipif(shutil.which("node") is None, reason="node not on PATH")
def test_the_flag_writes_fixtures(empty_fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(node_oracle, "UPDATE", True)
    assert node_oracle.node_output("console.log(6 * 7)") == "42\n"
    assert test_date_node.node_output("console.log(new Date(0).getHours())", "Asia/Kolkata") == "5\n"
    assert sorted(p.read_text() for p in empty_fixtures.iterdir()) == ["42\n", "5\n"]


def test_a_stale_fixture_is_not_rewritten(empty_fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    src = "console.log(6 * 7)"
    path = empty_fixtures / f"{hashlib.sha256(src.encode()).hexdigest()[:20]}.txt"
    path.write_text("stale\n")
    monkeypatch.delenv("FETCHFLOW_NODE_RECHECK", raising=False)
    assert node_oracle.node_output(src) == "stale\n"          # no node call, no write
    if shutil.which("node") is not None:
        monkeypatch.setenv("FETCHFLOW_NODE_RECHECK", "1")
        with pytest.raises(pytest.fail.Exception, match="differs"):
            node_oracle.node_output(src)
    assert path.read_text() == "stale\n"
