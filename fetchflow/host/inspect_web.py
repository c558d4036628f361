"""How node 20 prints the web API objects (their ``util.inspect.custom`` methods).

Registered with fetchflow.interp.inspect_custom; each formatter mirrors the node source
it names.
"""
from __future__ import annotations

from typing import Any, Optional

from ..interp.inspect_custom import register
from ..interp.inspect_value import Ctx, format_value
from ..interp.runtime import CTX
from ..interp.values import JSObject
from .url import URL_ATTRIBUTES, url_get, url_record
from .js_text import to_js_string
from ..interp.operations.object_operations import create_array_from_list
from ..interp.values import NULL
from .platform_object import JSPlatformObject

__all__ = ["install"]


def _plain(pairs: list) -> JSObject:
    o = JSObject(CTX.realm.object_prototype)
    for k, v in pairs:
        o.put_hidden(k, v, 7)   # W | E | C
    return o


def _inspect(ctx: Ctx, value: Any, depth: Optional[float] = None) -> str:
    """A fresh ``inspect(value, opts)`` with ``ctx``'s options (node's getUserOptions)."""
    d = ctx.depth if depth is None else depth
    return format_value(Ctx(d, ctx.show_hidden, ctx.break_length, ctx.compact), value, 0)


def _depth_left(ctx: Ctx, recurse_times: int) -> float:
    return ctx.depth - recurse_times


