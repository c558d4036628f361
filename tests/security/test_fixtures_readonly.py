"""Finding 12: with node on PATH a test run rewrote tracked fixtures (FETCHFLOW_NODE_RECHECK
defaulted to "1").  Now only ``pytest --update-node-fixtures`` writes the ``*.node.json``
files beside the tests (tests/node_fixtures.py; its rules are tested on a scratch suite in
tests/test_node_fixtures.py)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"


def _snapshot() -> Dict[str, Tuple[int, int]]:
    files = list((TESTS / "fixtures").rglob("*")) + list(TESTS.rglob("*.node.json"))
    return {str(p.relative_to(TESTS)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in files if p.is_file()}


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
