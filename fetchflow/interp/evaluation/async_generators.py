"""Async iteration on frames: ``yield``, ``yield*`` and ``return`` in an async generator
(ES2023 15.5.5, 27.6.3.8 AsyncGeneratorYield, 14.10.1), and ``for await`` (14.7.5.6
ForIn/OfBodyEvaluation with iteratorKind async, 7.4.13 AsyncIteratorClose).

Every await here is the machine's ``await_`` from a step: the step sets its next ``pc``,
the function's frames move into a promise reaction, and the step runs again with the
settled value in ``m.rv`` (or the rejection unwinding from this frame).  The generator
object and its request queue are builtins/async_generator.py's; resuming a generator
suspended at a yield leaves the request's mode in the yield frame's ``x`` and its value in
``m.rv`` (AsyncGeneratorUnwrapYieldResumption is the frame's job).
"""
from __future__ import annotations

from typing import Any

from ..builtins.async_from_sync import get_async_iterator
from ..builtins.async_generator import (SUSPENDED_YIELD, async_generator_complete_step)
from ..frames import BREAK, CONTINUE, RETURN, THROW, Frame
from ..operations.errors import type_error
from ..operations.object_operations import get_method
from ..operations.type_conversion import to_boolean, to_display
from ..values import JSObject, JSThrow
from .patterns import PatternBinder

_FUNCTION_TYPES = ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression")


def in_async_generator(prog: Any, node: Any) -> bool:
    """Whether ``node`` (a return or yield) belongs to an async generator's body: those
    await their operand.  The set is computed once per loaded program, from its scopes."""
    marks = getattr(prog, "async_gen_marks", None)
    if marks is None:
        marks = set()
        for sc in prog.info.scopes.values():
            fn = sc.node
            if fn.type in _FUNCTION_TYPES and fn.isAsync and fn.generator:
                todo = list(fn.iter_children())
                while todo:
                    n = todo.pop()
                    if n.type in _FUNCTION_TYPES:
                        continue  # its returns are its own
                    if n.type in ("ReturnStatement", "YieldExpression"):
                        marks.add(id(n))
                    todo.extend(n.iter_children())
        prog.async_gen_marks = marks
    return id(node) in marks


def _operand(m: Any, f: Frame) -> tuple:
    """(True, value) of the frame's operand kid evaluated now, or (False, None) once its
    frame is pushed (the value comes back in ``m.rv`` with ``pc`` 1)."""
    kids = f.code.kids
    arg = kids[0] if kids else None
    if arg is None:
        return True, None
    if arg.ev is None:
        f.pc = 1
        m.stack.append(Frame(arg.step, arg, f.scope))
        return False, None
    return True, arg.ev(f.scope)


def _async_generator_yield(m: Any, f: Frame, value: Any, resume_pc: int) -> None:
    """ES2023 27.6.3.8 AsyncGeneratorYield: settle the first request with ``value``; with
    more requests queued go on at once with the next one, else suspend.  Either way the
    frame's step runs again at ``resume_pc`` with the request's mode in ``f.x`` and its value
    in ``m.rv``."""
    stack = m.stack
    i = m._func_frame_index()
    gen = stack[i].gen
    async_generator_complete_step(gen, False, value, False)
    f.pc = resume_pc
    queue = gen.queue
    if queue:
        req = queue[0]
        f.x = req.mode
        m.rv = req.value
        return
    gen.ag_state = SUSPENDED_YIELD
    gen.frames = stack[i:]
    del stack[i:]
    m.depth -= 1
    m.rv = None


# -- yield ---------------------------------------------------------------------------------------
# pc: 0 start, 1 operand arrived, 2 operand awaited, 3 resumed (x: mode), 4 return value awaited

def step_async_yield(m: Any, f: Frame) -> None:
    """``yield v`` in an async generator (ES2023 15.5.5 Yield: AsyncGeneratorYield(? Await(v)))."""
    pc = f.pc
    if pc == 0 or pc == 1:
        if pc == 0:
            ok, v = _operand(m, f)
            if not ok:
                return
        else:
            v = m.rv
        f.pc = 2
        m.await_(v)
        return
    if pc == 2:
        _async_generator_yield(m, f, m.rv, 3)
        return
    if pc == 3:  # AsyncGeneratorUnwrapYieldResumption
        mode = f.x
        if mode == "next":
            m.stack.pop()
            return
        if mode == "throw":
            m.stack.pop()
            raise JSThrow(m.rv)
        f.pc = 4
        m.await_(m.rv)
        return
    m.stack.pop()
    m.unwind(RETURN, m.rv, None)


