"""The on-disk cache of parsed programs (fetchflow/grammar/ast_cache.py): a cached parse is
the parse, and a file that is corrupt, tampered with or not private is ignored."""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pytest

from fetchflow import FetchResponse, execute_code, resume_execution
from fetchflow.grammar import ast_cache as AC
from fetchflow.grammar.parser import parse
from fetchflow.interp.scope import eval_context

SOURCES = [
    "const a = [1, , 3], {x, y: [z = 2] = []} = {x: 1};\nlabel: for (const k in a) { if (k) break label; }",
    "class A extends B { #p = 1; static { this.s = /a(b)?/gu; } async *m() { yield* await x?.[1n]; } }",
    "`t${1}\\u{1F600}` + '\\ud800' ; var f = function* () {}, g = async () => ({}) ; 0.5e-3 + 0x1F",
]


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "ast"
    d.mkdir(mode=0o700)
    monkeypatch.setattr(AC._CACHE, "dir", str(d))
    monkeypatch.setattr(AC._CACHE, "looked", True)
    monkeypatch.setattr(AC._CACHE, "stored", set())
    return d


@pytest.mark.parametrize("src", SOURCES)
def test_a_cached_parse_is_the_parse(cache_dir: Path, src: str) -> None:
    p = parse(src)
    AC.store(src, p)
    assert len(list(cache_dir.iterdir())) == 1
    nodes: list = []
    q = AC.parse_cached(src, None, nodes)
    assert q is not p and q.to_dict() == p.to_dict()
    assert [n._id for n in nodes] == list(range(len(nodes))) and nodes[0] is q
    assert [(n.type, n.start, n.end, n.line, n.column, n.end_line, n.end_column) for n in q.walk()] == \
        [(n.type, n.start, n.end, n.line, n.column, n.end_line, n.end_column) for n in p.walk()]
    assert all(n._cache is None for n in q.walk())


def _file(d: Path) -> Path:
    [f] = list(d.iterdir())
    return f


def _rewrite(path: Path, payload: bytes) -> None:
    """A file with a correct digest around ``payload`` (what a tamperer would write)."""
    path.write_bytes(AC.MAGIC + hashlib.sha256(payload).digest() + payload)
    path.chmod(0o600)


def _payload(path: Path) -> tuple:
    data = path.read_bytes()
    return pickle.loads(data[len(AC.MAGIC) + 32:])


def test_bad_files_are_ignored_and_removed(cache_dir: Path) -> None:
    src = SOURCES[0]
    expected = parse(src).to_dict()
    text, rows = (None, None)

    def bad_files():
        yield b"garbage"
        yield AC.MAGIC + b"\0" * 32 + b"payload with a wrong digest"
        good = _file(cache_dir).read_bytes()
        yield good[:-10]                                     # truncated
        yield good[:-1] + bytes([good[-1] ^ 1])              # a flipped bit
        payload = good[len(AC.MAGIC) + 32:]
        yield ("digest", pickle.dumps(("other source", rows)))            # not this program
        yield ("digest", b"cos\nsystem\n(S'true'\ntR.")                    # a global
        bad = [list(r) for r in rows]
        bad[1][0] = "NoSuchNode"
        yield ("digest", pickle.dumps((text, bad)))
        bad = [list(r) for r in rows]
        bad[2] = [x if type(x) is not tuple else (0,) for x in bad[2]]    # a reference backwards
        yield ("digest", pickle.dumps((text, bad)))
        bad = [list(r) for r in rows]
        bad[0][-1] = 1j                                                    # not plain data
        yield ("digest", pickle.dumps((text, bad), protocol=5))
        yield ("digest", payload + b"trailing")

    AC.store(src, parse(src))
    path = _file(cache_dir)
    text, rows = _payload(path)
    good = path.read_bytes()
    for n, bad in enumerate(bad_files()):
        if type(bad) is tuple:
            _rewrite(path, bad[1])
        else:
            path.write_bytes(bad)
        q = AC.parse_cached(src)
        assert q.to_dict() == expected
        assert not path.exists(), n
        path.write_bytes(good)
        path.chmod(0o600)


def test_a_file_others_may_write_is_not_read(cache_dir: Path) -> None:
    src = SOURCES[1]
    AC.store(src, parse(src))
    path = _file(cache_dir)
    path.chmod(0o666)
    assert AC.load(src) is None
    path.chmod(0o600)
    assert AC.load(src) is not None


def test_eval_code_is_never_answered_from_the_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(AC, "load", lambda text: pytest.fail("an eval's parse read the cache"))
    AC.parse_cached("1 + 1", eval_context({"x": (0, 0, "let")}))


def test_a_saved_state_stores_its_program_and_resumes_from_it(cache_dir: Path) -> None:
    src = 'const r = await fetch("https://a.example/"); const t = await r.text(); t + "!"'
    r = execute_code(src, quiet=True)
    state = r.state.to_bytes()
    assert len(list(cache_dir.iterdir())) == 1
    from fetchflow.interp import compiler
    compiler._PARSE_CACHE.clear()   # as in a fresh process
    out = resume_execution(state, FetchResponse(r.fetch_request.id, True, 200, "OK", "ok"), quiet=True)
    assert out.result == "ok!"


def test_the_directory_stays_bounded(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(AC, "MAX_FILES", 4)
    monkeypatch.setattr(AC._CACHE, "pruned", False)
    for i in range(6):
        (cache_dir / f"old{i}.ast").write_bytes(b"x")
        os.utime(cache_dir / f"old{i}.ast", (i, i))
    AC.store("1", parse("1"))
    names = {p.name for p in cache_dir.iterdir()}
    assert {"old3.ast", "old4.ast", "old5.ast"} < names and len(names) == 4
