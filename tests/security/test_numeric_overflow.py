"""Issue 9 finding 11 (numbers): integers too large for a double must become Infinity, as in
node, never a Python ``OverflowError``/``ValueError`` escaping to the host.

Before the fix ``parseInt('9'.repeat(400))``, ``Number('0x' + 'f'.repeat(300))`` and a
300-digit hex literal raised ``OverflowError``; ``parseInt`` of 5000 decimal digits raised
``ValueError`` (Python's 4300-digit limit for int()); ``Number('0x٣')`` gave 3 (int() takes
non-ASCII digits).  The expected values are node 20's; ``test_table_matches_node`` re-derives
them where node is installed (nothing is written anywhere).
"""
from __future__ import annotations

import json
import math
import shutil
import subprocess

import pytest

from fetchflow import execute_code

INF = math.inf
NAN = "NaN"

# (JS expression, node 20's value)
CASES = [
    ("parseInt('9'.repeat(400))", INF),
    ("parseInt('-' + '9'.repeat(400))", -INF),
    ("parseInt('1'.repeat(5000))", INF),
    ("parseInt('f'.repeat(300), 16)", INF),
    ("parseInt('0x' + 'f'.repeat(300))", INF),
    ("parseInt('-0x' + 'f'.repeat(300))", -INF),
    ("parseInt('1'.repeat(1100), 2)", INF),
    ("parseInt('7'.repeat(400), 8)", INF),
    ("parseInt('z'.repeat(300), 36)", INF),
    ("parseInt('1fffffffffffff1', 16)", 144115188075855860.0),
    ("parseInt('123456789012345678901234567890')", 1.2345678901234568e+29),
    ("Number('0x' + 'f'.repeat(300))", INF),
    ("Number('0x' + 'f'.repeat(255))", 1.1235582092889474e+307),
    ("Number('0x' + 'f'.repeat(256))", INF),
    ("Number('0o' + '7'.repeat(400))", INF),
    ("Number('0b' + '1'.repeat(1100))", INF),
    ("Number('1'.repeat(5000))", INF),
    ("Number('0x\u0663')", NAN),
    ("Number('0x1_0')", NAN),
    ("+('0x' + 'F'.repeat(300))", INF),
    ("0x" + "f" * 300, INF),
    ("0X" + "F" * 256, INF),
    ("0x" + "f" * 255, 1.1235582092889474e+307),
    ("0o" + "7" * 400, INF),
    ("0b" + "1" * 1100, INF),
    ("0" + "7" * 400, INF),  # legacy octal (sloppy mode)
    ("1" * 400, INF),
    ("eval('0x' + 'f'.repeat(300))", INF),
    ("-0x" + "f" * 300, -INF),
]


def _py(v: object) -> object:
    if isinstance(v, float) and v != v:
        return NAN
    return v


@pytest.mark.parametrize("src,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_huge_integers_become_infinity(src: str, expected: object) -> None:
    assert _py(execute_code(src, quiet=True).result) == expected


def test_typeof_and_comparisons_of_an_overflowed_literal() -> None:
    r = execute_code(f"[typeof 0x{'f' * 300}, 0x{'f' * 300} === Infinity, "
                     f"String(parseInt('9'.repeat(400)))].join()", quiet=True)
    assert r.result == "number,true,Infinity"


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_same_strings_as_node() -> None:
    """Both engines print String(expr) of every case alike (no fixture is written)."""
    body = ",".join(f"String({src})" for src, _ in CASES)
    p = subprocess.run(["node", "-e", f"console.log(JSON.stringify([{body}]))"],
                       capture_output=True, text=True, timeout=60)
    ours = execute_code(f"JSON.stringify([{body}])", quiet=True).result
    assert json.loads(ours) == json.loads(p.stdout)
