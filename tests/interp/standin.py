"""A stand-in machine for testing natives from Python: generator natives are driven here,
and JS callbacks can be Python functions (``PyFn``).  No frames, no JS code."""
from __future__ import annotations

import contextlib
import types
from typing import Any, Iterator

from fetchflow.interp.operations.errors import type_error
from fetchflow.interp.realm import Realm
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import JSArray, JSObject, JSThrow


class PyFn(JSObject):
    """A JS-callable object running a Python function (a user callback stand-in)."""
    __slots__ = ("py",)
    call_kind = "py"

    def __init__(self, py: Any) -> None:
        JSObject.__init__(self, CTX.realm.function_prototype, "Function")
        self.py = py


def drive(g: Any) -> Any:
    """Run a generator native to its result, answering its call requests."""
    if not isinstance(g, types.GeneratorType):
        return g
    send: Any = None
    exc: Any = None
    while True:
        try:
            req = g.throw(exc) if exc is not None else g.send(send)
        except StopIteration as s:
            return s.value
        exc = None
        f, this, args = req
        try:
            send = invoke(f, this, args)
        except JSThrow as e:
            exc = e


def invoke(f: Any, this: Any, args: list) -> Any:
    if isinstance(f, PyFn):
        return f.py(this, args)
    if getattr(f, "call_kind", None) == "native":
        if f.ctor:
            r = f.fn(this, args, None)
        elif f.pass_callee:
            r = f.fn(this, args, f)
        else:
            r = f.fn(this, args)
        return drive(r) if f.gen else r
    raise type_error("not a function")


class FakeMachine:
    def call_nested(self, f: Any, this: Any, args: list) -> Any:
        return invoke(f, this, args)

    def construct_nested(self, f: Any, args: list, new_target: Any) -> Any:
        return drive(f.fn(None, args, new_target))

    def stack_trace(self) -> str:
        return ""


@contextlib.contextmanager
def standin_realm() -> Iterator[Realm]:
    """A fresh realm with the stand-in machine as the current one."""
    r = Realm()
    old = (CTX.realm, CTX.machine)
    CTX.realm = r
    CTX.machine = FakeMachine()
    try:
        yield r
    finally:
        CTX.realm, CTX.machine = old


def A(*xs: Any) -> JSArray:
    return JSArray(CTX.realm.array_prototype, [float(x) if type(x) is int else x for x in xs])
