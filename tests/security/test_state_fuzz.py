"""Fuzzing the state loader at the pickle-opcode level (issue 9, "What to build").

Real states (the reference states of tests/fixtures/states) are decompressed, cut at opcode
boundaries with ``pickletools.genops`` and mutated: an opcode's argument changed, opcodes
deleted, swapped, duplicated, or GLOBAL/STACK_GLOBAL/BUILD/REDUCE/INST/OBJ/NEWOBJ and
references injected.  The unsigned digest is recomputed, as an attacker would.  Every
mutant must be refused with StateError or load into a working VM: resuming it completes,
pauses, or raises JSError or LimitExceeded under tight limits, never another exception.
No load may leave a trace: every fetchflow class's attributes, the modules' data globals
and the objects all machines share are the same afterwards.
"""
from __future__ import annotations

import io
import pickle
import pickletools
import struct
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fetchflow
from fetchflow import FetchResponse, JSError, Limits, LimitExceeded, StateError
from fetchflow import state as S
from fetchflow import state_records as R

from .reference_states import FIXTURES
from .state_tools import fingerprint, fingerprint_diff, open_state, seal

BASES = ("readme", "generators_closures", "promise_all", "builtins_changed", "v2/generators_closures")
TIGHT = Limits(max_steps=50_000, max_time=2.0, max_call_depth=500, max_heap_bytes=256 << 20)
BODY = '{"id":1,"name":"Ada","url":"https://api.example.com/x"}'


@lru_cache(maxsize=None)
def base(name: str) -> tuple:
    """(payload, [(start, end, opcode name)]) of a reference state."""
    raw = open_state((FIXTURES / f"{name}.state").read_bytes())
    f = io.BytesIO(raw)
    ops: list = []
    while f.tell() < len(raw):
        for op, _arg, pos in pickletools.genops(f):
            ops.append([pos, None, op.name])
    for i, o in enumerate(ops):
        o[1] = ops[i + 1][0] if i + 1 < len(ops) else len(raw)
    return raw, [tuple(o) for o in ops]


def _str(s: str) -> bytes:
    b = s.encode("utf-8", "surrogatepass")
    return (b"\x8c" + bytes([len(b)]) + b) if len(b) < 256 else (b"X" + struct.pack("<I", len(b)) + b)


def _global(module: str, name: str) -> bytes:
    return b"c" + f"{module}\n{name}\n".encode()


def _pid(*parts: object) -> bytes:
    return pickle.dumps(tuple(parts), protocol=5)[2:-1].replace(b"\x94", b"") + b"Q"


WORDS = (sorted(R.RECORDS) + sorted(R.STEPS)[:8] + ["NULL", "TDZ", "HOLE", "iterator", "N", "C", "W", "V", "I",
         "Math", "global", "realm", "ArrayPrototype", "ObjectPrototype/.toString", "MapPrototype/.size/get",
         "", "x" * 300, "pending", "realm", "limits", "max_steps", "eval", "Function", "__class__",
         "__dict__", "props", "proto", "req_1", "script", "function", "\ud800"])
FLOATS = (0.0, -0.0, 1e308, float("inf"), float("-inf"), float("nan"), 2.0 ** 53, -1.0, 0.5)

INJECT = (
    _global("fetchflow.interp.realm", "Realm"), _global("builtins", "eval"), _global("os", "system"),
    _global("collections", "deque"), _global("fetchflow.limits", "Limits"),
    _str("fetchflow.interp.realm") + _str("Realm") + b"\x93",               # STACK_GLOBAL
    _str("builtins") + _str("getattr") + b"\x93",
    b"b", b"R", b"o", b"\x81", b"\x92", b"(", b"0", b"1", b"2", b"t", b")", b"}", b"]", b"N",
    b"i" + b"fetchflow.interp.values\nJSObject\n",                          # INST
    b"N}" + _str("clock") + b"N" + b"s\x86b",                               # BUILD (None, {clock: None})
    b"}" + _str("__class__") + b"N" + b"sb",                                # BUILD {__class__: None}
    _pid("W", "iterator"), _pid("V", "NULL"), _pid(0, "Realm"), _pid(1, "Limits"), _pid("N", "eval", "eval"),
    _pid(3, "Frame"), _pid("C", "x", 0),
    # format 3: built-ins by name and patches of them
    _pid("I", "Math"), _pid("I", "ArrayPrototype/.push"), _pid("I", "realm"), _pid(0, "RealmState", "realm"),
    _pid(2, "Object", "Math"), _pid(1, "Array", "ArrayPrototype"), _pid(5, "NativeFunction", "Math/.max"),
    # EXT1, APPEND, APPENDS, SETITEMS, ADDITEMS, FROZENSET
    b"\x82\x01", b"a", b"e", b"u", b"\x90", b"\x91",
    b"K\x05", b"J\xff\xff\xff\x7f", b"\x8a\x01\x80", b"G" + struct.pack(">d", float("nan")),
    b"\x80\x05", b".",                                                      # PROTO, STOP mid-stream
)


