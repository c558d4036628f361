"""Assigning a global binding (make_put_res's global path and make_place's, sharing one
fast-path test): declared let/var, const, TDZ, read-only, accessor and undeclared globals,
sloppy and strict, at top level and from a function; compared with node."""
from tests.node_oracle import assert_same_as_node

CASES = """
Object.defineProperty(globalThis, "ro", {value: 1, writable: false, configurable: true});
Object.defineProperty(globalThis, "acc", {set(v) { console.log("set", v); }, configurable: true});
var w = 1; w = 5; let l = 1; l = 6; var s = "a"; s += "b"; s += 1;
function f() { w = 7; l = 8; s += "c"; ro = 9; acc = 10; return [w, l, s, ro]; }
console.log(f().join());
try { c = 2; } catch (e) { console.log(e.constructor.name, e.message); }
try { q = 1; } catch (e) { console.log(e.constructor.name, e.message); }
try { q += "x"; } catch (e) { console.log(e.constructor.name, e.message); }
let q = 0;
const c = 1;
try { c += "x"; } catch (e) { console.log(e.constructor.name, e.message); }
console.log(c, q, ro);
"""


def test_sloppy_global_assignments() -> None:
    assert_same_as_node(CASES + "u = 3; console.log(u, typeof globalThis.u);")


def test_strict_global_assignments() -> None:
    assert_same_as_node('"use strict";' + CASES + """
try { ro = 2; } catch (e) { console.log(e.constructor.name, e.message); }
try { ro += "x"; } catch (e) { console.log(e.constructor.name, e.message); }
try { u = 3; } catch (e) { console.log(e.constructor.name, e.message); }
""")
