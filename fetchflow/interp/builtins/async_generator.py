"""AsyncGenerator objects (ES2023 27.4, 27.6): %AsyncGeneratorFunction%, its prototype,
%AsyncGeneratorPrototype%, and the request queue that drives a generator's frames.

* AsyncGeneratorFunction          https://tc39.es/ecma262/2023/#sec-asyncgeneratorfunction-objects
* %AsyncGeneratorPrototype%       https://tc39.es/ecma262/2023/#sec-properties-of-asyncgenerator-prototype
* AsyncGenerator abstract ops     https://tc39.es/ecma262/2023/#sec-asyncgenerator-abstract-operations

A generator's suspended frames live in ``frames`` (as a sync generator's do); each
next/return/throw call is an AsyncGeneratorRequest in ``queue`` whose promise it returns.
The methods are dispatched by the machine (``gen=True`` natives, see Machine.call_value),
which calls ``async_generator_method``: resuming pushes an ``AsyncGenResumeFrame`` and the
generator's frames on the running stack, so the body runs on heap frames like any call.
When the body yields (evaluation/async_generators.py) or awaits, its frames leave the
stack and the resume frame answers the caller with the request's promise.
"""
from __future__ import annotations

from typing import Any, Optional

from ..frames import Frame
from ..natives import native
from ..operations import promise_operations as P
from ..operations.errors import range_error, type_error
from ..operations.type_conversion import to_display
from ..runtime import CTX
from ..values import C, SYM_TO_STRING_TAG, JSObject, JSThrow
from .function import create_dynamic_function, function_source_text

# [[AsyncGeneratorState]] (ES2023 27.6.2 Table 76)
SUSPENDED_START = "suspendedStart"
SUSPENDED_YIELD = "suspendedYield"
EXECUTING = "executing"
AWAITING_RETURN = "awaiting-return"
COMPLETED = "completed"
STATES = (SUSPENDED_START, SUSPENDED_YIELD, EXECUTING, AWAITING_RETURN, COMPLETED)
MODES = ("next", "return", "throw")


class JSAsyncGenerator(JSObject):
    """An AsyncGenerator instance (ES2023 27.6.2): state, suspended frames, request queue."""
    __slots__ = ("ag_state", "frames", "queue")

    def __init__(self, proto: Optional[JSObject]) -> None:
        JSObject.__init__(self, proto, "AsyncGenerator")
        self.ag_state = SUSPENDED_START
        self.frames: Optional[list] = None
        self.queue: list = []


class AsyncGenRequest:
    """ES2023 27.6.3.1 AsyncGeneratorRequest Record: the completion ([[Completion]] as its
    mode and value) and the promise of its %Promise% capability."""
    __slots__ = ("mode", "value", "promise")

    def __init__(self, mode: str, value: Any, promise: P.JSPromise) -> None:
        self.mode = mode
        self.value = value
        self.promise = promise


class AsyncGenResumeFrame(Frame):
    """Below a resumed generator's frames: once they yield, await or finish, the caller of
    next/return/throw gets the request's promise (``vals``).  Never outlives a step."""
    __slots__ = ()

    def on_abrupt(self, m: Any, kind: int, value: Any, label: Any) -> bool:
        return False


def answer_with_request_promise(m: Any, f: Frame) -> None:
    m.stack.pop()
    m.rv = f.vals


def _iter_result(value: Any, done: bool) -> JSObject:
    o = JSObject(CTX.realm.object_prototype)
    o.props["value"] = value
    o.props["done"] = done
    return o


def _receiver_display(v: Any) -> str:
    """How V8 shows a wrong receiver: a function's source text, #<Class>, a primitive as is."""
    if isinstance(v, JSObject):
        if v.call_kind is not None:
            return function_source_text(v)
        return f"#<{v.cls if v.cls != 'global' else 'Object'}>"
    return to_display(v) if type(v) is not str else v


def async_generator_method(m: Any, gen: Any, mode: str, value: Any) -> None:
    """AsyncGenerator.prototype.next / return / throw (ES2023 27.6.1.2-4): ``m.rv`` is the
    request's promise; a suspended generator runs on the stack first (its resume frame
    answers with the promise)."""
    promise = P.new_intrinsic_promise()
    if not _request(m, gen, mode, value, promise):
        m.rv = promise  # after any JS code the request ran (a thenable's getters)


