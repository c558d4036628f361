"""The test262 runner (conformance/test262.py) on hand-written files in test262's format.

A fake suite with a tiny harness is built in tmp_path, so these tests need
neither test262 nor the network.
"""
from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "conformance"))

import test262  # noqa: E402
from test262_meta import parse_frontmatter, parse_yaml, strip_frontmatter  # noqa: E402
from test262_report import build_report, normalise, write_section  # noqa: E402

ASSERT_JS = """
function assert(v, msg) { if (v !== true) throw new Test262Error(msg || 'assert'); }
assert.sameValue = function (a, b, msg) {
  if (a !== b) throw new Test262Error((msg || '') + ' Expected SameValue(«' + a + '», «' + b + '») to be true');
};
assert.throws = function (C, f) {
  try { f(); } catch (e) { if (e.constructor !== C) throw new Test262Error('wrong error'); return; }
  throw new Test262Error('Expected a ' + C.name + ' to be thrown');
};
"""
STA_JS = """
function Test262Error(message) { this.message = message || ''; }
Test262Error.prototype.toString = function () { return 'Test262Error: ' + this.message; };
function $DONOTEVALUATE() { throw 'Test262: This statement should not be evaluated.'; }
"""
DONE_JS = """
function $DONE(error) {
  if (error) { print('Test262:AsyncTestFailure:' + error.name + ': ' + error.message); }
  else { print('Test262:AsyncTestComplete'); }
}
"""


def meta_src(yaml: str, body: str) -> str:
    return f"/*---\n{yaml}\n---*/\n{body}\n"


@pytest.fixture
def suite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "harness").mkdir()
    (tmp_path / "harness" / "assert.js").write_text(ASSERT_JS)
    (tmp_path / "harness" / "sta.js").write_text(STA_JS)
    (tmp_path / "harness" / "doneprintHandle.js").write_text(DONE_JS)
    (tmp_path / "harness" / "helper.js").write_text("function helper() { return 42; }\n")
    monkeypatch.setattr(test262, "ROOT", tmp_path)
    monkeypatch.setattr(test262, "_HARNESS", {})
    old = signal.signal(signal.SIGALRM, test262._on_alarm)
    yield tmp_path
    signal.signal(signal.SIGALRM, old)


def write(root: Path, rel: str, text: str) -> dict:
    p = root / "test" / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text)
    return {"path": rel, "meta": parse_frontmatter(text)[0]}


# -- frontmatter -------------------------------------------------------------------------------
YAML_CASES = [
    ("includes: [a.js, b.js]\nflags: [onlyStrict]",
     {"includes": ["a.js", "b.js"], "flags": ["onlyStrict"]}),
    ("flags:\n  - raw\n  - noStrict\nfeatures: [let]", {"flags": ["raw", "noStrict"], "features": ["let"]}),
    ("negative:\n  phase: parse\n  type: SyntaxError\nflags: [noStrict]",
     {"negative": {"phase": "parse", "type": "SyntaxError"}, "flags": ["noStrict"]}),
    ("description: |\n  multi\n  flags: [not, me]\nincludes: [x.js]",
     {"description": "multi\nflags: [not, me]", "includes": ["x.js"]}),
    ("es6id: 13.1\ndescription: >\n    folded text\nfeatures: [Symbol, 'class']",
     {"es6id": "13.1", "features": ["Symbol", "class"]}),
    ("includes:\n- compareArray.js\n- propertyHelper.js", {"includes": ["compareArray.js", "propertyHelper.js"]}),
    ("features: [a,\n  b]", {"features": ["a", "b"]}),
]


@pytest.mark.parametrize("yaml,expected", YAML_CASES)
def test_parse_yaml(yaml: str, expected: dict) -> None:
    got = parse_yaml(yaml)
    for k, v in expected.items():
        assert got[k] == v


def test_frontmatter_defaults_and_strip() -> None:
    src = "// c\n/*---\ndescription: x\n---*/\nvar Proxy;\n"
    meta, whole = parse_frontmatter(src)
    assert meta["flags"] == [] and meta["includes"] == [] and meta["negative"] == {}
    assert whole == src
    assert "description" not in strip_frontmatter(src)


