"""The machine's one way to run: start a script, run until blocked, deliver what it waits for.

Every caller (the public API, the CLI, the durable worker, the node oracle of the tests and
the test262 runner) drives a machine made by ``fetchflow.host.environment.create_machine``
through these three methods, so every test runs the engine users run.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..limits import LimitExceeded
from .frames import BarrierFrame
from .hooks import HOOKS
from .host_state import HostState
from .operations import promise_operations as P
from .operations.clock import start_running, stop_running
from .values import JSThrow

COMPLETED = "completed"   # the script's promise fulfilled (or nothing is left that could settle it)
THREW = "threw"           # the script threw, or its promise rejected
BLOCKED = "blocked"       # waiting for fetch responses, events or real-time timers


@dataclass(slots=True)
class Outcome:
    kind: str
    value: Any = None        # the completion value, or the thrown value
    unhandled: list = field(default_factory=list)  # values of rejections nobody handled
    unsettled: bool = False  # completed without settling: the script awaits what never comes

    @property
    def completed(self) -> bool:
        return self.kind == COMPLETED

    @property
    def threw(self) -> bool:
        return self.kind == THREW

    @property
    def blocked(self) -> bool:
        return self.kind == BLOCKED


class RunMixin:
    """Machine methods that run it (see the module docstring)."""
    # state that Machine.__init__ sets (annotations only: no class attributes are created)
    stack: list
    jobs: deque
    host: HostState
    pending_rejections: list

    if TYPE_CHECKING:  # methods that Machine (or another mixin) defines
        def start_script(self, source: str) -> P.JSPromise: ...
        def run_until_idle(self) -> None: ...
        def begin_step(self) -> None: ...
        def end_step(self) -> None: ...
        def enter(self) -> tuple: ...
        def leave(self, prev: tuple) -> None: ...
        def _run(self, fn: Any) -> Any: ...
        def _drive(self) -> Any: ...

    def start(self, source: str) -> None:
        """Make ``source`` the script this machine runs (ES2017 15.1.11 ScriptEvaluation, up to
        its first step).  A script that fails to instantiate (a redeclared global) counts as
        a script that threw; a syntax error raises JSSyntaxError here, before anything ran."""
        prev = self.enter()
        try:
            try:
                self.host.script_promise = self.start_script(source)
            except JSThrow as e:
                p = P.new_intrinsic_promise()
                p.handled = True
                P.reject_promise(p, e.value)
                self.host.script_promise = p
            except (RecursionError, MemoryError, LimitExceeded) as e:
                raise self._abandoned(e) from None
        finally:
            self.leave(prev)

    def run_until_blocked(self) -> Outcome:
        """Run the script's frames and every job (and, in virtual time, every timer) until the
        machine can go no further: the script completed or threw, or it waits for the host."""
        prev = self.enter()
        self.begin_step()
        start_running(self)
        try:
            try:
                if self.stack:
                    self.stack.insert(0, BarrierFrame())
                    self._run(self._drive)
                self.run_until_idle()
            except JSThrow as e:
                self._abandoned(e)
                return Outcome(THREW, e.value)
            except (RecursionError, MemoryError, LimitExceeded) as e:
                raise self._abandoned(e) from None
            stop_running(self)
            self.end_step()
            return self._outcome()
        finally:
            self.leave(prev)

    def deliver(self, responses: list, events: Any = ()) -> None:
        """Answer pending fetches with ``responses`` (fetchflow.exchange.FetchResponse, all
        checked before any is delivered; timers that fell due during the pause run first) and
        hand ``events`` (``[(name, payload), ...]``) to their waiters."""
        answer, give = HOOKS.answer_fetches, HOOKS.deliver_events
        if answer is None or give is None:
            raise RuntimeError("no host environment is installed (import fetchflow.host.environment)")
        prev = self.enter()
        try:
            answer(self, list(responses))
            if events:
                give(self, events)
        finally:
            self.leave(prev)

    def waits_for_host(self) -> bool:
        """Whether something only the host can bring is outstanding: a fetch response, an
        event, or (timers in real time) a timer's due time."""
        h = self.host
        return bool(h.pending or h.events or (h.real_time and h.timers and h.timers["live"]))

    def _outcome(self) -> Outcome:
        p = self.host.script_promise
        unhandled = [q.result for q in self.pending_rejections if not q.handled and q is not p]
        self.pending_rejections = []
        if p is not None and p.state == P.FULFILLED:
            return Outcome(COMPLETED, p.result, unhandled)
        if p is not None and p.state == P.REJECTED:
            return Outcome(THREW, p.result, unhandled)
        if self.waits_for_host():
            return Outcome(BLOCKED, None, unhandled)
        # nothing left to run and nothing outstanding: the script awaits forever (node warns
        # "unsettled top-level await" and exits 13)
        return Outcome(COMPLETED, None, unhandled, unsettled=p is not None)

    def _abandoned(self, e: BaseException) -> BaseException:
        """Drop the run's frames and jobs after ``e`` ended it; what to raise for it (the
        Python stack or heap running out is a limit the script hit)."""
        self.stack.clear()
        self.jobs.clear()
        stop_running(self)
        if isinstance(e, RecursionError):
            return LimitExceeded("max_call_depth", "Python recursion limit reached")
        if isinstance(e, MemoryError):
            return LimitExceeded("max_heap_bytes", "the host ran out of memory")
        return e
