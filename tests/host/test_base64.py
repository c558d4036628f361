"""atob/btoa: WPT's forgiving-base64 cases (tests/fixtures/wpt/base64.json) and node."""
from __future__ import annotations

import json
from pathlib import Path

import fetchflow
from fetchflow.host.forgiving_base64 import forgiving_base64_decode
from tests.node_oracle import assert_same_as_node

WPT = Path(__file__).resolve().parent.parent / "fixtures" / "wpt"


def test_wpt_forgiving_base64_decode():
    cases = json.loads((WPT / "base64.json").read_text("utf-8"))
    bad = [(inp, exp) for inp, exp in cases
           if forgiving_base64_decode(inp) != (None if exp is None else bytes(exp))]
    print(f"base64.json: {len(cases) - len(bad)}/{len(cases)}")
    assert not bad


def test_wpt_cases_through_atob():
    cases = json.loads((WPT / "base64.json").read_text("utf-8"))
    src = """const cases = JSON.parse(%s); const bad = [];
for (const [input, expected] of cases) {
  let got = null;
  try { got = Array.from(atob(input), c => c.charCodeAt(0)); }
  catch (e) { if (!(e instanceof DOMException) || e.name !== "InvalidCharacterError" || e.code !== 5) bad.push("error " + input); }
  if (JSON.stringify(got) !== JSON.stringify(expected)) bad.push(input);
}
bad""" % json.dumps(json.dumps(cases))
    assert fetchflow.execute_code(src, quiet=True).result == []


def test_like_node():
    assert_same_as_node(r"""
console.log(btoa(""), btoa("a"), btoa("ab"), btoa("\xff\xfe\x00"), btoa(123), btoa(null));
console.log(atob(" YW Jj\n"), atob("YQ"), atob("YR=="), atob(""), atob(undefined === 0 ? 0 : "AA=="), atob("AA==").length);
for (const bad of ["a", "YQ=", "Y===", "%%%%", "ab\u00e9c"]) {
  try { atob(bad); } catch (e) { console.log(JSON.stringify(bad), e.name, e.code, e.message); }
}
try { btoa("\u0100"); } catch (e) { console.log(e.name, e.message, e instanceof DOMException); }
try { atob(); } catch (e) { console.log(e.name, e.code); }
""")
