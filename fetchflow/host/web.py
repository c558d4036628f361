"""fetch() as JavaScript sees it, and the host's answers as Response objects.

``fetch`` never performs I/O: it builds a Request (request.py), records what it holds as a
pending request on the machine and returns a promise that the host settles when it
resumes the VM with a response.  Headers, Request, Response, Blob and FormData live in
their own modules; this one keeps the names the host side imports.
"""
from __future__ import annotations

import json
from typing import Any

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations import promise_operations as P
from ..interp.operations.errors import make_error
from ..interp.runtime import CTX
from ..interp.values import C, W, JSObject, JSThrow
from .abort import add_fetch_algorithm
from .headers import TOKEN
from .js_text import to_js_string
from .policy import policy_denies
from .request import request_for_host, request_slots
from .response import make_response
from .urls import _C0_SPACE, URLError, parse_url, usv_string

__all__ = ["body_text", "check_response_fields", "make_response", "to_js_string", "JSHeaders", "JSResponse",
           "setup"]


def body_text(data: Any) -> str:
    """The text of a FetchResponse body: a str is the text, anything else is JSON.
    Raises ValueError (never TypeError or RecursionError) for data that is neither."""
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data).decode("utf-8", "replace")
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError, OverflowError) as e:
        raise ValueError(f"data must be str, bytes or JSON-serializable ({type(e).__name__}: "
                         f"{str(e)[:200]})") from None


def check_response_fields(status_text: Any, headers: Any, error: Any) -> None:
    """ValueError unless the host's response fields are what make_response accepts."""
    if status_text is not None and not isinstance(status_text, str):
        raise ValueError(f"status_text must be a str, not {type(status_text).__name__}")
    if error is not None and not isinstance(error, str):
        raise ValueError(f"error must be a str, not {type(error).__name__}")
    if headers is not None:
        for k, v in headers.items():
            if not isinstance(k, str) or not isinstance(v, str):
                raise ValueError("header names and values must be str")
            if not k or not TOKEN.issuperset(k.lower()):
                raise ValueError(f"invalid header name {k!r}")
            if "\x00" in v or "\r" in v or "\n" in v:
                raise ValueError(f"invalid value for header {k!r}")


# -- fetch ---------------------------------------------------------------------------------------

@native("fetch", 1)
def fetch(this: Any, args: list) -> Any:
    """Fetch 5.6 fetch(input, init): record a pending request and return its promise
    (settled when the host resumes)."""
    m = CTX.machine
    p = P.new_intrinsic_promise()
    try:
        # a string input stays as written: the policy checks it, and the host may give a
        # URL that does not parse a meaning (a canned fetcher answers fetch("/users"))
        request = request_slots(arg(args, 0), arg(args, 1), lenient_url=True)
    except JSThrow as e:
        P.reject_promise(p, e.value)
        return p
    signal = request["signal"]
    if signal is not None and signal.internal["aborted"]:
        P.reject_promise(p, signal.internal["reason"])
        return p
    req = request_for_host(request)
    policy = m.host.policy
    if policy is not None and policy_denies(policy, req["url"], req["method"]) is not None:
        P.reject_promise(p, make_error("TypeError", f"fetch to {req['url']} denied by policy"))
        return p
    try:
        parsed = parse_url(req["url"])
    except URLError as e:
        P.reject_promise(p, make_error("TypeError", e.message))
        return p
    # the host gets the serialized URL, as node's fetch sends it: what the policy checked
    # is what is fetched (http://2130706433/ is http://127.0.0.1/)
    req["url"] = usv_string(req["url"]).strip(_C0_SPACE) if parsed is None else parsed.href()
    m.register_fetch(req, p)
    if signal is not None:     # aborting rejects the promise JS holds and drops the request
        return add_fetch_algorithm(signal, req["id"], p)
    return p


class JSHeaders(JSObject):
    """Format-2 states made before Headers became a platform object name this record
    (state_records "Headers"); nothing creates one any more."""
    __slots__ = ("items",)


class JSResponse(JSObject):
    """As JSHeaders, for the "Response" record."""
    __slots__ = ("status", "status_text", "url", "headers", "body", "body_used", "rtype")


def setup(realm: Any) -> None:
    realm.global_object.put_hidden("fetch", realm.native("fetch"), W | C)
