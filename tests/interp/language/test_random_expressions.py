"""Random operator expressions over a pool of awkward literals, compared with node.

Each example is one program of ~50 fully parenthesized expressions (one node call per
batch).  Every result is printed with its ``typeof`` and its value (numbers through
console.log so -0 shows; objects through a template literal, i.e. ToString).  The runs are
derandomized and never shrink, so the programs -- and their node fixtures -- stay fixed.
"""
from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.node_oracle import MODES, fetchflow_output, has_node_output, node_output

LITERALS = [
    "0", "(-0)", "1", "(-1)", "0.1", "0.2", "NaN", "Infinity", "(-Infinity)", "2147483648",
    "4294967296", "9007199254740993", "1e21", "1.5", "(-7)", "3",
    '""', '"1"', '"abc"', '" 2 "', '"0x10"', '"-0"', '"1e3"', '"Infinity"',
    "true", "false", "null", "undefined", "[]", "[1,2]", "[0]", "[5]", "({})",
]
ARITH = ["+", "-", "*", "/", "%", "**"]
BITWISE = ["&", "|", "^", "<<", ">>", ">>>"]
COMPARE = ["==", "!=", "===", "!==", "<", ">", "<=", ">="]
LOGICAL = ["&&", "||", ","]
UNARY_NUM = ["-", "+"]
UNARY_ALL = ["-", "+", "!", "~", "typeof ", "void "]

BATCH = 50
PRELUDE = ("function L(i, r) { console.log(i, typeof r, "
           "typeof r === 'object' && r !== null ? `obj:${r}` : r) }\n")


def expressions(binops: list, unops: list, depth: int = 3) -> st.SearchStrategy:
    leaf = st.sampled_from(LITERALS)

    def extend(inner: st.SearchStrategy) -> st.SearchStrategy:
        return st.one_of(
            st.tuples(inner, st.sampled_from(binops), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(st.sampled_from(unops), inner).map(lambda t: f"({t[0]}{t[1]})"),
        )
    return st.recursive(leaf, extend, max_leaves=4)


def program(exprs: list) -> str:
    return PRELUDE + "".join(f"L({i}, {e});\n" for i, e in enumerate(exprs))


def compare(exprs: list) -> None:
    src = program(exprs)
    if shutil.which("node") is None and not has_node_output(src):
        pytest.skip("no node and no fixture for this generated batch (hypothesis version differs?)")
    expected = node_output(src).splitlines()
    for mode in MODES:
        got = fetchflow_output(src, mode).splitlines()
        diffs = [f"  {exprs[i] if i < len(exprs) else '?'}\n    node: {a}\n    ff:   {b}"
                 for i, (a, b) in enumerate(zip(expected, got)) if a != b]
        if len(expected) != len(got):
            diffs.append(f"  line count: node {len(expected)}, fetchflow {len(got)}")
        assert not diffs, f"fetchflow ({mode} mode) disagrees with node on:\n" + "\n".join(diffs)


SETTINGS = settings(derandomize=True, max_examples=12, phases=[Phase.generate], database=None,
                    deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.xfail(strict=True, reason="[pow-fdlibm] ** rounds differently from V8 (5 ** -5)")
@SETTINGS
@given(st.lists(expressions(ARITH, UNARY_NUM), min_size=BATCH, max_size=BATCH))
def test_random_arithmetic(exprs: list) -> None:
    compare(exprs)


@SETTINGS
@given(st.lists(expressions(BITWISE, ["~", "-"]), min_size=BATCH, max_size=BATCH))
def test_random_bitwise(exprs: list) -> None:
    compare(exprs)


@SETTINGS
@given(st.lists(expressions(COMPARE, ["!", "+"]), min_size=BATCH, max_size=BATCH))
def test_random_comparison(exprs: list) -> None:
    compare(exprs)


@SETTINGS
@given(st.lists(expressions(ARITH + BITWISE + COMPARE + LOGICAL, UNARY_ALL),
                min_size=BATCH, max_size=BATCH))
def test_random_mixed(exprs: list) -> None:
    compare(exprs)
