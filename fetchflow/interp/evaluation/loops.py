"""Iteration statements and switch (ES2017 13.7, 13.12)."""
from __future__ import annotations

from typing import Any, Callable, Optional

from ..compiler import Code, compiles
from ..frames import BREAK, CONTINUE, Frame
from ..operations.type_conversion import to_boolean
from ..values import NULL, TDZ, JSArray, JSObject
from .expressions import kid
from .payloads import ForInOfPayload, ForPayload, SwitchPayload, WhilePayload
from .statements import _truthy, stmt
from .patterns import PatternBinder
from .patterns import compile_pattern
from ..operations.type_conversion import to_object
from ..values import HOLE
from ..operations.iteration import iterator_step, iterator_value
from ..operations.iteration import IteratorRecord, get_iterator_record, iterator_step_record
from ..operations.object_operations import get_method
from ..operations.proxy_objects import for_in_visible
from ..values import SYM_ITERATOR
from ..operations.errors import type_error
from ..operations.iteration import iterator_close
from ..values import JSThrow
from .statements import _block_setup
from .async_generators import for_await_abrupt, step_for_await
from ..operations.comparison import strict_equals

# loops poll the machine's step budget every this many iterations of a closure loop
POLL = 1024


def _labels(prog: Any, node: Any) -> frozenset:
    return prog.loop_labels.get(id(node), frozenset())


def _breaks(c: tuple, labels: frozenset) -> bool:
    return c[0] == BREAK and (c[2] is None or c[2] in labels)


def _continues(c: tuple, labels: frozenset) -> bool:
    return c[0] == CONTINUE and (c[2] is None or c[2] in labels)


def loop_abrupt(m: Any, f: Frame, kind: int, value: Any, label: Any) -> bool:
    p = f.code.p
    labels = p.labels
    if kind == BREAK and (label is None or label in labels):
        m.stack.pop()
        return True
    if kind == CONTINUE and (label is None or label in labels):
        f.pc = p.after  # the loop's "after body" state
        return True
    return False


def _run_body(m: Any, f: Frame, body: Code, s: list, after: int) -> bool:
    """Run one iteration's body for a loop frame whose next state is ``after``.  True when the
    body finished here (a closure, or a native call answered at once) and the loop goes on in
    this step; False when the frame must return to the run loop (a frame was pushed, the loop
    ended, or a completion is unwinding)."""
    m.tick()
    if body.ex is not None:
        c = body.ex(s)
        if c is not None:
            labels = f.code.p.labels
            if _breaks(c, labels):
                m.stack.pop()
                return False
            if not _continues(c, labels):
                f.pc = after
                m.unwind(c[0], c[1], c[2])
                return False
        return True
    f.pc = after
    fc = body.fcode
    if fc.sc is None:
        m.stack.append(Frame(body.fstep, fc, s))
        return False
    depth = len(m.stack)
    fc.sc(m, s)
    return len(m.stack) == depth


# -- for(;;) -----------------------------------------------------------------------------------

@compiles("ForStatement")
def c_for(prog: Any, node: Any, code: Code) -> None:
    m = prog.machine
    labels = _labels(prog, node)
    bs = prog.info.block_scope.get(id(node))
    per_iteration = bs is not None and bs.materialized and node.init.kind != "const"
    template = bs.template() if bs is not None and bs.materialized else None
    tdz_slots = bs.lexical_slots if bs is not None and not bs.materialized else []
    init = stmt(prog, node.init) if node.init is not None and node.init.type == "VariableDeclaration" \
        else (kid(prog, node.init) if node.init is not None else None)
    test = kid(prog, node.test) if node.test is not None else None
    update = kid(prog, node.update) if node.update is not None else None
    body = stmt(prog, node.body)
    code.kids = [init, test, update, body]

    def enter(s: list) -> list:
        if template is not None:
            ns = list(template)
            ns[0] = s
            return ns
        for i in tdz_slots:
            s[i] = TDZ
        return s
    code.p = ForPayload(labels, 3, enter, per_iteration)
    init_ok = init is None or init.ex is not None or init.ev is not None
    if prog.closures and init_ok and (test is None or test.ev is not None) and (update is None or update.ev is not None) \
            and body.ex is not None:
        init_run: Optional[Callable] = None
        if init is not None:
            init_run = init.ex if init.ex is not None else init.ev
        tev = test.ev if test is not None else None
        uev = update.ev if update is not None else None
        bex = body.ex

        def ex(s: list) -> Any:
            s = enter(s)
            if init_run is not None:
                init_run(s)
            n = 0
            try:
                while True:
                    if tev is not None:
                        v = tev(s)
                        if not (v is True or (v is not False and to_boolean(v))):
                            return None
                    c = bex(s)
                    if c is not None:
                        if _breaks(c, labels):
                            return None
                        if not _continues(c, labels):
                            return c
                    if per_iteration:
                        s = list(s)
                    if uev is not None:
                        uev(s)
                    n += 1
                    if n == POLL:
                        n = 0
                        m.poll(POLL)

            finally:
                if n:
                    m.poll(n)
        code.ex = ex
        return
    code.step = step_for
    code.abrupt = loop_abrupt


