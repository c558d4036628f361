"""``Response`` (https://fetch.spec.whatwg.org/#response-class), as node 20 (undici) has it.

Internal slots: ``type``, ``status``, ``statusText``, ``urls`` (the URL list), ``headers``
(a Headers object), ``body`` and ``bodyUsed`` (see body.py), ``redirected``.
"""
from __future__ import annotations

import math
from typing import Any, Optional

from ..interp.builtins.json import json_stringify
from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.errors import make_error, range_error, type_error
from ..interp.operations.object_operations import get, get_prototype_from_constructor
from ..interp.operations.type_conversion import to_number, to_string
from ..interp.runtime import CTX
from ..interp.values import E, NULL, JSObject, JSThrow
from .body import clone_source, extract_body, register_body_readers
from .headers import copy_headers, fill_headers, header_append, header_has, new_headers
from .js_text import to_js_string
from .platform_object import JSPlatformObject, new_platform_object, node_type_error, tag
from .url_parser import URLParseError, basic_url_parser, url_serializer, usv_string

__all__ = ["new_response", "make_response", "is_response", "setup"]

STATUS_TEXT = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently",
               302: "Found", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized",
               403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
               429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
               503: "Service Unavailable", 504: "Gateway Timeout"}
_NULL_BODY_STATUS = (101, 103, 204, 205, 304)
_REDIRECT_STATUS = (301, 302, 303, 307, 308)
_ATTRIBUTES = ("type", "url", "redirected", "status", "ok", "statusText", "headers", "body", "bodyUsed")


def is_response(v: Any) -> bool:
    return isinstance(v, JSPlatformObject) and v.cls == "Response"


def new_response(guard: str = "response", proto: Optional[JSObject] = None) -> JSPlatformObject:
    return new_platform_object(CTX.realm, "Response", {
        "type": "default", "status": 200, "statusText": "", "urls": [], "headers": new_headers(guard),
        "body": None, "bodyUsed": False, "redirected": False}, proto)


def make_response(status: int, status_text: Optional[str], headers: Any, body: Any, url: str = "") -> JSPlatformObject:
    """The Response a fetch resolves with, from the host's answer (its headers immutable)."""
    r = new_response("none")
    s = r.internal
    s["status"] = int(status)
    s["statusText"] = status_text if status_text is not None else STATUS_TEXT.get(int(status), "")
    fill_headers(s["headers"], headers or {})
    s["headers"].internal["guard"] = "immutable"
    s["body"] = body if type(body) is bytes else to_js_string(body or "")
    s["urls"] = [url] if url else []
    return r


def _this(v: Any) -> JSPlatformObject:
    if not is_response(v):
        raise node_type_error("Illegal invocation", "ERR_INVALID_THIS")
    return v


def _unsigned_short(v: Any) -> int:
    """web IDL 3.2.4 unsigned short conversion (modulo 2^16)."""
    n = to_number(v)
    if n != n or n in (math.inf, -math.inf):
        return 0
    return int(n) % 65536


def _reason_phrase_ok(s: str) -> bool:
    """RFC 9110 reason-phrase: HTAB, SP, VCHAR and obs-text."""
    return all(c == "\t" or " " <= c <= "~" or "\x80" <= c <= "\xff" for c in s)


def initialize_response(r: JSPlatformObject, init: Any, body: Optional[tuple]) -> None:
    """Fetch 5.5 initialize a response (init: ResponseInit; body: (source, type) or None)."""
    s = r.internal
    if init is not None and init is not NULL:
        if not isinstance(init, JSObject):
            raise type_error("Response constructor: Expected init to be a dictionary.")
        st = get(init, "status")
        if st is not None:
            n = _unsigned_short(st)
            if not 200 <= n <= 599:
                raise JSThrow(make_error("RangeError", 'init["status"] must be in the range of 200 to 599, inclusive.'))
            s["status"] = n
        stt = get(init, "statusText")
        if stt is not None:
            text = to_string(stt)
            if not _reason_phrase_ok(text):
                raise type_error("Invalid statusText")
            s["statusText"] = text
        hv = get(init, "headers")
        if hv is not None:
            fill_headers(s["headers"], hv)
    if body is not None:
        if s["status"] in _NULL_BODY_STATUS:
            raise type_error(f"Response constructor: Invalid response status code {s['status']}")
        s["body"] = body[0]
        if body[1] is not None and not header_has(s["headers"], "content-type"):
            header_append(s["headers"], "content-type", body[1])


