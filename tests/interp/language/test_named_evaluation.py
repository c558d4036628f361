"""NamedEvaluation and destructuring order on both paths (closures and frames) against node.

Every program runs in the default mode and in frames-only mode (``closures=False``): the
programs put the same construct where it compiles to a closure and where it runs on frames
(a computed class key or a default that calls, an `await` in a default)."""
from __future__ import annotations

import pytest

import fetchflow
from tests.node_oracle import assert_same_as_node

PROGRAMS = [
    # the class's computed static key calls, so the declaration runs on frames
    'function f() { return "k"; }\nconst c = class { static [f()]() {} };\nconsole.log(c.name);',
    'function f() { return "k"; }\nlet d; d = class { static [f()]() {} };\nvar e = class { static [f()]() {} };\n'
    'console.log(d.name, e.name);',
    'function f() { return "k"; }\nconst { a = class { static [f()]() {} } } = {};\n'
    'function g(p = class { static [f()]() {} }, q = function () {}) { return p.name + " " + q.name; }\n'
    'const [b = () => f()] = [];\nconsole.log(a.name, g(), b.name);',
    'function f() { return "k"; }\nconst o = { a: function () {}, 1.5: () => 1, [f()]: class {}, '
    '"s t": class { static [f()]() {} }, __proto__: function () {}, b: class { static name() {} } };\n'
    'console.log(o.a.name, o[1.5].name, o.k.name, o["s t"].name, typeof o.b.name, '
    'Object.getPrototypeOf(o).name === "");',
    'const c = class { static name() { return 1; } };\nconst d = class extends Object {};\n'
    'let x; x = function named() {};\nconsole.log(typeof c.name, d.name, x.name);',
    'function f() { return "k"; }\n(async () => {\n  const c = class { static [await f()]() {} };\n'
    '  let d; d = class extends (await Object) {};\n  console.log(c.name, d.name);\n})();',
    # a member target's reference is evaluated before the value is read
    'const log = [];\nconst t = {};\nfunction obj() { log.push("target"); return t; }\n'
    '({ a: obj().x } = { get a() { log.push("get a"); return 1; } });\n'
    '[obj().y] = { [Symbol.iterator]() { log.push("iter"); return { next() { log.push("next"); '
    'return { done: false, value: 2 }; }, return() { log.push("return"); return {}; } }; } };\n'
    'console.log(log.join(","), t.x, t.y);',
    'const log = [];\nconst t = {};\nfunction obj() { log.push("target"); return t; }\n'
    '(async () => {\n  ({ a: obj().x = await 5, [(log.push("key"), "b")]: obj().z } = '
    '{ get a() { log.push("get a"); }, get b() { log.push("get b"); return 3; } });\n'
    '  [obj().y = await 6] = [];\n  console.log(log.join(","), t.x, t.y, t.z);\n})();',
]


@pytest.mark.parametrize("src", PROGRAMS, ids=[f"named{i}" for i in range(len(PROGRAMS))])
def test_named_evaluation(src: str) -> None:
    assert_same_as_node(src)
    # whatever modes the oracle runs, the two modes print alike
    default = fetchflow.execute_code(src, quiet=True).console
    frames = fetchflow.execute_code(src, quiet=True, closures=False).console
    assert frames == default


PAUSING = ('let o = {};\n[o.p = (await fetch("x")).status] = [];\n'
           '({ q: o.q = (await fetch("y")).status } = {});\n'
           'const C = class { static [(await fetch("z")).status]() {} };\n'
           'console.log(o.p, o.q, C.name, Object.getOwnPropertyNames(C).includes("200"));')


@pytest.mark.parametrize("closures", [True, False], ids=["default", "frames-only"])
def test_pattern_and_class_frames_survive_a_pause(closures: bool) -> None:
    """A member target's prepared reference and a class's computed key live on frames
    across a pause (the state is written to bytes and read back at every fetch)."""
    r = fetchflow.execute_code(PAUSING, quiet=True, closures=closures)
    pauses = 0
    while r.type == "paused":
        pauses += 1
        answers = [fetchflow.FetchResponse(q.id, True, 200, "OK", "") for q in r.fetch_requests]
        r = fetchflow.resume_execution(r.state.to_bytes(), answers, quiet=True, closures=closures)
    assert pauses == 3
    assert r.console == ["200 200 C true"]
