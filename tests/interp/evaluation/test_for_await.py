"""for await (ES2023 14.7.5.6 with iteratorKind async) and %AsyncFromSyncIteratorPrototype%
(27.1.4): each next() result awaited, sync iterables' values awaited (rejections thrown),
AsyncIteratorClose (return() called and awaited) on break, return, throw and a failed
binding, destructuring heads, labels; ordering checked against node, and a fetch awaited
inside the loop resumed from bytes."""
from __future__ import annotations

import pytest

from tests.host.pause_check import assert_pause_transparent
from tests.node_oracle import assert_same_as_node

TICKS = ("let tick = 0; const ticker = (n) => { for (let i = 0; i < n; i++)"
         " Promise.resolve().then(() => console.log('tick', ++tick)) };\n")

# an async iterable that logs every protocol call
LOGGED = ("const logged = (n, ret = true) => ({ [Symbol.asyncIterator]() { let i = 0; const it = {\n"
          "  next() { console.log('next', i); return Promise.resolve({value: i++, done: i > n}) } };\n"
          "  if (ret) it.return = (v) => { console.log('return called'); return Promise.resolve({done: true}) };\n"
          "  return it } });\n")

PROGRAMS = [
    # what can be iterated: async generators, arrays of promises, sync generators, strings,
    # Maps, a custom async iterable; ordering against promise ticks
    TICKS + LOGGED +
    "async function* g() { yield 1; yield Promise.resolve(2) }\n"
    "function* s() { yield 'a'; yield Promise.resolve('b') }\n"
    "(async () => { ticker(20);\n"
    "  for await (const v of g()) console.log('g', v);\n"
    "  for await (const v of [1, Promise.resolve(2), 3]) console.log('arr', v);\n"
    "  for await (const v of s()) console.log('s', v);\n"
    "  for await (const c of 'h\\u{1F600}') console.log('str', c.length);\n"
    "  for await (const [k, v] of new Map([['k', Promise.resolve('v')]])) console.log('map', k, v);\n"
    "  for await (const v of logged(2)) console.log('custom', v);\n"
    "})();",
    # leaving early: break, labelled break/continue, return, throw, each closing (awaited)
    TICKS + LOGGED +
    "(async () => { ticker(30);\n"
    "  for await (const v of logged(5)) { if (v === 1) break; console.log('b', v) } console.log('after break');\n"
    "  outer: for (const o of [1, 2]) { for await (const v of logged(5)) { if (v === 1) continue outer;"
    " console.log('o', o, v) } }\n"
    "  for await (const v of logged(3)) { if (v === 0) continue; console.log('c', v) }\n"
    "  const f = async () => { for await (const v of logged(5)) return 'returned ' + v };\n"
    "  console.log(await f());\n"
    "  try { for await (const v of logged(5)) throw new Error('body threw') } catch (e) { console.log(e.message) }\n"
    "  for await (const v of logged(5, false)) break; console.log('no return method');\n"
    "})();",
    # the protocol's errors: not async iterable, next() non-object, return() non-object,
    # return() throwing (lost under a throw, seen under a break), a rejected value
    "const t = async (label, f) => { try { console.log(label, await f()) } catch (e) {"
    " console.log(label, e.constructor.name + ': ' + e.message) } };\n"
    "const mk = (o) => ({ [Symbol.asyncIterator]() { return o } });\n"
    "(async () => {\n"
    "  await t('null', async () => { for await (const x of null) ; });\n"
    "  await t('number', async () => { for await (const x of 5) ; });\n"
    "  await t('nonobj', async () => { for await (const x of mk({ next() { return 1 } })) ; });\n"
    "  await t('badret', async () => { for await (const x of mk({ next() { return {done: false} },"
    " return() { return 1 } })) break; });\n"
    "  await t('retthrows', async () => { for await (const x of mk({ next() { return {done: false} },"
    " return() { throw new Error('from return') } })) break; });\n"
    "  await t('both', async () => { for await (const x of mk({ next() { return {done: false} },"
    " return() { throw new Error('from return') } })) throw new Error('from body'); });\n"
    "  await t('rejected', async () => { for await (const x of [1, Promise.reject(new Error('no'))]) console.log('x', x); });\n"
    "  await t('nextthrows', async () => { for await (const x of mk({ next() { throw new Error('next') },"
    " return() { console.log('not closed'); return {} } })) ; });\n"
    "  await t('asyncIterator null', async () => { for await (const x of {[Symbol.asyncIterator]: null,"
    " [Symbol.iterator]() { return [7][Symbol.iterator]() }}) return x; });\n"
    "})();",
    # destructuring heads, var/let/assignment targets, defaults that await (a pattern frame)
    LOGGED +
    "(async () => {\n"
    "  for await (const [a, b = 'dflt'] of [[1], Promise.resolve([2, 3])]) console.log(a, b);\n"
    "  for await (const {x, ...rest} of [{x: 1, y: 2}]) console.log(x, rest);\n"
    "  let p, q; for await ({p, q = await Promise.resolve('awaited')} of [{p: 1}]) console.log(p, q);\n"
    "  for await (var v of [1, 2]) ; console.log('var', v);\n"
    "  const o = {}; for await (o.k of ['member']) ; console.log(o);\n"
    "  try { for await (const {z} of logged(3)) console.log(z) } catch (e) { console.log(e.message) }\n"
    "  try { for await (const [z] of logged(3)) ; } catch (e) { console.log(e.constructor.name) }\n"
    "  const fns = []; for await (const i of [1, 2, 3]) fns.push(() => i); console.log(fns.map(f => f()));\n"
    "})();",
    # for await inside an async generator, and a generator consumed by for await closing it
    TICKS +
    "async function* src() { try { for (let i = 0; ; i++) { yield i } } finally { console.log('src closed');"
    " await null; console.log('src cleanup done') } }\n"
    "async function* take(n, it) { if (n <= 0) return; for await (const v of it) { yield v; if (--n <= 0) return } }\n"
    "(async () => { ticker(16); for await (const v of take(3, src())) console.log('v', v); console.log('end') })();",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_for_await_as_node(src: str) -> None:
    assert_same_as_node(src)


def test_a_fetch_awaited_inside_for_await_over_an_async_generator() -> None:
    out = assert_pause_transparent(
        "async function* ids() { yield 1; yield 2; yield 3 }\n"
        "(async () => {\n"
        "  const seen = [];\n"
        "  for await (const id of ids()) {\n"
        "    if (id === 2) { PAUSE }\n"
        "    seen.push(id);\n"
        "  }\n"
        "  console.log(seen.join());\n"
        "})();")
    assert out == ["1,2,3"]


def test_a_fetch_inside_a_generator_consumed_by_for_await_and_a_break() -> None:
    out = assert_pause_transparent(
        "async function* pages() { try { for (let p = 1; ; p++) { if (p === 2) { PAUSE } yield p } }\n"
        "  finally { console.log('closed') } }\n"
        "(async () => {\n"
        "  for await (const {length, ...rest} of (async function* () { for await (const p of pages())"
        " yield {length: p, page: p} })()) {\n"
        "    console.log(length, rest);\n"
        "    if (length === 3) break;\n"
        "  }\n"
        "})();")
    assert out == ["1 { page: 1 }", "2 { page: 2 }", "3 { page: 3 }", "closed"]
