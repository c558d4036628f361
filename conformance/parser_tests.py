"""Run fetchflow's parser over the test262-parser-tests corpus.

    python conformance/parser_tests.py [--parser fetchflow|esprima] [--jobs 2]
                                       [--timeout 20] [--no-write] [--limit N]

The npm package `test262-parser-tests` is installed (once) into
~/.cache/fetchflow/test262-parser-tests with `npm install --prefix`.  Its
directories:

- pass/  must parse (and, as a bonus, to the same AST as pass-explicit/),
- fail/  must be rejected with JSSyntaxError (grammar errors),
- early/ must be rejected with JSSyntaxError (early errors).

Only ES2017 scripts are in scope; files that need later syntax or the module
goal are skipped by the rules in SKIP_RULES, and each rule's count is
reported.  Our script goal differs from ES2017 in one way: the script body is
an async body (top-level await), so `await` is a keyword at the top level.
Files whose verdict flips because of that are counted separately, not hidden.

Results go to stdout and, unless --no-write, to conformance/RESULTS.md under
"## Parser (test262-parser-tests)".
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Optional

PACKAGE = "test262-parser-tests"
VERSION = "0.0.5"
CACHE = Path(os.path.expanduser("~/.cache/fetchflow")) / PACKAGE
ROOT = CACHE / "node_modules" / PACKAGE
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
SECTION = "## Parser (test262-parser-tests)"

# (name, applies to categories, predicate on (file name, source)).  The first
# matching rule skips the file.
_RE = re.compile
SKIP_RULES: list[tuple[str, tuple[str, ...], Callable[[str, str], bool]]] = [
    ("module goal (.module.js)", ("pass", "fail", "early"),
     lambda name, src: ".module." in name),
    ("import/export declarations (module syntax)", ("pass", "fail", "early"),
     lambda name, src: bool(_RE(r"(^|[;{}]\s*)(import|export)\b(?!\s*\()", re.M).search(src))),
    ("async iteration: for await / async generators (ES2018)", ("pass", "fail", "early"),
     lambda name, src: bool(_RE(r"\bfor\s+await\b|\basync\s*(function\s*)?\*").search(src))),
    ("object rest/spread {...x} (ES2018)", ("pass", "fail", "early"),
     lambda name, src: bool(_RE(r"\{\s*\.\.\.|,\s*\.\.\.[\w$]+\s*\}").search(src))),
    ("optional catch binding (ES2019)", ("pass", "fail", "early"),
     lambda name, src: bool(_RE(r"\bcatch\s*\{").search(src))),
    ("U+2028/U+2029 in a string literal (ES2019 JSON superset)", ("pass", "fail"),
     lambda name, src: bool(_RE("['\"][^'\"\n]*[\u2028\u2029]").search(src))),
    ("BigInt / numeric separators (ES2020/21)", ("pass", "fail", "early"),
     lambda name, src: bool(_RE(r"\b(0[xXoObB][0-9a-fA-F_]+|\d[\d_]*)n\b|\d_\d").search(src))),
    ("optional chaining / nullish coalescing (ES2020)", ("pass", "fail", "early"),
     lambda name, src: bool(_RE(r"\?\.(?!\d)|\?\?").search(src))),
    ("class fields / private names (ES2022)", ("pass", "fail", "early"),
     lambda name, src: bool(_RE(r"(^|[^\w$'\"])#[A-Za-z_$]").search(src))),
    ("regexp named groups / lookbehind / \\p{} / s flag (ES2018)", ("pass", "fail", "early"),
     lambda name, src: bool(_RE(r"\(\?<|\\[pP]\{|/[gimuy]*s[gimuy]*\s*[;,)\n]").search(src))
     and "/" in src),
    # fail/ programs that later editions made valid (the parser does ES2023)
    ("public class fields `class {a}` (ES2022)", ("fail", "early"),
     lambda name, src: bool(_RE(r"\bclass\s*\{\s*[A-Za-z_$][\w$]*\s*(=[^}]*)?[;}]").search(src))),
    ("`\\8` / `\\9` in a sloppy string (valid since ES2021)", ("fail", "early"),
     lambda name, src: bool(_RE(r"\\[89]").search(src)) and "use strict" not in src),
]

AWAIT_RE = re.compile(r"(?<![\w$])await(?![\w$])")
MODULE_RULES = SKIP_RULES[:2]   # --syntax es2023 keeps only these: the parser does ES2023

# --syntax es2023: this 2016-era corpus puts some now-valid programs in fail/ and early/
# (`(class {a})`, `'\\9'` ...).  Where node's verdict differs from the directory's, the
# expected verdict is node's: does `new vm.Script(source)` accept it?
NODE_VERDICTS = r"""
const fs = require('fs'), vm = require('vm');
const out = {};
for (const p of JSON.parse(fs.readFileSync(0, 'utf8'))) {
  try { new vm.Script(fs.readFileSync(p, 'utf8')); out[p] = 'parsed'; }
  catch (e) { out[p] = e instanceof SyntaxError ? 'rejected' : 'error: ' + e; }
}
process.stdout.write(JSON.stringify(out));
"""


# Where node (V8) departs from the spec, the directory's verdict stands.
V8_DEVIATIONS = {
    "a8beb1480f385441.js": "`func() = 4`: V8 parses a call as an assignment target (web "
                           "compatibility) and throws at run time; the spec's is an early error",
    "0f5f47108da5c34e.js": "`catch (a) { for (var a of 1); }`: V8 accepts it; B.3.4 allows the "
                           "redeclaration for for-in and plain var, not for-of",
}


def node_verdicts(paths: list[str]) -> dict[str, str]:
    """node's parse verdict ('parsed' / 'rejected') for each file, as a classic script."""
    p = subprocess.run(["node", "-e", NODE_VERDICTS], input=json.dumps(paths),
                       capture_output=True, text=True, check=True)
    return json.loads(p.stdout)


