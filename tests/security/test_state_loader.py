"""The state loader: a state can only describe its own VM (issue 9, findings 1, 2, 3, 6, 8).

Each attack is built as an attacker would: decompress an honest state or write pickle
opcodes by hand, then recompute the unsigned digest (plain SHA-256).
"""
from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import fetchflow
from fetchflow import FetchResponse, FetchVM, Limits, LimitExceeded, StateError
from fetchflow import state as S
from fetchflow import state_records as R
from fetchflow.interp import compiler
from fetchflow.interp.realm import Realm
from fetchflow.interp.values import NULL, WELL_KNOWN, JSObject

from .reference_states import FIXTURES, SCENARIOS, V2_FIXTURES, V2_SCENARIOS, resume_to_end
from .state_tools import Ref, fingerprint, fingerprint_diff, open_state, read_stream, refs, seal, write_stream

API = "https://api.example.com"


def paused(src: str, **kw: object) -> fetchflow.ExecutionResult:
    r = fetchflow.execute_code(src, quiet=True, **kw)
    assert r.type == "paused"
    return r


def answer(r: fetchflow.ExecutionResult, body: str = "") -> list:
    return [FetchResponse(q.id, True, 200, "OK", body) for q in r.fetch_requests]


def fixture(name: str) -> bytes:
    return (FIXTURES / f"{name}.state").read_bytes()


@pytest.fixture(autouse=True)
def _restore_classes():
    """If an attack ever works again, undo it so the rest of the run is not poisoned."""
    from fetchflow.limits import Limits as L
    saved = {c: dict(vars(c)) for c in (Realm, L, JSObject)}
    yield
    for c, before in saved.items():
        for k in set(vars(c)) - set(before):
            delattr(c, k)
        for k, v in before.items():
            if vars(c).get(k) is not v and k not in ("__dict__", "__weakref__", "__doc__"):
                setattr(c, k, v)


# -- opcodes, for states written by hand ---------------------------------------------------------

def GLOBAL(module: str, name: str) -> bytes:
    return b"c" + f"{module}\n{name}\n".encode()


def STR(s: str) -> bytes:
    b = s.encode()
    return b"X" + struct.pack("<I", len(b)) + b


def FLOAT(x: float) -> bytes:
    return b"G" + struct.pack(">d", x)


PROTO, NONE, EMPTY_DICT, SETITEM, TUPLE1, TUPLE2 = b"\x80\x02", b"N", b"}", b"s", b"\x85", b"\x86"
REDUCE, BUILD, STOP, BINPERSID, INT1 = b"R", b"b", b".", b"Q", b"K"


def setattr_on(target: bytes, attr: str, value: bytes) -> bytes:
    """A pickle that runs setattr(target, attr, value) through BUILD's slot state."""
    return PROTO + target + NONE + EMPTY_DICT + STR(attr) + value + SETITEM + TUPLE2 + BUILD + STOP


def hand_written(*pickles: bytes) -> bytes:
    """An unsigned state: a valid header, then the given pickles."""
    import pickle
    header = pickle.dumps({"version": S.VERSION, "fetchflow": fetchflow.__version__, "programs": []},
                          protocol=5)
    return seal(header + b"".join(pickles))


# -- finding 1: a state cannot change fetchflow for the whole process ----------------------------

