"""The public API: execute_code / resume_execution / FetchVM and the records they exchange.

Names and fields mirror the original TypeScript library in Python form; external
programs drive fetchflow through them, so they are a contract.
"""
from __future__ import annotations

import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, Union

from .errors import JSSyntaxError
from .interp.values import JSThrow
from .limits import LimitExceeded, Limits


def default_key(key: Any) -> Optional[bytes]:
    """The signing key: the one given, else the FETCHFLOW_STATE_KEY environment variable."""
    if key is not None:
        from .state import check_key
        return check_key(key.encode("utf-8") if isinstance(key, str) else key)
    import os
    env = os.environ.get("FETCHFLOW_STATE_KEY")
    return env.encode("utf-8") if env else None


class FetchflowError(Exception):
    """Base class of fetchflow's Python-side errors."""


class ResponseError(FetchflowError, ValueError):
    """A response given to resume cannot be delivered (wrong type or fields, unknown id)."""


class UnknownRequestError(ResponseError, KeyError):
    """A FetchResponse names a request id that is not pending in the state."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown request"


class JSError(FetchflowError):
    """An uncaught JavaScript exception: ``name``, ``message``, ``stack`` and the JS ``value``
    (converted to Python)."""

    def __init__(self, name: str, message: str, stack: str, value: Any = None,
                 console: Optional[list] = None) -> None:
        super().__init__(f"{name}: {message}" if message else name)
        self.name = name
        self.message = message
        self.stack = stack
        self.value = value
        self.console = console or []


@dataclass
class FetchRequest:
    id: str
    url: str
    options: dict
    timestamp: float

    @property
    def method(self) -> str:
        return self.options.get("method", "GET")

    @property
    def headers(self) -> dict:
        return self.options.get("headers", {})

    @property
    def body(self) -> Optional[str]:
        return self.options.get("body")


@dataclass
class FetchResponse:
    id: str
    success: bool
    status: int = 200
    status_text: str = ""
    data: Any = None
    error: Optional[str] = None
    headers: Optional[dict] = None
    timestamp: Optional[float] = None


class VMState:
    """A paused VM: ``to_bytes()`` is everything needed to resume it anywhere."""

    def __init__(self, id: str, code: str, variables: dict, timestamp: float, data: bytes,
                 key: Optional[bytes] = None) -> None:
        self.id = id
        self.code = code
        self.variables = variables
        self.timestamp = timestamp
        self._data = data
        self._key = key

    def to_bytes(self) -> bytes:
        return self._data

    @classmethod
    def from_bytes(cls, b: bytes, key: Optional[bytes] = None) -> "VMState":
        from .state import load_machine
        m = load_machine(b, key)
        meta = m.host.get("meta", {})
        return cls(meta.get("id", ""), meta.get("code", ""), snapshot_variables(m),
                   meta.get("timestamp", 0.0), bytes(b), key)

    def restore(self, stepper: Any = None) -> Any:
        from .state import load_machine
        return load_machine(self._data, self._key, stepper)

    @property
    def pending_requests(self) -> list:
        m = self.restore()
        return pending_requests(m)

    def inspect(self) -> Any:
        from .inspect_state import inspect_state
        return inspect_state(self)

    def __repr__(self) -> str:
        return f"<VMState {self.id} {len(self._data)} bytes>"


@dataclass
class ExecutionResult:
    type: str                                  # 'completed' | 'paused'
    result: Any = None
    console: list = field(default_factory=list)
    state: Optional[VMState] = None
    fetch_request: Optional[FetchRequest] = None
    fetch_requests: list = field(default_factory=list)
    pending_events: list = field(default_factory=list)  # [{"id", "name", "timeout"}] awaited events
    wake_at: Optional[float] = None  # timers="real": when the earliest timer is due (epoch s)
    cancelled_requests: list = field(default_factory=list)  # ids of requests aborted in this step


# -- conversions -----------------------------------------------------------------------------------

MAX_RESULT_VALUES = 10_000_000  # values in a converted result, shared objects counted per use
ELIDED = "[…]"                   # what stands for the values past MAX_RESULT_VALUES


def to_python(v: Any, _depth: int = 0) -> Any:
    """JS value -> Python: undefined and null -> None, integral numbers -> int, arrays -> list,
    plain objects -> dict (own enumerable string keys), functions -> their name string
    wrapped as "[Function name]"; cycles become "[Circular]".

    Each JS object is converted once: an object reached again (not through a cycle) gives
    the same Python object, so a DAG like ``a = [a, a]`` 30 levels deep converts in 30
    steps.  Its values still count once per use, as a JSON dump of the result would see
    them: past MAX_RESULT_VALUES in all, the rest of the result becomes ``ELIDED``."""
    from .interp.values import NULL, HOLE, JSArray, JSObject, JSSymbol
    from .interp.operations.buffers import JSArrayBuffer, JSTypedArray
    done: dict = {}       # id -> (Python value, values it stands for) of converted objects
    active: set = set()   # ids of the objects being converted (a way back to one is a cycle)
    left = [MAX_RESULT_VALUES]

    def conv(x: Any, depth: int) -> Any:
        if left[0] <= 0:
            return ELIDED
        left[0] -= 1
        t = type(x)
        if x is None or x is NULL:
            return None
        if t is bool or t is str:
            return _from_js_string(x) if t is str else x
        if t is float:
            if x == x and x not in (float("inf"), float("-inf")) and x.is_integer():
                return int(x)
            return x
        if t is JSSymbol:
            return f"Symbol({x.description or ''})"
        if isinstance(x, JSObject):
            key = id(x)
            if key in active:
                return "[Circular]"
            seen = done.get(key)
            if seen is not None:
                if seen[1] > left[0]:
                    left[0] = 0
                    return ELIDED
                left[0] -= seen[1]
                return seen[0]
            if depth > 200:
                return "[Object]"
            if x.call_kind is not None:
                n = x.props.get("name", "")
                return f"[Function {n}]" if type(n) is str and n else "[Function]"
            before = left[0]
            active.add(key)
            try:
                out = convert_object(x, depth)
            finally:
                active.discard(key)
            done[key] = (out, before - left[0])
            return out
        return x

    def convert_object(x: Any, depth: int) -> Any:
        if type(x) is JSTypedArray or type(x) is JSArrayBuffer:
            return _buffer_to_python(x, left)
        if isinstance(x, JSArray):
            n = x.length
            if x.elems is not None:
                return [None if e is HOLE else conv(e, depth + 1) for e in x.elems]
            # sparse: visit the present indices only (a length of 2**32-1 must not
            # mean 10 million property lookups); accessors are not run, as below
            arr: list = [None] * max(0, min(n, 10_000_000, left[0]))
            left[0] -= len(arr)  # the holes count too: they are in the result
            for k in list(x.props):
                if type(k) is str and k.isdigit() and (k == "0" or k[0] != "0") \
                        and int(k) < len(arr):
                    own = x.get_own_property(k)
                    if own is not None and not own[1] & 8:
                        arr[int(k)] = conv(own[0], depth + 1)
            return arr
        out = {}
        from .interp.values import E
        for k in x.own_property_keys():
            if type(k) is not str:
                continue
            own = x.get_own_property(k)
            if own is None or not own[1] & E:
                continue
            val = own[0]
            if own[1] & 8:  # accessor: don't run user code while converting
                val = None
            out[_from_js_string(k)] = conv(val, depth + 1)
        if not out and getattr(x, "cls", "") == "Error":
            return f"{x.get('name', x)}: {x.get('message', x)}"
        return out

    return conv(v, _depth)


def _buffer_to_python(x: Any, left: list) -> Any:
    """An ArrayBuffer or a Uint8Array -> ``bytes``; another typed array -> a list of numbers
    (integral ones as ``int``, as everywhere in to_python)."""
    if x.cls == "ArrayBuffer":
        return bytes(x.data or b"")
    if x.buffer.data is None:
        return b"" if x.kind == "Uint8" else []
    if x.kind == "Uint8":
        return x.view.tobytes()
    vals = x.view[:max(0, left[0])].tolist()
    left[0] -= len(vals)
    if x.kind[0] != "F":
        return vals
    return [int(v) if v.is_integer() else v for v in vals]


def _from_js_string(s: str) -> str:
    """JS UTF-16 code units -> Python str (pairs joined, lone surrogates as U+FFFD)."""
    if s.isascii():
        return s
    try:
        return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    except UnicodeError:
        return s


def snapshot_variables(m: Any) -> dict:
    """A JSON-able view of the script's global variables (for inspection)."""
    from .interp.values import TDZ
    builtin = m.host.get("builtin_globals", set())
    out: dict = {}
    g = m.realm.global_object
    for k in list(g.props):
        if type(k) is str and k not in builtin:
            own = g.get_own_property(k)
            if own is not None and not own[1] & 8:
                out[k] = _safe(own[0])
    for k, v in m.global_lex.items():
        out[k] = "<uninitialized>" if v is TDZ else _safe(v)
    return out