def later_syntax_rule(category: str, name: str, src: str) -> Optional[str]:
    """The first ES2018+ rule of SKIP_RULES that matches, or None."""
    for rule, cats, pred in SKIP_RULES[2:]:
        if category in cats and pred(name, src):
            return rule
    return None


def ensure_corpus() -> Path:
    """Install the npm package into the cache (outside the repo) if missing."""
    if (ROOT / "pass").is_dir():
        return ROOT
    CACHE.mkdir(parents=True, exist_ok=True)
    pkg = CACHE / "package.json"
    if not pkg.exists():
        pkg.write_text('{"private": true}\n')
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(CACHE),
                    f"{PACKAGE}@{VERSION}"], check=True)
    return ROOT


# -- workers ------------------------------------------------------------------

_PARSER = "fetchflow"
_TIMEOUT = 20
_RULES = SKIP_RULES


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout()


def _init_worker(parser: str, timeout: int, es2023: bool = False) -> None:
    global _PARSER, _TIMEOUT, _RULES
    _PARSER = parser
    _TIMEOUT = timeout
    _RULES = MODULE_RULES if es2023 else SKIP_RULES
    signal.signal(signal.SIGALRM, _alarm)
    sys.setrecursionlimit(10000)


def _normalise(d: Any) -> Any:
    """to_dict() without locations, None-valued keys, or regex values."""
    if isinstance(d, dict):
        out = {}
        for k, v in d.items():
            if k in ("loc", "range", "start", "end") or v is None:
                continue
            if k == "value" and "regex" in d:
                continue
            out[k] = _normalise(v)
        return out
    if isinstance(d, list):
        return [_normalise(x) for x in d]
    if isinstance(d, float) and d.is_integer():
        return int(d)
    return d


def _twin_norm(d: Any) -> Any:
    """Normalise for the pass/pass-explicit comparison: the explicit twins
    re-quote strings and re-spell numbers, so compare values, not `raw`, and
    non-computed property keys by their PropName string."""
    if isinstance(d, dict):
        out = {}
        for k, v in d.items():
            if k == "raw":
                continue
            if k == "key" and not d.get("computed") and isinstance(v, dict):
                if v.get("type") == "Identifier":
                    out[k] = v.get("name")
                    continue
                if v.get("type") == "Literal":
                    val = v.get("value")
                    out[k] = val if isinstance(val, str) else _num_key(val)
                    continue
            out[k] = _twin_norm(v)
        return out
    if isinstance(d, list):
        return [_twin_norm(x) for x in d]
    return d