def _request(m: Any, gen: Any, mode: str, value: Any, promise: P.JSPromise) -> bool:
    """The request's steps; True when the generator's frames were pushed to run it."""
    if type(gen) is not JSAsyncGenerator:  # AsyncGeneratorValidate, IfAbruptRejectPromise
        P.reject_promise(promise, type_error(
            f"Method [AsyncGenerator].prototype.{mode} called on incompatible receiver "
            f"{_receiver_display(gen)}").value)
        return False
    state = gen.ag_state
    if mode == "next":
        if state == COMPLETED:
            P.resolve_promise(promise, _iter_result(None, True))
            return False
    elif mode == "throw":
        if state == SUSPENDED_START:
            gen.ag_state = state = COMPLETED
            gen.frames = None
        if state == COMPLETED:
            P.reject_promise(promise, value)
            return False
    gen.queue.append(AsyncGenRequest(mode, value, promise))  # AsyncGeneratorEnqueue
    if mode == "return" and (state == SUSPENDED_START or state == COMPLETED):
        gen.ag_state = AWAITING_RETURN
        gen.frames = None
        async_generator_await_return(m, gen)
        return False
    if state == SUSPENDED_START or state == SUSPENDED_YIELD:
        async_generator_resume(m, gen, mode, value, promise)
        return True
    return False


def async_generator_resume(m: Any, gen: JSAsyncGenerator, mode: str, value: Any,
                           promise: P.JSPromise) -> None:
    """ES2023 27.6.3.3 AsyncGeneratorResume: the generator's frames run on this stack.
    Suspended at a yield, the yield's frame (top) takes the completion: ``x`` the mode,
    ``rv`` the value (AsyncGeneratorUnwrapYieldResumption is its job)."""
    if m.depth >= m.max_call_depth:
        raise range_error("Maximum call stack size exceeded")
    frames = gen.frames
    if frames is None:
        raise AssertionError("resuming an async generator without frames")
    if gen.ag_state == SUSPENDED_YIELD:
        frames[-1].x = mode
    gen.ag_state = EXECUTING
    gen.frames = None
    rf = AsyncGenResumeFrame(answer_with_request_promise, None, None)
    rf.vals = promise
    m.stack.append(rf)
    m.stack.extend(frames)
    m.depth += 1
    m.rv = value


def async_generator_complete_step(gen: JSAsyncGenerator, is_throw: bool, value: Any,
                                  done: bool) -> None:
    """ES2023 27.6.3.4 AsyncGeneratorCompleteStep: settle the first request's promise."""
    req = gen.queue.pop(0)
    if is_throw:
        P.reject_promise(req.promise, value)
    else:
        P.resolve_promise(req.promise, _iter_result(value, done))


def async_generator_drain_queue(m: Any, gen: JSAsyncGenerator) -> None:
    """ES2023 27.6.3.9 AsyncGeneratorDrainQueue (the generator is completed)."""
    queue = gen.queue
    while queue:
        req = queue[0]
        if req.mode == "return":
            gen.ag_state = AWAITING_RETURN
            async_generator_await_return(m, gen)
            return
        if req.mode == "throw":
            async_generator_complete_step(gen, True, req.value, True)
        else:
            async_generator_complete_step(gen, False, None, True)


def async_generator_await_return(m: Any, gen: JSAsyncGenerator) -> None:
    """ES2023 27.6.3.7 AsyncGeneratorAwaitReturn: await the return value, then complete."""
    req = gen.queue[0]
    try:
        promise = P.promise_resolve(CTX.realm.intr["Promise"], req.value)
    except JSThrow as e:
        gen.ag_state = COMPLETED
        async_generator_complete_step(gen, True, e.value, True)
        async_generator_drain_queue(m, gen)
        return
    realm = CTX.realm
    on_ok = realm.native("AsyncGenerator.awaitReturnFulfilled", "", data=gen)
    on_err = realm.native("AsyncGenerator.awaitReturnRejected", "", data=gen)
    P.perform_then(promise, on_ok, on_err, None)


