"""Object spread in literals ``{...o}`` (ES2018; ES2023 7.3.25 CopyDataProperties): own
enumerable string and symbol keys in [[OwnPropertyKeys]] order, getters run once and at the
spread's turn, null/undefined ignored, strings spread their indices, properties defined (no
setter on Object.prototype runs); pauses inside a literal with spreads."""
from __future__ import annotations

import pytest

from tests.host.pause_check import assert_pause_transparent
from tests.node_oracle import assert_same_as_node

PROGRAMS = [
    "var src = {b: 2, a: 1, 2: 'two', 1: 'one', [Symbol('s')]: 's'};\n"
    "Object.defineProperty(src, 'hidden', {value: 4, enumerable: false});\n"
    "var o = {z: 0, ...src, b: 'over'}; console.log(o, Object.keys(o).join());\n"
    "console.log({...null, ...undefined, ...5, ...true, ...'hi', ...[7, , 8]});",
    "var log = []; var src = {get a() { log.push('get a'); return 1 }, get b() { log.push('get b'); return 2 }};\n"
    "var o = {a: 0, ...src, [(log.push('key'), 'k')]: (log.push('value'), 3), ...{get c() { log.push('c'); return 4 }}};\n"
    "console.log(JSON.stringify(o), log.join());\n"
    "console.log(Object.getOwnPropertyDescriptor(o, 'a'));",
    "Object.defineProperty(Object.prototype, 'x', {set(v) { console.log('setter ran') }, configurable: true});\n"
    "var o = {...{x: 1}}; console.log(Object.getOwnPropertyDescriptor(o, 'x').value);\n"
    "delete Object.prototype.x;\n"
    "var inherited = Object.create({p: 1}); inherited.q = 2; console.log({...inherited});\n"
    "console.log({...{__proto__: null, a: 1}}, Object.getPrototypeOf({...{__proto__: null}}) === Object.prototype);\n"
    "console.log({...{['__proto__']: 5}}.hasOwnProperty('__proto__'));",
    "var arr = [1, 2]; arr.extra = 'e'; console.log({...arr});\n"
    "function f() { return {...arguments} } console.log(f('a', 'b'));\n"
    "console.log({...new Map([[1, 2]])}, {...new Date(0)}, {...function () {}}, {...Object('ab')});\n"
    "var defaults = {depth: 1, color: 'red'}, opts = {color: 'blue'};\n"
    "console.log({...defaults, ...opts}, {...opts, ...defaults});",
    "var o = {get boom() { throw new Error('from getter') }};\n"
    "try { ({...o}) } catch (e) { console.log(e.message) }\n"
    "var frozen = Object.freeze({a: 1}); var c = {...frozen}; c.a = 2; console.log(c.a, Object.isFrozen(c));",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_like_node(src: str) -> None:
    assert_same_as_node(src)


def test_spreads_with_calls_and_awaits_like_node() -> None:
    assert_same_as_node(
        "const mk = (n) => ({['k' + n]: n});\n"
        "console.log({...mk(1), a: mk(2).k2, ...mk(3)});\n"
        "async function f() { return {...(await Promise.resolve({x: 1})), y: await 2,"
        " ...{get z() { console.log('z read'); return 3 }}, w: await (console.log('w'), 4)} }\n"
        "f().then(v => console.log(v));")


@pytest.mark.parametrize("which", range(1, 4))
def test_pauses_and_resumes_from_bytes(which: int) -> None:
    assert_pause_transparent(
        f"async function p(v, i) {{ if (i === {which}) {{ PAUSE }} return v }}\n"
        "(async () => { const base = {a: 1, get g() { console.log('g read'); return 'G' }};\n"
        "  const o = {...base, b: await p(2, 1), ...(await p({c: 3}, 2)), ...'xy', d: await p(4, 3)};\n"
        "  console.log(JSON.stringify(o)); })();")


def test_computed_keys_convert_before_the_value_like_node() -> None:
    assert_same_as_node(
        "var log = []; const key = {toString() { log.push('key'); return 'k' }};\n"
        "const val = () => (log.push('value'), 1);\n"
        "var o = {[key]: val(), [Symbol.iterator]: 2, [1 + 1]: 3, ...{[key]: 'again'}};\n"
        "console.log(log.join(), JSON.stringify(o), o[Symbol.iterator]);\n"
        "var p = {[key]: (() => log.push('call'))(), [(() => key)()]: 4}; console.log(log.join(), p.k);")


def test_spread_of_a_proxy_goes_through_its_traps_like_node() -> None:
    # CopyDataProperties: [[OwnPropertyKeys]], then per key [[GetOwnProperty]] and [[Get]]
    assert_same_as_node("var log = [];\nvar p = new Proxy({a: 1, b: 2, [Symbol('s')]: 3}, {\n  ownKeys(t) { log.push('ownKeys'); return Reflect.ownKeys(t) },\n  getOwnPropertyDescriptor(t, k) { log.push('gopd ' + String(k)); return Reflect.getOwnPropertyDescriptor(t, k) },\n  get(t, k, r) { log.push('get ' + String(k)); return Reflect.get(t, k, r) },\n});\nvar o = {...p, c: 4};\nconsole.log(o, log.join());\nvar log2 = []; var q = new Proxy({x: 1}, {get(t, k) { log2.push(String(k)); return t[k] }});\nconsole.log(q?.x, q?.y?.z, log2.join());\nconst {a, ...rest} = p; console.log(a, rest);\n")
