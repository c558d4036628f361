"""Differential testing against node: same program, same console output.

``assert_same_as_node(src)`` runs ``src`` in fetchflow and compares the printed lines
with node's.  Node's output is kept as a fixture under tests/fixtures/node/ (keyed by
the program's hash), so the suite runs where node is absent and never calls node for a
program whose fixture exists.

A test run never writes to the repository:

* ``pytest --update-node-fixtures`` (tests/conftest.py) runs node for every program the
  selected tests use and writes the fixtures that are missing or differ;
* ``FETCHFLOW_NODE_RECHECK=1`` runs node too, but only compares, in memory: a fixture
  that differs from node fails the test;
* otherwise a missing fixture is computed in memory when node is on PATH (with a warning
  saying how to record it) and fails the test when it is not.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Callable

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "node"
UPDATE = False   # set by tests/conftest.py from --update-node-fixtures


def cached_node_output(path: Path, run_node: Callable[[str], str]) -> str:
    """The fixture at ``path``; ``run_node(node_executable)`` produces it (see the module
    docstring for when it runs and when the fixture is written)."""
    node = shutil.which("node")
    if UPDATE:
        if node is None:
            pytest.fail("--update-node-fixtures needs node (20) on PATH")
        out = run_node(node)
        if not path.exists() or path.read_text(encoding="utf-8") != out:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(out, encoding="utf-8")
        return out
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if node is not None and os.environ.get("FETCHFLOW_NODE_RECHECK") == "1":
            out = run_node(node)
            if out != text:
                pytest.fail(f"node's output differs from tests/fixtures/node/{path.name}: refresh "
                            f"it with `python -m pytest --update-node-fixtures <this test>`\n"
                            f"--- fixture:\n{text}\n--- node:\n{out}")
        return text
    how = (f"record it with `python -m pytest --update-node-fixtures <this test>` (node 20 on "
           f"PATH) and commit tests/fixtures/node/{path.name}")
    if node is None:
        pytest.fail(f"no node fixture {path.name} and no node on PATH: {how}")
    warnings.warn(f"node fixture {path.name} is missing (node's output used in memory): {how}")
    return run_node(node)


def node_output(src: str) -> str:
    key = hashlib.sha256(src.encode("utf-8", "surrogatepass")).hexdigest()[:20]

    def run_node(node: str) -> str:
        p = subprocess.run([node, "-e", src], capture_output=True, text=True, timeout=60,
                           encoding="utf-8", errors="replace")
        out = p.stdout
        if p.returncode != 0:
            # uncaught errors: compare the first line of stderr's error message
            import re
            err = [ln for ln in p.stderr.splitlines() if re.match(r"^[A-Za-z]*Error\b", ln)][:1]
            out += "UNCAUGHT " + (err[0].strip() if err else "?") + "\n"
        return out
    return cached_node_output(FIXTURES / f"{key}.txt", run_node)


def fetchflow_output(src: str) -> str:
    from fetchflow.interp.api import run
    from fetchflow.interp.values import JSThrow
    from fetchflow.interp.inspect_value import error_headline
    lines: list = []
    try:
        r = run(src)
        lines = r.console
    except JSThrow as e:
        m = getattr(e, "console", [])
        lines = list(m) + ["UNCAUGHT " + error_headline(e.value)]
    out = "".join(ln + "\n" for ln in lines)
    return out


def assert_same_as_node(src: str) -> None:
    expected = node_output(src)
    got = fetchflow_output(src)
    assert got == expected, f"program:\n{src}\n--- node:\n{expected}\n--- fetchflow:\n{got}"
