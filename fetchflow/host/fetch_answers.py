"""Answering a paused machine's fetches: every response is checked before any is delivered,
virtual time moves on by the length of the pause, and each fetch promise settles."""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from ..errors import ResponseError, UnknownRequestError
from ..exchange import FetchResponse
from ..interp.builtins.timers import advance
from ..interp.operations import promise_operations as P
from ..interp.operations.errors import make_error
from ..interp.values import C, W
from ..limits import LimitExceeded
from .web import body_text, check_response_fields, make_response

if TYPE_CHECKING:
    from ..interp.machine import Machine


def answer_fetches(m: "Machine", responses: list) -> None:
    """Deliver ``responses`` to pending fetch promises (ids, fields and sizes are all checked
    first, so a bad response leaves the machine as it was).  Must run with ``m`` entered."""
    pending = m.host.pending
    cancelled = m.host.cancelled   # answers to aborted fetches are ignored
    responses = [r for r in responses if not (isinstance(r, FetchResponse) and r.id in cancelled
                                              and r.id not in pending)]
    bodies = {r.id: _checked_body(r) for r in responses}
    for r in responses:
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
            b = bodies[r.id]
            size = len(b) if type(b) is bytes else len(b.encode("utf-8", "surrogatepass"))
            if size > lim.max_response_bytes:
                raise LimitExceeded("max_response_bytes", f"response {r.id} has {size} bytes")
    _advance_timers(m, responses)
    for r in responses:
        req, promise = pending.pop(r.id)
        if r.success:
            resp = make_response(r.status, r.status_text or None, r.headers or {}, bodies[r.id],
                                 r.url or req["url"])
            resp.internal["redirected"] = bool(r.redirected)
            P.resolve_promise(promise, resp)
        else:
            err = make_error("TypeError", r.error or "fetch failed")
            if r.cause:
                err.put_hidden("cause", make_error("Error", r.cause), W | C)
            P.reject_promise(promise, err)


def _checked_body(r: Any) -> Any:
    """The body text of a well-formed response; ResponseError naming the bad field otherwise."""
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
    if r.url is not None and not isinstance(r.url, str):
        raise ResponseError(f"response {r.id!r}: url must be None or a str, not {type(r.url).__name__}")
    if not isinstance(r.redirected, bool) or not isinstance(r.cause, (str, type(None))):
        raise ResponseError(f"response {r.id!r}: redirected must be a bool and cause None or a str")
    try:
        check_response_fields(r.status_text, r.headers, r.error)
        if not r.success:
            return ""
        # bytes stay bytes (arrayBuffer() and blob() see them as sent; text() decodes UTF-8)
        return bytes(r.data) if isinstance(r.data, (bytes, bytearray, memoryview)) else body_text(r.data)
    except ValueError as e:
        raise ResponseError(f"response {r.id!r}: {e}") from None


def _advance_timers(m: "Machine", responses: list) -> None:
    """Let virtual time pass for the pause; timers that fell due run before the responses."""
    if not m.host.timers:
        return
    pending = m.host.pending
    if responses and all(r.timestamp is not None for r in responses) and not m.host.real_time:
        elapsed = max(r.timestamp - pending[r.id][0]["timestamp"] for r in responses)
    elif getattr(m.realm, "clock", None) is not None:
        elapsed = 0.0   # a fixed clock: only declared timings and timers move the VM's time
    else:
        meta = m.host.meta or {}
        elapsed = time.time() - meta.get("timestamp", time.time())
    for job in reversed(advance(m, max(0.0, elapsed) * 1000.0)):
        m.jobs.appendleft(job)
