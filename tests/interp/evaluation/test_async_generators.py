"""Async generators (ES2023 27.6): the request queue and its promise ordering against node
(queued next() calls, return() and throw() in every state, rejections), yield awaiting its
operand, return awaiting, yield* over async and sync iterables, the intrinsics and how
console.log prints them; pauses inside a generator body resumed from bytes."""
from __future__ import annotations

import pytest

from tests.host.pause_check import assert_pause_transparent
from tests.node_oracle import assert_same_as_node

# a tick counter: logs interleave with promise jobs exactly as node orders them
TICKS = ("let tick = 0; const ticker = (n) => { for (let i = 0; i < n; i++)"
         " Promise.resolve().then(() => console.log('tick', ++tick)) };\n"
         "const show = (label) => [(v) => console.log(label, JSON.stringify(v)),"
         " (e) => console.log(label, 'rejected', e && e.message || e)];\n")

PROGRAMS = [
    # queued next() calls: settled in order, the body resumes once per request
    TICKS +
    "async function* g() { console.log('start'); const x = yield 1; console.log('got', x);"
    " const y = yield await Promise.resolve(2); console.log('got', y); return 3 }\n"
    "const it = g(); ticker(8);\n"
    "it.next('a').then(...show('r1')); it.next('b').then(...show('r2'));"
    " it.next('c').then(...show('r3')); it.next('d').then(...show('r4'));\n"
    "console.log('sync end');",
    # return() at the start, at a yield (finally runs, may yield again), when completed,
    # and with a promise value (awaited)
    TICKS +
    "async function* g() { try { yield 1; yield 2 } finally { console.log('finally'); yield 'f';"
    " console.log('after f') } }\n"
    "ticker(12);\n"
    "const a = g(); a.return(Promise.resolve('early')).then(...show('a.return')); a.next().then(...show('a.next'));\n"
    "const b = g(); b.next().then(...show('b1')); b.return('mid').then(...show('b.return'));"
    " b.next().then(...show('b2')); b.next().then(...show('b3'));\n"
    "const c = g(); c.next(); c.next(); c.next(); c.next(); c.next().then(() =>"
    " c.return('late').then(...show('c.return')));\n"
    "const d = g(); d.return(Promise.reject(new Error('no'))).then(...show('d.return'));",
    # throw() at the start, caught at a yield, uncaught, when completed; rejections
    TICKS +
    "async function* g() { while (true) { try { yield 'v' } catch (e) { console.log('caught', e);"
    " if (e === 'stop') return 'stopped' } } }\n"
    "ticker(10);\n"
    "const a = g(); a.throw('at start').then(...show('a.throw')); a.next().then(...show('a.next'));\n"
    "const b = g(); b.next(); b.throw('x').then(...show('b.throw')); b.throw('stop').then(...show('b.stop'));"
    " b.throw(new Error('done')).then(...show('b.after'));\n"
    "async function* h() { yield Promise.reject(new Error('yielded rejection')); console.log('not here') }\n"
    "const c = h(); c.next().then(...show('c1')); c.next().then(...show('c2'));\n"
    "async function* k() { try { return Promise.reject(new Error('returned rejection')) }"
    " catch (e) { console.log('k caught', e.message); yield 'recovered' } }\n"
    "const d = k(); d.next().then(...show('d1')); d.next().then(...show('d2'));\n"
    "async function* t() { await null; throw new Error('thrown') }\n"
    "const e = t(); e.next().then(...show('e1')); e.next().then(...show('e2'));",
    # yield*: an async generator, a sync iterable of promises, a custom async iterator
    TICKS +
    "async function* inner() { try { const x = yield 'i1'; console.log('inner got', x); yield 'i2';"
    " return 'inner done' } finally { console.log('inner finally') } }\n"
    "async function* outer() { const r = yield* inner(); console.log('r', r);"
    " yield* [Promise.resolve('s1'), 's2']; return 'outer done' }\n"
    "ticker(14);\n"
    "(async () => { const it = outer(); for (let i = 0; i < 6; i++) console.log(JSON.stringify(await it.next(i))) })();",
    # yield* forwarding return() and throw() to the inner iterator; a delegate without throw
    "const log = (...a) => console.log(...a);\n"
    "const custom = { [Symbol.asyncIterator]() { let n = 0; return {\n"
    "  next(v) { log('next', v); return Promise.resolve({value: ++n, done: n > 3}) },\n"
    "  return(v) { log('return', v); return {value: 'ret ' + v, done: true} },\n"
    "  throw(e) { log('throw', e); return {value: 'handled', done: false} } } } };\n"
    "async function* d() { const r = yield* custom; log('r', r) }\n"
    "(async () => { let it = d(); log(await it.next('a'), await it.next('b'), await it.throw('t'),"
    " await it.return('x'), await it.next());\n"
    "  const bare = { [Symbol.asyncIterator]() { return { next() { return {value: 1, done: false} },"
    " return() { log('closing'); return {} } } } };\n"
    "  async function* e() { yield* bare } it = e(); await it.next();\n"
    "  try { await it.throw('boom') } catch (err) { log(err.constructor.name, err.message) }\n"
    "  const noret = { [Symbol.asyncIterator]() { return { next() { return {value: 1, done: false} } } } };\n"
    "  async function* f() { try { yield* noret } finally { log('f finally') } }\n"
    "  it = f(); await it.next(); log(await it.return(Promise.resolve('direct')));\n"
    "})();",
    # the intrinsics, names, toStringTag, how node prints them, methods and expressions
    "async function* g() {} const AGF = Object.getPrototypeOf(g), AGP = AGF.prototype;\n"
    "const AIP = Object.getPrototypeOf(AGP);\n"
    "console.log(g, g(), AGF, AGP, Object.prototype.toString.call(g()), String(g));\n"
    "console.log(AGF.constructor.name, AGF.constructor.length, Object.getOwnPropertyNames(AGP),"
    " AIP[Symbol.asyncIterator].name, g()[Symbol.asyncIterator]() instanceof g);\n"
    "console.log(Object.getPrototypeOf(g.prototype) === AGP, g.hasOwnProperty('prototype'),"
    " Object.getOwnPropertyDescriptor(g, 'prototype'), typeof Symbol.asyncIterator);\n"
    "class C { async *m() { yield this.v } static async *s() {} get v() { return 7 } }\n"
    "const o = { async *['comp' + 'uted']() {}, async *x() {} };\n"
    "console.log(C.prototype.m, C.s, o.computed, o.x.name, (async function*() {}).name,"
    " (async function* named() {}).name);\n"
    "try { new g() } catch (e) { console.log(e.constructor.name, e.message) }\n"
    "try { new C.prototype.m() } catch (e) { console.log(e.constructor.name) }\n"
    "const F = AGF.constructor('a', 'yield a; yield a * 2'); const it = F(21);\n"
    "it.next().then(r => console.log(r, F)); new C().m().next().then(console.log);\n"
    "AGP.next.call({}).catch(e => console.log(e.constructor.name, e.message));\n"
    "AGP.return.call(g).catch(e => console.log(e.message));",
    # await and for await inside, parameters destructured, arguments, this
    "async function* g({a, b = 1}, ...rest) { for await (const x of [a, Promise.resolve(b),"
    " ...rest]) yield x * 10; yield arguments.length }\n"
    "(async () => { const out = []; for await (const v of g({a: 1}, 2, 3)) out.push(v);"
    " console.log(out) })();\n"
    "const obj = { n: 5, async *m() { yield this.n } }; obj.m().next().then(r => console.log(r.value));",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_async_generators_as_node(src: str) -> None:
    assert_same_as_node(src)


def test_a_fetch_inside_an_async_generator_body() -> None:
    out = assert_pause_transparent(
        "async function* pages() {\n"
        "  for (let i = 1; i <= 3; i++) {\n"
        "    if (i === 2) { PAUSE }\n"
        "    yield {page: i};\n"
        "  }\n"
        "}\n"
        "(async () => {\n"
        "  const it = pages();\n"
        "  const first = it.next(), second = it.next(), third = it.next();\n"
        "  console.log(JSON.stringify(await Promise.all([first, second, third, it.next()])));\n"
        "})();")
    assert out == ['[{"value":{"page":1},"done":false},{"value":{"page":2},"done":false},'
                   '{"value":{"page":3},"done":false},{"done":true}]']


def test_a_generator_suspended_with_queued_requests_survives_a_pause() -> None:
    out = assert_pause_transparent(
        "async function* g() { try { yield 1; yield 2 } finally { console.log('cleanup') } }\n"
        "const it = g();\n"
        "(async () => {\n"
        "  console.log(JSON.stringify(await it.next()));\n"
        "  PAUSE\n"
        "  const r = it.return('stop'), n = it.next();\n"
        "  console.log(JSON.stringify(await r), JSON.stringify(await n));\n"
        "})();")
    assert out == ['{"value":1,"done":false}', 'cleanup',
                   '{"value":"stop","done":true} {"done":true}']
