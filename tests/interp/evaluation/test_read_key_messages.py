"""Reading a computed key of undefined or null: the TypeError names the key as V8 shows it
(references.cannot_read_key), on every path that reads a member."""
from __future__ import annotations

from tests.node_oracle import assert_same_as_node


def test_keys_are_shown_as_v8_shows_them() -> None:
    assert_same_as_node(r"""
class K {}
const keys = [{}, [], [1], new K(), new Map(), /re/g, new Date(0), function f() {}, class A {},
  1.5, -0, NaN, true, null, undefined, 10n, Object.create(null), new Error("x"),
  new Proxy({}, {}), Symbol("s"), Math.max];
for (const k of keys) {
  try { let o; o[k]; } catch (e) { console.log(e.message); }
  try { const n = null; n[k] = 1; } catch (e) { console.log(e.message); }
}
for (let i = 0; i < 10; i++) { try { let o; o[{}]; } catch (e) { if (i === 9) console.log(e.message); } }
""")
