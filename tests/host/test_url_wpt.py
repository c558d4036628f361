"""The WHATWG URL parser and URL setters against the web-platform-tests data
(tests/fixtures/wpt/: urltestdata.json, setters_tests.json)."""
from __future__ import annotations

import json
from pathlib import Path

import fetchflow
from fetchflow.host.url import url_get, url_set
from fetchflow.host.url_parser import URLParseError, basic_url_parser

WPT = Path(__file__).resolve().parent.parent / "fixtures" / "wpt"
ATTRS = ("href", "origin", "protocol", "username", "password", "host", "hostname", "port",
         "pathname", "search", "hash")


def _cases() -> list:
    return [c for c in json.loads((WPT / "urltestdata.json").read_text("utf-8")) if isinstance(c, dict)]


def _check(case: dict) -> bool:
    try:
        base = basic_url_parser(case["base"]) if case.get("base") is not None else None
        url = basic_url_parser(case["input"], base)
    except URLParseError:
        return bool(case.get("failure"))
    if case.get("failure"):
        return False
    return all(url_get(url, a) == case[a] for a in ATTRS if a in case)


def test_urltestdata_pass_rate():
    cases = _cases()
    failed = [c["input"] for c in cases if not _check(c)]
    rate = 1 - len(failed) / len(cases)
    print(f"urltestdata.json: {len(cases) - len(failed)}/{len(cases)} ({rate:.2%})")
    assert rate >= 0.99, failed
    assert not failed, failed     # today: all 869


def test_setters_tests():
    data = json.loads((WPT / "setters_tests.json").read_text("utf-8"))
    failed = []
    total = 0
    for attr, cases in data.items():
        if attr == "comment":
            continue
        for c in cases:
            total += 1
            url = basic_url_parser(c["href"])
            try:
                url = url_set(url, attr, c["new_value"])
            except URLParseError:
                pass
            if any(url_get(url, k) != v for k, v in c["expected"].items()):
                failed.append((attr, c["href"], c["new_value"]))
    print(f"setters_tests.json: {total - len(failed)}/{total}")
    assert not failed, failed


JS_RUNNER = r"""
const cases = JSON.parse(%s);
const attrs = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port",
               "pathname", "search", "hash"];
let bad = [];
for (const c of cases) {
  let u = null;
  try { u = c.base === null ? new URL(c.input) : new URL(c.input, c.base); } catch (e) {
    if (!(e instanceof TypeError)) bad.push("not a TypeError: " + c.input);
  }
  if (URL.canParse(c.input, c.base === null ? undefined : c.base) !== (u !== null)) bad.push("canParse " + c.input);
  if (c.failure) { if (u !== null) bad.push("should fail: " + c.input); continue; }
  if (u === null) { bad.push("failed: " + c.input); continue; }
  for (const a of attrs) if (a in c && u[a] !== c[a]) bad.push(a + " of " + c.input + ": " + u[a]);
  if (c.search !== undefined && u.searchParams.toString() !== new URLSearchParams(c.search).toString())
    bad.push("searchParams of " + c.input);
}
bad
"""


def test_urltestdata_through_the_js_url_class():
    """The same data through ``new URL`` in the VM (string conversion, surrogates, canParse)."""
    cases = [{k: c.get(k) for k in ("input", "base", "failure", *ATTRS)} for c in _cases()]
    for c in cases:
        for k in list(c):
            if c[k] is None and k != "base":
                del c[k]
    r = fetchflow.execute_code(JS_RUNNER % json.dumps(json.dumps(cases)), quiet=True)
    assert r.result == []


def test_setters_through_the_js_url_class():
    data = json.loads((WPT / "setters_tests.json").read_text("utf-8"))
    data.pop("comment", None)
    src = """
const data = JSON.parse(%s); const bad = [];
for (const attr in data) for (const c of data[attr]) {
  const u = new URL(c.href);
  try { u[attr] = c.new_value; } catch (e) { if (attr !== "href") bad.push("threw " + attr); }
  for (const k in c.expected) if (u[k] !== c.expected[k]) bad.push(attr + " " + c.href + " " + k + ": " + u[k]);
}
bad""" % json.dumps(json.dumps(data))
    assert fetchflow.execute_code(src, quiet=True).result == []
