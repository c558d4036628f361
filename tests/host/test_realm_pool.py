"""Recycled realms (fetchflow/host/realm_pool.py): a VM made on a finished VM's built-ins runs
every script exactly as a VM made afresh, and a realm a script changed is never reused."""
from __future__ import annotations

import pytest

from fetchflow import FetchVM
from fetchflow.api import JSError
from fetchflow.host import realm_pool
from fetchflow.host.environment import create_machine
from fetchflow.interp.values import JSObject


@pytest.fixture(autouse=True)
def _empty_pool():
    realm_pool.set_size(8)
    while realm_pool.take() is not None:
        pass
    yield
    while realm_pool.take() is not None:
        pass


def _run(src: str, recycle: bool, **options) -> list:
    vm = FetchVM(quiet=True, **options)
    try:
        r = vm.execute(src)
    except JSError as e:
        return ["failed", list(e.console), e.name, e.message]
    finally:
        vm.dispose(recycle=recycle)
    return [r.type, list(r.console), r.result if r.type == "completed" else None]


# each script leaves something behind for the next one to find if the realm were shared
SCRIPTS = [
    "var g = 1; function f() { return 2 } globalThis.h = 3; console.log(typeof g, typeof f, typeof h)",
    "console.log(typeof g, typeof f, typeof h, Object.keys(globalThis).length)",
    "const s = Symbol.for('k'); console.log(Symbol.keyFor(s), String(s))",
    "console.log(Symbol.for('k') === Symbol.for('k'), Symbol.keyFor(Symbol.iterator))",
    "function t(a) { return a } const a = t`x`, b = t`x`; console.log(a === b, a.raw[0])",
    "Array.prototype.extra = 1; console.log([].extra)",
    "console.log([].extra, 'extra' in Array.prototype)",
    "Object.defineProperty(Math, 'E', {value: 3}); console.log(Math.E)",
    "Object.defineProperty(Math, 'max', {value: 3}); console.log(Math.max)",
    "console.log(Math.E, typeof Math.max)",
    "delete globalThis.JSON; console.log(typeof JSON)",
    "console.log(typeof JSON, JSON.stringify({a: 1}))",
    "Object.freeze(Object.prototype); console.log(Object.isFrozen(Object.prototype))",
    "console.log(Object.isFrozen(Object.prototype))",
    "Array.prototype.push.call(Array.prototype, 7); console.log(Array.prototype.length)",
    "console.log(Array.prototype.length, [][0])",
    "const p = Object.getPrototypeOf(function* () {}); p.x = 1; console.log(p.x)",
    "console.log(Object.getPrototypeOf(function* () {}).x)",
    "globalThis.JSON = 5; console.log(JSON)",
    "console.log(typeof JSON)",
    "Object.defineProperty(Function.prototype.call, 'length', {value: -0}); console.log(Object.is(Function.prototype.call.length, -0))",
    "console.log(Object.is(Function.prototype.call.length, -0), Function.prototype.call.length)",
    "class A extends (function () { return Array.prototype }) { #p = 1; static has(o) { return #p in o } }"
    " new A(); console.log(A.has(Array.prototype))",
    "console.log(Object.getOwnPropertyNames(Array.prototype).length)",
    "console.log(typeof performance.timeOrigin, performance.now() >= 0, new Date(0).getTimezoneOffset())",
]


def test_a_recycled_realm_runs_every_script_as_a_fresh_one() -> None:
    fresh = [_run(src, recycle=False) for src in SCRIPTS]
    kept, refused = realm_pool._POOL.kept, realm_pool._POOL.refused
    recycled = [_run(src, recycle=True) for src in SCRIPTS]
    assert recycled == fresh
    # most scripts ran on the realm of the one before; the changing ones had theirs dropped
    assert realm_pool._POOL.kept - kept >= 12 and realm_pool._POOL.refused - refused >= 8
    assert fresh[1][1] == ["undefined undefined undefined 2"]   # what a fresh realm shows
    assert fresh[3][1] == ["true undefined"]


def test_only_unchanged_realms_are_kept() -> None:
    assert _run("var x = 1; function y() {}", recycle=True)[0] == "completed"
    assert realm_pool.take() is not None              # added globals are removed, then kept
    _run("Array.prototype.foo = 1", recycle=True)
    assert realm_pool.take() is None                  # a changed built-in: dropped
    _run("Object.defineProperty(globalThis, 'Map', {enumerable: true})", recycle=True)
    assert realm_pool.take() is None                  # an original global changed: dropped
    _run("delete globalThis.Set; globalThis.Set = 1", recycle=True)
    assert realm_pool.take() is None


def test_a_recycled_realm_is_used_by_the_next_machine_and_reset() -> None:
    vm = FetchVM(quiet=True)
    vm.execute("Symbol.for('a'); Math.random()")
    m = vm._m
    realm = m.realm
    vm.dispose(recycle=True)
    assert m.realm is None                            # the old machine can no longer run
    made = create_machine()
    assert made.realm is realm                        # the kept realm serves the next machine
    assert realm.symbol_registry == {} and realm.template_cache == {}
    made2 = create_machine()
    assert made2.realm is not realm                   # one machine per realm


def test_options_apply_to_a_recycled_realm() -> None:
    _run("1", recycle=True)
    src = "console.log(Date.now(), new Date(0).getTimezoneOffset(), performance.timeOrigin)"
    frozen = _run(src, recycle=True, clock=1_000_000.0, timezone="+02:00")
    assert frozen[1] == ["1000000 -120 1000000"]
    again = _run(src, recycle=False)
    assert again[1][0].split()[1] == "0" and float(again[1][0].split()[0]) > 1e12


def test_math_random_is_reseeded() -> None:
    seqs = [_run("console.log(Math.random(), Math.random())", recycle=True)[1][0] for _ in range(4)]
    assert len(set(seqs)) == 4


def test_a_state_saved_on_a_recycled_realm_resumes(tmp_path) -> None:
    _run("var before = 1", recycle=True)
    src = """
    let n = 0; var seen = typeof before;
    Array.prototype.tag = 'T';
    const r = await fetch('https://example.test/a');
    console.log(seen, [].tag, await r.text(), typeof before);
    """
    vm = FetchVM(quiet=True)
    r = vm.execute(src)
    assert r.type == "paused"
    state = r.state.to_bytes()
    vm.dispose(recycle=True)                          # changed: not kept
    _run("1", recycle=True)                           # a kept realm for the load below
    out = FetchVM(quiet=True).resume(state, [{"id": r.fetch_requests[0].id, "success": True, "status": 200, "data": "body"}])
    assert out.type == "completed" and out.console == ["undefined T body undefined"]


def test_a_realm_only_reaches_objects_its_snapshot_compares() -> None:
    # otherwise recycling is off for the whole process (realm_pool._covered)
    m = create_machine()
    assert realm_pool._check_covered(m.realm)
    m.realm.intr["ArrayPrototype"].props["x"] = JSObject(None)   # an object no snapshot has
    assert not realm_pool._check_covered(m.realm)


def test_size_zero_keeps_nothing() -> None:
    realm_pool.set_size(0)
    _run("1", recycle=True)
    assert realm_pool.take() is None
    with pytest.raises(ValueError):
        realm_pool.set_size(-1)