# -- selection -----------------------------------------------------------------------------------
SKIP_CASES = [
    ("language/a.js", "flags: [module]", "", "flag: module"),
    ("language/a.js", "features: [let, BigInt]", "", "feature: BigInt"),
    ("language/a.js", "features: [globalThis]", "", None),
    ("annexB/language/a.js", "", "", "path under annexB"),
    ("language/a_FIXTURE.js", "", "", "fixture file (not a test)"),
    ("built-ins/Array/a.js", "", "new Proxy({}, {})", "source uses Proxy"),
    ("built-ins/Array/a.js", "", "new Uint8Array(2)", None),
    ("built-ins/Array/a.js", "", "new BigInt64Array(2)",
     "source uses BigInt64Array / BigUint64Array / Float16Array (or their DataView methods)"),
    ("built-ins/Array/a.js", "includes: [testTypedArray.js]", "", None),
    ("built-ins/Array/a.js", "includes: [testBigIntTypedArray.js]", "", "include: testBigIntTypedArray.js"),
    ("built-ins/Array/a.js", "", "var r = $262.createRealm();",
     "source uses $262.createRealm / agent / gc / IsHTMLDDA"),
    ("built-ins/Array/a.js", "", "var g = $262.global;", None),
    ("language/a.js", "", "async function* g() {}", "untagged syntax: async generators / for await (ES2018)"),
    ("language/a.js", "", "var o = {async *m() {}};", "untagged syntax: async generators / for await (ES2018)"),
    ("language/a.js", "", "x ?? y", "untagged syntax: ?? / ?. (ES2020)"),
    ("language/literals/regexp/a.js", "", "/a??/", None),
    ("built-ins/RegExp/a.js", "", "/a??/", None),
    ("language/a.js", "", "1_000", "untagged syntax: numeric separators (ES2021)"),
    ("language/a.js", "", "var a1_2 = x.y_1;", None),
]


@pytest.mark.parametrize("rel,yaml,body,expected", SKIP_CASES)
def test_skip_reason(rel: str, yaml: str, body: str, expected: str) -> None:
    meta = parse_frontmatter(meta_src(yaml, ""))[0]
    assert test262.skip_reason(rel, meta, body) == expected


@pytest.mark.parametrize("flags,expected", [
    ([], ["sloppy", "strict"]), (["onlyStrict"], ["strict"]), (["noStrict"], ["sloppy"]),
    (["raw"], ["sloppy"]),
])
def test_modes(flags: list, expected: list) -> None:
    assert test262.modes({"flags": flags}) == expected


# -- running ------------------------------------------------------------------------------------
RUN_CASES = [
    ("pass", "", "assert.sameValue(1 + 1, 2);", {"sloppy": "pass", "strict": "pass"}),
    ("fail", "", "assert.sameValue(1 + 1, 3);", {"sloppy": "fail", "strict": "fail"}),
    ("strictness", "", "var strict = (function () { return this === undefined; })();\n"
     "assert.sameValue(strict, false);", {"sloppy": "pass", "strict": "fail"}),
    ("onlyStrict", "flags: [onlyStrict]", "assert.throws(ReferenceError, function () { undeclared = 1; });",
     {"strict": "pass"}),
    ("includes", "includes: [helper.js]", "assert.sameValue(helper(), 42);",
     {"sloppy": "pass", "strict": "pass"}),
    ("raw", "flags: [raw]", "if (typeof assert !== 'undefined') throw new Error('harness');",
     {"sloppy": "pass"}),
    ("neg parse", "negative:\n  phase: parse\n  type: SyntaxError\nflags: [noStrict]",
     "$DONOTEVALUATE();\nvar x = ;", {"sloppy": "pass"}),
    ("neg parse but valid", "negative:\n  phase: parse\n  type: SyntaxError\nflags: [noStrict]",
     "$DONOTEVALUATE();\nvar x = 1;", {"sloppy": "fail"}),
    ("neg runtime", "negative:\n  phase: runtime\n  type: TypeError\nflags: [noStrict]",
     "null.x;", {"sloppy": "pass"}),
    ("neg runtime wrong type", "negative:\n  phase: runtime\n  type: TypeError\nflags: [noStrict]",
     "undeclared;", {"sloppy": "fail"}),
    ("neg runtime Test262Error", "negative:\n  phase: runtime\n  type: Test262Error\nflags: [noStrict]",
     "throw new Test262Error('x');", {"sloppy": "pass"}),
    ("async ok", "flags: [async, noStrict]", "Promise.resolve(1).then(function () { $DONE(); });",
     {"sloppy": "pass"}),
    ("async fail", "flags: [async, noStrict]",
     "Promise.reject(new TypeError('no')).then(function () { $DONE(); }, $DONE);", {"sloppy": "fail"}),
    ("async never done", "flags: [async, noStrict]", "Promise.resolve(1);", {"sloppy": "fail"}),
    ("host", "flags: [noStrict]",
     "$262.evalScript('let fromScript = 3;');\nassert.sameValue(fromScript, 3);\n"
     "assert.sameValue($262.global, this);", {"sloppy": "pass"}),
    ("timeout", "flags: [noStrict]", "while (true) {}", {"sloppy": "timeout"}),
]