@native("AsyncGenerator.awaitReturnFulfilled", 1, callee=True)
def _await_return_fulfilled(this: Any, args: list, callee: Any) -> Any:
    """AsyncGeneratorAwaitReturn's fulfilledClosure (ES2023 27.6.3.7 step 8)."""
    gen = callee.data
    gen.ag_state = COMPLETED
    async_generator_complete_step(gen, False, args[0] if args else None, True)
    async_generator_drain_queue(CTX.machine, gen)
    return None


@native("AsyncGenerator.awaitReturnRejected", 1, callee=True)
def _await_return_rejected(this: Any, args: list, callee: Any) -> Any:
    """AsyncGeneratorAwaitReturn's rejectedClosure (ES2023 27.6.3.7 step 10)."""
    gen = callee.data
    gen.ag_state = COMPLETED
    async_generator_complete_step(gen, True, args[0] if args else None, True)
    async_generator_drain_queue(CTX.machine, gen)
    return None


def async_generator_body_done(m: Any, gen: JSAsyncGenerator, is_throw: bool, value: Any) -> None:
    """ES2023 27.6.3.2 AsyncGeneratorStart steps 4.e-i: the body completed (its frame is gone)."""
    gen.ag_state = COMPLETED
    gen.frames = None
    async_generator_complete_step(gen, is_throw, value, True)
    async_generator_drain_queue(m, gen)
    m.rv = None


# next/return/throw: dispatched by the machine (Machine.call_value), which resumes frames
@native("AsyncGenerator.prototype.next", 1, gen=True)
def async_generator_next(this: Any, args: list) -> Any:  # pragma: no cover - dispatched by the machine
    raise AssertionError("resumed by the machine")


@native("AsyncGenerator.prototype.return", 1, gen=True)
def async_generator_return(this: Any, args: list) -> Any:  # pragma: no cover
    raise AssertionError("resumed by the machine")


@native("AsyncGenerator.prototype.throw", 1, gen=True)
def async_generator_throw(this: Any, args: list) -> Any:  # pragma: no cover
    raise AssertionError("resumed by the machine")


ASYNC_GEN_METHODS = {"AsyncGenerator.prototype.next": "next",
                     "AsyncGenerator.prototype.return": "return",
                     "AsyncGenerator.prototype.throw": "throw"}


@native("AsyncGeneratorFunction", 1, ctor=True)
def async_generator_function_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2023 27.4.1.1 AsyncGeneratorFunction ( p1, p2, ..., pn, body )."""
    return create_dynamic_function("asyncGenerator", args, new_target)


def setup(realm: Any) -> None:
    aip = realm.intr["AsyncIteratorPrototype"]
    proto = JSObject(aip)  # %AsyncGeneratorPrototype%
    fproto = JSObject(realm.function_prototype)  # %AsyncGeneratorFunction.prototype%
    proto.put_hidden("constructor", fproto, C)
    for name in MODES:
        realm.method(proto, name, f"AsyncGenerator.prototype.{name}")
    proto.put_hidden(SYM_TO_STRING_TAG, "AsyncGenerator", C)
    fproto.put_hidden("prototype", proto, C)
    fproto.put_hidden(SYM_TO_STRING_TAG, "AsyncGeneratorFunction", C)
    realm.intr["AsyncGeneratorFunctionPrototype"] = fproto
    realm.intr["AsyncGeneratorPrototype"] = proto


def post_setup(realm: Any) -> None:
    """%AsyncGeneratorFunction% (ES2023 27.4.1): not a global, reached as
    ``Object.getPrototypeOf(async function*(){}).constructor``."""
    fproto = realm.intr["AsyncGeneratorFunctionPrototype"]
    ctor = realm.native("AsyncGeneratorFunction", "AsyncGeneratorFunction")
    ctor.proto = realm.intr["Function"]
    ctor.put_hidden("prototype", fproto, 0)
    fproto.put_hidden("constructor", ctor, C)
    realm.intr["AsyncGeneratorFunction"] = ctor