def _with_arg(name: str, d: st.DataObject) -> bytes:
    """The same opcode with another argument (or a different opcode of the same kind)."""
    if name == "BININT1":
        return b"K" + bytes([d.draw(st.integers(0, 255))])
    if name == "BININT2":
        return b"M" + struct.pack("<H", d.draw(st.integers(0, 65535)))
    if name == "BININT":
        return b"J" + struct.pack("<i", d.draw(st.integers(-2 ** 31, 2 ** 31 - 1)))
    if name in ("BINGET", "LONG_BINGET"):
        return b"j" + struct.pack("<I", d.draw(st.integers(0, 5000)))
    if name == "BINFLOAT":
        return b"G" + struct.pack(">d", d.draw(st.sampled_from(FLOATS)))
    if name in ("SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8"):
        return _str(d.draw(st.sampled_from(WORDS)))
    if name in ("NEWTRUE", "NEWFALSE", "NONE"):
        return d.draw(st.sampled_from((b"\x88", b"\x89", b"N", b"K\x00", b"G" + struct.pack(">d", 0.0))))
    return d.draw(st.sampled_from(INJECT))


KINDS = ("data",) * 4 + ("arg", "arg", "delete", "swap", "dup", "inject", "inject", "truncate")
DATA_OPS = ("BININT1", "BININT2", "BININT", "BINFLOAT", "SHORT_BINUNICODE", "NEWTRUE", "NEWFALSE", "NONE")


def mutate(raw: bytes, ops: list, d: st.DataObject) -> bytes:
    kind = d.draw(st.sampled_from(KINDS))
    if kind == "data":
        # a value changed where the stream stays well formed: a frame position, a length, a name
        data = [o for o in ops if o[2] in DATA_OPS]
        start, end, name = data[d.draw(st.integers(0, len(data) - 1))]
        return raw[:start] + _with_arg(name, d) + raw[end:]
    i = d.draw(st.integers(0, len(ops) - 2))
    start, end, name = ops[i]
    if kind == "arg":
        return raw[:start] + _with_arg(name, d) + raw[end:]
    if kind == "delete":
        return raw[:start] + raw[end:]
    if kind == "swap":
        s2, e2, _n = ops[i + 1]
        return raw[:start] + raw[s2:e2] + raw[start:end] + raw[e2:]
    if kind == "dup":
        return raw[:end] + raw[start:end] + raw[end:]
    if kind == "inject":
        return raw[:start] + d.draw(st.sampled_from(INJECT)) + raw[start:]
    return raw[:start]


def run_mutant(state: bytes) -> str:
    """Load a mutant and, when it loads, resume it; return what happened."""
    try:
        m = S.load_machine(state)
    except StateError:
        return "refused"
    answers = [FetchResponse(rid, True, 200, "OK", BODY) for rid in m.host.pending]
    try:
        r = fetchflow.resume_execution(state, answers, quiet=True, limits=TIGHT)
        for _ in range(3):
            if r.type != "paused":
                break
            r = fetchflow.resume_execution(r.state, [FetchResponse(q.id, True, 200, "OK", BODY)
                                                     for q in r.fetch_requests], quiet=True, limits=TIGHT)
        return "ran"
    except (JSError, LimitExceeded):
        return "ran"
    except StateError:
        return "refused at resume"


FINGERPRINT: dict = {}


@pytest.fixture(scope="module", autouse=True)
def _baseline():
    for name in BASES:
        run_mutant(seal(base(name)[0]))  # warm up: imports and caches an honest run fills
    # and the table of built-ins a stack trace reads (filled by the first error made)
    fetchflow.execute_code("try { [1].map(() => null.x); } catch (e) { e.stack; }", quiet=True)
    FINGERPRINT["before"] = fingerprint()
    yield
    assert fingerprint_diff(FINGERPRINT["before"], fingerprint()) == []


@settings(max_examples=800, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_mutated_states_are_refused_or_run(d: st.DataObject) -> None:
    raw, ops = base(d.draw(st.sampled_from(BASES)))
    for _ in range(d.draw(st.integers(1, 3))):
        raw = mutate(raw, ops, d)
    run_mutant(seal(raw))
    diff = fingerprint_diff(FINGERPRINT["before"], fingerprint())
    assert diff == [], diff


def test_the_unmutated_bases_run() -> None:
    for name in BASES:
        assert run_mutant(seal(base(name)[0])) == "ran"
