"""Which test262 files a profile runs, and why each other file is skipped.

Two profiles:

* ``es2017`` (the default): test/language/** and the ES2017 objects of test/built-ins/
  (BUILTIN_DIRS), minus tests whose ``features:`` name anything after ES2017 (bar
  KEPT_LATER_FEATURES), module tests, and tests that need objects we left out.
* ``es2023``: the tests of ES2023 (every feature tag up to ES2023, plus Proxy, Reflect, the
  typed arrays with BigInt64/BigUint64, BigInt ...) that are *not* in the es2017 selection:
  the measure of issue 10.  ``es2023-full`` is the union (es2023 without that subtraction).

Every skip is counted per rule in the report; the first matching rule wins.
"""
from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional, Pattern

from test262_meta import parse_frontmatter, strip_frontmatter

# built-ins/ directories in scope (ES2017 objects and global functions)
BUILTIN_DIRS = (
    "Object", "Function", "Array", "ArrayIteratorPrototype", "String", "StringIteratorPrototype",
    "Number", "Boolean", "Symbol", "Math", "JSON", "Error", "NativeErrors", "Map",
    "MapIteratorPrototype", "Set", "SetIteratorPrototype", "WeakMap", "WeakSet", "Promise",
    "RegExp", "Date", "Reflect", "parseInt", "parseFloat", "isNaN", "isFinite", "encodeURI",
    "encodeURIComponent", "decodeURI", "decodeURIComponent", "Iterator", "GeneratorPrototype",
    "GeneratorFunction", "AsyncFunction", "eval", "undefined", "NaN", "Infinity", "global",
    "ThrowTypeError", "ArrayBuffer", "TypedArray", "TypedArrayConstructors", "DataView",
)

# test262 feature tags of ES2015-ES2017: a test listing only these runs.
ES2017_FEATURES = frozenset("""
arrow-function async-functions class computed-property-names const default-parameters
destructuring-assignment destructuring-binding exponentiation for-of generators let new.target
rest-parameters super template u180e Map Set WeakMap WeakSet Promise Reflect Reflect.construct
Reflect.set Reflect.setPrototypeOf Symbol Symbol.hasInstance Symbol.isConcatSpreadable
Symbol.iterator Symbol.match Symbol.replace Symbol.search Symbol.species Symbol.split
Symbol.toPrimitive Symbol.toStringTag Symbol.unscopables String.fromCodePoint
String.prototype.endsWith String.prototype.includes Array.prototype.includes
Array.prototype.values Object.is
ArrayBuffer DataView TypedArray Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array
Int32Array Uint32Array Float32Array Float64Array
""".split()) | frozenset(f"DataView.prototype.{op}{t}" for op in ("get", "set") for t in (
    "Int8", "Uint8", "Int16", "Uint16", "Int32", "Uint32", "Float32", "Float64"))

# Later features kept on purpose: node 20 (our reference) has them, and so do we.
KEPT_LATER_FEATURES = {
    "globalThis": "ES2020; fetchflow defines globalThis",
    "well-formed-json-stringify": "ES2019; node escapes lone surrogates, so do we",
    "stable-array-sort": "ES2019; node's sort is stable",
    "for-in-order": "ES2020; node enumerates in this order",
    "__proto__": "Annex B __proto__ in object literals / Object.prototype.__proto__; node has it",
    "align-detached-buffer-semantics-with-web-reality":
        "ES2021 detached-buffer semantics (undefined, not TypeError); node has them, so do we",
}

SKIP_PATH_PARTS = ("/annexB/", "/intl402/", "/staging/")

