"""The test262 runner's profiles (conformance/test262_select.py) on synthetic metadata:
which files the ES2023 profile runs, that it leaves the ES2017 subset to the default
profile, and the deterministic sample.  No test262 needed."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "conformance"))

import test262  # noqa: E402
from test262_meta import parse_frontmatter  # noqa: E402
from test262_report import build_report  # noqa: E402
from test262_select import (  # noqa: E402
    ES2017, ES2023, ES2023_FULL, ES2023_FEATURES, IN_ES2017, LATER_BUILTIN_PATHS, in_dirs,
    select, skip_reason)


def meta(yaml: str) -> dict:
    return parse_frontmatter(f"/*---\n{yaml}\n---*/\n")[0]


# (path, frontmatter, body, es2017 verdict, es2023 verdict)
CASES = [
    ("language/a.js", "", "1;", None, IN_ES2017),
    ("language/a.js", "features: [optional-chaining]", "a?.b", "feature: optional-chaining", None),
    ("language/a.js", "features: [class-fields-private, class]", "", "feature: class-fields-private", None),
    ("language/a.js", "features: [hashbang]", "#!x", "feature: hashbang", None),
    ("language/a.js", "features: [symbols-as-weakmap-keys]", "", "feature: symbols-as-weakmap-keys", None),
    ("language/a.js", "features: [globalThis]", "", None, IN_ES2017),    # kept by es2017
    ("language/a.js", "features: [set-methods]", "", "feature: set-methods", "feature: set-methods"),
    ("language/a.js", "features: [array-grouping]", "", "feature: array-grouping", "feature: array-grouping"),
    ("language/a.js", "features: [regexp-v-flag]", "", "feature: regexp-v-flag", "feature: regexp-v-flag"),
    ("language/a.js", "features: [decorators]", "", "feature: decorators", "feature: decorators"),
    ("language/a.js", "features: [Atomics]", "", "feature: Atomics",
     "feature: Atomics (left out: " + ES2023.left_out["Atomics"] + ")"),
    ("language/a.js", "features: [dynamic-import]", "", "feature: dynamic-import",
     "feature: dynamic-import (left out: needs a module loader; fetchflow runs scripts)"),
    ("language/a.js", "flags: [module]\nfeatures: [hashbang]", "", "flag: module", "flag: module"),
    ("language/a.js", "", "x ?? y", "untagged syntax: ?? / ?. (ES2020)", None),
    ("language/a.js", "", "async function* g() {}",
     "untagged syntax: async generators / for await (ES2018)", None),
    ("language/eval-code/direct/x-declare-arguments.js", "", "",
     "eval declaring `arguments` in parameter expressions (after ES2017, untagged)", None),
    ("built-ins/Array/a.js", "", "new Proxy({}, {})", "source uses Proxy", None),
    ("built-ins/Array/a.js", "includes: [testBigIntTypedArray.js]", "",
     "include: testBigIntTypedArray.js", None),
    ("built-ins/Array/a.js", "includes: [resizableArrayBufferUtils.js]", "",
     "include: resizableArrayBufferUtils.js", "include: resizableArrayBufferUtils.js"),
    ("built-ins/Array/a.js", "", "new BigInt64Array(1)",
     "source uses BigInt64Array / BigUint64Array / Float16Array (or their DataView methods)", None),
    ("built-ins/Array/a.js", "", "new Float16Array(1)",
     "source uses BigInt64Array / BigUint64Array / Float16Array (or their DataView methods)",
     "source uses Float16Array (ES2025, or its DataView methods)"),
    ("built-ins/Array/a.js", "", "new SharedArrayBuffer(1)", "source uses Atomics / SharedArrayBuffer",
     "source uses Atomics / SharedArrayBuffer"),
    ("built-ins/Array/a.js", "", "$262.createRealm()",
     "source uses $262.createRealm / agent / gc / IsHTMLDDA",
     "source uses $262.createRealm / agent / gc / IsHTMLDDA"),
    ("built-ins/Array/prototype/at/a.js", "", "", "path: Array/prototype/at (after ES2017)", None),
    ("built-ins/Array/prototype/toSorted/a.js", "", "", "path: Array/prototype/toSorted (after ES2017)", None),
    ("built-ins/Array/fromAsync/a.js", "", "", "path: Array/fromAsync (after ES2017)",
     "path: Array/fromAsync (after ES2023)"),
    ("built-ins/Iterator/a.js", "", "", "path: Iterator (after ES2017)", "path: Iterator (after ES2023)"),
    ("built-ins/RegExp/CharacterClassEscapes/a.js", "", "/\\d/v.test(x);",
     "regexp v flag (ES2024, untagged)", "regexp v flag (ES2024, untagged)"),
    # a directory only the ES2023 profile looks at: not in the ES2017 subset even without a tag
    ("built-ins/Proxy/a.js", "", "1;", None, None),
    ("built-ins/BigInt/a.js", "features: [BigInt]", "", "feature: BigInt", None),
    ("annexB/language/a.js", "", "", "path under annexB", "path under annexB"),
    ("language/a_FIXTURE.js", "", "", "fixture file (not a test)", "fixture file (not a test)"),
]


@pytest.mark.parametrize("rel,yaml,body,es2017,es2023", CASES)
def test_profiles_skip_reason(rel: str, yaml: str, body: str, es2017: str, es2023: str) -> None:
    m = meta(yaml)
    assert skip_reason(rel, m, body) == es2017
    assert skip_reason(rel, m, body, ES2017) == es2017
    assert skip_reason(rel, m, body, ES2023) == es2023
    # es2023-full is es2023 without subtracting the ES2017 subset
    assert skip_reason(rel, m, body, ES2023_FULL) == (None if es2023 == IN_ES2017 else es2023)


def test_es2023_is_disjoint_from_es2017_and_covers_it() -> None:
    """No file is in both the es2017 and es2023 profiles, and es2023-full holds every ES2017
    test (skip_reason alone does not look at the directory: select's candidates do)."""
    for rel, yaml, body, es2017, es2023 in CASES:
        m = meta(yaml)
        in17 = in_dirs(rel, ES2017) and skip_reason(rel, m, body, ES2017) is None
        in23 = skip_reason(rel, m, body, ES2023) is None
        assert not (in17 and in23), rel
        if in17:
            assert skip_reason(rel, m, body, ES2023_FULL) is None, rel


def test_feature_lists() -> None:
    for later in ("set-methods", "array-grouping", "regexp-v-flag", "Temporal", "decorators",
                  "iterator-helpers", "resizable-arraybuffer", "ShadowRealm", "import-attributes",
                  "json-modules", "promise-with-resolvers", "Float16Array", "Array.fromAsync"):
        assert later not in ES2023_FEATURES
    for kept in ("symbols-as-weakmap-keys", "hashbang", "Proxy", "BigInt", "Reflect",
                 "TypedArray", "async-iteration", "class-static-block", "regexp-match-indices"):
        assert kept in ES2023_FEATURES
    assert len(LATER_BUILTIN_PATHS) == len(set(LATER_BUILTIN_PATHS))


def _suite(root: Path, files: dict) -> None:
    for rel, text in files.items():
        p = root / "test" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def test_select_profile_and_sample(tmp_path: Path) -> None:
    files = {f"language/x/t{i:02d}.js": f"/*---\nfeatures: [optional-chaining]\n---*/\na?.b{i};\n"
             for i in range(10)}
    files["language/x/old.js"] = "/*---\ndescription: x\n---*/\n1;\n"
    files["built-ins/Proxy/p.js"] = "/*---\nfeatures: [Proxy]\n---*/\nnew Proxy({}, {});\n"
    _suite(tmp_path, files)
    tests, skipped = select(tmp_path, None)
    assert [t["path"] for t in tests] == ["language/x/old.js"]
    tests, skipped = select(tmp_path, None, ES2023)
    paths = [t["path"] for t in tests]
    assert paths == [f"language/x/t{i:02d}.js" for i in range(10)] + ["built-ins/Proxy/p.js"]
    assert skipped[IN_ES2017] == 1
    sample, skipped = select(tmp_path, None, ES2023, sample=3)
    assert [t["path"] for t in sample] == paths[::3]
    assert skipped["not in the 1-in-3 sample"] == len(paths) - len(paths[::3])
    assert select(tmp_path, None, ES2023, sample=3)[0] == sample   # deterministic
    assert [t["path"] for t in select(tmp_path, "Proxy", ES2023)[0]] == ["built-ins/Proxy/p.js"]


def test_names_and_directories() -> None:
    assert test262.default_name(ES2017, None, 0) == "all"
    assert test262.default_name(ES2017, "language/", 0) == "language_"
    assert test262.default_name(ES2023, None, 10) == "es2023-sample10"
    assert test262.default_name(ES2023, "built-ins/", 0) == "es2023-built-ins_"
    assert test262.results_dir(ES2017) == test262.RESULTS_DIR
    assert test262.results_dir(ES2023) == test262.RESULTS_DIR / "es2023"
    assert test262.section(ES2017) == "## Interpreter (test262)"
    assert "ES2023" in test262.section(ES2023)


def test_report_by_feature() -> None:
    ok = {"status": "pass"}
    bad = {"status": "fail", "kind": "throw", "msg": "TypeError: x"}
    res = [{"path": "language/a/1.js", "modes": {"sloppy": ok}, "features": ["optional-chaining"]},
           {"path": "language/a/2.js", "modes": {"sloppy": bad},
            "features": ["optional-chaining", "class"]},
           {"path": "built-ins/P/3.js", "modes": {"sloppy": ok}}]
    data = {"suite": "x", "runs": ["es2023"], "skipped": {}, "kept": {}, "profile": "es2023",
            "results": res}
    report = build_report(data)
    assert "| optional-chaining | 2 | 1 | 1 | 0 | 0 | 50.0% |" in report
    assert "| (no later tag) | 1 | 1 | 0 | 0 | 0 | 100.0% |" in report
    assert "| class |" not in report   # an ES2017 tag
    assert "Later features kept on purpose" not in report


@pytest.fixture
def tiny_suite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import signal
    (tmp_path / "harness").mkdir()
    (tmp_path / "harness" / "assert.js").write_text("function assert() {}\n")
    (tmp_path / "harness" / "sta.js").write_text("function Test262Error() {}\n")
    monkeypatch.setattr(test262, "ROOT", tmp_path)
    monkeypatch.setattr(test262, "_HARNESS", {})
    old = signal.signal(signal.SIGALRM, test262._on_alarm)
    yield tmp_path
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("body,kind", [
    ("var await = 1;", "parse-await"),               # `await` as an identifier, where it fails
    ("async function f() { await 1; }\nvar x = ;", "parse"),   # a keyword `await`; fails elsewhere
])
def test_parse_await_kind(tiny_suite: Path, body: str, kind: str) -> None:
    rel = "language/x/t.js"
    text = f"/*---\nflags: [noStrict]\n---*/\n{body}\n"
    p = tiny_suite / "test" / rel
    p.parent.mkdir(parents=True)
    p.write_text(text)
    r = test262.run_test({"path": rel, "meta": parse_frontmatter(text)[0]}, 5.0)["modes"]["sloppy"]
    assert (r["status"], r["kind"]) == ("fail", kind)
