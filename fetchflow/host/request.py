"""``Request`` (https://fetch.spec.whatwg.org/#request-class), as node 20 (undici) has it.

Internal slots: ``method``, ``url`` (serialized), ``headers`` (guard "request"), ``body``
and ``bodyUsed`` (see body.py), ``signal`` (an AbortSignal following the one given),
and the plain attributes of RequestInit (``mode``, ``credentials``, ``cache``, ``redirect``,
``referrer``, ``referrerPolicy``, ``integrity``, ``keepalive``).  ``fetch(input, init)``
builds one of these first, as the standard does, and sends what it holds.
"""
from __future__ import annotations

from typing import Any, Optional

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.errors import type_error
from ..interp.operations.object_operations import get, get_prototype_from_constructor
from ..interp.operations.type_conversion import to_boolean, to_string
from ..interp.runtime import CTX
from ..interp.values import E, NULL, JSObject
from .abort import create_dependent_signal, is_signal, new_signal
from .body import clone_source, extract_body, register_body_readers
from .headers import TOKEN, byte_string, copy_headers, fill_headers, header_append, header_has, new_headers
from .js_text import to_js_string
from .platform_object import JSPlatformObject, new_platform_object, node_type_error, tag
from .url_parser import URLParseError, basic_url_parser, url_serializer, usv_string

__all__ = ["new_request", "is_request", "setup"]

_ATTRIBUTES = ("method", "url", "headers", "destination", "referrer", "referrerPolicy", "mode", "credentials",
               "cache", "redirect", "integrity", "keepalive", "isReloadNavigation", "isHistoryNavigation",
               "signal", "body", "bodyUsed", "duplex")
