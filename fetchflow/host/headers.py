"""``Headers`` (https://fetch.spec.whatwg.org/#headers-class), as node 20 (undici) has it.

A Headers object is a platform object with three internal slots:

* ``list``: the header list as undici keeps it, one ``[lower-cased name, name, value]``
  entry per name in insertion order (appending to a name combines the values with
  ``", "``; ``set`` replaces the entry in place, with the new spelling of the name);
* ``cookies``: the ``set-cookie`` values one by one (``getSetCookie`` and iteration);
* ``guard``: ``"none"``, ``"request"``, ``"response"`` or ``"immutable"``.

Iteration is over the sorted and combined list (Fetch 2.2 sort and combine), each
``set-cookie`` value on its own, and is live: a pair iterator keeps its target and index.
"""
from __future__ import annotations

from typing import Any, List, Optional

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.errors import type_error
from ..interp.operations.iteration import create_iter_result_object, iterate_to_list
from ..interp.operations.object_operations import (create_array_from_list, get, get_method,
                                                   get_prototype_from_constructor)
from ..interp.operations.type_conversion import to_string
from ..interp.runtime import CTX
from ..interp.values import E, NULL, SYM_ITERATOR, JSObject, JSSymbol, is_callable
from .platform_object import JSPlatformObject, new_platform_object, node_type_error, tag, this_object
from ..interp.inspect_value import inspect

__all__ = ["new_headers", "is_headers", "fill_headers", "header_get", "header_set", "header_append",
           "header_has", "header_delete", "sort_and_combine", "headers_to_dict", "copy_headers", "TOKEN",
           "setup"]

TOKEN = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyz")
_HTTP_WS = "\t\n\r "
_METHODS = ("append", "delete", "get", "has", "set", "getSetCookie", "keys", "values", "entries", "forEach")


def new_headers(guard: str = "none", proto: Optional[JSObject] = None) -> JSPlatformObject:
    return new_platform_object(CTX.realm, "Headers", {"list": [], "cookies": [], "guard": guard}, proto)


def is_headers(v: Any) -> bool:
    return isinstance(v, JSPlatformObject) and v.cls == "Headers"


def byte_string(s: str) -> str:
    """web IDL 3.2.11 ByteString: every code unit at most 0xFF (node's message otherwise)."""
    if not s.isascii():
        for i, c in enumerate(s):
            if c > "\xff":
                raise type_error(f"Cannot convert argument to a ByteString because the character at "
                                 f"index {i} has a value of {ord(c)} which is greater than 255.")
    return s


def _name(name: str, op: str) -> str:
    """A header name is an RFC 9110 token (Fetch 2.2 header name)."""
    lname = name.lower()
    if not lname or not TOKEN.issuperset(lname):
        raise type_error(f'Headers.{op}: "{name}" is an invalid header name.')
    return lname


def _value(value: str, op: str) -> str:
    """Fetch 2.2 normalize a header value, then check it: no NUL, CR or LF."""
    value = value.strip(_HTTP_WS)
    if "\x00" in value or "\r" in value or "\n" in value:
        raise type_error(f'Headers.{op}: "{value}" is an invalid header value.')
    return value


def _check_guard(h: JSPlatformObject) -> None:
    if h.internal["guard"] == "immutable":
        raise type_error("immutable")


def _find(lst: list, lname: str) -> int:
    for i, e in enumerate(lst):
        if e[0] == lname:
            return i
    return -1


def header_append(h: JSPlatformObject, name: str, value: str, op: str = "append") -> None:
    """Fetch 5.2 append (name, value) to headers."""
    value = _value(byte_string(value), op)
    lname = _name(byte_string(name), op)
    _check_guard(h)
    lst = h.internal["list"]
    i = _find(lst, lname)
    if i >= 0:
        lst[i][2] = lst[i][2] + ", " + value
    else:
        lst.append([lname, name, value])
    if lname == "set-cookie":
        h.internal["cookies"].append(value)


