"""Every match at once: String.prototype.matchAll (ES2020 22.1.3.13), RegExp.prototype
[ @@matchAll ] (22.2.5.9), the RegExp String Iterator (22.2.9) and
String.prototype.replaceAll (ES2021 22.1.3.19).

https://tc39.es/ecma262/2023/#sec-regexp-string-iterator-objects

A RegExp String Iterator keeps its state in plain slots, so it pickles mid-iteration
across a pause (the state record "RegExpStringIterator").  Its ``next`` and both
String methods are ``gen=True`` natives: a user ``exec``, ``@@matchAll`` or
``@@replace``, and a replacer function, run on the machine's frame stack.
"""
from __future__ import annotations

from typing import Any, Optional

from ..helpers import arg
from ..natives import native
from ..operations.calls import construct
from ..operations.errors import type_error
from ..operations.iteration import call_gen, create_iter_result_object
from ..operations.object_operations import get_method, set_, species_constructor
from ..operations.type_conversion import to_display, to_length, to_string
from ..runtime import CTX
from ..values import C, NULL, SYM_MATCH_ALL, SYM_TO_STRING_TAG, JSObject, is_callable
from .regexp import (SYM_REPLACE, advance_string_index, get_substitution, is_regexp, regexp_alloc,
                     regexp_exec_gen, regexp_initialize)
from .error import receiver_display
from .string import this_string


class JSRegExpStringIterator(JSObject):
    """ES2023 22.2.9.1 a RegExp String Iterator: [[IteratingRegExp]], [[IteratedString]],
    [[Global]], [[Unicode]] and [[Done]]."""
    __slots__ = ("iterating", "iterated", "glob", "unicode", "done")

    def __init__(self, proto: Optional[JSObject], r: JSObject, s: str, glob: bool,
                 unicode: bool) -> None:
        JSObject.__init__(self, proto, "RegExp String Iterator")
        self.iterating: Optional[JSObject] = r
        self.iterated: Optional[str] = s
        self.glob = glob
        self.unicode = unicode
        self.done = False


def create_regexp_string_iterator(r: JSObject, s: str, glob: bool, unicode: bool) -> JSRegExpStringIterator:
    """ES2023 22.2.9.1 CreateRegExpStringIterator ( R, S, global, fullUnicode )."""
    return JSRegExpStringIterator(CTX.realm.intr["RegExpStringIteratorPrototype"], r, s, glob, unicode)


