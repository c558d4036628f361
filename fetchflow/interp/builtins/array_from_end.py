"""Array.prototype.at, findLast and findLastIndex (ES2022 23.1.3.1, ES2023 23.1.3.11-12):
the methods that count from the end, installed by ``setup``.

https://tc39.es/ecma262/2023/#sec-array.prototype.at
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.object_operations import length_of_array_like
from ..operations.type_conversion import to_boolean, to_integer, to_object
from ..values import JSObject
from .array import _call_direct, _check_callable, _direct, _get


@native("Array.prototype.at", 1)
def at(this: Any, args: list) -> Any:
    """ES2023 23.1.3.1 Array.prototype.at ( index )."""
    o = to_object(this)
    n = length_of_array_like(o)
    rel = to_integer(arg(args, 0))
    k = rel if rel >= 0 else n + rel
    if k < 0 or k >= n:
        return None
    return _get(o, int(k))


def _find_last(this: Any, args: list, want_index: bool):  # type: ignore[no-untyped-def]
    """ES2023 23.1.3.12.1 FindViaPredicate ( O, len, descending, predicate, thisArg )."""
    o: JSObject = to_object(this)
    n = length_of_array_like(o)
    f = arg(args, 0)
    _check_callable(f)
    t = arg(args, 1)
    direct = _direct(f)
    for k in range(n - 1, -1, -1):
        v = _get(o, k)
        ca = [v, float(k), o]
        r = _call_direct(f, t, ca) if direct else (yield (f, t, ca))
        if to_boolean(r):
            return float(k) if want_index else v
    return -1.0 if want_index else None


@native("Array.prototype.findLast", 1, gen=True)
def find_last(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2023 23.1.3.11 Array.prototype.findLast ( predicate [ , thisArg ] )."""
    return (yield from _find_last(this, args, False))


@native("Array.prototype.findLastIndex", 1, gen=True)
def find_last_index(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2023 23.1.3.12 Array.prototype.findLastIndex ( predicate [ , thisArg ] )."""
    return (yield from _find_last(this, args, True))


def setup(realm: Any) -> None:
    ap = realm.array_prototype
    for name in ("at", "findLast", "findLastIndex"):
        realm.method(ap, name, f"Array.prototype.{name}")
