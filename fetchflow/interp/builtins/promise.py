"""Promise (ES2017 25.4): constructor, then/catch, resolve/reject/all/race; ES2018
finally, ES2020 allSettled, ES2021 any.

Reactions and jobs are plain data on the machine's job queue (see
operations/promise_operations.py); handlers run on the frame stack.
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations import promise_operations as P
from ..operations.calls import call
from ..operations.errors import type_error
from ..operations.iteration import builtin_iterator_record, iterator_close, iterator_step_record
from ..operations.object_operations import create_array_from_list, get_prototype_from_constructor, species_constructor
from ..runtime import CTX
from ..values import C, SYM_SPECIES, SYM_TO_STRING_TAG, JSObject, JSThrow, is_callable
from ..operations.type_conversion import to_display
from ..operations.object_operations import invoke
from .error import new_error_object


@native("Promise", 1, ctor=True, gen=True)
def promise_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 25.4.3.1 Promise(executor)."""
    if new_target is None:
        raise type_error("Promise constructor cannot be invoked without 'new'")
    executor = arg(args, 0)
    if not is_callable(executor):
        raise type_error(f"Promise resolver {_show(executor)} is not a function")
    p = P.JSPromise(get_prototype_from_constructor(new_target, "PromisePrototype"))
    res, rej = P.create_resolving_functions(p)
    try:
        yield (executor, None, [res, rej])
    except JSThrow as e:
        call(rej, None, [e.value])
    return p


def _show(v: Any) -> str:
    return to_display(v)


@native("Promise.resolveFunction", 1, callee=True)
def resolve_function(this: Any, args: list, callee: Any) -> Any:
    st = callee.data
    if st.done:
        return None
    st.done = True
    P.resolve_promise(st.promise, arg(args, 0))
    return None


@native("Promise.rejectFunction", 1, callee=True)
def reject_function(this: Any, args: list, callee: Any) -> Any:
    st = callee.data
    if st.done:
        return None
    st.done = True
    P.reject_promise(st.promise, arg(args, 0))
    return None


@native("Promise.capabilityExecutor", 2, callee=True)
def capability_executor(this: Any, args: list, callee: Any) -> Any:
    """ES2017 25.4.1.5.1 GetCapabilitiesExecutor Functions."""
    box = callee.data
    if box[0] is not None or box[1] is not None:
        raise type_error("Promise executor has already been invoked with non-undefined arguments")
    box[0] = arg(args, 0)
    box[1] = arg(args, 1)
    return None


def this_promise(v: Any, name: str) -> P.JSPromise:
    if not isinstance(v, P.JSPromise):
        raise type_error(f"Method Promise.prototype.{name} called on incompatible receiver {_show(v)}")
    return v


@native("Promise.prototype.then", 2)
def promise_then(this: Any, args: list) -> Any:
    """ES2017 25.4.5.3 Promise.prototype.then."""
    p = this_promise(this, "then")
    c = species_constructor(p, CTX.realm.intr["Promise"])
    cap = P.new_promise_capability(c)
    return P.perform_then(p, arg(args, 0), arg(args, 1), cap)


@native("Promise.prototype.catch", 1)
def promise_catch(this: Any, args: list) -> Any:
    """ES2017 25.4.5.1 Promise.prototype.catch."""
    return invoke(this, "then", [None, arg(args, 0)])


@native("Promise.resolve", 1)
def promise_resolve_static(this: Any, args: list) -> Any:
    if not isinstance(this, JSObject):
        raise type_error("PromiseResolve called on non-object")
    return P.promise_resolve(this, arg(args, 0))


@native("Promise.reject", 1)
def promise_reject_static(this: Any, args: list) -> Any:
    cap = P.new_promise_capability(this)
    P.settle_capability(cap, arg(args, 0), True)
    return cap.promise


class _AllState:
    """Shared record of Promise.all: values, remaining count, capability."""
    __slots__ = ("values", "remaining", "cap")

    def __init__(self, cap: P.Capability) -> None:
        self.values: list = []
        self.remaining = 1
        self.cap = cap


@native("Promise.allResolveElement", 1, callee=True)
def all_resolve_element(this: Any, args: list, callee: Any) -> Any:
    """ES2017 25.4.4.1.2 Promise.all Resolve Element Functions."""
    st, index, called = callee.data
    if called[0]:
        return None
    called[0] = True
    st.values[index] = arg(args, 0)
    st.remaining -= 1
    if st.remaining == 0:
        P.settle_capability(st.cap, create_array_from_list(st.values), False)
    return None