def step_for(m: Any, f: Frame) -> None:
    init, test, update, body = f.code.kids
    pc = f.pc
    s = f.scope
    if pc == 0:
        s = f.scope = f.code.p.enter(s)
        f.pc = 1
        if init is not None:
            if init.ex is not None:
                init.ex(s)
            elif init.ev is not None:
                init.ev(s)
            else:
                m.stack.append(Frame(init.fstep or init.step, init.fcode or init, s))
                return
        pc = 1
    while True:
        if pc == 1:  # test
            if test is not None:
                if test.ev is None:
                    f.pc = 2
                    m.stack.append(Frame(test.step, test, s))
                    return
                if not _truthy(test.ev(s)):
                    m.stack.pop()
                    return
            pc = 21
        if pc == 2:  # test value arrived
            if not _truthy(m.rv):
                m.stack.pop()
                return
            pc = 21
        if pc == 21:  # body
            if not _run_body(m, f, body, s, 3):
                return
            pc = 3
        if pc == 3:  # after body: new iteration scope, then update
            if f.code.p.per_iteration:
                s = f.scope = list(s)
            if update is not None:
                if update.ev is None:
                    f.pc = 4
                    m.stack.append(Frame(update.step, update, s))
                    return
                update.ev(s)
            pc = 1
        if pc == 4:
            pc = 1
        f.pc = pc


# -- while / do-while --------------------------------------------------------------------------

@compiles("WhileStatement", "DoWhileStatement")
def c_while(prog: Any, node: Any, code: Code) -> None:
    m = prog.machine
    labels = _labels(prog, node)
    test = kid(prog, node.test)
    body = stmt(prog, node.body)
    do = node.type == "DoWhileStatement"
    code.kids = [test, body]
    code.p = WhilePayload(labels, 1, do)
    if prog.closures and test.ev is not None and body.ex is not None:
        tev, bex = test.ev, body.ex

        def ex(s: list) -> Any:
            n = 0
            first = do
            try:
                while True:
                    if not first:
                        v = tev(s)
                        if not (v is True or (v is not False and to_boolean(v))):
                            return None
                    first = False
                    c = bex(s)
                    if c is not None:
                        if _breaks(c, labels):
                            return None
                        if not _continues(c, labels):
                            return c
                    n += 1
                    if n == POLL:
                        n = 0
                        m.poll(POLL)

            finally:
                if n:
                    m.poll(n)
        code.ex = ex
        return
    code.step = step_while
    code.abrupt = loop_abrupt


def step_while(m: Any, f: Frame) -> None:
    test, body = f.code.kids
    s = f.scope
    pc = f.pc
    if pc == 0:
        pc = 3 if f.code.p.do else 1
    while True:
        if pc == 1:
            if test.ev is None:
                f.pc = 2
                m.stack.append(Frame(test.step, test, s))
                return
            if not _truthy(test.ev(s)):
                m.stack.pop()
                return
            pc = 3
        elif pc == 2:
            if not _truthy(m.rv):
                m.stack.pop()
                return
            pc = 3
        if pc == 3:
            if not _run_body(m, f, body, s, 1):
                return
            pc = 1


# -- for-in / for-of ---------------------------------------------------------------------------

def _for_binding(prog: Any, node: Any) -> tuple:
    """(enter(scope)->scope per iteration, bind(scope, value))."""
    left = node.left
    strict = prog.info.strict_of(node)
    bs = prog.info.block_scope.get(id(node))
    if left.type == "VariableDeclaration":
        target = left.declarations[0].id
        mode = "var" if left.kind == "var" else "init"
    else:
        target = left
        mode = "assign"
    bind = compile_pattern(prog, target, mode, strict, frames=True)
    if bs is not None and bs.materialized:
        template = bs.template()

        def enter(s: list) -> list:
            ns = list(template)
            ns[0] = s
            return ns
        return enter, bind
    slots = bs.lexical_slots if bs is not None else []

    def enter_flat(s: list) -> list:
        for i in slots:
            s[i] = TDZ
        return s
    return enter_flat, bind


