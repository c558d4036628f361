"""Typed arrays, DataViews and ArrayBuffers in a saved state: they resume in a fresh process,
and a tampered record (a view reaching past its buffer, a bad element type, bytes that are
not bytes) is a StateError at load, never an IndexError or a wrong read later."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import fetchflow
from fetchflow import FetchResponse, StateError
from fetchflow import state as S

from .state_tools import Ref, read_stream, refs, write_stream

SRC = """
const buf = new ArrayBuffer(8);
const u8 = new Uint8Array(buf, 2, 4); u8.set([1, 2, 3, 4]);
const f64 = new Float64Array([1.5, -0]);
const dv = new DataView(buf, 1, 6);
const r = await fetch("https://api.example.com/x");
u8[0] = 200; dv.setUint16(0, 0x0102);
console.log(u8, f64, dv.getUint32(1), (await r.json()).n);
console.log(buf);
[u8, f64, new Int16Array(u8.buffer, 2, 2)]
"""


def _paused() -> bytes:
    r = fetchflow.execute_code(SRC, quiet=True)
    assert r.type == "paused"
    return r.state.to_bytes()


def test_resumes_in_a_fresh_process(tmp_path: Path) -> None:
    (tmp_path / "s").write_bytes(_paused())
    (tmp_path / "r.json").write_text(json.dumps({"id": "req_1", "data": {"n": 7}}))
    p = subprocess.run([sys.executable, "-m", "fetchflow", "resume", str(tmp_path / "s"),
                        str(tmp_path / "r.json"), "--state-out", str(tmp_path / "s2")],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    last = json.loads(p.stdout.splitlines()[-1])
    assert last["type"] == "completed"
    # node prints the same two lines for this program
    assert last["console"] == [
        "Uint8Array(4) [ 2, 2, 3, 4 ] Float64Array(2) [ 1.5, -0 ] 33686276 7",
        "ArrayBuffer {\n  [Uint8Contents]: <00 01 02 02 03 04 00 00>,\n  byteLength: 8\n}",
    ]
    # the views still share their buffer after the load: bytes for Uint8Array (the CLI's
    # JSON shows them as their repr), lists otherwise
    assert last["result"][1:] == [[1.5, 0], [514, 1027]]
    r = fetchflow.resume_execution((tmp_path / "s").read_bytes(),
                                   FetchResponse("req_1", True, 200, "OK", {"n": 7}), quiet=True)
    assert r.result[0] == b"\x02\x02\x03\x04"


def _records(items: list) -> dict:
    """record name -> index (in ``items``) of its first record."""
    first: dict = {}
    for pid in refs(items):
        if type(pid[0]) is int:
            first.setdefault(pid[1], 2 + pid[0])
    return first


def _tampered(items: list, name: str, field: int, value: object) -> bytes:
    it = list(items)
    k = _records(items)[name]
    rec = list(it[k])
    rec[field] = value
    it[k] = tuple(rec)
    return write_stream(it)


# OBJECT_FIELDS are 5: proto, props, flags, extensible, cls
TA_BUFFER, TA_KIND, TA_OFFSET, TA_LENGTH = 5, 6, 7, 8
DV_OFFSET, DV_LENGTH = 6, 7
AB_DATA = 5


@pytest.mark.parametrize("name,field,value", [
    ("TypedArray", TA_LENGTH, 1000),          # past the end of its 8-byte buffer
    ("TypedArray", TA_OFFSET, 7),             # in bounds for one byte, not for the view
    ("TypedArray", TA_OFFSET, -2),
    ("TypedArray", TA_LENGTH, -1),
    ("TypedArray", TA_LENGTH, 2.0),           # not an int
    ("TypedArray", TA_KIND, "BigInt64"),      # an element type we do not have
    ("TypedArray", TA_KIND, "Int16"),         # the class name says otherwise
    ("TypedArray", TA_BUFFER, None),
    ("DataView", DV_LENGTH, 8),               # offset 1 + 8 bytes > 8
    ("DataView", DV_OFFSET, -1),
    ("ArrayBuffer", AB_DATA, "bytes"),
    ("ArrayBuffer", AB_DATA, [1, 2, 3]),
    ("ArrayBuffer", AB_DATA, b"\x00" * 8),     # bytes, not a bytearray (immutable)
])
def test_a_tampered_view_is_refused(name: str, field: int, value: object) -> None:
    items = read_stream(_paused())
    with pytest.raises(StateError):
        S.load_machine(_tampered(items, name, field, value))


def test_a_shrunk_buffer_is_refused() -> None:
    """The buffer's bytes shrink under its views: every view is checked against it."""
    items = read_stream(_paused())
    with pytest.raises(StateError, match="outside its buffer"):
        S.load_machine(_tampered(items, "ArrayBuffer", AB_DATA, bytearray(3)))


def test_an_untampered_state_loads() -> None:
    items = read_stream(_paused())
    m = S.load_machine(write_stream(items))
    assert m is not None
    assert any(type(p[0]) is int and p[1] == "TypedArray" for p in refs(items))
    assert Ref  # (re-exported for state_tools' users)
