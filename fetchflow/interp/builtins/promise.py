"""Promise (ES2017 25.4): constructor, then/catch, resolve/reject/all/race.

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
from ..operations.iteration import get_iterator, iterator_close, iterator_step, iterator_value
from ..operations.object_operations import create_array_from_list, get_prototype_from_constructor, species_constructor
from ..runtime import CTX
from ..values import C, SYM_SPECIES, SYM_TO_STRING_TAG, JSObject, JSThrow, is_callable
from ..operations.type_conversion import to_display
from ..operations.object_operations import invoke


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
    """ES2017 25.4.4.1 Promise.all."""
    cap = P.new_promise_capability(this)
    try:
        it = get_iterator(arg(args, 0))
    except JSThrow as e:
        P.settle_capability(cap, e.value, True)
        return cap.promise
    st = _AllState(cap)
    realm = CTX.realm
    done = False
    try:
        resolve = _promise_resolve_method(this)
        index = 0
        while True:
            try:
                nxt = iterator_step(it)
            except JSThrow:
                done = True
                raise
            if nxt is False:
                done = True
                st.remaining -= 1
                if st.remaining == 0:
                    P.settle_capability(cap, create_array_from_list(st.values), False)
                return cap.promise
            try:
                v = iterator_value(nxt)
            except JSThrow:
                done = True
                raise
            st.values.append(None)
            p = call(resolve, this, [v])
            el = realm.native("Promise.allResolveElement", "", data=(st, index, [False]))
            st.remaining += 1
            rej = cap.reject if cap.reject is not None else _intrinsic_reject(cap)
            invoke(p, "then", [el, rej])
            index += 1
    except JSThrow as e:
        if not done:
            try:
                iterator_close(it, True)
            except JSThrow:
                pass
        P.settle_capability(cap, e.value, True)
        return cap.promise


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
    """ES2017 25.4.4.3 Promise.race."""
    cap = P.new_promise_capability(this)
    if cap.resolve is None:
        _intrinsic_reject(cap)
    try:
        it = get_iterator(arg(args, 0))
    except JSThrow as e:
        P.settle_capability(cap, e.value, True)
        return cap.promise
    done = False
    try:
        resolve = _promise_resolve_method(this)
        while True:
            try:
                nxt = iterator_step(it)
            except JSThrow:
                done = True
                raise
            if nxt is False:
                return cap.promise
            try:
                v = iterator_value(nxt)
            except JSThrow:
                done = True
                raise
            p = call(resolve, this, [v])
            invoke(p, "then", [cap.resolve, cap.reject])
    except JSThrow as e:
        if not done:
            try:
                iterator_close(it, True)
            except JSThrow:
                pass
        P.settle_capability(cap, e.value, True)
        return cap.promise


@native("get Promise.[Symbol.species]")
def promise_species(this: Any, args: list) -> Any:
    return this


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    ctor = realm.constructor("Promise", "Promise", proto)
    realm.method(proto, "then", "Promise.prototype.then")
    realm.method(proto, "catch", "Promise.prototype.catch")
    proto.put_hidden(SYM_TO_STRING_TAG, "Promise", C)
    for name in ("resolve", "reject", "all", "race"):
        realm.method(ctor, name, f"Promise.{name}")
    realm.getter(ctor, SYM_SPECIES, "get Promise.[Symbol.species]")