def _safe(v: Any) -> Any:
    try:
        return to_python(v)
    except Exception:  # noqa: BLE001 - a snapshot must never fail
        return "<unavailable>"


def pending_requests(m: Any) -> list:
    out = []
    for rid, (req, _p) in m.host["pending"].items():
        out.append(FetchRequest(rid, req["url"], {"method": req["method"], "headers": dict(req["headers"]),
                                                  "body": req["body"]}, req["timestamp"]))
    return out


# -- machines -------------------------------------------------------------------------------------

def new_machine(limits: Optional[Limits] = None, *, on_step: Any = None, breakpoints: Any = None,
                clock: Optional[float] = None, timezone: Optional[str] = None) -> Any:
    """A machine with the host objects installed.  ``clock`` (ms since the epoch) freezes
    Date.now(); ``timezone`` ("UTC" by default, an IANA name or "+hh:mm") is the local zone;
    ``on_step``/``breakpoints``: see fetchflow.host.debug."""
    from .interp.machine import Machine
    from .host import web
    m = Machine(max_call_depth=(limits.max_call_depth if limits else Limits().max_call_depth))
    prev = m.enter()
    try:
        web.setup(m.realm)
        from .host import events as _events
        _events.setup(m.realm)
        from .host import web_platform
        web_platform.setup(m.realm)
        if timezone is not None:
            from .interp.operations.date_time import set_timezone
            set_timezone(m.realm, timezone)
    finally:
        m.leave(prev)
    if clock is not None:
        from .host.debug import FrozenClock
        m.realm.clock = FrozenClock(clock)
    m.stepper = _stepper(on_step, breakpoints)
    m.host["builtin_globals"] = set(m.realm.global_object.props)
    return m


