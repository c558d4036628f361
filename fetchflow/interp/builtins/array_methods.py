"""Array.prototype methods (ES2017 22.1.3), installed by ``array.setup``.

https://262.ecma-international.org/8.0/#sec-properties-of-the-array-prototype-object

Each method: the spec algorithm on a generic ``O = ToObject(this)`` (``_get_present``
is HasProperty+Get, ``_indices`` the index loop), preceded by a fast path for a dense
``JSArray`` whose conditions say when the list operation is indistinguishable.
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.calls import call
from ..operations.comparison import same_value_zero
from ..operations.errors import range_error, type_error
from ..operations.object_operations import (create_data_property_or_throw, delete_property_or_throw,
                                            invoke, length_of_array_like, set_)
from ..operations.type_conversion import to_integer, to_number, to_object, to_string
from ..meter import CHUNK, SMALL, STR, bulk, charge
from ..runtime import CTX
from ..values import (C, HOLE, MISSING, NULL, SYM_ITERATOR, SYM_TO_PRIMITIVE, SYM_UNSCOPABLES, JSArray, JSObject,
                      is_callable)
from .array import (_call_direct, _direct, MAX_SAFE, dense_search, MAX_STRING_LENGTH, _delete_range, _elems, _eq_pred,
                    _get, _get_present, _indices, _move, _protos_index_free, _protos_lack, _rel,
                    _set, _sparse_keys, _species, is_concat_spreadable)
from . import array_callbacks  # noqa: F401  (the natives of every, map, ...: installed below)
from .iterators import create_array_iterator
from .string import check_length

METHODS = ("concat", "copyWithin", "entries", "every", "fill", "filter", "find", "findIndex",
           "forEach", "includes", "indexOf", "join", "keys", "lastIndexOf", "map", "pop", "push",
           "reduce", "reduceRight", "reverse", "shift", "slice", "some", "sort", "splice",
           "toLocaleString", "toString", "unshift", "values")
# ES2023 23.1.3.38 Array.prototype [ @@unscopables ], in the spec's (and node's) order; the
# ES2019+ methods are installed by array_flat, array_from_end and array_by_copy
UNSCOPABLES = ("at", "copyWithin", "entries", "fill", "find", "findIndex", "findLast",
               "findLastIndex", "flat", "flatMap", "includes", "keys", "values", "toReversed",
               "toSorted", "toSpliced")

# Arrays being joined right now, by id (join/toLocaleString of a cyclic array gives "" for
# the cycle, as in node).  Only live during a native's Python call, never across a pause.
_JOINING: dict = {}


def _len(o: JSObject) -> int:
    return length_of_array_like(o)


def _length_error(n: int) -> Any:
    return type_error(f"Pushing {n} elements on an array-like of length {MAX_SAFE} "
                      "is disallowed, as the total surpasses 2**53-1")


# -- concat, copyWithin, fill -------------------------------------------------------------------

@native("Array.prototype.concat", 1)
def concat(this: Any, args: list) -> Any:
    """ES2017 22.1.3.1 Array.prototype.concat ( ...arguments )."""
    o = to_object(this)
    a, fresh = _species(o, 0)
    n = 0
    for item in [o, *args]:
        if is_concat_spreadable(item):
            ln = _len(item)
            if n + ln > MAX_SAFE:
                raise _length_error(n + ln)
            ae = _elems(a) if fresh else None
            ie = _elems(item)
            if ae is not None and ie is not None and len(ae) == n and \
                    (HOLE not in ie or _protos_index_free(item)):
                bulk(len(ie))
                ae.extend(ie)
            else:
                for k in _indices(item, 0, ln):
                    v = _get_present(item, k)
                    if v is not MISSING:
                        create_data_property_or_throw(a, str(n + k), v)
            n += ln
        else:
            if n >= MAX_SAFE:
                raise _length_error(n + 1)
            create_data_property_or_throw(a, str(n), item)
            n += 1
    set_(a, "length", float(n), True)
    return a


@native("Array.prototype.copyWithin", 2)
def copy_within(this: Any, args: list) -> Any:
    """ES2017 22.1.3.3 Array.prototype.copyWithin ( target, start [ , end ] )."""
    o = to_object(this)
    n = _len(o)
    to = _rel(arg(args, 0), n)
    frm = _rel(arg(args, 1), n)
    end = arg(args, 2)
    fin = n if end is None else _rel(end, n)
    count = min(fin - frm, n - to)
    if count <= 0:
        return o
    e = _elems(o)
    if e is not None and len(e) == n and (HOLE not in e or (o.extensible and _protos_index_free(o))):
        bulk(count)
        e[to:to + count] = e[frm:frm + count]
        return o
    _move(o, frm, to, count, frm < to < frm + count)
    return o


@native("Array.prototype.fill", 1)
def fill(this: Any, args: list) -> Any:
    """ES2017 22.1.3.6 Array.prototype.fill ( value [ , start [ , end ] ] )."""
    o = to_object(this)
    n = _len(o)
    value = arg(args, 0)
    k = _rel(arg(args, 1), n)
    end = arg(args, 2)
    fin = n if end is None else _rel(end, n)
    if k >= fin:
        return o
    e = _elems(o)
    if e is not None and len(e) == n:
        if HOLE not in e[k:fin] or (o.extensible and _protos_index_free(o)):
            bulk(fin - k)
            e[k:fin] = [value] * (fin - k)
            return o
    for i in range(k, fin):
        _set(o, i, value)
    return o


# -- iterators ------------------------------------------------------------------------------

@native("Array.prototype.entries", 0)
def entries(this: Any, args: list) -> Any:
    """ES2017 22.1.3.4 Array.prototype.entries ( )."""
    return create_array_iterator(to_object(this), "key+value")


@native("Array.prototype.keys", 0)
def keys(this: Any, args: list) -> Any:
    """ES2017 22.1.3.14 Array.prototype.keys ( )."""
    return create_array_iterator(to_object(this), "key")


@native("Array.prototype.values", 0)
def values(this: Any, args: list) -> Any:
    """ES2017 22.1.3.30 Array.prototype.values ( ) (also Array.prototype[@@iterator])."""
    return create_array_iterator(to_object(this), "value")


# -- searching ------------------------------------------------------------------------------

@native("Array.prototype.includes", 1)
def includes(this: Any, args: list) -> Any:
    """ES2017 22.1.3.11 Array.prototype.includes ( searchElement [ , fromIndex ] )."""
    o = to_object(this)
    n = _len(o)
    if n == 0:
        return False
    k = to_integer(arg(args, 1))
    if k >= n:
        return False
    start = int(k) if k >= 0 else int(max(n + k, 0))
    s = arg(args, 0)
    e = _elems(o)
    if e is not None:
        bulk(n - start)
        if HOLE not in e or _protos_index_free(o):
            if s is None and HOLE in e[start:]:
                return True
            return dense_search(e, s, start, len(e), True) >= 0
    ks = _sparse_keys(o, start, n)
    if ks is not None:
        if s is None and len(ks) < n - start:
            return True
        return any(same_value_zero(_get(o, i), s) for i in ks)
    for i in range(start, n):
        if same_value_zero(_get(o, i), s):
            return True
    return False


@native("Array.prototype.indexOf", 1)
def index_of(this: Any, args: list) -> Any:
    """ES2017 22.1.3.12 Array.prototype.indexOf ( searchElement [ , fromIndex ] )."""
    o = to_object(this)
    n = _len(o)
    if n == 0:
        return -1.0
    k = to_integer(arg(args, 1))
    if k >= n:
        return -1.0
    start = int(k) if k >= 0 else int(max(n + k, 0))
    s = arg(args, 0)
    e = _elems(o)
    if e is not None:
        bulk(n - start)
        if HOLE not in e or _protos_index_free(o):
            return float(dense_search(e, s, start, len(e), False))
    eq = _eq_pred(s, False)
    for i in _indices(o, start, n):
        v = _get_present(o, i)
        if v is not MISSING and eq(v):
            return float(i)
    return -1.0


@native("Array.prototype.lastIndexOf", 1)
def last_index_of(this: Any, args: list) -> Any:
    """ES2017 22.1.3.15 Array.prototype.lastIndexOf ( searchElement [ , fromIndex ] )."""
    o = to_object(this)
    n = _len(o)
    if n == 0:
        return -1.0
    k = to_integer(args[1]) if len(args) > 1 else float(n - 1)
    fstart = min(k, n - 1) if k >= 0 else n + k
    if fstart < 0:
        return -1.0
    start = int(fstart)
    s = arg(args, 0)
    e = _elems(o)
    if e is not None:
        bulk(start)
        if HOLE not in e or _protos_index_free(o):
            rev = e[start::-1]
            i = dense_search(rev, s, 0, len(rev), False)
            return float(start - i) if i >= 0 else -1.0
    eq = _eq_pred(s, False)
    for i in _indices(o, 0, start + 1, True):
        v = _get_present(o, i)
        if v is not MISSING and eq(v):
            return float(i)
    return -1.0


# -- join, toString, toLocaleString -----------------------------------------------------------

def _join(o: JSObject, n: int, sep: str, locale: bool) -> str:
    if id(o) in _JOINING:
        return ""
    _JOINING[id(o)] = o
    added = [o]
    try:
        def piece(v: Any) -> str:
            if v is None or v is NULL:
                return ""
            if locale:
                return to_string(invoke(v, "toLocaleString", []))
            return v if type(v) is str else to_string(v)

        ks = _sparse_keys(o, 0, n)
        if ks is None:
            if n > 1 and (n - 1) * len(sep) > MAX_STRING_LENGTH:
                raise range_error("Invalid string length")
            if locale:
                parts: list = []
                for lo in range(0, n, CHUNK):
                    parts.extend([piece(_get(o, k)) for k in range(lo, min(n, lo + CHUNK))])
                    charge(sum(map(len, parts[lo:])) + CHUNK * STR)
                return sep.join(parts)
            return _join_tree(o, n, sep, added)
        out = []
        prev = 0
        total = (n - 1) * len(sep) if n else 0
        if total > MAX_STRING_LENGTH:   # V8's string length limit comes before the heap's
            raise range_error("Invalid string length")
        if total > SMALL:  # the separators alone: refused before a hole-filled join builds them
            charge(total)
        for k in ks:
            p = piece(_get(o, k))
            total += len(p)
            if total > MAX_STRING_LENGTH:
                raise range_error("Invalid string length")
            if p:
                out.append(sep * (k - prev))
                out.append(p)
                prev = k
        if total > MAX_STRING_LENGTH:
            raise range_error("Invalid string length")
        out.append(sep * (n - 1 - prev))
        if total > SMALL:
            charge(total)
        return "".join(out)
    finally:
        for x in added:
            _JOINING.pop(id(x), None)


def _join_tree(o: JSObject, n: int, sep: str, added: list) -> str:
    """Join ``o``, expanding nested plain arrays in place with an explicit stack, so
    ``String([[[...]]])`` thousands deep does not recurse in Python.  A nested array is
    expanded only when converting it would call the original toString and join."""
    realm = CTX.realm
    ap = realm.array_prototype
    intr = realm.intr
    inline = (ap.props.get("toString") is intr.get("ArrayProto_toString")
              and ap.props.get("join") is intr.get("ArrayProto_join")
              and SYM_TO_PRIMITIVE not in ap.props
              and SYM_TO_PRIMITIVE not in realm.object_prototype.props)
    # frames [array, length, separator, index, parts, stop]: ``stop`` is where the element
    # loop next charges the allocation meter for the parts built (no per-element check)
    stack: list = [[o, n, sep, 0, [], min(n, CHUNK)]]
    while True:
        fr = stack[-1]
        a, ln, sp, i, parts, stop = fr
        if i >= stop:
            if i < ln:
                charge(sum(map(len, parts[i - CHUNK:])) + CHUNK * STR)
                fr[5] = min(ln, i + CHUNK)
                continue
            size = sum(map(len, parts)) + len(sp) * (len(parts) - 1)
            if size > SMALL:  # refuse before allocating: length and heap limits
                check_length(size)
            s = sp.join(parts)
            stack.pop()
            if not stack:
                return s
            _JOINING.pop(id(a), None)
            stack[-1][4].append(s)
            continue
        fr[3] = i + 1
        v = _get(a, i)
        t = type(v)
        if t is str:
            parts.append(v)
        elif v is None or v is NULL:
            parts.append("")
        elif (inline and t is JSArray and v.proto is ap and v.elems is not None
              and not (v.props and ("toString" in v.props or "join" in v.props
                                    or SYM_TO_PRIMITIVE in v.props))):
            if id(v) in _JOINING:
                parts.append("")
            else:
                _JOINING[id(v)] = v
                added.append(v)
                ln = len(v.elems)
                stack.append([v, ln, ",", 0, [], min(ln, CHUNK)])
        else:
            parts.append(to_string(v))


@native("Array.prototype.join", 1)
def join(this: Any, args: list) -> Any:
    """ES2017 22.1.3.13 Array.prototype.join ( separator )."""
    o = to_object(this)
    sep = arg(args, 0)
    if type(o) is JSArray and o.elems is not None and sep is None:
        e = o.elems
        if all(type(x) is str for x in e) and id(o) not in _JOINING:
            size = sum(map(len, e)) + len(e) - 1
            if size > SMALL:  # refuse before allocating: length and heap limits
                check_length(size)
            return ",".join(e)
    n = _len(o)
    return _join(o, n, "," if sep is None else to_string(sep), False)


@native("Array.prototype.toLocaleString", 0)
def to_locale_string(this: Any, args: list) -> Any:
    """ES2017 22.1.3.27 Array.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] )."""
    o = to_object(this)
    return _join(o, _len(o), ",", True)


@native("Array.prototype.toString", 0)
def to_string_(this: Any, args: list) -> Any:
    """ES2017 22.1.3.28 Array.prototype.toString ( ): this.join(), or %ObjProto_toString%."""
    o = to_object(this)
    f = o.get("join", o)
    if not is_callable(f):
        realm = CTX.realm
        f = realm.intr.get("ObjProto_toString") or realm.object_prototype.get("toString", o)
    return call(f, o, [])


# -- stack and queue operations ------------------------------------------------------------------

@native("Array.prototype.pop", 0)
def pop(this: Any, args: list) -> Any:
    """ES2017 22.1.3.17 Array.prototype.pop ( )."""
    o = to_object(this)
    e = _elems(o)
    if e is not None and o.len_writable:  # type: ignore[attr-defined]
        if not e:
            return None
        v = e[-1]
        if v is not HOLE:  # (a hole reads through the prototypes: any getter there, generic path)
            e.pop()
            return v
    n = _len(o)
    if n == 0:
        set_(o, "length", 0.0, True)
        return None
    key = str(n - 1)
    v = o.get(key, o)
    delete_property_or_throw(o, key)
    set_(o, "length", float(n - 1), True)
    return v


@native("Array.prototype.push", 1)
def push(this: Any, args: list) -> Any:
    """ES2017 22.1.3.18 Array.prototype.push ( ...items )."""
    o = to_object(this)
    if type(o) is JSArray and o.elems is not None and o.extensible and o.len_writable:
        e = o.elems
        m = len(e)
        if len(args) == 1:
            if _protos_lack(o, m):
                e.append(args[0])
                return float(m + 1)
        elif all(_protos_lack(o, m + j) for j in range(len(args))):
            e.extend(args)
            return float(len(e))
    n = _len(o)
    if n + len(args) > MAX_SAFE:
        raise _length_error(n + len(args))
    for v in args:
        _set(o, n, v)
        n += 1
    set_(o, "length", float(n), True)
    return float(n)


@native("Array.prototype.shift", 0)
def shift(this: Any, args: list) -> Any:
    """ES2017 22.1.3.22 Array.prototype.shift ( )."""
    o = to_object(this)
    e = _elems(o)
    if e is not None and o.len_writable:  # type: ignore[attr-defined]
        if not e:
            return None
        if HOLE not in e or (o.extensible and _protos_index_free(o)):
            v = e[0]
            if v is HOLE:
                v = None
            bulk(len(e))
            del e[0]
            return v
    n = _len(o)
    if n == 0:
        set_(o, "length", 0.0, True)
        return None
    first = _get(o, 0)
    _move(o, 1, 0, n - 1)
    delete_property_or_throw(o, str(n - 1))
    set_(o, "length", float(n - 1), True)
    return first


@native("Array.prototype.unshift", 1)
def unshift(this: Any, args: list) -> Any:
    """ES2017 22.1.3.29 Array.prototype.unshift ( ...items )."""
    o = to_object(this)
    argc = len(args)
    e = _elems(o)
    if e is not None and o.extensible and o.len_writable and _protos_index_free(o):  # type: ignore[attr-defined]
        bulk(len(e))
        e[0:0] = args
        return float(len(e))
    n = _len(o)
    if argc:
        if n + argc > MAX_SAFE:
            raise _length_error(n + argc)
        _move(o, 0, argc, n)
        for j, v in enumerate(args):
            _set(o, j, v)
    set_(o, "length", float(n + argc), True)
    return float(n + argc)


# -- reverse, slice, splice, sort -----------------------------------------------------------------

@native("Array.prototype.reverse", 0)
def reverse(this: Any, args: list) -> Any:
    """ES2017 22.1.3.21 Array.prototype.reverse ( )."""
    o = to_object(this)
    n = _len(o)
    e = _elems(o)
    if e is not None and len(e) == n and (HOLE not in e or (o.extensible and _protos_index_free(o))):
        bulk(n)
        e.reverse()
        return o
    middle = n // 2
    ks = _sparse_keys(o, 0, n)
    lowers: Any = range(middle) if ks is None else sorted({min(k, n - 1 - k) for k in ks if k != n - 1 - k})
    for lower in lowers:
        upper = n - 1 - lower
        lv = _get_present(o, lower)
        uv = _get_present(o, upper)
        if uv is not MISSING:
            _set(o, lower, uv)
        if lv is not MISSING:
            if uv is MISSING:
                delete_property_or_throw(o, str(lower))
            _set(o, upper, lv)
        elif uv is not MISSING:
            delete_property_or_throw(o, str(upper))
    return o


@native("Array.prototype.slice", 2)
def slice_(this: Any, args: list) -> Any:
    """ES2017 22.1.3.23 Array.prototype.slice ( start, end )."""
    o = to_object(this)
    n = _len(o)
    k = _rel(arg(args, 0), n)
    end = arg(args, 1)
    fin = n if end is None else _rel(end, n)
    count = max(fin - k, 0)
    a, fresh = _species(o, count)
    e = _elems(o)
    if fresh and e is not None:
        bulk(count)
        seg = e[k:fin]
        if len(seg) == count and (HOLE not in seg or _protos_index_free(o)):
            a.elems = seg
            return a
    for i in _indices(o, k, fin):
        v = _get_present(o, i)
        if v is not MISSING:
            create_data_property_or_throw(a, str(i - k), v)
    set_(a, "length", float(count), True)
    return a


@native("Array.prototype.splice", 2)
def splice(this: Any, args: list) -> Any:
    """ES2017 22.1.3.25 Array.prototype.splice ( start, deleteCount, ...items )."""
    o = to_object(this)
    n = _len(o)
    start = _rel(arg(args, 0), n)
    items = args[2:]
    if not args:
        dc = 0
    elif len(args) == 1:
        dc = n - start
    else:
        dc = int(min(max(to_integer(args[1]), 0), n - start))
    ic = len(items)
    if n + ic - dc > MAX_SAFE:
        raise _length_error(n + ic - dc)
    a, fresh = _species(o, dc)
    e = _elems(o)
    if fresh and e is not None and len(e) == n and o.extensible and o.len_writable:  # type: ignore[attr-defined]
        if (ic <= dc and HOLE not in e) or _protos_index_free(o):
            bulk(n + ic)
            a.elems = e[start:start + dc]
            e[start:start + dc] = items
            return a
    for i in _indices(o, start, start + dc):
        v = _get_present(o, i)
        if v is not MISSING:
            create_data_property_or_throw(a, str(i - start), v)
    set_(a, "length", float(dc), True)
    if ic < dc:
        _move(o, start + dc, start + ic, n - dc - start)
        _delete_range(o, n - dc + ic, n)
    elif ic > dc:
        _move(o, start + dc, start + ic, n - dc - start)
    for j, v in enumerate(items):
        _set(o, start + j, v)
    set_(o, "length", float(n - dc + ic), True)
    return a


@native("Array.prototype.sort", 1, gen=True)
def sort(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.1.3.26 Array.prototype.sort ( comparefn ).

    Stable merge sort; undefined values go last, holes after them (as in V8)."""
    f = arg(args, 0)
    if f is not None and not is_callable(f):
        raise type_error("The comparison function must be either a function or undefined")
    o = to_object(this)
    n = _len(o)
    vals = []
    undef = 0
    e = _elems(o)
    if e is not None and len(e) == n and HOLE not in e:  # nothing to skip, nothing to run
        bulk(n)
        vals = [v for v in e if v is not None]
        undef = n - len(vals)
    else:
        for k in _indices(o, 0, n):
            v = _get_present(o, k)
            if v is MISSING:
                continue
            if v is None:
                undef += 1
            else:
                vals.append(v)
    vals = yield from sort_values(vals, f)
    m = len(vals) + undef
    e = _elems(o)
    if e is not None and len(e) == n and (m == n or (o.extensible and _protos_index_free(o))):
        e[:] = vals + [None] * undef + [HOLE] * (n - m)
        return o
    for i, v in enumerate(vals):
        _set(o, i, v)
    for i in range(len(vals), m):
        _set(o, i, None)
    _delete_range(o, m, n)
    return o


