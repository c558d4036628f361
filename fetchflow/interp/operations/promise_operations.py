"""Promise abstract operations (ES2017 25.4.1) with jobs as plain data on the machine's queue."""
from __future__ import annotations

from typing import Any, Optional

from ..runtime import CTX
from ..values import JSObject, is_callable
from .errors import type_error
from ..values import JSThrow
from ..values import is_constructor
from .calls import construct
from .calls import call

PENDING = "pending"
FULFILLED = "fulfilled"
REJECTED = "rejected"


class JSPromise(JSObject):
    """A promise instance (ES2017 25.4.6)."""
    __slots__ = ("state", "result", "fulfill_reactions", "reject_reactions", "handled")

    def __init__(self, proto: Optional[JSObject]) -> None:
        JSObject.__init__(self, proto, "Promise")
        self.state = PENDING
        self.result: Any = None
        self.fulfill_reactions: Optional[list] = []
        self.reject_reactions: Optional[list] = []
        self.handled = False


class Capability:
    """ES2017 25.4.1.1 PromiseCapability Record.  ``resolve``/``reject`` None means the
    promise is an intrinsic one settled directly (no observable difference)."""
    __slots__ = ("promise", "resolve", "reject")

    def __init__(self, promise: Any, resolve: Any = None, reject: Any = None) -> None:
        self.promise = promise
        self.resolve = resolve
        self.reject = reject


class AsyncResume:
    """Reaction handler that resumes a suspended async function (the await continuation)."""
    __slots__ = ("frames",)

    def __init__(self, frames: list) -> None:
        self.frames = frames


class Reaction:
    """ES2017 25.4.1.2 PromiseReaction Record; handler None means identity/thrower."""
    __slots__ = ("capability", "kind", "handler")

    def __init__(self, capability: Optional[Capability], kind: str, handler: Any) -> None:
        self.capability = capability
        self.kind = kind
        self.handler = handler


class ResolvingState:
    """The shared [[AlreadyResolved]] record of a pair of resolving functions."""
    __slots__ = ("promise", "done")

    def __init__(self, promise: JSPromise) -> None:
        self.promise = promise
        self.done = False


def new_intrinsic_promise() -> JSPromise:
    return JSPromise(CTX.realm.intr["PromisePrototype"])


def create_resolving_functions(p: JSPromise) -> tuple:
    """ES2017 25.4.1.3 CreateResolvingFunctions."""
    realm = CTX.realm
    st = ResolvingState(p)
    res = realm.native("Promise.resolveFunction", "", data=st)
    rej = realm.native("Promise.rejectFunction", "", data=st)
    return res, rej


def resolve_promise(p: JSPromise, resolution: Any) -> None:
    """The [[Resolve]] steps of ES2017 25.4.1.3.2 (without the AlreadyResolved check)."""
    if resolution is p:
        reject_promise(p, type_error("Chaining cycle detected for promise #<Promise>").value)
        return
    if not isinstance(resolution, JSObject):
        fulfill_promise(p, resolution)
        return
    try:
        then = resolution.get("then", resolution)
    except Exception as e:
        if isinstance(e, JSThrow):
            reject_promise(p, e.value)
            return
        raise
    if not is_callable(then):
        fulfill_promise(p, resolution)
        return
    CTX.machine.enqueue_job(("thenable", p, resolution, then))


def fulfill_promise(p: JSPromise, value: Any) -> None:
    """ES2017 25.4.1.4 FulfillPromise."""
    reactions = p.fulfill_reactions
    p.result = value
    p.state = FULFILLED
    p.fulfill_reactions = p.reject_reactions = None
    trigger_reactions(reactions or [], value)


def reject_promise(p: JSPromise, reason: Any) -> None:
    """ES2017 25.4.1.7 RejectPromise."""
    reactions = p.reject_reactions
    p.result = reason
    p.state = REJECTED
    p.fulfill_reactions = p.reject_reactions = None
    if not p.handled:
        CTX.machine.track_rejection(p)
    trigger_reactions(reactions or [], reason)


def trigger_reactions(reactions: list, argument: Any) -> None:
    """ES2017 25.4.1.8 TriggerPromiseReactions."""
    m = CTX.machine
    for r in reactions:
        m.enqueue_job(("reaction", r, argument))


def perform_then(p: JSPromise, on_fulfilled: Any, on_rejected: Any,
                 capability: Optional[Capability]) -> Any:
    """ES2017 25.4.5.3.1 PerformPromiseThen."""
    if not (on_fulfilled.__class__ is AsyncResume or is_callable(on_fulfilled)):
        on_fulfilled = None
    if not (on_rejected.__class__ is AsyncResume or is_callable(on_rejected)):
        on_rejected = None
    fr = Reaction(capability, "fulfill", on_fulfilled)
    rr = Reaction(capability, "reject", on_rejected)
    if p.state == PENDING:
        p.fulfill_reactions.append(fr)  # type: ignore[union-attr]
        p.reject_reactions.append(rr)  # type: ignore[union-attr]
    elif p.state == FULFILLED:
        CTX.machine.enqueue_job(("reaction", fr, p.result))
    else:
        if not p.handled:
            CTX.machine.untrack_rejection(p)
        CTX.machine.enqueue_job(("reaction", rr, p.result))
    p.handled = True
    return capability.promise if capability is not None else None


def promise_resolve(c: Any, x: Any) -> Any:
    """ES2017 25.4.4.5.1 PromiseResolve (C is the constructor)."""
    if isinstance(x, JSPromise):
        ctor = x.get("constructor", x)
        if ctor is c:
            return x
    cap = new_promise_capability(c)
    settle_capability(cap, x, False)
    return cap.promise


def new_promise_capability(c: Any) -> Capability:
    """ES2017 25.4.1.5 NewPromiseCapability."""
    realm = CTX.realm
    if c is realm.intr.get("Promise"):
        return Capability(new_intrinsic_promise())
    if not is_constructor(c):
        raise type_error("Promise resolve or reject function is not callable")
    box = realm.native("Promise.capabilityExecutor", "", data=[None, None])
    p = construct(c, [box])
    res, rej = box.data
    if not is_callable(res) or not is_callable(rej):
        raise type_error("Promise resolve or reject function is not callable")
    return Capability(p, res, rej)


def settle_capability(cap: Capability, value: Any, is_reject: bool) -> None:
    """Call the capability's resolve or reject function."""
    if cap.resolve is None:
        p = cap.promise
        if p.state != PENDING:
            return
        if is_reject:
            reject_promise(p, value)
        else:
            resolve_promise(p, value)
        return
    call(cap.reject if is_reject else cap.resolve, None, [value])
