"""Statements (ES2017 13): ``ex(scope) -> completion`` closures when call-free, frames otherwise.

A completion is ``None`` (normal) or ``(kind, value, label)`` with kind BREAK, CONTINUE or
RETURN; throw completions are Python ``JSThrow`` exceptions in closures and machine
unwinding on frames.
"""
from __future__ import annotations

from typing import Any, Callable, Optional, cast

from ..compiler import Code, compiles
from ..frames import BREAK, CONTINUE, RETURN, Frame
from ..operations.type_conversion import to_boolean
from ..values import TDZ, JSThrow
from .expressions import kid
from .function_objects import make_function
from .payloads import BlockPayload, LabeledPayload, RecordPayload, WithPayload
from .async_generators import in_async_generator, step_async_return
from .patterns import PatternBinder
from ..scope import _hops
from .references import _up
from .patterns import compile_pattern
from ..operations.type_conversion import to_object

_EMPTY_LABELS: frozenset = frozenset()


def _truthy(v: Any) -> bool:
    if v is True:
        return True
    if v is False:
        return False
    return to_boolean(v)


def _push_stmt(m: Any, st: Code, s: Any) -> None:
    m.stack.append(Frame(st.fstep, st.fcode, s))


def _finish_stmt(c: Code) -> None:
    if c.fstep is None:
        c.fstep = c.step
        c.fcode = c


def stmt(prog: Any, node: Any) -> Code:
    c = prog.code(node)
    if c.ex is None and c.fstep is None:
        _finish_stmt(c)
    if id(node) in prog.info.completion_reset and id(node) not in prog.completion_wrapped:
        prog.completion_wrapped.add(id(node))
        _reset_completion(prog.machine, c)
    stepper = getattr(prog.machine, "stepper", None)
    if stepper is not None and id(node) not in prog.step_wrapped and stepper.wants(node.line):
        prog.step_wrapped.add(id(node))
        _hook_statement(prog.machine, c)
    return c


def _hook_statement(m: Any, c: Code) -> None:
    """Call the host's step hook before this statement (compiled in only when one is set)."""
    if c.ex is not None:
        ex = c.ex

        def ex_hooked(s: list) -> Any:
            st = m.stepper
            if st is not None:
                st.fire(m, c)
            return ex(s)
        c.ex = ex_hooked
    else:
        c.prog.step_targets[id(c)] = (c.fstep, c.fcode)
        c.fstep = step_hooked
        c.fcode = c


def step_hooked(m: Any, f: Frame) -> None:
    fstep, fcode = f.code.prog.step_targets[id(f.code)]
    st = m.stepper
    if st is not None:
        st.fire(m, f.code)
    f.step = fstep
    f.code = fcode
    fstep(m, f)


def _reset_completion(m: Any, c: Code) -> None:
    """The script's completion value is undefined when this statement starts (its body may
    set it again)."""
    if c.ex is not None:
        ex = c.ex

        def ex_reset(s: list) -> Any:
            m.completion = None
            return ex(s)
        c.ex = ex_reset
    else:
        c.fstep = step_reset_completion


def step_reset_completion(m: Any, f: Frame) -> None:
    m.completion = None
    f.step = f.code.step
    f.step(m, f)


# -- blocks ------------------------------------------------------------------------------------

def _block_setup(prog: Any, node: Any, stmts: list) -> Optional[Callable]:
    """Entry action of a block scope: a new scope list, or TDZ reset of flattened slots,
    then instantiation of its function declarations.  None when nothing to do."""
    bs = prog.info.block_scope.get(id(node))
    if bs is None or bs.kind != "block":
        return None
    fdecls = [(bs.bindings[st.id.name].slot, prog.code(st)) for st in stmts
              if st.type == "FunctionDeclaration"]
    annexb = _annex_b_setters(prog, bs, stmts)
    if annexb:
        fdecls0 = fdecls

        def copy_out(s: list) -> None:
            for slot, put in annexb:
                put(s, s[slot])
        # an Annex B function is one of fdecls0, so there is always a setup
        base_setup = cast(Callable, _block_setup_plain(prog, bs, fdecls0))

        def enter_b(s: list) -> list:
            ns = base_setup(s)
            copy_out(ns)
            return ns
        return enter_b
    return _block_setup_plain(prog, bs, fdecls)


