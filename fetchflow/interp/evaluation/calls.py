"""Calls, new, super calls and tagged templates (ES2017 12.3.4-12.3.7)."""
from __future__ import annotations

from typing import Any, Callable, cast

from ..compiler import Code, compiles
from ..frames import Frame
from ..functions import JSFunction
from ..natives import JSNativeFunction
from ..operations.errors import type_error
from ..values import NULL, TDZ, JSObject
from .expressions import (cannot_read, get_computed, get_member, get_named, is_named_key, kid,
                          read_member)
from .chains import callee_text, compile_chain
from .operands import call_checked, flatten, step_ops
from .payloads import MemberCallPayload
from ..values import JSArray
from .expressions import _super_base
from .references import make_get, make_with_lookup
from ..scope import eval_outer
from .references import _up
from ..operations.errors import reference_error
from ..operations.object_operations import set_integrity_level
from .class_elements import initialize_instance_elements
from .private_names import compile_private_call, is_private_member, private_get, private_name_getter


def _callee_text(prog: Any, node: Any) -> str:
    return prog.text[node.start:node.end]


@compiles("CallExpression")
def c_call(prog: Any, node: Any, code: Code) -> None:
    callee = node.callee
    args = [kid(prog, a) for a in node.arguments]
    spread = any(a.type == "SpreadElement" for a in node.arguments)
    text = callee_text(prog, callee)
    code.step = step_ops
    if is_private_member(callee):
        compile_private_call(prog, node, code)
        return
    if callee.type == "Super":
        code.kids = args
        code.fin = _make_super_call(prog, node, spread)
        return
    if callee.type == "ChainExpression":
        # ``(a?.b)()`` calls with this = a: the parenthesised chain is still a Reference
        code.step = None
        compile_chain(prog, node, code)
        return
    if callee.type == "MemberExpression" and callee.object.type != "Super":
        obj = kid(prog, callee.object)
        if not callee.computed:
            getter = get_named if is_named_key(callee.property.name) else get_member
        if prog.closures and not callee.computed and not spread and obj.ev is not None and \
                all(a.ev is not None for a in args):
            oev = obj.ev
            aevs = cast("list[Callable]", [a.ev for a in args])  # all non-None (checked above)
            pname = callee.property.name

            def sc_m(m: Any, s: list) -> None:
                o = oev(s)
                if o is None or o is NULL:  # read_member, inlined on the hottest call path
                    raise cannot_read(o, pname)
                fn = getter(o, pname)
                a = [e(s) for e in aevs]
                cls = fn.__class__
                if cls is JSFunction:
                    m.push_call(fn, o, a)
                elif cls is JSNativeFunction and fn.plain is not None:
                    m.rv = fn.plain(o, a)
                else:
                    call_checked(m, fn, o, a, text)
            code.sc = sc_m
        # the callee is read before the arguments are evaluated (step_member_call); a frame
        # saved before that step existed runs step_ops and reads it in the finisher
        code.step = step_member_call
        if callee.computed:
            code.kids = [obj, kid(prog, callee.property)] + args
            code.p = MemberCallPayload(lambda vals, s: get_computed(vals[0], vals[1]), 2)

            def fin_cm(m: Any, f: Frame, vals: list) -> None:
                o = vals[0]
                fn = f.x[0] if f.x is not None else get_computed(o, vals[1])
                a = vals[2:]
                if spread:
                    a = flatten(a)
                m.stack.pop()
                call_checked(m, fn, o, a, text)
            code.fin = fin_cm
            return
        name = callee.property.name
        code.kids = [obj] + args
        code.p = MemberCallPayload(lambda vals, s: read_member(vals[0], name, getter), 1)

        def fin_m(m: Any, f: Frame, vals: list) -> None:
            o = vals[0]
            fn = f.x[0] if f.x is not None else read_member(o, name, getter)
            a = vals[1:]
            if spread:
                a = flatten(a)
            m.stack.pop()
            call_checked(m, fn, o, a, text)
        code.fin = fin_m
        return
    if callee.type == "MemberExpression":  # super.method(...)
        calleec = kid(prog, callee)
        home_proto, this_of = _super_base(prog, callee.object)
        code.kids = [calleec] + args

        def fin_sm(m: Any, f: Frame, vals: list) -> None:
            fn = vals[0]
            a = flatten(vals[1:]) if spread else vals[1:]
            this = this_of(f.scope)
            m.stack.pop()
            call_checked(m, fn, this, a, text)
        code.fin = fin_sm
        return
    if callee.type == "Identifier" and prog.res(callee)[0] == "with" and callee.name != "eval":
        # inside `with`: a function found on the object is called with it as `this`
        lookup = make_with_lookup(prog, callee, callee.name)
        getc = make_get(prog, callee, callee.name)
        code.kids = args
        wname = callee.name

        def fin_with(m: Any, f: Frame, vals: list) -> None:
            o = lookup(f.scope)
            fn = o.get(wname, o) if o is not None else getc(f.scope)
            a = flatten(vals) if spread else vals
            m.stack.pop()
            call_checked(m, fn, o, a, text)
        code.fin = fin_with
        return
    code.kids = [kid(prog, callee)] + args
    direct_eval = callee.type == "Identifier" and callee.name == "eval"
    strict = prog.info.strict_of(node)
    if direct_eval:
        outer = eval_outer(prog.info, node)
        site = f"{prog.key}:{prog.index_of(node)}"
    if prog.closures and not direct_eval and not spread and all(k.ev is not None for k in code.kids):
        cev = code.kids[0].ev
        aevs = cast("list[Callable]", [a.ev for a in args])  # all non-None (checked above)
        if len(aevs) == 1:
            a0 = aevs[0]

            def sc1(m: Any, s: list) -> None:
                fn = cev(s)
                a = [a0(s)]
                cls = fn.__class__
                if cls is JSFunction:
                    m.push_call(fn, None, a)
                elif cls is JSNativeFunction and fn.plain is not None:
                    m.rv = fn.plain(None, a)
                else:
                    call_checked(m, fn, None, a, text)
            code.sc = sc1
        else:
            def sc(m: Any, s: list) -> None:
                fn = cev(s)
                a = [e(s) for e in aevs]
                cls = fn.__class__
                if cls is JSFunction:
                    m.push_call(fn, None, a)
                elif cls is JSNativeFunction and fn.plain is not None:
                    m.rv = fn.plain(None, a)
                else:
                    call_checked(m, fn, None, a, text)
            code.sc = sc

    def fin(m: Any, f: Frame, vals: list) -> None:
        fn = vals[0]
        a = flatten(vals[1:]) if spread else vals[1:]
        m.stack.pop()
        if fn.__class__ is not JSFunction and not (isinstance(fn, JSObject) and fn.call_kind):
            raise type_error(f"{text} is not a function")
        if direct_eval and fn is m.realm.intr.get("eval"):
            m.direct_eval(a, f.scope, strict, outer, site)
            return
        m.call_value(fn, None, a)
    code.fin = fin