def sort_values(vals: list, f: Any):  # type: ignore[no-untyped-def]
    """The sort of ES2023 23.1.3.30.2 SortIndexedProperties on a list without undefined:
    stable; by ToString code units when ``f`` is undefined, else with comparator ``f``."""
    if f is not None:
        return (yield from _merge_sort(vals, f))
    m = len(vals)
    if all(type(v) is str for v in vals):
        bulk(m * max(1, m.bit_length()))
        vals.sort()
        return vals
    keyed = []
    for lo in range(0, m, CHUNK):  # to_string may be slow (user toString): metered
        keyed.extend([(to_string(v), v) for v in vals[lo:lo + CHUNK]])
        bulk(CHUNK * 4)
    bulk(m * max(1, m.bit_length()))
    keyed.sort(key=lambda p: p[0])
    return [v for _, v in keyed]


def _merge_sort(items: list, f: Any):  # type: ignore[no-untyped-def]
    """Stable bottom-up merge sort calling comparator ``f`` through the machine (straight
    from Python when array._direct allows)."""
    n = len(items)
    direct = _direct(f)
    run = 8
    for lo in range(0, n, run):  # insertion sort of short runs
        hi = min(lo + run, n)
        for i in range(lo + 1, hi):
            x = items[i]
            j = i
            while j > lo:
                ab = [items[j - 1], x]
                c = to_number(_call_direct(f, None, ab) if direct else (yield (f, None, ab)))
                if not c > 0:
                    break
                items[j] = items[j - 1]
                j -= 1
            items[j] = x
    width = run
    while width < n:
        out = []
        for lo in range(0, n, 2 * width):
            mid = min(lo + width, n)
            hi = min(lo + 2 * width, n)
            if mid >= hi:
                out.extend(items[lo:mid])
                continue
            ab = [items[mid - 1], items[mid]]
            c = to_number(_call_direct(f, None, ab) if direct else (yield (f, None, ab)))
            if not c > 0:  # already in order
                out.extend(items[lo:hi])
                continue
            i, j = lo, mid
            while i < mid and j < hi:
                ab = [items[i], items[j]]
                c = to_number(_call_direct(f, None, ab) if direct else (yield (f, None, ab)))
                if c > 0:
                    out.append(items[j])
                    j += 1
                else:
                    out.append(items[i])
                    i += 1
            out.extend(items[i:mid])
            out.extend(items[j:hi])
        items = out
        width *= 2
    return items


def setup(realm: Any) -> None:
    """Array.prototype's methods, @@iterator and @@unscopables (ES2017 22.1.3)."""
    ap = realm.array_prototype
    for name in METHODS:
        f = realm.method(ap, name, f"Array.prototype.{name}")
        realm.intr[f"ArrayProto_{name}"] = f
    ap.put_hidden(SYM_ITERATOR, ap.props["values"])
    realm.intr["ArrayValues"] = ap.props["values"]  # the name the machine's fast paths use
    u = JSObject(None)
    for name in UNSCOPABLES:
        u.props[name] = True
    ap.put_hidden(SYM_UNSCOPABLES, u, C)
