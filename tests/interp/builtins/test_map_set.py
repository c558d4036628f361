"""Map, Set, WeakMap, WeakSet: natives called from Python (a stand-in machine drives the
generator natives), plus node-differential programs once the machine runs."""
from __future__ import annotations

import math
import pickle
import types
from typing import Any

import pytest

from fetchflow.interp.operations.errors import type_error
from fetchflow.interp.operations.iteration import iterate_to_list
from fetchflow.interp.realm import Realm
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import NULL, JSArray, JSObject, JSThrow


# -- a stand-in machine -------------------------------------------------------------------------

class PyFn(JSObject):
    """A JS-callable object running a Python function (a user callback stand-in)."""
    __slots__ = ("py",)
    call_kind = "py"

    def __init__(self, py: Any) -> None:
        JSObject.__init__(self, CTX.realm.function_prototype, "Function")
        self.py = py


def drive(g: Any) -> Any:
    if not isinstance(g, types.GeneratorType):
        return g
    send: Any = None
    exc: Any = None
    while True:
        try:
            req = g.throw(exc) if exc is not None else g.send(send)
        except StopIteration as s:
            return s.value
        exc = None
        f, this, args = req
        try:
            send = invoke(f, this, args)
        except JSThrow as e:
            exc = e


def invoke(f: Any, this: Any, args: list) -> Any:
    if isinstance(f, PyFn):
        return f.py(this, args)
    if getattr(f, "call_kind", None) == "native":
        if f.ctor:
            r = f.fn(this, args, None)
        elif f.pass_callee:
            r = f.fn(this, args, f)
        else:
            r = f.fn(this, args)
        return drive(r) if f.gen else r
    raise type_error("not a function")


class FakeMachine:
    def call_nested(self, f: Any, this: Any, args: list) -> Any:
        return invoke(f, this, args)

    def construct_nested(self, f: Any, args: list, new_target: Any) -> Any:
        return drive(f.fn(None, args, new_target))

    def stack_trace(self) -> str:
        return ""


@pytest.fixture(autouse=True)
def realm() -> Any:
    r = Realm()
    old = (CTX.realm, CTX.machine)
    CTX.realm = r
    CTX.machine = FakeMachine()
    yield r
    CTX.realm, CTX.machine = old


def A(*xs: Any) -> JSArray:
    return JSArray(CTX.realm.array_prototype, [float(x) if type(x) is int else x for x in xs])


def new(name: str, *args: Any) -> Any:
    f = CTX.realm.intr[name]
    return drive(f.fn(None, list(args), f))


def m(obj: Any, name: str, *args: Any) -> Any:
    f = obj.get(name, obj)
    return invoke(f, obj, list(args))


def keys_of(t: Any) -> list:
    return iterate_to_list(m(t, "keys"))


def error_name(e: JSThrow) -> str:
    return e.value.proto.get("name", e.value)


def obj() -> JSObject:
    return JSObject(CTX.realm.object_prototype)


def test_map_basics() -> None:
    mp = new("Map")
    o = obj()
    m(mp, "set", 1.0, "one")
    m(mp, "set", "1", "string one")
    m(mp, "set", True, "true")
    m(mp, "set", o, "obj")
    m(mp, "set", math.nan, "nan")
    m(mp, "set", -0.0, "zero")
    m(mp, "set", None, "undef")
    m(mp, "set", NULL, "null")
    assert m(mp, "get", 1.0) == "one"
    assert m(mp, "get", True) == "true"
    assert m(mp, "get", "1") == "string one"
    assert m(mp, "get", o) == "obj"
    assert m(mp, "get", obj()) is None
    assert m(mp, "get", float("nan")) == "nan"
    assert m(mp, "get", 0.0) == "zero"
    assert m(mp, "get", None) == "undef" and m(mp, "get", NULL) == "null"
    assert mp.get("size", mp) == 8.0
    ks = keys_of(mp)
    assert ks[5] == 0.0 and math.copysign(1, ks[5]) == 1.0  # -0 stored as +0
    assert m(mp, "delete", True) is True and m(mp, "delete", True) is False
    assert m(mp, "has", True) is False and m(mp, "has", 1.0) is True
    assert m(mp, "set", 2.0, 2.0) is mp
    m(mp, "clear")
    assert mp.get("size", mp) == 0.0


