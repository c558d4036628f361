"""Iterators and generators (ES2017 25.1-25.3, 13.7.5.13 for-of, 14.4 yield*): differential
programs against node."""
from __future__ import annotations

import pytest

from ._corpus import bug, check, ids

PROGRAMS = [
    "function* g() { var x = yield 1; console.log('got', x); var y = yield x * 2; return x + y } var it = g(); console.log(it.next('ignored'), it.next(5), it.next(10), it.next())",
    "function* g() { yield 1; yield 2 } var it = g(); console.log(it.next(), it.return(9), it.next())",
    "function* g() { try { yield 1; yield 2 } finally { console.log('cleanup') } } var it = g(); it.next(); console.log(it.return('r'))",
    "function* g() { try { yield 1 } finally { yield 'in finally'; console.log('after') } } var it = g(); it.next(); console.log(it.return('r'), it.next(), it.next())",
    "function* g() { try { yield 1 } catch (e) { console.log('caught', e); yield 'recovered' } } var it = g(); it.next(); console.log(it.throw('boom'), it.next())",
    "function* g() { yield 1 } var it = g(); try { it.throw(new Error('early')) } catch (e) { console.log(e.message) } console.log(it.next())",
    "function* g() { yield 1 } var it = g(); console.log(it.return(5), it.next())",
    "function* g() { var r = yield* inner(); console.log('inner returned', r); yield 'outer' } function* inner() { yield 'i1'; yield 'i2'; return 'ret' } console.log([...g()])",
    "function* g() { yield* [1, 2]; yield* 'ab'; yield* new Set([3]) } console.log([...g()])",
    "function* inner() { try { yield 1; yield 2 } finally { console.log('inner finally') } } function* outer() { yield* inner() } var it = outer(); it.next(); console.log(it.return('x'))",
    "function* inner() { try { yield 1 } catch (e) { yield 'inner caught ' + e } } function* outer() { yield* inner() } var it = outer(); it.next(); console.log(it.throw('T'))",
    "function* g() { var i = 0; while (true) yield i++ } var out = []; for (var v of g()) { if (v > 3) break; out.push(v) } console.log(out)",
    "var log = []; var iterable = {[Symbol.iterator]() { var i = 0; return {next() { return {value: i++, done: i > 5} }, return() { log.push('return called'); return {} }} }}; for (var x of iterable) { if (x === 2) break } console.log(log)",
    "var log = []; var iterable = {[Symbol.iterator]() { return {next() { return {value: 1, done: false} }, return() { log.push('return'); return {} }} }}; try { for (var x of iterable) throw new Error('inside') } catch (e) { log.push(e.message) } console.log(log)",
    "var log = []; var iterable = {[Symbol.iterator]() { var n = 0; return {next() { return {value: n, done: n++ > 2} }, return() { log.push('return'); return {} }} }}; for (var x of iterable) { log.push(x) } console.log(log)",
    "var log = []; var iterable = {[Symbol.iterator]() { return {next() { return {value: 1, done: false} }, return() { log.push('return'); return {} }} }}; function f() { for (var x of iterable) return 'early' } console.log(f(), log)",
    "var log = []; var iterable = {[Symbol.iterator]() { return {next() { return {value: 1, done: false} }, return() { log.push('return'); return {} }} }}; outer: for (var i = 0; i < 2; i++) { for (var x of iterable) continue outer } console.log(log)",
    "var iterable = {[Symbol.iterator]() { return {next() { return {value: 1, done: false} }, return() { return 5 }} }}; try { for (var x of iterable) break } catch (e) { console.log(e.name + ': ' + e.message) }",
    "function* g() { try { yield 1; yield 2 } finally { console.log('gen closed') } } for (var x of g()) { console.log(x); break }",
    "function* g() { yield 1; yield 2; yield 3 } var it = g(); for (var x of it) { console.log(x); break } console.log(it.next())",
    "var it = [1, 2, 3][Symbol.iterator](); it.next(); console.log([...it], it.next())",
    "function* g() { console.log('started') } var it = g(); console.log('created'); it.next()",
    "function* g() { return 'r' } console.log([...g()], g().next())",
    "function* g() { yield; } console.log(g().next())",
    "function* g() { var x = yield yield 1; return x } var it = g(); console.log(it.next(), it.next('a'), it.next('b'))",
    "function* g() { const it = g2(); yield it.next().value } function* g2() { yield 'nested' } console.log(g().next())",
    "function* g() { yield this } var o = {g}; console.log(o.g().next().value === o)",
    "function* g(a, b = 2, ...r) { yield a; yield b; yield r } console.log([...g(1, undefined, 3, 4)])",
    "function* fib() { var [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b] } } var out = []; for (var f of fib()) { if (f > 50) break; out.push(f) } console.log(out.join())",
    "function* g() { yield 1 } var it = g(); console.log(typeof it.next, it[Symbol.iterator]() === it, Object.prototype.toString.call(it))",
    "function* g() { yield 1 } try { new g() } catch (e) { console.log(e.name + ': ' + e.message) }",
    "function* g() { var it = yield; } var it = g(); it.next(); it.next(); try { it.throw(new Error('after done')) } catch (e) { console.log(e.message) }",
    "function* g() { try { yield 1 } finally { return 'override' } } var it = g(); it.next(); console.log(it.return('orig'))",
    "function* g() { yield 1 } var it = g(); it.next(); it.next(); console.log(it.next(), it.return(3), it.next())",
    "function* g() { var it2 = yield 1; } var it = g(); it.next(); try { it.next(); it.next(); console.log('ok') } catch (e) { console.log(e.message) }",
    "function* self() { yield 1; try { me.next() } catch (e) { console.log(e.name + ': ' + e.message) } } var me = self(); me.next(); me.next()",
    "var arr = [1, 2, 3]; var it = arr[Symbol.iterator](); arr.push(4); console.log([...it])",
    "var arr = [1, 2, 3]; var out = []; for (var x of arr) { out.push(x); if (x === 1) arr.push(9) } console.log(out)",
    "var s = new Set([1, 2]); var out = []; for (var x of s) { out.push(x); if (x < 4) s.add(x + 2) } console.log(out)",
    "console.log([...'a\\ud83d\\ude00b'].length, Array.from({length: 3}, (_, i) => i * i))",
    "var obj = {a: 1}; try { for (var x of obj) {} } catch (e) { console.log(e.name + ': ' + e.message) }",
    "var it = {[Symbol.iterator]() { return {next: () => 5} }}; try { for (var x of it) {} } catch (e) { console.log(e.name + ': ' + e.message) }",
    "var it = {[Symbol.iterator]() { return 1 }}; try { [...it] } catch (e) { console.log(e.name + ': ' + e.message) }",
    "function* g() { yield* {[Symbol.iterator]() { var i = 0; return {next(v) { console.log('next got', v); return {value: i, done: i++ >= 2} }} }} } var it = g(); it.next('a'); it.next('b'); it.next('c')",
    "function* g() { yield 1; yield 2 } var [x] = g(), y = [...g()]; console.log(x, y, Array.from(g()), new Set(g()).size)",
    "function* take(n, it) { for (var x of it) { if (n-- <= 0) return; yield x } } function* nat() { var i = 0; while (true) yield i++ } console.log([...take(5, nat())])",
    "function* g() { var x = 0; try { while (true) { x = yield x + 1 } } finally { console.log('final x', x) } } var it = g(); it.next(); it.next(10); it.next(20); it.return()",
    "var g = function*() { yield arguments.length }; console.log(g(1, 2, 3).next().value)",
    "function* g() { yield 1; throw new Error('gen err') } var it = g(); it.next(); try { it.next() } catch (e) { console.log(e.message) } console.log(it.next())",
    "function* g() { try { yield 1 } catch (e) { return 'caught ' + e } } var it = g(); it.next(); console.log(it.throw('x'), it.next())",
    "var o = {*gen() { yield 'method gen' }}; console.log(o.gen().next().value)",
    "function* g() { var x = 1; yield () => x; x = 2; yield () => x } var fs = [...g()]; console.log(fs[0](), fs[1]())",
]


@pytest.mark.parametrize("src", PROGRAMS, ids=ids(PROGRAMS, "gen"))
def test_generators(src: str) -> None:
    check(src)
