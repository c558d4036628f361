"""Node's recorded output, kept beside the test module whose programs it answers.

The programs that tests/interp/builtins/test_json.py sends to node, and what node 20 printed
for each, live in tests/interp/builtins/test_json.node.json::

    {"about": "...", "programs": [{"program": [...lines...], "node": [...lines...]}, ...]}

sorted by program, one line of program or output per JSON line, so a diff shows what
changed.  An entry may carry ``"env": {"TZ": "Asia/Kolkata"}`` (node ran with that
environment).  ``"node"`` is a list of lines when the output ends with a newline (nearly
always) and a plain string otherwise.

Who writes, and when (a test run never writes a tracked file):

* ``python -m pytest --update-node-fixtures <tests>`` runs node for every program the
  selected tests use, rewrites the files whose entries are missing or differ, and prunes
  the entries no test used from each test module that ran whole;
* ``FETCHFLOW_NODE_RECHECK=1`` runs node too, and fails a test whose fixture differs;
* otherwise a missing entry is computed in memory when node is on PATH (with a warning
  saying how to record it), and fails the test when node is absent.

Stale entries fail the run: when a test module ran whole (not narrowed by ``-k``, ``-m``
or a ``file.py::test`` id; no test failed or skipped; the session was not stopped early),
entries that none of its tests used make the session fail, and the summary names them.
A ``*.node.json`` file with no test module beside it, under a directory that ran (with no
test deselected), is stale too.  The pytest hooks below are imported by tests/conftest.py.
"""
from __future__ import annotations

import json
import os
import shutil
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Set, Tuple

import pytest

SUFFIX = ".node.json"
UPDATE_FLAG = "--update-node-fixtures"
HOW = f"`python -m pytest {UPDATE_FLAG} <the test file>` (node 20 on PATH)"

Env = Tuple[Tuple[str, str], ...]
Key = Tuple[str, Env]           # (program, sorted environment variables)


def fixture_path(module: Path) -> Path:
    """tests/x/test_y.py -> tests/x/test_y.node.json"""
    return module.with_name(module.stem + SUFFIX)


def make_key(program: str, env: Optional[Dict[str, str]] = None) -> Key:
    return program, tuple(sorted((env or {}).items()))


# -- the file format --------------------------------------------------------------------------

def _output_to_json(out: str) -> Any:
    if out == "" or out.endswith("\n"):
        return out[:-1].split("\n") if out else []
    return out


def _output_from_json(v: Any) -> str:
    return v if isinstance(v, str) else "".join(line + "\n" for line in v)


def _visible(text: str) -> str:
    """JSON text with invisible characters escaped: control and format characters, line
    separators and lone surrogates (which UTF-8 cannot even encode) read as \\uXXXX."""
    def esc(ch: str) -> str:
        if ord(ch) < 0x80 or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return ch
        if ord(ch) > 0xFFFF:
            b = ch.encode("utf-16-be")
            return "\\u%02x%02x\\u%02x%02x" % tuple(b)
        return "\\u%04x" % ord(ch)
    return "".join(esc(ch) for ch in text) if not text.isascii() else text


def dumps(module: Path, entries: Dict[Key, str]) -> str:
    programs = []
    for (program, env), out in sorted(entries.items()):
        rec: Dict[str, Any] = {}
        if env:
            rec["env"] = dict(env)
        rec["program"] = program.split("\n")
        rec["node"] = _output_to_json(out)
        programs.append(rec)
    doc = {"about": f"node 20's output for the programs of {module.name}; rewrite with "
                    f"`python -m pytest {UPDATE_FLAG} {module.name}`",
           "programs": programs}
    return _visible(json.dumps(doc, indent=1, ensure_ascii=False)) + "\n"


def loads(text: str) -> Dict[Key, str]:
    doc = json.loads(text)
    return {make_key("\n".join(r["program"]), r.get("env")): _output_from_json(r["node"])
            for r in doc["programs"]}


# -- one file per test module ------------------------------------------------------------------

@dataclass
class FixtureFile:
    """The recorded entries of one test module, and what this session did with them."""
    module: Path
    entries: Dict[Key, str]
    used: Set[Key] = field(default_factory=set)
    refreshed: Set[Key] = field(default_factory=set)   # node ran for it in this session
    unrecorded: Dict[Key, str] = field(default_factory=dict)   # node's output, not written
    changed: bool = False

    @property
    def path(self) -> Path:
        return fixture_path(self.module)

    def output(self, key: Key, run_node: Callable[[str], str]) -> str:
        """Node's output for ``key``; ``run_node(node_executable)`` computes it (when, and
        whether it is written, is said in the module docstring)."""
        self.used.add(key)
        node = shutil.which("node")
        if UPDATE:
            if key in self.refreshed:
                return self.entries[key]
            if node is None:
                pytest.fail(f"{UPDATE_FLAG} needs node (20) on PATH")
            out = run_node(node)
            if self.entries.get(key) != out:
                self.entries[key] = out
                self.changed = True
            self.refreshed.add(key)
            return out
        if key in self.entries:
            text = self.entries[key]
            if node is not None and os.environ.get("FETCHFLOW_NODE_RECHECK") == "1":
                out = run_node(node)
                if out != text:
                    pytest.fail(f"node's output differs from {self.path.name}: refresh it with "
                                f"{HOW}\n--- fixture:\n{text}\n--- node:\n{out}")
            return text
        if key in self.unrecorded:
            return self.unrecorded[key]
        how = f"record it with {HOW} and commit {self.path.name}"
        if node is None:
            pytest.fail(f"no node output recorded in {self.path.name} for this program, and no "
                        f"node on PATH: {how}\n{key[0][:2000]}")
        warnings.warn(f"no node output recorded in {self.path.name} for a program (node's "
                      f"output used in memory): {how}")
        self.unrecorded[key] = out = run_node(node)
        return out

    def has(self, key: Key) -> bool:
        return key in self.entries

    def write(self) -> None:
        if self.entries:
            self.path.write_text(dumps(self.module, self.entries), encoding="utf-8")
        elif self.path.exists():
            self.path.unlink()


