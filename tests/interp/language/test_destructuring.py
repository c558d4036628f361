"""Destructuring (ES2017 12.15.5, 13.3.3) and spread in calls and arrays (12.3.6, 12.2.5):
differential programs against node."""
from __future__ import annotations

import pytest

from ._corpus import bug, check, ids

PROGRAMS = [
    # object patterns
    "var {a, b: {c, d: [e, f = 6]}, g = 7} = {a: 1, b: {c: 3, d: [5]}}; console.log(a, c, e, f, g)",
    "var {a = 1, b = a + 1} = {}; console.log(a, b); var {x = 1} = {x: null}; console.log(x); var {y = 2} = {y: undefined}; console.log(y)",
    "var {length} = 'hello'; var {0: first, [1 + 1]: third} = 'xyz'; console.log(length, first, third)",
    "var key = 'dyn'; var {[key]: v, ['k' + 2]: w = 'dw'} = {dyn: 'D'}; console.log(v, w)",
    "var {a, b: {length: n}} = {a: 1, b: [1, 2, 3]}; console.log(a, n)",
    "var {toString: ts} = 1; console.log(typeof ts, ts === Number.prototype.toString)",
    "var log = []; var {a = log.push('a'), b = log.push('b')} = {a: 0}; console.log(a, b, log)",
    "var {x: {y} = {y: 'dflt'}} = {}; console.log(y)",
    bug("try { var {a: {b}} = {} } catch (e) { console.log(e.name + ': ' + e.message) }", "[msg-destructure] nested pattern on undefined: V8 says Cannot read properties of undefined (reading 'b')"),
    "try { var {} = null } catch (e) { console.log(e.name + ': ' + e.message) }",
    "var {} = 1; var [] = []; console.log('empty patterns ok')",
    "var o = {get g() { console.log('getter'); return 1 }}; var {g} = o; var {g: g2} = o; console.log(g, g2)",
    # array patterns
    "var [a, , b, ...c] = [1, 2, 3, 4, 5]; console.log(a, b, c)",
    "var [a = 1, b = a * 2, c = b + 1] = [undefined, undefined, null]; console.log(a, b, c)",
    "var [x, [y, [z]]] = [1, [2, [3]]]; console.log(x, y, z)",
    "var [a, b] = 'hi'; var [c, ...d] = 'wxyz'; console.log(a, b, c, d)",
    "var [a, b, c] = new Set([1, 2]); console.log(a, b, c)",
    "var [k, v] = new Map([['m', 1]]).entries().next().value; console.log(k, v)",
    "function* g() { yield 1; yield 2; yield 3 } var [a, b] = g(); var [, ...r] = g(); console.log(a, b, r)",
    "var log = []; function* g() { try { yield 1; yield 2; log.push('not here') } finally { log.push('closed') } } var [a] = g(); console.log(a, log)",
    "var log = []; var it = { [Symbol.iterator]() { return { next() { log.push('next'); return {done: false, value: 1} }, return() { log.push('return'); return {} } } } }; var [a, b] = it; console.log(a, b, log.join())",
    "var log = []; var it = { [Symbol.iterator]() { return { next() { log.push('next'); return {done: true} }, return() { log.push('return'); return {} } } } }; var [a, b] = it; console.log(a, b, log.join())",
    "var [a, b] = [1]; console.log(a, b); var [c = 'c'] = []; console.log(c)",
    "try { var [a] = 1 } catch (e) { console.log(e.name + ': ' + e.message) }",
    "try { var [a] = null } catch (e) { console.log(e.name + ': ' + e.message) }",
    bug("try { var [a] = {} } catch (e) { console.log(e.name + ': ' + e.message) }", '[msg-not-iterable] not-iterable TypeError message differs from V8'),
    "var [[a] = [9]] = []; var [{b} = {b: 8}] = [undefined]; console.log(a, b)",
    "var [...[a, b]] = [1, 2, 3]; var [...{length}] = 'abcd'; console.log(a, b, length)",
    "var arr = [1, 2, 3]; var [...copy] = arr; copy.push(4); console.log(arr, copy)",
    "var [a, b] = [1, 2, 3, 4].filter(x => x % 2 === 0); console.log(a, b)",
    "var holes = [, 'b', , 'd']; var [w = 'W', x, y = 'Y', z] = holes; console.log(w, x, y, z)",
    # assignment patterns
    "var a = 1, b = 2; [a, b] = [b, a]; console.log(a, b)",
    "var a = 1, b = 2, c = 3; [a, b, c] = [c, a, b]; console.log(a, b, c)",
    "var o = {}; ({a: o.x, b: o['y'], c: o.z = 'dz'} = {a: 1, b: 2}); console.log(o)",
    "var arr = []; [arr[0], arr[2]] = [1, 3]; console.log(arr)",
    "var a, b; var r = ([a, b] = [1, 2]); console.log(r, a, b); var o = ({a} = {a: 5}); console.log(o, a)",
    "var x, y; ({x, y = x * 10} = {x: 2}); console.log(x, y)",
    "var first, rest; [first, ...rest] = 'hello'; console.log(first, rest.join(''))",
    "var o = {set v(x) { console.log('set', x) }}; [o.v] = [7]; ({p: o.v} = {p: 8})",
    "var n = 0; var obj = {}; [obj[n++], obj[n++]] = ['a', 'b']; console.log(obj, n)",
    "var a = [1, 2, 3]; var i = 0; [a[i], i] = [9, 2]; console.log(a, i)",
    "var x; [x = 1] = []; console.log(x); ({x = 2} = {}); console.log(x)",
    "var a, b; ({a, b: [b]} = {a: 1, b: 'zq'}); console.log(a, b)",
    "var a, len; ({a, a: {length: len}} = {a: 'xyz'}); console.log(a, len)",
    "const {a, b} = {a: 1, b: 2}; let [c, d] = [3, 4]; console.log(a + b + c + d)",
    "for (var [k, v] of [['a', 1], ['b', 2]]) console.log(k, v); for (const {x, y = 0} of [{x: 1}, {x: 2, y: 3}]) console.log(x, y)",
    "var ps = {p: 1, q: 2}; for (const [k, v] of Object.entries(ps)) console.log(k + '=' + v)",
    "var m = new Map([[1, 'one'], [2, 'two']]); for (let [k, v] of m) console.log(k, v)",
    "var x; for ([x] of ['ab', 'cd']) console.log(x); var o = {}; for ({a: o.k} of [{a: 1}, {a: 2}]) console.log(o.k)",
    "try { [a, b] = 5 } catch (e) { console.log(e.name) }",
    "var f = ([a, b] = [1, 2], {c} = {c: 3}) => a + b + c; console.log(f(), f([10, 20]), f(undefined, {c: 100}))",
    "var {a: {b: {c: deep}}} = {a: {b: {c: 'deep'}}}; console.log(deep)",
    bug("try { (({a: {b}}) => b)({a: null}) } catch (e) { console.log(e.name + ': ' + e.message) }", "[msg-destructure] nested pattern on null: V8 says Cannot read properties of null (reading 'b')"),
    "function f({a, b} = {a: 'x'}) { return [a, b] } console.log(f(), f({}), f({b: 1}))",
    "var {['__proto__']: p} = {['__proto__']: 5}; console.log(p)",
    "var s = Symbol('s'); var {[s]: sv} = {[s]: 'symval'}; console.log(sv)",
    "var catchVal; try { throw {code: 7, info: [1, 2]} } catch ({code, info: [, second]}) { catchVal = code + second } console.log(catchVal)",
    # spread in calls
    "function f(a, b, c) { return [a, b, c] } console.log(f(...[1, 2]), f(0, ...[1], ...[2, 3]), f(...'ab'), f(...[]))",
    "function f() { return arguments.length } console.log(f(...[1, , 3]), f(...new Set([1, 1, 2])), f(...[...[1, 2], ...[3]]))",
    "console.log(Math.max(...[1, 5, 3]), Math.max(...[]), Math.min(...'394'))",
    "function* g() { yield 'a'; yield 'b' } console.log(...g()); console.log([...g(), ...g()])",
    "var o = {m(...a) { return this.tag + a.join() }, tag: 'T'}; console.log(o.m(...[1, 2]), o['m'](...'xy'))",
    "function C(a, b) { this.s = a + b } console.log(new C(...[1, 2]).s, new (function(...a) { this.n = a.length })(...[1, 2, 3]).n)",
    bug("try { f(...5) } catch (e) { console.log(e.name) } try { Math.max(...null) } catch (e) { console.log(e.name + ': ' + e.message) }", '[msg-not-iterable] not-iterable TypeError message differs from V8'),
    "var log = []; var it = {[Symbol.iterator]() { var i = 0; return {next() { log.push(i); return {done: i >= 2, value: i++} }} }}; console.log([...it], log)",
    # spread in arrays
    "var a = [1, 2]; var b = [0, ...a, 3, ...a]; console.log(b, b.length)",
    "console.log([...'héllo'], [...'\\ud83d\\ude00x'].length, [...new Map([[1, 2]])], [...[, 1]])",
    "var holes = [1, , 3]; var s = [...holes]; console.log(s, 1 in s, s.length)",
    "console.log([...[], ...[]].length, [...'', ...[0]])",
    "var arr = [3, 1, 2]; var sorted = [...arr].sort(); console.log(arr, sorted)",
    # object spread (ES2018 in node; only check trivial use is parsed the same)
    "var o = Object.assign({}, {a: 1}, null, {b: 2}); console.log(o)",
]


@pytest.mark.parametrize("src", PROGRAMS, ids=ids(PROGRAMS, "destr"))
def test_destructuring(src: str) -> None:
    check(src)
