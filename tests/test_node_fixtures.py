"""The node fixtures' rules (tests/node_fixtures.py), checked on a scratch suite in a temp
dir run by a pytest subprocess: stale entries fail a whole-module run and only that, the
update flag prunes them, a missing entry fails without node, and nothing is written
without the flag.  Also the file format's round trip."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional

import pytest

from tests import node_fixtures
from tests.node_fixtures import dumps, loads, make_key

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node not on PATH")

CONFTEST = "from tests.node_fixtures import *  # noqa\n"
FAKE = '''
from tests.node_oracle import assert_same_as_node

def test_one():
    assert_same_as_node("console.log(1)")

def test_two():
    assert_same_as_node("console.log('two')")
'''
RECORDED = {make_key("console.log(1)"): "1\n", make_key("console.log('two')"): "two\n"}
STALE = {make_key("console.log(3)"): "3\n"}


def suite(tmp: Path, entries: Dict, source: str = FAKE) -> Path:
    (tmp / "conftest.py").write_text(CONFTEST)
    module = tmp / "test_fake.py"
    module.write_text(source)
    if entries:
        (tmp / "test_fake.node.json").write_text(dumps(module, entries), encoding="utf-8")
    return tmp / "test_fake.node.json"


def run(tmp: Path, *args: str, node: bool = True, env: Optional[Dict[str, str]] = None
        ) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if k != "FETCHFLOW_NODE_RECHECK"}
    e["PYTHONPATH"] = str(ROOT)
    if not node:
        e["PATH"] = str(tmp / "no-node-here")
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-W", "error::pytest.PytestUnknownMarkWarning", *args],
                          cwd=str(tmp), env=e, capture_output=True, text=True, timeout=120)


def test_format_round_trips_awkward_text(tmp_path: Path) -> None:
    entries = {make_key("a\n  b\n", {"TZ": "Asia/Kolkata"}): "x\n\ny\n",
               make_key("lone \ud800 and \u2028 and \x00 and \U0001f600 and é"): "no newline",
               make_key(""): "", make_key("nl"): "\n"}
    text = dumps(tmp_path / "test_x.py", entries)
    assert text.isascii() or "é" in text
    assert "\ud800" not in text and "\u2028" not in text   # escaped, so the file is valid UTF-8
    text.encode("utf-8")
    assert loads(text) == entries
    assert '"TZ": "Asia/Kolkata"' in text and '"x",\n' in text   # one line of output per line


def test_stale_entries_fail_only_a_whole_module_run(tmp_path: Path) -> None:
    fixture = suite(tmp_path, {**RECORDED, **STALE})
    before = fixture.read_bytes()
    whole = run(tmp_path, node=False)
    assert whole.returncode == 1, whole.stdout
    assert "2 passed" in whole.stdout and "stale node fixtures" in whole.stdout
    assert "console.log(3)" in whole.stdout and "--update-node-fixtures" in whole.stdout
    narrowed = run(tmp_path, "test_fake.py::test_two", node=False)   # -k: in the update test
    assert narrowed.returncode == 0 and "stale" not in narrowed.stdout, narrowed.stdout
    assert fixture.read_bytes() == before


def test_failing_and_orphan_modules_without_node(tmp_path: Path) -> None:
    """A module with a failing test is not judged stale (the test may have stopped before
    its programs); a wrong entry fails naming the mode; a missing entry fails without node
    and says how to record it; a fixture file without its module is stale."""
    suite(tmp_path, {**RECORDED, make_key("console.log(1)"): "2\n", **STALE})
    (tmp_path / "test_missing.py").write_text(
        "from tests.node_oracle import assert_same_as_node\n"
        "def test_missing():\n    assert_same_as_node('console.log(4)')\n")
    orphan = tmp_path / "test_gone.node.json"
    orphan.write_text(dumps(tmp_path / "test_gone.py", STALE))
    r = run(tmp_path, ".", node=False)
    assert r.returncode == 1 and "2 failed, 1 passed" in r.stdout, r.stdout
    assert "fetchflow (default mode) differs from node" in r.stdout
    assert "no node on PATH: record it with `python -m pytest --update-node-fixtures" in r.stdout
    assert "test_gone.node.json: no test module test_gone.py beside it" in r.stdout
    assert "test_fake.node.json" not in r.stdout.split("stale node fixtures")[-1]
    assert orphan.exists() and not (tmp_path / "test_missing.node.json").exists()


@needs_node
def test_without_the_flag_nothing_is_written(tmp_path: Path) -> None:
    fixture = suite(tmp_path, {make_key("console.log(1)"): "1\n"})
    before = fixture.read_bytes()
    r = run(tmp_path)                  # test_two's entry is missing: node runs, in memory
    assert r.returncode == 0 and "no node output recorded" in r.stdout, r.stdout
    wrong = suite(tmp_path, {**RECORDED, make_key("console.log(1)"): "2\n"})
    wrong_bytes = wrong.read_bytes()
    r = run(tmp_path, env={"FETCHFLOW_NODE_RECHECK": "1"})
    assert r.returncode == 1 and "differs from test_fake.node.json" in r.stdout, r.stdout
    assert wrong.read_bytes() == wrong_bytes != before


@needs_node
def test_the_flag_records_refreshes_and_prunes(tmp_path: Path) -> None:
    fixture = suite(tmp_path, {make_key("console.log(1)"): "wrong\n", **STALE})
    orphan = tmp_path / "test_gone.node.json"
    orphan.write_text(dumps(tmp_path / "test_gone.py", STALE))
    narrowed = run(tmp_path, "--update-node-fixtures", "-k", "one")
    assert narrowed.returncode == 0, narrowed.stdout
    assert loads(fixture.read_text()) == {make_key("console.log(1)"): "1\n", **STALE}
    assert orphan.exists()
    r = run(tmp_path, "--update-node-fixtures", ".")
    assert r.returncode == 0, r.stdout
    assert loads(fixture.read_text()) == RECORDED and not orphan.exists()


def test_the_oracle_needs_a_running_test() -> None:
    saved = node_fixtures._current[:]
    node_fixtures._current.clear()
    try:
        with pytest.raises(RuntimeError, match="inside a test"):
            node_fixtures.current()
    finally:
        node_fixtures._current[:] = saved
