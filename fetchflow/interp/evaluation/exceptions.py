"""The try statement (ES2017 13.15): catch binding and finally with completion overriding."""
from __future__ import annotations

from typing import Any, Callable, NoReturn, Optional

from ..compiler import Code, compiles
from ..frames import THROW, Frame
from ..values import JSThrow
from .payloads import TryPayload
from .statements import _block_setup, stmt
from .patterns import compile_pattern
from .functions import make_function


def _catch_parts(prog: Any, handler: Any) -> tuple:
    """(enter(scope, exc) -> scope, body Code) for a catch clause."""
    bs = prog.info.block_scope[id(handler)]
    body = handler.body
    strict = prog.info.strict_of(handler)
    bind = compile_pattern(prog, handler.param, "init", strict) if handler.param is not None else None
    setup = _block_setup(prog, handler, body.body)
    m = prog.machine
    _ = m
    if bs.materialized:
        template = bs.template()
        fdecls = [(bs.bindings[st.id.name].slot, prog.code(st)) for st in body.body
                  if st.type == "FunctionDeclaration"]

        def enter(s: list, exc: Any) -> list:
            ns = list(template)
            ns[0] = s
            if bind is not None:
                bind(ns, exc)
            for slot, fc in fdecls:
                ns[slot] = make_function(prog.machine, fc, ns)
            return ns
    else:
        def enter(s: list, exc: Any) -> list:
            if setup is not None:
                s = setup(s)
            if bind is not None:
                bind(s, exc)
            return s
    return enter, stmt(prog, body)


def _finish(c: Code) -> None:
    if c.ex is None and c.fstep is None:
        c.fstep = c.step
        c.fcode = c


@compiles("TryStatement")
def c_try(prog: Any, node: Any, code: Code) -> None:
    block = stmt(prog, node.block)
    enter: Optional[Callable] = None
    catch_body: Optional[Code] = None
    if node.handler is not None:
        enter, catch_body = _catch_parts(prog, node.handler)
    fin = stmt(prog, node.finalizer) if node.finalizer is not None else None
    code.kids = [block, catch_body, fin]
    code.p = TryPayload(enter)
    if prog.closures and block.ex is not None and (catch_body is None or catch_body.ex is not None) and \
            (fin is None or fin.ex is not None):
        bex = block.ex
        cex = catch_body.ex if catch_body is not None else None
        fex = fin.ex if fin is not None else None

        def ex(s: list) -> Any:
            try:
                c = bex(s)
            except JSThrow as e:
                if cex is None:
                    if fex is not None:
                        fc = fex(s)
                        if fc is not None:
                            return fc
                    raise
                try:
                    c = cex(enter(s, e.value))  # type: ignore[misc]
                except JSThrow:
                    if fex is not None:
                        fc = fex(s)
                        if fc is not None:
                            return fc
                    raise
            if fex is not None:
                fc = fex(s)
                if fc is not None:
                    return fc
            return c
        code.ex = ex
        return
    code.step = step_try
    code.abrupt = try_abrupt


# pc: 0 start, 1 in try block, 2 in catch, 3 in finally, 4 done
def step_try(m: Any, f: Frame) -> None:
    block, catch_body, fin = f.code.kids
    pc = f.pc
    if pc == 0:
        f.pc = 1
        if block.ex is not None:
            try:
                c = block.ex(f.scope)
            except JSThrow as e:
                try_abrupt(m, f, THROW, e.value, None) or _rethrow(m, f, e)
                return
            if c is not None:
                m.unwind(c[0], c[1], c[2])
                return
        else:
            m.stack.append(Frame(block.fstep, block.fcode, f.scope))
            return
        pc = 1
    if pc == 1 or pc == 2:
        # try block or catch body completed normally
        if fin is None:
            m.stack.pop()
            return
        f.pc = 3
        f.x = None
        _run_finally(m, f)
        return
    if pc == 3:
        # finally completed normally: resume the saved completion
        m.stack.pop()
        saved = f.x
        if saved is not None:
            m.unwind(saved[0], saved[1], saved[2])
        return


def _rethrow(m: Any, f: Frame, e: JSThrow) -> NoReturn:
    m.stack.pop()
    raise e


def _run_finally(m: Any, f: Frame) -> None:
    fin = f.code.kids[2]
    if fin.ex is not None:
        c = fin.ex(f.scope)
        if c is not None:
            m.stack.pop()
            m.unwind(c[0], c[1], c[2])
            return
        m.stack.pop()
        saved = f.x
        if saved is not None:
            m.unwind(saved[0], saved[1], saved[2])
        return
    m.stack.append(Frame(fin.fstep, fin.fcode, f.scope))


def try_abrupt(m: Any, f: Frame, kind: int, value: Any, label: Any) -> bool:
    block, catch_body, fin = f.code.kids
    pc = f.pc
    if pc == 1 and kind == THROW and catch_body is not None:
        f.pc = 2
        s = f.code.p.enter_catch(f.scope, value)
        if catch_body.ex is not None:
            try:
                c = catch_body.ex(s)
            except JSThrow as e:
                if fin is None:
                    m.stack.pop()
                    raise
                f.pc = 3
                f.x = (THROW, e.value, None)
                _run_finally(m, f)
                return True
            if c is not None:
                if fin is None:
                    m.stack.pop()
                    m.unwind(c[0], c[1], c[2])
                    return True
                f.pc = 3
                f.x = c
                _run_finally(m, f)
                return True
            step_try(m, f)
            return True
        m.stack.append(Frame(catch_body.fstep, catch_body.fcode, s))
        return True
    if (pc == 1 or pc == 2) and fin is not None:
        f.pc = 3
        f.x = (kind, value, label)
        _run_finally(m, f)
        return True
    return False
