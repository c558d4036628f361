"""Timers: setTimeout/setInterval/setImmediate/queueMicrotask and their clear functions.

fetchflow runs timers in *virtual time*: when the job queue is empty and no fetch is
pending, the machine advances its clock (operations/clock.py, the one clock Date.now() and
performance.now() read too) to the earliest timer and runs it, without sleeping.  While
fetches are pending the VM pauses and timers wait in the state.  A resume
advances the clock by the time the fetch took (response timestamp minus request timestamp
when the caller gives them, else the wall time since the pause) and runs the timers that
fell due first, as node would have run them while waiting for the network.  So `await new Promise(r => setTimeout(r, 1000))`
costs nothing and a paused state never holds a real wall-clock deadline.  The timer heap
is plain data (it pickles with the state).
"""
from __future__ import annotations

import heapq
from typing import Any, Optional

from ..helpers import arg
from ..natives import native
from ..operations.clock import jump_to, timers_of, vm_now
from ..operations.errors import type_error
from ..operations.type_conversion import to_number
from ..runtime import CTX
from ..values import C, W, is_callable


_timers = timers_of


def _schedule(fn: Any, args: list, delay: Any, repeat: bool) -> float:
    if not is_callable(fn):
        raise type_error('The "callback" argument must be of type function. Received ' +
                         ("undefined" if fn is None else "an instance of Object"))
    m = CTX.machine
    t = _timers(m)
    d = to_number(delay) if delay is not None else 0.0
    if d != d or d < 1:
        d = 1.0  # node clamps to 1 ms
    t["seq"] += 1
    tid = t["seq"]
    t["live"][tid] = (fn, list(args), d if repeat else None)
    heapq.heappush(t["heap"], (vm_now(m) + d, tid))
    return float(tid)


@native("setTimeout", 2)
def set_timeout(this: Any, args: list) -> Any:
    return _schedule(arg(args, 0), args[2:], arg(args, 1), False)


@native("setInterval", 2)
def set_interval(this: Any, args: list) -> Any:
    return _schedule(arg(args, 0), args[2:], arg(args, 1), True)


@native("setImmediate", 1)
def set_immediate(this: Any, args: list) -> Any:
    return _schedule(arg(args, 0), args[1:], 0.0, False)


@native("clearTimeout", 1)
def clear_timeout(this: Any, args: list) -> Any:
    m = CTX.machine
    v = arg(args, 0)
    if type(v) is float:
        _timers(m)["live"].pop(int(v), None)
    return None


@native("queueMicrotask", 1)
def queue_microtask(this: Any, args: list) -> Any:
    fn = arg(args, 0)
    if not is_callable(fn):
        raise type_error('The "callback" argument must be of type function.')
    CTX.machine.enqueue_job(("call", fn, None, []))
    return None


def advance(m: Any, elapsed_ms: float) -> list:
    """Time passed outside the VM (a pause): move the clock; return the jobs of the timers
    that fell due meanwhile, in due order (they run before the responses' reactions)."""
    t = m.host.timers
    if not t or elapsed_ms <= 0:
        return []
    t["now"] += elapsed_ms
    jobs = []
    while t["heap"] and t["heap"][0][0] <= t["now"]:
        now = t["now"]
        t["now"] = t["heap"][0][0]  # each timer sees its own due time
        job = _pop_timer(m, now)
        t["now"] = now
        if job is not None:
            jobs.append(job)
    return jobs


def next_timer(m: Any) -> Any:
    """Pop the next live timer (advancing virtual time) as a job, or None.  None also when
    timers run in real time (``host.real_time``: the VM pauses with a wake-up time) or
    the VM waits for an external event (timers wait for it, as they wait for fetches)."""
    host = m.host
    if host.real_time or host.events:
        return None
    t = host.timers
    if t:
        due = _next_due(t)
        if due is not None:
            jump_to(m, due)   # nothing else to do: virtual time jumps to the timer
    return _pop_timer(m)


def _next_due(t: dict) -> Optional[float]:
    heap, live = t["heap"], t["live"]
    while heap and heap[0][1] not in live:
        heapq.heappop(heap)
    return heap[0][0] if heap else None


def _pop_timer(m: Any, overdue_until: Optional[float] = None) -> Any:
    """The next live timer's job; an interval is rescheduled ``every`` ms later.  An interval
    that fell due during a pause (``overdue_until``: the clock after the pause) fires once and
    is rescheduled after the pause, as node runs an overdue interval once: a 1 ms interval over
    a day-long pause must not queue 86 million calls."""
    t = m.host.timers
    if not t:
        return None
    heap, live = t["heap"], t["live"]
    while heap:
        due, tid = heapq.heappop(heap)
        entry = live.get(tid)
        if entry is None:
            continue
        fn, args, every = entry
        t["now"] = max(t["now"], due)
        if every is None:
            del live[tid]
        else:
            nxt = t["now"] + every
            if overdue_until is not None and nxt <= overdue_until:
                nxt = overdue_until + every
            heapq.heappush(heap, (nxt, tid))
        return ("call", fn, None, args)
    return None


def setup(realm: Any) -> None:
    g = realm.global_object
    for name in ("setTimeout", "setInterval", "setImmediate", "clearTimeout", "queueMicrotask"):
        g.put_hidden(name, realm.native(name), W | C)
    g.put_hidden("clearInterval", g.props["clearTimeout"], W | C)
    g.put_hidden("clearImmediate", g.props["clearTimeout"], W | C)
