"""ES2018+ syntax the parser accepts but the evaluator does not run yet is refused at load
(fetchflow/interp/evaluation/support.py): a SyntaxError naming the feature and its place,
never a wrong answer (``0 ?? 2`` must not print 2) or an error from inside the compiler."""
from __future__ import annotations

import pytest

import fetchflow

CASES: list = [
]


@pytest.mark.parametrize("src,feature,line,column", CASES)
def test_refused_with_its_place(src: str, feature: str, line: int, column: int) -> None:
    with pytest.raises(fetchflow.JSSyntaxError) as e:
        fetchflow.execute_code(src, quiet=True)
    assert feature in e.value.message and "not support" in e.value.message
    assert (e.value.line, e.value.column) == (line, column)


@pytest.mark.skipif(not CASES, reason="every feature runs")
def test_in_eval_it_is_a_catchable_syntax_error() -> None:
    src, feature = CASES[-1][:2]
    r = fetchflow.execute_code(f'try {{ eval({src!r}) }} catch (e) {{ [e.name, e.message] }}', quiet=True)
    assert r.result[0] == "SyntaxError" and feature in r.result[1]


def test_what_already_runs_is_not_refused() -> None:
    src = "try { throw 1 } catch { }\nconst n = 1_000;\n[n, [1, [2]].flat()]"
    assert fetchflow.execute_code("#!/usr/bin/env node\n" + src, quiet=True).result == [1000, [1, 2]]
