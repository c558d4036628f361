"""Issue 6: fuzzing.  Random token soup and mutated valid programs must only ever raise
fetchflow's documented exceptions: JSSyntaxError, JSError, LimitExceeded.  Anything else
(a Python exception escaping, a hang past the limits) is a bug.

Budget: 6000 soups + 6000 mutants + 2000 random texts, ~60 s on one core (FUZZ_EXAMPLES
scales it; FUZZ_RANDOM=1 draws fresh examples instead of the fixed derandomized set; the
hypothesis deadline is off because each run already has max_time).
"""
from __future__ import annotations

import os
import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fetchflow import JSError, JSSyntaxError, LimitExceeded, Limits, execute_code

N = int(os.environ.get("FUZZ_EXAMPLES", "6000"))
RANDOM = os.environ.get("FUZZ_RANDOM") is not None  # fresh examples instead of the fixed set
LIMITS = Limits(max_time=0.5, max_steps=200_000, max_heap_bytes=128 << 20, max_call_depth=2000)
SETTINGS = settings(max_examples=N, deadline=None, derandomize=not RANDOM, database=None,
                    suppress_health_check=list(HealthCheck))

CORPUS = [
    "let a = [1, 2, 3]; a.map(x => x * 2).filter(x => x > 2).reduce((s, x) => s + x, 0)",
    "function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2) } f(10)",
    "class A { constructor(x) { this.x = x } get y() { return this.x + 1 } static z() { return 'z' } }"
    " class B extends A { constructor() { super(2) } } new B().y + A.z()",
    "const {a, b: [c, ...d], ...rest} = {a: 1, b: [2, 3, 4], e: 5}; [a, c, d, rest]",
    "function* g() { let x = yield 1; while (x < 5) x = yield x * 2 } const it = g(); [it.next(), it.next(3), it.next(9)]",
    "(async () => { const r = await Promise.all([1, Promise.resolve(2)]); return r })()",
    "let s = ''; for (const k in {x: 1, y: 2}) s += k; for (const c of 'ab') s += c; s",
    "try { null.x } catch (e) { e instanceof TypeError } finally { 1 }",
    "label: for (let i = 0; i < 3; i++) { for (;;) { if (i) continue label; break label } }",
    "JSON.stringify({a: [1, {b: 2}], c: 'x'}, null, 2) + JSON.parse('[1,2]').length",
    "'abc'.replace(/(b)/g, (m, p) => p.toUpperCase()) + /a(?=b)/.test('ab')",
    "const m = new Map([[1, 'a']]); const s = new Set([1, 1, 2]); [...m.keys(), s.size]",
    "var o = {valueOf() { return 3 }, toString() { return 'o' }}; [o + 1, `${o}`, o * 2]",
    "typeof undefinedVar === 'undefined' && void 0 === undefined && (0, eval)('1 + 1')",
    "Object.keys(Object.freeze({a: 1})).concat(Reflect.ownKeys([1]))",
    "let x = 0; switch (x) { case 0: x++; case 1: x++; break; default: x = 9 } x",
    "new Function('a', 'b', 'return a + b')(1, 2) + Math.max(...[1, 5, 3])",
    "fetch('https://api.example.com/x').then(r => r.json())",
    "Symbol.iterator in Array.prototype && [...'héllo😀'].length",
    "do { var q = 1 } while (false); q ? 1 : 2; x => ({y: x}); a => b => c => a + b + c",
    "const t = (s, ...v) => s.raw.join('|') + v; t`a${1}b${2}`",
    "new Date(0).toISOString() + String(new Error('m')) + [1, [2, [3]]].toString()",
    "Object.defineProperty({}, 'x', {get() { return 1 }, enumerable: true}).x ** 2 >>> 1",
]

TOKENS = [t for t in re.split(r"(\W)", " ".join(CORPUS)) if t.strip()] + [
    "=>", "...", "?", ":", "`", "${", "}", "/", "/*", "*/", "//", "\n", "\\u0041", "'", '"',
    "async", "await", "yield", "function*", "new.target", "super", "this", "with", "delete",
    "in", "of", "instanceof", "typeof", "void", "debugger", "let", "const", "var", "static",
    "get", "set", "class", "extends", "import", "export", "0x1F", "1e308", ".5", "08", "0o7",
    "/[^]*?/gimuy", "\u2028", "\u00a0", "\ufeff", "𝒳", "\ud800",
]

EXPECTED = (JSSyntaxError, JSError, LimitExceeded)


def check(src: str) -> None:
    t0 = time.monotonic()
    try:
        execute_code(src, quiet=True, limits=LIMITS)
    except EXPECTED:
        pass
    # max_time is 0.5 s; what is left is parsing and one uninterruptible native call
    assert time.monotonic() - t0 < 10, f"slow: {src!r}"


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join))
def test_token_soup(src: str) -> None:
    check(src)


def _tokens(src: str) -> list:
    return [t for t in re.split(r"(\s+|\W)", src) if t]


@st.composite
def mutated(draw) -> str:
    toks = _tokens(draw(st.sampled_from(CORPUS)))
    for _ in range(draw(st.integers(1, 4))):
        if not toks:
            break
        i = draw(st.integers(0, len(toks) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "unicode", "replace"]))
        if op == "delete":
            del toks[i]
        elif op == "duplicate":
            toks.insert(i, toks[i])
        elif op == "swap":
            j = draw(st.integers(0, len(toks) - 1))
            toks[i], toks[j] = toks[j], toks[i]
        elif op == "insert":
            toks.insert(i, draw(st.sampled_from(TOKENS)))
        elif op == "unicode":
            toks.insert(i, draw(st.text(min_size=1, max_size=3)))
        else:
            toks[i] = draw(st.sampled_from(TOKENS))
    return "".join(toks)


@SETTINGS
@given(mutated())
def test_mutated_corpus(src: str) -> None:
    check(src)


@settings(max_examples=max(20, N // 3), deadline=None, derandomize=not RANDOM, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.text(max_size=60))
def test_random_text(src: str) -> None:
    check(src)


def test_corpus_itself_runs() -> None:
    for src in CORPUS:
        check(src)