def _num_key(v: Any) -> str:
    if isinstance(v, float):
        if v != v:
            return "NaN"
        if v in (float("inf"), float("-inf")):
            return "Infinity" if v > 0 else "-Infinity"
        if v.is_integer() and abs(v) < 1e21:
            return str(int(v))
    return str(v)


def _parse(source: str) -> Any:
    """Parse; returns the normalised dict.  Raises ('syntax', msg) as
    SyntaxError for a proper rejection; anything else propagates."""
    if _PARSER == "esprima":
        import esprima  # type: ignore
        try:
            return esprima.parseScript(source).toDict()
        except esprima.Error as e:  # type: ignore[attr-defined]
            raise SyntaxError(str(e)) from None
    from fetchflow.errors import JSSyntaxError
    from fetchflow.grammar.parser import parse
    try:
        return parse(source).to_dict()
    except JSSyntaxError as e:
        raise SyntaxError(e.message) from None


def run_one(job: tuple[str, str, str]) -> dict[str, Any]:
    category, path, explicit = job
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        src = f.read()
    res: dict[str, Any] = {"category": category, "name": name, "status": "",
                           "message": "", "await": bool(AWAIT_RE.search(src))}
    for rule, cats, pred in _RULES:
        if category in cats and pred(name, src):
            res["status"] = "skip"
            res["message"] = rule
            return res
    t0 = time.perf_counter()
    signal.alarm(_TIMEOUT)
    try:
        tree = _parse(src)
        res["status"] = "parsed"
        if category == "pass" and explicit and os.path.exists(explicit):
            with open(explicit, encoding="utf-8") as f:
                esrc = f.read()
            try:
                etree = _parse(esrc)
                res["twin"] = ("same" if _twin_norm(_normalise(tree)) == _twin_norm(_normalise(etree))
                               else "differs")
            except SyntaxError as e:
                res["twin"] = "explicit rejected: " + str(e)[:120]
    except SyntaxError as e:
        res["status"] = "rejected"
        res["message"] = str(e)[:300]
    except _Timeout:
        res["status"] = "timeout"
    except RecursionError:
        res["status"] = "crash"
        res["message"] = "RecursionError"
    except Exception as e:  # noqa: BLE001 - a crash is a result here
        res["status"] = "crash"
        res["message"] = f"{type(e).__name__}: {e}"[:300]
    finally:
        signal.alarm(0)
    res["seconds"] = round(time.perf_counter() - t0, 3)
    return res


# -- reporting ----------------------------------------------------------------

_GROUP_SUBS = [
    (re.compile(r"^Line \d+: "), ""),
    (re.compile(r"\(line \d+:\d+\)"), ""),
    (re.compile(r"'[^']*'"), "'…'"),
    (re.compile(r"\"[^\"]*\""), "\"…\""),
    (re.compile(r"\b\d+\b"), "N"),
]


def group_key(message: str) -> str:
    msg = message.splitlines()[0] if message else "(no message)"
    for rx, rep in _GROUP_SUBS:
        msg = rx.sub(rep, msg)
    return msg.strip()[:120]