def test_set_basics_and_order() -> None:
    s = new("Set", A(3, 1, 3, 2, 1))
    assert keys_of(s) == [3.0, 1.0, 2.0]
    assert m(s, "add", 1.0) is s
    m(s, "delete", 3.0)
    m(s, "add", 3.0)
    assert keys_of(s) == [1.0, 2.0, 3.0]
    ents = iterate_to_list(m(s, "entries"))
    assert ents[0].elems == [1.0, 1.0]
    sp = CTX.realm.intr["SetPrototype"]
    assert sp.props["keys"] is sp.props["values"]
    from fetchflow.interp.values import SYM_ITERATOR, SYM_TO_STRING_TAG
    assert sp.props[SYM_ITERATOR] is sp.props["values"]
    mp = CTX.realm.intr["MapPrototype"]
    assert mp.props[SYM_ITERATOR] is mp.props["entries"]
    assert mp.props[SYM_TO_STRING_TAG] == "Map"


def test_map_from_entries() -> None:
    mp = new("Map", A(A("a", 1), A("b", 2), A("a", 3)))
    assert [e.elems for e in iterate_to_list(m(mp, "entries"))] == [["a", 3.0], ["b", 2.0]]
    with pytest.raises(JSThrow) as ei:
        new("Map", A(1))
    assert error_name(ei.value) == "TypeError"
    with pytest.raises(JSThrow):
        new("Map", 5.0)


def test_constructor_requires_new() -> None:
    f = CTX.realm.intr["Map"]
    with pytest.raises(JSThrow) as ei:
        drive(f.fn(None, [], None))
    assert "requires 'new'" in ei.value.value.props["message"]


def test_brand_checks() -> None:
    mp = new("Map")
    s = new("Set")
    with pytest.raises(JSThrow):
        invoke(CTX.realm.intr["SetPrototype"].props["add"], mp, [1.0])
    with pytest.raises(JSThrow):
        invoke(CTX.realm.intr["MapPrototype"].props["get"], s, [1.0])
    with pytest.raises(JSThrow):
        CTX.realm.intr["MapPrototype"].get("size", CTX.realm.intr["MapPrototype"])


def test_iteration_with_mutation() -> None:
    s = new("Set", A(1, 2, 3))
    it = m(s, "values")
    nxt = it.get("next", it)
    assert invoke(nxt, it, []).props["value"] == 1.0
    m(s, "delete", 2.0)
    m(s, "add", 4.0)
    assert invoke(nxt, it, []).props["value"] == 3.0
    assert invoke(nxt, it, []).props["value"] == 4.0
    r = invoke(nxt, it, [])
    assert r.props["done"] is True and r.props["value"] is None
    m(s, "add", 5.0)
    assert invoke(nxt, it, []).props["done"] is True  # exhausted iterators stay done


def test_clear_during_iteration() -> None:
    s = new("Set", A(1, 2, 3))
    it = m(s, "values")
    nxt = it.get("next", it)
    invoke(nxt, it, [])
    m(s, "clear")
    m(s, "add", 9.0)
    assert invoke(nxt, it, []).props["value"] == 9.0
    assert invoke(nxt, it, []).props["done"] is True


def test_foreach_mutation() -> None:
    s = new("Set", A(1, 2, 3))
    seen = []

    def cb(this: Any, args: list) -> Any:
        seen.append(args[0])
        assert args[1] == args[0] and args[2] is s
        if args[0] == 1.0:
            m(s, "delete", 2.0)
            m(s, "add", 4.0)
    m(s, "forEach", PyFn(cb))
    assert seen == [1.0, 3.0, 4.0]
    mp = new("Map", A(A("k", "v")))
    got = []
    m(mp, "forEach", PyFn(lambda this, args: got.append((args[0], args[1], this))), "T")
    assert got == [("v", "k", "T")]


def test_queue_usage_stays_small() -> None:
    mp = new("Map")
    for i in range(10000):
        m(mp, "set", float(i), float(i))
        if i >= 5:
            m(mp, "delete", float(i - 5))
    assert mp.get("size", mp) == 5.0
    assert len(mp.mkeys) < 100
    assert keys_of(mp) == [9995.0, 9996.0, 9997.0, 9998.0, 9999.0]
    assert m(mp, "get", 9997.0) == 9997.0


