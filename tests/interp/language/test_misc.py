"""Miscellany: number formatting of results, array-to-string, strict-mode rules, `with`,
identifiers and literals, getters on the global object: differential programs against node."""
from __future__ import annotations

import pytest

from ._corpus import bug, check, ids

PROGRAMS = [
    # number formatting through console.log, template literals and concatenation
    "console.log(-0, [-0], {z: -0}, `${-0}`, '' + -0, [-0] + '', -0 + 1)",
    "console.log(1e21, 1e21 + '', 999999999999999900000, 1e-7, 0.000001, 123.456e5, 1 / 7, -1e-7, 2e-323)",
    "console.log(0.1 + 0.2, 0.1 + 0.2 === 0.3, 9.95 * 10, 1.1 * 1.1, 3 * 1.1, 0.57 * 100, 1e16 + 1, 2 ** 53 + 2)",
    "console.log([0.1 + 0.2, 1e21, -1e-7, NaN, -Infinity], `${[0.1 + 0.2, 1e21]}`)",
    "console.log(100 + '', 1e2 + '', 0x7fffffff + '', 1.0 + '', 1.50 + '', 10 / 4 + '', 4294967295 + 1 + '')",
    "console.log(123456789 * 987654321, 2 ** 31 * 2 ** 31, 25 ** 0.5, 7 / 2 | 0, Math.floor(-7 / 2))",
    "console.log(0.1 * 3 + '', 1 / 3 + '', 5e-7 + '', 1.23e-5 + '', 12e20 + '', 1.7976931348623157e308 * 10 + '')",
    # array to string with holes / nested
    "console.log(`${[1, , 3]}`, [1, , 3] + '', `${[, 'a', , 'b', ,]}`, [, ,].length, `${[[1, [2, [3]]], 4]}`)",
    "console.log('' + [null, undefined, 0, false, ''], '' + [[null], [[undefined]]], [[], [[]], [[], []]] + '')",
    "var a = []; a[3] = 'x'; console.log(`${a}`, a.length); var b = [1, 2, 3]; delete b[1]; console.log(b + '', b)",
    "var a = [1, 2]; a.join = () => 'J'; console.log(`${a}`); var b = [1]; b.join = 5; console.log(`${b}`)",
    "console.log(String([1, [2, [3, [4, [5]]]]]), String([, 1]), String(new Array(3)), String([{}, []]))",
    "console.log([1, 2, 3] == '1,2,3', [[]] == 0, [[1]] == 1, [null] == '', [undefined] == 0, [, ] == '')",
    # strict mode
    "'use strict'; try { undeclaredStrict = 1 } catch (e) { console.log(e.name + ': ' + e.message) }",
    "'use strict'; console.log(this === globalThis, (function() { return this })())",
    "function s() { 'use strict'; return this } function l() { return this } console.log(s(), l() === globalThis)",
    "'use strict'; var o = Object.freeze([1]); try { o[0] = 2 } catch (e) { console.log(e.name + ': ' + e.message) }",
    "'use strict'; function f(a) { a = 2; return arguments[0] } console.log(f(1))",
    "function f() { 'use strict'; return typeof this } console.log(f(), f.call(1), f.apply('x'))",
    "'use strict'; var fns = {m() { return this }}; var m = fns.m; console.log(m(), typeof fns.m())",
    # with statement (sloppy)
    'var o = {x: 1}; with (o) { x = 2; var y = x + 1 } console.log(o.x, y, typeof o.y)',
    "var x = 'outer'; var o = {x: 'obj'}; with (o) { console.log(x); (function() { console.log(x) })() }",
    'var o = {f() { return this === o }}; with (o) { console.log(f()) }',
    'var o = {}; with (o) { var z = 5 } console.log(z, o.z)',
    "var o = {a: 1, [Symbol.unscopables]: {a: true}}; var a = 'global a'; with (o) { console.log(a) }",
    "with ([1, 2, 3]) { console.log(length, join('-')) }",
    # identifiers and literals
    "var \\u0061bc = 'escaped ident'; console.log(abc); var $ = 1, _ = 2, $_$ = 3; console.log($ + _ + $_$)",
    "var café = 'unicode id'; var π = 3.14; console.log(café, π)",
    "console.log('\\x41\\u0042\\u{43}\\103\\0'.length, 'a\\\nb', '\\'', \"\\\"\", '\\u{1F600}'.length)",
    "console.log('line\\u2028sep'.length, 'a\\u2029b'.length)",
    "var yield_ = 1, let_ = 2; var async = 3, of = 4, get = 5, set = 6, static_ = 7; console.log(async + of + get + set)",
    "var let = 'let as ident'; console.log(let)",
    "console.log(/ab+c/.test('xabbc'), 4 / 2 / 1, '/'.length, /[/]/.source)",
    "var a = 4, g = 2, i = 1; console.log(a /g/ i)",
    "console.log(((a, b) => a + b)(1, 2), (() => ({}))(), (() => {})(), (a => a * 2)(4))",
    "var f = x => y => z => x + y + z; console.log(f(1)(2)(3))",
    # globals / misc
    "console.log(typeof globalThis.console, typeof globalThis.undefinedThing, this === globalThis)",
    "var getterCalls = 0; Object.defineProperty(globalThis, 'lazyG', {get() { getterCalls++; return 'lazy' }, configurable: true}); console.log(lazyG + lazyG, getterCalls, typeof lazyG, getterCalls)",
    "Object.defineProperty(globalThis, 'roG', {value: 1, writable: false}); roG = 2; console.log(roG); (function() { 'use strict'; try { roG = 3 } catch (e) { console.log(e.name) } })()",
    "console.log([1, 2, 3].map(function f(n) { return n <= 1 ? 1 : n * f(n - 1) }))",
    "function flat(a) { return a.reduce((acc, x) => Array.isArray(x) ? acc.concat(flat(x)) : acc.concat([x]), []) } console.log(flat([1, [2, [3, [4, [5]]]]]))",
    "function tree(n) { return n === 0 ? 'leaf' : [1, 2].map(() => tree(n - 1)) } console.log(JSON.stringify(tree(3)))",
    "var deep = Array.from({length: 500}, (_, i) => i).reduce(acc => [acc], []); function depth(a) { return Array.isArray(a) && a.length ? 1 + depth(a[0]) : 0 } console.log(depth(deep))",
    "function countdown(n) { return n === 0 ? [] : [n].concat([n - 1].map(countdown)[0]) } console.log(countdown(300).length)",
    "var memo = {}; function fibm(n) { if (n < 2) return n; if (memo[n]) return memo[n]; return memo[n] = fibm(n - 1) + fibm(n - 2) } console.log(fibm(90))",
    "console.log([3, 1, 10, 2].sort(), [3, 1, 10, 2].sort((a, b) => a - b), ['b', 'a', 'C'].sort())",
    "var o = {valueOf() { return 2 }}; console.log([1, 2, 3][o], 'abc'[o], [10, 20, 30][[1]], ({1: 'one'})[[[1]]])",
    "var i = 0; var a = [i++, i++, i++]; console.log(a, i); var b = {[i++]: i++, [i++]: i++}; console.log(b)",
    "console.log(((x) => { switch (typeof x) { case 'number': return 'num'; case 'string': return 'str' } })('s'))",
    'var x = 1; { function x2() {} } if (true) { let x = 2; console.log(x) } console.log(x, typeof x2)',
]


@pytest.mark.parametrize("src", PROGRAMS, ids=ids(PROGRAMS, "misc"))
def test_misc(src: str) -> None:
    check(src)