def esprima_reason(path: str) -> str:
    """Why esprima rejects a file: a name for a group of accepted fail/ files."""
    try:
        import esprima  # type: ignore
        with open(path, encoding="utf-8") as f:
            esprima.parseScript(f.read())
        return "(esprima accepts it too)"
    except Exception as e:  # noqa: BLE001
        return "esprima: " + group_key(str(e))


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parser", choices=("fetchflow", "esprima"), default="fetchflow")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=20, help="seconds per file")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files per dir")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--json", help="also dump per-file results to this path")
    ap.add_argument("--syntax", choices=("es2017", "es2023"), default="es2017",
                    help="es2023: run the files with ES2018+ syntax too (only module files are "
                         "skipped); where node's verdict differs from the directory's, node's "
                         "is expected (node must be on PATH)")
    args = ap.parse_args(argv)
    es2023 = args.syntax == "es2023"

    root = ensure_corpus()
    jobs: list[tuple[str, str, str]] = []
    for cat in ("pass", "fail", "early"):
        names = sorted(os.listdir(root / cat))
        if args.limit:
            names = names[:args.limit]
        for n in names:
            explicit = str(root / "pass-explicit" / n) if cat == "pass" else ""
            jobs.append((cat, str(root / cat / n), explicit))

    t0 = time.time()
    with multiprocessing.Pool(args.jobs, initializer=_init_worker,
                              initargs=(args.parser, args.timeout, es2023),
                              maxtasksperchild=200) as pool:
        results = list(pool.imap_unordered(run_one, jobs, chunksize=8))
    elapsed = time.time() - t0
    results.sort(key=lambda r: (r["category"], r["name"]))
    if es2023:
        add_expectations(results, root)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))

    report = build_report(results, root, args.parser, elapsed, es2023)
    print(report)
    if not args.no_write and args.parser == "fetchflow" and not args.limit:
        write_section(report, SECTION + (" with ES2018+ syntax" if es2023 else ""))
    return 0


def add_expectations(results: list[dict[str, Any]], root: Path) -> None:
    """Mark the files with ES2018+ syntax (`later`: the rule) and, where node's verdict
    differs from the directory's, expect node's (`expect`): later editions made some
    fail/ programs valid (`'\\9'` in sloppy code, `(class {a})`, U+2028 in strings)."""
    scope = {}
    for r in results:
        if r["status"] == "skip":
            continue
        path = str(root / r["category"] / r["name"])
        with open(path, encoding="utf-8") as f:
            rule = later_syntax_rule(r["category"], r["name"], f.read())
        if rule:
            r["later"] = rule
        scope[path] = r
    for path, verdict in node_verdicts(sorted(scope)).items():
        r = scope[path]
        if verdict != _WANT[r["category"]] and not r["await"] and r["name"] not in V8_DEVIATIONS:
            r["expect"] = verdict


_WANT = {"pass": "parsed", "fail": "rejected", "early": "rejected"}


def _wanted(r: dict[str, Any]) -> str:
    return r.get("expect") or _WANT[r["category"]]


