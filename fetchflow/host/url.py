"""The ``URL`` class (https://url.spec.whatwg.org/#url-class).

A URL object is a platform object whose internal slots are ``url`` (its URL record as a
tuple, see ``URLRecord.to_tuple``) and ``query`` (its URLSearchParams object).  The getters
and setters below work on URL records and are what the JS accessors call.
"""
from __future__ import annotations

from typing import Any, Optional

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.type_conversion import to_string
from ..interp.runtime import CTX
from ..interp.values import E, JSObject
from .platform_object import JSPlatformObject, new_platform_object, node_type_error, tag, this_object
from .url_host import USERINFO_SET, percent_encode
from .url_parser import (State, URLParseError, URLRecord, basic_url_parser, url_origin,
                         url_path_serializer, url_serializer, urlencoded_parser, usv_string)
from .url_search_params import new_search_params
from ..interp.operations.object_operations import get_prototype_from_constructor
from ..interp.values import NULL

__all__ = ["url_get", "url_set", "URL_ATTRIBUTES", "new_url_object", "url_record", "setup"]

URL_ATTRIBUTES = ("href", "origin", "protocol", "username", "password", "host", "hostname", "port",
                  "pathname", "search", "searchParams", "hash")


def url_get(url: URLRecord, name: str) -> str:
    """The getters of URL 6.1 (https://url.spec.whatwg.org/#urlutils-members)."""
    if name == "href":
        return url_serializer(url)
    if name == "origin":
        return url_origin(url)
    if name == "protocol":
        return url.scheme + ":"
    if name == "username":
        return url.username
    if name == "password":
        return url.password
    if name == "host":
        if url.host is None:
            return ""
        return url.host if url.port is None else f"{url.host}:{url.port}"
    if name == "hostname":
        return url.host or ""
    if name == "port":
        return "" if url.port is None else str(url.port)
    if name == "pathname":
        return url_path_serializer(url)
    if name == "search":
        return "" if not url.query else "?" + url.query
    if name == "hash":
        return "" if not url.fragment else "#" + url.fragment
    raise KeyError(name)


def _strip_trailing_spaces_from_opaque_path(url: URLRecord) -> None:
    """URL 6.1 potentially strip trailing spaces from an opaque path."""
    if not url.has_opaque_path or url.fragment is not None or url.query is not None:
        return
    assert isinstance(url.path, str)
    url.path = url.path.rstrip(" ")


def url_set(url: URLRecord, name: str, value: str) -> URLRecord:
    """The setters of URL 6.1 (``value`` in scalar values).  Returns the (possibly new) URL
    record; raises URLParseError only for ``href``.  The caller updates the query object."""
    S = State
    if name == "href":
        return basic_url_parser(value)
    try:
        if name == "protocol":
            basic_url_parser(value + ":", None, url, S.SCHEME_START)
        elif name in ("username", "password"):
            if not url.cannot_have_username_password_port():
                setattr(url, name, percent_encode(value, USERINFO_SET))
        elif name == "host":
            if not url.has_opaque_path:
                basic_url_parser(value, None, url, S.HOST)
        elif name == "hostname":
            if not url.has_opaque_path:
                basic_url_parser(value, None, url, S.HOSTNAME)
        elif name == "port":
            if not url.cannot_have_username_password_port():
                if value == "":
                    url.port = None
                else:
                    basic_url_parser(value, None, url, S.PORT)
        elif name == "pathname":
            if not url.has_opaque_path:
                url.path = []
                basic_url_parser(value, None, url, S.PATH_START)
        elif name == "search":
            if value == "":
                url.query = None
                _strip_trailing_spaces_from_opaque_path(url)
            else:
                url.query = ""
                basic_url_parser(value[1:] if value.startswith("?") else value, None, url, S.QUERY)
        elif name == "hash":
            if value == "":
                url.fragment = None
                _strip_trailing_spaces_from_opaque_path(url)
            else:
                url.fragment = ""
                basic_url_parser(value[1:] if value.startswith("#") else value, None, url, S.FRAGMENT)
        else:
            raise KeyError(name)
    except URLParseError:
        pass      # a setter that fails leaves what it had not changed yet
    return url


# -- the JS class --------------------------------------------------------------------------------

def url_record(obj: JSPlatformObject) -> URLRecord:
    return URLRecord.from_tuple(obj.internal["url"])


def _store(obj: JSPlatformObject, url: URLRecord) -> None:
    obj.internal["url"] = url.to_tuple()


