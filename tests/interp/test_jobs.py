"""The job queue (fetchflow/interp/jobs.py): a throw in a reaction settles the derived promise;
a throw in a plain job (a timer, queueMicrotask, an event listener's rethrow) is uncaught and
ends the run, as in node."""
from __future__ import annotations

import pytest

from tests.node_oracle import assert_same_as_node

PROGRAMS = [
    'queueMicrotask(() => { throw new Error("micro") }); console.log("first")',
    'setTimeout(() => { throw new TypeError("late") }, 5); setTimeout(() => console.log("never"), 10);'
    ' console.log("first")',
    'Promise.resolve().then(Object.keys).catch(e => console.log("caught", e.name))',
    'Promise.resolve(1).then(() => { throw new RangeError("r") }).catch(e => console.log("caught", e.message))',
    'new Promise(r => r()).then(() => queueMicrotask(() => console.log("inner"))); console.log("outer")',
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_jobs_as_node(src: str) -> None:
    assert_same_as_node(src)
