"""Operations on iterator objects (ES2017 7.4).

https://262.ecma-international.org/8.0/#sec-operations-on-iterator-objects

ES2017 passes the iterator object itself around (``next`` is looked up on every step,
not cached in an Iterator Record as ES2018+ does); only a program that replaces
``next`` half-way through, or counts its getter calls, can tell the difference.

``iterate_to_list`` is the spread / ``Array.from`` / destructuring fast path: a plain
array or string whose iteration protocol nobody has touched is copied directly.
"""
from __future__ import annotations

from typing import Any

from ..meter import CHUNK, PTR, SMALL, STR, bulk, charge, poll
from ..runtime import CTX
from ..values import HOLE, MISSING, NULL, SYM_ITERATOR, JSArray, JSObject, JSThrow, is_callable
from .calls import call
from .errors import type_error
from .type_conversion import to_boolean, to_display, type_of
from .object_operations import get_v


def get_iterator(obj: Any, method: Any = None) -> JSObject:
    """ES2017 7.4.1 GetIterator (sync hint).

    1. If method is not present, let method be ? GetMethod(obj, @@iterator).
    2. Let iterator be ? Call(method, obj).
    3. If Type(iterator) is not Object, throw a TypeError exception.
    """
    if method is None:
        if obj is None or obj is NULL:
            raise type_error(f"{to_display(obj)} is not iterable")
        method = get_v(obj, SYM_ITERATOR)
        if not is_callable(method):
            raise type_error(f"{_iter_display(obj)} is not iterable")
    iterator = call(method, obj, [])
    if not isinstance(iterator, JSObject):
        raise type_error("Result of the Symbol.iterator method is not an object")
    return iterator


def _iter_display(v: Any) -> str:
    if isinstance(v, JSObject):
        return "object" if v.call_kind is None else "function"
    return to_display(v)


def iterator_next(iterator: JSObject, value: Any = MISSING) -> JSObject:
    """ES2017 7.4.2 IteratorNext: ``Invoke(iterator, "next", «value»)``, checked to be an object."""
    f = iterator.get("next", iterator)
    result = call(f, iterator, [] if value is MISSING else [value])
    if not isinstance(result, JSObject):
        raise type_error(f"Iterator result {to_display(result)} is not an object")
    return result


def iterator_complete(result: JSObject) -> bool:
    """ES2017 7.4.3 IteratorComplete."""
    return to_boolean(result.get("done", result))


def iterator_value(result: JSObject) -> Any:
    """ES2017 7.4.4 IteratorValue."""
    return result.get("value", result)


def iterator_step(iterator: JSObject) -> Any:
    """ES2017 7.4.5 IteratorStep: the result object, or False when done."""
    result = iterator_next(iterator)
    if iterator_complete(result):
        return False
    return result


def iterator_close(iterator: JSObject, completion_is_throw: bool) -> None:
    """ES2017 7.4.6 IteratorClose.

    The caller re-raises (or returns) its own completion afterwards.  With a throw
    completion every error of the ``return`` call is swallowed (as node does, and as
    later editions specify also for the GetMethod step); otherwise its errors propagate
    and a non-object result is a TypeError.
    """
    try:
        ret = iterator.get("return", iterator)
        if ret is None or ret is NULL:
            return
        if not is_callable(ret):
            raise type_error(f"{to_display(ret)} is not a function")
        inner = call(ret, iterator, [])
    except JSThrow:
        if completion_is_throw:
            return
        raise
    if completion_is_throw:
        return
    if not isinstance(inner, JSObject):
        raise type_error(f"Iterator result {to_display(inner)} is not an object")


def create_iter_result_object(value: Any, done: bool) -> JSObject:
    """ES2017 7.4.7 CreateIterResultObject."""
    o = JSObject(CTX.realm.object_prototype)
    o.props["value"] = value
    o.props["done"] = done
    return o


class IteratorRecord:
    """ES2018 7.4.1 Iterator Record: the iterator with its ``next`` method read once.

    ES2017 reads ``next`` on every step; node (and later editions, and test262) read it
    once in GetIterator.  The record functions below follow node; the plain ones above
    keep the ES2017 shape for callers holding only the iterator object."""
    __slots__ = ("iterator", "next_method", "done")

    def __init__(self, iterator: JSObject, next_method: Any) -> None:
        self.iterator = iterator
        self.next_method = next_method
        self.done = False

    def __getstate__(self) -> Any:
        return (self.iterator, self.next_method, self.done)


def get_iterator_record(obj: Any, method: Any = None) -> IteratorRecord:
    """GetIterator returning an Iterator Record (``next`` read once, as node does)."""
    iterator = get_iterator(obj, method)
    return IteratorRecord(iterator, iterator.get("next", iterator))


def builtin_iterator_record(obj: Any) -> IteratorRecord:
    """GetIterator as V8's built-ins word its TypeError (Map, Set, Promise.all, ...: "number 5
    is not iterable (cannot read property Symbol(Symbol.iterator))"); the language's own
    iterations (spread, for-of, destructuring) name the expression instead."""
    if obj is not None and obj is not NULL:
        method = get_v(obj, SYM_ITERATOR)
        if is_callable(method):
            return get_iterator_record(obj, method)
    raise type_error(f"{_builtin_display(obj)} is not iterable "
                     "(cannot read property Symbol(Symbol.iterator))")