def _annex_b_setters(prog: Any, bs: Any, stmts: list) -> list:
    """(block slot, put(scope, value)) for each Annex B function of the block."""
    m = prog.machine
    out: list[tuple[int, Callable]] = []
    for st in stmts:
        fs = prog.info.annexb.get(id(st)) if st.type == "FunctionDeclaration" else None
        if fs is None:
            continue
        name = st.id.name
        bslot = bs.bindings[name].slot
        if fs.kind == "script" and prog.info.kind == "script":
            def put_g(s: list, v: Any, name: str = name) -> None:
                g = m.realm.global_object
                g.set(name, v, g)
            out.append((bslot, put_g))
            continue
        b = fs.bindings[name]
        hops = _hops(bs, b.host)
        vslot = b.slot

        def put_l(s: list, v: Any, hops: int = hops, vslot: int = vslot) -> None:
            _up(s, hops)[vslot] = v
        out.append((bslot, put_l))
    return out


def _block_setup_plain(prog: Any, bs: Any, fdecls: list) -> Optional[Callable]:
    m = prog.machine
    if bs.materialized:
        template = bs.template()

        def enter(s: list) -> list:
            ns = list(template)
            ns[0] = s
            for slot, fc in fdecls:
                ns[slot] = make_function(m, fc, ns)
            return ns
        return enter
    slots = bs.lexical_slots
    if not slots and not fdecls:
        return None

    def enter_flat(s: list) -> list:
        for i in slots:
            s[i] = TDZ
        for slot, fc in fdecls:
            s[slot] = make_function(m, fc, s)
        return s
    return enter_flat


def step_block(m: Any, f: Frame) -> None:
    code = f.code
    s = f.scope
    i = f.pc
    if i == 0 and code.p is not None and f.x is None:
        s = f.scope = code.p.setup(s)
        f.x = True
    stmts = code.kids
    n = len(stmts)
    while i < n:
        st = stmts[i]
        i += 1
        ex = st.ex
        if ex is not None:
            c = ex(s)
            if c is not None:
                f.pc = i
                m.unwind(c[0], c[1], c[2])
                return
        else:
            f.pc = i
            fc = st.fcode
            if fc.sc is None:
                m.stack.append(Frame(st.fstep, fc, s))
                return
            depth = len(m.stack)
            fc.sc(m, s)
            if len(m.stack) != depth:
                return
    m.stack.pop()


def compile_stmt_list(prog: Any, node: Any, stmts: list, code: Code, setup: Optional[Callable]) -> None:
    kids = [stmt(prog, st) for st in stmts]
    code.kids = kids
    if setup is not None:  # no payload: nothing to set up (step_block tests it first)
        code.p = BlockPayload(setup)
    if prog.closures and all(k.ex is not None for k in kids):
        exs = cast("list[Callable]", [k.ex for k in kids])
        if setup is None:
            if len(exs) == 1:
                code.ex = exs[0]
                return

            def ex(s: list) -> Any:
                for e in exs:
                    c = e(s)
                    if c is not None:
                        return c
                return None
        else:
            def ex(s: list) -> Any:
                s = setup(s)
                for e in exs:
                    c = e(s)
                    if c is not None:
                        return c
                return None
        code.ex = ex
        return
    code.step = step_block


@compiles("BlockStatement")
def c_block(prog: Any, node: Any, code: Code) -> None:
    bs = prog.info.block_scope.get(id(node))
    if bs is not None and bs.kind == "function":
        # a function body: the FuncFrame runs the statements (see machine.step_function_body)
        code.kids = [stmt(prog, st) for st in node.body]
        return
    if bs is not None and bs.node is not node and bs.node.type == "CatchClause":
        # a catch body shares the clause's scope, set up by the try statement
        compile_stmt_list(prog, node, node.body, code, None)
        return
    compile_stmt_list(prog, node, node.body, code, _block_setup(prog, node, node.body))


@compiles("Program")
def c_program(prog: Any, node: Any, code: Code) -> None:
    code.kids = [stmt(prog, st) for st in node.body]


@compiles("EmptyStatement", "DebuggerStatement")
def c_empty(prog: Any, node: Any, code: Code) -> None:
    code.ex = lambda s: None


@compiles("ExpressionStatement")
def c_expr_stmt(prog: Any, node: Any, code: Code) -> None:
    e = kid(prog, node.expression)
    record = id(node) in prog.info.script_level
    m = prog.machine
    if prog.closures and e.ev is not None:
        ev = e.ev
        if record:
            def ex_rec(s: list) -> Any:
                m.completion = ev(s)
                return None
            code.ex = ex_rec
        else:
            def ex(s: list) -> Any:
                ev(s)
                return None
            code.ex = ex
        return
    if record or e.ev is not None:
        code.kids = [e]
        code.p = RecordPayload(record)
        code.step = step_record
        return
    code.fstep = e.step
    code.fcode = e


def step_record(m: Any, f: Frame) -> None:
    """An expression statement whose value is the script's completion value (``code.p.record``),
    or whose expression is a leaf in frames-only mode."""
    if f.pc == 0:
        e = f.code.kids[0]
        if e.ev is None:
            f.pc = 1
            m.stack.append(Frame(e.step, e, f.scope))
            return
        m.rv = e.ev(f.scope)
    if f.code.p.record:
        m.completion = m.rv
    m.stack.pop()


