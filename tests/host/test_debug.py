"""Stepping hooks, breakpoints, a frozen clock and the time zone option."""
from __future__ import annotations

import fetchflow
from fetchflow import FetchResponse

SRC = """let total = 0;
function add(x) {
  return total + x;
}
for (let i = 0; i < 2; i++) {
  total = add(i);
}
const r = await fetch("u");
console.log(total, await r.text());
"""


def test_on_step_sees_every_statement_in_order_and_across_a_pause():
    events = []
    r = fetchflow.execute_code(SRC, quiet=True, on_step=events.append)
    lines = [e.line for e in events]
    assert lines[0] == 1 and lines[-1] == 8
    assert lines.count(6) == 2 and lines.count(3) == 2  # loop body and function body, twice each
    inside = [e for e in events if e.line == 3]
    assert all(e.function == "add" and e.kind == "ReturnStatement" for e in inside)
    assert events[0].source_line == "let total = 0;" and events[0].column == 1
    after = []
    r2 = fetchflow.resume_execution(r.state.to_bytes(), FetchResponse(r.fetch_request.id, True, 200, "OK", "x"),
                                    quiet=True, on_step=after.append)
    assert [e.line for e in after] == [9]
    assert r2.console == ["1 x"]


def test_breakpoints_limit_the_hook_to_lines():
    hits = []
    fetchflow.execute_code("let a = 1;\nlet b = 2;\nlet c = a + b;", quiet=True, on_step=hits.append,
                           breakpoints={3})
    assert [(e.line, e.kind) for e in hits] == [(3, "VariableDeclaration")]


def test_without_a_hook_nothing_is_wrapped():
    from fetchflow.host.environment import create_machine
    m = create_machine()
    assert m.stepper is None
    assert fetchflow.execute_code("let x = 1; x + 1", quiet=True).result == 2


def test_frozen_clock_and_time_zone_travel_with_the_state():
    src = 'const a = Date.now(); await fetch("u"); [a, Date.now(), new Date(0).getHours()]'
    r = fetchflow.execute_code(src, quiet=True, clock=1_700_000_000_000, timezone="+05:00")
    r2 = fetchflow.resume_execution(r.state.to_bytes(), FetchResponse(r.fetch_request.id, True, 200), quiet=True)
    assert r2.result == [1_700_000_000_000, 1_700_000_000_000, 5]