_ENUMS = {
    "mode": ("navigate", "same-origin", "no-cors", "cors"),
    "credentials": ("omit", "same-origin", "include"),
    "cache": ("default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"),
    "redirect": ("follow", "error", "manual"),
    "referrerPolicy": ("", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin",
                       "strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin",
                       "unsafe-url"),
    "duplex": ("half",),
}
_NORMALIZED = frozenset(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"])


def is_request(v: Any) -> bool:
    return isinstance(v, JSPlatformObject) and v.cls == "Request"


def _parse_url(text: str) -> str:
    try:
        url = basic_url_parser(text)
    except URLParseError:
        raise type_error(f"Failed to parse URL from {to_js_string(text)}") from None
    if url.username or url.password:
        raise type_error(f"Request cannot be constructed from a URL that includes credentials: "
                         f"{to_js_string(text)}")
    return to_js_string(url_serializer(url))


def _method(value: Any) -> str:
    """Fetch 5.4 steps 25.1-25.4: a token, not forbidden, normalized."""
    text = byte_string(to_string(value))
    if not text or not TOKEN.issuperset(text.lower()):
        raise type_error(f"'{text}' is not a valid HTTP method.")
    upper = text.upper()
    if upper in ("CONNECT", "TRACE", "TRACK"):
        raise type_error(f"'{text}' HTTP method is unsupported.")
    return upper if upper in _NORMALIZED else text


def _enum(init: JSObject, key: str) -> Optional[str]:
    v = get(init, key)
    if v is None:
        return None
    text = to_string(v)
    if text not in _ENUMS[key]:
        raise type_error(f"Request constructor: {text} is not an accepted type. Expected one of "
                         f"{', '.join(_ENUMS[key])}.")
    return text


def new_request(inp: Any, init: Any, proto: Optional[JSObject] = None) -> JSPlatformObject:
    """Fetch 5.4 new Request(input, init)."""
    s = request_slots(inp, init)
    if s["signal"] is None:
        s["signal"] = new_signal()
    return new_platform_object(CTX.realm, "Request", s, proto)


def request_slots(inp: Any, init: Any, lenient_url: bool = False) -> dict:
    """The internal slots of new Request(input, init), ``signal`` None when no signal is
    followed.  fetch() uses them without making a Request object, so a state saved by an
    older fetchflow (whose realm has no Request or AbortSignal) still fetches;
    ``lenient_url``: a string input is kept as written (fetch() checks its policy on
    it, and lets the host give a URL that does not parse a meaning)."""
    if is_request(inp):
        src = inp.internal
        s = {k: v for k, v in src.items() if k not in ("headers", "signal", "body", "bodyUsed")}
        input_body = src["body"]
        base_signal: Any = src["signal"]
    else:
        url = to_string(inp) if lenient_url else _parse_url(usv_string(to_string(inp)))
        s = {"method": "GET", "url": url, "mode": "cors",
             "credentials": "same-origin", "cache": "default", "redirect": "follow", "referrer": "about:client",
             "referrerPolicy": "", "integrity": "", "keepalive": False}
        input_body = None
        base_signal = None
    if init is not None and init is not NULL and not isinstance(init, JSObject):
        raise type_error("Request constructor: Expected init to be a dictionary.")
    init_obj = init if isinstance(init, JSObject) else None
    headers_init: Any = None
    body_init: Any = None
    if init_obj is not None:
        ref = get(init_obj, "referrer")
        if ref is not None:
            text = usv_string(to_string(ref))
            if text == "":
                s["referrer"] = ""
            else:
                try:
                    parsed = basic_url_parser(text)
                except URLParseError:
                    raise type_error(f"Referrer \"{to_js_string(text)}\" is not a valid URL.") from None
                ser = url_serializer(parsed)
                s["referrer"] = "about:client" if ser in ("about:client",) else to_js_string(ser)
        for key in ("referrerPolicy", "mode", "credentials", "cache", "redirect"):
            v = _enum(init_obj, key)
            if v is not None:
                if key == "mode" and v == "navigate":
                    raise type_error("Request constructor: invalid request mode navigate.")
                s[key] = v
        _enum(init_obj, "duplex")
        integ = get(init_obj, "integrity")
        if integ is not None:
            s["integrity"] = to_string(integ)
        ka = get(init_obj, "keepalive")
        if ka is not None:
            s["keepalive"] = to_boolean(ka)
        mv = get(init_obj, "method")
        if mv is not None:
            s["method"] = _method(mv)
        sig = get(init_obj, "signal")
        if sig is not None:
            if sig is not NULL and not is_signal(sig):
                raise type_error("Failed to construct 'Request': member signal is not of type AbortSignal.")
            base_signal = None if sig is NULL else sig
        headers_init = get(init_obj, "headers")
        body_init = get(init_obj, "body")
    headers = new_headers("request")
    if headers_init is not None:
        fill_headers(headers, headers_init)
    elif is_request(inp):
        headers = copy_headers(inp.internal["headers"], "request")
    s["headers"] = headers
    has_init_body = body_init is not None and body_init is not NULL
    if (has_init_body or input_body is not None) and s["method"] in ("GET", "HEAD"):
        raise type_error("Request with GET/HEAD method cannot have body.")
    body: Any = None
    if has_init_body:
        body, ctype = extract_body(body_init)
        if ctype is not None and not header_has(headers, "content-type"):
            header_append(headers, "content-type", ctype)
    elif input_body is not None:
        if inp.internal["bodyUsed"]:
            raise type_error("Cannot construct a Request with a Request object that has already been used.")
        body = input_body
        inp.internal["bodyUsed"] = True      # the new request takes the input's body over
    s["body"] = body
    s["bodyUsed"] = False
    s["signal"] = None if base_signal is None else create_dependent_signal([base_signal])
    return s


def request_for_host(s: dict) -> dict:
    """The request as the host sees it (FetchRequest), from a Request's slots: text bodies
    as ``body``, binary ones as ``body_bytes`` with ``body`` their UTF-8 reading."""
    body = s["body"]
    req = {"url": s["url"], "method": s["method"],
           "headers": {e[0]: e[2] for e in s["headers"].internal["list"]}, "body": None}
    if s.get("redirect", "follow") != "follow":
        req["redirect"] = s["redirect"]    # "manual" or "error": the host's fetcher obeys it
    if type(body) is str:
        req["body"] = usv_string(body)     # sent as UTF-8: lone surrogates become U+FFFD
    elif body is not None:
        req["body"] = body.decode("utf-8", "replace")
        req["body_bytes"] = body
    if body is not None:
        s["bodyUsed"] = True
    return req


@native("Request", 1, ctor=True)
def request_ctor(this: Any, args: list, new_target: Any) -> Any:
    if new_target is None:
        raise type_error("Class constructor Request cannot be invoked without 'new'")
    if not args:
        raise type_error("Request constructor: 1 argument required, but only 0 found.")
    return new_request(args[0], arg(args, 1), get_prototype_from_constructor(new_target, "RequestPrototype"))


def _this(v: Any) -> JSPlatformObject:
    if not is_request(v):
        raise node_type_error("Illegal invocation", "ERR_INVALID_THIS")
    return v


def _getter(name: str) -> Any:
    @native(f"get Request.prototype.{name}")
    def getter(this: Any, args: list) -> Any:
        s = _this(this).internal
        if name == "body":
            return NULL      # no streams: the body is read with text(), json(), ...
        if name == "destination":
            return ""
        if name in ("isReloadNavigation", "isHistoryNavigation"):
            return False
        if name == "duplex":
            return "half"
        return s[name]
    return getter


for _name in _ATTRIBUTES:
    _getter(_name)


register_body_readers("Request", _this)


@native("Request.prototype.clone", 0)
def request_clone(this: Any, args: list) -> Any:
    """Fetch 5.4 clone(): a copy following this request's signal, the body shared."""
    r = _this(this)
    s = r.internal
    if s["bodyUsed"]:
        raise type_error("Request.clone: Body has already been consumed.")
    c = dict(s)
    c["headers"] = copy_headers(s["headers"], s["headers"].internal["guard"])
    c["body"] = clone_source(s["body"])
    c["signal"] = create_dependent_signal([s["signal"]])
    return new_platform_object(CTX.realm, "Request", c, r.proto)


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    realm.constructor("Request", "Request", proto)
    for name in _ATTRIBUTES:
        realm.getter(proto, name, f"get Request.prototype.{name}")
    realm.method(proto, "clone", "Request.prototype.clone")
    for kind in ("blob", "arrayBuffer", "text", "json", "formData", "bytes"):
        realm.method(proto, kind, f"Request.prototype.{kind}")
    for key in _ATTRIBUTES + ("clone", "blob", "arrayBuffer", "text", "json", "formData", "bytes"):
        proto.flags[key] |= E  # type: ignore[index]
    tag(proto, "Request")
