"""The ``URLSearchParams`` class (https://url.spec.whatwg.org/#interface-urlsearchparams).

Internal slots: ``list`` (a list of ``[name, value]`` lists of JS strings) and ``url`` (the
URL object it belongs to, or None).  Its iterators are live, as web IDL's pair iterators
are: they hold the object and an index.
"""
from __future__ import annotations

from typing import Any, List

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.object_operations import create_array_from_list, get_method
from ..interp.operations.type_conversion import to_string
from ..interp.runtime import CTX
from ..interp.values import E, NULL, SYM_ITERATOR, JSObject, is_callable
from .platform_object import JSPlatformObject, new_platform_object, node_type_error, tag, this_object
from .js_text import to_js_string
from .url_parser import URLRecord, urlencoded_parser, urlencoded_serializer, usv_string
from ..interp.operations.object_operations import get_prototype_from_constructor
from ..interp.operations.iteration import iterate_to_list
from ..interp.operations.iteration import create_iter_result_object

__all__ = ["new_search_params", "setup", "serialize_params"]

_METHODS = ("append", "delete", "get", "getAll", "has", "set", "sort", "entries", "forEach", "keys",
            "values", "toString")


def new_search_params(pairs: List[tuple], proto: Any = None) -> JSPlatformObject:
    return new_platform_object(CTX.realm, "URLSearchParams",
                               {"list": [[n, v] for n, v in pairs], "url": None}, proto)


def serialize_params(obj: JSPlatformObject) -> str:
    return urlencoded_serializer([(n, v) for n, v in obj.internal["list"]])


def _update(obj: JSPlatformObject) -> None:
    """URL 6.2 URLSearchParams update steps."""
    url_obj = obj.internal["url"]
    if url_obj is None:
        return
    url = URLRecord.from_tuple(url_obj.internal["url"])
    serialized = serialize_params(obj)
    url.query = serialized if serialized != "" else None
    if serialized == "" and url.has_opaque_path and url.fragment is None:
        assert isinstance(url.path, str)
        url.path = url.path.rstrip(" ")   # potentially strip trailing spaces from an opaque path
    url_obj.internal["url"] = url.to_tuple()


def _this(v: Any) -> JSPlatformObject:
    return this_object(v, "URLSearchParams")


def _usv(v: Any) -> str:
    """A USVString argument, kept as JS code units (what the getters return)."""
    return _js(usv_string(to_string(v)))


def _js(s: str) -> str:
    return to_js_string(s)


@native("URLSearchParams", 0, ctor=True)
def search_params_ctor(this: Any, args: list, new_target: Any) -> Any:
    """URL 6.2 new URLSearchParams(init)."""
    if new_target is None:
        raise node_type_error("Class constructor URLSearchParams cannot be invoked without 'new'")
    proto = get_prototype_from_constructor(new_target, "URLSearchParamsPrototype")
    init = arg(args, 0)
    pairs: list = []
    if isinstance(init, JSObject):
        method = get_method(init, SYM_ITERATOR)
        if method is not None:
            for pair in iterate_to_list(init):
                if not isinstance(pair, JSObject):
                    raise node_type_error("Each query pair must be an iterable [name, value] tuple",
                                          "ERR_INVALID_TUPLE")
                items = iterate_to_list(pair)
                if len(items) != 2:
                    raise node_type_error("Each query pair must be an iterable [name, value] tuple",
                                          "ERR_INVALID_TUPLE")
                pairs.append((_usv(items[0]), _usv(items[1])))
        else:
            for key in init.own_property_keys():
                if type(key) is not str:
                    continue
                desc = init.get_own_property(key)
                if desc is None or not desc[1] & E:
                    continue
                value = init.get(key, init)
                pairs.append((_usv(key), _usv(value)))
    elif init is not None:
        text = usv_string(to_string(init))
        if text.startswith("?"):
            text = text[1:]
        pairs = [(_js(n), _js(v)) for n, v in urlencoded_parser(text)]
    return new_search_params(pairs, proto)


@native("get URLSearchParams.prototype.size")
def search_params_size(this: Any, args: list) -> Any:
    return float(len(_this(this).internal["list"]))


@native("URLSearchParams.prototype.append", 2)
def search_params_append(this: Any, args: list) -> Any:
    obj = _this(this)
    _need(args, 2, "append")
    obj.internal["list"].append([_usv(args[0]), _usv(args[1])])
    _update(obj)
    return None


def _need(args: list, n: int, method: str) -> None:
    if len(args) < n:
        names = ("name", "value")
        missing = names[len(args)] if len(args) < 2 else "value"
        raise node_type_error(f'The "{missing}" argument must be specified', "ERR_MISSING_ARGS")


