"""%TypedArray%.prototype methods (ES2017 22.2.3, with ES2022-ES2023's at, findLast,
findLastIndex, toReversed, toSorted and with), installed by ``typed_array.setup``.

https://tc39.es/ecma262/#sec-properties-of-the-%typedarrayprototype%-object

Each method validates ``this`` (a typed array over a buffer that is not detached), then
works on the element memoryview: reads are ``view[i]``, writes convert with the element
type's converter.  A callback may detach the buffer or shrink nothing else (buffers are
fixed-length), so loops that call JS read elements through ``get_index`` (undefined
once detached), as the spec's Get does.
"""
from __future__ import annotations

import math
from array import array
from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.typed_array_create import typed_array_create, typed_array_species_create
from ..operations.bigint import mix_error
from ..operations.buffers import CONVERTERS, ELEMENT_TYPES, JSTypedArray, is_bigint_kind, to_element_value
from ..operations.errors import range_error, type_error
from ..operations.iteration import call_gen
from ..operations.object_operations import invoke, length_of_array_like
from ..operations.type_conversion import to_boolean, to_integer, to_object, to_string
from ..meter import CHUNK, bulk, poll
from ..values import NULL, is_callable
from .array_buffer import relative_index
from .array_methods import _merge_sort
from .iterators import create_array_iterator
from .map_set import value_display
from ..meter import charge
from ..values import JSArray

METHODS = ("at", "copyWithin", "entries", "every", "fill", "filter", "find", "findIndex",
           "findLast", "findLastIndex", "forEach", "includes", "indexOf", "join", "keys",
           "lastIndexOf", "map", "reduce", "reduceRight", "reverse", "set", "slice", "some", "sort",
           "subarray", "toLocaleString", "toReversed", "toSorted", "values", "with")


def validate(this: Any, method: str) -> JSTypedArray:
    """ES2017 22.2.3.5.1 ValidateTypedArray."""
    if type(this) is not JSTypedArray:
        raise type_error("this is not a typed array.")
    if this.buffer.data is None:
        raise type_error(f"Cannot perform %TypedArray%.prototype.{method} on a detached ArrayBuffer")
    return this


def _callable(f: Any) -> Any:
    if not is_callable(f):
        raise type_error(f"{value_display(f)} is not a function")
    return f


def _write_all(ta: JSTypedArray, start: int, vals: list) -> None:
    """Write already-converted raw element values from index ``start`` in one C copy."""
    if vals and ta.buffer.data is not None:
        ta.view[start:start + len(vals)] = array(ELEMENT_TYPES[ta.kind][1], vals)  # type: ignore[index]


def _raw(ta: JSTypedArray, v: Any) -> Any:
    return CONVERTERS[ta.kind](v)


def _element_type(o: JSTypedArray) -> type:
    """The Python type of the JS values ``o`` holds: float, or int for the BigInt kinds."""
    return int if is_bigint_kind(o.kind) else float


def _species(o: JSTypedArray, args: list, method: str) -> JSTypedArray:
    return typed_array_species_create(o, args, f"%TypedArray%.prototype.{method}")


def _same_type(o: JSTypedArray, n: int) -> JSTypedArray:
    """TypedArrayCreateSameType (ES2023): no species lookup."""
    return typed_array_create(o.kind, n)


# -- element access and iteration -------------------------------------------------------------------

@native("TypedArray.prototype.at", 1)
def at(this: Any, args: list) -> Any:
    """ES2022 23.2.3.1 %TypedArray%.prototype.at ( index )."""
    o = validate(this, "at")
    n = o.length
    r = to_integer(arg(args, 0))
    k = r if r >= 0 else n + r
    if k < 0 or k >= n:
        return None
    return o.get_index(int(k))


@native("TypedArray.prototype.entries", 0)
def entries(this: Any, args: list) -> Any:
    """ES2017 22.2.3.6 %TypedArray%.prototype.entries ( )."""
    return create_array_iterator(validate(this, "entries"), "key+value")


@native("TypedArray.prototype.keys", 0)
def keys(this: Any, args: list) -> Any:
    """ES2017 22.2.3.15 %TypedArray%.prototype.keys ( )."""
    return create_array_iterator(validate(this, "keys"), "key")


@native("TypedArray.prototype.values", 0)
def values(this: Any, args: list) -> Any:
    """ES2017 22.2.3.29 %TypedArray%.prototype.values ( ) (also [@@iterator])."""
    return create_array_iterator(validate(this, "values"), "value")


# -- callback methods (generators) ------------------------------------------------------------------

