"""A script whose last expression is a promise (`main()`) completes with that promise's
outcome, but takes it without a then() job or a constructor lookup: a script sees the same
ticks as in node, whose scripts have no completion promise (jobs.JobsMixin.settle_script;
test262 for-await-of/ticks-with-*-constructor-lookup*)."""
from __future__ import annotations

import pytest

import fetchflow
from tests.node_oracle import MODES, assert_same_as_node

TICKS = """var actual = [];
function toAsyncIterator(iterable) {
  return { [Symbol.asyncIterator]() { return iterable[Symbol.iterator](); } };
}
async function f() {
  var p = Promise.resolve(0);
  actual.push("pre");
  for await (var x of toAsyncIterator([p])) { actual.push("loop"); }
  for await (var y of [p]) { actual.push("loop 2"); }
  actual.push("post");
}
Promise.resolve(0).then(() => actual.push("tick 1")).then(() => actual.push("tick 2"))
  .then(() => actual.push("tick 3")).then(() => actual.push("tick 4"))
  .then(() => actual.push("tick 5")).then(() => console.log(actual.join()));
Object.defineProperty(Promise.prototype, "constructor", {
  get() { actual.push("constructor"); return Promise; }, configurable: true });
f();
"""

THEN_SPY = """const p = Promise.resolve(1);
p.then = function (...a) { console.log('then called'); return Promise.prototype.then.apply(this, a) };
Promise.resolve().then(() => console.log('tick'));
p;
"""


@pytest.mark.parametrize("src", [TICKS, THEN_SPY])
def test_like_node(src: str) -> None:
    assert_same_as_node(src)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("src, expected", [
    ("async function main() { await null; return {a: 1} }\nmain()", {"a": 1}),
    ("Promise.resolve(5)", 5), ("({then(r) { r(7) }})", 7), ("1 + 1", 2)])
def test_completion_value_is_the_promises(src: str, expected: object, mode: str) -> None:
    assert fetchflow.execute_code(src, **MODES[mode]).result == expected


@pytest.mark.parametrize("mode", MODES)
def test_a_rejected_completion_promise_is_a_throw(mode: str) -> None:
    with pytest.raises(fetchflow.JSError, match="x"):
        fetchflow.execute_code("Promise.reject(new Error('x'))", **MODES[mode])