def header_set(h: JSPlatformObject, name: str, value: str) -> None:
    """Fetch 5.2 Headers.set: replace the first entry in place (undici's Map.set)."""
    value = _value(byte_string(value), "set")
    lname = _name(byte_string(name), "set")
    _check_guard(h)
    lst = h.internal["list"]
    i = _find(lst, lname)
    if i >= 0:
        lst[i] = [lname, name, value]
    else:
        lst.append([lname, name, value])
    if lname == "set-cookie":
        h.internal["cookies"] = [value]


def header_delete(h: JSPlatformObject, name: str) -> None:
    lname = _name(byte_string(name), "delete")
    _check_guard(h)
    h.internal["list"] = [e for e in h.internal["list"] if e[0] != lname]
    if lname == "set-cookie":
        h.internal["cookies"] = []


def header_get(h: JSPlatformObject, name: str, op: str = "get") -> Any:
    """Fetch 2.2 get a header: the combined value, or null."""
    lname = _name(byte_string(name), op)
    for e in h.internal["list"]:
        if e[0] == lname:
            return e[2]
    return NULL


def header_has(h: JSPlatformObject, name: str) -> bool:
    return header_get(h, name, "has") is not NULL


def sort_and_combine(h: JSPlatformObject) -> List[tuple]:
    """Fetch 2.2 sort and combine: by lower-cased name, each set-cookie value on its own."""
    out: List[tuple] = []
    for lname, _name_, value in sorted(h.internal["list"], key=lambda e: e[0]):
        if lname == "set-cookie":
            out.extend((lname, v) for v in h.internal["cookies"])
        else:
            out.append((lname, value))
    return out


def headers_to_dict(h: JSPlatformObject) -> dict:
    """The header list as the host sees it: lower-cased names in insertion order."""
    return {e[0]: e[2] for e in h.internal["list"]}


def copy_headers(src: JSPlatformObject, guard: str) -> JSPlatformObject:
    h = new_headers(guard)
    h.internal["list"] = [list(e) for e in src.internal["list"]]
    h.internal["cookies"] = list(src.internal["cookies"])
    return h


def fill_headers(h: JSPlatformObject, init: Any) -> None:
    """Fetch 5.2 fill headers from HeadersInit: a sequence of pairs or a record."""
    if isinstance(init, dict):     # from the host: plain str pairs
        for k, v in init.items():
            header_append(h, str(k), str(v))
        return
    if is_headers(init):
        for e in list(init.internal["list"]):
            if e[0] == "set-cookie":
                for v in init.internal["cookies"]:
                    header_append(h, e[1], v)
            else:
                header_append(h, e[1], e[2])
        return
    if not isinstance(init, JSObject):
        raise type_error("Headers constructor: Argument 1 could not be converted to one of: "
                         "sequence<sequence<ByteString>>, record<ByteString, ByteString>.")
    if get_method(init, SYM_ITERATOR) is not None:
        pairs = []
        for i, pair in enumerate(iterate_to_list(init)):
            if not isinstance(pair, JSObject) or get_method(pair, SYM_ITERATOR) is None:
                raise type_error(f"Headers contructor: init[{i}] ({inspect(pair)}) is not iterable.")
            items = iterate_to_list(pair)
            if len(items) != 2:
                raise type_error(f"Headers constructor: expected name/value pair to be length 2, "
                                 f"found {len(items)}.")
            pairs.append((byte_string(to_string(items[0])), byte_string(to_string(items[1]))))
        for n, v in pairs:
            header_append(h, n, v)
        return
    pairs = []
    for k in init.own_property_keys():
        desc = init.get_own_property(k)
        if desc is None or not desc[1] & E:
            continue
        if isinstance(k, JSSymbol):
            raise type_error("Headers contructor: init is a symbol, which cannot be converted to a DOMString.")
        pairs.append((byte_string(k), byte_string(to_string(get(init, k)))))
    for n, v in pairs:
        header_append(h, n, v)


def _this(v: Any) -> JSPlatformObject:
    if not is_headers(v):
        raise node_type_error("Illegal invocation", "ERR_INVALID_THIS")
    return v


