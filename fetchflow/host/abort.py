"""``AbortController`` and ``AbortSignal`` (https://dom.spec.whatwg.org/#aborting-ongoing-activities),
and the cancellation of pending fetches.

A signal's internal slots: ``aborted``, ``reason``, ``algorithms`` (abort algorithms as
plain data: ``["fetch", request id, reject function]`` or ``["remove_listener", target,
type, entry]``), ``dependents``/``sources`` (AbortSignal.any), ``listeners`` and
``onabort`` (it is an EventTarget).

Aborting a pending fetch rejects its promise with the signal's reason, removes the request
from ``host.pending`` and records its id in ``host.cancelled``: the next
ExecutionResult lists it in ``cancelled_requests``, and an answer to it is ignored.
"""
from __future__ import annotations

from typing import Any, Iterator, List

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations import promise_operations as P
from ..interp.operations.calls import call
from ..interp.operations.iteration import iterate_to_list
from ..interp.runtime import CTX
from ..interp.values import E, NULL, JSObject, JSThrow, is_callable
from .dom_events import add_listener, dispatch, new_event, remove_listener_entry
from .dom_exception import new_dom_exception
from .platform_object import JSPlatformObject, new_platform_object, node_type_error, tag, this_object
from ..interp.operations.object_operations import get_prototype_from_constructor
from ..interp.operations.type_conversion import to_number
from ..interp.builtins.timers import _schedule

__all__ = ["new_signal", "create_dependent_signal", "signal_abort", "add_fetch_algorithm", "take_cancelled", "is_signal",
           "cancelled_ids", "setup"]


def new_signal() -> JSPlatformObject:
    return new_platform_object(CTX.realm, "AbortSignal", {
        "aborted": False, "reason": None, "algorithms": [], "dependents": [], "sources": [],
        "dependent": False, "listeners": {}, "onabort": NULL})


def is_signal(v: Any) -> bool:
    return isinstance(v, JSPlatformObject) and v.cls == "AbortSignal"


def _abort_error() -> Any:
    return new_dom_exception("This operation was aborted", "AbortError")


def signal_abort(signal: JSPlatformObject, reason: Any) -> Iterator[Any]:
    """DOM 3.2 signal abort (a generator: firing ``abort`` calls JS listeners)."""
    s = signal.internal
    if s["aborted"]:
        return
    s["aborted"] = True
    s["reason"] = _abort_error() if reason is None else reason
    to_abort: List[JSPlatformObject] = []
    for dep in s["dependents"]:
        if not dep.internal["aborted"]:
            dep.internal["aborted"] = True
            dep.internal["reason"] = s["reason"]
            to_abort.append(dep)
    yield from _run_abort_steps(signal)
    for dep in to_abort:
        yield from _run_abort_steps(dep)


def _run_abort_steps(signal: JSPlatformObject) -> Iterator[Any]:
    """DOM 3.2 run the abort steps: the algorithms, then fire ``abort`` (trusted)."""
    s = signal.internal
    algorithms, s["algorithms"] = s["algorithms"], []
    for alg in algorithms:
        if alg[0] == "fetch":
            _abort_fetch(alg[1], alg[2], s["reason"])
        elif alg[0] == "remove_listener":
            remove_listener_entry(alg[1], alg[2], alg[3])
    yield from dispatch(signal, new_event("abort", trusted=True))


def _abort_fetch(rid: str, reject: Any, reason: Any) -> None:
    """Fetch 4.1 abort the fetch() call: reject its promise; the host may stop the request."""
    m = CTX.machine
    if m.host.pending.pop(rid, None) is not None:
        m.host.cancelled.append(rid)
        m.host.cancelled_new.append(rid)
    call(reject, None, [reason])


def add_fetch_algorithm(signal: JSPlatformObject, rid: str, promise: Any) -> Any:
    """fetch(input, {signal}) for a registered request: the promise returned to JS follows
    the request's promise unless the signal aborts first (then it rejects with the reason
    and the request is dropped)."""
    outer = P.new_intrinsic_promise()
    resolve, reject = P.create_resolving_functions(outer)
    P.perform_then(promise, resolve, reject, None)
    signal.internal["algorithms"].append(["fetch", rid, reject])
    return outer


def take_cancelled(m: Any) -> list:
    """The ids of the requests cancelled since the last call (ExecutionResult.cancelled_requests)."""
    new, m.host.cancelled_new = m.host.cancelled_new, []
    return new


def cancelled_ids(m: Any) -> list:
    return m.host.cancelled


# -- AbortController --------------------------------------------------------------------------------

@native("AbortController", 0, ctor=True)
def abort_controller_ctor(this: Any, args: list, new_target: Any) -> Any:
    if new_target is None:
        raise node_type_error("Class constructor AbortController cannot be invoked without 'new'")
    proto = get_prototype_from_constructor(new_target, "AbortControllerPrototype")
    return new_platform_object(CTX.realm, "AbortController", {"signal": new_signal()}, proto)


@native("get AbortController.prototype.signal")
def abort_controller_signal(this: Any, args: list) -> Any:
    return this_object(this, "AbortController").internal["signal"]


@native("AbortController.prototype.abort", 0, gen=True)
def abort_controller_abort(this: Any, args: list) -> Any:
    """DOM 3.1 abort(reason)."""
    signal = this_object(this, "AbortController").internal["signal"]
    yield from signal_abort(signal, arg(args, 0))
    return None


# -- AbortSignal ------------------------------------------------------------------------------------

