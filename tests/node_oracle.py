"""Differential testing against node 20: same program, same console output.

``assert_same_as_node(src)`` runs ``src`` the way users run it, through the public
``fetchflow.execute_code(src, quiet=True)``, once in each of the two MODES (the default,
and frames-only: ``closures=False`` compiles every node to its frame path), and requires
the printed lines of each to equal node's.  An uncaught error prints as one last line
``UNCAUGHT <Name>: <message>`` on both sides.

Node's output is recorded beside the test module that runs the program, in
``<test module>.node.json`` (tests/node_fixtures.py says when it is read, computed, written
and pruned), so the suite runs where node is absent.  Record it with
``python -m pytest --update-node-fixtures <test file>`` and commit the .node.json file.
"""
from __future__ import annotations

import difflib
import os
import re
import subprocess
from typing import Any, Dict, Optional

import fetchflow

from . import node_fixtures

MODES: Dict[str, Dict[str, Any]] = {"default": {}, "frames-only": {"closures": False}}


def node_output(src: str, *, env: Optional[Dict[str, str]] = None) -> str:
    """What ``node -e src`` prints (in UTC unless ``env`` sets TZ: fetchflow's default zone), with
    ``UNCAUGHT <first Error line of stderr>`` appended when node exits with an error."""
    def run_node(node: str) -> str:
        # bytes, decoded here: text mode would turn a printed "\r\n" into "\n" on node's side only
        p = subprocess.run([node, "-e", src], capture_output=True, timeout=60,
                           env={**os.environ, "TZ": "UTC", **(env or {})})
        out = p.stdout.decode("utf-8", "replace")
        if p.returncode != 0:
            stderr = p.stderr.decode("utf-8", "replace")
            err = [ln for ln in stderr.splitlines() if re.match(r"^[A-Za-z]*Error\b", ln)][:1]
            out += "UNCAUGHT " + (err[0].strip() if err else "?") + "\n"
        return out
    return node_fixtures.current().output(node_fixtures.make_key(src, env), run_node)


def has_node_output(src: str, *, env: Optional[Dict[str, str]] = None) -> bool:
    """True when node's output for ``src`` is recorded for the running test's module."""
    return node_fixtures.current().has(node_fixtures.make_key(src, env))


def fetchflow_output(src: str, mode: str = "default", **options: Any) -> str:
    """What ``fetchflow.execute_code`` prints for ``src`` in ``mode`` (a key of MODES);
    ``options`` go to execute_code (e.g. ``timezone``)."""
    try:
        r = fetchflow.execute_code(src, quiet=True, **MODES[mode], **options)
        lines = list(r.console)
        if r.type == "paused":   # node would have run the fetch; we have no answer to give
            lines.append(f"PAUSED at fetch({r.fetch_request.url if r.fetch_request else ''})")
    except fetchflow.JSError as e:
        # an Error's headline is its stack's first line, as node prints it; a thrown
        # non-Error has name "Uncaught" and the inspected value as its message
        head = e.stack.split("\n", 1)[0] if e.name != "Uncaught" else f"Uncaught {e.message}"
        lines = list(e.console) + ["UNCAUGHT " + head]
    return "".join(ln + "\n" for ln in lines)


def assert_same_as_node(src: str, *, tz: Optional[str] = None) -> None:
    """fetchflow prints what node prints, in every mode (``tz``: the local time zone of
    both, an IANA name)."""
    expected = node_output(src, env={"TZ": tz} if tz else None)
    for mode in MODES:
        got = fetchflow_output(src, mode, **({"timezone": tz} if tz else {}))
        if got != expected:
            raise AssertionError(mismatch(src, expected, got, mode, tz))


def mismatch(src: str, expected: str, got: str, mode: str, tz: Optional[str] = None) -> str:
    """A failure message: which mode, the program, then node's and fetchflow's output (a
    diff of both when they are long)."""
    where = f"fetchflow ({mode} mode{f', TZ={tz}' if tz else ''}) differs from node"
    prog = src if len(src) <= 3000 else src[:3000] + f"\n... ({len(src)} characters)"
    if expected.count("\n") + got.count("\n") <= 40:
        return f"{where}\nprogram:\n{prog}\n--- node:\n{expected}--- fetchflow:\n{got}"
    diff = difflib.unified_diff(expected.splitlines(), got.splitlines(), "node", "fetchflow",
                                lineterm="", n=1)
    return f"{where}\nprogram:\n{prog}\n" + "\n".join(list(diff)[:80])