@native("Headers", 0, ctor=True)
def headers_ctor(this: Any, args: list, new_target: Any) -> Any:
    """Fetch 5.2 new Headers(init)."""
    if new_target is None:
        raise type_error("Class constructor Headers cannot be invoked without 'new'")
    h = new_headers("none", get_prototype_from_constructor(new_target, "HeadersPrototype"))
    init = arg(args, 0)
    if init is not None:
        fill_headers(h, init)
    return h


@native("Headers.prototype.append", 2)
def headers_append(this: Any, args: list) -> Any:
    header_append(_this(this), to_string(arg(args, 0)), to_string(arg(args, 1)))
    return None


@native("Headers.prototype.delete", 1)
def headers_delete(this: Any, args: list) -> Any:
    header_delete(_this(this), to_string(arg(args, 0)))
    return None


@native("Headers.prototype.get", 1)
def headers_get(this: Any, args: list) -> Any:
    return header_get(_this(this), to_string(arg(args, 0)))


@native("Headers.prototype.has", 1)
def headers_has(this: Any, args: list) -> Any:
    return header_has(_this(this), to_string(arg(args, 0)))


@native("Headers.prototype.set", 2)
def headers_set(this: Any, args: list) -> Any:
    header_set(_this(this), to_string(arg(args, 0)), to_string(arg(args, 1)))
    return None


@native("Headers.prototype.getSetCookie", 0)
def headers_get_set_cookie(this: Any, args: list) -> Any:
    """Fetch 5.2 getSetCookie(): the set-cookie values, uncombined."""
    return create_array_from_list(list(_this(this).internal["cookies"]))


@native("Headers.prototype.forEach", 1, gen=True)
def headers_for_each(this: Any, args: list) -> Any:
    h = _this(this)
    cb = arg(args, 0)
    if not is_callable(cb):
        raise type_error("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.")
    i = 0
    while True:     # live, as web IDL's forEach over a pair iterable
        pairs = sort_and_combine(h)
        if i >= len(pairs):
            return None
        k, v = pairs[i]
        yield (cb, arg(args, 1), [v, k, h])
        i += 1


def _iterator(this: Any, kind: str) -> Any:
    h = _this(this)
    realm = CTX.realm
    if "Headers IteratorPrototype" not in realm.intr:   # a realm saved before Headers iterators
        _setup_iterator(realm)
    return new_platform_object(realm, "Headers Iterator", {"target": h, "kind": kind, "index": 0})


@native("Headers.prototype.entries", 0)
def headers_entries(this: Any, args: list) -> Any:
    return _iterator(this, "entries")


@native("Headers.prototype.keys", 0)
def headers_keys(this: Any, args: list) -> Any:
    return _iterator(this, "keys")


@native("Headers.prototype.values", 0)
def headers_values(this: Any, args: list) -> Any:
    return _iterator(this, "values")


@native("Headers Iterator.prototype.next", 0)
def headers_iterator_next(this: Any, args: list) -> Any:
    """web IDL 3.7.10.1 next() of a pair iterator: live over the sorted and combined list."""
    it = this_object(this, "Headers Iterator")
    pairs = sort_and_combine(it.internal["target"])
    i = it.internal["index"]
    if i >= len(pairs):
        return create_iter_result_object(None, True)
    it.internal["index"] = i + 1
    k, v = pairs[i]
    kind = it.internal["kind"]
    return create_iter_result_object(k if kind == "keys" else v if kind == "values"
                                     else create_array_from_list([k, v]), False)


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    realm.constructor("Headers", "Headers", proto)
    for name in _METHODS:
        realm.method(proto, name, f"Headers.prototype.{name}")
        proto.flags[name] = proto.flags[name] | E  # type: ignore[index]
    proto.put_hidden(SYM_ITERATOR, proto.props["entries"])
    tag(proto, "Headers")
    _setup_iterator(realm)


def _setup_iterator(realm: Any) -> None:
    it_proto = JSObject(realm.intr.get("IteratorPrototype") or realm.object_prototype)
    realm.method(it_proto, "next", "Headers Iterator.prototype.next")
    it_proto.flags["next"] = it_proto.flags["next"] | E  # type: ignore[index]
    tag(it_proto, "Headers Iterator")
    realm.intr["Headers IteratorPrototype"] = it_proto
