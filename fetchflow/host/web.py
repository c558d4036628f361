"""fetch(), Headers and Response as JavaScript sees them (the WHATWG Fetch subset node offers).

``fetch`` never performs I/O: it records a pending request on the machine and returns a
promise that the host settles when it resumes the VM with a response.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations import promise_operations as P
from ..interp.operations.errors import type_error
from ..interp.operations.object_operations import (create_array_from_list, get_prototype_from_constructor)
from ..interp.operations.type_conversion import to_number, to_string
from ..interp.runtime import CTX
from ..interp.values import C, E, NULL, SYM_ITERATOR, SYM_TO_STRING_TAG, W, JSObject, JSThrow, is_callable
from .abort import add_fetch_algorithm, is_signal
from .policy import policy_denies
from .urls import _C0_SPACE, URLError, parse_url, usv_string

_STATUS_TEXT = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently",
                302: "Found", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized",
                403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
                429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
                503: "Service Unavailable", 504: "Gateway Timeout"}


class JSHeaders(JSObject):
    """A Headers object: an ordered list of (lower-cased name, value)."""
    __slots__ = ("items",)

    def __init__(self, proto: Optional[JSObject]) -> None:
        JSObject.__init__(self, proto, "Headers")
        self.items: list = []

    def append(self, name: str, value: str) -> None:
        name = _header_name(name)
        value = _header_value(value, "append")
        for i, (k, v) in enumerate(self.items):
            if k == name:
                self.items[i] = (k, v + ", " + value)
                return
        self.items.append((name, value))

    def set_header(self, name: str, value: str) -> None:
        name = _header_name(name)
        value = _header_value(value, "set")
        self.items = [(k, v) for k, v in self.items if k != name]
        self.items.append((name, value))

    def get_header(self, name: str) -> Any:
        name = _header_name(name)
        for k, v in self.items:
            if k == name:
                return v
        return NULL

    def sorted_items(self) -> list:
        return sorted(self.items)


_TOKEN = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyz")


def _header_name(name: str) -> str:
    """A header name is an RFC 9110 token (node's Headers refuse anything else)."""
    n = name.lower()
    if not n or not _TOKEN.issuperset(n):
        raise type_error(f"Headers: invalid header name: {name!r}")
    return n


def _header_value(value: str, op: str) -> str:
    """Fetch 2.2 header value: HTTP whitespace trimmed; no NUL, CR or LF; a ByteString
    (each code unit at most 0xFF), as node's Headers require.  The host's HTTP client can
    then send it as is."""
    value = value.strip("\t\n\r ")
    for i, c in enumerate(value):
        if c > "\xff":
            raise type_error(f"Cannot convert argument to a ByteString because the character at "
                             f"index {i} has a value of {ord(c)} which is greater than 255.")
    if "\x00" in value or "\r" in value or "\n" in value:
        raise type_error(f'Headers.{op}: "{value}" is an invalid header value.')
    return value


class JSResponse(JSObject):
    """A Response: status, headers and a body readable once (``body_used``)."""
    __slots__ = ("status", "status_text", "url", "headers", "body", "body_used", "rtype")

    def __init__(self, proto: Optional[JSObject]) -> None:
        JSObject.__init__(self, proto, "Response")
        self.status = 200
        self.status_text = ""
        self.url = ""
        self.headers: Optional[JSHeaders] = None
        self.body = ""
        self.body_used = False
        self.rtype = "default"


def new_headers(init: Any = None) -> JSHeaders:
    h = JSHeaders(CTX.realm.intr["HeadersPrototype"])
    if init is not None and init is not NULL:
        fill_headers(h, init)
    return h


def fill_headers(h: JSHeaders, init: Any) -> None:
    """Headers(init): another Headers, an iterable of pairs, or a record."""
    if isinstance(init, JSHeaders):
        for k, v in init.items:
            h.append(k, v)
        return
    if isinstance(init, dict):  # from Python
        for k, v in init.items():
            h.append(str(k), str(v))
        return
    if not isinstance(init, JSObject):
        raise type_error("Failed to construct 'Headers': The provided value is not of type "
                         "'(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'")
    from ..interp.operations.object_operations import get_method
    if get_method(init, SYM_ITERATOR) is not None:
        from ..interp.operations.iteration import iterate_to_list
        for pair in iterate_to_list(init):
            from ..interp.operations.iteration import iterate_to_list as itl
            items = itl(pair)
            if len(items) != 2:
                raise type_error("Failed to construct 'Headers': Invalid value")
            h.append(to_string(items[0]), to_string(items[1]))
        return
    from ..interp.operations.object_operations import enumerable_own_properties
    for k in enumerable_own_properties(init, "key"):
        h.append(k, to_string(init.get(k, init)))


def headers_to_dict(h: JSHeaders) -> dict:
    return {k: v for k, v in h.items}


def _this_headers(v: Any) -> JSHeaders:
    if not isinstance(v, JSHeaders):
        raise type_error("Illegal invocation")
    return v


@native("Headers", 0, ctor=True)
def headers_ctor(this: Any, args: list, new_target: Any) -> Any:
    if new_target is None:
        raise type_error("Class constructor Headers cannot be invoked without 'new'")
    h = JSHeaders(get_prototype_from_constructor(new_target, "HeadersPrototype"))
    init = arg(args, 0)
    if init is not None:
        fill_headers(h, init)
    return h


@native("Headers.prototype.get", 1)
def headers_get(this: Any, args: list) -> Any:
    return _this_headers(this).get_header(to_string(arg(args, 0)))


@native("Headers.prototype.has", 1)
def headers_has(this: Any, args: list) -> Any:
    return _this_headers(this).get_header(to_string(arg(args, 0))) is not NULL


@native("Headers.prototype.set", 2)
def headers_set(this: Any, args: list) -> Any:
    _this_headers(this).set_header(to_string(arg(args, 0)), to_string(arg(args, 1)))
    return None


@native("Headers.prototype.append", 2)
def headers_append(this: Any, args: list) -> Any:
    _this_headers(this).append(to_string(arg(args, 0)), to_string(arg(args, 1)))
    return None


@native("Headers.prototype.delete", 1)
def headers_delete(this: Any, args: list) -> Any:
    h = _this_headers(this)
    name = _header_name(to_string(arg(args, 0)))
    h.items = [(k, v) for k, v in h.items if k != name]
    return None


@native("Headers.prototype.forEach", 1, gen=True)
def headers_for_each(this: Any, args: list) -> Any:
    h = _this_headers(this)
    cb = arg(args, 0)
    if not is_callable(cb):
        raise type_error("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.")
    for k, v in h.sorted_items():
        yield (cb, arg(args, 1), [v, k, h])
    return None


def _pairs_iterator(pairs: list) -> Any:
    """An array iterator over a snapshot (node's Headers iterators behave alike)."""
    arr = create_array_from_list(pairs)
    from ..interp.operations.object_operations import invoke
    return invoke(arr, SYM_ITERATOR, [])


@native("Headers.prototype.entries", 0)
def headers_entries(this: Any, args: list) -> Any:
    h = _this_headers(this)
    return _pairs_iterator([create_array_from_list([k, v]) for k, v in h.sorted_items()])


@native("Headers.prototype.keys", 0)
def headers_keys(this: Any, args: list) -> Any:
    return _pairs_iterator([k for k, _ in _this_headers(this).sorted_items()])


@native("Headers.prototype.values", 0)
def headers_values(this: Any, args: list) -> Any:
    return _pairs_iterator([v for _, v in _this_headers(this).sorted_items()])


# -- Response ----------------------------------------------------------------------------------

def _this_response(v: Any) -> JSResponse:
    if not isinstance(v, JSResponse):
        raise type_error("Illegal invocation")
    return v


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
            if not k or not _TOKEN.issuperset(k.lower()):
                raise ValueError(f"invalid header name {k!r}")
            if "\x00" in v or "\r" in v or "\n" in v:
                raise ValueError(f"invalid value for header {k!r}")


def to_js_string(s: str) -> str:
    """Python text to JS UTF-16 code units (astral characters as surrogate pairs)."""
    if s.isascii() or all(ord(c) < 0x10000 for c in s):
        return s
    out = []
    for c in s:
        o = ord(c)
        if o < 0x10000:
            out.append(c)
        else:
            o -= 0x10000
            out.append(chr(0xD800 + (o >> 10)) + chr(0xDC00 + (o & 0x3FF)))
    return "".join(out)


def make_response(status: int, status_text: Optional[str], headers: Any, body: str, url: str = "") -> JSResponse:
    r = JSResponse(CTX.realm.intr["ResponsePrototype"])
    r.status = int(status)
    r.status_text = status_text if status_text is not None else _STATUS_TEXT.get(int(status), "")
    r.headers = new_headers(headers)
    r.body = to_js_string(body)
    r.url = url
    return r


@native("Response", 0, ctor=True)
def response_ctor(this: Any, args: list, new_target: Any) -> Any:
    if new_target is None:
        raise type_error("Class constructor Response cannot be invoked without 'new'")
    body = arg(args, 0)
    init = arg(args, 1)
    r = JSResponse(get_prototype_from_constructor(new_target, "ResponsePrototype"))
    r.headers = new_headers()
    r.body = "" if body is None or body is NULL else to_string(body)
    if body is not None and body is not NULL and type(body) is str:
        r.headers.set_header("content-type", "text/plain;charset=UTF-8")
    if isinstance(init, JSObject):
        st = init.get("status", init)
        if st is not None:
            n = to_number(st)
            if not (200 <= n <= 599) or n != int(n):
                raise JSThrow(_range_error(f"Failed to construct 'Response': The status provided ({to_string(st)}) is outside the range [200, 599]."))
            r.status = int(n)
        stt = init.get("statusText", init)
        if stt is not None:
            r.status_text = to_string(stt)
        hd = init.get("headers", init)
        if hd is not None:
            r.headers = new_headers(hd)
    return r


def _range_error(msg: str) -> Any:
    from ..interp.operations.errors import make_error
    return make_error("RangeError", msg)


@native("get Response.prototype.ok")
def response_ok(this: Any, args: list) -> Any:
    return 200 <= _this_response(this).status <= 299


@native("get Response.prototype.status")
def response_status(this: Any, args: list) -> Any:
    return float(_this_response(this).status)


@native("get Response.prototype.statusText")
def response_status_text(this: Any, args: list) -> Any:
    return _this_response(this).status_text


@native("get Response.prototype.url")
def response_url(this: Any, args: list) -> Any:
    return _this_response(this).url


@native("get Response.prototype.headers")
def response_headers(this: Any, args: list) -> Any:
    return _this_response(this).headers


@native("get Response.prototype.bodyUsed")
def response_body_used(this: Any, args: list) -> Any:
    return _this_response(this).body_used


@native("get Response.prototype.redirected")
def response_redirected(this: Any, args: list) -> Any:
    _this_response(this)
    return False


@native("get Response.prototype.type")
def response_type(this: Any, args: list) -> Any:
    return _this_response(this).rtype


def _consume(r: JSResponse) -> str:
    if r.body_used:
        raise type_error("Body is unusable: Body has already been read")
    r.body_used = True
    return r.body


def _resolved(value: Any) -> Any:
    p = P.new_intrinsic_promise()
    P.resolve_promise(p, value)
    return p


def _rejected(err: Any) -> Any:
    p = P.new_intrinsic_promise()
    P.reject_promise(p, err)
    return p


@native("Response.prototype.text", 0)
def response_text(this: Any, args: list) -> Any:
    try:
        return _resolved(_consume(_this_response(this)))
    except JSThrow as e:
        return _rejected(e.value)


@native("Response.prototype.json", 0)
def response_json(this: Any, args: list) -> Any:
    try:
        text = _consume(_this_response(this))
        parse = CTX.realm.intr.get("JSONParse")
        if parse is None:
            parse = CTX.realm.native("JSON.parse")
        from ..interp.operations.calls import call
        return _resolved(call(parse, None, [text]))
    except JSThrow as e:
        return _rejected(e.value)


@native("Response.prototype.clone", 0)
def response_clone(this: Any, args: list) -> Any:
    r = _this_response(this)
    if r.body_used:
        raise type_error("Response.clone: Body has already been consumed.")
    c = JSResponse(r.proto)
    c.status, c.status_text, c.url, c.body, c.rtype = r.status, r.status_text, r.url, r.body, r.rtype
    c.headers = new_headers(r.headers)
    return c


# -- fetch ---------------------------------------------------------------------------------------

@native("fetch", 1)
def fetch(this: Any, args: list) -> Any:
    """Record a pending request and return its promise (settled when the host resumes)."""
    m = CTX.machine
    p = P.new_intrinsic_promise()
    try:
        signal = fetch_signal(arg(args, 0), arg(args, 1))
        req = request_from_args(arg(args, 0), arg(args, 1))
    except JSThrow as e:
        P.reject_promise(p, e.value)
        return p
    if signal is not None and signal.internal["aborted"]:
        P.reject_promise(p, signal.internal["reason"])
        return p
    from ..interp.operations.errors import make_error
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


def fetch_signal(inp: Any, init: Any) -> Any:
    """The AbortSignal of fetch(input, init): init.signal, else the Request's (or None)."""
    if isinstance(init, JSObject):
        sv = init.get("signal", init)
        if sv is not None and sv is not NULL:
            if not is_signal(sv):
                raise type_error("Failed to construct 'Request': member signal is not of type AbortSignal.")
            return sv
    return None


def request_from_args(inp: Any, init: Any) -> dict:
    url = to_string(inp.get("url", inp)) if isinstance(inp, JSObject) and inp.has_property("url") \
        else to_string(inp)
    method = "GET"
    headers: dict = {}
    body = None
    if init is not None and init is not NULL:
        if not isinstance(init, JSObject):
            raise type_error("Failed to execute 'fetch': The provided value is not of type 'RequestInit'.")
        mv = init.get("method", init)
        if mv is not None:
            text = to_string(mv)
            if not text or not _TOKEN.issuperset(text.lower()):
                raise type_error(f"'{text}' is not a valid HTTP method.")
            if text.upper() in ("CONNECT", "TRACE", "TRACK"):
                raise type_error(f"'{text}' HTTP method is unsupported.")
            method = text.upper()
        hv = init.get("headers", init)
        if hv is not None and hv is not NULL:
            h = new_headers(hv)
            headers = headers_to_dict(h)
        bv = init.get("body", init)
        if bv is not None and bv is not NULL:
            if type(bv) is not str:
                raise type_error("fetch: init.body must be a string (FormData, Blob and streams "
                                 "are not supported)")
            if method in ("GET", "HEAD"):
                raise type_error("Request with GET/HEAD method cannot have body.")
            body = usv_string(bv)   # sent as UTF-8: lone surrogates become U+FFFD, as in node
    return {"url": url, "method": method, "headers": headers, "body": body}


def setup(realm: Any) -> None:
    hp = JSObject(realm.object_prototype)
    realm.constructor("Headers", "Headers", hp)
    for name in ("get", "has", "set", "append", "delete", "forEach", "entries", "keys", "values"):
        realm.method(hp, name, f"Headers.prototype.{name}")
    hp.put_hidden(SYM_ITERATOR, hp.props["entries"], W | C)
    hp.put_hidden(SYM_TO_STRING_TAG, "Headers", C)
    rp = JSObject(realm.object_prototype)
    realm.constructor("Response", "Response", rp)
    for name in ("ok", "status", "statusText", "url", "headers", "bodyUsed", "redirected", "type"):
        realm.getter(rp, name, f"get Response.prototype.{name}")
    for name in ("text", "json", "clone"):
        realm.method(rp, name, f"Response.prototype.{name}")
    rp.put_hidden(SYM_TO_STRING_TAG, "Response", C)
    realm.global_object.put_hidden("fetch", realm.native("fetch"), W | C)
    _ = E
