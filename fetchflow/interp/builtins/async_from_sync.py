"""Async iteration's shared objects (ES2023 27.1.3, 27.1.4): %AsyncIteratorPrototype% and the
Async-from-Sync Iterator objects that let ``for await`` and ``yield*`` in an async generator
walk a sync iterable, awaiting each value.

* %AsyncIteratorPrototype%              https://tc39.es/ecma262/2023/#sec-asynciteratorprototype
* CreateAsyncFromSyncIterator           https://tc39.es/ecma262/2023/#sec-createasyncfromsynciterator
* %AsyncFromSyncIteratorPrototype%      https://tc39.es/ecma262/2023/#sec-%asyncfromsynciteratorprototype%-object
* GetIterator(obj, async)               https://tc39.es/ecma262/2023/#sec-getiterator

The iterator's state is its sync Iterator Record (``IteratorRecord``), so a paused run pickles.
"""
from __future__ import annotations

from typing import Any, Optional

from ..natives import native
from ..operations import promise_operations as P
from ..operations.calls import call
from ..operations.errors import type_error
from ..operations.iteration import IteratorRecord, get_iterator_record
from ..operations.object_operations import get_method
from ..operations.type_conversion import to_boolean, to_display
from ..runtime import CTX
from ..values import NULL, SYM_ASYNC_ITERATOR, SYM_ITERATOR, JSObject, JSThrow


class JSAsyncFromSyncIterator(JSObject):
    """ES2023 27.1.4.4: an Async-from-Sync Iterator instance ([[SyncIteratorRecord]])."""
    __slots__ = ("sync_record",)

    def __init__(self, proto: Optional[JSObject], sync_record: Optional[IteratorRecord]) -> None:
        JSObject.__init__(self, proto, "Object")
        self.sync_record = sync_record


def create_async_from_sync_iterator(sync_record: IteratorRecord) -> IteratorRecord:
    """ES2023 27.1.4.1 CreateAsyncFromSyncIterator: the async Iterator Record over it."""
    it = JSAsyncFromSyncIterator(CTX.realm.intr["AsyncFromSyncIteratorPrototype"], sync_record)
    return IteratorRecord(it, it.get("next", it))


def get_async_iterator(obj: Any, what: str = "") -> IteratorRecord:
    """ES2023 7.4.3 GetIterator(obj, async): @@asyncIterator, else the sync iterator wrapped by
    CreateAsyncFromSyncIterator.  ``what`` names the operand in node's 'is not async iterable'."""
    if obj is None or obj is NULL:  # GetMethod's ToObject, worded as node words it
        raise type_error(f"Cannot read properties of {to_display(obj)} "
                         "(reading 'Symbol(Symbol.asyncIterator)')")
    method = get_method(obj, SYM_ASYNC_ITERATOR)
    if method is None:
        sync = get_method(obj, SYM_ITERATOR)
        if sync is None:
            raise type_error(f"{what or to_display(obj)} is not async iterable")
        return create_async_from_sync_iterator(get_iterator_record(obj, sync))
    iterator = call(method, obj, [])
    if not isinstance(iterator, JSObject):
        raise type_error("Result of the Symbol.asyncIterator method is not an object")
    return IteratorRecord(iterator, iterator.get("next", iterator))


@native("AsyncIteratorPrototype.[Symbol.asyncIterator]", 0)
def async_iterator_prototype_async_iterator(this: Any, args: list) -> Any:
    """ES2023 27.1.3.1 %AsyncIteratorPrototype% [ @@asyncIterator ] ( ): the this value."""
    return this


def _record(this: Any) -> IteratorRecord:
    if type(this) is not JSAsyncFromSyncIterator or this.sync_record is None:
        raise type_error("not an Async-from-Sync Iterator")  # unreachable from JS: not exposed
    return this.sync_record


@native("AsyncFromSyncIteratorPrototype.unwrap", 1, callee=True)
def _unwrap(this: Any, args: list, callee: Any) -> Any:
    """The closure of AsyncFromSyncIteratorContinuation step 8: CreateIterResultObject(v, done)."""
    o = JSObject(CTX.realm.object_prototype)
    o.props["value"] = args[0] if args else None
    o.props["done"] = callee.data
    return o


def _continuation(result: Any, promise: P.JSPromise) -> P.JSPromise:
    """ES2023 27.1.4.4 AsyncFromSyncIteratorContinuation (its abrupt steps reject ``promise``)."""
    try:
        done = to_boolean(result.get("done", result))
        value = result.get("value", result)
        wrapper = P.promise_resolve(CTX.realm.intr["Promise"], value)
    except JSThrow as e:
        P.reject_promise(promise, e.value)
        return promise
    unwrap = CTX.realm.native("AsyncFromSyncIteratorPrototype.unwrap", "", data=done)
    P.perform_then(wrapper, unwrap, None, P.Capability(promise))
    return promise


def _step(this: Any, method: str, args: list) -> Any:
    """next/return/throw of ES2023 27.1.4.2.1-3: call the sync method, wrap its result."""
    promise = P.new_intrinsic_promise()
    try:
        rec = _record(this)
        it = rec.iterator
        if method == "next":
            result = call(rec.next_method, it, args[:1])
        else:
            fn = get_method(it, method)
            if fn is None:
                if method == "return":
                    P.resolve_promise(promise, _iter_result(args[0] if args else None, True))
                else:
                    P.reject_promise(promise, args[0] if args else None)
                return promise
            result = call(fn, it, args[:1])
        if not isinstance(result, JSObject):
            raise type_error(f"Iterator result {to_display(result)} is not an object")
    except JSThrow as e:
        P.reject_promise(promise, e.value)
        return promise
    return _continuation(result, promise)


def _iter_result(value: Any, done: bool) -> JSObject:
    o = JSObject(CTX.realm.object_prototype)
    o.props["value"] = value
    o.props["done"] = done
    return o


@native("AsyncFromSyncIteratorPrototype.next", 1)
def async_from_sync_next(this: Any, args: list) -> Any:
    """ES2023 27.1.4.2.1 %AsyncFromSyncIteratorPrototype%.next ( [ value ] )."""
    return _step(this, "next", args)


@native("AsyncFromSyncIteratorPrototype.return", 1)
def async_from_sync_return(this: Any, args: list) -> Any:
    """ES2023 27.1.4.2.2 %AsyncFromSyncIteratorPrototype%.return ( [ value ] )."""
    return _step(this, "return", args)


@native("AsyncFromSyncIteratorPrototype.throw", 1)
def async_from_sync_throw(this: Any, args: list) -> Any:
    """ES2023 27.1.4.2.3 %AsyncFromSyncIteratorPrototype%.throw ( [ value ] )."""
    return _step(this, "throw", args)


def setup(realm: Any) -> None:
    aip = JSObject(realm.object_prototype)  # %AsyncIteratorPrototype%
    realm.method(aip, SYM_ASYNC_ITERATOR, "AsyncIteratorPrototype.[Symbol.asyncIterator]")
    realm.intr["AsyncIteratorPrototype"] = aip
    afs = JSObject(aip)  # %AsyncFromSyncIteratorPrototype%
    for name in ("next", "return", "throw"):
        realm.method(afs, name, f"AsyncFromSyncIteratorPrototype.{name}")
    realm.intr["AsyncFromSyncIteratorPrototype"] = afs


__all__ = ["JSAsyncFromSyncIterator", "create_async_from_sync_iterator", "get_async_iterator"]
