"""Comparisons of values that need no conversion (they are what the object model itself
compares with, so they sit below it): SameValue, SameValueZero, strict equality."""
from __future__ import annotations

import math
from typing import Any


def same_value(x: Any, y: Any) -> bool:
    """ES2017 7.2.9 SameValue."""
    if type(x) is float and type(y) is float:
        if x != x:
            return y != y
        if x == 0 and y == 0:
            return math.copysign(1, x) == math.copysign(1, y)
        return x == y
    return strict_equals(x, y)


def same_value_zero(x: Any, y: Any) -> bool:
    """ES2017 7.2.10 SameValueZero."""
    if type(x) is float and type(y) is float and x != x:
        return y != y
    return strict_equals(x, y)


def strict_equals(x: Any, y: Any) -> bool:
    """ES2017 7.2.14 Strict Equality Comparison."""
    tx = type(x)
    if tx is not type(y):
        return False
    if tx is float or tx is str or tx is bool or tx is int:   # int: a BigInt
        return x == y
    return x is y
