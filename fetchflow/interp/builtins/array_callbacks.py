"""The Array.prototype methods that call a callback (ES2017 22.1.3): every, some, forEach,
map, filter, find, findIndex, reduce, reduceRight; installed by ``array_methods.setup``.

Each is a generator native: a callback call is yielded to the machine, so a callback may
await, pause at a fetch or throw, and the loop goes on from its saved state.  A dense
``JSArray`` whose conditions say the list operation is indistinguishable takes a fast path.
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.errors import type_error
from ..operations.object_operations import create_data_property_or_throw, length_of_array_like
from ..operations.type_conversion import to_boolean, to_object
from ..meter import bulk
from ..values import HOLE, MISSING
from .array import (_call_direct, _check_callable, _direct, _elems, _get, _get_present, _indices,
                    _species)


@native("Array.prototype.every", 1, gen=True)
def every(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.1.3.5 Array.prototype.every ( callbackfn [ , thisArg ] )."""
    o = to_object(this)
    n = length_of_array_like(o)
    f = arg(args, 0)
    _check_callable(f)
    t = arg(args, 1)
    direct = _direct(f)
    for k in _indices(o, 0, n):
        v = _get_present(o, k)
        if v is MISSING:
            continue
        a = [v, float(k), o]
        r = _call_direct(f, t, a) if direct else (yield (f, t, a))
        if not to_boolean(r):
            return False
    return True


@native("Array.prototype.some", 1, gen=True)
def some(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.1.3.24 Array.prototype.some ( callbackfn [ , thisArg ] )."""
    o = to_object(this)
    n = length_of_array_like(o)
    f = arg(args, 0)
    _check_callable(f)
    t = arg(args, 1)
    direct = _direct(f)
    for k in _indices(o, 0, n):
        v = _get_present(o, k)
        if v is MISSING:
            continue
        a = [v, float(k), o]
        r = _call_direct(f, t, a) if direct else (yield (f, t, a))
        if to_boolean(r):
            return True
    return False


@native("Array.prototype.forEach", 1, gen=True)
def for_each(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.1.3.10 Array.prototype.forEach ( callbackfn [ , thisArg ] )."""
    o = to_object(this)
    n = length_of_array_like(o)
    f = arg(args, 0)
    _check_callable(f)
    t = arg(args, 1)
    direct = _direct(f)
    for k in _indices(o, 0, n):
        v = _get_present(o, k)
        if v is MISSING:
            continue
        a = [v, float(k), o]
        if direct:
            _call_direct(f, t, a)
        else:
            yield (f, t, a)
    return None


@native("Array.prototype.map", 1, gen=True)
def map_(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.1.3.16 Array.prototype.map ( callbackfn [ , thisArg ] )."""
    o = to_object(this)
    n = length_of_array_like(o)
    f = arg(args, 0)
    _check_callable(f)
    t = arg(args, 1)
    a, fresh = _species(o, n)
    if fresh and a.elems is None and _elems(o) is not None:
        # past 100000 ArrayCreate starts sparse; a dense source has the n slots already,
        # so the result may too (each write into a sparse array costs ~15 us)
        bulk(n)
        a.elems = [HOLE] * n
    direct = _direct(f)
    for k in _indices(o, 0, n):
        v = _get_present(o, k)
        if v is MISSING:
            continue
        ca = [v, float(k), o]
        r = _call_direct(f, t, ca) if direct else (yield (f, t, ca))
        ae = a.elems if fresh else None
        if ae is not None:
            ae[k] = r
        else:
            create_data_property_or_throw(a, str(k), r)
    return a


@native("Array.prototype.filter", 1, gen=True)
def filter_(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.1.3.7 Array.prototype.filter ( callbackfn [ , thisArg ] )."""
    o = to_object(this)
    n = length_of_array_like(o)
    f = arg(args, 0)
    _check_callable(f)
    t = arg(args, 1)
    a, fresh = _species(o, 0)
    direct = _direct(f)
    to = 0
    for k in _indices(o, 0, n):
        v = _get_present(o, k)
        if v is MISSING:
            continue
        ca = [v, float(k), o]
        r = _call_direct(f, t, ca) if direct else (yield (f, t, ca))
        if to_boolean(r):
            if fresh:
                a.elems.append(v)  # type: ignore[union-attr]
            else:
                create_data_property_or_throw(a, str(to), v)
            to += 1
    return a


@native("Array.prototype.find", 1, gen=True)
def find(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.1.3.8 Array.prototype.find ( predicate [ , thisArg ] ) (holes included)."""
    o = to_object(this)
    n = length_of_array_like(o)
    f = arg(args, 0)
    _check_callable(f)
    t = arg(args, 1)
    direct = _direct(f)
    for k in range(n):
        v = _get(o, k)
        ca = [v, float(k), o]
        r = _call_direct(f, t, ca) if direct else (yield (f, t, ca))
        if to_boolean(r):
            return v
    return None


@native("Array.prototype.findIndex", 1, gen=True)
def find_index(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.1.3.9 Array.prototype.findIndex ( predicate [ , thisArg ] )."""
    o = to_object(this)
    n = length_of_array_like(o)
    f = arg(args, 0)
    _check_callable(f)
    t = arg(args, 1)
    direct = _direct(f)
    for k in range(n):
        ca = [_get(o, k), float(k), o]
        r = _call_direct(f, t, ca) if direct else (yield (f, t, ca))
        if to_boolean(r):
            return float(k)
    return -1.0


def _reduce(this: Any, args: list, right: bool):  # type: ignore[no-untyped-def]
    o = to_object(this)
    n = length_of_array_like(o)
    f = arg(args, 0)
    _check_callable(f)
    it = iter(_indices(o, 0, n, right))
    if len(args) >= 2:
        acc = args[1]
    else:
        for k in it:
            acc = _get_present(o, k)
            if acc is not MISSING:
                break
        else:
            raise type_error("Reduce of empty array with no initial value")
    direct = _direct(f)
    for k in it:
        v = _get_present(o, k)
        if v is MISSING:
            continue
        ca = [acc, v, float(k), o]
        acc = _call_direct(f, None, ca) if direct else (yield (f, None, ca))
    return acc


@native("Array.prototype.reduce", 1, gen=True)
def reduce(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.1.3.19 Array.prototype.reduce ( callbackfn [ , initialValue ] )."""
    return (yield from _reduce(this, args, False))


@native("Array.prototype.reduceRight", 1, gen=True)
def reduce_right(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.1.3.20 Array.prototype.reduceRight ( callbackfn [ , initialValue ] )."""
    return (yield from _reduce(this, args, True))
