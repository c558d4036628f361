"""External events and real-time timers: ``waitForEvent(name, {timeout})`` and ``wake_at``.

A script waits for something only the host can supply (an approval, a webhook) with
``await waitForEvent("approved", {timeout: 86_400_000})``.  Like a fetch, the wait is a
pending promise the VM pauses on; the host delivers ``(name, payload)`` pairs on resume
(``resume_execution(state, [], events=[...])`` or ``store.send_event``).  An event that
arrives before anyone waits for it is kept in an inbox, so a delivery is never lost.

Everything lives in ``m.host`` as plain data (dicts, lists, strings, floats) plus the
waiting JS promises, so it pickles with the state without new record classes:

* ``host.events``: ``{wait id: {"name", "promise", "timer", "timeout"}}``
* ``host.event_inbox``: ``[[name, payload JSON text], ...]`` delivered, not yet awaited
* ``host.real_time``: ``True`` when timers run in real time (see ``wake_at``)
"""
from __future__ import annotations

import json
import math
import time
from typing import Any, Iterable, Optional

from ..errors import FetchflowError
from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations import promise_operations as P
from ..interp.operations.type_conversion import to_number, to_string
from ..interp.runtime import CTX
from ..interp.values import NULL, C, JSObject, W
from ..interp.builtins.timers import _schedule
from ..interp.operations.errors import make_error
from ..interp.builtins.json import parse_json_text


@native("waitForEvent", 1)
def wait_for_event(this: Any, args: list) -> Any:
    """``waitForEvent(name, {timeout})``: a promise of the payload of the next event ``name``."""
    m = CTX.machine
    name = to_string(arg(args, 0))
    opts = arg(args, 1)
    timeout: Optional[float] = None
    if isinstance(opts, JSObject):
        tv = opts.get("timeout", opts)
        if tv is not None and tv is not NULL:
            timeout = to_number(tv)
            if timeout != timeout or timeout < 0:
                timeout = 0.0
    p = P.new_intrinsic_promise()
    inbox = m.host.event_inbox
    if inbox:
        for i, (ename, payload) in enumerate(inbox):
            if ename == name:
                del inbox[i]
                P.resolve_promise(p, _to_js(payload))
                return p
    m.host.event_seq = seq = m.host.event_seq + 1
    wid = f"evt_{seq}"
    timer = None
    if timeout is not None and math.isfinite(timeout):
        timer = _schedule(m.realm.native("fetchflow.eventTimeout"), [wid], timeout, False)
    m.host.events[wid] = {"name": name, "promise": p, "timer": timer,
                                             "timeout": timeout}
    return p


@native("fetchflow.eventTimeout", 1)
def event_timeout(this: Any, args: list) -> Any:
    """The timer behind ``{timeout}``: reject the wait with a TimeoutError if still waiting."""
    m = CTX.machine
    w = (m.host.events or {}).pop(arg(args, 0), None)
    if w is not None:
        err = make_error("Error", f"waitForEvent({json.dumps(w['name'])}) timed out after "
                                  f"{_ms(w['timeout'])} ms")
        err.put_hidden("name", "TimeoutError", W | C)
        P.reject_promise(w["promise"], err)
    return None


def _ms(x: Any) -> str:
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


def _to_js(payload_text: str) -> Any:
    return parse_json_text(payload_text)


def deliver_events(m: Any, events: Iterable[Any]) -> None:
    """Resolve waiters with ``(name, payload)`` pairs (oldest waiter first); keep the rest in
    the inbox.  Must run with ``m`` entered.  Payloads must be JSON-able."""
    waits = m.host.events
    pairs = list(events.items()) if isinstance(events, dict) else list(events)
    for item in pairs:
        name, payload = item[0], item[1]
        if not isinstance(name, str):
            raise TypeError(f"event name must be str, not {type(name).__name__}")
        text = json.dumps(payload)
        for wid, w in waits.items():
            if w["name"] == name:
                del waits[wid]
                if w["timer"] is not None:
                    m.host.timers["live"].pop(int(w["timer"]), None)
                P.resolve_promise(w["promise"], _to_js(text))
                break
        else:
            m.host.event_inbox.append([name, text])


def pending_events(m: Any) -> list:
    """The waits the VM is paused on: ``[{"id", "name", "timeout"}]`` in the order made."""
    return [{"id": wid, "name": w["name"], "timeout": w["timeout"]}
            for wid, w in (m.host.events or {}).items()]


def wake_at(m: Any, paused_at: float) -> Optional[float]:
    """In real time, the wall-clock time (s since the epoch) the earliest live timer is due;
    None in virtual time or without timers."""
    if not m.host.real_time:
        return None
    t = m.host.timers
    if not t or not t["live"]:
        return None
    due = min((d for d, tid in t["heap"] if tid in t["live"]), default=None)
    if due is None:
        return None
    return paused_at + max(0.0, due - t["now"]) / 1000.0


def waiting(m: Any) -> bool:
    """Whether the VM must pause (rather than end) with no fetch pending: it waits for an
    event, or, in real time, for a timer."""
    if m.host.events:
        return True
    return wake_at(m, time.time()) is not None


def wait_without_fetches(r: Any) -> float:
    """For drivers that only answer fetches (``run``/``arun``): how long to sleep before
    resuming a pause that has no fetch pending (a real-time timer), or raise when nothing but
    an event could wake it (they cannot deliver one; a store or ``resume_execution`` can)."""
    if r.fetch_requests:
        return 0.0
    if r.wake_at is not None:
        return max(0.0, r.wake_at - time.time())
    names = ", ".join(repr(e["name"]) for e in r.pending_events) or "nothing"
    raise FetchflowError(f"the script waits for {names} with no fetch pending: deliver events with "
                         "resume_execution(state, [], events=[...]) or run it in fetchflow.durable")


def setup(realm: Any) -> None:
    realm.global_object.put_hidden("waitForEvent", realm.native("waitForEvent"), W | C)
