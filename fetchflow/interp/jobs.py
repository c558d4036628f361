"""The job queue (ES2017 8.4): promise reaction jobs and thenable jobs, run on the frame stack."""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from .frames import THROW, BarrierFrame, Frame
from .host_state import HostState
from .operations import promise_operations as P
from .values import JSThrow
from .operations.calls import call
from .builtins.timers import next_timer


class JobFrame(Frame):
    """Runs a promise reaction handler and settles the derived capability with its result."""
    __slots__ = ("cap",)

    def __init__(self, cap: Any) -> None:
        Frame.__init__(self, step_job, None, None)
        self.cap = cap

    def on_abrupt(self, m: Any, kind: int, value: Any, label: Any) -> bool:
        # a throw settles the derived promise (or calls the thenable job's reject); a plain
        # "call" job (a timer, queueMicrotask, a listener's rethrow) has neither: its throw
        # goes on up, uncaught, and ends the run as in node
        if kind == THROW and (self.cap is not None or self.x is not None):
            m.stack.pop()
            if self.cap is not None:
                P.settle_capability(self.cap, value, True)
            else:
                call(self.x, None, [value])
            return True
        return False


def step_job(m: Any, f: JobFrame) -> None:
    m.stack.pop()
    if f.cap is not None:
        P.settle_capability(f.cap, m.rv, False)


class JobsMixin:
    """Machine methods for the job queue."""
    # state that Machine.__init__ sets (annotations only: no class attributes are created)
    stack: list
    jobs: deque
    host: HostState
    pending_rejections: list

    if TYPE_CHECKING:  # methods that Machine (or another mixin) defines
        def _run(self, fn: Any) -> Any: ...
        def _drive(self) -> Any: ...
        def call_value(self, f: Any, this: Any, args: list) -> None: ...
        def resume_async(self, cont: P.AsyncResume, value: Any, is_throw: bool) -> None: ...

    def run_until_idle(self) -> None:
        """Run jobs until none is left; then due timers (virtual time) while no fetch is pending."""
        jobs = self.jobs
        while True:
            if not jobs:
                if self.host.pending or not self.host.timers:
                    return
                job = next_timer(self)
                if job is None:
                    return
                jobs.append(job)
            job = jobs.popleft()
            self.stack.append(BarrierFrame())
            try:
                self.start_job(job)
            except JSThrow as e:
                self.stack.clear()
                raise e
            self._run(self._drive)

    def enqueue_job(self, job: tuple) -> None:
        self.jobs.append(job)

    def settle_script(self, p: P.JSPromise, value: Any) -> None:
        """The script's promise takes its completion value's outcome (`main()` last: the
        result is main's); a promise's is taken without a then() job or a constructor
        lookup, which node (whose scripts have no such promise) never makes."""
        if value.__class__ is P.JSPromise:
            P.perform_then(value, None, None, P.Capability(p))
        else:
            P.resolve_promise(p, value)

    def start_job(self, job: tuple) -> None:
        if job[0] == "reaction":
            _, r, arg = job
            h = r.handler
            if h.__class__ is P.AsyncResume:
                self.resume_async(h, arg, r.kind == "reject")
                return
            cap = r.capability
            if h is None:
                if cap is not None:
                    P.settle_capability(cap, arg, r.kind == "reject")
                return
            self._call_in_job(JobFrame(cap), h, None, [arg])
            return
        if job[0] == "thenable":
            _, p, thenable, then = job
            res, rej = P.create_resolving_functions(p)
            fr = JobFrame(None)
            fr.x = rej  # a throw from then() calls reject (ES2017 25.4.2.2 step 3)
            self._call_in_job(fr, then, thenable, [res, rej])
            return
        if job[0] == "call":
            _, fn, this, args = job
            self._call_in_job(JobFrame(None), fn, this, args)
            return
        raise AssertionError(job)

    def _call_in_job(self, fr: JobFrame, f: Any, this: Any, args: list) -> None:
        """Push the job's frame and call ``f``; a plain native runs at once, so its throw
        arrives here and settles the job as a throw from a JS handler would."""
        self.stack.append(fr)
        try:
            self.call_value(f, this, args)
        except JSThrow as e:
            if not self.stack or self.stack[-1] is not fr or not fr.on_abrupt(self, THROW, e.value, None):
                raise

    def track_rejection(self, p: Any) -> None:
        self.pending_rejections.append(p)

    def untrack_rejection(self, p: Any) -> None:
        try:
            self.pending_rejections.remove(p)
        except ValueError:
            pass
