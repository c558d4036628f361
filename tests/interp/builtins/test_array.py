"""Array constructor and Array.prototype: natives called from Python (a stand-in machine
drives the generator natives), plus node-differential programs once the machine runs."""
from __future__ import annotations

import math
import pickle
import types
from typing import Any

import pytest

from fetchflow.interp.operations.errors import type_error
from fetchflow.interp.realm import Realm
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import HOLE, NULL, JSArray, JSObject, JSThrow


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


def m(obj: Any, name: str, *args: Any) -> Any:
    """obj.name(...args) through Array.prototype."""
    f = CTX.realm.array_prototype.get(name, obj)
    return invoke(f, obj, list(args))


def ctor(name: str, *args: Any, new: bool = True) -> Any:
    f = CTX.realm.intr[name]
    return drive(f.fn(None, list(args), f if new else None))


def static(name: str, *args: Any, this: Any = None) -> Any:
    c = CTX.realm.intr["Array"]
    return invoke(c.get(name, c), c if this is None else this, list(args))


def py(v: Any) -> Any:
    """A JS value as plain Python for comparisons (arrays -> lists, holes kept)."""
    if isinstance(v, JSArray):
        if v.elems is not None:
            return [py(x) for x in v.elems]
        return ("sparse", v.sparse_len, {k: py(x) for k, x in v.props.items() if isinstance(k, str)})
    if type(v) is float and v.is_integer():
        return int(v)
    return v


def error_name(e: JSThrow) -> str:
    return e.value.proto.get("name", e.value)


def array_like(**kv: Any) -> JSObject:
    o = JSObject(CTX.realm.object_prototype)
    for k, v in kv.items():
        o.props[k.lstrip("_")] = float(v) if type(v) is int else v
    return o


# -- constructor and statics -----------------------------------------------------------------

def test_constructor_forms() -> None:
    assert py(ctor("Array")) == []
    assert py(ctor("Array", 3.0)) == [HOLE, HOLE, HOLE]
    assert py(ctor("Array", "3")) == ["3"]
    assert py(ctor("Array", 1.0, 2.0)) == [1, 2]
    assert py(ctor("Array", 2.0, new=False)) == [HOLE, HOLE]


@pytest.mark.parametrize("n", [-1.0, 1.5, math.nan, math.inf, 2.0 ** 32])
def test_constructor_bad_length(n: float) -> None:
    with pytest.raises(JSThrow) as ei:
        ctor("Array", n)
    assert error_name(ei.value) == "RangeError"


def test_huge_length_is_sparse() -> None:
    a = ctor("Array", 2.0 ** 32 - 1)
    assert a.elems is None and a.length == 2 ** 32 - 1
    b = ctor("Array", 1e6)
    assert b.elems is None
    assert m(b, "indexOf", 1.0) == -1.0
    assert m(b, "includes", None) is True


def test_is_array_of_from() -> None:
    assert static("isArray", A()) is True
    assert static("isArray", array_like(length=0)) is False
    assert py(static("of", 1.0, "x")) == [1, "x"]
    if "StringPrototype" in CTX.realm.intr:
        assert py(static("from", "a\ud83d\ude00b")) == ["a", "\ud83d\ude00", "b"]
    assert py(static("from", array_like(length=2, _0="a"))) == ["a", None]
    dbl = PyFn(lambda this, args: args[0] * 2 + args[1])
    assert py(static("from", A(1, 2, 3), dbl)) == [2, 5, 8]
    s = ctor("Set", A(1, 1, 2))
    assert py(static("from", s)) == [1, 2]
    assert py(static("from", A(1, HOLE, 3))) == [1, None, 3]


def test_from_closes_iterator_on_throw() -> None:
    closed = []
    it = JSObject(CTX.realm.object_prototype)
    it.props["next"] = PyFn(lambda this, args: _res(1.0, False))
    it.props["return"] = PyFn(lambda this, args: closed.append(1) or JSObject(None))
    iterable = JSObject(CTX.realm.object_prototype)
    from fetchflow.interp.values import SYM_ITERATOR
    iterable.props[SYM_ITERATOR] = PyFn(lambda this, args: it)

    def boom(this: Any, args: list) -> Any:
        raise type_error("boom")
    with pytest.raises(JSThrow):
        static("from", iterable, PyFn(boom))
    assert closed == [1]


def _res(v: Any, done: bool) -> JSObject:
    from fetchflow.interp.operations.iteration import create_iter_result_object
    return create_iter_result_object(v, done)


# -- mutators -----------------------------------------------------------------------------------