UPDATE = False   # set from --update-node-fixtures
_files: Dict[Path, FixtureFile] = {}
_current: List[Path] = []   # the module of the test running now


def for_module(module: Path) -> FixtureFile:
    module = module.resolve()
    f = _files.get(module)
    if f is None:
        p = fixture_path(module)
        entries = loads(p.read_text(encoding="utf-8")) if p.exists() else {}
        f = _files[module] = FixtureFile(module, entries)
    return f


def current() -> FixtureFile:
    """The fixture file of the test module whose test is running."""
    if not _current:
        raise RuntimeError("node's output is looked up per test module: call the node oracle "
                           "from inside a test")
    return for_module(_current[-1])


# -- pytest hooks (imported by tests/conftest.py) ---------------------------------------------

@dataclass
class _Session:
    collected: Dict[Path, int] = field(default_factory=dict)   # module -> selected items
    finished: Dict[Path, int] = field(default_factory=dict)
    partial: Set[Path] = field(default_factory=set)            # narrowed, failed or skipped
    deselected: bool = False                                   # -k, -m, --deselect
    whole_dirs: List[Path] = field(default_factory=list)
    stale: Dict[Path, List[Key]] = field(default_factory=dict)
    orphans: List[Path] = field(default_factory=list)


_session = _Session()


def pytest_addoption(parser: Any) -> None:
    parser.addoption(UPDATE_FLAG, action="store_true", default=False,
                     help="run node for the node-differential tests, rewrite their "
                          "<test>.node.json entries that are missing or differ and prune "
                          "unused ones (needs node 20 on PATH)")


def pytest_configure(config: Any) -> None:
    global UPDATE, _session
    UPDATE = bool(config.getoption(UPDATE_FLAG))
    _session = _Session()
    _files.clear()
    base = Path(config.invocation_params.dir)
    for arg in config.args:
        path = (base / arg.split("::", 1)[0]).resolve()
        if "::" in arg:
            _session.partial.add(path)
        elif path.is_dir():
            _session.whole_dirs.append(path)


def pytest_deselected(items: List[Any]) -> None:
    _session.deselected = True
    for item in items:
        _session.partial.add(Path(item.path).resolve())


def pytest_collection_finish(session: Any) -> None:
    for item in session.items:
        m = Path(item.path).resolve()
        _session.collected[m] = _session.collected.get(m, 0) + 1


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: Any, nextitem: Any) -> Iterator[Any]:
    m = Path(item.path).resolve()
    _current.append(m)
    try:
        return (yield)
    finally:
        _current.pop()
        _session.finished[m] = _session.finished.get(m, 0) + 1


def pytest_runtest_logreport(report: Any) -> None:
    if _current and (report.failed or (report.skipped and not hasattr(report, "wasxfail"))):
        # a failed test may have stopped before its programs; a skip may depend on the machine
        _session.partial.add(_current[-1])


def _whole_modules() -> List[Path]:
    return [m for m, n in _session.collected.items()
            if m not in _session.partial and _session.finished.get(m, 0) == n]


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):
        return   # an xdist worker sees a share of the tests: no verdict on staleness
    for m in _whole_modules():
        f = for_module(m)
        stale = sorted(k for k in f.entries if k not in f.used)
        if not stale:
            continue
        if UPDATE:
            for k in stale:
                del f.entries[k]
            f.changed = True
        else:
            _session.stale[m] = stale
    for d in _session.whole_dirs if not _session.deselected else ():
        for p in sorted(d.rglob("*" + SUFFIX)):
            if not p.with_name(p.name[:-len(SUFFIX)] + ".py").exists():
                if UPDATE:
                    p.unlink()
                else:
                    _session.orphans.append(p)
    if UPDATE:
        for f in _files.values():
            if f.changed:
                f.write()
    if (_session.stale or _session.orphans) and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not (_session.stale or _session.orphans):
        return
    tr = terminalreporter
    tr.section("stale node fixtures", red=True)
    for m, keys in _session.stale.items():
        path = fixture_path(m)
        tr.line(f"{path}: {len(keys)} entr{'y' if len(keys) == 1 else 'ies'} "
                f"no test of {m.name} used:")
        order = {k: i for i, k in enumerate(for_module(m).entries)}   # the file's order
        starts = [n + 1 for n, ln in enumerate(path.read_text(encoding="utf-8").split("\n"))
                  if ln == "  {"]
        for program, env in keys[:20]:
            i = order[(program, env)]
            where = f"{path.name}:{starts[i]}" if i < len(starts) else path.name
            head = program.strip().split("\n", 1)[0][:80]
            tr.line(f"    {where}: {' '.join(f'{k}={v} ' for k, v in env)}{head}")
        if len(keys) > 20:
            tr.line(f"    ... and {len(keys) - 20} more")
    for p in _session.orphans:
        tr.line(f"{p}: no test module {p.name[:-len(SUFFIX)]}.py beside it")
    tr.line(f"prune them with `python -m pytest {UPDATE_FLAG} <those test files>`", red=True)
