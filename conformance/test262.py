"""Run fetchflow's interpreter over test262 (the ES2017 subset, or another profile).

    python conformance/test262.py [--profile es2017|es2023|es2023-full] [--filter SUBSTR]
                                  [--sample N] [--jobs N] [--timeout S]
                                  [--write-results] [--limit N] [--name NAME] [--list]
    python conformance/test262.py --name NAME --rerun fail,timeout,internal
    python conformance/test262.py --report-only [--names a,b] [--write-results]

test262 lives outside the repo, in ~/.cache/fetchflow/test262 (or $FETCHFLOW_TEST262);
see conformance/README.md for how to get it.  Selection (test262_select.py) by profile;
the default, es2017, is described here.  Selected: test/language/** and the
built-ins in BUILTIN_DIRS.  A test is skipped when its path is out of scope
(annexB, intl402, staging), its flags say `module`, its `features:` list names
anything outside ES2015-ES2017 (bar the few in KEPT_LATER_FEATURES), or its
source uses objects we do not have (Proxy, BigInt typed arrays, $262.createRealm ...).
Every skip rule is counted in the report.

Each test runs in a fresh Machine, once per mode (sloppy, strict, or the one its
flags allow), with the harness files concatenated in front, as test262's
INTERPRETING.md describes.  A file passes when every mode passes.  Workers are
separate processes: a test that overruns --timeout is stopped by SIGALRM inside the
worker, and a worker that does not answer at all is killed and replaced.

Python exceptions escaping the interpreter are interpreter bugs: they are failures,
and they are listed apart, grouped by message, with the raising frame.

Raw results are kept in ~/.cache/fetchflow/test262-results/<name>.json so that
--report-only can rebuild the report; --write-results writes the report into
conformance/RESULTS.md under "## Interpreter (test262)", leaving other sections alone.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import multiprocessing
import multiprocessing.connection
import os
import re
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from test262_meta import parse_frontmatter  # noqa: E402
from test262_select import (  # noqa: E402,F401 - the selection's names, as before the split
    BUILTIN_DIRS, ES2017, ES2017_FEATURES, KEPT_LATER_FEATURES, LATER_BUILTIN_PATHS, PROFILES,
    UNSUPPORTED_INCLUDES, UNSUPPORTED_SOURCE, UNTAGGED_LATER_SYNTAX, V_FLAG_REGEXP, Profile,
    iter_candidates, select, skip_reason)

CACHE = Path(os.path.expanduser("~/.cache/fetchflow"))
ROOT = Path(os.environ.get("FETCHFLOW_TEST262", CACHE / "test262"))
MIRROR = Path("/work/.mirror/tc39+test262/repo")
RESULTS_DIR = CACHE / "test262-results"
RESULTS = HERE / "RESULTS.md"
SECTION = "## Interpreter (test262)"

AWAIT_IDENT = re.compile(r"(?<![\w$.])await(?![\w$])")


# -- getting the suite ---------------------------------------------------------------------------
def ensure_suite() -> Path:
    """test262 in ROOT; extracted from a local git mirror when one is there."""
    if (ROOT / "test" / "language").is_dir():
        return ROOT
    if MIRROR.is_dir():
        ROOT.mkdir(parents=True, exist_ok=True)
        print(f"extracting test262 from {MIRROR} into {ROOT} ...", file=sys.stderr)
        archive = subprocess.Popen(["git", f"--git-dir={MIRROR}", "archive", "HEAD"],
                                   stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(ROOT)], stdin=archive.stdout, check=True)
        archive.wait()
        if (ROOT / "test" / "language").is_dir():
            return ROOT
    sys.exit(f"test262 not found in {ROOT}: see conformance/README.md")


def fetchflow_version() -> str:
    """The repo's HEAD commit, '+dirty' when the interpreter's files have local changes."""
    repo = HERE.parent
    head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--", "fetchflow"],
                           capture_output=True, text=True).stdout.strip()
    return head + ("+dirty" if dirty else "")


def suite_version(root: Path) -> str:
    stamp = root / ".fetchflow-commit"
    if stamp.exists():
        return stamp.read_text().strip()
    if MIRROR.is_dir():
        r = subprocess.run(["git", f"--git-dir={MIRROR}", "log", "-1", "--format=%H %cs"],
                           capture_output=True, text=True)
        if r.returncode == 0:
            return r.stdout.strip()
    return "unknown version"


# -- selection (test262_select.py) --------------------------------------------------------
def modes(meta: dict[str, Any]) -> list[str]:
    flags = meta["flags"]
    if "raw" in flags or "noStrict" in flags:
        return ["sloppy"]
    if "onlyStrict" in flags:
        return ["strict"]
    return ["sloppy", "strict"]


# -- the worker ----------------------------------------------------------------------------------
class TestTimeout(BaseException):
    """Raised by SIGALRM inside the interpreter: not an Exception, so nothing catches it."""


_HARNESS: dict[str, str] = {}


def _harness(name: str) -> str:
    if name not in _HARNESS:
        _HARNESS[name] = (ROOT / "harness" / name).read_text(encoding="utf-8")
    return _HARNESS[name]


def build_source(meta: dict[str, Any], body: str, mode: str) -> str:
    flags = meta["flags"]
    if "raw" in flags:
        return body
    names = ["assert.js", "sta.js"]
    if "async" in flags:
        names.append("doneprintHandle.js")
    names += [n for n in meta["includes"] if n not in names]
    parts = ['"use strict";\n'] if mode == "strict" else []
    parts += [_harness(n) + "\n" for n in names]
    parts.append(body)
    return "".join(parts)


def _install_host(m: Any) -> None:
    """`print` and `$262` (global, evalScript) on the test's global object."""
    from test262_host import install
    install(m)


