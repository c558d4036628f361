"""Stack traces (Machine.stack_trace): every function on the JS stack, at the line it is
running, as node prints them.  Known differences: columns are the running statement's (node
gives the expression's), and V8's receiver prefix (``at K.m``) is not printed (``at m``)."""
from __future__ import annotations

import pytest

import fetchflow
from tests.node_oracle import assert_same_as_node

# prints "name:line" for each named frame of the stack (node's own internals left out, the
# receiver prefix V8 adds to a method's name dropped)
FRAMES = r"""
function frames(e) {
  return e.stack.split("\n").slice(1)
    .map(l => /^\s*at (\S+) \((.*):(\d+):\d+\)$/.exec(l))
    .filter(m => m && !m[1].includes("<anonymous>") && !m[2].startsWith("node:"))
    .map(m => m[1].replace(/^.*\./, "") + ":" + m[3]).join(" ");
}
"""

PROGRAMS = {
    "a statement run as a closure": """
function big(o) {
  let a = 1;
  if (a < 2) {
    a = 3;
  }
  return o.x.y;
}
try { big({}); } catch (e) { console.log(frames(e)); }""",
    "functions evaluated in place of their call": """
const get = o => o.p.q;
function sub(a, b) { return a.v - b; }
function outer() { return get({}); }
try { outer(); } catch (e) { console.log(frames(e)); }
try { sub(null, 1); } catch (e) { console.log(frames(e)); }""",
    "nested calls and methods": """
class K { m(x) {
    const t = x * 2;
    return t.toFixed(200);
  } }
function f(k) {
  return k.m(1) + 1;
}
try { f(new K()); } catch (e) { console.log(frames(e)); }""",
}


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_named_frames_and_lines_are_nodes(name: str) -> None:
    assert_same_as_node(FRAMES + PROGRAMS[name])


def test_the_script_file_name_and_positions() -> None:
    src = "function f() {\n  null.x;\n}\nf();"
    with pytest.raises(fetchflow.JSError) as e:
        fetchflow.execute_code(src, quiet=True, filename="job.js")
    assert e.value.stack.split("\n")[1:] == ["    at f (job.js:2:3)", "    at job.js:4:1"]
