"""The operand frame: evaluate child expressions left to right, then finish.

Most expressions that contain a call evaluate the same way: every operand in order
(call-free operands by their closure, the others on a frame of their own), then one
``finish(m, frame, values)`` that pops the frame and produces the value, or replaces
the frame with a call.  ``Code.kids`` lists the operands and ``Code.fin`` the finisher.
"""
from __future__ import annotations

from typing import Any, Callable

from ..frames import Frame
from ..functions import JSFunction
from ..operations.errors import type_error
from ..values import JSObject


class Spread:
    """Marker for the values of a spread element among operand values."""
    __slots__ = ("items",)

    def __init__(self, items: list) -> None:
        self.items = items


def step_ops(m: Any, f: Frame) -> None:
    code = f.code
    kids = code.kids
    vals = f.vals
    pc = f.pc
    if vals is None:
        vals = f.vals = []
    elif len(vals) < pc:
        vals.append(m.rv)
    n = len(kids)
    s = f.scope
    while pc < n:
        k = kids[pc]
        pc += 1
        ev = k.ev
        if ev is not None:
            vals.append(ev(s))
        else:
            f.pc = pc
            sc = k.sc
            if sc is None:
                m.stack.append(Frame(k.step, k, s))
                return
            stack = m.stack
            depth = len(stack)
            sc(m, s)
            if len(stack) != depth:
                return
            vals.append(m.rv)  # a native answered at once: no trip through the run loop
    f.pc = pc
    code.fin(m, f, vals)


def inline_ops(code: Any) -> Callable:
    """An ``sc`` for a step_ops node: its frame is stepped at once inside the parent's step
    (no trip through the run loop); when an operand suspends (a callee frame was pushed)
    the frame simply stays on the stack below it, as if the run loop had pushed it."""
    def sc(m: Any, s: list) -> None:
        fr = Frame(step_ops, code, s)
        m.stack.append(fr)
        step_ops(m, fr)
    return sc


def call_checked(m: Any, fn: Any, this: Any, args: list, text: str) -> None:
    """Call ``fn`` on the frame stack, or throw "<callee text> is not a function"."""
    if fn.__class__ is not JSFunction and not (isinstance(fn, JSObject) and fn.call_kind):
        raise type_error(f"{text} is not a function")
    m.call_value(fn, this, args)


def step_ops_each(m: Any, f: Frame) -> None:
    """step_ops whose kids' values go through ``code.p.convert`` as each arrives (kept apart
    from step_ops, the hot one)."""
    code = f.code
    kids = code.kids
    convert = code.p.convert
    vals = f.vals
    pc = f.pc
    if vals is None:
        vals = f.vals = []
    elif len(vals) < pc:
        c = convert[pc - 1]
        vals.append(m.rv if c is None else c(m.rv))
    n = len(kids)
    s = f.scope
    while pc < n:
        k = kids[pc]
        c = convert[pc]
        pc += 1
        ev = k.ev
        if ev is not None:
            vals.append(ev(s) if c is None else c(ev(s)))
        else:
            f.pc = pc
            sc = k.sc
            if sc is None:
                m.stack.append(Frame(k.step, k, s))
                return
            stack = m.stack
            depth = len(stack)
            sc(m, s)
            if len(stack) != depth:
                return
            vals.append(m.rv if c is None else c(m.rv))
    f.pc = pc
    code.fin(m, f, vals)


def step_ev(m: Any, f: Frame) -> None:
    """A call-free expression pushed as a frame (e.g. the tail of a conditional)."""
    v = f.code.ev(f.scope)
    m.stack.pop()
    m.rv = v


def value_finisher(fn: Callable[[list], Any]) -> Callable:
    """A finisher that computes a value from the operand values."""
    def finish(m: Any, f: Frame, vals: list) -> None:
        v = fn(vals)
        m.stack.pop()
        m.rv = v
    return finish


def flatten(vals: list) -> list:
    out: list = []
    for v in vals:
        if v.__class__ is Spread:
            out.extend(v.items)
        else:
            out.append(v)
    return out
