"""Calling and constructing functions from Python code (ES2017 7.3.12 Call, 7.3.13 Construct).

These are for *implicit* calls made by abstract operations and natives (valueOf,
getters, callbacks of natives that are not generators): user code then runs in a
nested run of the machine.  Ordinary JS calls never come through here: the machine
pushes a frame for them.
"""
from __future__ import annotations

from typing import Any, Optional

from ..runtime import CTX
from ..values import OPS, JSObject
from .errors import to_display, type_error


def call(f: Any, this: Any, args: list) -> Any:
    """ES2017 7.3.12 Call."""
    k = f.call_kind if isinstance(f, JSObject) else None
    if k == "native" and not f.gen:
        if f.ctor:
            return f.fn(this, args, None)
        if f.pass_callee:
            return f.fn(this, args, f)
        return f.fn(this, args)
    if k is None:
        raise type_error(f"{to_display(f)} is not a function")
    return CTX.machine.call_nested(f, this, args)


def construct(f: Any, args: list, new_target: Optional[Any] = None) -> Any:
    """ES2017 7.3.13 Construct."""
    if not (isinstance(f, JSObject) and f.can_construct):
        raise type_error(f"{to_display(f)} is not a constructor")
    if new_target is None:
        new_target = f
    # call_kind "native": f is a JSNativeFunction (no cast call on this path)
    if f.call_kind == "native" and not f.gen:  # type: ignore[attr-defined]
        return f.fn(None, args, new_target)  # type: ignore[attr-defined]
    return CTX.machine.construct_nested(f, args, new_target)


OPS.call = call   # the object model calls accessors through this (see values.ObjectModelHooks)
