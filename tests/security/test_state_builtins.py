"""Format 3's references to the fresh realm's built-ins, tampered with (fetchflow/state.py):
every bad name or patch is a StateError and leaves nothing behind."""
from __future__ import annotations

import pytest

from fetchflow import StateError
from fetchflow import state as S

from .reference_states import FIXTURES
from .state_tools import Ref, fingerprint, fingerprint_diff, read_stream, refs, write_stream


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """An honest load first: the parser and caches it fills are no trace of an attack."""
    S.load_machine((FIXTURES / "builtins_changed.state").read_bytes())


def items(name: str = "builtins_changed") -> list:
    return read_stream((FIXTURES / f"{name}.state").read_bytes())


def patches(it: list) -> dict:
    """path -> (table index, record name) of the changed built-ins."""
    return {p[2]: (p[0], p[1]) for p in refs(it) if type(p[0]) is int and len(p) == 3}


def test_the_fixture_holds_every_reference_kind() -> None:
    it = items()
    kinds = {p[0] if type(p[0]) is str else ("patch" if len(p) == 3 else "record") for p in refs(it)}
    assert {"I", "patch", "record", "C", "W"} <= kinds
    assert {"ArrayPrototype", "Math", "JSON", "MapPrototype", "realm"} <= set(patches(it))


BAD_VALUES = [
    ("I", "NoSuchBuiltin"), ("I", "Math/.nope"), ("I", 5), ("I", None), ("I", ("Math",)), ("I",),
    ("I", "realm"), ("I", "Math", "extra"),
    (10 ** 6, "Object", "NoSuchBuiltin"),      # a patch of nothing
    (10 ** 6, "Array", "Math"),                # of the wrong record type
    (10 ** 6, "RealmState", "Math"),           # the realm's record on an object
    (10 ** 6, "Object", "realm"),              # an object's record on the realm
    (10 ** 6, "NoRecord", "Math"), (-1, "Object", "Math"), (10 ** 6, "Object", 7),
]


@pytest.mark.parametrize("pid", BAD_VALUES, ids=repr)
def test_bad_builtin_references(pid: tuple) -> None:
    it = items()
    it[1] = {**it[1], "rv": Ref(pid)}
    before = fingerprint()
    with pytest.raises(StateError):
        S.load_machine(write_stream(it))
    assert fingerprint_diff(before, fingerprint()) == []


def test_one_builtin_patched_twice_or_one_entry_named_twice() -> None:
    it = items()
    k, name = patches(it)["Math"]
    k2, _ = patches(it)["JSON"]
    for pid in ((k + 1000, name, "Math"),      # a second entry patching Math
                (k, name, "JSON"),             # Math's entry named as JSON
                (k, name),                     # a patch entry referred to as a plain record
                (k2, "Object", "Math")):
        t = list(it)
        t[1] = {**t[1], "rv": Ref(pid)}
        with pytest.raises(StateError):
            S.load_machine(write_stream(t))


def test_a_patch_with_a_bad_field_is_refused() -> None:
    it = items()
    k, _name = patches(it)["Math"]
    rec = it[2 + k]
    for bad in (rec[:-2], (rec[0], "props") + rec[2:], (rec[0], {"x": 1j}) + rec[2:],
                rec[:3] + ("yes",) + rec[4:]):
        t = list(it)
        t[2 + k] = bad
        with pytest.raises(StateError):
            S.load_machine(write_stream(t))
    realm = it[2]
    for bad in (realm[:2] + ((1, 2, 3),) + realm[3:], realm[:4] + ("Mars/Olympus",) + realm[5:],
                realm[:-1] + ("not a list",)):
        t = list(it)
        t[2] = bad
        with pytest.raises(StateError):
            S.load_machine(write_stream(t))


def test_a_loaded_realm_keeps_no_patch_list() -> None:
    m = S.load_machine((FIXTURES / "builtins_changed.state").read_bytes())
    assert not hasattr(m.realm, "patched") and hasattr(m.realm, "snapshot")