# -- declarations ----------------------------------------------------------------------------

@compiles("VariableDeclaration")
def c_var_decl(prog: Any, node: Any, code: Code) -> None:
    strict = prog.info.strict_of(node)
    mode = "var" if node.kind == "var" else "init"
    items: list[tuple[Callable, Optional[Code]]] = []
    for d in node.declarations:
        bind = compile_pattern(prog, d.id, mode, strict, frames=True)
        if d.init is None:
            if node.kind == "var":
                continue  # `var x;` does nothing at run time
            items.append((bind, None))
            continue
        items.append((bind, kid(prog, d.init)))  # functions are named when made (inferred_names)
    code.kids = items
    if prog.closures and all((ic is None or ic.ev is not None) and b.__class__ is not PatternBinder for b, ic in items):
        pairs = [(b, ic.ev if ic is not None else None) for b, ic in items]
        if len(pairs) == 1:
            b0, e0 = pairs[0]
            if e0 is None:
                code.ex = lambda s: b0(s, None)
            else:
                def ex1(s: list) -> Any:
                    b0(s, e0(s))
                    return None
                code.ex = ex1
            return

        def ex(s: list) -> Any:
            for b, e in pairs:
                b(s, None if e is None else e(s))
            return None
        code.ex = ex
        return
    code.step = step_var_decl


def step_var_decl(m: Any, f: Frame) -> None:
    items = f.code.kids
    s = f.scope
    i = f.pc
    x = f.x
    if x is not None:
        f.x = None
        if x is True:  # a value arrived for items[i - 1]
            bind = items[i - 1][0]
            if bind.__class__ is PatternBinder:
                f.x = "pattern"
                m.stack.append(bind.frame(s, m.rv))
                return
            bind(s, m.rv)
        # x == "pattern": a destructuring frame finished binding items[i - 1]
    while i < len(items):
        bind, ic = items[i]
        i += 1
        if bind.__class__ is PatternBinder:
            if ic is not None and ic.ev is None:
                f.pc = i
                f.x = True
                m.stack.append(Frame(ic.step, ic, s))
                return
            f.pc = i
            f.x = "pattern"
            m.stack.append(bind.frame(s, ic.ev(s) if ic is not None else None))
            return
        if ic is None:
            bind(s, None)
        elif ic.ev is not None:
            bind(s, ic.ev(s))
        else:
            f.pc = i
            f.x = True
            sc = ic.sc
            if sc is None:
                m.stack.append(Frame(ic.step, ic, s))
                return
            depth = len(m.stack)
            sc(m, s)
            if len(m.stack) != depth:
                return
            f.x = None
            bind(s, m.rv)  # a native answered at once
    m.stack.pop()


# -- control flow ------------------------------------------------------------------------------

@compiles("IfStatement")
def c_if(prog: Any, node: Any, code: Code) -> None:
    t = kid(prog, node.test)
    a = stmt(prog, node.consequent)
    b = stmt(prog, node.alternate) if node.alternate is not None else None
    code.kids = [t, a, b]
    if prog.closures and t.ev is not None and a.ex is not None and (b is None or b.ex is not None):
        tev, aex = t.ev, a.ex
        if b is None:
            def ex(s: list) -> Any:
                v = tev(s)
                if v is True or (v is not False and to_boolean(v)):
                    return aex(s)
                return None
        else:
            bex = cast(Callable, b.ex)  # b.ex is not None (checked above)

            def ex(s: list) -> Any:
                v = tev(s)
                if v is True or (v is not False and to_boolean(v)):
                    return aex(s)
                return bex(s)
        code.ex = ex
        return
    code.step = step_if


def step_if(m: Any, f: Frame) -> None:
    t, a, b = f.code.kids
    s = f.scope
    if f.pc == 0:
        if t.ev is None:
            f.pc = 1
            m.stack.append(Frame(t.step, t, s))
            return
        v = t.ev(s)
    else:
        v = m.rv
    m.stack.pop()
    br = a if _truthy(v) else b
    if br is None:
        return
    if br.ex is not None:
        c = br.ex(s)
        if c is not None:
            m.unwind(c[0], c[1], c[2])
        return
    m.stack.append(Frame(br.fstep, br.fcode, s))


@compiles("ReturnStatement")
def c_return(prog: Any, node: Any, code: Code) -> None:
    if node.argument is None:
        done = (RETURN, None, None)
        code.ex = lambda s: done
        return
    a = kid(prog, node.argument)
    if in_async_generator(prog, node):  # the operand is awaited first
        code.kids = [a]
        code.step = step_async_return
        return
    if prog.closures and a.ev is not None:
        ev = a.ev
        code.ex = lambda s: (RETURN, ev(s), None)
        return
    code.kids = [a]
    code.step = step_return