@native("RegExpStringIterator.prototype.next", 0, gen=True)
def regexp_string_iterator_next(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2023 22.2.9.2.1 %RegExpStringIteratorPrototype%.next ( )."""
    if not isinstance(this, JSRegExpStringIterator):
        raise type_error("Method %RegExpStringIterator%.prototype.next called on incompatible "
                         f"receiver {receiver_display(this)}")
    if this.done:
        return create_iter_result_object(None, True)
    r, s = this.iterating, this.iterated
    assert r is not None and s is not None
    match = yield from regexp_exec_gen(r, s)
    if match is NULL:
        this.done = True
        this.iterating = this.iterated = None  # nothing left to keep alive
        return create_iter_result_object(None, True)
    if not this.glob:
        this.done = True
        this.iterating = this.iterated = None
        return create_iter_result_object(match, False)
    if to_string(match.get("0", match)) == "":
        this_index = to_length(r.get("lastIndex", r))
        set_(r, "lastIndex", float(advance_string_index(s, this_index, this.unicode)), True)
    return create_iter_result_object(match, False)


@native("RegExp.prototype.[Symbol.matchAll]", 1)
def regexp_proto_match_all(this: Any, args: list) -> Any:
    """ES2023 22.2.5.9 RegExp.prototype [ @@matchAll ] ( string )."""
    if not isinstance(this, JSObject):
        raise type_error("Method RegExp.prototype.@@matchAll called on incompatible receiver "
                         f"{receiver_display(this)}")
    s = to_string(arg(args, 0))
    c = species_constructor(this, CTX.realm.intr["RegExp"])
    flags = to_string(this.get("flags", this))
    matcher = construct(c, [this, flags])
    last_index = to_length(this.get("lastIndex", this))
    set_(matcher, "lastIndex", float(last_index), True)
    return create_regexp_string_iterator(matcher, s, "g" in flags, "u" in flags)


def _require_global(regexp: Any, method: str) -> None:
    """The IsRegExp check both methods make: a regexp argument must have the ``g`` flag."""
    if is_regexp(regexp):
        flags = regexp.get("flags", regexp)
        if flags is None or flags is NULL:
            raise type_error(f"String.prototype.{method} called with a regexp whose flags are "
                             f"{to_display(flags)}")
        if "g" not in to_string(flags):
            raise type_error(f"String.prototype.{method} called with a non-global RegExp argument")


@native("String.prototype.matchAll", 1, gen=True)
def string_proto_match_all(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2023 22.1.3.13 String.prototype.matchAll ( regexp )."""
    if this is None or this is NULL:
        raise type_error("String.prototype.matchAll called on null or undefined")
    regexp = arg(args, 0)
    if regexp is not None and regexp is not NULL:
        _require_global(regexp, "matchAll")
        matcher = get_method(regexp, SYM_MATCH_ALL)
        if matcher is not None:
            return (yield from call_gen(matcher, regexp, [this]))
    s = to_string(this)
    realm = CTX.realm
    rx = regexp_initialize(regexp_alloc(realm.intr["RegExp"]), regexp, "g")  # RegExpCreate
    f = rx.get(SYM_MATCH_ALL, rx)
    if not is_callable(f):
        raise type_error(f"{to_display(f)} is not a function")
    return (yield from call_gen(f, rx, [s]))


@native("String.prototype.replaceAll", 2, gen=True)
def string_proto_replace_all(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2023 22.1.3.19 String.prototype.replaceAll ( searchValue, replaceValue )."""
    if this is None or this is NULL:
        raise type_error("String.prototype.replaceAll called on null or undefined")
    search_value = arg(args, 0)
    replace_value = arg(args, 1)
    if search_value is not None and search_value is not NULL:
        _require_global(search_value, "replaceAll")
        replacer = get_method(search_value, SYM_REPLACE)
        if replacer is not None:
            return (yield from call_gen(replacer, search_value, [this, replace_value]))
    s = this_string(this, "replaceAll")
    search = to_string(search_value)
    functional = is_callable(replace_value)
    if not functional:
        replace_value = to_string(replace_value)
    n = len(search)
    advance = max(1, n)
    positions = []
    p = s.find(search, 0)
    while p != -1:
        positions.append(p)
        p = s.find(search, p + advance) if p + advance <= len(s) else -1
    end_of_last = 0
    out = []
    for p in positions:
        out.append(s[end_of_last:p])
        if functional:
            r = yield from call_gen(replace_value, None, [search, float(p), s])
            out.append(to_string(r))
        else:
            out.append(get_substitution(search, s, p, [], replace_value))
        end_of_last = p + n
    if end_of_last < len(s):
        out.append(s[end_of_last:])
    return "".join(out)


def setup(realm: Any) -> None:
    intr = realm.intr
    sp = intr["StringPrototype"]
    realm.method(sp, "matchAll", "String.prototype.matchAll")
    realm.method(sp, "replaceAll", "String.prototype.replaceAll")
    realm.method(intr["RegExpPrototype"], SYM_MATCH_ALL, "RegExp.prototype.[Symbol.matchAll]")
    p = JSObject(intr["IteratorPrototype"])
    realm.method(p, "next", "RegExpStringIterator.prototype.next")
    p.put_hidden(SYM_TO_STRING_TAG, "RegExp String Iterator", C)
    intr["RegExpStringIteratorPrototype"] = p