# Built-ins added after ES2023 whose tests do not all carry a feature tag.
AFTER_ES2023_PATHS = """
Array/fromAsync String/prototype/isWellFormed String/prototype/toWellFormed Promise/withResolvers
Promise/try Object/groupBy Map/groupBy RegExp/prototype/unicodeSets RegExp/escape Math/sumPrecise
Math/f16round Iterator
""".split()
# ... and those added in ES2018-ES2023
ES2018_TO_ES2023_PATHS = """
Array/prototype/flat Array/prototype/flatMap Array/prototype/at Array/prototype/findLast
Array/prototype/findLastIndex Array/prototype/toReversed Array/prototype/toSorted
Array/prototype/toSpliced Array/prototype/with
String/prototype/matchAll String/prototype/replaceAll String/prototype/trimStart
String/prototype/trimEnd String/prototype/at Promise/allSettled Promise/any Promise/prototype/finally
Object/fromEntries Object/hasOwn Symbol/asyncIterator Symbol/matchAll Symbol/prototype/description
RegExp/prototype/dotAll RegExp/prototype/hasIndices
""".split()
# Built-ins added after ES2017 (ES2017 profile): both lists, in their old order.
LATER_BUILTIN_PATHS = tuple("built-ins/" + p + "/" for p in """
Array/prototype/flat Array/prototype/flatMap Array/prototype/at Array/prototype/findLast
Array/prototype/findLastIndex Array/prototype/toReversed Array/prototype/toSorted
Array/prototype/toSpliced Array/prototype/with Array/fromAsync
String/prototype/matchAll String/prototype/replaceAll String/prototype/trimStart
String/prototype/trimEnd String/prototype/at String/prototype/isWellFormed
String/prototype/toWellFormed Promise/allSettled Promise/any Promise/prototype/finally
Promise/withResolvers Promise/try Object/fromEntries Object/hasOwn Object/groupBy Map/groupBy
Symbol/asyncIterator Symbol/matchAll Symbol/prototype/description RegExp/prototype/dotAll
RegExp/prototype/hasIndices RegExp/prototype/unicodeSets RegExp/escape Math/sumPrecise
Math/f16round Iterator
""".split())
assert set(LATER_BUILTIN_PATHS) == {"built-ins/" + p + "/" for p in
                                    AFTER_ES2023_PATHS + ES2018_TO_ES2023_PATHS}

_GLOBALS_AND_REALM = ("source uses $262.createRealm / agent / gc / IsHTMLDDA",
                      re.compile(r"\$262\.(createRealm|agent|gc|IsHTMLDDA)\b"))
_SHARED_MEMORY = ("source uses Atomics / SharedArrayBuffer",
                  re.compile(r"\b(Atomics|SharedArrayBuffer)\b"))
# Objects we do not implement, found by scanning the test source (frontmatter removed).
UNSUPPORTED_SOURCE = [
    ("source uses Proxy", re.compile(r"\bProxy\b")),
    ("source uses BigInt64Array / BigUint64Array / Float16Array (or their DataView methods)",
     re.compile(r"\b(BigInt64Array|BigUint64Array|Float16Array|[gs]et(BigInt64|BigUint64|Float16))\b")),
    _SHARED_MEMORY,
    _GLOBALS_AND_REALM,
]
# RegExp literals with the `v` flag (ES2024) in tests that carry no feature tag.
V_FLAG_REGEXP = re.compile(r"/[gimsuyd]*v[gimsuyd]*(?=[\s.,;)\]])")
# Later syntax in tests whose `features:` do not say so (generated files mostly).
# (rule, applies to paths starting with, pattern); `??` and `1_0` only outside RegExp tests.
UNTAGGED_LATER_SYNTAX = [
    ("untagged syntax: async generators / for await (ES2018)", "",
     re.compile(r"\basync\s+function\s*\*|\basync\s*\*\s*[\w$\[]|\bfor\s+await\b")),
    ("untagged syntax: ?? / ?. (ES2020)", "language/",
     re.compile(r"\?\?|\?\.(?!\d)")),
    ("untagged syntax: numeric separators (ES2021)", "language/",
     re.compile(r"(?<![\w$.])\d+_\d")),
]
UNSUPPORTED_INCLUDES = frozenset({
    "testBigIntTypedArray.js", "proxyTrapsHelper.js",
    "testAtomics.js", "atomicsHelper.js", "resizableArrayBufferUtils.js",
    "temporalHelpers.js", "testIntl.js", "testIntlNumberFormat.js",
})