def build_report(results: list[dict[str, Any]], root: Path, parser: str,
                 elapsed: float, es2023: bool = False) -> str:
    lines: list[str] = []
    today = datetime.date.today().isoformat()
    lines.append(f"Run {today} with `{parser}` on {PACKAGE}@{VERSION} "
                 f"({elapsed:.0f} s wall, {os.cpu_count()} cores)"
                 + (", ES2018+ syntax included." if es2023 else "."))
    lines.append("")
    targets = {"pass": 99.0, "fail": 95.0, "early": 90.0}
    lines.append("| dir | files | skipped | in scope | correct | rate | target | "
                 "crash | timeout |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    flipped: list[dict[str, Any]] = []
    for cat in ("pass", "fail", "early"):
        rs = [r for r in results if r["category"] == cat]
        skipped = [r for r in rs if r["status"] == "skip"]
        scope = [r for r in rs if r["status"] != "skip"]
        # Verdicts flipped by the top-level-await goal are reported apart.
        flips = [r for r in scope if r["await"] and r["status"] != _wanted(r)
                 and r["status"] in ("parsed", "rejected")]
        flipped.extend(flips)
        scope = [r for r in scope if r not in flips]
        ok = [r for r in scope if r["status"] == _wanted(r)]
        crash = sum(r["status"] == "crash" for r in scope)
        tmo = sum(r["status"] == "timeout" for r in scope)
        rate = 100.0 * len(ok) / len(scope) if scope else 100.0
        lines.append(f"| {cat}/ | {len(rs)} | {len(skipped)} | {len(scope)} | {len(ok)} | "
                     f"{rate:.1f}% | >= {targets[cat]:.0f}% | {crash} | {tmo} |")
    lines.append("")

    twins = collections.Counter(r.get("twin", "")[:17] for r in results
                                if r["category"] == "pass" and r["status"] == "parsed")
    if twins:
        lines.append(f"pass-explicit twins: {twins.get('same', 0)} same AST, "
                     f"{twins.get('differs', 0)} differ, "
                     f"{twins.get('explicit rejected', 0)} explicit twin rejected.")
        lines.append("")

    if es2023:
        lines += _later_table(results)
    lines.append(f"Skip rules ({'ES2023' if es2023 else 'ES2017'} scope), files skipped per rule:")
    lines.append("")
    skips = collections.Counter((r["message"], r["category"]) for r in results
                                if r["status"] == "skip")
    for rule, _cats, _p in (MODULE_RULES if es2023 else SKIP_RULES):
        per = {c: skips.get((rule, c), 0) for c in ("pass", "fail", "early")}
        lines.append(f"- {rule}: {sum(per.values())} "
                     f"(pass {per['pass']}, fail {per['fail']}, early {per['early']})")
    lines.append("")

    lines.append("Verdicts flipped by the top-level-await script goal "
                 f"(`await` is a keyword at top level): {len(flipped)}")
    for r in flipped:
        lines.append(f"- {r['category']}/{r['name']}: {r['status']}"
                     + (f" ({r['message'][:80]})" if r["message"] else ""))
    lines.append("")

    # Largest failing groups.
    groups: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for r in results:
        cat = r["category"]
        if r["status"] == "skip" or r in flipped or r["status"] == _wanted(r):
            continue
        if r["status"] in ("crash", "timeout"):
            key = f"{r['status']}: {group_key(r['message'])}"
        elif _wanted(r) == "parsed":
            key = "rejected: " + group_key(r["message"])
        else:
            key = "accepted; " + esprima_reason(str(root / cat / r["name"]))
        groups[(cat, key)].append(r["name"])
    if groups:
        lines.append("Largest failing groups (examples):")
        lines.append("")
        for (cat, key), names in sorted(groups.items(), key=lambda kv: -len(kv[1]))[:25]:
            lines.append(f"- {cat}/ {len(names)} × {key} — e.g. {', '.join(names[:3])}")
        lines.append("")
    twin_diffs = [r["name"] for r in results if r.get("twin") == "differs"]
    if twin_diffs:
        lines.append(f"Twin mismatches (pass vs pass-explicit), e.g. {', '.join(twin_diffs[:5])}")
        lines.append("")
    return "\n".join(lines)


def _later_table(results: list[dict[str, Any]]) -> list[str]:
    """The files with ES2018+ syntax, per rule: how many, and how many right (expected:
    the directory's verdict, or node's where node's differs)."""
    lines = ["Files with ES2018+ syntax (the ES2017 skip rules), correct / in scope "
             "(`node` = expected verdict taken from node, which differs from the directory's):", "",
             "| rule | pass/ | fail/ | early/ | node |", "|---|---|---|---|---|"]
    for rule, _cats, _p in SKIP_RULES[2:]:
        cells = []
        for cat in ("pass", "fail", "early"):
            rs = [r for r in results if r.get("later") == rule and r["category"] == cat]
            ok = sum(r["status"] == _wanted(r) for r in rs)
            cells.append(f"{ok}/{len(rs)}")
        moved = sum(1 for r in results if r.get("later") == rule and "expect" in r)
        lines.append(f"| {rule} | {' | '.join(cells)} | {moved} |")
    lines.append("")
    moved = [r for r in results if "expect" in r]
    if moved:
        lines.append("Files whose expected verdict is node's (valid ES2023, or rejected by node):")
        lines.append("")
        for r in moved:
            lines.append(f"- {r['category']}/{r['name']}: node {r['expect']}, fetchflow {r['status']}")
        lines.append("")
    return lines


def write_section(report: str, section: str = SECTION) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else "# Conformance results\n"
    body = section + "\n\n" + report.rstrip() + "\n"
    if section + "\n" in text:   # the whole heading line: one section's name prefixes another's
        start = text.index(section + "\n")
        nxt = text.find("\n## ", start + len(section))
        text = text[:start] + body + (text[nxt:] if nxt != -1 else "")
    else:
        text = text.rstrip() + "\n\n" + body
    RESULTS.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
