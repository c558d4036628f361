"""Operations on iterator objects (ES2017 7.4) and the built-in iterators."""
from __future__ import annotations

from typing import Any

import pytest

from fetchflow.interp.operations import iteration as itr
from fetchflow.interp.operations.errors import type_error
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import HOLE, MISSING, SYM_ITERATOR, JSObject, JSThrow
from tests.interp.standin import A, PyFn, drive, invoke, standin_realm
from tests.interp.across_pause import across_pause


# -- a stand-in machine (tests/interp/standin.py) ----------------------------------------------

@pytest.fixture(autouse=True)
def realm() -> Any:
    with standin_realm() as r:
        yield r



def obj(**props: Any) -> JSObject:
    o = JSObject(CTX.realm.object_prototype)
    o.props.update(props)
    return o


def counting_iterable(n: int, log: list, with_return: bool = True) -> JSObject:
    """An iterable yielding 0..n-1 whose next/return calls are logged."""
    state = {"i": 0}

    def nxt(this: Any, args: list) -> Any:
        log.append("next")
        i = state["i"]
        state["i"] = i + 1
        return itr.create_iter_result_object(float(i), False) if i < n else \
            itr.create_iter_result_object(None, True)

    it = obj(next=PyFn(nxt))
    if with_return:
        it.props["return"] = PyFn(lambda this, args: log.append("return") or obj())
    iterable = obj()
    iterable.props[SYM_ITERATOR] = PyFn(lambda this, args: it)
    return iterable


def test_iterate_to_list_fast_and_slow() -> None:
    assert itr.iterate_to_list(A(1, 2, 3)) == [1.0, 2.0, 3.0]
    assert itr.iterate_to_list(A(1, HOLE)) == [1.0, None]
    log: list = []
    assert itr.iterate_to_list(counting_iterable(2, log)) == [0.0, 1.0]
    assert log == ["next", "next", "next"]


def test_fast_path_respects_overrides() -> None:
    a = A(1, 2)
    ap = CTX.realm.array_prototype
    assert itr.iteration_untouched(a)
    a.props[SYM_ITERATOR] = PyFn(lambda this, args: CTX.realm.intr["ArrayProto_keys"].fn(this, []))
    assert not itr.iteration_untouched(a)
    assert itr.iterate_to_list(a) == [0.0, 1.0]
    b = A(5)
    aip = CTX.realm.intr["ArrayIteratorPrototype"]
    orig = aip.props["next"]
    aip.props["next"] = PyFn(lambda this, args: itr.create_iter_result_object("x", True))
    assert itr.iterate_to_list(b) == []
    aip.props["next"] = orig
    # a hole reads through the prototype chain
    ap.define_own_property("1", {"value": "P", "writable": True, "enumerable": True, "configurable": True})
    assert itr.iterate_to_list(A(1, HOLE)) == [1.0, "P"]


def test_get_iterator_errors() -> None:
    for v in (None, 5.0, obj(), True):
        with pytest.raises(JSThrow) as ei:
            itr.get_iterator(v)
        assert "is not iterable" in ei.value.value.props["message"]
    bad = obj()
    bad.props[SYM_ITERATOR] = PyFn(lambda this, args: 1.0)
    with pytest.raises(JSThrow) as ei:
        itr.get_iterator(bad)
    assert "not an object" in ei.value.value.props["message"]


def test_step_and_result_checks() -> None:
    it = obj(next=PyFn(lambda this, args: 3.0))
    with pytest.raises(JSThrow) as ei:
        itr.iterator_step(it)
    assert "is not an object" in ei.value.value.props["message"]
    it = obj(next=PyFn(lambda this, args: obj(done=0.0, value="v")))
    r = itr.iterator_step(it)
    assert itr.iterator_value(r) == "v" and not itr.iterator_complete(r)
    it = obj(next=PyFn(lambda this, args: obj(done="yes")))
    assert itr.iterator_step(it) is False
    seen = []
    it = obj(next=PyFn(lambda this, args: seen.append(list(args)) or obj(done=True)))
    itr.iterator_next(it, 7.0)
    itr.iterator_next(it)
    assert seen == [[7.0], []]


def test_iterator_close() -> None:
    log: list = []
    it = obj(**{"return": PyFn(lambda this, args: log.append("r") or obj())})
    itr.iterator_close(it, False)
    assert log == ["r"]
    it = obj(**{"return": PyFn(lambda this, args: 1.0)})
    with pytest.raises(JSThrow):
        itr.iterator_close(it, False)
    itr.iterator_close(it, True)  # a throw completion wins

    def boom(this: Any, args: list) -> Any:
        raise type_error("boom")
    it = obj(**{"return": PyFn(boom)})
    itr.iterator_close(it, True)
    with pytest.raises(JSThrow):
        itr.iterator_close(it, False)
    itr.iterator_close(obj(), False)  # no return method
    with pytest.raises(JSThrow):
        itr.iterator_close(obj(**{"return": 5.0}), False)