FROZEN_CLOCK = GLOBAL("fetchflow.host.debug", "FrozenClock") + FLOAT(1234.0) + TUPLE1 + REDUCE
ATTACKS = {
    "Realm.clock": setattr_on(GLOBAL("fetchflow.interp.realm", "Realm"), "clock", FROZEN_CLOCK),
    "Realm.random_state": setattr_on(GLOBAL("fetchflow.interp.realm", "Realm"), "random_state",
                                     INT1 + b"\x01" + INT1 + b"\x02" + TUPLE2),
    "Limits.__dataclass_fields__": setattr_on(GLOBAL("fetchflow.limits", "Limits"),
                                              "__dataclass_fields__", EMPTY_DICT),
    # the same through references the v2 loader does hand out: shared objects refuse BUILD
    "well-known symbol": setattr_on(PROTO + STR("W") + STR("iterator") + TUPLE2 + BINPERSID,
                                    "description", STR("pwned")),
    "NULL sentinel": setattr_on(PROTO + STR("V") + STR("NULL") + TUPLE2 + BINPERSID, "_text", STR("pwned")),
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_build_on_a_class_or_shared_object_changes_nothing(name: str) -> None:
    before = fingerprint()
    with pytest.raises(StateError):
        S.load_machine(hand_written(ATTACKS[name]))
    assert fingerprint_diff(before, fingerprint()) == []
    assert "clock" not in vars(Realm) and "random_state" not in vars(Realm)
    assert WELL_KNOWN["iterator"].description == "Symbol.iterator" and repr(NULL) == "null"


def test_a_global_is_refused_by_name() -> None:
    with pytest.raises(StateError, match=r"fetchflow\.interp\.realm\.Realm"):
        S.load_machine(hand_written(ATTACKS["Realm.clock"]))
    for mod, name in (("collections", "deque"), ("builtins", "set"), ("os", "system")):
        with pytest.raises(StateError, match=f"{mod}.{name}"):
            S.load_machine(hand_written(PROTO + GLOBAL(mod, name) + STOP))


def test_later_runs_keep_their_clock_random_and_limits() -> None:
    for name in ("Realm.clock", "Realm.random_state", "Limits.__dataclass_fields__"):
        with pytest.raises(StateError):
            S.load_machine(hand_written(ATTACKS[name]))
    import time
    now = fetchflow.execute_code("Date.now()", quiet=True).result
    assert abs(now - time.time() * 1000) < 60_000
    a = fetchflow.execute_code("Math.random()", quiet=True).result
    b = fetchflow.execute_code("Math.random()", quiet=True).result
    assert a != b
    assert Limits().tightened(Limits(max_steps=5)).max_steps == 5
    # a victim's signed state still runs under its limits
    key = b"victim key"
    r = paused(f"await fetch('{API}/x'); let i = 0; while (i < 3e6) i++; i", key=key)
    with pytest.raises(LimitExceeded):
        fetchflow.resume_execution(r.state.to_bytes(), answer(r), key=key, limits=Limits(max_steps=100_000))


# -- finding 2: hostile records are StateError, never another exception -------------------------

def with_machine_record(record: object) -> bytes:
    items = read_stream(fixture("readme"))
    items[1] = record
    return write_stream(items)


def machine_record() -> dict:
    return dict(read_stream(fixture("readme"))[1])


@pytest.mark.parametrize("record", [
    {}, {"realm": None}, [], None, "x",
    {**machine_record(), "run_until_idle": 1},            # would shadow a Machine method
    {**machine_record(), "max_call_depth": 10 ** 9},      # no longer a field: the limits say
    {**machine_record(), "depth": -1},
    {**machine_record(), "steps": "0"},
    {**machine_record(), "host": {"pending": {}}},
    {**machine_record(), "host": {**machine_record()["host"], "pending": {"req_1": ("x", None)}}},
], ids=lambda r: repr(r)[:40])
def test_bad_machine_records(record: object) -> None:
    before = fingerprint()
    with pytest.raises(StateError):
        S.load_machine(with_machine_record(record))
    assert fingerprint_diff(before, fingerprint()) == []


def test_bad_records() -> None:
    items = read_stream(fixture("generators_closures"))
    names = {p[0]: p[1] for p in refs(items) if type(p[0]) is int}
    first = {}
    for i, n in sorted(names.items()):
        first.setdefault(n, i)
    k = 2 + first["Frame"]
    frame = items[k]
    bad = [
        (k, frame[:-1]),                                       # a field short
        (k, ("no such step",) + frame[1:]),                    # an unknown step
        (k, frame[:3] + ("0",) + frame[4:]),                   # pc not an int
        (2 + first["Object"], items[2 + first["Object"]][:1] + ("props",) + items[2 + first["Object"]][2:]),
        # a property value that is no JS value (a Python int is one now: a BigInt)
        (2 + first["Object"], items[2 + first["Object"]][:1] + ({"x": (1,)},) + items[2 + first["Object"]][2:]),
        (2 + first["Object"], items[2 + first["Object"]][:1] + ({"x": 1j},) + items[2 + first["Object"]][2:]),
        (2 + first["NativeFunction"], items[2 + first["NativeFunction"]][:5] + ("os.system", None)),
        (2 + first["Limits"], (float("nan"),) + items[2 + first["Limits"]][1:]),
    ]
    for i, st in bad:
        it = list(items)
        it[i] = st
        with pytest.raises(StateError):
            S.load_machine(write_stream(it))
    # references: unknown record type, a record seen under two names, unknown values
    for pid in ((0, "os.system"), (0, "Array"), (10 ** 6, "os.system"), (-1, "Object"), ("V", "nothing"),
                ("W", "pwn"), ("N", "os.system", "system"), ("C", "no program", 0), ("P", "x"), ("M",),
                (10 ** 9, "Object"), ("S", "await")):
        it = list(items)
        it[1] = {**it[1], "rv": Ref(pid)}
        with pytest.raises(StateError):
            S.load_machine(write_stream(it))
    # the stream ends early, has extra data, or is not a pickle at all
    for it in (items[:-2] + [None], items + [1]):
        with pytest.raises(StateError):
            S.load_machine(write_stream(it))
    raw = open_state(fixture("readme"))
    for payload in (raw[:len(raw) // 2], raw[:100] + b"\xff" * 50 + raw[150:], b"", b"garbage"):
        with pytest.raises(StateError):
            S.load_machine(seal(payload))


def test_a_failed_load_caches_no_parse() -> None:
    src = "const marker_of_a_failed_load = 1; await fetch('https://api.example.com/');"
    items = read_stream(paused(src).state.to_bytes())
    compiler._PARSE_CACHE.clear()
    items[1] = {**items[1], "steps": "many"}
    with pytest.raises(StateError):
        S.load_machine(write_stream(items))
    assert not any("marker_of_a_failed_load" in hit[4] for hit in compiler._PARSE_CACHE.values())


# -- finding 3: the format names registry entries, never Python modules --------------------------

def all_states() -> dict:
    out = {n: fixture(n) for n in SCENARIOS}
    out["fresh"] = paused(SCENARIOS["generators_closures"][0]).state.to_bytes()
    return out


def test_no_module_path_in_a_state() -> None:
    for name, st in all_states().items():
        assert b"fetchflow." not in open_state(st), name


def test_the_names_written_are_registry_names() -> None:
    seen_records, seen_steps = set(), set()
    for name, st in all_states().items():
        items = read_stream(st)
        for pid in refs(items):
            if type(pid[0]) is int:
                assert pid[1] in R.RECORDS, (name, pid)
                seen_records.add(pid[1])
            else:
                assert pid[0] in ("N", "C", "W", "V", "I"), (name, pid)
        for pid, st2 in zip(sorted({p for p in refs(items) if type(p[0]) is int}), items[2:-1]):
            if pid[1] in ("Frame", "FuncFrame"):
                assert st2[0] in R.STEPS
                seen_steps.add(st2[0])
    assert {"Object", "Array", "Function", "Frame", "FuncFrame", "Promise", "RealmState", "Limits",
            "AsyncResume", "Generator", "MapObject", "RegExp", "Date", "Symbol", "Error"} <= seen_records
    assert {"await", "function_body"} <= seen_steps


def test_moving_a_module_does_not_change_the_format() -> None:
    from fetchflow.interp.evaluation import functions
    from fetchflow.interp.operations.promise_operations import JSPromise
    moved = (JSPromise, functions.step_await, Realm)
    names = [(o.__module__, o.__qualname__) for o in moved]
    try:
        for o in moved:
            o.__module__, o.__qualname__ = "fetchflow.somewhere_else", "Moved"
        r = paused(SCENARIOS["promise_all"][0])
        assert b"somewhere_else" not in open_state(r.state.to_bytes())
        out = fetchflow.resume_execution(r.state, answer(r, '{"url": "u"}'), quiet=True)
    finally:
        for o, (mod, qual) in zip(moved, names):
            o.__module__, o.__qualname__ = mod, qual
    assert out.type == "paused" and out.console == ["200:u 200:u"]


def _fetchflow_classes() -> list:
    import importlib
    import pkgutil
    for mi in pkgutil.walk_packages(fetchflow.__path__, "fetchflow."):
        if mi.name != "fetchflow.__main__" and ".durable" not in mi.name:
            importlib.import_module(mi.name)
    return [v for n, mod in list(sys.modules.items()) if n.startswith("fetchflow") and mod
            for v in vars(mod).values() if isinstance(v, type) and v.__module__ == n]


NEVER_SAVED_STEPS = {"step_barrier", "step_native_gen", "step_job", "step_gen_resume"}


def test_the_registry_covers_every_record_and_step() -> None:
    from fetchflow.interp.frames import Frame
    classes = _fetchflow_classes()
    for cls in classes:
        if issubclass(cls, JSObject):
            assert cls in R.BY_CLASS, f"{cls.__qualname__} is a JS object type missing from state_records"
    for rec in R.RECORDS.values():
        slots = {s for k in rec.cls.__mro__ for s in getattr(k, "__slots__", ()) if s != "__weakref__"}
        if slots or not rec.has_dict:
            assert slots == set(rec.fields) | set(R.DERIVED.get(rec.cls, ())), rec.name
    steps = set()
    import inspect
    for name, mod in list(sys.modules.items()):
        if name.startswith("fetchflow") and mod:
            steps |= {f for k, f in vars(mod).items() if k.startswith("step_") and inspect.isfunction(f)
                      and f.__module__ == name and k not in NEVER_SAVED_STEPS}
    assert steps == set(R.STEPS.values())
    saved_frames = {c for c in classes if issubclass(c, Frame) and c in R.BY_CLASS}
    assert saved_frames == {Frame, R.RECORDS["FuncFrame"].cls}


# -- format versions and the reference states ------------------------------------------------------

@pytest.mark.parametrize("version", [1, 4, 255])
def test_other_format_versions_are_refused_by_number(version: int) -> None:
    st = seal(open_state(fixture("readme")), version=version)
    with pytest.raises(StateError, match=f"state format version {version}, this fetchflow reads versions 2, 3"):
        S.load_machine(st)


def test_a_version_2_stream_cannot_name_builtins() -> None:
    """Format-3 references in a state that says it is format 2 are refused."""
    items = read_stream((V2_FIXTURES / "readme.state").read_bytes())
    for pid in (("I", "global"), (10 ** 6, "Object", "Math")):
        it = list(items)
        it[1] = {**it[1], "rv": Ref(pid)}
        with pytest.raises(StateError):
            S.load_machine(seal(open_state(write_stream(it)), version=2))


@pytest.mark.parametrize("folder, name", [(FIXTURES, n) for n in sorted(SCENARIOS)] +
                         [(V2_FIXTURES, n) for n in V2_SCENARIOS], ids=lambda v: getattr(v, "name", v))
def test_reference_states_load_and_resume_like_node(folder: Path, name: str) -> None:
    meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    key = meta["key"].encode() if meta["key"] else None
    st = (folder / f"{name}.state").read_bytes()
    assert st[4] == meta["format_version"] == (S.VERSION if folder == FIXTURES else 2)
    assert resume_to_end(st, key) == meta["node_output"][meta["lines_before_pause"]:]


# -- finding 6: a state never inserts into a cache another run reads -----------------------------

VICTIM = f"console.log('victim'); await fetch('{API}/v'); console.log('victim after');"
ATTACKER = f"console.log('ATTACKER'); await fetch('{API}/v'); console.log('ATTACKER after');"


def test_a_crafted_state_cannot_poison_the_parse_cache() -> None:
    key = b"victim key"
    victim = paused(VICTIM, key=key)
    [(victim_key, *_rest)] = read_stream(paused(VICTIM).state.to_bytes())[0]["programs"]
    items = read_stream(paused(ATTACKER).state.to_bytes())
    [(attacker_key, kind, source, outer, strict)] = items[0]["programs"]
    assert "ATTACKER" in source and victim_key != attacker_key
    # the attacker's source under the victim's program key, every code reference renamed
    data = open_state(write_stream(items))
    data = data.replace(attacker_key.encode(), victim_key.encode())
    compiler._PARSE_CACHE.clear()   # a fresh process (or an evicted entry)
    try:
        S.load_machine(seal(data))
    except StateError:
        pass
    assert fetchflow.execute_code(VICTIM, quiet=True).console == ["victim"]
    after = fetchflow.resume_execution(victim.state.to_bytes(), answer(victim), quiet=True, key=key)
    assert after.console == ["victim after"]


# -- finding 8: limits tighten on resume; keys are never empty -----------------------------------

DEEP = (f"await fetch('{API}/d'); function f(n) {{ return n === 0 ? 0 : 1 + f(n - 1); }}"
        "try { console.log(f(1000)); } catch (e) { console.log(e instanceof RangeError, e.message); }")
TOO_DEEP = ["true Maximum call stack size exceeded"]


def test_resume_tightens_the_call_depth() -> None:
    r = paused(DEEP)
    assert fetchflow.resume_execution(r.state, answer(r), quiet=True).console == ["1000"]
    out = fetchflow.resume_execution(r.state, answer(r), quiet=True, limits=Limits(max_call_depth=50))
    assert out.console == TOO_DEEP
    vm = FetchVM(quiet=True, limits=Limits(max_call_depth=50))
    assert vm.resume(r.state.to_bytes(), answer(r)).console == TOO_DEEP
    # a depth limit set before the pause is kept in the state
    r = paused(DEEP, limits=Limits(max_call_depth=50))
    assert fetchflow.resume_execution(r.state, answer(r), quiet=True).console == TOO_DEEP


def test_an_empty_key_is_refused() -> None:
    for key in (b"", ""):
        with pytest.raises(ValueError, match="must not be empty"):
            fetchflow.execute_code("1", key=key)
        with pytest.raises(ValueError, match="must not be empty"):
            FetchVM(key=key)
        with pytest.raises(ValueError, match="must not be empty"):
            fetchflow.resume_execution(fixture("readme"), [], key=key)
    with pytest.raises(ValueError, match="must not be empty"):
        S.load_machine(fixture("readme"), key=b"")


def test_an_empty_key_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "k").write_bytes(b"\n")
    (tmp_path / "a.js").write_text(f"await fetch('{API}/a')\n")
    p = subprocess.run([sys.executable, "-m", "fetchflow", "exec", str(tmp_path / "a.js"),
                        "--state-out", str(tmp_path / "s"), "--key-file", str(tmp_path / "k")],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "is empty" in p.stderr
    assert not (tmp_path / "s").exists()


def test_an_empty_key_file_is_refused_by_the_durable_commands(tmp_path: Path) -> None:
    (tmp_path / "k").write_bytes(b"\n")
    p = subprocess.run([sys.executable, "-m", "fetchflow", "runs", "list", "--store",
                        f"sqlite:///{tmp_path / 'runs.db'}", "--key-file", str(tmp_path / "k")],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 1 and "is empty: a signing key must not be empty" in p.stderr
    assert not (tmp_path / "runs.db").exists()
