"""A super property reference reads ``this`` before its key or value runs (ES2023 13.3.7.1
step 2 GetThisBinding), so in a derived constructor ``super[super()]`` and its assignment,
update, compound, logical and call forms throw a ReferenceError, and ``super[f()]`` before
``super()`` never calls f: the Super operand comes first on the frame path too
(evaluation/classes.py c_super)."""
from __future__ import annotations

import pytest

from tests.node_oracle import assert_same_as_node

T = ("const t = (f) => { try { console.log(f()) } catch (e) { console.log(e.constructor.name) } };\n"
     "class B { constructor() { console.log('B') } get k() { return 'bk' } }\n"
     "B.prototype.v = 'bv';\n")

PROGRAMS = [
    T + "t(() => new (class extends B { constructor() { super[super()]; } })());\n"
    "t(() => new (class extends B { constructor() { return super[super()]; } })());\n"
    "t(() => new (class extends B { constructor() { super[super()] = 0; } })());\n"
    "t(() => new (class extends B { constructor() { super[super()] += 0; } })());\n"
    "t(() => new (class extends B { constructor() { super[super()]++; } })());\n"
    "t(() => new (class extends B { constructor() { --super[super()]; } })());\n"
    "t(() => new (class extends B { constructor() { super[super()] ??= 1; } })());\n"
    "t(() => new (class extends B { constructor() { super[super()](); } })());\n"
    "t(() => new (class extends B { constructor() { super.x = (super(), 1); } })());\n",
    # the key is not evaluated when this is uninitialized; after super() all is well
    T + "const f = () => { console.log('key'); return 'v' };\n"
    "t(() => new (class extends B { constructor() { super[f()]; } })());\n"
    "t(() => new (class extends B { constructor() { super[f()] = 1; } })());\n"
    "t(() => new (class extends B { constructor() { super(); console.log(super[f()], super['k']); } }) && 'ok');\n"
    "t(() => new (class extends B { constructor() { super(); super[f()] = 2; console.log(this.v); } }) && 'ok');\n"
    "t(() => new (class extends B { constructor() { super(); super[f()] += '!'; console.log(this.v); } }) && 'ok');\n"
    "class C extends B { async m() { return super[await Promise.resolve('v')] + super[(await 0, 'k')] } }\n"
    "new C().m().then(console.log);",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_like_node(src: str) -> None:
    assert_same_as_node(src)