def step_member_call(m: Any, f: Frame) -> None:
    """``o.m(args)`` / ``o[k](args)`` on a frame: step_ops, but once the object (and key) are
    known the function is read into ``f.x`` before any argument is evaluated (ES2017
    12.3.4.1 steps 1-5: ``o.missing.m(f())`` throws before calling f, a getter runs first)."""
    code = f.code
    kids = code.kids
    vals = f.vals
    pc = f.pc
    if vals is None:
        vals = f.vals = []
    elif len(vals) < pc:
        vals.append(m.rv)
    s = f.scope
    if f.x is None:
        p = code.p
        while pc < p.after:
            k = kids[pc]
            pc += 1
            if k.ev is None:
                f.pc = pc
                m.stack.append(Frame(k.step, k, s))
                return
            vals.append(k.ev(s))
        f.x = [p.read(vals, s)]
    n = len(kids)
    while pc < n:
        k = kids[pc]
        pc += 1
        ev = k.ev
        if ev is not None:
            vals.append(ev(s))
        else:
            f.pc = pc
            sc = k.sc
            if sc is None:
                m.stack.append(Frame(k.step, k, s))
                return
            stack = m.stack
            depth = len(stack)
            sc(m, s)
            if len(stack) != depth:
                return
            vals.append(m.rv)
    f.pc = pc
    code.fin(m, f, vals)


