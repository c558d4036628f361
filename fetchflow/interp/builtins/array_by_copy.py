"""Change Array by copy (ES2023 23.1.3.33-39): toReversed, toSorted, toSpliced and with,
installed by ``setup``.  Each returns a new plain array (never a species) and reads holes
as undefined.

https://tc39.es/ecma262/2023/#sec-array.prototype.toreversed
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..meter import bulk
from ..natives import native
from ..operations.errors import range_error, type_error
from ..operations.number_format import number_to_string
from ..operations.object_operations import length_of_array_like
from ..operations.type_conversion import to_integer, to_object
from ..values import HOLE, JSArray, JSObject, is_callable
from .array import MAX_SAFE, _elems, _get, _protos_index_free, array_create
from .array_methods import sort_values


def _read_all(o: JSObject, lo: int, hi: int, skip: int = -1, descending: bool = False) -> list:
    """Get(O, k) for k in [lo, hi) in the spec's order (``descending``: highest first, the
    list still in index order), never reading index ``skip`` (undefined in its place): a
    dense array's slice when no hole can read through, as no getter can run then."""
    e = _elems(o)
    if e is not None and hi <= len(e):
        seg = e[lo:hi]
        bulk(len(seg))
        if HOLE not in seg:
            return seg
        if _protos_index_free(o):
            return [None if v is HOLE else v for v in seg]
    ks = range(hi - 1, lo - 1, -1) if descending else range(lo, hi)
    got = {k: (None if k == skip else _get(o, k)) for k in ks}
    return [got[k] for k in range(lo, hi)]


def _new_array(items: list) -> JSArray:
    """ArrayCreate(len) filled with ``items`` (CreateDataPropertyOrThrow on a fresh array)."""
    a = array_create(0)
    a.elems = items
    return a


@native("Array.prototype.toReversed", 0)
def to_reversed(this: Any, args: list) -> Any:
    """ES2023 23.1.3.33 Array.prototype.toReversed ( )."""
    o = to_object(this)
    n = length_of_array_like(o)
    _check_length(n)
    items = _read_all(o, 0, n, descending=True)
    items.reverse()
    return _new_array(items)


def _check_length(n: int) -> None:
    """ArrayCreate's step 1: a length past 2**32 - 1 is a RangeError."""
    if n > 4294967295:
        raise range_error("Invalid array length")


@native("Array.prototype.toSorted", 1, gen=True)
def to_sorted(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2023 23.1.3.34 Array.prototype.toSorted ( comparefn )."""
    f = arg(args, 0)
    if f is not None and not is_callable(f):
        raise type_error("The comparison function must be either a function or undefined")
    o = to_object(this)
    n = length_of_array_like(o)
    _check_length(n)
    items = _read_all(o, 0, n)  # SortIndexedProperties(..., read-through-holes)
    vals = [v for v in items if v is not None]
    undef = n - len(vals)
    vals = yield from sort_values(vals, f)
    return _new_array(vals + [None] * undef)


@native("Array.prototype.toSpliced", 2)
def to_spliced(this: Any, args: list) -> Any:
    """ES2023 23.1.3.35 Array.prototype.toSpliced ( start, skipCount, ...items )."""
    o = to_object(this)
    n = length_of_array_like(o)
    rel = to_integer(arg(args, 0))
    start = int(max(n + rel, 0)) if rel < 0 else int(min(rel, n))
    items = args[2:]
    if not args:
        skip = 0
    elif len(args) == 1:
        skip = n - start
    else:
        skip = int(min(max(to_integer(args[1]), 0), n - start))
    new_len = n + len(items) - skip
    if new_len > MAX_SAFE:
        raise type_error("Invalid array length")  # V8's words for the spec's TypeError
    _check_length(new_len)
    return _new_array(_read_all(o, 0, start) + list(items) + _read_all(o, start + skip, n))


@native("Array.prototype.with", 2)
def with_(this: Any, args: list) -> Any:
    """ES2023 23.1.3.39 Array.prototype.with ( index, value )."""
    o = to_object(this)
    n = length_of_array_like(o)
    rel = to_integer(arg(args, 0))
    actual = rel if rel >= 0 else n + rel
    if actual >= n or actual < 0:
        raise range_error(f"Invalid index : {number_to_string(rel)}")
    _check_length(n)
    items = _read_all(o, 0, n, skip=int(actual))
    items[int(actual)] = arg(args, 1)
    return _new_array(items)


def setup(realm: Any) -> None:
    ap = realm.array_prototype
    for name in ("toReversed", "toSorted", "toSpliced", "with"):
        realm.method(ap, name, f"Array.prototype.{name}")