def _stepper(on_step: Any, breakpoints: Any) -> Any:
    if on_step is None:
        return None
    from .host.debug import Stepper
    return Stepper(on_step, breakpoints)


def _js_error(m: Any, value: Any) -> JSError:
    from .interp.inspect_value import error_headline
    from .interp.values import JSObject
    prev = m.enter()
    try:
        headline = error_headline(value)
        name, _, message = headline.partition(": ")
        stack = ""
        if isinstance(value, JSObject):
            try:
                st = value.get("stack", value)
                stack = st if type(st) is str else ""
            except JSThrow:
                stack = ""
        if not isinstance(value, JSObject) or getattr(value, "cls", "") != "Error":
            name, message = "Uncaught", headline[len("Uncaught "):] if headline.startswith("Uncaught ") else headline
        return JSError(name, message, stack or headline, _safe(value), list(m.console_lines))
    finally:
        m.leave(prev)


def _settle(m: Any, responses: list) -> None:
    """Deliver responses to pending fetch promises (all ids and sizes are checked first)."""
    from .host.web import body_text, check_response_fields, make_response
    from .interp.operations import promise_operations as P
    from .interp.operations.errors import make_error
    pending = m.host["pending"]
    cancelled = m.host.get("cancelled", ())   # answers to aborted fetches are ignored
    responses = [r for r in responses if not (isinstance(r, FetchResponse) and r.id in cancelled
                                              and r.id not in pending)]
    bodies: dict = {}
    for r in responses:
        if not isinstance(r, FetchResponse):
            raise ResponseError(f"expected FetchResponse, got {type(r).__name__}")
        if not isinstance(r.id, str):
            raise ResponseError(f"response id must be a str, not {type(r.id).__name__}")
        if r.timestamp is not None and (type(r.timestamp) not in (int, float)
                                        or not -1e15 < r.timestamp < 1e15):
            raise ResponseError(f"response {r.id!r}: timestamp must be None or a finite number "
                                f"of seconds, not {r.timestamp!r}")
        if not isinstance(r.success, bool):
            raise ResponseError(f"response {r.id!r}: success must be a bool")
        if r.success and (not isinstance(r.status, int) or isinstance(r.status, bool) or
                          not 100 <= r.status <= 599):
            raise ResponseError(f"response {r.id!r}: status must be an int in 100..599, not {r.status!r}")
        if r.headers is not None and not isinstance(r.headers, dict):
            raise ResponseError(f"response {r.id!r}: headers must be a dict")
        try:
            check_response_fields(r.status_text, r.headers, r.error)
            bodies[r.id] = body_text(r.data) if r.success else ""
        except ValueError as e:
            raise ResponseError(f"response {r.id!r}: {e}") from None
        if r.id not in pending:
            raise UnknownRequestError(f"no pending request with id {r.id!r} "
                                      f"(pending: {', '.join(pending) or 'none'})")
    seen = set()
    for r in responses:
        if r.id in seen:
            raise UnknownRequestError(f"request {r.id!r} answered twice")
        seen.add(r.id)
    lim = m.limits
    if lim is not None and lim.max_response_bytes is not None:
        for r in responses:
            size = len(bodies[r.id].encode("utf-8", "surrogatepass"))
            if size > lim.max_response_bytes:
                raise LimitExceeded("max_response_bytes", f"response {r.id} has {size} bytes")
    _advance_timers(m, responses, pending)
    for r in responses:
        req, promise = pending.pop(r.id)
        if r.success:
            resp = make_response(r.status, r.status_text or None, r.headers or {}, bodies[r.id],
                                 req["url"])
            P.resolve_promise(promise, resp)
        else:
            P.reject_promise(promise, make_error("TypeError", r.error or "fetch failed"))


