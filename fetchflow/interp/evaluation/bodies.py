"""Function, script and eval bodies: the step functions of the frame that runs a body's
statements (or an arrow's expression) and finishes the call."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..frames import RETURN, Frame, FuncFrame
from .expressions import choose_now as _choose_now
from .expressions import step_choose as _step_choose
from .statements import step_hooked as _step_hooked
from .statements import step_return as _step_return

if TYPE_CHECKING:
    from ..machine import Machine


def step_concise_body(m: "Machine", f: FuncFrame) -> None:
    """An arrow function's expression body."""
    code = f.code
    if f.pc == 0:
        s = f.scope
        while code.step is _step_choose and code.kids[0].ev is not None:
            code, done, v = _choose_now(code, s)
            if done:
                m.finish_function(f, v)
                return
        if code.ev is not None:
            m.finish_function(f, code.ev(s))
            return
        f.pc = 1
        if code.sc is not None:
            code.sc(m, s)
        else:
            m.stack.append(Frame(code.step, code, s))
        return
    m.finish_function(f, m.rv)


def step_function_body(m: "Machine", f: FuncFrame) -> None:
    """Run a function body's statements; falling off the end returns undefined."""
    code = f.code
    s = f.scope
    stmts = code.kids
    i = f.pc
    if f.x is not None:  # the value of a `return <call>` arrived
        m.finish_function(f, m.rv)
        return
    n = len(stmts)
    while i < n:
        st = stmts[i]
        i += 1
        ex = st.ex
        if ex is not None:
            c = ex(s)
            if c is not None:
                f.pc = i
                kind = c[0]
                if kind == RETURN:
                    m.finish_function(f, c[1])
                    return
                m.unwind(kind, c[1], c[2])
                return
        else:
            f.pc = i
            fc = st.fcode
            if fc.step is _step_return and st.fstep is not _step_hooked:
                # `return <expr with calls>` directly in the body: the value comes back here
                f.x = True
                fc = fc.kids[0]
                while fc.step is _step_choose and fc.kids[0].ev is not None:
                    # a conditional/logical whose test needs no call: choose the branch now
                    fc, done, v = _choose_now(fc, s)
                    if done:
                        m.finish_function(f, v)
                        return
                if fc.ev is not None:
                    m.finish_function(f, fc.ev(s))
                    return
                if fc.sc is not None:
                    fc.sc(m, s)
                else:
                    m.stack.append(Frame(fc.step, fc, s))
                return
            if fc.sc is None:
                m.stack.append(Frame(st.fstep, fc, s))
                return
            depth = len(m.stack)
            fc.sc(m, s)
            if len(m.stack) != depth:
                return
    f.pc = i
    m.finish_function(f, None)
