"""Promise.all, allSettled, any and race (one implementation: builtins/promise.py
_combinator) against node: results, microtask order, the order of observable steps
(``C.resolve`` read before the iterator opens), iterator closing, error messages."""
from __future__ import annotations

import pytest

from tests.node_oracle import assert_same_as_node

COMBINATORS = ("all", "allSettled", "any", "race")

PROGRAMS = {
    "values and thenables": """
        const t = {then(r) { console.log("then called"); r("thenable") }};
        Promise.NAME([1, Promise.resolve(2), t, Promise.reject(new Error("no")).catch(e => e.message)])
          .then(v => console.log("ok", JSON.stringify(v)), e => console.log("err", e.constructor.name, e.message));
        Promise.resolve().then(() => console.log("tick 1")).then(() => console.log("tick 2"));
    """,
    "rejections": """
        Promise.NAME([Promise.reject(1), Promise.reject(2)])
          .then(v => console.log("ok", JSON.stringify(v)),
                e => console.log("err", e instanceof AggregateError ? "Aggregate " + e.errors + " " + e.message : e));
    """,
    "empty": """
        const p = Promise.NAME([]);
        p.then(v => console.log("ok", JSON.stringify(v)), e => console.log("err", e.constructor.name, e.errors.length));
        setTimeout(() => console.log("later"), 0);
    """,
    "observable order": """
        const log = [];
        class P extends Promise {}
        Object.defineProperty(P, "resolve", {get() { log.push("get resolve"); return Promise.resolve.bind(P) }});
        const it = {[Symbol.iterator]() { log.push("iterator"); let i = 0;
          return {get next() { log.push("get next"); return () => ({done: i++ >= 2, value: i}) }} }};
        P.NAME(it).then(() => console.log(log.join(", ")), () => console.log(log.join(", ")));
    """,
    "resolve throws: iterator closed": """
        let closed = 0;
        const it = {[Symbol.iterator]() { return {next() { return {done: false, value: 1} },
                                                  return() { closed++; return {} }} }};
        const C = function (ex) { return new Promise(ex) };
        C.resolve = () => { throw new Error("resolve threw") };
        Promise.NAME.call(C, it).then(null, e => console.log(e.message, closed));
    """,
    "not an object": """
        try { Promise.NAME.call(1, []) } catch (e) { console.log(e.constructor.name, e.message) }
        Promise.NAME(5).catch(e => console.log(e.constructor.name, e.message));
    """,
}


@pytest.mark.parametrize("name", COMBINATORS)
@pytest.mark.parametrize("program", sorted(PROGRAMS))
def test_combinator_like_node(name: str, program: str) -> None:
    assert_same_as_node(PROGRAMS[program].replace("NAME", name))


NOT_ITERABLE = ["new Map(5)", "new Set(true)", "new WeakMap(1.5)", "new WeakSet(Symbol())", "new Map({})",
                "new Set(function f() {})", "Object.fromEntries(5)", "Object.fromEntries(null)",
                "(String.prototype[Symbol.iterator] = undefined, new Set('ab'))"]


@pytest.mark.parametrize("expr", NOT_ITERABLE)
def test_builtins_word_not_iterable_as_v8(expr: str) -> None:
    assert_same_as_node(f"try {{ {expr} }} catch (e) {{ console.log(e.constructor.name, e.message) }}")
