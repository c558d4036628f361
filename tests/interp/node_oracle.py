"""Differential testing against node: same program, same console output.

``assert_same_as_node(src)`` runs ``src`` in fetchflow and compares the printed lines
with node's.  Node's output is cached as a fixture under tests/fixtures/node/ (keyed by
the program's hash) so the suite runs where node is absent; where node is present the
fixture is re-checked (set FETCHFLOW_NODE_RECHECK=0 to skip calling node).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "node"


def node_output(src: str) -> str:
    key = hashlib.sha256(src.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    path = FIXTURES / f"{key}.txt"
    node = shutil.which("node")
    if path.exists() and (node is None or os.environ.get("FETCHFLOW_NODE_RECHECK", "1") == "0"):
        return path.read_text(encoding="utf-8")
    if node is None:
        raise RuntimeError(f"no node and no fixture for program {key}")
    # wrap in an async function so top-level await behaves as in fetchflow scripts
    p = subprocess.run([node, "-e", src], capture_output=True, text=True, timeout=60,
                       encoding="utf-8", errors="replace")
    out = p.stdout
    if p.returncode != 0:
        # uncaught errors: compare the first line of stderr's error message
        import re
        err = [ln for ln in p.stderr.splitlines() if re.match(r"^[A-Za-z]*Error\b", ln)][:1]
        out += "UNCAUGHT " + (err[0].strip() if err else "?") + "\n"
    FIXTURES.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != out:
        path.write_text(out, encoding="utf-8")
    return out


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
