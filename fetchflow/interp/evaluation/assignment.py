"""Assignment and update expressions (ES2017 12.15, 12.4.4, 12.5.7)."""
from __future__ import annotations

from typing import Any, Callable, cast

from ..compiler import Code, compiles
from ..frames import Frame
from ..operations.errors import reference_error
from ..operations.operators import BIG_STRING, BINARY, js_increment
from ..operations.type_conversion import to_property_key
from .expressions import (_super_get, get_computed, get_member, is_strict, kid, put_computed,
                          put_member)
from .operands import step_ops, value_finisher
from .payloads import CompoundMemberPayload
from .references import append_in_place, make_get, make_place, make_put
from .patterns import PatternBinder, compile_pattern
from .expressions import _super_base
from ..operations.errors import type_error
from .references import coercible as _coercible, with_reference as _with_reference
from .logical_assignment import LOGICAL_OPS, compile_logical_assignment
from .private_names import compile_private_update, is_private_member


def compile_assignment(prog: Any, node: Any, code: Code) -> None:
    if is_private_member(node.left):
        compile_private_update(prog, node, code)
        return
    op = node.operator
    if op in LOGICAL_OPS:
        compile_logical_assignment(prog, node, code)
        return
    target = node.left
    strict = is_strict(prog, node)
    rhs = kid(prog, node.right)
    if target.type in ("ObjectPattern", "ArrayPattern"):
        bind = compile_pattern(prog, target, "assign", strict, frames=True)
        if bind.__class__ is PatternBinder:
            code.kids = [rhs]
            code.step = step_ops
            binder = bind

            def fin_pat_frames(m: Any, f: Frame, vals: list) -> None:
                m.stack.pop()
                m.stack.append(binder.frame(f.scope, vals[0]))  # its value is the rhs value
            code.fin = fin_pat_frames
            return
        if rhs.ev is not None and not prog.has_calls(node):
            rev = rhs.ev

            def ev_pat(s: list) -> Any:
                v = rev(s)
                bind(s, v)
                return v
            code.ev = ev_pat
            return
        code.kids = [rhs]
        code.step = step_ops

        def fin_pat(m: Any, f: Frame, vals: list) -> None:
            bind(f.scope, vals[0])
            m.stack.pop()
            m.rv = vals[0]
        code.fin = fin_pat
        return
    if target.type == "Identifier" and prog.res(target)[0] == "with":
        _compile_with_assignment(prog, node, code, strict, rhs)
        return
    if target.type == "Identifier":
        name = target.name
        put = make_put(prog, target, name, strict)
        if op == "=":
            if prog.closures and rhs.ev is not None:
                rev = rhs.ev  # an anonymous function is named when made (inferred_names)

                def ev_set(s: list) -> Any:
                    v = rev(s)
                    put(s, v)
                    return v
                code.ev = ev_set
                return
            code.kids = [rhs]
            code.step = step_ops

            def fin_set(m: Any, f: Frame, vals: list) -> None:
                v = vals[0]
                put(f.scope, v)
                m.stack.pop()
                m.rv = v
            code.fin = fin_set
            return
        fn = BINARY[op[:-1]]
        get = make_get(prog, target, name)
        place = make_place(prog, target, name) if op == "+=" else None
        # `s += t;` as a whole statement: its value replaces the completion value at once, so
        # an old completion value that is this very string may be let go before appending
        whole = op == "+=" and id(node) in _statement_expressions(prog)
        if prog.closures and rhs.ev is not None:
            rev = rhs.ev
            if op == "+=":
                def ev_addset(s: list) -> Any:
                    a = get(s)
                    b = rev(s)
                    if type(a) is float and type(b) is float:
                        v = a + b
                    elif type(a) is str and type(b) is str and place is not None:
                        where = place(s)
                        if where is not None and where[0][where[1]] is a:
                            a = None   # the binding's string: append_in_place holds it alone
                            return append_in_place(where[0], where[1], b, whole)
                        v = a + b if len(a) + len(b) < BIG_STRING else fn(a, b)
                    else:
                        v = fn(a, b)
                    put(s, v)
                    return v
                code.ev = ev_addset
                return

            def ev_opset(s: list) -> Any:
                v = fn(get(s), rev(s))
                put(s, v)
                return v
            code.ev = ev_opset
            return
        getc = Code(target, prog)
        getc.ev = get
        code.kids = [getc, rhs]
        code.step = step_ops

        def fin_opset(m: Any, f: Frame, vals: list) -> None:
            a = vals[0]
            b = vals[1]
            if place is not None and type(a) is str and type(b) is str:
                where = place(f.scope)
                if where is not None and where[0][where[1]] is a:   # as ev_addset does
                    a = None
                    vals.clear()
                    v = append_in_place(where[0], where[1], b, whole)
                    m.stack.pop()
                    m.rv = v
                    return
            v = fn(a, b)
            put(f.scope, v)
            m.stack.pop()
            m.rv = v
        code.fin = fin_opset
        return
    if target.type != "MemberExpression":
        def ev_bad(s: list) -> Any:
            raise reference_error("Invalid left-hand side in assignment")
        code.ev = ev_bad
        return
    if target.object.type == "Super":
        _compile_super_assignment(prog, node, code, strict)
        return
    obj = kid(prog, target.object)
    const_key = None if target.computed else target.property.name
    keyc = kid(prog, target.property) if target.computed else None
    # None for `=`; mypy typed `fn` from the Identifier branch above (which returned), and
    # an Optional declaration would break the closures there, so the None is not declared
    fn = BINARY[op[:-1]] if op != "=" else None  # type: ignore[assignment]

    def store(o: Any, k: Any, v: Any) -> None:
        if const_key is not None:
            put_member(o, const_key, v, strict)
        else:
            put_computed(o, k, v, strict)

    def read(o: Any, k: Any) -> Any:
        if const_key is not None:
            return get_member(o, const_key) if o is not None else get_computed(o, const_key)
        return get_computed(o, k)
    all_ev = prog.closures and obj.ev is not None and (keyc is None or keyc.ev is not None) and rhs.ev is not None
    if all_ev:
        # all_ev: every ev below is set
        oev = cast(Callable, obj.ev)
        kev = cast(Callable, keyc.ev if keyc is not None else (lambda s: None))
        rev = cast(Callable, rhs.ev)
        if fn is None:
            if const_key is not None:
                def ev_mset(s: list) -> Any:
                    o = oev(s)
                    v = rev(s)
                    put_member(o, const_key, v, strict)
                    return v
                code.ev = ev_mset
            else:
                def ev_cset(s: list) -> Any:
                    o = oev(s)
                    k = kev(s)
                    v = rev(s)
                    put_computed(o, k, v, strict)
                    return v
                code.ev = ev_cset
            return

        def ev_mop(s: list) -> Any:
            o = oev(s)
            k = kev(s)
            if const_key is None:
                _coercible(o, k)
                k = to_property_key(k)
            v = fn(read(o, k), rev(s))
            store(o, k, v)
            return v
        code.ev = ev_mop
        return
    kids = [obj] + ([keyc] if keyc is not None else [])
    if fn is None:
        code.kids = kids + [rhs]
        code.step = step_ops

        def fin_mset(m: Any, f: Frame, vals: list) -> None:
            v = vals[-1]
            store(vals[0], vals[1] if keyc is not None else None, v)
            m.stack.pop()
            m.rv = v
        code.fin = fin_mset
        return
    # compound: obj, key, then GetValue, then the right-hand side
    code.kids = kids
    code.step = step_compound_member
    code.p = CompoundMemberPayload(read, store, fn, rhs, keyc is not None)


