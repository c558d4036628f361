"""Async functions, await and promise job ordering (ES2017 25.4, 25.5): differential programs
against node."""
from __future__ import annotations

import pytest

from ._corpus import check, ids

PROGRAMS = [
    "console.log(1); Promise.resolve().then(() => console.log(3)); console.log(2)",
    "async function f() { console.log('f start'); await null; console.log('f after await') } f(); console.log('sync after f')",
    "Promise.resolve().then(() => console.log('a1')).then(() => console.log('a2')).then(() => console.log('a3')); Promise.resolve().then(() => console.log('b1')).then(() => console.log('b2'))",
    "async function f() { console.log('f1'); await 1; console.log('f2'); await 2; console.log('f3') } f(); Promise.resolve().then(() => console.log('p1')).then(() => console.log('p2')).then(() => console.log('p3'))",
    "async function f() { return 'v' } f().then(v => console.log('then', v)); Promise.resolve().then(() => console.log('other'))",
    "async function inner() { return 1 } async function outer() { var v = await inner(); console.log('outer got', v) } outer(); Promise.resolve().then(() => console.log('t1')).then(() => console.log('t2')).then(() => console.log('t3'))",
    "async function f() { await Promise.resolve(); console.log('awaited resolved promise') } f(); Promise.resolve().then(() => console.log('x1')).then(() => console.log('x2'))",
    "var p = Promise.resolve(); async function f() { await p; console.log('after await p') } f(); p.then(() => console.log('p.then 1')).then(() => console.log('p.then 2'))",
    "async function f() { return Promise.resolve('inner') } f().then(v => console.log('f resolved', v)); Promise.resolve().then(() => console.log('c1')).then(() => console.log('c2')).then(() => console.log('c3')).then(() => console.log('c4'))",
    "new Promise(r => { console.log('executor'); r('done') }).then(v => console.log(v)); console.log('after construct')",
    "var thenable = {then(res) { console.log('then called'); res('thenable value') }}; Promise.resolve(thenable).then(v => console.log(v)); console.log('sync')",
    "async function f() { var v = await {then(r) { r('awaited thenable') }}; console.log(v) } f(); Promise.resolve().then(() => console.log('q1')).then(() => console.log('q2'))",
    "async function f() { try { await Promise.reject(new Error('rejected')) } catch (e) { console.log('caught', e.message) } finally { console.log('finally') } } f()",
    "async function f() { throw new TypeError('async throw') } f().catch(e => console.log(e.name, e.message)); console.log('sync first')",
    "async function f() { try { await g() } catch (e) { return 'recovered: ' + e } } async function g() { throw 'g failed' } f().then(console.log)",
    "Promise.all([1, Promise.resolve(2), new Promise(r => r(3))]).then(v => console.log(v))",
    "Promise.all([Promise.resolve(1), Promise.reject(new Error('all fails')), 3]).catch(e => console.log(e.message))",
    "Promise.race([new Promise(r => Promise.resolve().then(() => r('slow'))), Promise.resolve('fast')]).then(v => console.log(v))",
    "Promise.all([]).then(v => console.log('empty all', v)); Promise.race([]).then(() => console.log('never'))",
    "Promise.reject(1).then(v => console.log('no'), e => console.log('rejected with', e))",
    "Promise.resolve(1).then(2).then(v => console.log('passthrough', v)); Promise.reject(3).then(null).catch(e => console.log('passthrough reject', e))",
    "var p = new Promise((res, rej) => { res(1); rej(2); res(3) }); p.then(v => console.log('first wins', v))",
    "new Promise(() => { throw new Error('executor throws') }).catch(e => console.log(e.message))",
    "var p = Promise.resolve(); var q = p.then(() => q); q.catch(e => console.log(e.name + ': ' + e.message))",
    "async function a() { console.log('a'); await b(); console.log('a after') } async function b() { console.log('b') } a(); console.log('main')",
    "async function loop() { for (var i = 0; i < 3; i++) { await null; console.log('loop', i) } } loop(); loop()",
    "var af = async () => { await null; return 'arrow' }; af().then(console.log); (async function() { console.log('async iife') })()",
    "async function f() { var results = []; for (var x of [3, 1, 2]) results.push(await Promise.resolve(x * 2)); return results } f().then(r => console.log(r))",
    "async function f() { var [a, b] = await Promise.all([1, 2]); return a + b } f().then(v => console.log('sum', v))",
    "async function f(x) { if (x > 0) return f(x - 1); return 'bottom' } f(100).then(console.log)",
    "async function f() { await null; throw new Error('late') } f().then(() => console.log('no'), e => console.log('late caught', e.message))",
    "var order = []; async function f(n) { order.push(n + ':start'); await null; order.push(n + ':end') } f(1); f(2); order.push('sync'); Promise.resolve().then(() => Promise.resolve()).then(() => console.log(order.join(' ')))",
    "async function f() { return 1 } console.log(f() instanceof Promise, typeof f, Object.prototype.toString.call(f()))",
    "var resolveLater; var p = new Promise(r => resolveLater = r); p.then(v => console.log('resolved later', v)); console.log('before'); resolveLater('X')",
    "class A { async m() { await null; return this.v } } var a = new A(); a.v = 'method'; a.m().then(console.log)",
    "async function f() { try { return await Promise.reject('r') } catch (e) { return 'caught ' + e } } f().then(console.log)",
    "async function f() { try { return Promise.reject('not caught here') } catch (e) { return 'caught' } } f().catch(e => console.log('outside', e))",
    "var p1 = Promise.resolve().then(() => console.log('A')); var p2 = (async () => { console.log('B'); await undefined; console.log('C') })(); Promise.resolve().then(() => console.log('D'))",
    "Promise.resolve().then(() => { console.log('t1'); Promise.resolve().then(() => console.log('nested')) }).then(() => console.log('t2'))",
    "async function f() { console.log(await 1, await 'two', await null) } f()",
    "async function f() { await null; console.log('f') } async function g() { await f(); console.log('g') } g(); Promise.resolve().then(() => console.log('1')).then(() => console.log('2')).then(() => console.log('3')).then(() => console.log('4'))",
    "var p = Promise.reject(new Error('handled later')); Promise.resolve().then(() => p.catch(e => console.log('late handler', e.message)))",
    "var log = []; Promise.all([1, 2, 3].map(async x => { await null; log.push(x); return x * x })).then(r => console.log(r, log))",
    "async function f() { var t = {then(res, rej) { rej(new Error('thenable rejects')) }}; try { await t } catch (e) { console.log(e.message) } } f()",
]


@pytest.mark.parametrize("src", PROGRAMS, ids=ids(PROGRAMS, "async"))
def test_async(src: str) -> None:
    check(src)