# -- return --------------------------------------------------------------------------------------

def step_async_return(m: Any, f: Frame) -> None:
    """``return v`` in an async generator awaits v first (ES2023 14.10.1 step 3)."""
    pc = f.pc
    if pc == 0 or pc == 1:
        if pc == 0:
            ok, v = _operand(m, f)
            if not ok:
                return
        else:
            v = m.rv
        f.pc = 2
        m.await_(v)
        return
    m.stack.pop()
    m.unwind(RETURN, m.rv, None)


# -- yield* --------------------------------------------------------------------------------------
# vals: the inner async Iterator Record; x: the received completion's mode
YS_CALLED = 2          # the inner next/throw/return was called: its result in rv
YS_AWAITED = 3         # that result awaited
YS_RESUMED = 4         # resumed after our yield: x mode, rv value
YS_RETURN_AWAITED = 5  # a return resumption's value awaited (its rejection is a throw received)
YS_RETURN_PLAIN = 6    # no inner return method: the value awaited, then we return it
YS_CLOSE_CALLED = 7    # no inner throw method: its return() was called
YS_CLOSE_AWAITED = 8


def step_async_yield_star(m: Any, f: Frame) -> None:
    """``yield* v`` in an async generator (ES2023 15.5.5 step 5-8 with generatorKind async)."""
    pc = f.pc
    if pc == 0 or pc == 1:
        if pc == 0:
            ok, v = _operand(m, f)
            if not ok:
                return
        else:
            v = m.rv
        f.vals = get_async_iterator(v)
        _inner_call(m, f, "next", None)
        return
    if pc == YS_CALLED or pc == YS_CLOSE_CALLED:
        f.pc = pc + 1
        m.await_(m.rv)
        return
    if pc == YS_AWAITED:
        res = m.rv
        if not isinstance(res, JSObject):
            raise type_error(f"Iterator result {to_display(res)} is not an object")
        if to_boolean(res.get("done", res)):
            value = res.get("value", res)
            m.stack.pop()
            if f.x == "return":
                m.unwind(RETURN, value, None)
            else:
                m.rv = value
            return
        _async_generator_yield(m, f, res.get("value", res), YS_RESUMED)
        return
    if pc == YS_RESUMED:
        if f.x == "return":
            f.pc = YS_RETURN_AWAITED
            m.await_(m.rv)
            return
        _inner_call(m, f, f.x, m.rv)
        return
    if pc == YS_RETURN_AWAITED:
        _inner_call(m, f, "return", m.rv)
        return
    if pc == YS_RETURN_PLAIN:
        m.stack.pop()
        m.unwind(RETURN, m.rv, None)
        return
    if pc == YS_CLOSE_AWAITED:
        if not isinstance(m.rv, JSObject):
            raise type_error(f"Iterator result {to_display(m.rv)} is not an object")
        raise type_error("The iterator does not provide a 'throw' method.")


def _inner_call(m: Any, f: Frame, mode: str, value: Any) -> None:
    """Send the received completion to the inner iterator (ES2023 15.5.5 step 8.a-c)."""
    rec = f.vals
    it = rec.iterator
    f.x = mode
    if mode == "next":
        fn = rec.next_method
    else:
        fn = get_method(it, mode)
        if fn is None:
            if mode == "return":
                f.pc = YS_RETURN_PLAIN
                m.await_(value)
                return
            # no throw method: AsyncIteratorClose(iteratorRecord, normal), then a TypeError
            ret = get_method(it, "return")
            if ret is None:
                raise type_error("The iterator does not provide a 'throw' method.")
            f.pc = YS_CLOSE_CALLED
            m.call_value(ret, it, [])
            return
    f.pc = YS_CALLED
    m.call_value(fn, it, [value])


def async_yield_star_abrupt(m: Any, f: Frame, kind: int, value: Any, label: Any) -> bool:
    """A rejected return resumption is a throw completion received by yield* (15.5.5 8.b)."""
    if kind == THROW and f.pc == YS_RETURN_AWAITED:
        _inner_call(m, f, "throw", value)
        return True
    return False


# -- for await -----------------------------------------------------------------------------------
FA_NEXT = 1           # call next
FA_CALLED = 2         # next's result in rv
FA_AWAITED = 3        # the awaited result in rv
FA_BODY = 4           # binding or body running on frames
FA_CLOSE_CALLED = 5   # AsyncIteratorClose: return()'s result in rv
FA_CLOSE_AWAITED = 6
FA_DONE = 7           # closing failed: let the throw pass


