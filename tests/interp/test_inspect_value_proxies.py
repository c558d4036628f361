"""console.log of proxies as node 20 prints them (inspect_value.format_value, node's
getProxyDetails): a proxy shows its target without running its own traps; a target that is
itself a proxy is formatted through its traps as a plain object would be (so a Map behind two
proxies prints ``Map {}``); node's revoked-proxy test reads the target's "0" (``[null]``
prints as revoked, a getter there runs, a revoked target throws); ``%o`` shows
``Proxy [ target, handler ]``."""
from __future__ import annotations

import pytest

from tests.node_oracle import assert_same_as_node

PROGRAMS = [
    # one level, nested in objects and arrays, cycles through a proxy
    "const t = { a: 1, b: [1, 2] };\nconst p = new Proxy(t, {});\nconst pp = new Proxy(p, {});\n"
    "const pa = new Proxy([1, 2, 3], {});\n"
    "console.log(p, pp, pa);\nconsole.log(new Proxy(function foo() {}, {}), new Proxy(class K {}, {}));\n"
    "console.log(new Proxy(new Map([[1, 2]]), {}), new Proxy(new Set([1]), {}), new Proxy(Promise.resolve(1), {}));\n"
    "console.log({ p, nested: { pp }, arr: [pa, p] });\nconsole.log([p, pp, pa]);\n"
    "const cyc = { name: 'c' }; cyc.self = new Proxy(cyc, {});\nconsole.log(cyc);\n"
    "console.log(new Proxy(new Date(0), {}), new Proxy(Object.create(null), {}));\n"
    "console.log(new Proxy(new (class Foo { constructor() { this.q = 1 } })(), {}));\n"
    "console.log(new Proxy({ x: 1 }, { get() { return 42 }, ownKeys() { return ['y'] } }));",
    # a proxy of a proxy: the inner one is formatted through its traps
    "const lie = { get: (t, k) => k === 'a' ? 42 : Reflect.get(t, k), ownKeys: () => ['a', 'extra'],\n"
    "  getOwnPropertyDescriptor: (t, k) => ({ value: k === 'a' ? 'A' : 'E', enumerable: true, configurable: true, writable: true }) };\n"
    "console.log(new Proxy(new Proxy({ a: 1 }, lie), {}));\nconsole.log([new Proxy(new Proxy({ a: 1 }, lie), {})]);\n"
    "console.log(new Proxy(new Proxy(new Map([[1, { x: 1 }]]), {}), {}));\n"
    "console.log(new Proxy(new Proxy(new Set([1]), {}), {}));\n"
    "console.log(new Proxy(new Proxy([1, [2, [3, [4]]]], {}), {}));\n"
    "console.log(new Proxy(new Proxy(function f() {}, {}), {}));\n"
    "console.log(new Proxy(new Proxy(new (class Foo { constructor() { this.q = 1 } })(), {}), {}));\n"
    "console.log(new Proxy(new Proxy(new Date(0), {}), {}));\n"
    "console.log(new Proxy(new Proxy(new Proxy({ z: 1 }, {}), {}), {}), { deep: new Proxy(new Proxy({ z: 1 }, {}), {}) });",
    # node's revoked-proxy test reads the target's "0"
    "console.log(new Proxy({ 0: null }, {}), new Proxy([null], {}), { a: new Proxy([null, 1], {}) });\n"
    "console.log(new Proxy(new Proxy([null], {}), {}));\n"
    "console.log(new Proxy({ get 0() { console.log('getter 0'); return 1 } }, {}));\n"
    "const r = Proxy.revocable({}, {}); r.revoke();\nconsole.log(r.proxy, { r: r.proxy });\n"
    "try { console.log(new Proxy(r.proxy, {})) } catch (e) { console.log(e.name + ': ' + e.message) }\n"
    "try { console.log([new Proxy(r.proxy, {})]) } catch (e) { console.log(e.name + ': ' + e.message) }",
    # %o: showProxy
    "console.log('%o', new Proxy({ a: 1 }, { get() {} }));\nconsole.log('%o', [new Proxy([1], {})]);\n"
    "console.log('%O', new Proxy({ a: 1 }, {}));\nconst r = Proxy.revocable({}, {}); r.revoke();\n"
    "console.log('%o', r.proxy);\nconsole.log('%o', new Proxy(new Proxy({}, {}), {}));",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_like_node(src: str) -> None:
    assert_same_as_node(src)