def test_gen_helpers() -> None:
    log: list = []
    it = itr.get_iterator(counting_iterable(2, log))

    def body():  # type: ignore[no-untyped-def]
        out = []
        while True:
            v = yield from itr.iterator_step_value_gen(it)
            if v is MISSING:
                return out
            out.append(v)
    assert drive(body()) == [0.0, 1.0]
    drive(itr.iterator_close_gen(it, False))
    assert log == ["next"] * 3 + ["return"]


def test_string_iterator_code_points() -> None:
    from fetchflow.interp.builtins.iterators import create_string_iterator
    s = "a\ud83d\ude00\ud800b\udc00"
    it = create_string_iterator(s)
    got = itr.iterate_to_list(it)
    assert got == ["a", "\ud83d\ude00", "\ud800", "b", "\udc00"]
    assert itr.string_code_points(s) == got


def test_iterator_prototype_chain() -> None:
    intr = CTX.realm.intr
    ip = intr["IteratorPrototype"]
    f = ip.props[SYM_ITERATOR]
    assert f.props["name"] == "[Symbol.iterator]"
    for name in ("ArrayIteratorPrototype", "StringIteratorPrototype", "MapIteratorPrototype",
                 "SetIteratorPrototype"):
        assert intr[name].proto is ip
    it = invoke(intr["ArrayProto_values"], A(1), [])
    assert invoke(f, it, []) is it
    from fetchflow.interp.values import SYM_TO_STRING_TAG
    assert intr["ArrayIteratorPrototype"].props[SYM_TO_STRING_TAG] == "Array Iterator"


def test_next_brand_checks() -> None:
    intr = CTX.realm.intr
    for name in ("ArrayIteratorPrototype", "StringIteratorPrototype", "MapIteratorPrototype",
                 "SetIteratorPrototype"):
        with pytest.raises(JSThrow) as ei:
            invoke(intr[name].props["next"], obj(), [])
        assert "incompatible receiver" in ei.value.value.props["message"]
    set_it = invoke(intr["SetPrototype"].props["values"],
                    drive(intr["Set"].fn(None, [], intr["Set"])), [])
    with pytest.raises(JSThrow):
        invoke(intr["MapIteratorPrototype"].props["next"], set_it, [])


def test_array_iterator_on_array_like_and_growth() -> None:
    intr = CTX.realm.intr
    o = obj(length=2.0, **{"0": "a", "1": "b"})
    it = invoke(intr["ArrayProto_entries"], o, [])
    pairs = itr.iterate_to_list(it)
    assert [p.elems for p in pairs] == [[0.0, "a"], [1.0, "b"]]
    a = A(1)
    it = invoke(intr["ArrayProto_values"], a, [])
    nxt = intr["ArrayIteratorPrototype_next"]
    assert invoke(nxt, it, []).props["value"] == 1.0
    a.elems.append(2.0)
    assert invoke(nxt, it, []).props["value"] == 2.0
    assert invoke(nxt, it, []).props["done"] is True
    a.elems.append(3.0)
    assert invoke(nxt, it, []).props["done"] is True  # stays exhausted


def test_iterators_across_pause() -> None:
    out = across_pause('const it = "xy"[Symbol.iterator](); it.next();',
                       'console.log(it.next().value, it.next().done)')
    assert out == ["y true"]


def test_iterator_record_reads_next_once() -> None:
    gets = []
    state = {"i": 0}

    def nxt(this: Any, args: list) -> Any:
        state["i"] += 1
        return itr.create_iter_result_object(float(state["i"]), state["i"] > 2)

    from fetchflow.interp.values import ACC, Accessor
    it = obj()
    it._store("next", Accessor(PyFn(lambda this, args: gets.append(1) or PyFn(nxt)), None), ACC)
    iterable = obj()
    iterable.props[SYM_ITERATOR] = PyFn(lambda this, args: it)
    assert itr.iterate_to_list(iterable) == [1.0, 2.0]
    assert gets == [1]
    rec = itr.get_iterator_record(A(7))
    r = itr.iterator_step_record(rec)
    assert itr.iterator_value(r) == 7.0 and not rec.done
    assert itr.iterator_step_record(rec) is False and rec.done
