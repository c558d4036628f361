"""for-in heads whose object starts with an assignment or an arrow (issue 10: mathjs's
`for (x in s = o)`), run in both modes and compared with node."""
from __future__ import annotations

import pytest

from tests.node_oracle import assert_same_as_node

PROGRAMS = [
    # the object is `s = o`: evaluated once, and `s` is assigned
    "var o = {a: 1, b: 2}, s, x, r = [];\nfor (x in s = o) r.push(x);\nconsole.log(r.join(), s === o);",
    "var s, r = [];\nfor (var k in s = {c: 3, d: 4}) r.push(k);\nfor (let j in (s = {e: 5})) r.push(j);\n"
    "console.log(r.join(), Object.keys(s));",
    "var o = {p: 0}, n = 0;\nfor (o.p in n += 1, {q: 1, r: 2}) ;\nconsole.log(o.p, n);",
    # the object is an arrow: a function has no enumerable own properties
    "var a = 'unchanged';\nfor (a in (b) => 1) console.log('never');\nfor (a in () => 1) console.log('never');\n"
    "for (a in b => 1) console.log('never');\nfor (a in async b => 1) console.log('never');\nconsole.log(a);",
    "var a;\nfor (a in b => 1, {z: 1}) console.log(a);\nfor (a in x => x in {}, {y: 1}) console.log(a);",
    "try { eval('x = a in b => 1'); } catch (e) { console.log(e.name, e.message); }",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_for_in_head_like_node(src: str) -> None:
    assert_same_as_node(src)