def _where(exc: BaseException) -> str:
    """The innermost traceback frame inside fetchflow: 'fetchflow/x.py:123 func'."""
    best = ""
    for fs in traceback.extract_tb(exc.__traceback__):
        norm = fs.filename.replace(os.sep, "/")
        if "/fetchflow/" in norm:
            best = f"fetchflow/{norm.split('/fetchflow/')[-1]}:{fs.lineno} {fs.name}"
    return best


def _constructor_name(m: Any, value: Any) -> str:
    from fetchflow.interp.values import JSObject
    if not isinstance(value, JSObject):
        return f"<{type(value).__name__}>"
    prev = m.enter()
    try:
        ctor = value.get("constructor", value)
        if isinstance(ctor, JSObject):
            name = ctor.get("name", ctor)
            if isinstance(name, str):
                return name
    except Exception:  # noqa: BLE001 - a getter may throw anything
        pass
    finally:
        m.leave(prev)
    return "<unknown>"


def _headline(m: Any, value: Any) -> str:
    """'Name: message' of a thrown value (Test262Error is not an Error, so read it in JS)."""
    from fetchflow.interp.values import JSObject
    s = ""
    if isinstance(value, JSObject):
        name = _constructor_name(m, value)
        prev = m.enter()
        try:
            msg = value.get("message", value)
            if isinstance(msg, str):
                s = f"{name}: {msg}"
        except Exception:  # noqa: BLE001
            pass
        finally:
            m.leave(prev)
    if not s:
        try:
            from fetchflow.interp.inspect_value import error_headline
            s = str(error_headline(value))
        except Exception as e:  # noqa: BLE001
            s = f"<error_headline failed: {type(e).__name__}: {e}>"
    s = s.strip().splitlines()[0] if s.strip() else "<empty>"
    return s[:300]


