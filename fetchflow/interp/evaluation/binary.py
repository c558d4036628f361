"""Binary operators of call-free expressions (ES2017 12.6-12.11): closures specialised per
operator, each falling back to operations.operators.BINARY, the semantics both paths share."""
from __future__ import annotations

import operator as pyop
from typing import Any, Callable

from ..operations.operators import BINARY, js_add, js_sub
from ..values import NULL


def binary_closure(op: str, lev: Callable, rev: Callable, rnode: Any) -> Callable:
    """``ev(scope)`` of a call-free binary expression: the operator's fast path for
    numbers (and a numeric literal on the right), else the operator of BINARY (the one the
    frame path's finisher calls)."""
    const = None
    if rnode.type == "Literal" and type(rnode.value) in (int, float) and rnode.bigint is None:
        const = float(rnode.value)
    if op == "+":
        if const is not None:
            c = const

            def ev(s: list) -> Any:
                a = lev(s)
                if type(a) is float:
                    return a + c
                return js_add(a, c)
            return ev

        def ev_add(s: list) -> Any:
            a = lev(s)
            b = rev(s)
            if type(a) is float and type(b) is float:
                return a + b
            return js_add(a, b)
        return ev_add
    if op == "-":
        if const is not None:
            c = const

            def ev_subc(s: list) -> Any:
                a = lev(s)
                if type(a) is float:
                    return a - c
                return js_sub(a, c)
            return ev_subc

        def ev_sub(s: list) -> Any:
            a = lev(s)
            b = rev(s)
            if type(a) is float and type(b) is float:
                return a - b
            return js_sub(a, b)
        return ev_sub
    if op == "*":
        mul = BINARY["*"]

        def ev_mul(s: list) -> Any:
            a = lev(s)
            b = rev(s)
            if type(a) is float and type(b) is float:
                return a * b
            return mul(a, b)
        return ev_mul
    if op in ("<", ">", "<=", ">="):
        slow = BINARY[op]
        fast = {"<": pyop.lt, ">": pyop.gt, "<=": pyop.le, ">=": pyop.ge}[op]
        if const is not None:
            c = const
            if op == "<":
                def ev_ltc(s: list) -> Any:
                    a = lev(s)
                    if type(a) is float:
                        return a < c
                    return slow(a, c)
                return ev_ltc

            def ev_cmpc(s: list) -> Any:
                a = lev(s)
                if type(a) is float:
                    return fast(a, c)
                return slow(a, c)
            return ev_cmpc
        if op == "<":
            def ev_lt(s: list) -> Any:
                a = lev(s)
                b = rev(s)
                if type(a) is float and type(b) is float:
                    return a < b
                return slow(a, b)
            return ev_lt

        def ev_cmp(s: list) -> Any:
            a = lev(s)
            b = rev(s)
            if type(a) is float and type(b) is float:
                return fast(a, b)
            return slow(a, b)
        return ev_cmp
    if op in ("===", "!=="):
        neg = op == "!=="

        def ev_seq(s: list) -> Any:
            a = lev(s)
            b = rev(s)
            ta = type(a)
            if ta is not type(b):
                r = False
            elif ta is float or ta is str or ta is bool:
                r = a == b
            else:
                r = a is b or (ta is int and a == b)   # int: a BigInt
            return not r if neg else r
        return ev_seq
    if op in ("==", "!="):
        neg = op == "!="
        loose = BINARY["=="]
        if rnode.type == "Literal" and rnode.value is None and rnode.raw == "null":
            def ev_eqnull(s: list) -> Any:  # x == null: undefined or null
                v = lev(s)
                r = v is None or v is NULL
                return not r if neg else r
            return ev_eqnull

        def ev_eq(s: list) -> Any:
            a = lev(s)
            b = rev(s)
            ta = type(a)
            if ta is type(b) and (ta is float or ta is str or ta is bool):
                r = a == b
            else:
                r = loose(a, b)
            return not r if neg else r
        return ev_eq
    fn = BINARY[op]

    def ev_gen(s: list) -> Any:
        return fn(lev(s), rev(s))
    return ev_gen
