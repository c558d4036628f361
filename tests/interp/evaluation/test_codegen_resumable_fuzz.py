"""Random function bodies run the same generated (codegen_resumable.py) and on frames.

Hypothesis builds bodies from statements and expressions that put call sites everywhere a
resume can land: inside conditions, operands, loop tests and updates, switch tests and
cases, declarations, nested loops with break/continue, and blocks with their own scope.
Every call goes through ``k``, which logs its argument, so the order and number of
evaluations show in the output as well as the values.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fetchflow
from fetchflow.interp.evaluation import codegen_resumable

VARS = ("a", "b", "c")
PRELUDE = """
var log = [];
function k(x) { log.push(typeof x === 'number' ? x : String(x)); return x; }
function obj(x) { return { v: x, m(y) { return k(this.v + y); } }; }
var o = { v: 1, w: 'w' };
"""


def _exprs() -> st.SearchStrategy:
    leaf = st.one_of(st.sampled_from(VARS), st.integers(0, 5).map(str))

    def extend(inner: st.SearchStrategy) -> st.SearchStrategy:
        return st.one_of(
            inner.map(lambda e: f"k({e})"),
            st.tuples(inner, st.sampled_from("+-*<"), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} ? {t[1]} : {t[2]})"),
            st.tuples(inner, st.sampled_from(["&&", "||", "??"]), inner).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(inner, inner).map(lambda t: f"obj({t[0]}).m({t[1]})"),
            st.tuples(st.sampled_from(VARS), inner).map(lambda t: f"({t[0]} = {t[1]})"),
            st.tuples(st.sampled_from(VARS), inner).map(lambda t: f"({t[0]} += ({t[1]} ? 1 : 2))"),
            st.tuples(inner, inner).map(lambda t: f"[{t[0]}, {t[1]}].length"),
            st.tuples(st.sampled_from(["o.v", "o['w']", "o[k('v')]"]), inner).map(
                lambda t: f"({t[0]} += ({t[1]} ? 1 : 'q'))"),
            st.tuples(inner, inner).map(lambda t: f"`${{{t[0]}}}-${{{t[1]}}}`.length"),
        )
    return st.recursive(leaf, extend, max_leaves=5)


EXPR = _exprs()


def _stmts() -> st.SearchStrategy:
    simple = st.one_of(
        EXPR.map(lambda e: f"k({e});"),
        st.tuples(st.sampled_from(VARS), EXPR).map(lambda t: f"{t[0]} = {t[1]};"),
        EXPR.map(lambda e: f"if ({e} > 3) return k('r' + {e});"),
        EXPR.map(lambda e: f"{{ let z = {e}; k(z); }}"),
    )

    def extend(inner: st.SearchStrategy) -> st.SearchStrategy:
        block = st.lists(inner, min_size=1, max_size=3).map(lambda b: " ".join(b))
        return st.one_of(
            st.tuples(EXPR, block, block).map(lambda t: f"if ({t[0]}) {{ {t[1]} }} else {{ {t[2]} }}"),
            st.tuples(EXPR, block).map(
                lambda t: f"for (let i = 0; i < k(3); i = i + 1) {{ if (k(i) == {t[0]}) continue; {t[1]} }}"),
            st.tuples(EXPR, block).map(
                lambda t: f"{{ let n = 0; while (k(n) < 3) {{ n = n + 1; if (n == 2 && {t[0]}) break; {t[1]} }} }}"),
            st.tuples(EXPR, block, block).map(
                lambda t: f"switch (k({t[0]}) % 3) {{ case k(0): {t[1]} break; case 1: {t[2]} default: k('d'); }}"),
            st.tuples(EXPR, block).map(lambda t: f"for (const x of [1, {t[0]}]) {{ k(x); {t[1]} }}"),
            st.tuples(EXPR, block).map(lambda t: f"do {{ {t[1]} }} while (k({t[0]}) < 0);"),
        )
    return st.recursive(simple, extend, max_leaves=6)


BODY = st.lists(_stmts(), min_size=1, max_size=4).map(lambda b: "\n  ".join(b))


def _run(src: str, enabled: bool) -> list:
    codegen_resumable.ENABLED = enabled
    try:
        r = fetchflow.execute_code(src, quiet=True,
                                   limits=fetchflow.Limits(max_steps=200000))
        return list(r.console)
    except fetchflow.JSError as e:
        return ["UNCAUGHT " + str(e).splitlines()[0]]
    except fetchflow.LimitExceeded as e:
        return ["LIMIT " + e.limit]
    finally:
        codegen_resumable.ENABLED = True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=BODY)
def test_random_bodies_generated_as_on_frames(body: str) -> None:
    src = PRELUDE + f"""
function f(a, b, c) {{
  {body}
  return k([a, b, c].join('/'));
}}
const out = [];
for (const args of [[0, 1, 2], [3, 4, 5], ['x', 0, null]]) {{
  try {{ out.push(String(f(...args))); }} catch (e) {{ out.push('threw ' + e.name); }}
}}
console.log(out.join(' | '));
console.log(log.join(','), o.v, o.w);
"""
    old = codegen_resumable.HOT, codegen_resumable.RAISE_ERRORS
    codegen_resumable.HOT, codegen_resumable.RAISE_ERRORS = 1, True
    try:
        assert _run(src, True) == _run(src, False), src
    finally:
        codegen_resumable.HOT, codegen_resumable.RAISE_ERRORS = old