def step_compound_member(m: Any, f: Frame) -> None:
    p = f.code.p
    if f.x is None:
        step_ops_prefix(m, f)
        return
    # f.x = [obj, key, old]; m.rv is the right-hand side's value
    o, k, old = f.x
    v = p.op_fn(old, m.rv)
    p.store(o, k, v)
    m.stack.pop()
    m.rv = v


def step_ops_prefix(m: Any, f: Frame) -> None:
    """Evaluate the operand kids; then read the old value and evaluate the rhs."""
    code = f.code
    kids = code.kids
    vals = f.vals
    pc = f.pc
    if vals is None:
        vals = f.vals = []
    elif len(vals) < pc:
        vals.append(m.rv)
    s = f.scope
    while pc < len(kids):
        k = kids[pc]
        pc += 1
        if k.ev is not None:
            vals.append(k.ev(s))
        else:
            f.pc = pc
            m.stack.append(Frame(k.step, k, s))
            return
    f.pc = pc
    p = code.p
    rhs = p.rhs
    o = vals[0]
    if p.has_key:
        _coercible(o, vals[1])
    key = to_property_key(vals[1]) if p.has_key else None
    old = p.read(o, key)
    f.x = [o, key, old]
    if rhs.ev is not None:
        m.rv = rhs.ev(s)
        step_compound_member(m, f)
    else:
        m.stack.append(Frame(rhs.step, rhs, s))