# -- ES2023 -----------------------------------------------------------------------------------
# Feature tags of ES2018-ES2023 (test262's features.txt, by the edition that took them in).
ES2018_TO_ES2023_FEATURES = frozenset("""
async-iteration object-rest object-spread Promise.prototype.finally regexp-dotall
regexp-lookbehind regexp-named-groups regexp-unicode-property-escapes Symbol.asyncIterator
Array.prototype.flat Array.prototype.flatMap Object.fromEntries string-trimming
String.prototype.trimEnd String.prototype.trimStart Symbol.prototype.description json-superset
well-formed-json-stringify stable-array-sort optional-catch-binding
BigInt globalThis Promise.allSettled String.prototype.matchAll Symbol.matchAll optional-chaining
coalesce-expression for-in-order stable-typedarray-sort
logical-assignment-operators numeric-separator-literal String.prototype.replaceAll Promise.any
AggregateError WeakRef FinalizationRegistry align-detached-buffer-semantics-with-web-reality
class-fields-private class-fields-public class-methods-private class-static-fields-private
class-static-fields-public class-static-methods-private class-fields-private-in
class-static-block Array.prototype.at String.prototype.at TypedArray.prototype.at Object.hasOwn
error-cause regexp-match-indices
array-find-from-last change-array-by-copy hashbang symbols-as-weakmap-keys
""".split())
# ES2015 tags the ES2017 profile left out and issue 10 brings in.
ES2015_ADDED = frozenset({"Proxy", "proxy-missing-checks"})
ES2023_FEATURES = ES2017_FEATURES | ES2018_TO_ES2023_FEATURES | ES2015_ADDED | {"__proto__"}
# In the edition, but out of scope for a script-only, single-threaded VM; each says why.
ES2023_LEFT_OUT = {
    "Atomics": "shared memory: fetchflow has one agent and no SharedArrayBuffer (issue 10 "
               "does not ask for them; the ES2017 profile leaves them out too)",
    "SharedArrayBuffer": "shared memory (see Atomics)",
    "dynamic-import": "needs a module loader; fetchflow runs scripts",
    "import.meta": "modules only",
    "top-level-await": "modules only (our script body is async anyway)",
    "arbitrary-module-namespace-names": "modules only",
    "export-star-as-namespace-from-module": "modules only",
    "tail-call-optimization": "ES2015, but node 20 has no proper tail calls either",
    "cross-realm": "needs $262.createRealm",
    "IsHTMLDDA": "needs the host's [[IsHTMLDDA]] object",
    "host-gc-required": "needs $262.gc",
}
ES2023_UNSUPPORTED_SOURCE = [
    ("source uses Float16Array (ES2025, or its DataView methods)",
     re.compile(r"\b(Float16Array|[gs]etFloat16|f16round)\b")),
    _SHARED_MEMORY,
    _GLOBALS_AND_REALM,
]
ES2023_UNSUPPORTED_INCLUDES = UNSUPPORTED_INCLUDES - {"testBigIntTypedArray.js", "proxyTrapsHelper.js"}
ES2023_BUILTIN_DIRS = BUILTIN_DIRS + (
    "AggregateError", "AsyncFromSyncIteratorPrototype", "AsyncGeneratorFunction",
    "AsyncGeneratorPrototype", "AsyncIteratorPrototype", "BigInt", "FinalizationRegistry",
    "Proxy", "RegExpStringIteratorPrototype", "WeakRef",
)


@dataclass(frozen=True)
class Profile:
    """A selection of test262: directories, feature tags and the skip rules that go with them."""
    name: str
    title: str
    builtin_dirs: tuple[str, ...]
    features: frozenset[str]
    kept: dict[str, str]                      # later tags kept on purpose (reported)
    left_out: dict[str, str]                  # tags of the edition left out, with why
    later_paths: tuple[str, ...]              # built-ins paths after the edition
    source_rules: list[tuple[str, Pattern[str]]]
    includes: frozenset[str]                  # harness includes we cannot run
    untagged_syntax: list[tuple[str, str, Pattern[str]]]
    eval_arguments_rule: bool                 # skip the post-ES2017 `var arguments` eval tests
    minus: Optional["Profile"] = field(default=None)   # skip what this profile selects


ES2017 = Profile(
    name="es2017", title="ES2017 subset", builtin_dirs=BUILTIN_DIRS, features=ES2017_FEATURES,
    kept=KEPT_LATER_FEATURES, left_out={}, later_paths=LATER_BUILTIN_PATHS,
    source_rules=UNSUPPORTED_SOURCE, includes=UNSUPPORTED_INCLUDES,
    untagged_syntax=UNTAGGED_LATER_SYNTAX, eval_arguments_rule=True)