@native("Response", 0, ctor=True)
def response_ctor(this: Any, args: list, new_target: Any) -> Any:
    """Fetch 5.5 new Response(body, init)."""
    if new_target is None:
        raise type_error("Class constructor Response cannot be invoked without 'new'")
    r = new_response("response", get_prototype_from_constructor(new_target, "ResponsePrototype"))
    body = arg(args, 0)
    initialize_response(r, arg(args, 1), None if body is None or body is NULL else extract_body(body))
    return r


@native("Response.error", 0)
def response_error(this: Any, args: list) -> Any:
    """Fetch 5.5 Response.error(): a network error, its headers immutable."""
    r = new_response("immutable")
    r.internal.update({"type": "error", "status": 0})
    return r


@native("Response.redirect", 1)
def response_redirect(this: Any, args: list) -> Any:
    """Fetch 5.5 Response.redirect(url, status = 302)."""
    text = usv_string(to_string(arg(args, 0)))
    try:
        url = basic_url_parser(text)
    except URLParseError:
        raise type_error(f"Failed to parse URL from {to_js_string(text)}") from None
    st = arg(args, 1)
    status = 302 if st is None else _unsigned_short(st)
    if status not in _REDIRECT_STATUS:
        raise range_error(f"Invalid status code {status}")
    r = new_response("none")
    r.internal["status"] = status
    header_append(r.internal["headers"], "location", to_js_string(url_serializer(url)))
    r.internal["headers"].internal["guard"] = "immutable"
    return r


@native("Response.json", 1, gen=True)
def response_json_static(this: Any, args: list) -> Any:
    """Fetch 5.5 Response.json(data, init)."""
    text = yield from json_stringify(None, [arg(args, 0)])
    if text is None:
        raise type_error("Value is not JSON serializable")
    r = new_response("response")
    initialize_response(r, arg(args, 1), (text, "application/json"))
    return r


def _getter(name: str) -> Any:
    @native(f"get Response.prototype.{name}")
    def getter(this: Any, args: list) -> Any:
        s = _this(this).internal
        if name == "url":
            return to_js_string(s["urls"][-1].split("#", 1)[0]) if s["urls"] else ""
        if name == "ok":
            return 200 <= s["status"] <= 299
        if name == "status":
            return float(s["status"])
        if name == "body":
            return NULL      # no streams: the body is read with text(), json(), ...
        return s[name]
    return getter


for _name in _ATTRIBUTES:
    _getter(_name)


register_body_readers("Response", _this)


@native("Response.prototype.clone", 0)
def response_clone(this: Any, args: list) -> Any:
    """Fetch 5.5 clone(): the same fields, a copy of the headers (same guard), the body shared."""
    r = _this(this)
    s = r.internal
    if s["bodyUsed"]:
        raise type_error("Response.clone: Body has already been consumed.")
    c = new_platform_object(CTX.realm, "Response", dict(s), r.proto)
    c.internal["headers"] = copy_headers(s["headers"], s["headers"].internal["guard"])
    c.internal["urls"] = list(s["urls"])
    c.internal["body"] = clone_source(s["body"])
    return c


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    ctor = realm.constructor("Response", "Response", proto)
    for name in _ATTRIBUTES:
        realm.getter(proto, name, f"get Response.prototype.{name}")
    realm.method(proto, "clone", "Response.prototype.clone")
    for kind in ("blob", "arrayBuffer", "text", "json", "formData", "bytes"):
        realm.method(proto, kind, f"Response.prototype.{kind}")
    for key in _ATTRIBUTES + ("clone", "blob", "arrayBuffer", "text", "json", "formData", "bytes"):
        proto.flags[key] |= E  # type: ignore[index]
    tag(proto, "Response")
    for name in ("error", "json", "redirect"):
        realm.method(ctor, name, f"Response.{name}")
        ctor.flags[name] |= E  # type: ignore[index]