@native("Promise.all", 1)
def promise_all(this: Any, args: list) -> Any:
    """ES2023 27.2.4.1 Promise.all ( iterable )."""
    return _combinator(this, args, "all")


def _promise_resolve_method(c: Any) -> Any:
    """GetPromiseResolve (ES2020, what node and test262 do): C.resolve, read once."""
    r = c.get("resolve", c)
    if not is_callable(r):
        raise type_error("Promise resolve or reject function is not callable")
    return r


def _intrinsic_reject(cap: P.Capability) -> Any:
    """A JS reject function for an intrinsic capability (settling it directly)."""
    res, rej = P.create_resolving_functions(cap.promise)
    cap.resolve, cap.reject = res, rej
    return rej


@native("Promise.race", 1)
def promise_race(this: Any, args: list) -> Any:
    """ES2023 27.2.4.5 Promise.race ( iterable )."""
    return _combinator(this, args, "race")


# -- ES2018 Promise.prototype.finally ------------------------------------------------------

@native("Promise.prototype.finally", 1)
def promise_finally(this: Any, args: list) -> Any:
    """ES2018 25.6.5.3 Promise.prototype.finally ( onFinally )."""
    if not isinstance(this, JSObject):
        raise type_error("Promise.prototype.finally called on non-object")
    c = species_constructor(this, CTX.realm.intr["Promise"])
    on_finally = arg(args, 0)
    if not is_callable(on_finally):
        then_finally = catch_finally = on_finally
    else:
        realm = CTX.realm
        then_finally = realm.native("Promise.thenFinally", "", data=(on_finally, c))
        catch_finally = realm.native("Promise.catchFinally", "", data=(on_finally, c))
    return invoke(this, "then", [then_finally, catch_finally])


@native("Promise.thenFinally", 1, callee=True, gen=True)
def then_finally(this: Any, args: list, callee: Any):  # type: ignore[no-untyped-def]
    """ES2018 25.6.5.3.1 Then Finally Functions."""
    on_finally, c = callee.data
    result = yield (on_finally, None, [])
    p = P.promise_resolve(c, result)
    thunk = CTX.realm.native("Promise.valueThunk", "", data=arg(args, 0))
    return invoke(p, "then", [thunk])


@native("Promise.catchFinally", 1, callee=True, gen=True)
def catch_finally(this: Any, args: list, callee: Any):  # type: ignore[no-untyped-def]
    """ES2018 25.6.5.3.2 Catch Finally Functions."""
    on_finally, c = callee.data
    result = yield (on_finally, None, [])
    p = P.promise_resolve(c, result)
    thrower = CTX.realm.native("Promise.thrower", "", data=arg(args, 0))
    return invoke(p, "then", [thrower])


@native("Promise.valueThunk", 0, callee=True)
def value_thunk(this: Any, args: list, callee: Any) -> Any:
    """ES2018 25.6.5.3.1 step 8: returns the value the promise was fulfilled with."""
    return callee.data


@native("Promise.thrower", 0, callee=True)
def thrower(this: Any, args: list, callee: Any) -> Any:
    """ES2018 25.6.5.3.2 step 8: throws the reason the promise was rejected with."""
    raise JSThrow(callee.data)


# -- the element functions of Promise.allSettled (ES2020) and Promise.any (ES2021) ---------

@native("Promise.allSettledResolveElement", 1, callee=True)
def all_settled_resolve_element(this: Any, args: list, callee: Any) -> Any:
    """ES2020 25.6.4.2.2 Promise.allSettled Resolve Element Functions."""
    return _settled_element(callee.data, "fulfilled", "value", arg(args, 0))


@native("Promise.allSettledRejectElement", 1, callee=True)
def all_settled_reject_element(this: Any, args: list, callee: Any) -> Any:
    """ES2020 25.6.4.2.3 Promise.allSettled Reject Element Functions."""
    return _settled_element(callee.data, "rejected", "reason", arg(args, 0))


def _settled_element(data: tuple, status: str, key: str, x: Any) -> None:
    st, index, called = data
    if called[0]:
        return None
    called[0] = True
    obj = JSObject(CTX.realm.object_prototype)
    obj.props["status"] = status
    obj.props[key] = x
    st.values[index] = obj
    st.remaining -= 1
    if st.remaining == 0:
        P.settle_capability(st.cap, create_array_from_list(st.values), False)
    return None


