"""Destructuring whose defaults await or yield runs on frames (and can pause for a fetch)."""
from __future__ import annotations

import pytest

import fetchflow
from fetchflow import FetchResponse

from tests.node_oracle import assert_same_as_node

PROGRAMS = [
    "function* g() { var x; [x = yield 1] = []; return x }\n"
    "var it = g(); console.log(it.next().value, it.next(5).value);",
    "async function f(p) { const {a = await p, b: [c = await p] = []} = {}; let y;"
    " ({y = await Promise.resolve(3)} = {}); return [a, c, y]; }\n"
    "f(Promise.resolve(7)).then(v => console.log(v));",
    "function* h() { const [a, b = yield 'need b', ...rest] = [1, undefined, 3, 4]; return [a, b, rest] }\n"
    "var i2 = h(); console.log(i2.next().value, JSON.stringify(i2.next(9).value));",
    "function* k() { try { const [a = yield 1] = { [Symbol.iterator]() { return { next() {"
    " return { done: false, value: undefined } }, return() { console.log('closed'); return {} } } } } }"
    " finally { console.log('finally') } }\n"
    "var i3 = k(); i3.next(); i3.return(4); console.log('done');",
    "async function z() { try { const {a = await Promise.reject(new Error('no'))} = {}; }"
    " catch (e) { console.log('caught', e.message) } }\nz();",
    # targets whose object or key awaits or yields: evaluated on frames, before the value
    "function* g() { const x = {}; [x[yield 'k'], ...x[yield 'r']] = [1, 2, 3];"
    " ({a: x[yield 'a'], ...x[yield 'or']} = {a: 9, b: 8}); [[x[yield 'n']]] = [[5]]; return x }\n"
    "const it = g(); let r = it.next(); const names = ['p', 'rest', 'pa', 'orest', 'nest'];\n"
    "let i = 0; while (!r.done) { console.log(r.value); r = it.next(names[i++]) } console.log(r.value);\n"
    "async function f() { const o = {}; [o[await 'aw']] = ['v']; ({[await 'ck']: o[await 'tk']} = {ck: 1});"
    " [(await Promise.resolve(o)).z = 'dflt'] = []; console.log(o) } f();",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_like_node(src):
    assert_same_as_node(src)


def test_pause_inside_a_destructuring_default():
    src = ('const {a = await (await fetch("u")).text(), b = 2} = {};'
           ' let [x = await (await fetch("v")).text()] = []; a + b + x')
    r = fetchflow.execute_code(src, quiet=True)
    pauses = 0
    while r.type == "paused":
        pauses += 1
        q = r.fetch_request
        r = fetchflow.resume_execution(r.state.to_bytes(), FetchResponse(q.id, True, 200, "OK", q.url.upper()),
                                       quiet=True)
    assert (pauses, r.result) == (2, "U2V")
