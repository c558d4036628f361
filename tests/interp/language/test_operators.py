"""Operators and coercions (ES2017 12.x, 7.1, 7.2): differential programs against node."""
from __future__ import annotations

import pytest

from ._corpus import bug, check, ids

PROGRAMS = [
    # + with objects: valueOf / toString / hint default
    "var o = {valueOf() { return 3 }}; console.log(o + 1, o + '1', '1' + o, o * 2, o - '1')",
    "var o = {toString() { return 'T' }}; console.log(o + 1, `${o}`, o + '', [o] + '')",
    "var o = {valueOf() { return 1 }, toString() { return 'S' }}; console.log(o + '', `${o}`, o + 1, o == 1, o == 'S')",
    "var o = {valueOf() { return {} }, toString() { return '7' }}; console.log(o + 1, o * 1)",
    "var o = {valueOf() { return {} }, toString() { return {} }}; try { o + 1 } catch (e) { console.log(e.name, e.message) }",
    "var log = []; var a = {valueOf() { log.push('a'); return 1 }}; var b = {valueOf() { log.push('b'); return 2 }}; console.log(a + b, a < b, b > a, log.join())",
    "var o = {[Symbol.toPrimitive](h) { return h === 'number' ? 42 : h }}; console.log(o + '', +o, `${o}`, o * 1, o == 'default')",
    "console.log([] + [], [] + {}, [1] + [2], [1, 2] + 3, ({}) + 'x', 1 + null, 1 + undefined, 'a' + null, true + true, true + '1')",
    "console.log(1 + 2 + '3', '1' + 2 + 3, 1 + (2 + '3'), -'3' + 4, +'' , +' 12 ', +'0x1f', +'1e3', +'1_0', +'abc', +[], +[5], +[1, 2], +{}, +null, +undefined, +true)",
    "console.log('5' - 2, '5' * '2', '10' / '4', '7' % '4', 'a' - 1, null * 5, undefined * 5, [] * 2, [3] * [4])",
    "var d = {valueOf() { return 10 }, toString() { return '20' }}; var s = {}; s[d] = 1; console.log(Object.keys(s), d + 0, `${d}`)",
    # equality
    "console.log(null == undefined, null == 0, undefined == 0, null == false, '' == 0, '0' == false, ' \\t\\n' == 0, 'a' == 'a', NaN == NaN, [] == false, [] == ![], [0] == false, [1] == 1, [1, 2] == '1,2')",
    "console.log(null === undefined, 0 === -0, NaN === NaN, '1' === 1, ({}) == '[object Object]', ({}) === ({}), 1 != '1', 1 !== '1')",
    "var a = {}; var b = a; console.log(a == b, a === b, a == {}, [] == [], '1' == {valueOf() { return 1 }}, true == '1', true == 'true', false == 'false', 2 == true)",
    "console.log(Symbol.iterator == Symbol.iterator, typeof Symbol() == 'symbol', null == null, undefined === void 0)",
    # relational
    "console.log('a' < 'b', 'B' < 'a', '10' < '9', 10 < 9, '10' < 9, 'abc' < 'abd', 'ab' < 'abc', '' < 'a', 'Z' > 'a')",
    "console.log(null >= 0, null > 0, null <= 0, undefined >= 0, undefined <= 0, NaN < 1, NaN >= 1, 'a' < 1, 'a' > 1, [2] > 1, [1, 2] > 1)",
    "console.log('\\u00e9' > 'z', '\\ud83d\\ude00' > '\\uffff', 'a\\u0000' > 'a', 1 < 2 < 3, 3 > 2 > 1, 3 > 2 >= 1)",
    "var o = {valueOf() { return '10' }}; console.log(o < '9', o < 9, o > '1', [10] < [9], [10] < 9)",
    # typeof
    "console.log(typeof 1, typeof 'a', typeof true, typeof undefined, typeof null, typeof {}, typeof [], typeof function(){}, typeof class {}, typeof (() => 1), typeof Symbol(), typeof NaN)",
    "console.log(typeof undeclaredVariable, typeof undeclared.prop === 'x')",
    "console.log(typeof typeof 1, typeof new Number(1), typeof Object('s'), typeof async function(){}, typeof function*(){}, typeof Math, typeof JSON)",
    "try { typeof tdz; let tdz = 1 } catch (e) { console.log(e.name, e.message) }",
    "console.log(typeof (undeclaredA), typeof void 0, typeof !undeclaredB)",
    # instanceof
    "function F() {} var f = new F(); console.log(f instanceof F, f instanceof Object, [] instanceof Array, [] instanceof Object, ({}) instanceof Array, 1 instanceof Number, Object(1) instanceof Number)",
    "function F() {} var f = new F(); F.prototype = {}; console.log(f instanceof F, Object.create(null) instanceof Object)",
    "try { ({}) instanceof {} } catch (e) { console.log(e.name, e.message) }",
    "try { ({}) instanceof 5 } catch (e) { console.log(e.name, e.message) }",
    bug("var B = function(){}.bind(); try { console.log(({}) instanceof (() => {})) } catch (e) { console.log(e.name, e.message) }", '[msg-instanceof] instanceof TypeError message lacks the prototype value'),
    "class A {} class B extends A {} console.log(new B() instanceof A, new A() instanceof B, B instanceof Function, Object.getPrototypeOf(B) === A)",
    # in
    "var o = {a: 1, 0: 2}; console.log('a' in o, 'b' in o, 0 in o, '0' in o, 'toString' in o, 'length' in [], 1 in [1, 2], 2 in [1, 2], 1 in [0, , 2])",
    bug("try { 'a' in 'abc' } catch (e) { console.log(e.name, e.message) }", "[msg-in] 'in' TypeError message quotes the string operand"),
    "try { 'x' in null } catch (e) { console.log(e.name, e.message) }",
    "var s = Symbol('k'); var o = {[s]: 1}; console.log(s in o, Symbol() in o, 'k' in o)",
    # delete
    "var o = {a: 1, b: 2}; console.log(delete o.a, o.a, 'a' in o, delete o.zz, delete o['b'], Object.keys(o).length)",
    "var a = [1, 2, 3]; console.log(delete a[1], a.length, 1 in a, a)",
    "var g = 1; console.log(delete g, typeof g); h = 2; console.log(delete h, typeof h)",
    bug("'use strict'; var o = {}; Object.defineProperty(o, 'x', {value: 1}); try { delete o.x } catch (e) { console.log(e.name, e.message) }", "[msg-delete] delete TypeError message says 'object' not '#<Object>'"),
    "var o = {}; Object.defineProperty(o, 'x', {value: 1}); console.log(delete o.x, o.x)",
    "console.log(delete 1, delete 'x'.length, delete [].length, (function(){ var v = 1; return delete v })())",
    "var o = {a: {b: 1}}; console.log(delete o.a.b, JSON.stringify(o))",
    # void / comma
    "console.log(void 0, void 'x', void (1 + 2), typeof void 0)",
    "var i = 0; var r = (i++, i++, i); console.log(r, i, (1, 2, 3))",
    "var x = (console.log('first'), 'second'); console.log(x)",
    "var o = {m() { return this }}; console.log((0, o.m)() === o, (o.m)() === o, (o.m = o.m)() === o)",
    # exponent
    "console.log(2 ** 10, 2 ** -1, (-2) ** 3, 2 ** 3 ** 2, (2 ** 3) ** 2, 2 ** 0.5, NaN ** 0, 1 ** Infinity, 0 ** -1, (-0) ** -1, (-8) ** (1/3))",
    bug("console.log(5 ** -5, 10 ** -5, 10 ** -4, 3 ** -7, 7 ** -3, 1.1 ** 10)", '[pow-fdlibm] number_pow uses Python math.pow; V8 gives 5 ** -5 = 0.00031999999999999997, 10 ** -5 = 0.000009999999999999999'),
    "var x = 3; x **= 2; console.log(x); var y = '2'; y **= '3'; console.log(y, typeof y)",
    "console.log(10 ** 21, 10 ** -7, 2 ** 53, 2 ** 53 + 1, (-1) ** Infinity, Infinity ** -1, (-Infinity) ** 3)",
    # bitwise and shifts
    "console.log(5 & 3, 5 | 3, 5 ^ 3, ~5, ~-1, ~~3.7, ~~-3.7, 1 << 31, 1 << 32, 1 << 33, -1 >>> 0, -1 >> 28, -1 >>> 28, -16 >> 2, -16 >>> 2)",
    "console.log(2147483648 | 0, 4294967296 | 0, 4294967295 | 0, 2 ** 53 | 0, 1e21 | 0, -2147483649 | 0, NaN | 0, Infinity | 0, -Infinity >>> 0, 3000000000 >> 0, 3000000000 >>> 0)",
    "console.log(1 << -1, 1 >> -31, 8 >>> 33, 1 << 1.9, '8' >> '1', [16] >> [2], null << 1, undefined | 1, true << 4, 0.5 | 0, -0.5 | 0)",
    "console.log(0xffffffff & 0xff00ff00, 0x80000000 ^ 1, 1e10 & 0xffff, -1e10 | 0, 12345678901234 >>> 0, (2 ** 32 + 5) >>> 0)",
    "var x = 7; x &= 3; console.log(x); x |= 8; console.log(x); x ^= 1; console.log(x); x <<= 2; console.log(x); x >>= 1; console.log(x); x = -x; x >>>= 1; console.log(x)",
    # -0 and NaN
    "console.log(-0, 0 * -1, -0 + 0, -0 - 0, 1 / -0, -0 === 0, Object.is(-0, 0), [-0], `${-0}`, -0 + '', (-0).toString())",
    "console.log(Math.round(-0.4), -0 < 0, Math.min(0, -0), 0 / 0, NaN + 1, 'x' * 1, NaN !== NaN, isNaN('abc'), [NaN].indexOf(NaN), [NaN].includes(NaN))",
    "var z = -0; console.log(z, z * 1, -z, z / 1, z % 1, 5 % -5, -5 % 5, -1 % Infinity, 1 % 0)",
    "console.log(5 % 3, -5 % 3, 5 % -3, 5.5 % 2, -0.5 % 1, 2 ** 31 % 7, 0.3 % 0.1)",
    # unary and update
    "var a = '5'; a++; console.log(a, typeof a); var b = '5'; var c = b++; console.log(c, typeof c, b); var d = 'x'; d++; console.log(d)",
    "var o = {v: 1}; console.log(o.v++, ++o.v, o.v--, --o.v, o.v); var arr = [1]; arr[0] += 5; console.log(arr)",
    "var o = {valueOf() { return 5 }}; var p = o; p++; console.log(p, typeof p, typeof o, -o, ~o, !o)",
    "console.log(!0, !'', !'0', ![], !{}, !!NaN, !!null, !!-0, !!'false', -'', -null, -undefined, -[], -[2])",
    "var n = null; n++; console.log(n); var u; u++; console.log(u); var t = true; t += 1; console.log(t)",
    # logical operators return operands
    "console.log(0 || 'a', 1 || 'a', '' && 'x', 'y' && 'x', null || undefined, null && x, 0 || null || 'z', [] && 'truthy')",
    "var c = 0; function f() { c++; return true } false && f(); true || f(); console.log(c); true && f(); false || f(); console.log(c)",
    "var a; a = a || 5; console.log(a); var b = 0; b = b && 9; console.log(b)",
    # conditional
    "console.log(1 ? 'a' : 'b', 0 ? 'a' : '' ? 'b' : 'c', null ? 1 : undefined ? 2 : 3)",
    # assignment expressions
    "var a, b, c; a = b = c = 4; console.log(a, b, c); var o = {}; o.x = o.y = 'z'; console.log(o.x, o.y)",
    "var obj = {}; var i = 0; obj[i++] = i++; console.log(JSON.stringify(obj), i)",
    "var a = [1, 2]; var i = 0; a[i] = i = 1; console.log(a, i)",
    "var s = 'ab'; s += 1 + 2; console.log(s); var n = 1; n += '2'; console.log(n, typeof n); var m = 10; m -= '3'; console.log(m)",
    "var x = 1; x += x++ + ++x; console.log(x); var y = 1; y = y++ + y; console.log(y)",
    # order of evaluation
    "var log = []; function t(n) { log.push(n); return n } t(1) + t(2) * t(3); t(4) ** t(5); t(6)[t(7)]; console.log(log.join(' '))",
    "var log = []; var o = {get a() { log.push('get'); return 1 }, set a(v) { log.push('set ' + v) }}; o.a += 5; o.a++; console.log(log.join(','))",
    "var log = []; function k(n) { log.push(n); return n } var o = {}; o[k('a')] = k('b'); k('c')[k('d')] ; console.log(log.join())",
    "var log = []; var f = () => { log.push('f'); return 1 }; var g = () => { log.push('g'); return {valueOf() { log.push('gv'); return 2 }} }; console.log(f() < g(), log.join())",
    # numbers: formatting of results
    "console.log(0.1 + 0.2, 0.1 * 3, 1 / 3, 2 / 3, 100 / 3, 1e21, 1e20, 123456789012345680000, 1e-6, 1e-7, 1.5e-10, 2 ** 64, -1e21, 5e-324, 1.7976931348623157e308)",
    "console.log(`${1e21}`, '' + 1e-7, `${0.000001}`, `${123e-20}`, `${2 ** 70}`, `${-1.5}`, `${100}`, `${1.0}`, `${0.1 * 0.1}`)",
    "console.log(1 / 0, -1 / 0, 0 / 0, Infinity - Infinity, Infinity * 0, -Infinity + 1, 9007199254740993, 0.1 + 0.7, 4.35 * 100, 1.005 * 1000)",
    "console.log(0x10, 0o17, 0b101, 017, 019, .5, 5., 1e3, 1E-3, 0.0000001, 00)",
    # string concatenation and conversions
    "console.log('a' + 1 + 2, 1 + 2 + 'a', 'a' + (1 + 2), 'x' + [1, [2, 3]], 'x' + [null, undefined, , 4], '' + {}, '' + function(){}.length)",
    "console.log(`${[1, [2, [3, [4]]]]}`, `${[null]}`, `${[undefined]}`, `${[, ,]}`, `${[[], []]}`, `${[{}]}`, [1, , 3].join('-'))",
    "console.log(String([1, , 3]), String([null, [undefined, [2]]]), String({}), String(null), String(Symbol('d')), String(-0), String([-0]))",
    "var a = [1, 2]; a.toString = function() { return 'custom' }; console.log(a + '', `${a}`, [a] + '')",
    "var a = [1]; a.push(a); try { console.log(String(a)) } catch (e) { console.log(e.name) } console.log(a.join('|'))",
    "var s = Symbol('q'); try { s + '' } catch (e) { console.log(e.name, e.message) } try { `${s}` } catch (e) { console.log(e.name, e.message) } try { +s } catch (e) { console.log(e.name, e.message) }",
    # grouping and precedence
    "console.log(1 + 2 * 3, (1 + 2) * 3, 2 * 3 % 4, 1 - 2 - 3, 2 ** -2, -(2 ** 2), !1 + 1, typeof 1 + 1, 1 < 2 == true, 1 & 3 == 3, 1 | 2 ^ 3 & 4)",
    "var a = 1, b = 2; console.log(a+++b, a, b); var c = 1; console.log(c - -c, c+ +c, - -c)",
    "console.log(new Array(3).length, new (function() { this.x = 1 })().x, new Object instanceof Object)",
    # misc operators on special values
    "console.log(null + null, undefined + undefined, null + '', [] + null, [null] + [undefined], true + null, {} + [], typeof ({} + []))",
    "console.log('3' * '4' + '5', '3' + '4' * '5', '3' - - '3', '1' - '1' + '1', 1 - '1' + 1)",
    "console.log(Infinity + '', -Infinity + 1, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE / 2, Number.EPSILON > 0)",
]


@pytest.mark.parametrize("src", PROGRAMS, ids=ids(PROGRAMS, "op"))
def test_operators(src: str) -> None:
    check(src)
