"""One step of a run: (state, responses, events, elapsed time) -> (new state, requests, status).

This is a pure function of its inputs (plus the wall clock for timers): it touches no
database.  That is what makes crashes harmless: a worker that dies anywhere before its
commit leaves the last committed state in place, and whoever re-runs the step from it
gets an equivalent outcome (the same request ids, the same console lines), because the
VM is snapshotted, not replayed.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Any, Optional

from ..api import FetchflowError, FetchResponse, JSError, execute_code, resume_execution
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


def request_dict(q: Any) -> dict:
    return {"id": q.id, "method": q.method, "url": q.url, "headers": dict(q.headers),
            "body": q.body, "timestamp": q.timestamp}


def response_from_dict(d: dict) -> FetchResponse:
    return FetchResponse(d["id"], bool(d.get("success", True)), int(d.get("status", 200) or 0),
                         d.get("status_text") or "", d.get("data"), d.get("error"),
                         d.get("headers"), d.get("timestamp"))


def response_dict(r: FetchResponse) -> dict:
    return {"id": r.id, "success": r.success, "status": r.status, "status_text": r.status_text,
            "data": r.data, "error": r.error, "headers": r.headers, "timestamp": r.timestamp}


def limits_to_dict(limits: Optional[Limits]) -> Optional[dict]:
    return dataclasses.asdict(limits) if limits is not None else None


def run_step(source: str, state: Optional[bytes], options: dict, responses: list,
             events: list, key: Optional[bytes], previously_pending: set) -> StepOutcome:
    """Run one step: the first (``state is None``) or a resume with ``responses`` (dicts)
    and ``events`` (``(name, payload)``).  Never raises for the script's own failures: a
    JS exception or an exceeded limit becomes a ``failed`` outcome."""
    started = time.time()
    try:
        if state is None:
            policy = None
            if options.get("policy") is not None:
                policy = FetchPolicy.from_data(options["policy"])
            lim = options.get("limits")
            r = execute_code(source, quiet=True, key=key, timers=options.get("timers", "real"),
                             limits=Limits(**lim) if lim else None, policy=policy)
            if events and r.type == "paused":  # events sent before the first step
                assert r.state is not None
                first = list(r.console)
                r = resume_execution(r.state, [], quiet=True, key=key, events=events)
                r.console = first + list(r.console)
        else:
            r = resume_execution(state, [response_from_dict(d) for d in responses], quiet=True,
                                 key=key, events=events or None)
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
        return StepOutcome("completed", console=list(r.console), result=r.result,
                           started=started, finished=finished)
    assert r.state is not None
    reqs = [request_dict(q) for q in r.fetch_requests]
    return StepOutcome("waiting", r.state.to_bytes(),
                       [q for q in reqs if q["id"] not in previously_pending],
                       {"requests": reqs, "events": r.pending_events}, r.wake_at,
                       list(r.console), started=started, finished=finished)