def new_url_object(url: URLRecord, proto: Optional[JSObject] = None) -> JSPlatformObject:
    """URL 6.1 initialize a URL object (with its URLSearchParams, linked both ways)."""
    realm = CTX.realm
    obj = new_platform_object(realm, "URL", {"url": url.to_tuple()}, proto)
    params = new_search_params(urlencoded_parser(url.query) if url.query else [])
    params.internal["url"] = obj
    obj.internal["query"] = params
    return obj


def _parse(text: Any, base: Any) -> URLRecord:
    """URL 6.1 API URL parser: raises URLParseError."""
    parsed_base = None
    if base is not None:
        parsed_base = basic_url_parser(usv_string(to_string(base)))
    return basic_url_parser(usv_string(to_string(text)), parsed_base)


@native("URL", 1, ctor=True)
def url_ctor(this: Any, args: list, new_target: Any) -> Any:
    """URL 6.1 new URL(url, base)."""
    if new_target is None:
        raise node_type_error("Class constructor URL cannot be invoked without 'new'")
    text, base = arg(args, 0), arg(args, 1)
    proto = get_prototype_from_constructor(new_target, "URLPrototype")
    try:
        url = _parse(text, base)
    except URLParseError:
        extra = {"input": to_string(text)}
        if base is not None:
            extra["base"] = to_string(base)
        raise node_type_error("Invalid URL", "ERR_INVALID_URL", **extra) from None
    return new_url_object(url, proto)


@native("URL.canParse", 1)
def url_can_parse(this: Any, args: list) -> Any:
    """URL 6.1 URL.canParse(url, base)."""
    try:
        _parse(arg(args, 0), arg(args, 1))
    except URLParseError:
        return False
    return True


@native("URL.parse", 1)
def url_parse(this: Any, args: list) -> Any:
    """URL 6.1 URL.parse(url, base): a URL, or null."""
    try:
        url = _parse(arg(args, 0), arg(args, 1))
    except URLParseError:
        return NULL
    return new_url_object(url)


def _getter(name: str) -> Any:
    @native(f"get URL.prototype.{name}")
    def get(this: Any, args: list) -> Any:
        return url_get(url_record(this_object(this, "URL")), name)
    return get


def _setter(name: str) -> Any:
    @native(f"set URL.prototype.{name}", 1)
    def set_(this: Any, args: list) -> Any:
        obj = this_object(this, "URL")
        value = usv_string(to_string(arg(args, 0)))
        url = url_record(obj)
        if name == "href":
            try:
                url = url_set(url, "href", value)
            except URLParseError:
                raise node_type_error("Invalid URL", "ERR_INVALID_URL", input=value) from None
            _store(obj, url)
            _reset_query(obj, url)
            return None
        url_set(url, name, value)
        _store(obj, url)
        if name == "search":
            _reset_query(obj, url)
        return None
    return set_


def _reset_query(obj: JSPlatformObject, url: URLRecord) -> None:
    """The query object's list follows the URL's query (href and search setters)."""
    obj.internal["query"].internal["list"] = [list(p) for p in urlencoded_parser(url.query or "")]


for _name in URL_ATTRIBUTES:
    if _name != "searchParams":
        _getter(_name)
for _name in ("href", "protocol", "username", "password", "host", "hostname", "port", "pathname",
              "search", "hash"):
    _setter(_name)


@native("get URL.prototype.searchParams")
def url_search_params(this: Any, args: list) -> Any:
    return this_object(this, "URL").internal["query"]


@native("URL.prototype.toString", 0)
def url_to_string(this: Any, args: list) -> Any:
    return url_serializer(url_record(this_object(this, "URL")))


@native("URL.prototype.toJSON", 0)
def url_to_json(this: Any, args: list) -> Any:
    return url_serializer(url_record(this_object(this, "URL")))


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    ctor = realm.constructor("URL", "URL", proto)
    realm.method(proto, "toString", "URL.prototype.toString")
    for name in URL_ATTRIBUTES:
        realm.getter(proto, name, f"get URL.prototype.{name}",
                     None if name in ("origin", "searchParams") else f"set URL.prototype.{name}")
    realm.method(proto, "toJSON", "URL.prototype.toJSON")
    # web IDL attributes and operations are enumerable
    for key in ("toString", "toJSON") + URL_ATTRIBUTES:
        proto.flags[key] = proto.flags[key] | E  # type: ignore[index]
    tag(proto, "URL")
    realm.method(ctor, "canParse", "URL.canParse")
    realm.method(ctor, "parse", "URL.parse")