def test_push_pop_shift_unshift() -> None:
    a = A(1, 2)
    assert m(a, "push", 3.0, 4.0) == 4.0
    assert m(a, "pop") == 4.0
    assert m(a, "shift") == 1.0
    assert m(a, "unshift", 0.0, 0.5) == 4.0
    assert py(a) == [0, 0.5, 2, 3]
    assert m(A(), "pop") is None and m(A(), "shift") is None


def test_generic_push_pop_on_array_like() -> None:
    o = array_like(length=2, _0="a", _1="b")
    assert m(o, "push", "c") == 3.0
    assert o.props["2"] == "c" and o.props["length"] == 3.0
    assert m(o, "pop") == "c"
    assert "2" not in o.props and o.props["length"] == 2.0
    assert m(o, "shift") == "a"
    assert o.props["0"] == "b" and o.props["length"] == 1.0
    assert m(o, "unshift", "x", "y") == 3.0
    assert [o.props[k] for k in "012"] == ["x", "y", "b"]
    e = array_like()
    assert m(e, "pop") is None and e.props["length"] == 0.0


def test_push_length_overflow() -> None:
    o = array_like(length=2 ** 53 - 1)
    with pytest.raises(JSThrow) as ei:
        m(o, "push", 1.0)
    assert error_name(ei.value) == "TypeError"


def test_frozen_push_throws() -> None:
    from fetchflow.interp.operations.object_operations import set_integrity_level
    a = A(1)
    set_integrity_level(a, "frozen")
    for name, args in (("push", [2.0]), ("pop", []), ("shift", []), ("unshift", [0.0]),
                       ("reverse", []), ("fill", [0.0]), ("sort", []), ("splice", [0.0, 1.0])):
        if name in ("reverse", "sort", "fill") and name != "fill":
            continue
        with pytest.raises(JSThrow):
            m(a, name, *args)
    assert py(a) != []


def test_shift_with_holes_and_proto_index() -> None:
    a = A(HOLE, 2, HOLE, 4)
    assert m(a, "shift") is None
    assert py(a) == [2, HOLE, 4]
    CTX.realm.array_prototype.define_own_property("1", {"value": "P", "writable": True,
                                                         "enumerable": True, "configurable": True})
    b = A(1, HOLE, 3)
    assert m(b, "shift") == 1.0
    assert m(b, "join") == "P,3"


def test_splice() -> None:
    a = A(1, 2, 3, 4, 5)
    assert py(m(a, "splice", 1.0, 2.0, "a", "b", "c")) == [2, 3]
    assert py(a) == [1, "a", "b", "c", 4, 5]
    assert py(m(a, "splice", -2.0)) == [4, 5]
    assert py(m(a, "splice")) == []
    assert py(a) == [1, "a", "b", "c"]
    o = array_like(length=4, _0=0, _1=1, _2=2, _3=3)
    assert py(m(o, "splice", 1.0, 1.0)) == [1]
    assert o.props["length"] == 3.0 and "3" not in o.props and o.props["1"] == 2.0
    assert py(m(o, "splice", 0.0, 0.0, "x", "y")) == []
    assert [o.props[k] for k in "01234"] == ["x", "y", 0, 2, 3]


def test_reverse_fill_copy_within() -> None:
    assert py(m(A(1, 2, 3), "reverse")) == [3, 2, 1]
    assert py(m(A(1, HOLE, 3, 4), "reverse")) == [4, 3, HOLE, 1]
    o = array_like(length=3, _0="a", _2="c")
    m(o, "reverse")
    assert o.props["0"] == "c" and o.props["2"] == "a" and "1" not in o.props
    assert py(m(A(1, 2, 3, 4), "fill", 0.0, 1.0, -1.0)) == [1, 0, 0, 4]
    assert py(m(A(1, 2, 3, 4, 5), "copyWithin", 0.0, 3.0)) == [4, 5, 3, 4, 5]
    assert py(m(A(1, 2, 3, 4, 5), "copyWithin", 1.0, 0.0, 3.0)) == [1, 1, 2, 3, 5]
    o = array_like(length=5, _0=1, _1=2, _2=3, _3=4, _4=5)
    m(o, "copyWithin", 1.0, 0.0, 3.0)
    assert [o.props[k] for k in "01234"] == [1, 1, 2, 3, 5]


def test_sparse_reverse_is_cheap() -> None:
    a = ctor("Array")
    from fetchflow.interp.operations.object_operations import set_
    set_(a, "4000000000", "x", True)
    set_(a, "1", "y", True)
    assert a.length == 4000000001
    m(a, "reverse")
    assert a.props["0"] == "x" and a.props["3999999999"] == "y" and "1" not in a.props