def for_in_keys(o: Any) -> list:
    """ES2017 13.7.5.15 EnumerateObjectProperties: a snapshot of enumerable string keys."""
    if o is None or o is NULL:
        return []
    obj: Optional[JSObject] = to_object(o)
    seen: set = set()
    out = []
    while obj is not None:
        if obj.PROXY:  # V8 filters a proxy's keys as the loop reaches them (for_in_visible)
            for k in obj.own_property_keys():
                if type(k) is str and k not in seen:
                    seen.add(k)
                    out.append((obj, k))
            obj = obj.get_prototype_of()
            continue
        for k in obj.own_property_keys():
            if type(k) is not str or k in seen:
                continue
            seen.add(k)
            own = obj.get_own_property(k)
            if own is not None and own[1] & 2:
                out.append((obj, k))
        obj = obj.proto
    return out


@compiles("ForInStatement", "ForOfStatement")
def c_for_in_of(prog: Any, node: Any, code: Code) -> None:
    labels = _labels(prog, node)
    enter, bind = _for_binding(prog, node)
    right = kid(prog, node.right)
    body = stmt(prog, node.body)
    code.kids = [right, body]
    # V8 names the iterated expression in "is not iterable" errors
    code.p = ForInOfPayload(labels, 1, enter, bind, node.type == "ForOfStatement",
                            prog.text[node.right.start:node.right.end])
    if getattr(node, "isAwait", False):
        code.step = step_for_await
        code.abrupt = for_await_abrupt
        return
    code.step = step_for_in_of
    code.abrupt = for_abrupt


class _ArrayWalk:
    """Iteration over an array whose iteration behaviour is untouched (no iterator object)."""
    __slots__ = ("arr", "i")

    def __init__(self, arr: JSArray) -> None:
        self.arr = arr
        self.i = 0


def _next_item(m: Any, f: Frame) -> tuple:
    """(True, value) or (False, None) when exhausted."""
    it = f.vals
    if it.__class__ is list:  # for-in snapshot
        while f.x < len(it):
            obj, k = it[f.x]
            f.x += 1
            if obj.PROXY:
                if for_in_visible(obj, k):
                    return True, k
                continue
            own = obj.get_own_property(k)
            if own is not None:
                return True, k
        return False, None
    if it.__class__ is _ArrayWalk:
        a = it.arr
        i = it.i
        if i < a.length:
            it.i = i + 1
            e = a.elems
            if e is not None:
                v = e[i]
                return True, (None if v is HOLE else v)
            return True, a.get(str(i), a)
        return False, None
    try:
        # an Iterator Record (next read once, ES2018 7.4.1); a state saved before it holds the
        # iterator object itself
        r = iterator_step_record(it) if it.__class__ is IteratorRecord else iterator_step(it)
        if r is False:
            f.x = "done"
            return False, None
        return True, iterator_value(r)
    except BaseException:
        f.x = "done"  # the iterator itself failed: it is not closed (ES2017 13.7.5.13)
        raise


def step_for_in_of(m: Any, f: Frame) -> None:
    right, body = f.code.kids
    p = f.code.p
    enter, bind = p.enter, p.bind
    if f.pc == 0:
        if right.ev is None and f.x is None:
            f.x = "right"
            m.stack.append(Frame(right.step, right, enter(f.scope)))
            return
        v = m.rv if f.x == "right" else right.ev(enter(f.scope))
        f.x = 0
        if p.is_of:
            if v.__class__ is JSArray and m.array_iteration_pristine(v):
                f.vals = _ArrayWalk(v)
            else:
                method = None if v is None or v is NULL else get_method(v, SYM_ITERATOR)
                if method is None:
                    raise type_error(f"{p.text} is not iterable")
                f.vals = get_iterator_record(v, method)  # @@iterator and next read once
        else:
            if v is None or v is NULL:
                m.stack.pop()
                return
            f.vals = for_in_keys(v)
        f.pc = 1
    outer = f.scope
    while True:
        ok, item = _next_item(m, f)
        if not ok:
            m.stack.pop()
            return
        m.tick()
        s = enter(outer)
        if bind.__class__ is PatternBinder:
            # the head destructures with await/yield in its defaults: bind on a frame, then
            # run the body (an abrupt completion unwinds into this loop as usual)
            f.pc = 1
            after = Frame(step_body_after_pattern, None, s)
            after.vals = body
            m.stack.append(after)
            m.stack.append(bind.frame(s, item))
            return
        try:
            bind(s, item)
        except BaseException:
            _close_iter(f, True)
            raise
        if body.ex is not None:
            try:
                c = body.ex(s)
            except BaseException:
                _close_iter(f, True)
                raise
            if c is not None:
                labels = p.labels
                if _breaks(c, labels):
                    _close_iter(f, False)
                    m.stack.pop()
                    return
                if not _continues(c, labels):
                    _close_iter(f, False)
                    m.stack.pop()
                    m.unwind(c[0], c[1], c[2])
                    return
            continue
        f.pc = 1
        m.stack.append(Frame(body.fstep, body.fcode, s))
        return