@pytest.mark.parametrize("name,yaml,body,expected", RUN_CASES, ids=[c[0] for c in RUN_CASES])
def test_run_test(suite: Path, name: str, yaml: str, body: str, expected: dict) -> None:
    t = write(suite, "language/x/t.js", meta_src(yaml, body))
    res = test262.run_test(t, timeout=1.0 if name == "timeout" else 10.0)
    assert {m: r["status"] for m, r in res["modes"].items()} == expected, res


def test_failure_message_is_first_line(suite: Path) -> None:
    t = write(suite, "language/x/t.js", meta_src("flags: [noStrict]", "assert.sameValue(1, 2, 'm');"))
    r = test262.run_test(t, 5.0)["modes"]["sloppy"]
    assert r["kind"] == "throw"
    assert r["msg"] == "Test262Error: m Expected SameValue(«1», «2») to be true"


def test_internal_exception_is_recorded(suite: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(m: object) -> None:
        raise KeyError("boom")
    monkeypatch.setattr(test262, "_install_host", boom)
    t = write(suite, "language/x/t.js", meta_src("flags: [noStrict]", "1;"))
    r = test262.run_test(t, 5.0)["modes"]["sloppy"]
    assert r["status"] == "internal" and r["exc"] == "KeyError"


def test_pool_and_report(suite: Path, tmp_path: Path) -> None:
    tests = [write(suite, "language/a/ok.js", meta_src("flags: [noStrict]", "1;")),
             write(suite, "language/a/bad.js", meta_src("flags: [noStrict]", "assert(false, 'no');")),
             write(suite, "built-ins/B/ok.js", meta_src("", "2;"))]
    results = test262.run_all(tests, jobs=2, timeout=5.0)
    assert sorted(r["path"] for r in results) == sorted(t["path"] for t in tests)
    data = {"suite": "x", "runs": ["all"], "skipped": {"feature: BigInt": 2}, "kept": {},
            "results": sorted(results, key=lambda r: r["path"])}
    report = build_report(data)
    assert "| language/** | 2 | 1 | 1 | 0 | 0 | 50.0% |" in report
    assert "| built-ins/** | 1 | 1 | 0 | 0 | 0 | 100.0% |" in report
    assert "| feature: BigInt | 2 |" in report
    out = tmp_path / "RESULTS.md"
    out.write_text("# R\n\n## Parser (x)\n\nkeep me\n")
    write_section(out, "## Interpreter (test262)", report)
    write_section(out, "## Interpreter (test262)", "second")
    text = out.read_text()
    assert "keep me" in text and "second" in text and "50.0%" not in text


def test_normalise() -> None:
    assert normalise("Expected SameValue(«1», «2») to be true") == "Expected SameValue(«…», «…») to be true"
    assert normalise("x 'a' 12 \"b\"") == "x '…' N \"…\""
