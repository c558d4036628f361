"""Suspending and resuming functions: await (ES2017 6.2.3.1) and generators (ES2017 25.3).

Await moves the async function's frames into a promise reaction (``AsyncResume``); yield
moves the generator's frames into the generator object.  Resuming pushes them back.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from .frames import RETURN, THROW, Frame, FuncFrame
from .operations import promise_operations as P
from .operations.errors import range_error, type_error
from .operations.type_conversion import to_display
from .values import JSObject, JSThrow

if TYPE_CHECKING:
    from .realm import Realm


class JSGenerator(JSObject):
    """A generator instance (ES2017 25.3): its suspended frames live here."""
    __slots__ = ("gen_state", "frames")

    def __init__(self, proto: Optional[JSObject]) -> None:
        JSObject.__init__(self, proto, "Generator")
        self.gen_state = "start"
        self.frames: Optional[list] = None


class GenResumeFrame(Frame):
    """Below a running generator's frames: hands its yield/return result to the caller."""
    __slots__ = ("gen",)

    def __init__(self, gen: JSGenerator) -> None:
        Frame.__init__(self, step_gen_resume, None, None)
        self.gen = gen

    def on_abrupt(self, m: Any, kind: int, value: Any, label: Any) -> bool:
        return False


def step_gen_resume(m: Any, f: Frame) -> None:
    m.stack.pop()


class SuspensionMixin:
    """Machine methods for await and generators."""
    # state that Machine.__init__ sets (annotations only: no class attributes are created)
    stack: list
    rv: Any
    depth: int
    max_call_depth: int
    realm: Realm

    if TYPE_CHECKING:  # methods that Machine defines
        def unwind(self, kind: int, value: Any, label: Any) -> None: ...
        def iter_result(self, value: Any, done: bool) -> JSObject: ...

    def _func_frame_index(self) -> int:
        stack = self.stack
        i = len(stack) - 1
        while i >= 0:
            if stack[i].__class__ is FuncFrame:
                return i
            i -= 1
        raise AssertionError("await/yield outside a function frame")

    def await_(self, v: Any) -> None:
        """ES2017 6.2.3.1 Await: suspend the running async function until ``v`` settles."""
        stack = self.stack
        i = self._func_frame_index()
        ff = stack[i]
        frames = stack[i:]
        del stack[i:]
        self.depth -= 1
        promise_ctor = self.realm.intr["Promise"]
        try:
            p = P.promise_resolve(promise_ctor, v)
        except JSThrow as e:
            p = P.new_intrinsic_promise()
            P.reject_promise(p, e.value)
        cont = P.AsyncResume(frames)
        P.perform_then(p, cont, cont, None)
        self.rv = ff.promise

    def resume_async(self, cont: P.AsyncResume, value: Any, is_throw: bool) -> None:
        self.stack.extend(cont.frames)
        self.depth += 1
        if is_throw:
            self.unwind(THROW, value, None)
        else:
            self.rv = value

    def yield_(self, v: Any) -> None:
        stack = self.stack
        i = self._func_frame_index()
        ff = stack[i]
        gen = ff.gen
        gen.frames = stack[i:]
        del stack[i:]
        self.depth -= 1
        gen.gen_state = "suspended"
        self.rv = self.iter_result(v, False)

    def yield_raw(self, result: Any) -> None:
        """yield* passes the inner iterator's result object through unchanged."""
        self.yield_(None)
        self.rv = result

    def resume_generator(self, gen: Any, mode: str, value: Any) -> None:
        """ES2017 25.3.3.3 GeneratorResume / 25.3.3.4 GeneratorResumeAbrupt."""
        if not isinstance(gen, JSGenerator):
            raise type_error(f"{mode} method called on incompatible receiver {to_display(gen)}")
        st = gen.gen_state
        if st == "running":
            raise type_error("Generator is already running")
        if st == "start" and mode != "next":
            gen.gen_state = st = "done"
            gen.frames = None
        if st == "done":
            if mode == "throw":
                raise JSThrow(value)
            self.rv = self.iter_result(value if mode == "return" else None, True)
            return
        if self.depth >= self.max_call_depth:
            raise range_error("Maximum call stack size exceeded")
        stack = self.stack
        stack.append(GenResumeFrame(gen))
        stack.extend(gen.frames)  # type: ignore[arg-type]  # frames is set while start/suspended; no check on the resume path
        gen.frames = None
        gen.gen_state = "running"
        self.depth += 1
        if mode == "next":
            self.rv = value
        elif mode == "throw":
            self.unwind(THROW, value, None)
        else:
            self.unwind(RETURN, value, None)
