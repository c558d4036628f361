"""Testing and comparison operations (ES2017 7.2)."""
from __future__ import annotations

from typing import Any

from ..values import NULL, JSObject, JSSymbol
from ..sameness import same_value, same_value_zero, strict_equals  # noqa: F401  (re-exported)
from .type_conversion import string_to_number, to_number, to_primitive


def loose_equals(x: Any, y: Any) -> bool:
    """ES2017 7.2.13 Abstract Equality Comparison."""
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
        if tx is bool:
            x = 1.0 if x else 0.0
            continue
        if ty is bool:
            y = 1.0 if y else 0.0
            continue
        if (tx is float or tx is str or tx is JSSymbol) and isinstance(y, JSObject):
            y = to_primitive(y)
            continue
        if isinstance(x, JSObject) and (ty is float or ty is str or ty is JSSymbol):
            x = to_primitive(x)
            continue
        return False


def less_than(x: Any, y: Any, left_first: bool = True) -> Any:
    """ES2017 7.2.12 Abstract Relational Comparison: True, False, or None (undefined)."""
    if left_first:
        px = to_primitive(x, "number")
        py = to_primitive(y, "number")
    else:
        py = to_primitive(y, "number")
        px = to_primitive(x, "number")
    if type(px) is str and type(py) is str:
        return px < py
    nx = to_number(px)
    ny = to_number(py)
    if nx != nx or ny != ny:
        return None
    return nx < ny