@native("TypedArray.prototype.every", 1, gen=True)
def every(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.2.3.7 %TypedArray%.prototype.every ( callbackfn [ , thisArg ] )."""
    o = validate(this, "every")
    f, t = _callable(arg(args, 0)), arg(args, 1)
    for k in range(o.length):
        r = yield from call_gen(f, t, [o.get_index(k), float(k), o])
        if not to_boolean(r):
            return False
    return True


@native("TypedArray.prototype.some", 1, gen=True)
def some(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.2.3.25 %TypedArray%.prototype.some ( callbackfn [ , thisArg ] )."""
    o = validate(this, "some")
    f, t = _callable(arg(args, 0)), arg(args, 1)
    for k in range(o.length):
        r = yield from call_gen(f, t, [o.get_index(k), float(k), o])
        if to_boolean(r):
            return True
    return False


@native("TypedArray.prototype.forEach", 1, gen=True)
def for_each(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.2.3.12 %TypedArray%.prototype.forEach ( callbackfn [ , thisArg ] )."""
    o = validate(this, "forEach")
    f, t = _callable(arg(args, 0)), arg(args, 1)
    for k in range(o.length):
        yield from call_gen(f, t, [o.get_index(k), float(k), o])
    return None


def _find(this: Any, args: list, method: str, backwards: bool, want_index: bool):  # type: ignore[no-untyped-def]
    o = validate(this, method)
    f, t = _callable(arg(args, 0)), arg(args, 1)
    n = o.length
    for k in (range(n - 1, -1, -1) if backwards else range(n)):
        v = o.get_index(k)
        r = yield from call_gen(f, t, [v, float(k), o])
        if to_boolean(r):
            return float(k) if want_index else v
    return -1.0 if want_index else None


@native("TypedArray.prototype.find", 1, gen=True)
def find(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.2.3.10 %TypedArray%.prototype.find ( predicate [ , thisArg ] )."""
    return (yield from _find(this, args, "find", False, False))


@native("TypedArray.prototype.findIndex", 1, gen=True)
def find_index(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.2.3.11 %TypedArray%.prototype.findIndex ( predicate [ , thisArg ] )."""
    return (yield from _find(this, args, "findIndex", False, True))


@native("TypedArray.prototype.findLast", 1, gen=True)
def find_last(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2023 23.2.3.13 %TypedArray%.prototype.findLast ( predicate [ , thisArg ] )."""
    return (yield from _find(this, args, "findLast", True, False))


@native("TypedArray.prototype.findLastIndex", 1, gen=True)
def find_last_index(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2023 23.2.3.14 %TypedArray%.prototype.findLastIndex ( predicate [ , thisArg ] )."""
    return (yield from _find(this, args, "findLastIndex", True, True))


@native("TypedArray.prototype.map", 1, gen=True)
def map_(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.2.3.19 %TypedArray%.prototype.map ( callbackfn [ , thisArg ] )."""
    o = validate(this, "map")
    n = o.length
    f, t = _callable(arg(args, 0)), arg(args, 1)
    a = _species(o, [float(n)], "map")
    for k in range(n):
        r = yield from call_gen(f, t, [o.get_index(k), float(k), o])
        a.set(str(k), r, a)
    return a


@native("TypedArray.prototype.filter", 1, gen=True)
def filter_(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.2.3.9 %TypedArray%.prototype.filter ( callbackfn [ , thisArg ] )."""
    o = validate(this, "filter")
    f, t = _callable(arg(args, 0)), arg(args, 1)
    kept = []
    for k in range(o.length):
        v = o.get_index(k)
        r = yield from call_gen(f, t, [v, float(k), o])
        if to_boolean(r):
            kept.append(v)
    a = _species(o, [float(len(kept))], "filter")
    for k, v in enumerate(kept):
        a.set_index(k, v)
    return a


def _reduce(this: Any, args: list, method: str, right: bool):  # type: ignore[no-untyped-def]
    o = validate(this, method)
    f = _callable(arg(args, 0))
    n = o.length
    order = iter(range(n - 1, -1, -1) if right else range(n))
    if len(args) >= 2:
        acc = args[1]
    elif n == 0:
        raise type_error("Reduce of empty array with no initial value")
    else:
        acc = o.get_index(next(order))
    for k in order:
        acc = yield from call_gen(f, None, [acc, o.get_index(k), float(k), o])
    return acc


@native("TypedArray.prototype.reduce", 1, gen=True)
def reduce(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.2.3.20 %TypedArray%.prototype.reduce ( callbackfn [ , initialValue ] )."""
    return (yield from _reduce(this, args, "reduce", False))


@native("TypedArray.prototype.reduceRight", 1, gen=True)
def reduce_right(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.2.3.21 %TypedArray%.prototype.reduceRight ( callbackfn [ , initialValue ] )."""
    return (yield from _reduce(this, args, "reduceRight", True))


# -- searching ----------------------------------------------------------------------------------------

def _search_start(args: list, n: int) -> Any:
    """The fromIndex clamping of includes/indexOf: an int start, or None for 'none'."""
    k = to_integer(arg(args, 1))
    if k == math.inf:
        return None
    if k == -math.inf:
        return 0
    return int(k) if k >= 0 else max(n + int(k), 0)


@native("TypedArray.prototype.includes", 1)
def includes(this: Any, args: list) -> Any:
    """ES2017 22.2.3.13 %TypedArray%.prototype.includes ( searchElement [ , fromIndex ] )."""
    o = validate(this, "includes")
    n = o.length
    if n == 0:
        return False
    k = _search_start(args, n)
    if k is None:
        return False
    s = arg(args, 0)
    if o.buffer.data is None:  # fromIndex detached the buffer: every Get is undefined
        return s is None and k < n
    if type(s) is not _element_type(o):
        return False
    vals = o.values_list(k)
    bulk(len(vals))
    if s != s:
        return any(v != v for v in vals)
    return s in vals


@native("TypedArray.prototype.indexOf", 1)
def index_of(this: Any, args: list) -> Any:
    """ES2017 22.2.3.14 %TypedArray%.prototype.indexOf ( searchElement [ , fromIndex ] )."""
    o = validate(this, "indexOf")
    n = o.length
    if n == 0:
        return -1.0
    k = _search_start(args, n)
    s = arg(args, 0)
    if k is None or type(s) is not _element_type(o) or s != s or o.buffer.data is None:
        return -1.0
    vals = o.values_list()
    bulk(n)
    try:
        return float(vals.index(s, k))
    except ValueError:
        return -1.0


@native("TypedArray.prototype.lastIndexOf", 1)
def last_index_of(this: Any, args: list) -> Any:
    """ES2017 22.2.3.17 %TypedArray%.prototype.lastIndexOf ( searchElement [ , fromIndex ] )."""
    o = validate(this, "lastIndexOf")
    n = o.length
    if n == 0:
        return -1.0
    if len(args) > 1:
        f = to_integer(args[1])
        if f == -math.inf:
            return -1.0
        k = int(min(f, n - 1)) if f >= 0 else n + int(f)
    else:
        k = n - 1
    s = arg(args, 0)
    if k < 0 or type(s) is not _element_type(o) or s != s or o.buffer.data is None:
        return -1.0
    vals = o.values_list()
    bulk(n)
    for i in range(k, -1, -1):
        if vals[i] == s:
            return float(i)
    return -1.0


# -- join, toLocaleString --------------------------------------------------------------------------

@native("TypedArray.prototype.join", 1)
def join(this: Any, args: list) -> Any:
    """ES2017 22.2.3.16 %TypedArray%.prototype.join ( separator )."""
    o = validate(this, "join")
    n = o.length
    sep = arg(args, 0)
    sep = "," if sep is None else to_string(sep)
    if o.buffer.data is None:  # the separator's toString detached it: every element is ""
        return sep * max(n - 1, 0)
    vals = o.values_list()
    if n > 4096:
        charge(n * (8 + len(sep)))
    return sep.join([to_string(v) for v in vals])


@native("TypedArray.prototype.toLocaleString", 0)
def to_locale_string(this: Any, args: list) -> Any:
    """ES2017 22.2.3.27 %TypedArray%.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] )."""
    o = validate(this, "toLocaleString")
    parts = []
    for k in range(o.length):
        v = o.get_index(k)
        parts.append("" if v is None or v is NULL else to_string(invoke(v, "toLocaleString", [])))
        if not k & (CHUNK - 1) and k:
            poll(CHUNK)
    return ",".join(parts)


# -- in-place changes --------------------------------------------------------------------------------

@native("TypedArray.prototype.copyWithin", 2)
def copy_within(this: Any, args: list) -> Any:
    """ES2017 22.2.3.5 %TypedArray%.prototype.copyWithin ( target, start [ , end ] )."""
    o = validate(this, "copyWithin")
    n = o.length
    to = relative_index(arg(args, 0), n, 0)
    frm = relative_index(arg(args, 1), n, 0)
    fin = relative_index(arg(args, 2), n, n)
    count = min(fin - frm, n - to)
    if count > 0:
        d = o.buffer.data
        if d is None:
            raise type_error("Cannot perform %TypedArray%.prototype.copyWithin on a detached "
                             "ArrayBuffer")
        size = o.element_size
        a, b = o.offset + to * size, o.offset + frm * size
        bulk(count * size // 8)
        d[a:a + count * size] = d[b:b + count * size]
    return o


@native("TypedArray.prototype.fill", 1)
def fill(this: Any, args: list) -> Any:
    """ES2017 22.2.3.8 %TypedArray%.prototype.fill ( value [ , start [ , end ] ] )."""
    o = validate(this, "fill")
    n = o.length
    value = to_element_value(o.kind, arg(args, 0))
    k = relative_index(arg(args, 1), n, 0)
    fin = relative_index(arg(args, 2), n, n)
    if o.buffer.data is None:
        raise type_error("Cannot perform %TypedArray%.prototype.fill on a detached ArrayBuffer")
    if k < fin:
        one = array(ELEMENT_TYPES[o.kind][1], [_raw(o, value)])
        bulk((fin - k) * o.element_size // 8)
        o.view[k:fin] = one * (fin - k)  # type: ignore[index]
    return o


@native("TypedArray.prototype.reverse", 0)
def reverse(this: Any, args: list) -> Any:
    """ES2017 22.2.3.22 %TypedArray%.prototype.reverse ( )."""
    o = validate(this, "reverse")
    vals = o.raw_list()
    vals.reverse()
    bulk(len(vals))
    _write_all(o, 0, vals)
    return o


def _numeric_key(v: float) -> tuple:
    """The default sort order: numbers ascending, -0 before +0, NaN last."""
    return (v != v, v, v == 0 and math.copysign(1.0, v) > 0)


def _sorted_values(o: JSTypedArray, f: Any):  # type: ignore[no-untyped-def]
    vals = o.raw_list()
    m = len(vals)
    if f is None:
        bulk(m * max(1, m.bit_length()))
        if o.kind[0] == "F":
            vals.sort(key=_numeric_key)
        else:
            vals.sort()
        return vals
    items = vals if is_bigint_kind(o.kind) else [float(v) for v in vals]
    sorted_items = yield from _merge_sort(items, f)
    return sorted_items


def _check_compare(f: Any) -> None:
    if f is not None and not is_callable(f):
        raise type_error("The comparison function must be either a function or undefined")


@native("TypedArray.prototype.sort", 1, gen=True)
def sort(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.2.3.26 %TypedArray%.prototype.sort ( comparefn )."""
    f = arg(args, 0)
    _check_compare(f)
    o = validate(this, "sort")
    vals = yield from _sorted_values(o, f)
    if o.buffer.data is not None:  # the comparator may have detached it: writes do nothing
        conv = CONVERTERS[o.kind]
        _write_all(o, 0, vals if f is None else [conv(v) for v in vals])
    return o


@native("TypedArray.prototype.set", 1)
def set_(this: Any, args: list) -> Any:
    """ES2017 22.2.3.23 %TypedArray%.prototype.set ( source [ , offset ] )."""
    target = this
    if type(target) is not JSTypedArray:
        raise type_error("this is not a typed array.")
    target_offset = to_integer(arg(args, 1))
    if target_offset < 0:
        raise range_error("offset is out of bounds")
    source = arg(args, 0)
    if type(source) is JSTypedArray:
        _set_from_typed_array(target, target_offset, source)
    else:
        _set_from_array_like(target, target_offset, source)
    return None


def _detached_set() -> Any:
    return type_error("Cannot perform %TypedArray%.prototype.set on a detached ArrayBuffer")


def _set_from_typed_array(target: JSTypedArray, offset: float, src: JSTypedArray) -> None:
    """ES2017 22.2.3.23.2 SetTypedArrayFromTypedArray (a shared buffer is copied first, so
    overlapping views copy as if through a temporary)."""
    if target.buffer.data is None or src.buffer.data is None:
        raise _detached_set()
    n = src.length
    if offset == math.inf or n + offset > target.length:
        raise range_error("offset is out of bounds")
    k = int(offset)
    if is_bigint_kind(src.kind) != is_bigint_kind(target.kind):   # ES2023 23.2.3.26.2 step 20
        raise mix_error()
    bulk(n)
    if src.kind == target.kind:
        size = src.element_size
        d = target.buffer.data
        a = target.offset + k * size
        d[a:a + n * size] = src.buffer.data[src.offset:src.offset + n * size]
        return
    conv = CONVERTERS[target.kind]
    _write_all(target, k, [conv(v) for v in src.values_list()])


def _set_from_array_like(target: JSTypedArray, offset: float, source: Any) -> None:
    """ES2017 22.2.3.23.1 SetTypedArrayFromArrayLike."""
    if target.buffer.data is None:
        raise _detached_set()
    src = to_object(source)
    n = length_of_array_like(src)
    if offset == math.inf or n + offset > target.length:
        raise range_error("offset is out of bounds")
    k = int(offset)
    if type(src) is JSArray and src.elems is not None and len(src.elems) == n and \
            not is_bigint_kind(target.kind) and all(type(v) is float for v in src.elems):
        conv = CONVERTERS[target.kind]
        bulk(n)
        _write_all(target, k, [conv(v) for v in src.elems])
        return
    for i in range(n):
        v = src.get(str(i), src)
        target.set_index(k + i, v)
        if not i & (CHUNK - 1) and i:
            poll(CHUNK)


# -- copies -------------------------------------------------------------------------------------------

@native("TypedArray.prototype.slice", 2)
def slice_(this: Any, args: list) -> Any:
    """ES2017 22.2.3.24 %TypedArray%.prototype.slice ( start, end )."""
    o = validate(this, "slice")
    n = o.length
    k = relative_index(arg(args, 0), n, 0)
    fin = relative_index(arg(args, 1), n, n)
    count = max(fin - k, 0)
    a = _species(o, [float(count)], "slice")
    if count > 0:
        if o.buffer.data is None:
            raise type_error("Cannot perform %TypedArray%.prototype.slice on a detached ArrayBuffer")
        fin = min(fin, o.length)
        bulk(count)
        if a.kind == o.kind:
            size = o.element_size
            src, dst = o.buffer.data, a.buffer.data
            si, di = o.offset + k * size, a.offset
            nbytes = min(count * size, len(dst) - di, (fin - k) * size)  # type: ignore[arg-type]
            if src is dst and si < di < si + nbytes:
                for j in range(nbytes):  # the spec copies byte by byte, forward
                    dst[di + j] = src[si + j]  # type: ignore[index]
            else:
                dst[di:di + nbytes] = src[si:si + nbytes]  # type: ignore[index]
        else:
            for j, v in enumerate(o.values_list(k, fin)):
                a.set_index(j, v)
    return a


@native("TypedArray.prototype.subarray", 2)
def subarray(this: Any, args: list) -> Any:
    """ES2017 22.2.3.27 %TypedArray%.prototype.subarray ( begin, end )."""
    o = this
    if type(o) is not JSTypedArray:
        raise type_error("this is not a typed array.")
    n = o.array_length()
    begin = relative_index(arg(args, 0), n, 0)
    end = relative_index(arg(args, 1), n, n)
    new_length = max(end - begin, 0)
    offset = o.offset + begin * o.element_size
    return _species(o, [o.buffer, float(offset), float(new_length)], "subarray")


@native("TypedArray.prototype.toReversed", 0)
def to_reversed(this: Any, args: list) -> Any:
    """ES2023 23.2.3.32 %TypedArray%.prototype.toReversed ( )."""
    o = validate(this, "toReversed")
    a = _same_type(o, o.length)
    vals = o.raw_list()
    vals.reverse()
    _write_all(a, 0, vals)
    return a


@native("TypedArray.prototype.toSorted", 1, gen=True)
def to_sorted(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2023 23.2.3.33 %TypedArray%.prototype.toSorted ( comparefn )."""
    f = arg(args, 0)
    _check_compare(f)
    o = validate(this, "toSorted")
    a = _same_type(o, o.length)
    vals = yield from _sorted_values(o, f)
    conv = CONVERTERS[o.kind]
    _write_all(a, 0, vals if f is None else [conv(v) for v in vals])
    return a


@native("TypedArray.prototype.with", 2)
def with_(this: Any, args: list) -> Any:
    """ES2023 23.2.3.36 %TypedArray%.prototype.with ( index, value )."""
    o = validate(this, "with")
    n = o.length
    r = to_integer(arg(args, 0))
    k = r if r >= 0 else n + r
    value = to_element_value(o.kind, arg(args, 1))
    if not (0 <= k < o.array_length()):
        raise range_error("Invalid typed array index")
    a = _same_type(o, n)
    vals = o.raw_list()
    vals[int(k)] = _raw(o, value)
    _write_all(a, 0, vals)
    return a


__all__ = ["METHODS", "validate"]
