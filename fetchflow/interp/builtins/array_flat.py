"""Array.prototype.flat and flatMap (ES2019 22.1.3.10-11), installed by ``setup``.

https://tc39.es/ecma262/2023/#sec-array.prototype.flat

FlattenIntoArray is written with an explicit stack instead of the spec's recursion, so
``a.flat(Infinity)`` of a deeply nested (or self-containing) array never recurses in
Python; past ``MAX_NESTING`` levels it throws node's RangeError.
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.errors import range_error, type_error
from ..operations.object_operations import create_data_property_or_throw, length_of_array_like
from ..operations.type_conversion import to_integer, to_object
from ..values import MISSING, JSObject, is_callable
from .array import MAX_SAFE, _call_direct, _direct, _get_present, _species
from .object import is_array

# nesting levels FlattenIntoArray follows before giving up as V8's stack overflow would
MAX_NESTING = 10000


def flatten_into_array(target: JSObject, fresh: bool, source: JSObject, source_len: int,
                       depth: float, mapper: Any = None, this_arg: Any = None):  # type: ignore[no-untyped-def]
    """ES2023 23.1.3.13.1 FlattenIntoArray ( target, source, sourceLen, start, depth
    [ , mapperFunction, thisArg ] ), from start 0; a generator (the mapper runs on the
    machine).  ``fresh``: ``target`` is a new plain array whose list may be appended to."""
    direct = mapper is not None and _direct(mapper)
    target_index = 0
    # each entry: [source, its length, next index, depth left]; the mapper applies to the first
    stack: list = [[source, source_len, 0, depth]]
    while stack:
        top = stack[-1]
        src, n, k, d = top
        if k >= n:
            stack.pop()
            continue
        top[2] = k + 1
        element = _get_present(src, k)
        if element is MISSING:
            continue
        if mapper is not None and len(stack) == 1:
            ca = [element, float(k), src]
            element = _call_direct(mapper, this_arg, ca) if direct else (yield (mapper, this_arg, ca))
        if d > 0 and is_array(element):
            if len(stack) >= MAX_NESTING:
                raise range_error("Maximum call stack size exceeded")
            stack.append([element, length_of_array_like(element), 0, d - 1])
            continue
        if target_index >= MAX_SAFE:
            raise type_error("Array too long")  # ES2023 step 3.c.v.1
        if fresh:
            target.elems.append(element)  # type: ignore[attr-defined]
        else:
            create_data_property_or_throw(target, str(target_index), element)
        target_index += 1
    return target_index


@native("Array.prototype.flat", 0, gen=True)
def flat(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2023 23.1.3.13 Array.prototype.flat ( [ depth ] )."""
    o = to_object(this)
    source_len = length_of_array_like(o)
    depth = arg(args, 0)
    depth_num = 1.0 if depth is None else max(to_integer(depth), 0.0)
    a, fresh = _species(o, 0)
    yield from flatten_into_array(a, fresh, o, source_len, depth_num)
    return a


@native("Array.prototype.flatMap", 1, gen=True)
def flat_map(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2023 23.1.3.14 Array.prototype.flatMap ( mapperFunction [ , thisArg ] )."""
    o = to_object(this)
    source_len = length_of_array_like(o)
    mapper = arg(args, 0)
    if not is_callable(mapper):
        raise type_error("flatMap mapper function is not callable")
    a, fresh = _species(o, 0)
    yield from flatten_into_array(a, fresh, o, source_len, 1.0, mapper, arg(args, 1))
    return a


def setup(realm: Any) -> None:
    ap = realm.array_prototype
    for name in ("flat", "flatMap"):
        realm.method(ap, name, f"Array.prototype.{name}")
