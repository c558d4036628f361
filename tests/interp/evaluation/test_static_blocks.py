"""Class static blocks (ES2022 15.7.11): run in order with the static fields, this = the
class, a var scope of their own, function declarations hoisted inside, the class binding
visible; errors abort the class definition; an async IIFE inside one pauses."""
from __future__ import annotations

import pytest

from tests.host.pause_check import assert_pause_transparent
from tests.node_oracle import assert_same_as_node

T = ("const t = (f) => { try { console.log(f()) } catch (e) { console.log(e.constructor.name + ': ' + e.message) } };\n")

PROGRAMS = [
    "var log = [];\n"
    "class A { static a = (log.push('a'), 1); static { log.push('block 1 ' + this.a); this.b = 2 }"
    " static c = (log.push('c ' + this.b), 3); static { log.push('block 2 ' + A.c) } }\n"
    "console.log(log.join(' | '), A.b);",
    "var v = 'outer';\n"
    "class B { static { var v = 'inner'; let w = 1; function f() { return v + w } this.r = f(); } }\n"
    "console.log(B.r, v, typeof w, typeof f);",
    T + "class C { static #p = 1; static { C.read = (o) => o.#p } }\n"
    "console.log(C.read(C)); t(() => C.read({}));",
    T + "t(() => { class D { static { throw new Error('in block') } } return 'unreached' });\n"
    "var E = class Named { static { this.n = Named.name + '/' + this.name } }; console.log(E.n);",
    "class F { static x = 1; static { for (let i = 0; i < 3; i++) { if (i === 1) continue; this.x += i } } }\n"
    "console.log(F.x);",
    "class G extends Array { static { this.kind = super.name + '>' + this.name } } console.log(G.kind);",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_like_node(src: str) -> None:
    assert_same_as_node(src)


def test_async_iife_in_static_block_pauses_and_resumes_from_bytes() -> None:
    assert_pause_transparent(
        "var done;\n"
        "class Boot { static { this.state = 'start'; done = (async () => { PAUSE this.state = 'loaded'; return this.name })(); } }\n"
        "(async () => { console.log(Boot.state); console.log(await done, Boot.state); })();")
