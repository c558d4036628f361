"""yield* (ES2017 14.4.14): delegation to an inner iterator on the frame stack."""
from __future__ import annotations

from typing import Any

from ..frames import RETURN, THROW, Frame
from ..operations.errors import type_error
from ..values import JSObject
from ..operations.iteration import get_iterator
from ..operations.type_conversion import to_boolean
from ..operations.object_operations import get_method
from ..operations.iteration import iterator_close

# pc: 0 evaluate operand, 1 operand arrived, 2 waiting for inner.next/throw/return result,
#     3 suspended at our yield (resumed by next), 4 done
WAIT_INNER = 2
SUSPENDED = 3


def step_yield_star(m: Any, f: Frame) -> None:
    pc = f.pc
    if pc == 0:
        arg = f.code.kids[0]
        if arg.ev is None:
            f.pc = 1
            m.stack.append(Frame(arg.step, arg, f.scope))
            return
        v = arg.ev(f.scope)
        pc = 1
    else:
        v = m.rv
    if pc == 1:
        rec = get_iterator(v)
        f.x = rec
        _call_inner(m, f, "next", None)
        return
    if pc == WAIT_INNER:
        res = v
        if not isinstance(res, JSObject):
            raise type_error(f"Iterator result {res} is not an object")
        done = res.get("done", res)
        if to_boolean(done):
            value = res.get("value", res)
            if f.vals == "return":
                m.stack.pop()
                m.unwind(RETURN, value, None)
                return
            m.stack.pop()
            m.rv = value
            return
        f.pc = SUSPENDED
        m.yield_raw(res)
        return
    if pc == SUSPENDED:
        # resumed by next(v)
        _call_inner(m, f, "next", v)
        return


def _iterator_object(rec: Any) -> Any:
    return getattr(rec, "iterator", None) or (rec[0] if isinstance(rec, (tuple, list)) else rec)


def _call_inner(m: Any, f: Frame, method: str, value: Any) -> None:
    rec = f.x
    it = _iterator_object(rec)
    f.vals = method
    if method == "next":
        nxt = getattr(rec, "next_method", None)
        if nxt is None:
            nxt = it.get("next", it)
        f.pc = WAIT_INNER
        m.call_value(nxt, it, [value])
        return
    fn = get_method(it, method)
    if fn is None:
        if method == "return":
            m.stack.pop()
            m.unwind(RETURN, value, None)
            return
        # throw without a throw method: close the inner iterator, then TypeError
        iterator_close(rec, False)
        m.stack.pop()
        raise type_error("The iterator does not provide a 'throw' method")
    f.pc = WAIT_INNER
    m.call_value(fn, it, [value])


def yield_star_abrupt(m: Any, f: Frame, kind: int, value: Any, label: Any) -> bool:
    if f.pc != SUSPENDED:
        return False
    # leave the suspended state first: an error while forwarding the completion to the
    # inner iterator must propagate past this frame, not be forwarded again
    f.pc = WAIT_INNER
    if kind == THROW:
        _call_inner(m, f, "throw", value)
        return True
    if kind == RETURN:
        _call_inner(m, f, "return", value)
        return True
    return False