def run_mode(meta: dict[str, Any], body: str, mode: str) -> dict[str, Any]:
    """Run one test in one mode: {'status': pass|fail|internal|timeout, 'msg': ..., ...}."""
    from fetchflow import JSSyntaxError
    from fetchflow.host.environment import create_machine
    from fetchflow.interp.values import JSThrow

    negative = meta.get("negative") or {}
    phase, etype = negative.get("phase"), negative.get("type")
    is_async = "async" in meta["flags"]
    source = build_source(meta, body, mode)
    m = None
    try:
        # the machine users run (fetchflow/host/environment.py), plus test262's print/$262;
        # a rejection nobody handled is left to the host, as the spec's hook allows
        m = create_machine()
        _install_host(m)
        m.start(source)
        outcome = m.run_until_blocked()
        if outcome.threw:
            raise JSThrow(outcome.value)
    except JSSyntaxError as e:
        if phase in ("parse", "early", "resolution") and etype == "SyntaxError":
            return {"status": "pass"}
        first = str(e).strip().splitlines()[0] if str(e).strip() else "JSSyntaxError"
        kind = "parse"
        if not phase and AWAIT_IDENT.search(body) and AWAIT_IDENT.search(e.source_line or ""):
            # `await` as an identifier (on the line the parser stopped at): our script body
            # is async.  A test using `await` as a keyword that fails elsewhere is a `parse`.
            kind = "parse-await"
        return {"status": "fail", "kind": kind, "msg": f"JSSyntaxError: {first}"[:300]}
    except JSThrow as e:
        name = _constructor_name(m, e.value)
        head = _headline(m, e.value)
        if phase in ("parse", "early") and name == etype == "SyntaxError" \
                and "Test262:" not in head:
            return {"status": "pass"}
        if phase == "runtime" and name == etype:
            return {"status": "pass"}
        if phase in ("parse", "early"):
            return {"status": "fail", "kind": "negative-parse",
                    "msg": f"expected {etype} at parse, got uncaught {head}"}
        if phase == "runtime":
            return {"status": "fail", "kind": "negative-runtime",
                    "msg": f"expected uncaught {etype}, got {head}"}
        return {"status": "fail", "kind": "throw", "msg": head}
    except TestTimeout:
        return {"status": "timeout", "kind": "timeout", "msg": "timeout"}
    except RecursionError as e:
        return {"status": "internal", "kind": "internal", "exc": "RecursionError",
                "msg": f"RecursionError: {str(e)[:200]}", "where": _where(e)}
    except Exception as e:  # noqa: BLE001 - interpreter bugs
        return {"status": "internal", "kind": "internal", "exc": type(e).__name__,
                "msg": f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"[:300],
                "where": _where(e)}
    out = "\n".join(str(x) for x in (m.console_lines if m else []))
    if phase:
        return {"status": "fail", "kind": "negative-none",
                "msg": f"expected {etype} ({phase}), but the test completed normally"}
    if is_async:
        if "Test262:AsyncTestFailure" in out:
            line = next(ln for ln in out.splitlines() if "Test262:AsyncTestFailure" in ln)
            return {"status": "fail", "kind": "async",
                    "msg": line.replace("Test262:AsyncTestFailure:", "")[:300]}
        if "Test262:AsyncTestComplete" not in out:
            return {"status": "fail", "kind": "async", "msg": "async test did not call $DONE"}
    return {"status": "pass"}


def run_test(test: dict[str, Any], timeout: float) -> dict[str, Any]:
    src = (ROOT / "test" / test["path"]).read_text(encoding="utf-8", errors="surrogateescape")
    _meta, body = parse_frontmatter(src)
    meta = test["meta"]
    res: dict[str, Any] = {"path": test["path"], "modes": {}}
    if meta["features"]:
        res["features"] = meta["features"]   # the report's per-feature table
    for mode in modes(meta):
        signal.setitimer(signal.ITIMER_REAL, timeout)
        t0 = time.monotonic()
        try:
            r = run_mode(meta, body, mode)
        except TestTimeout:
            r = {"status": "timeout", "kind": "timeout", "msg": "timeout"}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        r["secs"] = round(time.monotonic() - t0, 3)
        res["modes"][mode] = r
    return res


def _on_alarm(signum: int, frame: Any) -> None:
    raise TestTimeout()


def worker_main(conn: Any, timeout: float) -> None:
    signal.signal(signal.SIGALRM, _on_alarm)
    sys.setrecursionlimit(20000)
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    except (ImportError, ValueError, OSError):
        pass
    while True:
        try:
            test = conn.recv()
        except EOFError:
            return
        if test is None:
            return
        try:
            res = run_test(test, timeout)
        except BaseException as e:  # noqa: BLE001 - report, keep the worker alive
            res = {"path": test["path"], "modes": {"?": {
                "status": "internal", "kind": "internal", "exc": type(e).__name__,
                "msg": f"{type(e).__name__}: {e}"[:300], "where": _where(e)}}}
        conn.send(res)