def test_compaction_scattered_deletes() -> None:
    s = new("Set")
    for i in range(1000):
        m(s, "add", float(i))
    for i in range(0, 1000, 3):
        if i:
            m(s, "delete", float(i))
    for i in range(1, 1000, 3):
        m(s, "delete", float(i))
    expected = [0.0] + [float(i) for i in range(2, 1000, 3)]
    assert keys_of(s) == expected
    assert len(s.mkeys) < 1000
    assert all(m(s, "has", x) for x in expected)


def test_live_iterator_blocks_compaction() -> None:
    s = new("Set")
    for i in range(200):
        m(s, "add", float(i))
    it = m(s, "values")
    nxt = it.get("next", it)
    for _ in range(100):
        invoke(nxt, it, [])
    for i in range(0, 200, 2):
        m(s, "delete", float(i))
    rest = []
    while True:
        r = invoke(nxt, it, [])
        if r.props["done"]:
            break
        rest.append(r.props["value"])
    assert rest == [float(i) for i in range(101, 200, 2)]


def test_weak_collections() -> None:
    wm = new("WeakMap")
    k = obj()
    assert m(wm, "set", k, 1.0) is wm
    assert m(wm, "get", k) == 1.0 and m(wm, "has", k) is True
    assert m(wm, "has", 1.0) is False and m(wm, "get", "x") is None
    assert m(wm, "delete", 1.0) is False and m(wm, "delete", k) is True
    with pytest.raises(JSThrow) as ei:
        m(wm, "set", 1.0, 1.0)
    assert ei.value.value.props["message"] == "Invalid value used as weak map key"
    ws = new("WeakSet", A(k))
    assert m(ws, "has", k) is True
    with pytest.raises(JSThrow):
        m(ws, "add", "s")
    with pytest.raises(JSThrow):
        new("WeakMap", A(A(1, 2)))
    wp = CTX.realm.intr["WeakMapPrototype"]
    assert "size" not in wp.props and "forEach" not in wp.props


def test_custom_adder_is_called() -> None:
    """new Set(iterable) looks up and calls this.add (here replaced on Set.prototype)."""
    sp = CTX.realm.intr["SetPrototype"]
    calls = []
    orig = sp.props["add"]

    def add(this: Any, args: list) -> Any:
        calls.append(args[0])
        return invoke(orig, this, args)
    sp.props["add"] = PyFn(add)
    s = new("Set", A(1, 2))
    assert calls == [1.0, 2.0] and keys_of(s) == [1.0, 2.0]


def test_adder_throw_closes_iterator() -> None:
    from fetchflow.interp.operations.iteration import create_iter_result_object
    from fetchflow.interp.values import SYM_ITERATOR
    closed = []
    it = obj()
    it.props["next"] = PyFn(lambda this, args: create_iter_result_object(1.0, False))
    it.props["return"] = PyFn(lambda this, args: closed.append(1) or obj())
    iterable = obj()
    iterable.props[SYM_ITERATOR] = PyFn(lambda this, args: it)
    with pytest.raises(JSThrow):
        new("Map", iterable)  # 1 is not an entry object
    assert closed == [1]


def test_pickle_round_trip() -> None:
    mp = new("Map", A(A(math.nan, "n"), A(True, "t"), A("k", "v")))
    m(mp, "delete", "k")
    it = m(mp, "keys")
    nxt = it.get("next", it)
    invoke(nxt, it, [])
    mp2, it2 = pickle.loads(pickle.dumps((mp, it)))
    assert it2.table is mp2
    CTX.realm = CTX.realm  # natives rebind by name
    assert m(mp2, "get", float("nan")) == "n" and m(mp2, "get", True) == "t"
    assert m(mp2, "has", "k") is False
    r = invoke(it2.get("next", it2), it2, [])
    assert r.props["value"] is True


def test_entries_list_for_display() -> None:
    mp = new("Map", A(A("a", 1), A("b", 2)))
    m(mp, "delete", "a")
    assert mp.entries_list() == [("b", 2.0)]
    s = new("Set", A("x"))
    assert s.entries_list() == [("x", "x")]


def test_species_and_names() -> None:
    from fetchflow.interp.values import SYM_SPECIES
    mc = CTX.realm.intr["Map"]
    acc = mc.props[SYM_SPECIES]
    assert acc.get.props["name"] == "get [Symbol.species]"
    assert invoke(acc.get, mc, []) is mc
    mp = CTX.realm.intr["MapPrototype"]
    assert mp.props["size"].get.props["name"] == "get size"
    from fetchflow.interp.values import SYM_ITERATOR
    assert mp.props[SYM_ITERATOR].props["name"] == "entries"