@native("AbortSignal", 0, ctor=True)
def abort_signal_ctor(this: Any, args: list, new_target: Any) -> Any:
    raise node_type_error("Illegal constructor", "ERR_ILLEGAL_CONSTRUCTOR")


def _sig(this: Any) -> dict:
    return this_object(this, "AbortSignal").internal


@native("get AbortSignal.prototype.aborted")
def abort_signal_aborted(this: Any, args: list) -> Any:
    return _sig(this)["aborted"]


@native("get AbortSignal.prototype.reason")
def abort_signal_reason(this: Any, args: list) -> Any:
    return _sig(this)["reason"]


@native("AbortSignal.prototype.throwIfAborted", 0)
def abort_signal_throw_if_aborted(this: Any, args: list) -> Any:
    s = _sig(this)
    if s["aborted"]:
        raise JSThrow(s["reason"])
    return None


@native("get AbortSignal.prototype.onabort")
def abort_signal_get_onabort(this: Any, args: list) -> Any:
    return _sig(this)["onabort"]


@native("set AbortSignal.prototype.onabort", 1)
def abort_signal_set_onabort(this: Any, args: list) -> Any:
    """HTML 8.1.8.1 an event handler IDL attribute: registered as a listener when first set."""
    signal = this_object(this, "AbortSignal")
    v = arg(args, 0)
    s = signal.internal
    s["onabort"] = v if isinstance(v, JSObject) and is_callable(v) else NULL
    if s["onabort"] is not NULL and not s.get("onabort_listener"):
        add_listener(signal, "abort", "onabort")
        s["onabort_listener"] = True
    return None


@native("AbortSignal.abort", 0)
def abort_signal_abort(this: Any, args: list) -> Any:
    """DOM 3.2 AbortSignal.abort(reason): an already aborted signal."""
    signal = new_signal()
    reason = arg(args, 0)
    signal.internal["aborted"] = True
    signal.internal["reason"] = _abort_error() if reason is None else reason
    return signal


@native("AbortSignal.timeout", 1)
def abort_signal_timeout(this: Any, args: list) -> Any:
    """DOM 3.2 AbortSignal.timeout(ms): aborts with a TimeoutError after ``ms`` of the VM's
    virtual time (a timer of fetchflow/interp/builtins/timers.py)."""
    ms = to_number(arg(args, 0))
    if ms != ms or ms < 0 or ms > 2 ** 53 - 1 or ms in (float("inf"),):
        raise node_type_error(f'The value of "delay" is out of range. It must be >= 0 && <= '
                              f'9007199254740991. Received {arg(args, 0)!r}', "ERR_OUT_OF_RANGE")
    signal = new_signal()
    fire = CTX.realm.native("AbortSignal.timeoutFire", "", data=signal)
    _schedule(fire, [], float(ms), False)
    return signal


@native("AbortSignal.timeoutFire", 0, callee=True, gen=True)
def abort_signal_timeout_fire(this: Any, args: list, callee: Any) -> Any:
    reason = new_dom_exception("The operation was aborted due to timeout", "TimeoutError")
    yield from signal_abort(callee.data, reason)
    return None


@native("AbortSignal.any", 1)
def abort_signal_any(this: Any, args: list) -> Any:
    """DOM 3.2 AbortSignal.any(signals): create a dependent abort signal."""
    signals = iterate_to_list(arg(args, 0))
    for s in signals:
        if not is_signal(s):
            raise node_type_error('The "signals" argument must be an instance of AbortSignal[].',
                                  "ERR_INVALID_ARG_TYPE")
    return create_dependent_signal(signals)


def create_dependent_signal(signals: List[JSPlatformObject]) -> JSPlatformObject:
    """DOM 3.2.1 create a dependent abort signal (a Request's signal follows its init's)."""
    result = new_signal()
    for s in signals:
        if s.internal["aborted"]:
            result.internal["aborted"] = True
            result.internal["reason"] = s.internal["reason"]
            return result
    result.internal["dependent"] = True
    for s in signals:
        sources = [s] if not s.internal["dependent"] else s.internal["sources"]
        for src in sources:
            if src not in result.internal["sources"]:
                result.internal["sources"].append(src)
                src.internal["dependents"].append(result)
    return result


def setup(realm: Any) -> None:
    cp = JSObject(realm.object_prototype)
    realm.constructor("AbortController", "AbortController", cp)
    realm.getter(cp, "signal", "get AbortController.prototype.signal")
    realm.method(cp, "abort", "AbortController.prototype.abort")
    for key in ("signal", "abort"):
        cp.flags[key] |= E  # type: ignore[index]
    tag(cp, "AbortController")
    sp = JSObject(realm.intr["EventTargetPrototype"])
    ctor = realm.constructor("AbortSignal", "AbortSignal", sp)
    realm.getter(sp, "aborted", "get AbortSignal.prototype.aborted")
    realm.getter(sp, "reason", "get AbortSignal.prototype.reason")
    realm.method(sp, "throwIfAborted", "AbortSignal.prototype.throwIfAborted")
    realm.getter(sp, "onabort", "get AbortSignal.prototype.onabort", "set AbortSignal.prototype.onabort")
    for key in ("aborted", "reason", "throwIfAborted", "onabort"):
        sp.flags[key] |= E  # type: ignore[index]
    tag(sp, "AbortSignal")
    for name in ("abort", "timeout", "any"):
        realm.method(ctor, name, f"AbortSignal.{name}")
        ctor.flags[name] |= E  # type: ignore[index]