# -- the pool ------------------------------------------------------------------------------------
class Worker:
    RECYCLE = 400  # tests per process: bounds leaks and caches

    def __init__(self, ctx: Any, timeout: float) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(child, timeout), daemon=True)
        self.proc.start()
        child.close()
        self.test: Optional[dict[str, Any]] = None
        self.started = 0.0
        self.done = 0

    def send(self, test: dict[str, Any]) -> None:
        self.test, self.started = test, time.monotonic()
        self.conn.send(test)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()


def run_all(tests: list[dict[str, Any]], jobs: int, timeout: float) -> list[dict[str, Any]]:
    ctx = multiprocessing.get_context("fork")
    results: list[dict[str, Any]] = []
    queue = list(reversed(tests))
    workers = [Worker(ctx, timeout) for _ in range(max(1, min(jobs, len(tests))))]
    idle = list(workers)
    t0 = time.monotonic()
    # a worker gets this long per mode before it is killed from outside
    hard = timeout * 2 + 30
    while queue or len(idle) < len(workers):
        while queue and idle:
            idle.pop().send(queue.pop())
        busy = [w for w in workers if w.test is not None]
        ready = multiprocessing.connection.wait([w.conn for w in busy], timeout=5)
        now = time.monotonic()
        for w in list(busy):
            res = None
            if w.conn in ready:
                try:
                    res = w.conn.recv()
                except (EOFError, OSError):
                    res = _dead(w, "worker process died (exit code %s)" % w.proc.exitcode)
            elif not w.proc.is_alive():
                res = _dead(w, "worker process died (exit code %s)" % w.proc.exitcode)
            elif now - w.started > hard * len(modes(w.test["meta"])):  # type: ignore[index]
                res = _dead(w, "hard timeout: worker killed")
            if res is None:
                continue
            results.append(res)
            w.test = None
            w.done += 1
            if res.get("_dead") or w.done >= Worker.RECYCLE:
                w.stop(kill=bool(res.get("_dead")))
                nw = Worker(ctx, timeout)
                workers[workers.index(w)] = nw
                w = nw
            idle.append(w)
            n = len(results)
            if n % 200 == 0 or n == len(tests):
                rate = n / max(now - t0, 1e-9)
                print(f"  {n}/{len(tests)} files, {rate:.1f}/s", file=sys.stderr, flush=True)
    for w in workers:
        w.stop()
    return results


def _dead(w: Worker, msg: str) -> dict[str, Any]:
    assert w.test is not None
    status = "timeout" if "timeout" in msg else "internal"
    r = {"status": status, "kind": status, "msg": msg, "exc": "WorkerDied", "where": ""}
    return {"path": w.test["path"], "modes": {"?": r}, "_dead": True}


# -- CLI -----------------------------------------------------------------------------------------
def results_dir(profile: Profile) -> Path:
    """Where a profile's raw results live: the default profile's at the top (as before
    profiles existed), the others in a subdirectory, so that merging never mixes them."""
    return RESULTS_DIR if profile is ES2017 else RESULTS_DIR / profile.name


def section(profile: Profile) -> str:
    return SECTION if profile is ES2017 else f"## Interpreter (test262, {profile.title})"