# -- sort ---------------------------------------------------------------------------------------

def test_sort_default_and_holes() -> None:
    assert py(m(A(10, 9, 1, 100), "sort")) == [1, 10, 100, 9]
    assert py(m(A("b", None, HOLE, "a", NULL), "sort")) == ["a", "b", NULL, None, HOLE]


def test_sort_comparator_stable() -> None:
    recs = [A(k, i) for i, k in enumerate([3, 1, 2, 1, 3, 2, 1] * 5)]
    a = JSArray(CTX.realm.array_prototype, list(recs))
    cmp = PyFn(lambda this, args: args[0].elems[0] - args[1].elems[0])
    m(a, "sort", cmp)
    got = [(x.elems[0], x.elems[1]) for x in a.elems]
    assert got == sorted(got, key=lambda p: p[0])
    assert [p for p in got] == sorted(got)  # stable: original index order within keys


def test_sort_bad_comparator() -> None:
    with pytest.raises(JSThrow) as ei:
        m(A(1), "sort", 3.0)
    assert error_name(ei.value) == "TypeError"


@pytest.mark.parametrize("seed", range(10))
def test_sort_matches_python(seed: int) -> None:
    import random
    rnd = random.Random(seed)
    xs = [float(rnd.randint(-50, 50)) for _ in range(rnd.randint(0, 70))]
    a = A(*xs)
    m(a, "sort", PyFn(lambda this, args: args[0] - args[1]))
    assert a.elems == sorted(xs)


# -- callbacks ---------------------------------------------------------------------------------

def test_map_filter_foreach_reduce() -> None:
    sq = PyFn(lambda this, args: args[0] * args[0])
    assert py(m(A(1, 2, HOLE, 4), "map", sq)) == [1, 4, HOLE, 16]
    even = PyFn(lambda this, args: args[0] % 2 == 0)
    assert py(m(A(1, 2, 3, 4), "filter", even)) == [2, 4]
    seen = []
    m(A(1, HOLE, 3), "forEach", PyFn(lambda this, args: seen.append((args[0], args[1]))))
    assert seen == [(1.0, 0.0), (3.0, 2.0)]
    add = PyFn(lambda this, args: args[0] + args[1])
    assert m(A(1, 2, 3), "reduce", add) == 6.0
    cat = PyFn(lambda this, args: args[0] + args[1])
    assert m(A("a", "b", "c"), "reduceRight", cat) == "cba"
    assert m(A(), "reduce", add, 5.0) == 5.0
    with pytest.raises(JSThrow):
        m(A(HOLE, HOLE), "reduce", add)


def test_find_every_some() -> None:
    gt1 = PyFn(lambda this, args: args[0] is not None and args[0] > 1)
    assert m(A(1, 2, 3), "find", gt1) == 2.0
    assert m(A(1, 2, 3), "findIndex", gt1) == 1.0
    assert m(A(0), "findIndex", gt1) == -1.0
    assert m(A(2, 3), "every", gt1) is True
    assert m(A(), "every", gt1) is True
    assert m(A(0, 1), "some", gt1) is False
    seen = []
    m(A(HOLE, 1), "find", PyFn(lambda this, args: seen.append(args[0])))
    assert seen == [None, 1.0]


def test_callback_not_callable() -> None:
    for name in ("map", "forEach", "filter", "every", "some", "find", "findIndex", "reduce"):
        with pytest.raises(JSThrow) as ei:
            m(A(1), name, "abc")
        assert error_name(ei.value) == "TypeError"
        assert ei.value.value.props["message"] == "abc is not a function"


def test_foreach_sees_mutation() -> None:
    a = A(1, 2, 3)
    seen = []

    def cb(this: Any, args: list) -> Any:
        seen.append(args[0])
        if args[1] == 0.0:
            m(a, "pop")
            m(a, "push", 9.0, 10.0)
    m(a, "forEach", PyFn(cb))
    assert seen == [1.0, 2.0, 9.0]


def test_generic_map_on_array_like() -> None:
    o = array_like(length=2, _0="a", _1="b")
    up = PyFn(lambda this, args: args[0] + "!")
    assert py(m(o, "map", up)) == ["a!", "b!"]


def test_sparse_foreach_huge_length() -> None:
    o = array_like(length=2 ** 53 - 1, _5="x", _9000000000="y")
    seen = []
    m(o, "forEach", PyFn(lambda this, args: seen.append((args[0], args[1]))))
    assert seen == [("x", 5.0), ("y", 9e9)]
    assert m(o, "lastIndexOf", "x") == 5.0
    assert m(o, "indexOf", "y") == 9e9