def step_for_await(m: Any, f: Frame) -> None:
    """``for await (lhs of expr) body`` (ES2023 14.7.5.6 with iteratorKind async): each
    next() result is awaited; leaving the loop early closes the iterator, awaiting return()."""
    right, body = f.code.kids
    p = f.code.p
    pc = f.pc
    if pc == 0:
        if right.ev is None and f.x is None:
            f.x = "right"
            m.stack.append(Frame(right.step, right, p.enter(f.scope)))
            return
        v = m.rv if f.x == "right" else right.ev(p.enter(f.scope))
        f.x = None
        f.vals = get_async_iterator(v, p.text)
        pc = FA_NEXT
    if pc == FA_NEXT or pc == FA_BODY:
        rec = f.vals
        f.pc = FA_CALLED
        m.call_value(rec.next_method, rec.iterator, [])
        return
    if pc == FA_CALLED or pc == FA_CLOSE_CALLED:
        f.pc = pc + 1
        m.await_(m.rv)
        return
    if pc == FA_CLOSE_AWAITED:
        if f.x[0] != THROW and not isinstance(m.rv, JSObject):
            f.pc = FA_DONE
            raise type_error(f"Iterator result {to_display(m.rv)} is not an object")
        _finish(m, f)
        return
    # FA_AWAITED: the next result
    r = m.rv
    if not isinstance(r, JSObject):
        raise type_error(f"Iterator result {to_display(r)} is not an object")
    if to_boolean(r.get("done", r)):
        m.stack.pop()
        return
    item = r.get("value", r)
    m.tick()
    s = p.enter(f.scope)
    bind = p.bind
    f.pc = FA_BODY
    if bind.__class__ is PatternBinder:
        after = Frame(step_body_after_await_pattern, None, s)
        after.vals = body
        m.stack.append(after)
        m.stack.append(bind.frame(s, item))
        return
    try:
        bind(s, item)
        if body.ex is None:
            m.stack.append(Frame(body.fstep, body.fcode, s))
            return
        c = body.ex(s)
    except JSThrow as e:
        _begin_close(m, f, THROW, e.value, None)
        return
    if c is not None:
        for_await_abrupt(m, f, c[0], c[1], c[2])


def step_body_after_await_pattern(m: Any, f: Frame) -> None:
    """The body of a for-await iteration whose head was destructured on a frame."""
    body = f.vals
    s = f.scope
    m.stack.pop()
    if body.ex is not None:
        c = body.ex(s)
        if c is not None:
            m.unwind(c[0], c[1], c[2])
        return
    m.stack.append(Frame(body.fstep, body.fcode, s))


def for_await_abrupt(m: Any, f: Frame, kind: int, value: Any, label: Any) -> bool:
    """A completion leaving the body (or the head's binding) closes the iterator first;
    one leaving return() or its await passes, unless the loop was already throwing."""
    pc = f.pc
    if pc == FA_BODY:
        labels = f.code.p.labels
        if kind == CONTINUE and (label is None or label in labels):
            f.pc = FA_NEXT
            return True
        if kind == BREAK and (label is None or label in labels):
            _begin_close(m, f, 0, None, None)
        else:
            _begin_close(m, f, kind, value, label)
        return True
    if (pc == FA_CLOSE_CALLED or pc == FA_CLOSE_AWAITED) and f.x[0] == THROW:
        _finish(m, f)  # ES2023 7.4.13 step 5: the original throw wins
        return True
    return False


def _begin_close(m: Any, f: Frame, kind: int, value: Any, label: Any) -> None:
    """ES2023 7.4.13 AsyncIteratorClose(iteratorRecord, completion): call return() (its
    result is awaited in the step), then finish with ``(kind, value, label)``; kind 0:
    the loop ends normally."""
    f.x = (kind, value, label)
    it = f.vals.iterator
    try:
        ret = get_method(it, "return")
        if ret is None:
            _finish(m, f)
            return
        f.pc = FA_CLOSE_CALLED
        m.call_value(ret, it, [])
    except JSThrow:
        if kind == THROW:
            _finish(m, f)
            return
        f.pc = FA_DONE
        raise


def _finish(m: Any, f: Frame) -> None:
    kind, value, label = f.x
    m.stack.pop()
    if kind:
        m.unwind(kind, value, label)