@native("URLSearchParams.prototype.delete", 1)
def search_params_delete(this: Any, args: list) -> Any:
    obj = _this(this)
    _need(args, 1, "delete")
    name = _usv(args[0])
    value = arg(args, 1)
    lst = obj.internal["list"]
    if value is None:
        obj.internal["list"] = [p for p in lst if p[0] != name]
    else:
        v = _usv(value)
        obj.internal["list"] = [p for p in lst if not (p[0] == name and p[1] == v)]
    _update(obj)
    return None


@native("URLSearchParams.prototype.get", 1)
def search_params_get(this: Any, args: list) -> Any:
    obj = _this(this)
    _need(args, 1, "get")
    name = _usv(args[0])
    for n, v in obj.internal["list"]:
        if n == name:
            return v
    return NULL


@native("URLSearchParams.prototype.getAll", 1)
def search_params_get_all(this: Any, args: list) -> Any:
    obj = _this(this)
    _need(args, 1, "getAll")
    name = _usv(args[0])
    return create_array_from_list([v for n, v in obj.internal["list"] if n == name])


@native("URLSearchParams.prototype.has", 1)
def search_params_has(this: Any, args: list) -> Any:
    obj = _this(this)
    _need(args, 1, "has")
    name = _usv(args[0])
    value = arg(args, 1)
    if value is None:
        return any(n == name for n, _v in obj.internal["list"])
    v = _usv(value)
    return any(n == name and pv == v for n, pv in obj.internal["list"])


@native("URLSearchParams.prototype.set", 2)
def search_params_set(this: Any, args: list) -> Any:
    obj = _this(this)
    _need(args, 2, "set")
    name, value = _usv(args[0]), _usv(args[1])
    out, found = [], False
    for p in obj.internal["list"]:
        if p[0] == name:
            if not found:
                out.append([name, value])
                found = True
        else:
            out.append(p)
    if not found:
        out.append([name, value])
    obj.internal["list"] = out
    _update(obj)
    return None


@native("URLSearchParams.prototype.sort", 0)
def search_params_sort(this: Any, args: list) -> Any:
    """Stable sort by name in code units (JS strings here are code units already)."""
    obj = _this(this)
    obj.internal["list"].sort(key=lambda p: p[0])
    _update(obj)
    return None


@native("URLSearchParams.prototype.toString", 0)
def search_params_to_string(this: Any, args: list) -> Any:
    return _js(serialize_params(_this(this)))


@native("URLSearchParams.prototype.forEach", 1, gen=True)
def search_params_for_each(this: Any, args: list) -> Any:
    obj = _this(this)
    cb = arg(args, 0)
    if not is_callable(cb):
        raise node_type_error('The "callback" argument must be of type function', "ERR_INVALID_ARG_TYPE")
    i = 0
    while i < len(obj.internal["list"]):
        n, v = obj.internal["list"][i]
        yield (cb, arg(args, 1), [v, n, obj])
        i += 1
    return None


def _iterator(this: Any, kind: str) -> Any:
    obj = _this(this)
    return new_platform_object(CTX.realm, "URLSearchParams Iterator",
                               {"target": obj, "kind": kind, "index": 0})


@native("URLSearchParams.prototype.entries", 0)
def search_params_entries(this: Any, args: list) -> Any:
    return _iterator(this, "entries")


@native("URLSearchParams.prototype.keys", 0)
def search_params_keys(this: Any, args: list) -> Any:
    return _iterator(this, "keys")


@native("URLSearchParams.prototype.values", 0)
def search_params_values(this: Any, args: list) -> Any:
    return _iterator(this, "values")


@native("URLSearchParams Iterator.prototype.next", 0)
def search_params_iterator_next(this: Any, args: list) -> Any:
    """web IDL 3.7.10.1 %IteratorPrototype%.next for a pair iterator (live over the list)."""
    it = this_object(this, "URLSearchParams Iterator")
    lst = it.internal["target"].internal["list"]
    i = it.internal["index"]
    if i >= len(lst):
        return create_iter_result_object(None, True)
    it.internal["index"] = i + 1
    n, v = lst[i]
    kind = it.internal["kind"]
    value = n if kind == "keys" else v if kind == "values" else create_array_from_list([n, v])
    return create_iter_result_object(value, False)


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    realm.constructor("URLSearchParams", "URLSearchParams", proto)
    realm.getter(proto, "size", "get URLSearchParams.prototype.size")
    for name in _METHODS:
        realm.method(proto, name, f"URLSearchParams.prototype.{name}")
    for key in ("size",) + _METHODS:
        proto.flags[key] = proto.flags[key] | E  # type: ignore[index]
    proto.put_hidden(SYM_ITERATOR, proto.props["entries"])
    tag(proto, "URLSearchParams")
    it_proto = JSObject(realm.intr.get("IteratorPrototype") or realm.object_prototype)
    realm.method(it_proto, "next", "URLSearchParams Iterator.prototype.next")
    it_proto.flags["next"] = it_proto.flags["next"] | E  # type: ignore[index]
    tag(it_proto, "URLSearchParams Iterator")
    realm.intr["URLSearchParams IteratorPrototype"] = it_proto