def _compile_super_assignment(prog: Any, node: Any, code: Code, strict: bool) -> None:
    home_proto = _super_base(prog, node.left.object)[0]
    target = node.left
    keyc = kid(prog, target.property) if target.computed else None
    const_key = None if target.computed else target.property.name
    rhs = kid(prog, node.right)
    fn = BINARY[node.operator[:-1]] if node.operator != "=" else None

    def assign(s: list, this: Any, k: Any, v: Any) -> Any:
        p = home_proto(s)   # GetSuperBase before ToPropertyKey (ES2024 13.3.7.1)
        key = const_key if keyc is None else to_property_key(k)
        if fn is not None:
            v = fn(_super_get(p, key, this), v)
        if p is None:
            raise type_error("Cannot set property on undefined super")
        ok = p.set(key, v, this)
        if not ok and strict:
            raise type_error(f"Cannot assign to read only property '{key}'")
        return v
    # the Super kid reads `this` before the key and the value run (super[super()] = v throws)
    kids = [kid(prog, target.object)] + ([keyc] if keyc is not None else []) + [rhs]
    code.kids = kids
    code.step = step_ops

    def fin(m: Any, f: Frame, vals: list) -> None:
        v = assign(f.scope, vals[0], vals[1] if keyc is not None else None, vals[-1])
        m.stack.pop()
        m.rv = v
    code.fin = fin


def _compile_with_assignment(prog: Any, node: Any, code: Code, strict: bool, rhs: Code) -> None:
    resolve, get, put = _with_reference(prog, node.left, strict)
    fn = BINARY[node.operator[:-1]] if node.operator != "=" else None
    refc = Code(node.left, prog)

    def ref_ev(s: list) -> Any:
        r = resolve(s)
        return (r, get(r, s) if fn is not None else None)
    refc.ev = ref_ev

    def finish(s: list, ref: tuple, rv: Any) -> Any:
        r, old = ref
        v = rv if fn is None else fn(old, rv)
        put(r, s, v)
        return v
    if prog.closures and rhs.ev is not None:
        rev = rhs.ev
        code.ev = lambda s: finish(s, ref_ev(s), rev(s))
        return
    code.kids = [refc, rhs]
    code.step = step_ops
    code.fin = value_finisher_scope(finish)


def value_finisher_scope(finish: Any) -> Any:
    def fin(m: Any, f: Frame, vals: list) -> None:
        v = finish(f.scope, vals[0], vals[1])
        m.stack.pop()
        m.rv = v
    return fin