def default_name(profile: Profile, filt: Optional[str], sample: int) -> str:
    base = re.sub(r"[^\w.-]+", "_", filt or "all")
    if profile is not ES2017:
        base = profile.name if not filt else f"{profile.name}-{base}"
    return base + (f"-sample{sample}" if sample > 1 else "")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--profile", choices=sorted(PROFILES), default="es2017",
                    help="es2017: the ES2017 subset (default); es2023: the ES2023 tests that "
                         "are not in it; es2023-full: both (see test262_select.py)")
    ap.add_argument("--filter", help="only test paths containing this substring "
                    "(relative to test/, e.g. language/expressions/addition)")
    ap.add_argument("--sample", type=int, default=0, metavar="N",
                    help="run every N-th selected file (in path order: the same files each time)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per test and mode")
    ap.add_argument("--limit", type=int, default=0, help="run only the first N selected files")
    ap.add_argument("--list", action="store_true",
                    help="print the selected paths and the skip counts; run nothing")
    ap.add_argument("--write-results", action="store_true",
                    help="write the report into conformance/RESULTS.md")
    ap.add_argument("--report-only", action="store_true",
                    help="rebuild the report from the saved raw results of earlier runs")
    ap.add_argument("--name", help="name of the raw results file (default: from --profile, "
                                   "--filter and --sample)")
    ap.add_argument("--rerun", metavar="STATUSES",
                    help="re-run the files of the saved run --name whose status is one of "
                         "these (comma-separated: fail,timeout,internal) and update that run")
    ap.add_argument("--names", help="with --report-only: merge only these saved runs (comma-separated)")
    args = ap.parse_args(argv)

    from test262_report import build_report, load_raw, save_raw, write_section

    profile = PROFILES[args.profile]
    directory = results_dir(profile)
    root = ensure_suite()
    name = args.name or default_name(profile, args.filter, args.sample)
    if args.list:
        tests, skipped = select(root, args.filter, profile, args.sample)
        for t in tests:
            print(t["path"])
        for why, n in skipped.most_common():
            print(f"skipped {n}: {why}", file=sys.stderr)
        print(f"{len(tests)} files selected, {sum(skipped.values())} skipped", file=sys.stderr)
        return 0
    if args.report_only:
        names = args.names.split(",") if args.names else None
        data = load_raw(directory, names=names)
    elif args.rerun:
        rerun_saved(root, directory, name, set(args.rerun.split(",")), args)
        data = load_raw(directory, names=[name])
    else:
        t0 = time.monotonic()
        tests, skipped = select(root, args.filter, profile, args.sample)
        if args.limit:
            tests = tests[:args.limit]
        print(f"{len(tests)} files selected, {sum(skipped.values())} skipped", file=sys.stderr)
        results = run_all(tests, args.jobs, args.timeout)
        data = {
            "suite": suite_version(root), "filter": args.filter or "", "profile": profile.name,
            "sample": args.sample, "fetchflow": fetchflow_version(),
            "date": datetime.date.today().isoformat(),
            "seconds": round(time.monotonic() - t0), "skipped": dict(skipped),
            "kept": dict(collections.Counter(f for t in tests for f in t["meta"]["features"]
                                             if f in profile.kept)),
            "results": sorted(results, key=lambda r: r["path"]),
        }
        save_raw(directory, name, data)
        data = load_raw(directory, names=[name])
    report = build_report(data)
    print(report)
    if args.write_results:
        write_section(RESULTS, section(profile), report)
    return 0


def rerun_saved(root: Path, directory: Path, name: str, statuses: set[str], args: Any) -> None:
    """Run again the files of saved run ``name`` that ended in one of ``statuses``."""
    raw = directory / f"{name}.json"
    data = json.loads(raw.read_text())
    again = {r["path"] for r in data["results"]
             if any(m["status"] in statuses for m in r["modes"].values())}
    tests, skipped = select(root, data.get("filter") or None,
                            PROFILES[data.get("profile") or "es2017"], data.get("sample") or 0)
    keep = {t["path"] for t in tests}
    dropped = sum(1 for r in data["results"] if r["path"] not in keep)
    data["results"] = [r for r in data["results"] if r["path"] in keep]
    data["skipped"] = dict(skipped)
    tests = [t for t in tests if t["path"] in again]
    print(f"{dropped} saved files are skipped now", file=sys.stderr)
    print(f"re-running {len(tests)} files of {name}", file=sys.stderr)
    new = {r["path"]: r for r in run_all(tests, args.jobs, args.timeout)}
    data["results"] = [new.get(r["path"], r) for r in data["results"]]
    if tests:
        data["reran"] = f"{len(tests)} files ({','.join(sorted(statuses))}) re-run on " \
                        f"{datetime.date.today().isoformat()} at fetchflow {fetchflow_version()}"
    raw.write_text(json.dumps(data))


if __name__ == "__main__":
    sys.exit(main())