ES2023_FULL = Profile(
    name="es2023-full", title="ES2023 (all of it)", builtin_dirs=ES2023_BUILTIN_DIRS,
    features=ES2023_FEATURES, kept={}, left_out=ES2023_LEFT_OUT,
    later_paths=tuple("built-ins/" + p + "/" for p in AFTER_ES2023_PATHS),
    source_rules=ES2023_UNSUPPORTED_SOURCE, includes=ES2023_UNSUPPORTED_INCLUDES,
    untagged_syntax=[], eval_arguments_rule=False)
ES2023 = Profile(**{**ES2023_FULL.__dict__, "name": "es2023",
                    "title": "ES2023 tests not in the ES2017 subset", "minus": ES2017})
PROFILES = {p.name: p for p in (ES2017, ES2023, ES2023_FULL)}
IN_ES2017 = "in the ES2017 subset (the default profile runs it)"


def iter_candidates(root: Path, profile: Profile = ES2017) -> Iterator[Path]:
    test = root / "test"
    yield from sorted((test / "language").rglob("*.js"))
    for d in profile.builtin_dirs:
        yield from sorted((test / "built-ins" / d).rglob("*.js"))


def skip_reason(rel: str, meta: dict[str, Any], body: str,
                profile: Profile = ES2017) -> Optional[str]:
    """Why a test is out of the profile, or None.  The first rule that matches wins."""
    if "_FIXTURE" in rel:
        return "fixture file (not a test)"
    for part in SKIP_PATH_PARTS:
        if part in "/" + rel:
            return f"path under {part.strip('/')}"
    for prefix in profile.later_paths:
        if rel.startswith(prefix):
            return f"path: {prefix[len('built-ins/'):-1]} (after {profile.name.split('-')[0].upper()})"
    if "module" in meta["flags"]:
        return "flag: module"
    for feat in meta["features"]:
        if feat in profile.left_out:
            return f"feature: {feat} (left out: {profile.left_out[feat]})"
        if feat not in profile.features and feat not in profile.kept:
            return f"feature: {feat}"
    for inc in meta["includes"]:
        if inc in profile.includes:
            return f"include: {inc}"
    for name, rx in profile.source_rules:
        if rx.search(body):
            return name
    if rel.startswith("built-ins/RegExp/CharacterClassEscapes/") and V_FLAG_REGEXP.search(body):
        return "regexp v flag (ES2024, untagged)"
    if profile.eval_arguments_rule and rel.startswith("language/eval-code/direct/") \
            and "-declare-arguments" in rel:
        # eval in parameter expressions lost its extra environment after ES2017 (ecma262 PR
        # #1046, opened Dec 2017), which is where `var arguments` there became a SyntaxError;
        # the tests are untagged
        return "eval declaring `arguments` in parameter expressions (after ES2017, untagged)"
    for name, prefix, rx in profile.untagged_syntax:
        if rel.startswith(prefix) and "regexp" not in rel.lower() and rx.search(body):
            return name
    if profile.minus is not None and in_dirs(rel, profile.minus) \
            and skip_reason(rel, meta, body, profile.minus) is None:
        return IN_ES2017
    return None


def in_dirs(rel: str, profile: Profile) -> bool:
    """Whether the profile looks at this path at all (language/ or one of its built-ins)."""
    parts = rel.split("/")
    return parts[0] == "language" or (parts[0] == "built-ins" and parts[1] in profile.builtin_dirs)


def select(root: Path, filt: Optional[str], profile: Profile = ES2017,
           sample: int = 0) -> tuple[list[dict[str, Any]], collections.Counter]:
    """The profile's tests (those whose path contains ``filt``), every ``sample``-th of them
    when ``sample`` > 1 (in path order, so a sample is the same from run to run), and the
    skip counts."""
    tests: list[dict[str, Any]] = []
    skipped: collections.Counter = collections.Counter()
    for p in iter_candidates(root, profile):
        rel = p.relative_to(root / "test").as_posix()
        if filt and filt not in rel:
            continue
        src = p.read_text(encoding="utf-8", errors="surrogateescape")
        meta, _ = parse_frontmatter(src)
        why = skip_reason(rel, meta, strip_frontmatter(src), profile)
        if why:
            skipped[why] += 1
            continue
        tests.append({"path": rel, "meta": meta})
    if sample > 1:
        skipped[f"not in the 1-in-{sample} sample"] = len(tests) - len(tests[::sample])
        tests = tests[::sample]
    return tests, skipped