def step_return(m: Any, f: Frame) -> None:
    if f.pc == 0:
        f.pc = 1
        a = f.code.kids[0]
        if a.ev is not None:  # a leaf in frames-only mode
            m.unwind(RETURN, a.ev(f.scope), None)
            return
        if a.sc is None:
            m.stack.append(Frame(a.step, a, f.scope))
            return
        depth = len(m.stack)
        a.sc(m, f.scope)
        if len(m.stack) != depth:
            return
    m.unwind(RETURN, m.rv, None)


@compiles("ThrowStatement")
def c_throw(prog: Any, node: Any, code: Code) -> None:
    a = kid(prog, node.argument)
    if prog.closures and a.ev is not None:
        ev = a.ev

        def ex(s: list) -> Any:
            raise JSThrow(ev(s))
        code.ex = ex
        return
    code.kids = [a]
    code.step = step_throw


def step_throw(m: Any, f: Frame) -> None:
    if f.pc == 0:
        f.pc = 1
        a = f.code.kids[0]
        if a.ev is not None:  # a leaf in frames-only mode
            raise JSThrow(a.ev(f.scope))
        m.stack.append(Frame(a.step, a, f.scope))
        return
    raise JSThrow(m.rv)


@compiles("BreakStatement", "ContinueStatement")
def c_break(prog: Any, node: Any, code: Code) -> None:
    kind = BREAK if node.type == "BreakStatement" else CONTINUE
    c = (kind, None, node.label.name if node.label is not None else None)
    code.ex = lambda s: c


@compiles("LabeledStatement")
def c_labeled(prog: Any, node: Any, code: Code) -> None:
    labels = set(prog.loop_labels.get(id(node), ()))
    labels.add(node.label.name)
    body = node.body
    prog.loop_labels[id(body)] = frozenset(labels)
    b = stmt(prog, body)
    code.kids = [b]
    lbls = frozenset(labels)
    if prog.closures and b.ex is not None:
        bex = b.ex

        def ex(s: list) -> Any:
            c = bex(s)
            if c is not None and c[0] == BREAK and c[2] in lbls:
                return None
            return c
        code.ex = ex
        return
    code.step = step_labeled
    code.p = LabeledPayload(lbls)
    code.abrupt = labeled_abrupt


def step_labeled(m: Any, f: Frame) -> None:
    if f.pc == 0:
        f.pc = 1
        b = f.code.kids[0]
        if b.ex is not None:  # a leaf statement in frames-only mode (`a: break a;`)
            c = b.ex(f.scope)
            if c is not None:
                m.unwind(c[0], c[1], c[2])  # through labeled_abrupt
                return
        else:
            m.stack.append(Frame(b.fstep, b.fcode, f.scope))
            return
    m.stack.pop()


def labeled_abrupt(m: Any, f: Frame, kind: int, value: Any, label: Any) -> bool:
    if kind == BREAK and label in f.code.p.labels:
        m.stack.pop()
        return True
    return False


@compiles("WithStatement")
def c_with(prog: Any, node: Any, code: Code) -> None:
    """ES2017 13.11 the with statement: the object lives in a hidden slot that identifier
    references inside the body consult first (see scope.py and references.py)."""
    ws = prog.info.block_scope[id(node)]
    slot = ws.bindings["%with"].slot
    template = ws.template() if ws.materialized else None

    def enter(s: list, v: Any) -> list:
        o = to_object(v)
        if template is not None:
            ns = list(template)
            ns[0] = s
            s = ns
        s[slot] = o
        return s
    obj = kid(prog, node.object)
    body = stmt(prog, node.body)
    code.kids = [obj, body]
    code.p = WithPayload(enter)
    if prog.closures and obj.ev is not None and body.ex is not None:
        oev, bex = obj.ev, body.ex
        code.ex = lambda s: bex(enter(s, oev(s)))
        return
    code.step = step_with


def step_with(m: Any, f: Frame) -> None:
    obj, body = f.code.kids
    if f.pc == 0:
        if obj.ev is None:
            f.pc = 1
            m.stack.append(Frame(obj.step, obj, f.scope))
            return
        v = obj.ev(f.scope)
    elif f.pc == 1:
        v = m.rv
    else:
        m.stack.pop()
        return
    f.pc = 2
    s = f.code.p.enter(f.scope, v)
    if body.ex is not None:
        c = body.ex(s)
        m.stack.pop()
        if c is not None:
            m.unwind(c[0], c[1], c[2])
        return
    m.stack.append(Frame(body.fstep, body.fcode, s))