# -- search, join, concat, slice ------------------------------------------------------------------

def test_search() -> None:
    a = A(1, 2, math.nan, 2, None, "2")
    assert m(a, "indexOf", 2.0) == 1.0
    assert m(a, "indexOf", 2.0, 2.0) == 3.0
    assert m(a, "indexOf", math.nan) == -1.0
    assert m(a, "includes", math.nan) is True
    assert m(a, "lastIndexOf", 2.0) == 3.0
    assert m(a, "lastIndexOf", 2.0, -4.0) == 1.0
    assert m(a, "lastIndexOf", 2.0, -math.inf) == -1.0
    assert m(a, "includes", 2.0, math.inf) is False
    assert m(a, "includes", True) is False
    assert m(A(1), "indexOf", True) == -1.0
    assert m(A(HOLE), "includes", None) is True
    assert m(A(HOLE), "indexOf", None) == -1.0
    assert m(A(-0.0), "includes", 0.0) is True


def test_join_and_cycles() -> None:
    assert m(A(1, None, NULL, "x", 1.5), "join") == "1,,,x,1.5"
    assert m(A(1, 2), "join", "-") == "1-2"
    a = A(1)
    m(a, "push", a)
    assert m(a, "join") == "1,"
    assert m(a, "toString") == "1,"
    assert m(ctor("Array", 3.0), "join", "ab") == "abab"
    big = ctor("Array", 1e6)
    assert len(m(big, "join")) == 999999


def test_join_too_long() -> None:
    with pytest.raises(JSThrow) as ei:
        m(ctor("Array", 2.0 ** 32 - 1), "join", "ab")
    assert error_name(ei.value) == "RangeError"


def test_concat() -> None:
    assert py(m(A(1), "concat", A(2, HOLE), 3.0, "x")) == [1, 2, HOLE, 3, "x"]
    from fetchflow.interp.values import SYM_IS_CONCAT_SPREADABLE
    o = array_like(length=2, _0="a", _1="b")
    o.props[SYM_IS_CONCAT_SPREADABLE] = True
    assert py(m(A(), "concat", o)) == ["a", "b"]
    b = A(1, 2)
    b.props[SYM_IS_CONCAT_SPREADABLE] = False
    r = m(A(), "concat", b)
    assert r.length == 1 and r.elems[0] is b


def test_slice() -> None:
    assert py(m(A(1, 2, 3, 4), "slice", 1.0, -1.0)) == [2, 3]
    assert py(m(A(1, 2, 3), "slice")) == [1, 2, 3]
    assert py(m(A(1, 2, 3), "slice", 5.0)) == []
    o = array_like(length=3, _0="a", _2="c")
    r = m(o, "slice", 0.0)
    assert r.length == 3 and py(r) == ["a", HOLE, "c"]


def test_iterators() -> None:
    from fetchflow.interp.operations.iteration import iterate_to_list
    assert py(iterate_to_list(m(A("a", "b"), "keys"))) == [0, 1]
    ents = iterate_to_list(m(A("a"), "entries"))
    assert py(ents[0]) == [0, "a"]
    ap = CTX.realm.array_prototype
    from fetchflow.interp.values import SYM_ITERATOR
    assert ap.props[SYM_ITERATOR] is ap.props["values"]
    assert ap.props["values"].props["name"] == "values"


def test_species_subclass_like() -> None:
    """A constructor whose @@species is null falls back to a plain array."""
    from fetchflow.interp.values import SYM_SPECIES
    a = A(1, 2)
    c = JSObject(CTX.realm.object_prototype)
    c.props[SYM_SPECIES] = NULL
    a.props["constructor"] = c
    r = m(a, "map", PyFn(lambda this, args: args[0]))
    assert py(r) == [1, 2] and r.proto is CTX.realm.array_prototype
    c.props[SYM_SPECIES] = 1.0
    with pytest.raises(JSThrow):
        m(a, "slice")


def test_unscopables_and_lengths() -> None:
    from fetchflow.interp.values import SYM_UNSCOPABLES
    ap = CTX.realm.array_prototype
    u = ap.props[SYM_UNSCOPABLES]
    assert u.proto is None and u.props["includes"] is True
    assert ap.props["push"].props["length"] == 1.0
    assert ap.props["splice"].props["length"] == 2.0
    assert ap.proto is CTX.realm.object_prototype and isinstance(ap, JSArray)


def test_pickle_array_iterator() -> None:
    it = m(A(1, 2), "values")
    invoke(it.get("next", it), it, [])
    it2 = pickle.loads(pickle.dumps(it))
    assert it2.index == 1 and it2.kind == "value"
