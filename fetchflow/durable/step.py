"""One step of a run: (state, responses, events, elapsed time) -> (new state, requests, status).

This is a pure function of its inputs (plus the wall clock for timers): it touches no
database.  That is what makes crashes harmless: a worker that dies anywhere before its
commit leaves the last committed state in place, and whoever re-runs the step from it
gets an equivalent outcome (the same request ids, the same console lines), because the
VM is snapshotted, not replayed.

A worker may keep the live machine of a run it paused (``MachineCache``): the next step
of that run then continues the machine instead of loading the committed state, which is
the same machine (the cache hands it back only for the exact state bytes it was saved
as).  Nothing else differs, so a step's outcome does not depend on where it ran.
"""
from __future__ import annotations

import base64
import dataclasses
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Optional

from ..api import FetchflowError, FetchRequest, FetchResponse, FetchVM, JSError
from ..limits import LimitExceeded, Limits
from ..state import StateError
from ..host.policy import FetchPolicy


@dataclass
class StepOutcome:
    """What a step produced; ``status`` is ``waiting``, ``completed`` or ``failed``."""
    status: str
    state: Optional[bytes] = None
    new_requests: list = field(default_factory=list)   # request dicts made in this step
    pending: dict = field(default_factory=dict)        # {"requests": [...], "events": [...]}
    wake_at: Optional[float] = None
    console: list = field(default_factory=list)
    result: Any = None
    error: Optional[dict] = None
    started: float = 0.0
    finished: float = 0.0
    machine: Optional[FetchVM] = field(default=None, repr=False, compare=False)  # live, if paused


class MachineCache:
    """The live paused machines of the runs this worker stepped last (least recently used
    dropped first), so the next step of a run skips loading its state.  An entry is used
    only for the exact state bytes it was saved as, and used once: a step mutates it."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._entries: "OrderedDict[str, tuple]" = OrderedDict()
        self._lock = threading.Lock()   # procrastinate runs steps on several threads
        self.hits = 0
        self.misses = 0

    def put(self, run_id: str, state: bytes, machine: FetchVM) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._entries[run_id] = (state, machine)
            self._entries.move_to_end(run_id)
            dropped = [self._entries.popitem(last=False)[1][1]
                       for _ in range(len(self._entries) - self.size)]
        for vm in dropped:   # its run resumes from its state: its realm may serve another machine
            vm.dispose(recycle=True)

    def take(self, run_id: str, state: Optional[bytes]) -> Optional[FetchVM]:
        with self._lock:
            entry = self._entries.pop(run_id, None)
        if entry is not None and state is not None and entry[0] == state:
            self.hits += 1
            return entry[1]
        self.misses += 1
        return None

    def __contains__(self, run_id: str) -> bool:
        return run_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)


def request_dict(q: Any, policy: Optional[dict] = None) -> dict:
    """A FetchRequest as the JSON the store keeps: a binary body as base64 (``body_b64``),
    the redirect mode, and the run's policy (the worker checks it on every redirect hop)."""
    d = {"id": q.id, "method": q.method, "url": q.url, "headers": dict(q.headers),
         "body": q.body, "timestamp": q.timestamp}
    raw = q.options.get("body_bytes")
    if raw is not None:
        d["body_b64"] = base64.b64encode(bytes(raw)).decode("ascii")
    if q.options.get("redirect", "follow") != "follow":
        d["redirect"] = q.options["redirect"]
    if policy is not None:
        d["policy"] = policy
    return d


def request_from_dict(d: dict, headers: dict) -> FetchRequest:
    """The FetchRequest a stored request dict describes (with ``headers``)."""
    options: dict = {"method": d["method"], "headers": headers, "body": d.get("body")}
    if d.get("body_b64") is not None:
        options["body_bytes"] = base64.b64decode(d["body_b64"])
    if d.get("redirect") is not None:
        options["redirect"] = d["redirect"]
    return FetchRequest(d["id"], d["url"], options, d.get("timestamp", 0.0))