def _url(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
    """node lib/internal/url.js URL[inspect.custom]."""
    if _depth_left(ctx, recurse_times) < 0:
        return None
    url = url_record(value)
    pairs = [(name, value.internal["query"] if name == "searchParams" else url_get(url, name))
             for name in URL_ATTRIBUTES]
    pairs = [(k, to_js_string(v) if type(v) is str else v) for k, v in pairs]
    return f"URL {_inspect(ctx, _plain(pairs))}"


def _search_params(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
    """node lib/internal/url.js URLSearchParams[inspect.custom]."""
    left = _depth_left(ctx, recurse_times)
    if left < 0:
        return "[Object]"
    output = [f"{_inspect(ctx, n, left - 1)} => {_inspect(ctx, v, left - 1)}"
              for n, v in value.internal["list"]]
    length = sum(len(s) + 2 for s in output) - 2
    if length > ctx.break_length:
        return "URLSearchParams {\n  " + ",\n  ".join(output) + " }"
    if output:
        return "URLSearchParams { " + ", ".join(output) + " }"
    return "URLSearchParams {}"


def _search_params_iterator(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
    """node lib/internal/url.js URLSearchParamsIterator[inspect.custom]."""
    left = _depth_left(ctx, recurse_times)
    lst = value.internal["target"].internal["list"][value.internal["index"]:]
    kind = value.internal["kind"]
    items = [n if kind == "keys" else v if kind == "values" else create_array_from_list([n, v])
             for n, v in lst]
    strs = [_inspect(ctx, x, left - 1) for x in items]
    if "\n" in _inspect(ctx, create_array_from_list(items), left - 1):
        body = "\n  " + ",\n  ".join(strs)
    else:
        body = " " + ", ".join(strs)
    return f"URLSearchParams Iterator {{{body} }}"


def _with_fields(name: str, fields: Any) -> Any:
    """node's ``customInspect(self, obj, depth, options)`` (AbortSignal, AbortController...)."""
    def fmt(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
        if _depth_left(ctx, recurse_times) < 0:
            return None
        return f"{name} {_inspect(ctx, _plain(fields(value)))}"
    return fmt


def _text_encoder(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
    """node lib/internal/encoding.js TextEncoder[inspect.custom]: its object's prototype is a
    bare ``{constructor}``, so node names no class."""
    if _depth_left(ctx, recurse_times) < 0:
        return None
    return _inspect(ctx, _plain([("encoding", "utf-8")]))


def _headers(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
    """undici Headers[inspect.custom]: the header list as a record, names as first given."""
    return f"Headers {_inspect(ctx, _plain([(e[1], e[2]) for e in value.internal['list']]))}"


def _stream(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
    """What node shows for a non-null body (a ReadableStream, which fetchflow does not have:
    ``response.body`` is null; only console output shows the stream node would have)."""
    used = value.internal["used"]
    return (f"ReadableStream {{ locked: {'true' if used else 'false'}, state: "
            f"'{'closed' if used else 'readable'}', supportsBYOB: true }}")


def _body_value(value: Any) -> Any:
    if value.internal["body"] is None:
        return NULL
    return JSPlatformObject(None, "ReadableStream", {"used": value.internal["bodyUsed"]})


def _response(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
    """undici Response[inspect.custom]."""
    s = value.internal
    url = s["urls"][-1].split("#", 1)[0] if s["urls"] else ""
    pairs = [("status", float(s["status"])), ("statusText", s["statusText"]), ("headers", s["headers"]),
             ("body", _body_value(value)), ("bodyUsed", s["bodyUsed"]), ("ok", 200 <= s["status"] <= 299),
             ("redirected", s["redirected"]), ("type", s["type"]), ("url", url)]
    return f"Response {_inspect(ctx, _plain(pairs))}"


def _request(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
    """undici Request[inspect.custom]."""
    s = value.internal
    pairs = [("method", s["method"]), ("url", s["url"]), ("headers", s["headers"]), ("destination", ""),
             ("referrer", s["referrer"]), ("referrerPolicy", s["referrerPolicy"]), ("mode", s["mode"]),
             ("credentials", s["credentials"]), ("cache", s["cache"]), ("redirect", s["redirect"]),
             ("integrity", s["integrity"]), ("keepalive", s["keepalive"]), ("isReloadNavigation", False),
             ("isHistoryNavigation", False), ("signal", s["signal"])]
    return f"Request {_inspect(ctx, _plain(pairs))}"


def _blob(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
    """node lib/internal/blob.js Blob[kInspect] (File adds name and lastModified)."""
    if _depth_left(ctx, recurse_times) < 0:
        return None
    s = value.internal
    pairs = [("size", float(len(s["data"]))), ("type", s["type"])]
    if value.cls == "File":
        pairs += [("name", s["name"]), ("lastModified", s["lastModified"])]
    d = ctx.depth - 1 if ctx.depth == ctx.depth and ctx.depth != float("inf") else ctx.depth
    return f"{value.cls} {_inspect(ctx, _plain(pairs), d)}"


def _form_data(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
    """undici FormData[inspect.custom]: a record, a name given twice or more as an array."""
    groups: dict = {}
    for n, v in value.internal["entries"]:
        groups.setdefault(n, []).append(v)
    pairs = [(n, vs[0] if len(vs) == 1 else create_array_from_list(vs)) for n, vs in groups.items()]
    return f"FormData {_inspect(ctx, _plain(pairs))}"


def _crypto_key(ctx: Ctx, value: Any, recurse_times: int) -> Optional[str]:
    """node lib/internal/crypto/keys.js CryptoKey[kInspect]."""
    if _depth_left(ctx, recurse_times) < 0:
        return None
    s = value.internal
    pairs = [("type", s["type"]), ("extractable", s["extractable"]), ("algorithm", s["algorithm"]),
             ("usages", s["usages"])]
    d = ctx.depth - 1 if ctx.depth != float("inf") else ctx.depth
    return f"CryptoKey {_inspect(ctx, _plain(pairs), d)}"


def install() -> None:
    register("CryptoKey", _crypto_key)
    register("Headers", _headers)
    register("ReadableStream", _stream)
    register("Response", _response)
    register("Request", _request)
    register("Blob", _blob)
    register("File", _blob)
    register("FormData", _form_data)
    register("URL", _url)
    register("URLSearchParams", _search_params)
    register("URLSearchParams Iterator", _search_params_iterator)
    register("AbortSignal", _with_fields("AbortSignal",
                                         lambda v: [("aborted", v.internal["aborted"])]))
    register("AbortController", _with_fields("AbortController",
                                             lambda v: [("signal", v.internal["signal"])]))
    register("TextEncoder", _text_encoder)
    register("TextDecoder", _with_fields("TextDecoder", lambda v: [
        (k, v.internal[k]) for k in ("encoding", "fatal", "ignoreBOM")]))