def compile_update(prog: Any, node: Any, code: Code) -> None:
    if is_private_member(node.argument):
        compile_private_update(prog, node, code)
        return
    target = node.argument
    delta = 1.0 if node.operator == "++" else -1.0
    prefix = node.prefix
    strict = is_strict(prog, node)
    if target.type == "Identifier" and prog.res(target)[0] == "with":
        ref = _with_reference(prog, target, strict)

        def ev_with_upd(s: list) -> Any:
            r = ref[0](s)
            old, new = js_increment(ref[1](r, s), delta)
            ref[2](r, s, new)
            return new if prefix else old
        code.ev = ev_with_upd
        return
    if target.type == "Identifier":
        get = make_get(prog, target, target.name)
        put = make_put(prog, target, target.name, strict)
        if prefix:
            def ev_pre(s: list) -> Any:
                v = get(s)
                v = v + delta if type(v) is float else js_increment(v, delta)[1]
                put(s, v)
                return v
            code.ev = ev_pre
        else:
            def ev_post(s: list) -> Any:
                old = get(s)
                if type(old) is not float:
                    old, new = js_increment(old, delta)   # a BigInt steps by 1n
                    put(s, new)
                    return old
                put(s, old + delta)
                return old
            code.ev = ev_post
        return
    if target.type != "MemberExpression":
        def ev_bad(s: list) -> Any:
            raise reference_error("Invalid left-hand side expression in postfix operation")
        code.ev = ev_bad
        return
    if target.object.type == "Super":
        home_proto = _super_base(prog, target.object)[0]
        keyc0 = kid(prog, target.property) if target.computed else None
        cname = None if target.computed else target.property.name

        def sup(vals: list, s: list) -> Any:
            this = vals[0]
            p = home_proto(s)   # GetSuperBase before ToPropertyKey (ES2024 13.3.7.1)
            key = cname if keyc0 is None else to_property_key(vals[1])
            old, new = js_increment(_super_get(p, key, this), delta)
            if p is not None:
                p.set(key, new, this)
            return new if prefix else old
        # the Super kid reads `this` before the key runs (super[super()]++ throws)
        code.kids = [kid(prog, target.object)] + ([keyc0] if keyc0 is not None else [])
        code.step = step_ops

        def fin_sup(m: Any, f: Frame, vals: list) -> None:
            v = sup(vals, f.scope)
            m.stack.pop()
            m.rv = v
        code.fin = fin_sup
        return
    obj = kid(prog, target.object)
    const_key = None if target.computed else target.property.name
    keyc = kid(prog, target.property) if target.computed else None

    def upd(vals: list) -> Any:
        o = vals[0]
        if const_key is not None:
            old = get_member(o, const_key) if o is not None else get_computed(o, const_key)
            key: Any = const_key
        else:
            _coercible(o, vals[1])
            key = to_property_key(vals[1])
            old = get_computed(o, key)
        old, new = js_increment(old, delta)
        if const_key is not None:
            put_member(o, key, new, strict)
        else:
            put_computed(o, key, new, strict)
        return new if prefix else old
    kids = [obj] + ([keyc] if keyc is not None else [])
    if prog.closures and all(k.ev is not None for k in kids):
        evs = cast("list[Callable]", [k.ev for k in kids])
        if len(evs) == 1:
            e0 = evs[0]
            code.ev = lambda s: upd([e0(s)])
        else:
            e0, e1 = evs
            code.ev = lambda s: upd([e0(s), e1(s)])
        return
    code.kids = kids
    code.step = step_ops
    code.fin = value_finisher(upd)


# -- assignment and update -------------------------------------------------------------------

def _statement_expressions(prog: Any) -> set:
    """The ids of the expressions that are a whole ExpressionStatement (once per program)."""
    found = getattr(prog, "statement_expressions", None)
    if found is None:
        found = prog.statement_expressions = {id(n.expression) for n in prog.nodes
                                              if n.type == "ExpressionStatement"}
    return found


@compiles("AssignmentExpression")
def c_assignment(prog: Any, node: Any, code: Code) -> None:
    compile_assignment(prog, node, code)


@compiles("UpdateExpression")
def c_update(prog: Any, node: Any, code: Code) -> None:
    compile_update(prog, node, code)