def response_from_dict(d: dict) -> FetchResponse:
    data = d.get("data")
    if d.get("data_b64") is not None:
        data = base64.b64decode(d["data_b64"])
    return FetchResponse(d["id"], bool(d.get("success", True)), int(d.get("status", 200) or 0),
                         d.get("status_text") or "", data, d.get("error"),
                         d.get("headers"), d.get("timestamp"), d.get("url"),
                         bool(d.get("redirected", False)), d.get("cause"),
                         bool(d.get("retryable", True)))


def response_dict(r: FetchResponse) -> dict:
    """A FetchResponse as the JSON the store keeps (a bytes body as base64: ``data_b64``)."""
    d = {"id": r.id, "success": r.success, "status": r.status, "status_text": r.status_text,
         "data": r.data, "error": r.error, "headers": r.headers, "timestamp": r.timestamp}
    if isinstance(r.data, (bytes, bytearray, memoryview)):
        d["data"], d["data_b64"] = None, base64.b64encode(bytes(r.data)).decode("ascii")
    if r.url is not None:
        d["url"] = r.url
    if r.redirected:
        d["redirected"] = True
    if r.cause is not None:
        d["cause"] = r.cause
    if not r.retryable:
        d["retryable"] = False
    return d


def limits_to_dict(limits: Optional[Limits]) -> Optional[dict]:
    return dataclasses.asdict(limits) if limits is not None else None


def run_step(source: str, state: Optional[bytes], options: dict, responses: list,
             events: list, key: Optional[bytes], previously_pending: set,
             machine: Optional[FetchVM] = None) -> StepOutcome:
    """Run one step: the first (``state is None``) or a resume with ``responses`` (dicts)
    and ``events`` (``(name, payload)``), continuing ``machine`` when given (the live VM
    ``state`` was saved from), else loading ``state``.  Never raises for the script's own
    failures: a JS exception or an exceeded limit becomes a ``failed`` outcome.  A paused
    outcome carries its live VM (``machine``) for the next step."""
    started = time.time()
    try:
        if state is None:
            lim = options.get("limits")
            policy = options.get("policy")
            vm = FetchVM(quiet=True, key=key, limits=Limits(**lim) if lim else None,
                         policy=FetchPolicy.from_data(policy) if policy is not None else None,
                         timers=options.get("timers", "real"))
            r = vm.execute(source)
            if events and r.type == "paused":  # events sent before the first step
                first = list(r.console)
                r = vm.deliver([], events=events)
                r.console = first + list(r.console)
        elif machine is not None:
            vm = machine
            r = vm.deliver([response_from_dict(d) for d in responses], events=events or None)
        else:
            vm = FetchVM(quiet=True, key=key)
            r = vm.resume(state, [response_from_dict(d) for d in responses], events=events or None)
    except JSError as e:
        return StepOutcome("failed", console=list(e.console), started=started, finished=time.time(),
                           error={"name": e.name, "message": e.message, "stack": e.stack})
    except LimitExceeded as e:
        return StepOutcome("failed", started=started, finished=time.time(),
                           error={"name": "LimitExceeded", "message": str(e)})
    except (StateError, FetchflowError) as e:
        return StepOutcome("failed", started=started, finished=time.time(),
                           error={"name": type(e).__name__, "message": str(e)})
    finished = time.time()
    if r.type == "completed":
        vm.dispose(recycle=True)   # its built-ins may serve the next run (host/realm_pool.py)
        return StepOutcome("completed", console=list(r.console), result=r.result,
                           started=started, finished=finished)
    assert r.state is not None
    reqs = [request_dict(q, options.get("policy")) for q in r.fetch_requests]
    return StepOutcome("waiting", r.state.to_bytes(),
                       [q for q in reqs if q["id"] not in previously_pending],
                       {"requests": reqs, "events": r.pending_events}, r.wake_at,
                       list(r.console), started=started, finished=finished, machine=vm)