def step_body_after_pattern(m: Any, f: Frame) -> None:
    """The body of a for-in/of iteration whose head was destructured on a frame."""
    body = f.vals
    s = f.scope
    m.stack.pop()
    if body.ex is not None:
        c = body.ex(s)
        if c is not None:
            m.unwind(c[0], c[1], c[2])
        return
    m.stack.append(Frame(body.fstep, body.fcode, s))


def _close_iter(f: Frame, throwing: bool) -> None:
    it = f.vals
    if it.__class__ is list or it.__class__ is _ArrayWalk or f.x == "done" or not f.code.p.is_of:
        return
    f.x = "done"  # close once
    if it.__class__ is IteratorRecord:
        it = it.iterator
    if throwing:
        try:
            iterator_close(it, True)
        except JSThrow:
            pass
    else:
        iterator_close(it, False)


def for_abrupt(m: Any, f: Frame, kind: int, value: Any, label: Any) -> bool:
    labels = f.code.p.labels
    if kind == CONTINUE and (label is None or label in labels):
        f.pc = 1
        return True
    if f.pc == 0:
        return False
    if kind == BREAK and (label is None or label in labels):
        _close_iter(f, False)
        m.stack.pop()
        return True
    # any other completion leaving the loop closes the iterator
    _close_iter(f, kind == 4)
    return False


# -- switch ------------------------------------------------------------------------------------

@compiles("SwitchStatement")
def c_switch(prog: Any, node: Any, code: Code) -> None:
    labels = _labels(prog, node)
    disc = kid(prog, node.discriminant)
    cases = []
    all_stmts = []
    for c in node.cases:
        t = kid(prog, c.test) if c.test is not None else None
        body = [stmt(prog, st) for st in c.consequent]
        all_stmts.extend(c.consequent)
        cases.append((t, body))
    setup = _block_setup(prog, node, all_stmts)
    code.kids = [disc]
    code.p = SwitchPayload(labels, cases, setup)
    code.step = step_switch
    code.abrupt = switch_abrupt


def step_switch(m: Any, f: Frame) -> None:
    p = f.code.p
    cases, setup = p.cases, p.setup
    pc = f.pc
    if pc == 0:
        d = f.code.kids[0]
        if d.ev is None and f.x is None:
            f.x = "disc"
            m.stack.append(Frame(d.step, d, f.scope))
            return
        f.vals = m.rv if f.x == "disc" else d.ev(f.scope)
        if setup is not None:
            f.scope = setup(f.scope)
        f.x = (0, False)  # (case index being tested, waiting for a test value)
        pc = f.pc = 1
    s = f.scope
    if pc == 1:  # find the matching case
        i, waiting = f.x
        default = -1
        while i < len(cases):
            t, _ = cases[i]
            if t is None:
                default = i if default < 0 else default
                i += 1
                continue
            if waiting:
                v = m.rv
                waiting = False
            elif t.ev is not None:
                v = t.ev(s)
            else:
                f.x = (i, True)
                m.stack.append(Frame(t.step, t, s))
                return
            if strict_equals(f.vals, v):
                break
            i += 1
        else:
            i = -1
        if i < 0:
            for j, (t, _) in enumerate(cases):
                if t is None:
                    i = j
                    break
        if i < 0:
            m.stack.pop()
            return
        f.x = (i, 0)
        pc = f.pc = 2
    # run consequents from case i, statement j, falling through
    i, j = f.x
    while i < len(cases):
        body = cases[i][1]
        while j < len(body):
            st = body[j]
            j += 1
            if st.ex is not None:
                c = st.ex(s)
                if c is not None:
                    f.x = (i, j)
                    if c[0] == BREAK and (c[2] is None or c[2] in p.labels):
                        m.stack.pop()
                        return
                    m.unwind(c[0], c[1], c[2])
                    return
            else:
                f.x = (i, j)
                m.stack.append(Frame(st.fstep, st.fcode, s))
                return
        i += 1
        j = 0
    m.stack.pop()


def switch_abrupt(m: Any, f: Frame, kind: int, value: Any, label: Any) -> bool:
    if kind == BREAK and (label is None or label in f.code.p.labels):
        m.stack.pop()
        return True
    return False


_ = (Callable, JSObject)