@native("Promise.anyRejectElement", 1, callee=True)
def any_reject_element(this: Any, args: list, callee: Any) -> Any:
    """ES2021 25.6.4.3.2 Promise.any Reject Element Functions."""
    st, index, called = callee.data
    if called[0]:
        return None
    called[0] = True
    st.values[index] = arg(args, 0)
    st.remaining -= 1
    if st.remaining == 0:
        P.settle_capability(st.cap, _all_rejected(st.values), True)
    return None


def _all_rejected(errors: list) -> Any:
    """The AggregateError Promise.any rejects with (ES2021 25.6.4.3.1 step 8.d.ii)."""
    intr = CTX.realm.intr
    error = new_error_object(intr["AggregateErrorPrototype"], "All promises were rejected")
    error.define_own_property("errors", {"value": create_array_from_list(errors), "writable": True,
                                         "enumerable": False, "configurable": True})
    return error


def _combinator(this: Any, args: list, name: str) -> Any:
    """ES2023 27.2.4.1/2/3/5 Promise.all, allSettled, any and race, steps 1-9, with
    PerformPromiseAll/AllSettled/Any/Race (27.2.4.1.2 ...): ``C.resolve`` read once before
    the iterator is opened, the iterator's ``next`` read once."""
    if not isinstance(this, JSObject):
        raise type_error(f"Promise.{name} called on non-object")
    cap = P.new_promise_capability(this)
    try:
        resolve = _promise_resolve_method(this)
        rec = builtin_iterator_record(arg(args, 0))
    except JSThrow as e:
        P.settle_capability(cap, e.value, True)
        return cap.promise
    st = _AllState(cap)
    realm = CTX.realm
    is_any = name == "any"
    index = 0
    try:
        while True:
            try:
                nxt = iterator_step_record(rec)
                if nxt is False:
                    break
                v = nxt.get("value", nxt)
            except JSThrow:
                rec.done = True
                raise
            p = call(resolve, this, [v])
            if name == "race":
                if cap.resolve is None:
                    _intrinsic_reject(cap)
                invoke(p, "then", [cap.resolve, cap.reject])
                continue
            st.values.append(None)
            called = [False]
            if name == "all":
                on_fulfilled = realm.native("Promise.allResolveElement", "", data=(st, index, called))
                on_rejected = cap.reject if cap.reject is not None else _intrinsic_reject(cap)
            elif is_any:
                on_fulfilled = cap.resolve if cap.resolve is not None else _intrinsic_resolve(cap)
                on_rejected = realm.native("Promise.anyRejectElement", "", data=(st, index, called))
            else:
                on_fulfilled = realm.native("Promise.allSettledResolveElement", "", data=(st, index, called))
                on_rejected = realm.native("Promise.allSettledRejectElement", "", data=(st, index, called))
            st.remaining += 1
            invoke(p, "then", [on_fulfilled, on_rejected])
            index += 1
        if name == "race":
            return cap.promise
        st.remaining -= 1
        if st.remaining == 0:
            if is_any:
                raise JSThrow(_all_rejected(st.values))
            P.settle_capability(cap, create_array_from_list(st.values), False)
        return cap.promise
    except JSThrow as e:
        if not rec.done:
            try:
                iterator_close(rec.iterator, True)
            except JSThrow:
                pass
        P.settle_capability(cap, e.value, True)
        return cap.promise


def _intrinsic_resolve(cap: P.Capability) -> Any:
    """A JS resolve function for an intrinsic capability (see ``_intrinsic_reject``)."""
    _intrinsic_reject(cap)
    return cap.resolve


@native("Promise.allSettled", 1)
def promise_all_settled(this: Any, args: list) -> Any:
    """ES2020 25.6.4.2 Promise.allSettled ( iterable )."""
    return _combinator(this, args, "allSettled")


@native("Promise.any", 1)
def promise_any(this: Any, args: list) -> Any:
    """ES2021 25.6.4.3 Promise.any ( iterable )."""
    return _combinator(this, args, "any")


@native("get Promise.[Symbol.species]")
def promise_species(this: Any, args: list) -> Any:
    return this


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    ctor = realm.constructor("Promise", "Promise", proto)
    realm.method(proto, "then", "Promise.prototype.then")
    realm.method(proto, "catch", "Promise.prototype.catch")
    realm.method(proto, "finally", "Promise.prototype.finally")
    proto.put_hidden(SYM_TO_STRING_TAG, "Promise", C)
    for name in ("all", "allSettled", "any", "race", "resolve", "reject"):  # V8's order
        realm.method(ctor, name, f"Promise.{name}")
    realm.getter(ctor, SYM_SPECIES, "get Promise.[Symbol.species]")