def _advance_timers(m: Any, responses: list, pending: dict) -> None:
    """Let virtual time pass for the pause; timers that fell due run before the responses."""
    if not m.host.get("timers"):
        return
    from .interp.builtins.timers import advance
    if responses and all(r.timestamp is not None for r in responses) and not m.host.get("real_time"):
        elapsed = max(r.timestamp - pending[r.id][0]["timestamp"] for r in responses)
    else:
        elapsed = time.time() - m.host.get("meta", {}).get("timestamp", time.time())
    for job in reversed(advance(m, max(0.0, elapsed) * 1000.0)):
        m.jobs.appendleft(job)


def _step(m: Any, start: Callable[[], Any], quiet: bool, code: str, key: Optional[bytes],
          vm_id: str) -> ExecutionResult:
    """Run the machine until it completes or can make no progress without a response."""
    from .interp.operations import promise_operations as P
    from .interp.frames import BarrierFrame
    m.console_lines = []
    m.echo = not quiet
    prev = m.enter()
    m.begin_step()
    try:
        try:
            p = start()
            if p is not None:
                m.host["script_promise"] = p
            if m.stack:
                m.stack.insert(0, BarrierFrame())
                m._run(m._drive)
            m.run_until_idle()
        except JSThrow as e:
            m.stack.clear()
            m.jobs.clear()
            raise _js_error(m, e.value) from None
        except RecursionError:
            m.stack.clear()
            m.jobs.clear()
            raise LimitExceeded("max_call_depth", "Python recursion limit reached") from None
        except (LimitExceeded, MemoryError) as e:
            m.stack.clear()
            m.jobs.clear()
            if isinstance(e, MemoryError):
                raise LimitExceeded("max_heap_bytes", "the host ran out of memory") from None
            raise
        m.end_step()
        p = m.host["script_promise"]
        unhandled = [q for q in m.pending_rejections if not q.handled and q is not p]
        m.pending_rejections = []
        if unhandled:
            # node terminates on a rejection nobody handled by the end of the job queue
            raise _js_error(m, unhandled[0].result)
        console = list(m.console_lines)
        _keep_console(m, console)
        from .host.abort import take_cancelled
        cancelled = take_cancelled(m)
        if p.state == P.FULFILLED:
            return ExecutionResult("completed", _safe(p.result), console, cancelled_requests=cancelled)
        if p.state == P.REJECTED:
            raise _js_error(m, p.result)
        from .host.events import pending_events, waiting, wake_at
        if m.host["pending"] or waiting(m):
            m.host["pauses"] += 1
            m.host["meta"] = {"id": vm_id, "code": code, "timestamp": time.time()}
            data = _dump(m, key)
            st = VMState(vm_id, code, snapshot_variables(m), m.host["meta"]["timestamp"], data, key)
            reqs = pending_requests(m)
            return ExecutionResult("paused", None, console, st, reqs[0] if reqs else None, reqs,
                                   pending_events(m), wake_at(m, m.host["meta"]["timestamp"]),
                                   cancelled_requests=cancelled)
        # nothing left to do and nothing pending: the script awaits forever
        return ExecutionResult("completed", None, console, cancelled_requests=cancelled)
    finally:
        m.leave(prev)


