"""Testing and comparison operations (ES2017 7.2; ES2023 7.2.13-7.2.14 for BigInts)."""
from __future__ import annotations

from typing import Any

from ..values import NULL, JSObject, JSSymbol
from ..sameness import same_value, same_value_zero, strict_equals  # noqa: F401  (re-exported)
from .bigint import string_to_big_int
from .type_conversion import string_to_number, to_numeric, to_primitive


def loose_equals(x: Any, y: Any) -> bool:
    """ES2023 7.2.14 IsLooselyEqual (ints are BigInts)."""
    while True:
        tx, ty = type(x), type(y)
        if tx is ty:
            return strict_equals(x, y)
        if (x is None or x is NULL) and (y is None or y is NULL):
            return True
        if tx is float and ty is str:
            return x == string_to_number(y)
        if tx is str and ty is float:
            return string_to_number(x) == y
        if tx is int and ty is str:
            n = string_to_big_int(y)
            return n is not None and x == n
        if tx is str and ty is int:
            n = string_to_big_int(x)
            return n is not None and n == y
        if tx is bool:
            x = 1.0 if x else 0.0
            continue
        if ty is bool:
            y = 1.0 if y else 0.0
            continue
        if (tx is float or tx is str or tx is JSSymbol or tx is int) and isinstance(y, JSObject):
            y = to_primitive(y)
            continue
        if isinstance(x, JSObject) and (ty is float or ty is str or ty is JSSymbol or ty is int):
            x = to_primitive(x)
            continue
        if (tx is int and ty is float) or (tx is float and ty is int):
            # Python compares an int with a float exactly; NaN and the infinities are unequal
            return x == y
        return False


def less_than(x: Any, y: Any, left_first: bool = True) -> Any:
    """ES2023 7.2.13 IsLessThan: True, False, or None (undefined)."""
    if left_first:
        px = to_primitive(x, "number")
        py = to_primitive(y, "number")
    else:
        py = to_primitive(y, "number")
        px = to_primitive(x, "number")
    tx, ty = type(px), type(py)
    if tx is str:
        if ty is str:
            return px < py
        if ty is int:
            nx = string_to_big_int(px)
            return None if nx is None else nx < py
    elif tx is int and ty is str:
        ny = string_to_big_int(py)
        return None if ny is None else px < ny
    nx = to_numeric(px)
    ny = to_numeric(py)
    if nx != nx or ny != ny:
        return None
    # Number < BigInt and BigInt < Number compare the mathematical values: Python's int/float
    # comparison is exact, and ±Infinity compares as it should
    return nx < ny
