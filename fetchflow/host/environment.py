"""The machine factory: one place that makes the machine every caller runs.

``create_machine(options)`` builds a Machine with the host's globals (fetch, Response,
timers, the web platform objects, ``waitForEvent``), its limits, policy, clock, time zone,
timer mode and step hook.  The public API, the CLI, the durable worker, the tests' node
oracle and the test262 runner all start here; a resumed machine comes from
``fetchflow.state.load_machine`` with the same host installed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..interp.hooks import HOOKS
from ..interp.machine import Machine
from ..interp.operations.clock import time_origin
from ..interp.operations.date_time import set_timezone
from ..interp.realm_snapshot import take_snapshot
from ..limits import Limits
from . import events, realm_pool, web, web_platform
from .debug import FrozenClock
from .fetch_answers import answer_fetches
from .policy import FetchPolicy

TIMER_MODES = ("virtual", "real")


@dataclass(frozen=True, slots=True)
class MachineOptions:
    """How to make a machine.  ``clock`` (ms since the epoch) freezes Date.now();
    ``timezone`` ("UTC" by default, an IANA name or "+hh:mm") is the local zone;
    ``timers="real"`` pauses on timers until they are due (see host/events.py);
    ``stepper`` is a fetchflow.host.debug.Stepper; ``closures=False`` compiles every node to
    its frame path (a test mode: both modes must behave the same); ``filename`` names the
    script in stack traces."""
    limits: Optional[Limits] = None
    policy: Optional[FetchPolicy] = None
    clock: Optional[float] = None
    timezone: Optional[str] = None
    timers: str = "virtual"
    stepper: Any = None
    closures: bool = True
    filename: Optional[str] = None

    def __post_init__(self) -> None:
        if self.limits is not None and not isinstance(self.limits, Limits):
            raise TypeError(f"limits must be a Limits, not {type(self.limits).__name__}")
        if self.policy is not None and not isinstance(self.policy, FetchPolicy):
            raise TypeError(f"policy must be a FetchPolicy, not {type(self.policy).__name__}")
        if self.timers not in TIMER_MODES:
            raise ValueError(f"timers must be 'virtual' or 'real', not {self.timers!r}")
        if self.filename is not None and not isinstance(self.filename, str):
            raise TypeError(f"filename must be a str, not {type(self.filename).__name__}")
        if self.clock is not None and (type(self.clock) not in (int, float) or self.clock != self.clock):
            raise TypeError(f"clock must be a number of ms since the epoch, not {self.clock!r}")


def create_machine(options: Optional[MachineOptions] = None) -> Machine:
    """A fresh machine with the host environment installed (see the module docstring)."""
    o = options if options is not None else MachineOptions()
    limits = o.limits or Limits()
    kept = realm_pool.take()   # a finished machine's realm, as made (host/realm_pool.py)
    m = Machine(kept, max_call_depth=limits.max_call_depth)
    if o.clock is not None:
        m.realm.clock = FrozenClock(o.clock)   # before the host objects read the time
    prev = m.enter()
    try:
        if kept is None:
            web.setup(m.realm)
            events.setup(m.realm)
            web_platform.setup(m.realm)
        else:
            time_origin(m)   # the script starts now (what performance's setup does)
        if o.timezone is not None:
            set_timezone(m.realm, o.timezone)
    finally:
        m.leave(prev)
    if kept is None:
        # the built-ins as made, before any script: a state names the untouched ones (state.py)
        take_snapshot(m.realm)
    m.limits = limits
    m.stepper = o.stepper
    m.closures = bool(o.closures)
    h = m.host
    h.builtin_globals = set(m.realm.global_object.props)
    h.policy = o.policy.to_data() if o.policy is not None else None
    h.real_time = o.timers == "real"
    h.filename = o.filename
    return m


HOOKS.answer_fetches = answer_fetches
HOOKS.deliver_events = events.deliver_events
