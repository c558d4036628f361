"""The VM's one clock: ``Date.now()``, ``performance.now()`` and the timers read the same time.

The clock counts milliseconds since the machine's time origin (``host.time_origin``, ms since
the epoch; ``performance.timeOrigin``), kept in the timers' record as ``now``, and moves three
ways:

* while the machine runs, with the host's clock (the wall clock, or a realm's fixed ``clock``
  that does not move): a busy loop on ``Date.now()`` ends as in node;
* in virtual time, when nothing but timers is left, it jumps to the next timer's due time:
  ``await sleep(5000)`` takes no real time, yet ``Date.now()`` moves by 5000 as in node;
* over a pause, by the time the pause took (fetch_answers.py: the responses' declared
  timings, or the wall time since the pause).

``Machine.clock_sync`` (never saved) is the host time the count was last brought up to date;
it is None while the machine is not running, so a pause is counted once, by the resume.
"""
from __future__ import annotations

import math
import time
from typing import Any


def new_timers() -> dict:
    return {"heap": [], "seq": 0, "now": 0.0, "live": {}}


def timers_of(m: Any) -> dict:
    """The machine's timers record (the clock lives there), made on first use."""
    t = m.host.timers
    if t is None:
        t = m.host.timers = new_timers()
    return t


def host_ms(realm: Any) -> float:
    """The host's clock in ms since the epoch: the realm's fixed clock, else the wall clock."""
    clock = getattr(realm, "clock", None)
    return float(clock()) if clock is not None else time.time() * 1000.0


def time_origin(m: Any) -> float:
    """HR-Time 4 the time origin (ms since the epoch): when the machine's clock started."""
    origin = m.host.time_origin
    if type(origin) is not float:
        t = timers_of(m)
        origin = m.host.time_origin = host_ms(m.realm) - t["now"]
    return origin


def vm_now(m: Any) -> float:
    """HR-Time 6 the current high resolution time: ms since the time origin."""
    t = timers_of(m)
    time_origin(m)
    h = host_ms(m.realm)
    last = getattr(m, "clock_sync", None)
    if last is not None and h > last:
        t["now"] += h - last
    if last is not None:
        m.clock_sync = h
    return t["now"]


def date_now(m: Any) -> float:
    """The time value ``Date.now()`` gives (whole ms since the epoch)."""
    return float(math.floor(time_origin(m) + vm_now(m)))


def start_running(m: Any) -> None:
    """The machine starts (or resumes) running: its clock follows the host's from now (the
    first start fixes the time origin)."""
    h = host_ms(m.realm)
    if type(m.host.time_origin) is not float:
        t = m.host.timers
        m.host.time_origin = h - (t["now"] if t else 0.0)
    m.clock_sync = h


def stop_running(m: Any) -> None:
    """The machine stops: count the time it ran, then stop following the host's clock."""
    if m.host.timers is not None:
        vm_now(m)
    m.clock_sync = None


def jump_to(m: Any, due: float) -> None:
    """Virtual time: nothing but timers is left, so the clock jumps to ``due``."""
    t = timers_of(m)
    vm_now(m)
    if due > t["now"]:
        t["now"] = due