CONSOLE_KEEP = 1000  # console lines kept in the state for inspection (the latest ones)


def _keep_console(m: Any, lines: list) -> None:
    """Append a step's console lines to ``host["console_all"]`` (what ``VMState.inspect()``
    shows), keeping the latest CONSOLE_KEEP and counting the dropped ones."""
    kept = m.host.setdefault("console_all", [])
    kept.extend(lines)
    extra = len(kept) - CONSOLE_KEEP
    if extra > 0:
        del kept[:extra]
        m.host["console_dropped"] = m.host.get("console_dropped", 0) + extra


def _set_policy(m: Any, policy: Any) -> None:
    if policy is not None:
        from .host.policy import FetchPolicy
        if not isinstance(policy, FetchPolicy):
            raise TypeError(f"policy must be a FetchPolicy, not {type(policy).__name__}")
        m.host["policy"] = policy.to_data()


def _resume_failure(e: Exception) -> Exception:
    """What a resume raises for ``e``: fetchflow's own errors as they are; anything else came
    from running a loaded state the interpreter cannot run (a state is checked field by
    field on load, but not every combination of frame positions can be), so StateError."""
    from .state import StateError
    if isinstance(e, (FetchflowError, LimitExceeded, StateError)):
        return e
    err = StateError(f"the state cannot be resumed: {type(e).__name__}: {e} "
                     "(an inconsistent state, or a fetchflow bug)")
    err.__cause__ = e
    return err


def _dump(m: Any, key: Optional[bytes]) -> bytes:
    from .state import dump_machine
    return dump_machine(m, key)


def execute_code(source: str, *, quiet: bool = False, limits: Optional[Limits] = None,
                 key: Optional[bytes] = None, policy: Any = None, on_step: Any = None,
                 breakpoints: Any = None, clock: Optional[float] = None,
                 timezone: Optional[str] = None, timers: str = "virtual",
                 closures: bool = True, **_options: Any) -> ExecutionResult:
    """Run ``source`` until it completes or pauses at fetch() (``policy``: a
    ``fetchflow.host.policy.FetchPolicy`` checked by fetch() and kept in the state;
    ``timers="real"``: pause with ``wake_at`` when only timers remain, see host/events.py)."""
    if not isinstance(source, str):
        raise TypeError(f"source must be str, not {type(source).__name__}")
    key = default_key(key)
    m = new_machine(limits, on_step=on_step, breakpoints=breakpoints, clock=clock, timezone=timezone)
    m.limits = limits or Limits()
    m.closures = bool(closures)
    _set_policy(m, policy)
    if timers not in ("virtual", "real"):
        raise ValueError(f"timers must be 'virtual' or 'real', not {timers!r}")
    if timers == "real":
        m.host["real_time"] = True
    vm_id = uuid.uuid4().hex
    return _step(m, lambda: m.start_script(source), quiet, source, key, vm_id)


