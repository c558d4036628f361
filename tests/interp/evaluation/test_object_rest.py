"""Object rest in patterns (ES2023 14.3.3.4 RestBindingInitialization, 13.15.5.4
RestDestructuringAssignmentEvaluation): the keys already taken are excluded, own enumerable
string and symbol keys are copied in [[OwnPropertyKeys]] order, getters run once, computed
keys are evaluated once; in declarations, assignments, parameters and for-of heads, on the
closure path and on frames (a default that awaits), and across a pause."""
from __future__ import annotations

import pytest

from tests.host.pause_check import assert_pause_transparent
from tests.node_oracle import assert_same_as_node

T = ("const t = (f) => { try { console.log(f()) } catch (e) { console.log(e.constructor.name"
     " + ': ' + e.message) } };\n")

PROGRAMS = [
    # declarations, assignment, parameters, for-of heads
    "const {a, ...rest} = {a: 1, b: 2, c: 3}; console.log(a, rest);\n"
    "let x, r; ({x, ...r} = {x: 1, y: 2, [Symbol.for('s')]: 3}); console.log(x, r);\n"
    "function f({p, ...q}, ...more) { return [p, q, more] } console.log(f({p: 1, q: 2}, 3));\n"
    "for (const {k, ...v} of [{k: 1, l: 2}, {m: 3}]) console.log(k, v);\n"
    "let w; for ({k: w, ...r} of [{k: 5, z: 6}]) console.log(w, r);\n"
    "const g = ({...all}) => all; console.log(g([1, 2]), g('hi'), g(5));",
    # exclusion: computed keys evaluated once, numbers as property keys, getters once, order
    "let n = 0; const key = () => (n++, 'b');\n"
    "const src = {a: 1, b: 2, get c() { console.log('get c'); return 3 }, 1: 'one', [Symbol('s')]: 4};\n"
    "const {[key()]: bb, 1: one, ...rr} = src; console.log(bb, one, rr, n);\n"
    "const {...copy} = Object.create({inherited: 1}, {own: {value: 2, enumerable: true},"
    " hidden: {value: 3}}); console.log(copy);\n"
    "const arr = [1, 2, 3]; const {0: z, length, ...ar} = arr; console.log(z, length, ar);\n"
    "const {...s} = 'ab'; console.log(s); const {...nothing} = 42; console.log(nothing);",
    # the targets: member expressions evaluated before the copy, nested rest, errors
    T +
    "const o = {}; let log = [];\n"
    "({a: o.a, ...o['r' + (log.push('key'), '')]} = {a: 1, b: 2}); console.log(o, log);\n"
    "const {p: {q, ...inner}, ...outer} = {p: {q: 1, r: 2}, s: 3}; console.log(q, inner, outer);\n"
    "t(() => { const {...u} = null }); t(() => { const {...u} = undefined });\n"
    "t(() => { ({...Object.freeze({}).x} = {y: 1}) });\n"
    "const frozen = Object.freeze({a: 1}); const {...thawed} = frozen;"
    " thawed.b = 2; console.log(thawed, Object.isFrozen(thawed));",
    # a rest object is a fresh ordinary object: accessors become data, no prototype link
    "const src = Object.create({proto: 1}); Object.defineProperty(src, 'acc', {get() { return 'v' },"
    " enumerable: true});\n"
    "const {...r} = src; console.log(r, Object.getOwnPropertyDescriptor(r, 'acc'),"
    " Object.getPrototypeOf(r) === Object.prototype);",
    # on frames: a default that awaits, the rest after it; inside an async function
    "async function g(v) { const {a = await 'dflt', [await 'k']: k, ...r} = v; return [a, k, r] }\n"
    "g({k: 1, z: 2}).then(console.log); g({a: 0, b: 1}).then(console.log);\n"
    "async function h(o) { let a, r; ({a = await 1, ...r} = o); console.log(a, r) } h({x: 1});\n"
    "async function k(list) { for (const {a = await 0, ...r} of list) console.log(a, r) }"
    " k([{a: 1, b: 2}, {c: 3}]);",
    # generators: a default that yields, then the rest
    "function* gen(o) { const {a = yield 'need a', ...r} = o; return [a, r] }\n"
    "const it = gen({b: 1, c: 2}); console.log(it.next()); console.log(JSON.stringify(it.next(7)));",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_object_rest_as_node(src: str) -> None:
    assert_same_as_node(src)


def test_object_rest_across_a_pause() -> None:
    out = assert_pause_transparent(
        "async function main() {\n"
        "  const {id, ...rest} = {id: 1, name: 'x', tags: ['a']};\n"
        "  const late = async () => { PAUSE return 'late' };\n"
        "  const {a = await late(), ...others} = {b: rest.name, ...rest};\n"
        "  console.log(id, rest, a, others);\n"
        "}\nmain();")
    assert out == ["1 { name: 'x', tags: [ 'a' ] } late { b: 'x', name: 'x', tags: [ 'a' ] }"]


def test_object_rest_through_a_proxy_as_node() -> None:
    # every internal method goes through the traps, in CopyDataProperties' order: ownKeys, then
    # getOwnPropertyDescriptor and get per key not excluded (no get for a non-enumerable key)
    assert_same_as_node(
        "const log = [];\n"
        "const target = {a: 1, b: 2, [Symbol('s')]: 3};\n"
        "Object.defineProperty(target, 'hidden', {value: 4, enumerable: false});\n"
        "const p = new Proxy(target, {\n"
        "  ownKeys(t) { log.push('ownKeys'); return Reflect.ownKeys(t) },\n"
        "  getOwnPropertyDescriptor(t, k) { log.push('gopd ' + String(k)); return Reflect.getOwnPropertyDescriptor(t, k) },\n"
        "  get(t, k, r) { log.push('get ' + String(k)); return Reflect.get(t, k, r) } });\n"
        "const {a, ...rest} = p;\n"
        "console.log(a, rest); console.log(log.join('\\n'));")
