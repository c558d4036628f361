"""Optional chains (ES2020 13.3.9): every form, whole-chain short-circuit, the Reference kept
for ``this``, ``delete a?.b``, node's error messages, and pauses inside a chain."""
from __future__ import annotations

import pytest

from tests.host.pause_check import assert_pause_transparent
from tests.node_oracle import assert_same_as_node

T = ("const t = (f) => { try { console.log(f()) } catch (e) { console.log(e.constructor.name"
     " + ': ' + e.message) } };\n")

PROGRAMS = [
    # every form on a present and an absent base
    "var a = {b: {c: {d: 1}}, f() { return this === a }}, u, n = null, k = 'b';\n"
    "t(() => a?.b); t(() => u?.b); t(() => n?.b); t(() => a?.[k].c.d); t(() => u?.[k]);\n"
    "t(() => a.f?.()); t(() => a?.f()); t(() => a?.['f']()); t(() => u?.()); t(() => a.g?.());\n"
    "t(() => a?.b.c.d); t(() => u?.b.c.d); t(() => a?.b?.c?.d); t(() => a.x?.y.z);\n"
    "t(() => 'str'?.length); t(() => (0)?.toFixed(1)); t(() => false?.x); t(() => ''?.length);",
    # short-circuit skips every later part, arguments and keys included
    "var log = []; const f = (x) => (log.push(x), x); var u;\n"
    "t(() => u?.b(f(1)).c[f(2)]); t(() => u?.[f(3)]); t(() => u?.b.c(f(4)));\n"
    "var a = {m(x) { return {n: x} }};\n"
    "t(() => a?.m(f(5)).n); t(() => a?.[f('m')](f(6))?.n); console.log(log.join());",
    # this is the object of the last member read
    "var o = {v: 1, m() { return this && this.v }, g: {v: 2, h() { return this.v }}};\n"
    "t(() => o?.m()); t(() => o.m?.()); t(() => o?.g.h()); t(() => o.g?.h?.()); t(() => (o?.m)());\n"
    "t(() => (o?.g.h)()); t(() => (o.g?.['h'])()); t(() => o?.m.call({v: 9}));\n"
    "function F() { return this === undefined } 'use strict'; t(() => F?.());",
    # parentheses end the chain
    "var a = {}, u;\n"
    "t(() => (a?.b).c); t(() => (u?.b).c); t(() => (u?.b)?.c); t(() => (u?.b)());\n"
    "t(() => ((u?.b)?.c).d); t(() => (a?.b)?.c.d);",
    # error messages as node words them
    "var a = {b: {}, s: 1}, k = 'z', s = Symbol('q');\n"
    "t(() => a?.b()); t(() => a?.b.c()); t(() => a.s?.()); t(() => a?.[k]()); t(() => a?.['x']());\n"
    "t(() => a?.b.c.d); t(() => a?.b.c[s]); t(() => a?.b.c[1]); t(() => a?.b?.c?.());\n"
    "t(() => a?.b.c?.d()); t(() => (1)?.()); t(() => a.b(1)); t(() => a['b']['q']());",
    # delete
    "'use strict'; var a = {b: 1, c: {d: 2}}, u; Object.defineProperty(a, 'fixed', {value: 1});\n"
    "t(() => delete u?.b); t(() => delete a?.b); t(() => 'b' in a); t(() => delete a?.c.d);\n"
    "t(() => JSON.stringify(a)); t(() => delete a?.['c']); t(() => delete u?.b.c.d);\n"
    "t(() => delete a?.fixed); t(() => delete a?.x.y); t(() => delete a?.toString());",
    # getters run once, in order
    "var n = 0; var o = {get g() { n++; return {h() { return n }} }};\n"
    "t(() => o?.g.h()); t(() => o.g?.h()); t(() => o?.g?.h?.()); t(() => n);",
    # calls in the middle, native methods, spread arguments
    "var a = {list: [1, 2, 3]};\n"
    "t(() => a?.list.map(x => x * 2)?.join('-')); t(() => a.nope?.map(x => x));\n"
    "t(() => Math?.max(...a.list)); t(() => a?.list?.at?.(-1)); t(() => [1, 2]?.[1]);\n"
    "t(() => JSON?.parse('{\"x\":{\"y\":[5]}}')?.x?.y?.[0]);",
    # super and new.target
    "class A { m() { return 'A.m' } }\n"
    "class B extends A { m() { return [super.m?.(), super.zz?.(), super['m']?.()] }"
    " static s() { return this?.name } }\n"
    "t(() => new B().m().join()); t(() => B.s());\n"
    "function C() { return new.target?.name } t(() => new C()); t(() => C());",
    # private names
    "class C { #x = 1; #m() { return this.#x + 10 } get #g() { return 'g' }\n"
    "  static test(o) { return [o?.#x, o?.#m(), o?.#g, o?.#m?.call(o), (o?.#x)] }\n"
    "  static deep(o) { return o?.inner?.#x } static bad(o) { return o?.#x } }\n"
    "const c = new C(); t(() => C.test(c)); t(() => C.test(null)); t(() => C.deep({inner: c}));\n"
    "t(() => C.deep({})); t(() => C.bad({})); t(() => C.deep({inner: {}}));",
    # eval and with
    "var x = {k: 1}; t(() => eval?.('x?.k')); t(() => eval?.('typeof this'));\n"
    "var w = {f() { return this === w }}; with (w) { t(() => f?.()); t(() => f()); }",
    # chains as a function's result, an arrow body, a statement, an operand (direct calls)
    "const first = (o) => o?.items?.[0]?.name?.toUpperCase();\n"
    "function count(o) { return o?.items?.filter((x) => x.ok).length ?? 0 }\n"
    "var data = {items: [{name: 'ab', ok: true}, {name: 'c'}]};\n"
    "t(() => [first(data), first({}), first(null), count(data), count(undefined)].join());\n"
    "var seen = []; data.items?.forEach((x) => seen.push(x.name)); null?.forEach(() => seen.push('no'));\n"
    "t(() => seen.join() + (data?.items.at(-1)?.name ?? '-') + (data?.['items']?.concat([1]).length));\n"
    "t(() => [1, 2].map((x) => x)?.reverse?.()[0]); t(() => Math.max?.(1, 5, 3)); t(() => parseInt?.('12'));",
    # typeof, in loops, conditionals, logical mixes
    "var rows = [{a: {b: 1}}, {}, null, {a: null}];\n"
    "for (const r of rows) console.log(r?.a?.b, typeof r?.a, r?.a?.b ?? 'none');\n"
    "t(() => rows.map(r => r?.a?.b || 0).join());",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_like_node(src: str) -> None:
    assert_same_as_node(T + src)


ASYNC = [
    "async function f(p) { const o = {b(x) { return x + 1 }}; const u = undefined;\n"
    "  console.log(await o?.b(await p), u?.b(await p), await u?.b);\n"
    "  console.log((await Promise.resolve(o))?.b(2), o?.[await Promise.resolve('b')](3)); }\n"
    "f(Promise.resolve(1));",
    "async function g() { const calls = []; const o = {m(...a) { calls.push(a); return this }};\n"
    "  const r = o?.m(await 1, ...[await 2, 3])?.m?.(await 4);\n"
    "  console.log(r === o, JSON.stringify(calls)); }\ng();",
    "function* gen() { const o = {f(x) { return x * 2 }}; return o?.f(yield 1) }\n"
    "const it = gen(); it.next(); console.log(it.next(21).value);",
]


@pytest.mark.parametrize("src", ASYNC)
def test_awaits_inside_a_chain_like_node(src: str) -> None:
    assert_same_as_node(src)


@pytest.mark.parametrize("which", range(1, 7))
def test_chain_pauses_and_resumes_from_bytes(which: int) -> None:
    # p(v, i) pauses at a fetch when i is ``which``: the outer function then waits inside
    # a chain's arguments or key, with the chain's frame in the saved state
    assert_pause_transparent(
        f"async function p(v, i) {{ if (i === {which}) {{ PAUSE }} return v }}\n"
        "const a = {b(r) { return typeof r }, c: {d(x) { return x }}}; const u = null;\n"
        "(async () => {\n"
        "  console.log(await a?.b(await p(1, 1)), u?.b(await p(2, 0)));\n"
        "  console.log(a.c?.d(await p(5, 2))?.toFixed?.(1), a?.c.d(await p(7, 3)));\n"
        "  console.log(delete a?.[await p('b', 4)], Object.keys(a).join());\n"
        "  const o = {async m(x) { return x }};\n"
        "  console.log(await o?.m(await p('u', 5)), await (await p(o, 6))?.m?.(3));\n"
        "})();")


@pytest.mark.parametrize("chain", [False, True])
def test_spread_arguments_before_a_pause_are_saved(chain: bool) -> None:
    # the spread's values wait among the operand values while a later argument pauses
    call = "o?.f" if chain else "o.f"
    assert_pause_transparent(
        "async function p(v) { PAUSE return v }\n"
        "const o = {f(...xs) { return xs.join() }};\n"
        f"(async () => {{ console.log({call}(...[1, 2], await p(3), ...'ab')) }})();")


def test_member_calls_read_the_callee_before_the_arguments_like_node() -> None:
    # plain calls too (calls.step_member_call): o.missing.m(f()) throws before f runs
    assert_same_as_node("var log = []; const f = (x) => (log.push(x), x);\nvar o = {get m() { log.push('get m'); return (a) => a }, n: {}};\ntry { o.missing.m(f('arg1')) } catch (e) { log.push(e.message) }\nlog.push(o.m(f('arg2')), o['m'](f('arg3')), o.m(f('a'), (() => 'b')()));\ntry { o.n.x(f('arg4')) } catch (e) { log.push(e.message) }\ntry { o[f('k')](f('arg5')) } catch (e) { log.push(e.message) }\nconsole.log(log.join('\\n'));\n")


def test_tagged_templates_read_the_tag_before_the_substitutions_like_node() -> None:
    assert_same_as_node("var log = []; const f = (x) => (log.push(x), x);\nvar o = {get t() { log.push('get t'); return (s, ...x) => s.raw.join('|') + x.join() }};\nlog.push(o.t`a${f(1)}b${f(2)}`, o['t']`c${f(3)}`);\ntry { o.missing.t`x${f('no')}` } catch (e) { log.push(e.constructor.name) }\nclass P { #tag(s, v) { return 'private ' + v } run() { return this.#tag`v${f('p')}` } }\nlog.push(new P().run());\nconsole.log(log.join('\\n'));\n")