def _make_super_call(prog: Any, node: Any, spread: bool) -> Any:
    res_home, fs_this, res_func, res_nt = prog.res(node.callee)

    def fin(m: Any, f: Frame, vals: list) -> None:
        a = flatten(vals) if spread else vals
        s = f.scope
        func = _up(s, res_func[1])[res_func[2]]
        sup = func.proto if func is not None else None
        if not (isinstance(sup, JSObject) and sup.can_construct):
            raise type_error("Super constructor is not a constructor")
        scope_this = _up(s, fs_this[1])
        nt = _up(s, res_nt[1])[res_nt[2]]
        m.stack.pop()
        # then the class's fields on the new this (ES2022 13.3.7.1 step 10)
        initialize_instance_elements(m, func, None)
        # bind `this` when the parent constructor returns
        bf = Frame(step_super_bind, None, scope_this)
        bf.x = fs_this[2]
        m.stack.append(bf)
        m.construct_value(sup, a, nt)
    return fin


def step_super_bind(m: Any, f: Frame) -> None:
    scope_this = f.scope
    slot = f.x
    if scope_this[slot] is not TDZ:
        raise reference_error("Super constructor may only be called once")
    scope_this[slot] = m.rv
    m.stack.pop()


@compiles("NewExpression")
def c_new(prog: Any, node: Any, code: Code) -> None:
    args = [kid(prog, a) for a in node.arguments]
    spread = any(a.type == "SpreadElement" for a in node.arguments)
    text = callee_text(prog, node.callee)
    code.kids = [kid(prog, node.callee)] + args
    code.step = step_ops

    def fin(m: Any, f: Frame, vals: list) -> None:
        fn = vals[0]
        a = flatten(vals[1:]) if spread else vals[1:]
        if not (isinstance(fn, JSObject) and fn.can_construct):
            raise type_error(f"{text} is not a constructor")
        m.stack.pop()
        m.construct_value(fn, a, fn)
    code.fin = fin


@compiles("TaggedTemplateExpression")
def c_tagged(prog: Any, node: Any, code: Code) -> None:
    tag = node.tag
    quasi = node.quasi
    exprs = [kid(prog, e) for e in quasi.expressions]
    cooked = [q.value["cooked"] for q in quasi.quasis]
    raw = [q.value["raw"] for q in quasi.quasis]
    site = prog.key + ":" + str(prog.index_of(node))
    code.step = step_ops
    text = _callee_text(prog, tag)

    def template_object(m: Any) -> Any:
        """ES2017 12.2.9.3 GetTemplateObject (cached per site in the realm)."""
        cache = m.realm.template_cache
        t = cache.get(site)
        if t is None:
            rawobj = JSArray(m.realm.array_prototype, list(raw))
            t = JSArray(m.realm.array_prototype, [None if c is None else c for c in cooked])
            set_integrity_level(rawobj, "frozen")
            t._store("raw", rawobj, 0)
            set_integrity_level(t, "frozen")
            cache[site] = t
        return t
    if tag.type == "MemberExpression" and tag.object.type != "Super":
        obj = kid(prog, tag.object)
        keyc = kid(prog, tag.property) if tag.computed else None
        name = None if tag.computed else tag.property.name
        pn = private_name_getter(prog, tag.property) if is_private_member(tag) else None
        code.kids = [obj] + ([keyc] if keyc else []) + exprs
        nk = 2 if keyc else 1

        def read_tag(vals: list, s: list) -> Any:
            o = vals[0]
            return get_computed(o, vals[1]) if keyc else get_member(o, name) if pn is None else \
                private_get(o, pn(s))
        # the tag is read before the substitutions are evaluated (step_member_call)
        code.step = step_member_call
        code.p = MemberCallPayload(read_tag, nk)

        def fin_m(m: Any, f: Frame, vals: list) -> None:
            o = vals[0]
            fn = f.x[0] if f.x is not None else read_tag(vals, f.scope)
            m.stack.pop()
            call_checked(m, fn, o, [template_object(m)] + vals[nk:], text)
        code.fin = fin_m
        return
    code.kids = [kid(prog, tag)] + exprs

    def fin(m: Any, f: Frame, vals: list) -> None:
        fn = vals[0]
        m.stack.pop()
        call_checked(m, fn, None, [template_object(m)] + vals[1:], text)
    code.fin = fin
