"""Finding 7: the parser tables were a pickle read from ~/.cache/fetchflow and then from the
world-writable $TMPDIR/fetchflow-cache, so a planted pickle ran code.  Now the tables ship in
the package as JSON, and a stale grammar falls back to a JSON cache in a private directory."""
from __future__ import annotations

import base64
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fetchflow.grammar import tables as T

ROOT = Path(__file__).resolve().parents[2]


class _Plant:
    """Unpickling this creates the file named by ``marker``."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> Any:
        return (open, (self.marker, 'w'))


def _old_cache_name() -> str:
    # the name the old loader looked for (its key: format 4, Python version, grammar)
    import hashlib
    grammar = T._read_grammar()
    text = f'4\n{sys.version_info[:2]}\n{grammar}'
    return f'es2017-tables-{hashlib.sha256(text.encode()).hexdigest()[:20]}.pickle'


def test_shipped_tables_are_fresh() -> None:
    # fails when es2017.lark changed without `python -m fetchflow.grammar.build_tables`
    assert T.is_fresh(), 'run: python -m fetchflow.grammar.build_tables'


def test_shipped_tables_are_package_data() -> None:
    text = (ROOT / 'pyproject.toml').read_text()
    assert 'es2017_tables.json' in text


def test_planted_pickles_are_never_loaded(tmp_path: Path) -> None:
    cache, tmpdir = tmp_path / 'cache', tmp_path / 'tmp'
    marker = tmp_path / 'pwned'
    blob = pickle.dumps(_Plant(str(marker)))
    # every name a pickle cache ever had, in every directory the old loader looked in, and
    # the new JSON name too (holding a pickle)
    key = T.grammar_key(T._read_grammar())[:20]
    for d in (cache / 'fetchflow', tmpdir / 'fetchflow-cache'):
        d.mkdir(parents=True)
        os.chmod(d, 0o700)
        for name in (_old_cache_name(), f'es2017-tables-{key}.json', f'es2017-tables-{key}.pickle'):
            (d / name).write_bytes(blob)
    code = "import fetchflow; print(fetchflow.evaluate('1 + 1'))"
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), TMPDIR=str(tmpdir))
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env=env,
                         cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == '2'
    assert not marker.exists()


@pytest.fixture
def stale(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A development checkout whose grammar no longer matches the shipped tables: the
    shipped file is replaced by one stamped for another grammar."""
    shipped = tmp_path / 'shipped.json'
    doc = json.loads(Path(T.SHIPPED_PATH).read_text())
    doc['grammar_sha256'] = '0' * 64
    shipped.write_text(json.dumps(doc))
    monkeypatch.setattr(T, 'SHIPPED_PATH', str(shipped))
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'cache'))
    return tmp_path / 'cache' / 'fetchflow'


_GOOD = Path(T.SHIPPED_PATH).read_text()


def _good_json() -> str:
    return _GOOD


def test_stale_grammar_builds_a_private_json_cache(stale: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_build = T.build
    monkeypatch.setattr(T, 'build', lambda g: calls.append(1) or real_build(g))
    first = T.load()
    assert calls == [1]
    assert stale.is_dir() and (stale.stat().st_mode & 0o777) == 0o700
    (name,) = os.listdir(stale)
    assert name.endswith('.json') and (stale / name).stat().st_mode & 0o777 == 0o600
    json.loads((stale / name).read_text())          # plain data
    second = T.load()                                # from the cache: no rebuild
    assert calls == [1]
    assert second.rows == first.rows and second.reductions == first.reductions


def test_cache_in_a_shared_directory_is_ignored(stale: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale.mkdir(parents=True)
    key = T.grammar_key(T._read_grammar())[:20]
    (stale / f'es2017-tables-{key}.json').write_text(_good_json())
    os.chmod(stale, 0o777)                           # anyone could have written the file
    calls = []
    monkeypatch.setattr(T, 'build', lambda g: calls.append(1) or T.from_json(_good_json(), g))
    T.load()
    assert calls == [1]                              # rebuilt, not read
    os.chmod(stale, 0o700)
    os.chmod(stale / f'es2017-tables-{key}.json', 0o666)
    T.load()
    assert calls == [1, 1]                           # a group/world-writable file is not read
    os.chmod(stale / f'es2017-tables-{key}.json', 0o600)
    T.load()
    assert calls == [1, 1]                           # a private one is


def _with_first_entry(d: dict, value: int) -> None:
    """Replace the table's first number (a symbol index) in the packed rows."""
    raw = bytearray(base64.b64decode(d['table']))
    raw[0:2] = value.to_bytes(2, 'little')
    d['table'] = base64.b64encode(bytes(raw)).decode('ascii')


@pytest.mark.parametrize('mutate', [
    lambda d: d.update(table=[[0, 1]] * len(d['row_sizes'])),        # rows as JSON lists
    lambda d: d.update(table='*' + d['table'][1:]),                  # not base64
    lambda d: d.update(table=d['table'] + 'AAAA'),                   # more numbers than rows hold
    lambda d: d.update(row_sizes=[1] + d['row_sizes'][1:]),          # half a pair
    lambda d: d.update(row_sizes=[1.5] + d['row_sizes'][1:]),
    lambda d: d.update(row_sizes=[-2] + d['row_sizes'][1:]),
    lambda d: _with_first_entry(d, 0xFFFF),                          # symbol index out of range
    lambda d: d.update(reductions=[[1, 'x', '__class__']] + d['reductions'][1:]),
    lambda d: d.update(reductions=[[1, 'x', 'a.b']] + d['reductions'][1:]),
    lambda d: d.update(lexer_group=d['lexer_group'][:-1]),
    lambda d: d.update(groups=[[[['(?P<x>a)', 'flags']], {}]]),
    lambda d: d.update(start_state=len(d['row_sizes'])),
    lambda d: d.update(format=4),
    lambda d: d.clear(),
])
def test_malformed_tables_are_refused(mutate: Any) -> None:
    doc = json.loads(Path(T.SHIPPED_PATH).read_text())
    mutate(doc)
    with pytest.raises(T.TablesError):
        T.from_json(json.dumps(doc), T._read_grammar())
    with pytest.raises(T.TablesError):
        T.from_json('\x80garbage', T._read_grammar())