def resume_execution(state: Union[VMState, bytes], response: Union[FetchResponse, Iterable[FetchResponse]],
                     *, quiet: bool = False, key: Optional[bytes] = None,
                     limits: Optional[Limits] = None, on_step: Any = None,
                     breakpoints: Any = None, events: Any = None) -> ExecutionResult:
    """Resume a paused VM with one response or a list of them (``[]`` just lets time pass:
    a real-time VM runs its due timers); ``events``: ``[(name, payload), ...]`` delivered
    to ``waitForEvent`` (payloads JSON-able)."""
    key = default_key(key)
    stepper = _stepper(on_step, breakpoints)
    if isinstance(state, (bytes, bytearray, memoryview)):
        from .state import load_machine
        m = load_machine(bytes(state), key, stepper)  # loaded once, straight from the bytes
        meta = m.host.get("meta", {})
        vm_id, code = meta.get("id", ""), meta.get("code", "")
    elif isinstance(state, VMState):
        m = VMState(state.id, state.code, state.variables, state.timestamp, state.to_bytes(),
                    key if key is not None else state._key).restore(stepper)
        vm_id, code = state.id, state.code
        key = key if key is not None else state._key
    else:
        raise TypeError(f"state must be VMState or bytes, not {type(state).__name__}")
    responses = [response] if isinstance(response, FetchResponse) else list(response)
    try:
        m.limits = (m.limits or Limits()).tightened(limits)
        prev = m.enter()
        try:
            _settle(m, responses)
            if events:
                from .host.events import deliver_events
                deliver_events(m, events)
        finally:
            m.leave(prev)
        return _step(m, lambda: None, quiet, code, key, vm_id)
    except Exception as e:  # noqa: BLE001 - see _resume_failure
        raise _resume_failure(e)


class FetchVM:
    """A persistent VM: globals survive across ``execute`` calls and pauses."""

    def __init__(self, *, quiet: bool = False, limits: Optional[Limits] = None,
                 key: Optional[bytes] = None, policy: Any = None, on_step: Any = None,
                 breakpoints: Any = None, clock: Optional[float] = None,
                 timezone: Optional[str] = None) -> None:
        self.quiet = quiet
        self.limits = limits
        self.key = default_key(key)
        self.policy = policy
        self.on_step = on_step
        self.breakpoints = breakpoints
        self.clock = clock
        self.timezone = timezone
        self.id = uuid.uuid4().hex
        self._m: Any = None
        self.initialize()

    def initialize(self) -> None:
        if self._m is None:
            self._m = new_machine(self.limits, on_step=self.on_step, breakpoints=self.breakpoints,
                                  clock=self.clock, timezone=self.timezone)
            self._m.limits = self.limits or Limits()
            _set_policy(self._m, self.policy)

    def _machine(self) -> Any:
        if self._m is None:
            raise FetchflowError("this FetchVM has been disposed")
        return self._m

    def execute(self, source: str) -> ExecutionResult:
        m = self._machine()
        if m.host.get("pending"):
            raise FetchflowError("the VM is paused: resume it before executing more code")
        r = _step(m, lambda: m.start_script(source), self.quiet, source, self.key, self.id)
        return r

    def resume(self, state: Union[VMState, bytes], response: Any) -> ExecutionResult:
        self._machine()
        if isinstance(state, (bytes, bytearray, memoryview)):
            state = VMState.from_bytes(bytes(state), self.key)
        m = state.restore(_stepper(self.on_step, self.breakpoints))
        responses = [response] if isinstance(response, FetchResponse) else list(response)
        try:
            m.limits = (m.limits or Limits()).tightened(self.limits)
            prev = m.enter()
            try:
                _settle(m, responses)
            finally:
                m.leave(prev)
            self._m = m
            return _step(m, lambda: None, self.quiet, state.code, self.key, self.id)
        except Exception as e:  # noqa: BLE001 - see _resume_failure
            raise _resume_failure(e)

    @property
    def globals(self) -> dict:
        return snapshot_variables(self._machine())

    def dispose(self) -> None:
        self._m = None

    def __enter__(self) -> "FetchVM":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.dispose()


_ = (JSSyntaxError,)
