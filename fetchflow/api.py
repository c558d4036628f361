"""The public API: execute_code / resume_execution / FetchVM and the records they exchange.

Names and fields mirror the original TypeScript library in Python form; external
programs drive fetchflow through them, so they are a contract.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Union

from .errors import FetchflowError, JSError, JSSyntaxError, ResponseError, UnknownRequestError
from .exchange import FetchRequest, FetchResponse
from .host.debug import Stepper
from .host import realm_pool
from .host.environment import MachineOptions, create_machine
from .host.events import pending_events, wake_at
from .host.abort import take_cancelled
from .interp.inspect_value import error_headline
from .interp.machine import Machine
from .interp.values import JSObject, JSThrow
from .limits import LimitExceeded, Limits
from .state import StateError, check_key, dump_machine, load_machine
from .to_python import ELIDED, MAX_RESULT_VALUES, safe_to_python, snapshot_variables, to_python

__all__ = ["execute_code", "resume_execution", "FetchVM", "ExecutionResult", "VMState",
           "FetchRequest", "FetchResponse", "FetchflowError", "ResponseError",
           "UnknownRequestError", "JSError", "JSSyntaxError", "to_python", "ELIDED",
           "MAX_RESULT_VALUES", "CONSOLE_KEEP", "default_key"]


def _new_id() -> str:
    """A random run id: ``uuid.uuid4().hex``, without importing uuid (and platform) at start-up."""
    n = int.from_bytes(os.urandom(16), "big")
    n = (n & ~(0xF000 << 64) & ~(0xC000 << 48)) | (4 << 76) | (0x8000 << 48)   # version 4, RFC 4122
    return f"{n:032x}"


def default_key(key: Any) -> Optional[bytes]:
    """The signing key: the one given, else the FETCHFLOW_STATE_KEY environment variable."""
    if key is not None:
        return check_key(key.encode("utf-8") if isinstance(key, str) else key)
    env = os.environ.get("FETCHFLOW_STATE_KEY")
    return env.encode("utf-8") if env else None


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
        m = load_machine(b, key)
        meta = m.host.meta or {}
        return cls(meta.get("id", ""), meta.get("code", ""), snapshot_variables(m),
                   meta.get("timestamp", 0.0), bytes(b), key)

    def restore(self, stepper: Any = None) -> Machine:
        return load_machine(self._data, self._key, stepper)

    @property
    def pending_requests(self) -> list:
        m = self.restore()
        return pending_requests(m)

    def inspect(self) -> Any:
        from .inspect_state import inspect_state   # start-up cost: the report is rarely asked for
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
    unsettled: bool = False  # completed with the script's top-level await never settled



# -- from a machine to the caller's records ---------------------------------------------------------

def pending_requests(m: Machine) -> list:
    out = []
    for rid, (req, _p) in m.host.pending.items():
        options = {"method": req["method"], "headers": dict(req["headers"]), "body": req["body"]}
        for extra in ("body_bytes", "redirect"):
            if req.get(extra) is not None:
                options[extra] = req[extra]
        out.append(FetchRequest(rid, req["url"], options, req["timestamp"]))
    return out


def _js_error(m: Machine, value: Any) -> JSError:
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
        return JSError(name, message, stack or headline, safe_to_python(value), list(m.console_lines))
    finally:
        m.leave(prev)


CONSOLE_KEEP = 1000  # console lines kept in the state for inspection (the latest ones)


def _keep_console(m: Machine, lines: list) -> None:
    """Append a step's console lines to ``host.console_all`` (what ``VMState.inspect()``
    shows), keeping the latest CONSOLE_KEEP and counting the dropped ones."""
    kept = m.host.console_all
    kept.extend(lines)
    extra = len(kept) - CONSOLE_KEEP
    if extra > 0:
        del kept[:extra]
        m.host.console_dropped += extra


def _advance(m: Machine, quiet: bool, code: str, key: Optional[bytes], vm_id: str) -> ExecutionResult:
    """Run the machine until it is blocked; the outcome as the caller's record (with the
    state when the script waits for the host)."""
    m.console_lines = []
    m.echo = not quiet
    out = m.run_until_blocked()
    if out.unhandled:
        # node terminates on a rejection nobody handled by the end of the job queue
        raise _js_error(m, out.unhandled[0])
    if out.threw:
        raise _js_error(m, out.value)
    console = list(m.console_lines)
    _keep_console(m, console)
    cancelled = take_cancelled(m)
    if out.completed:
        prev = m.enter()   # converting may read an error's lazily made stack
        try:
            value = safe_to_python(out.value)
        finally:
            m.leave(prev)
        return ExecutionResult("completed", value, console, cancelled_requests=cancelled,
                               unsettled=out.unsettled)
    h = m.host
    h.pauses += 1
    paused_at = time.time()
    h.meta = {"id": vm_id, "code": code, "timestamp": paused_at}
    st = VMState(vm_id, code, snapshot_variables(m), paused_at, dump_machine(m, key), key)
    reqs = pending_requests(m)
    return ExecutionResult("paused", None, console, st, reqs[0] if reqs else None, reqs,
                           pending_events(m), wake_at(m, paused_at), cancelled_requests=cancelled)


def _stepper(on_step: Any, breakpoints: Any) -> Optional[Stepper]:
    return None if on_step is None else Stepper(on_step, breakpoints)


def _resume_failure(e: Exception) -> Exception:
    """What a resume raises for ``e``: fetchflow's own errors as they are; anything else came
    from running a loaded state the interpreter cannot run (a state is checked field by
    field on load, but not every combination of frame positions can be), so StateError."""
    if isinstance(e, (FetchflowError, LimitExceeded, StateError)):
        return e
    err = StateError(f"the state cannot be resumed: {type(e).__name__}: {e} "
                     "(an inconsistent state, or a fetchflow bug)")
    err.__cause__ = e
    return err


def _responses(response: Any) -> list:
    """One response or several; a mapping stands for a FetchResponse with those fields."""
    one = isinstance(response, (FetchResponse, Mapping))
    items = [response] if one else list(response) if isinstance(response, Iterable) else None
    if items is None:
        raise TypeError(f"response must be a FetchResponse, a mapping of its fields or a list of "
                        f"them, not {type(response).__name__}")
    return [_as_response(r) for r in items]


def _as_response(r: Any) -> Any:
    if not isinstance(r, Mapping):
        return r   # answer_fetches names anything else that is not a FetchResponse
    unknown = set(r) - set(FetchResponse.__dataclass_fields__)
    if unknown:
        raise ResponseError(f"unknown FetchResponse field(s): {', '.join(sorted(map(str, unknown)))}")
    try:
        return FetchResponse(**r)
    except TypeError as e:   # a required field missing
        raise ResponseError(f"a response mapping needs 'id' and 'success': {e}") from None


def _resume(m: Machine, responses: list, events: Any, limits: Optional[Limits], quiet: bool,
            code: str, key: Optional[bytes], vm_id: str) -> ExecutionResult:
    try:
        m.limits = (m.limits or Limits()).tightened(limits)
        m.deliver(responses, events or ())
        return _advance(m, quiet, code, key, vm_id)
    except Exception as e:  # noqa: BLE001 - see _resume_failure
        raise _resume_failure(e)


# -- the public entry points ------------------------------------------------------------------------

def execute_code(source: str, *, quiet: bool = False, limits: Optional[Limits] = None,
                 key: Optional[bytes] = None, policy: Any = None, on_step: Any = None,
                 breakpoints: Any = None, clock: Optional[float] = None,
                 timezone: Optional[str] = None, timers: str = "virtual",
                 closures: bool = True, filename: Optional[str] = None) -> ExecutionResult:
    """Run ``source`` until it completes or pauses at fetch() (``policy``: a
    ``fetchflow.host.policy.FetchPolicy`` checked by fetch() and kept in the state;
    ``timers="real"``: pause with ``wake_at`` when only timers remain, see host/events.py;
    ``closures=False``: the frames-only test mode, see host/environment.py; ``filename``:
    the script's name in stack traces, kept in the state)."""
    if not isinstance(source, str):
        raise TypeError(f"source must be str, not {type(source).__name__}")
    key = default_key(key)
    m = create_machine(MachineOptions(limits=limits, policy=policy, clock=clock, timezone=timezone,
                                      timers=timers, stepper=_stepper(on_step, breakpoints),
                                      closures=closures, filename=filename))
    m.start(source)
    return _advance(m, quiet, source, key, _new_id())


def resume_execution(state: Union[VMState, bytes], response: Union[FetchResponse, Iterable[FetchResponse]],
                     *, quiet: bool = False, key: Optional[bytes] = None,
                     limits: Optional[Limits] = None, on_step: Any = None,
                     breakpoints: Any = None, events: Any = None,
                     closures: bool = True) -> ExecutionResult:
    """Resume a paused VM with one response or a list of them (``[]`` just lets time pass:
    a real-time VM runs its due timers); ``events``: ``[(name, payload), ...]`` delivered
    to ``waitForEvent`` (payloads JSON-able)."""
    key = default_key(key)
    stepper = _stepper(on_step, breakpoints)
    if isinstance(state, (bytes, bytearray, memoryview)):
        m = load_machine(bytes(state), key, stepper)  # loaded once, straight from the bytes
        meta = m.host.meta or {}
        vm_id, code = meta.get("id", ""), meta.get("code", "")
    elif isinstance(state, VMState):
        key = key if key is not None else state._key
        m = load_machine(state.to_bytes(), key, stepper)
        vm_id, code = state.id, state.code
    else:
        raise TypeError(f"state must be VMState or bytes, not {type(state).__name__}")
    m.closures = bool(closures)
    return _resume(m, _responses(response), events, limits, quiet, code, key, vm_id)


class FetchVM:
    """A persistent VM: globals survive across ``execute`` calls and pauses."""

    def __init__(self, *, quiet: bool = False, limits: Optional[Limits] = None,
                 key: Optional[bytes] = None, policy: Any = None, on_step: Any = None,
                 breakpoints: Any = None, clock: Optional[float] = None,
                 timezone: Optional[str] = None, timers: str = "virtual",
                 filename: Optional[str] = None) -> None:
        self.quiet = quiet
        self.limits = limits
        self.key = default_key(key)
        self.on_step = on_step
        self.breakpoints = breakpoints
        self.id = _new_id()
        self._options = MachineOptions(limits=limits, policy=policy, clock=clock, timezone=timezone,
                                       timers=timers, stepper=_stepper(on_step, breakpoints),
                                       filename=filename)
        self._m: Optional[Machine] = None   # made on first use: a resume brings its own
        self._disposed = False

    def initialize(self) -> None:
        if self._m is None and not self._disposed:
            self._m = create_machine(self._options)

    def _machine(self) -> Machine:
        if self._disposed:
            raise FetchflowError("this FetchVM has been disposed")
        self.initialize()
        assert self._m is not None
        return self._m

    def execute(self, source: str) -> ExecutionResult:
        if not isinstance(source, str):
            raise TypeError(f"source must be str, not {type(source).__name__}")
        m = self._machine()
        if m.waits_for_host():
            raise FetchflowError("the VM is paused: resume it before executing more code")
        m.start(source)
        return _advance(m, self.quiet, source, self.key, self.id)

    def resume(self, state: Union[VMState, bytes], response: Any, *,
               events: Any = None) -> ExecutionResult:
        """Resume from ``state`` (this VM's or any other's) with responses and events; this VM
        goes on from there."""
        if self._disposed:
            raise FetchflowError("this FetchVM has been disposed")
        if isinstance(state, (bytes, bytearray, memoryview)):
            state = VMState.from_bytes(bytes(state), self.key)
        if not isinstance(state, VMState):
            raise TypeError(f"state must be VMState or bytes, not {type(state).__name__}")
        m = state.restore(_stepper(self.on_step, self.breakpoints))
        try:
            r = _resume(m, _responses(response), events, self.limits, self.quiet, state.code,
                        self.key, self.id)
        except (ResponseError, StateError):
            raise   # nothing was delivered: this VM stays where it was
        except BaseException:
            self._m = m
            raise
        self._m = m
        return r

    def deliver(self, response: Any, *, events: Any = None) -> ExecutionResult:
        """Continue this VM, paused by its last ``execute``/``resume``/``deliver``, with
        responses and events, without loading a state (a host that keeps the VM in memory
        between pauses: the same outcome as ``resume`` with the state it returned)."""
        m = self._machine()
        if not m.waits_for_host():
            raise FetchflowError("the VM is not paused: there is nothing to deliver to")
        meta = m.host.meta or {}
        return _resume(m, _responses(response), events, self.limits, self.quiet,
                       meta.get("code", ""), self.key, self.id)

    @property
    def globals(self) -> dict:
        return snapshot_variables(self._machine())

    def dispose(self, *, recycle: bool = False) -> None:
        """Drop the machine; this VM can no longer run.  ``recycle=True``: the next VM made in
        this process may reuse its built-in objects when no script changed them (saves a few
        ms per VM: fetchflow/host/realm_pool.py).  Only when nothing live is kept of this VM
        (results and states are copies: they may be kept)."""
        m, self._m = self._m, None
        self._disposed = True
        if recycle and m is not None:
            realm_pool.recycle(m)

    def __enter__(self) -> "FetchVM":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.dispose()