def _builtin_display(v: Any) -> str:
    if v is None:
        return "undefined"
    if v is NULL:
        return "object null"
    if isinstance(v, JSObject):
        return _iter_display(v)
    t = type_of(v)
    if t == "string":
        return f'string "{v}"'
    if t in ("number", "boolean"):
        return f"{t} {to_display(v)}"
    return t


def iterator_step_record(rec: IteratorRecord) -> Any:
    """IteratorStep on a record: the result object, or False when done."""
    result = call(rec.next_method, rec.iterator, [])
    if not isinstance(result, JSObject):
        raise type_error(f"Iterator result {to_display(result)} is not an object")
    if to_boolean(result.get("done", result)):
        rec.done = True
        return False
    return result


def iteration_untouched(v: Any) -> bool:
    """True when iterating ``v`` can be done without running any JS code: ``v`` is an
    array (or string) using the original %ArrayProto_values% (String.prototype[@@iterator])
    and the original iterator ``next``."""
    realm = CTX.realm
    intr = realm.intr
    if type(v) is JSArray:
        ap = realm.array_prototype
        if v.proto is not ap or SYM_ITERATOR in v.props or ap is None:
            return False
        vals = intr.get("ArrayProto_values")
        aip = intr.get("ArrayIteratorPrototype")
        return (vals is not None and ap.props.get(SYM_ITERATOR) is vals
                and aip.props.get("next") is intr.get("ArrayIteratorPrototype_next"))
    if type(v) is str:
        sp = intr.get("StringPrototype")
        sip = intr.get("StringIteratorPrototype")
        if sp is None or sip is None:
            return False
        f = sp.props.get(SYM_ITERATOR)
        return (getattr(f, "native_name", None) == "String.prototype.[Symbol.iterator]"
                and sip.props.get("next") is intr.get("StringIteratorPrototype_next"))
    return False


def string_code_points(s: str) -> list:
    """The code points of ``s`` as strings (a surrogate pair stays together)."""
    out = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if "\ud800" <= c <= "\udbff" and i + 1 < n and "\udc00" <= s[i + 1] <= "\udfff":
            out.append(s[i:i + 2])
            i += 2
        else:
            out.append(c)
            i += 1
    return out


def iterate_to_list(v: Any) -> list:
    """ES2017 7.4.8-ish IterableToList(items) (GetIterator + IteratorStep loop).

    Fast path: an untouched array is copied (a hole reads through the prototype
    chain, usually giving undefined); an untouched string is split into code points.
    """
    if type(v) is JSArray and v.elems is not None and iteration_untouched(v):
        e = v.elems
        bulk(len(e))  # the copy counts on the allocation meter: [...a, ...a, ...] is metered
        if HOLE not in e:
            return list(e)
        return [v.get(str(i), v) if x is HOLE else x for i, x in enumerate(e)]
    if type(v) is str and iteration_untouched(v):
        if len(v) > SMALL:  # a list slot per character, and a str object each past ASCII
            charge(len(v) * (PTR if v.isascii() else PTR + STR))
        return string_code_points(v)
    rec = get_iterator_record(v)
    out: list = []
    mark = CHUNK
    while True:
        r = iterator_step_record(rec)
        if r is False:
            return out
        out.append(r.get("value", r))
        if len(out) >= mark:  # native iterators (Map, Set) take no steps: poll here
            mark += CHUNK
            poll(CHUNK)


# -- the same operations for generator natives ------------------------------------------------
# A ``gen=True`` native iterates with ``v = yield from iterator_step_value_gen(it)``: a
# ``next`` written in JS then runs on the machine's frame stack (no Python recursion),
# while a built-in ``next`` (array, map, string iterators...) is called directly.

def call_gen(f: Any, this: Any, args: list):  # type: ignore[no-untyped-def]
    """Call ``f`` from a generator native: directly if it is a plain native, else through
    the machine (``yield``)."""
    if getattr(f, "call_kind", None) == "native" and not f.gen:
        r = call(f, this, args)
        poll(1)  # a step, as the call on the frame stack would be: new Set(a) of 1e7 polls
        return r
    return (yield (f, this, args))


def iterator_step_value_gen(iterator: Any):  # type: ignore[no-untyped-def]
    """IteratorStep + IteratorValue as a generator: the next value, or MISSING when done.
    ``iterator`` is an IteratorRecord (``next`` cached) or a bare iterator object."""
    if type(iterator) is IteratorRecord:
        f = iterator.next_method
        iterator = iterator.iterator
    else:
        f = iterator.get("next", iterator)
    if not is_callable(f):
        raise type_error(f"{to_display(f)} is not a function")
    result = yield from call_gen(f, iterator, [])
    if not isinstance(result, JSObject):
        raise type_error(f"Iterator result {to_display(result)} is not an object")
    if to_boolean(result.get("done", result)):
        return MISSING
    return result.get("value", result)


def iterator_close_gen(iterator: Any, completion_is_throw: bool):  # type: ignore[no-untyped-def]
    """ES2017 7.4.6 IteratorClose as a generator (see ``iterator_close``)."""
    if type(iterator) is IteratorRecord:
        iterator = iterator.iterator
    try:
        ret = iterator.get("return", iterator)
        if ret is None or ret is NULL:
            return None
        if not is_callable(ret):
            raise type_error(f"{to_display(ret)} is not a function")
        inner = yield from call_gen(ret, iterator, [])
    except JSThrow:
        if completion_is_throw:
            return None
        raise
    if completion_is_throw:
        return None
    if not isinstance(inner, JSObject):
        raise type_error(f"Iterator result {to_display(inner)} is not an object")
    return None
