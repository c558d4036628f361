"""Assignment and update expressions (ES2017 12.15, 12.4.4, 12.5.7)."""
from __future__ import annotations

from typing import Any, Callable

from ..compiler import Code
from ..frames import Frame
from ..operations.errors import reference_error
from ..operations.operators import BINARY
from ..operations.type_conversion import to_number, to_property_key
from .expressions import get_computed, get_member, is_strict, kid, put_computed, put_member
from .operands import step_ops, value_finisher
from .references import make_get, make_put


def _anon_fn(node: Any) -> bool:
    return node.type in ("FunctionExpression", "ArrowFunctionExpression", "ClassExpression") \
        and getattr(node, "id", None) is None


def _named(ev: Callable, name: str) -> Callable:
    from .functions import set_function_name

    def ev2(s: list) -> Any:
        v = ev(s)
        set_function_name(v, name)
        return v
    return ev2


def compile_assignment(prog: Any, node: Any, code: Code) -> None:
    op = node.operator
    target = node.left
    strict = is_strict(prog, node)
    rhs = kid(prog, node.right)
    if target.type in ("ObjectPattern", "ArrayPattern"):
        from .patterns import compile_pattern
        bind = compile_pattern(prog, target, "assign", strict)
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
        code.a = fin_pat
        return
    if target.type == "Identifier":
        name = target.name
        put = make_put(prog, target, name, strict)
        if op == "=":
            rev_node = node.right
            if rhs.ev is not None:
                rev = _named(rhs.ev, name) if _anon_fn(rev_node) else rhs.ev

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
            code.a = fin_set
            return
        fn = BINARY[op[:-1]]
        get = make_get(prog, target, name)
        if rhs.ev is not None:
            rev = rhs.ev
            if op == "+=":
                def ev_addset(s: list) -> Any:
                    a = get(s)
                    b = rev(s)
                    if type(a) is float and type(b) is float:
                        v = a + b
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
            v = fn(vals[0], vals[1])
            put(f.scope, v)
            m.stack.pop()
            m.rv = v
        code.a = fin_opset
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
    fn = BINARY[op[:-1]] if op != "=" else None

    def store(o: Any, k: Any, v: Any) -> None:
        if const_key is not None:
            put_member(o, const_key, v, strict)
        else:
            put_computed(o, k, v, strict)

    def read(o: Any, k: Any) -> Any:
        if const_key is not None:
            return get_member(o, const_key) if o is not None else get_computed(o, const_key)
        return get_computed(o, k)
    all_ev = obj.ev is not None and (keyc is None or keyc.ev is not None) and rhs.ev is not None
    if all_ev:
        oev = obj.ev
        kev = keyc.ev if keyc is not None else (lambda s: None)
        rev = rhs.ev
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
        code.a = fin_mset
        return
    # compound: obj, key, then GetValue, then the right-hand side
    code.kids = kids
    code.step = step_compound_member
    code.b = (read, store, fn, rhs, keyc is not None)


def step_compound_member(m: Any, f: Frame) -> None:
    read, store, fn, rhs, has_key = f.code.b
    if f.x is None:
        step_ops_prefix(m, f)
        return
    # f.x = [obj, key, old]; m.rv is the right-hand side's value
    o, k, old = f.x
    v = fn(old, m.rv)
    store(o, k, v)
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
    read, store, fn, rhs, has_key = code.b
    o = vals[0]
    key = to_property_key(vals[1]) if has_key else None
    old = read(o, key)
    f.x = [o, key, old]
    if rhs.ev is not None:
        m.rv = rhs.ev(s)
        step_compound_member(m, f)
    else:
        m.stack.append(Frame(rhs.step, rhs, s))


def _compile_super_assignment(prog: Any, node: Any, code: Code, strict: bool) -> None:
    from .expressions import _super_base
    home_proto, this_of = _super_base(prog, node.left.object)
    target = node.left
    keyc = kid(prog, target.property) if target.computed else None
    const_key = None if target.computed else target.property.name
    rhs = kid(prog, node.right)
    fn = BINARY[node.operator[:-1]] if node.operator != "=" else None
    from ..operations.errors import type_error

    def assign(s: list, k: Any, v: Any) -> Any:
        key = const_key if keyc is None else to_property_key(k)
        this = this_of(s)
        p = home_proto(s)
        if fn is not None:
            v = fn(None if p is None else p.get(key, this), v)
        if p is None:
            raise type_error("Cannot set property on undefined super")
        ok = p.set(key, v, this)
        if not ok and strict:
            raise type_error(f"Cannot assign to read only property '{key}'")
        return v
    kids = ([keyc] if keyc is not None else []) + [rhs]
    code.kids = kids
    code.step = step_ops

    def fin(m: Any, f: Frame, vals: list) -> None:
        v = assign(f.scope, vals[0] if keyc is not None else None, vals[-1])
        m.stack.pop()
        m.rv = v
    code.a = fin


def compile_update(prog: Any, node: Any, code: Code) -> None:
    target = node.argument
    delta = 1.0 if node.operator == "++" else -1.0
    prefix = node.prefix
    strict = is_strict(prog, node)
    if target.type == "Identifier":
        get = make_get(prog, target, target.name)
        put = make_put(prog, target, target.name, strict)
        if prefix:
            def ev_pre(s: list) -> Any:
                v = get(s)
                v = (v if type(v) is float else to_number(v)) + delta
                put(s, v)
                return v
            code.ev = ev_pre
        else:
            def ev_post(s: list) -> Any:
                old = get(s)
                if type(old) is not float:
                    old = to_number(old)
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
        from .expressions import _super_base
        home_proto, this_of = _super_base(prog, target.object)
        keyc0 = kid(prog, target.property) if target.computed else None
        cname = None if target.computed else target.property.name

        def sup(vals: list, s: list) -> Any:
            key = cname if keyc0 is None else to_property_key(vals[0])
            this = this_of(s)
            p = home_proto(s)
            old = to_number(None if p is None else p.get(key, this))
            if p is not None:
                p.set(key, old + delta, this)
            return old + delta if prefix else old
        code.kids = [keyc0] if keyc0 is not None else []
        code.step = step_ops

        def fin_sup(m: Any, f: Frame, vals: list) -> None:
            v = sup(vals, f.scope)
            m.stack.pop()
            m.rv = v
        code.a = fin_sup
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
            key = to_property_key(vals[1])
            old = get_computed(o, key)
        old = to_number(old)
        new = old + delta
        if const_key is not None:
            put_member(o, key, new, strict)
        else:
            put_computed(o, key, new, strict)
        return new if prefix else old
    kids = [obj] + ([keyc] if keyc is not None else [])
    if all(k.ev is not None for k in kids):
        evs = [k.ev for k in kids]
        if len(evs) == 1:
            e0 = evs[0]
            code.ev = lambda s: upd([e0(s)])
        else:
            e0, e1 = evs
            code.ev = lambda s: upd([e0(s), e1(s)])
        return
    code.kids = kids
    code.step = step_ops
    code.a = value_finisher(upd)
