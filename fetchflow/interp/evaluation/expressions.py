"""Expressions (ES2017 12): closures for call-free subtrees, operand frames otherwise."""
from __future__ import annotations

import math
from typing import Any, Callable, Optional, cast

from ..compiler import Code, compiles
from ..frames import Frame
from ..operations.buffers import JSTypedArray
from ..operations.errors import type_error
from ..operations.object_operations import (copy_data_properties, create_data_property_or_throw,
                                            get_v, put_value)
from ..operations.operators import BIG_STRING, BINARY, big_string, instance_of, js_in
from ..operations.type_conversion import to_boolean, to_property_key, to_string
from ..scope import is_anonymous_function_definition
from ..values import (HOLE, MISSING, NULL, Accessor, JSArray, JSObject)
from .binary import binary_closure
from .function_objects import define_method_property, set_function_name
from .operands import Spread, step_ops, step_ops_each, value_finisher
from .payloads import ChoosePayload, EachPayload, ObjectPayload
from .references import cannot_read, cannot_read_key, cannot_set_key, make_get
from ..operations.iteration import iterate_to_list
from ..values import array_index
from ..operations.calls import call
from .references import _up
from ..values import TDZ
from .references import tdz_error
from .private_names import compile_private_in, compile_private_member


def kid(prog: Any, node: Any) -> Code:
    return prog.code(node)


def is_strict(prog: Any, node: Any) -> bool:
    return prog.info.strict_of(node)


# -- literals and identifiers ----------------------------------------------------------------

@compiles("Literal")
def c_literal(prog: Any, node: Any, code: Code) -> None:
    if node.regex is not None:
        pattern = node.regex["pattern"]
        flags = node.regex["flags"]
        m = prog.machine

        def ev(s: list) -> Any:
            return m.create_regexp(pattern, flags)
        code.ev = ev
        return
    v = node.value
    if v is None:
        v = NULL
    elif type(v) is int and node.bigint is None:   # a BigInt literal's value stays an int
        v = float(v)
    code.ev = lambda s: v


@compiles("Identifier")
def c_identifier(prog: Any, node: Any, code: Code) -> None:
    code.ev = make_get(prog, node, node.name)


@compiles("ThisExpression")
def c_this(prog: Any, node: Any, code: Code) -> None:
    res = prog.res(node)
    if res[0] == "globalthis":
        m = prog.machine
        code.ev = lambda s: m.script_this
    else:
        code.ev = make_get(prog, node, "%this")


@compiles("MetaProperty")
def c_meta(prog: Any, node: Any, code: Code) -> None:
    res = prog.res(node)
    if res[0] == "undefined":
        code.ev = lambda s: None
    else:
        code.ev = make_get(prog, node, "%nt")


@compiles("TemplateLiteral")
def c_template(prog: Any, node: Any, code: Code) -> None:
    cooked = [q.value["cooked"] for q in node.quasis]
    exprs = [kid(prog, e) for e in node.expressions]

    def build(vals: list) -> str:
        out = [cooked[0]]
        for i, v in enumerate(vals):
            out.append(v if type(v) is str else to_string(v))
            out.append(cooked[i + 1])
        r = "".join(out)
        return r if len(r) < BIG_STRING else big_string(r)
    if not prog.has_calls(node):
        evs = cast("list[Callable]", [e.ev for e in exprs])  # call-free: every kid has ev
        if len(evs) == 1:
            e0 = evs[0]
            c0, c1 = cooked

            def ev1(s: list) -> str:
                v = e0(s)
                r = c0 + (v if type(v) is str else to_string(v)) + c1
                return r if len(r) < BIG_STRING else big_string(r)
            code.ev = ev1
        else:
            tails = cooked[1:]

            def ev(s: list) -> str:
                # ES2023 13.2.8.6: each substitution becomes a string before the next runs
                out = [cooked[0]]
                for e, c in zip(evs, tails):
                    v = e(s)
                    out.append(v if type(v) is str else to_string(v))
                    out.append(c)
                r = "".join(out)
                return r if len(r) < BIG_STRING else big_string(r)
            code.ev = ev
        return
    code.kids = exprs
    code.step = step_ops_each
    code.p = EachPayload([_as_string] * len(exprs))
    code.fin = value_finisher(build)


def _as_string(v: Any) -> str:
    return v if type(v) is str else to_string(v)


# -- arrays and objects ----------------------------------------------------------------------

def _spread_values(v: Any) -> Spread:
    return Spread(iterate_to_list(v))


@compiles("SpreadElement")
def c_spread(prog: Any, node: Any, code: Code) -> None:
    arg = kid(prog, node.argument)
    if prog.closures and arg.ev is not None:
        ev = arg.ev
        code.ev = lambda s: _spread_values(ev(s))
        return
    code.kids = [arg]
    code.step = step_ops
    code.fin = value_finisher(lambda vals: _spread_values(vals[0]))


@compiles("ArrayExpression")
def c_array(prog: Any, node: Any, code: Code) -> None:
    m = prog.machine
    elems = node.elements
    has_spread = any(e is not None and e.type == "SpreadElement" for e in elems)
    kids = [kid(prog, e) if e is not None else None for e in elems]

    def build(vals: list) -> JSArray:
        if has_spread:
            out: list = []
            for v in vals:
                if v.__class__ is Spread:
                    out.extend(v.items)
                else:
                    out.append(v)
            vals = out
        return JSArray(m.realm.array_prototype, vals)
    if not prog.has_calls(node):
        evs = [k.ev if k is not None else None for k in kids]
        if None not in evs and not has_spread:
            fevs = cast("list[Callable]", evs)
            code.ev = lambda s: JSArray(m.realm.array_prototype, [e(s) for e in fevs])
        else:
            code.ev = lambda s: build([e(s) if e is not None else HOLE for e in evs])
        return
    hole = Code(node, prog)
    hole.ev = lambda s: HOLE
    code.kids = [k if k is not None else hole for k in kids]
    code.step = step_ops
    code.fin = value_finisher(build)


def _prop_key_code(prog: Any, p: Any) -> tuple:
    """(constant key, None) or (None, Code of the computed key)."""
    if p.computed:
        return None, kid(prog, p.key)
    k = p.key
    if k.type == "Identifier":
        return k.name, None
    v = k.value
    if type(v) in (int, float):
        return to_property_key(float(v) if k.bigint is None else v), None
    return v, None


@compiles("ObjectExpression")
def c_object(prog: Any, node: Any, code: Code) -> None:
    m = prog.machine
    # operands: for each property, [computed key code] [value code]
    kids: list = []
    plan: list = []  # (kind, const_key, has_key_kid, is_method, is_proto, value_is_fn_needing_home, name_fn)
    convert: list = []   # per kid: None, or what its value becomes as soon as it is evaluated
    for p in node.properties:
        if p.type == "SpreadElement":
            kids.append(kid(prog, p.argument))
            convert.append(spread_properties)
            plan.append(("spread", None, False, True, False, False))
            continue
        const_key, key_code = _prop_key_code(prog, p)
        if key_code is not None:
            kids.append(key_code)
            convert.append(to_property_key)   # before the value is evaluated (ES2017 12.2.6.7)
        is_proto = (not p.computed and not p.shorthand and p.kind == "init" and not p.method
                    and const_key == "__proto__")
        vc = kid(prog, p.value)
        kids.append(vc)
        convert.append(None)
        if (p.method or p.kind != "init") and hasattr(vc.p, "src"):
            vc.p.src = (p.start, p.end)  # a method's source text includes its name
        # a constant key names an anonymous function when it is made (scope.inferred_names);
        # a computed one names it here, once the key is known
        anon_fn = p.computed and not p.method and p.kind == "init" and \
            is_anonymous_function_definition(p.value)
        plan.append((p.kind, const_key, key_code is not None, p.method or p.kind != "init",
                     is_proto, anon_fn))

    def build(vals: list) -> JSObject:
        o = JSObject(m.realm.object_prototype)
        i = 0
        for kind, const_key, has_kid, is_method, is_proto, anon_fn in plan:
            if has_kid:
                key = vals[i]   # already a property key (convert)
                i += 1
            else:
                key = const_key
            v = vals[i]
            i += 1
            if is_proto:
                if isinstance(v, JSObject) or v is NULL:
                    o.proto = None if v is NULL else v
                continue
            if is_method:
                if kind == "spread":   # ``...v``: its properties, copied when v was evaluated
                    for k in v.own_property_keys():
                        create_data_property_or_throw(o, k, v.props[k])
                    continue
                define_method_property(m, o, key, v, kind)
                continue
            if anon_fn:
                set_function_name(v, key)
            if o.flags is None and key.__class__ is str and o.__class__ is JSObject:
                o.props[key] = v
            else:
                o.define_own_property(key, {"value": v, "writable": True, "enumerable": True,
                                            "configurable": True})
        return o
    if not prog.has_calls(node):
        evs = [k.ev if c is None else _converted(c, k.ev) for k, c in zip(kids, convert)]
        code.ev = lambda s: build([e(s) for e in evs])
        return
    code.kids = kids
    code.fin = value_finisher(build)
    code.p = ObjectPayload(convert, build)
    code.step = step_ops_each if any(convert) else step_ops


def spread_properties(v: Any) -> JSObject:
    """``...v`` in an object literal, done when ``v`` is evaluated (its getters run before
    the later properties' expressions): the copied properties on a fresh object that
    build then defines in order (ES2023 13.2.5.5 PropertyDefinitionEvaluation)."""
    return copy_data_properties(JSObject(None), v)


def _converted(c: Callable, ev: Callable) -> Callable:
    return lambda s: c(ev(s))


# -- member access -------------------------------------------------------------------------

def read_member(o: Any, name: str, getter: Callable) -> Any:
    """``o.name`` for a property access or a method call (ES2017 12.3.2.1, 12.3.4.1 steps
    1-4): ``getter`` is get_named for keys it can take, else get_member (both paths choose
    the same one)."""
    if o is None or o is NULL:
        raise cannot_read(o, name)
    return getter(o, name)


def get_member(o: Any, key: Any) -> Any:
    if o.__class__ is JSObject:
        v = o.props.get(key, MISSING)
        if v is not MISSING and v.__class__ is not Accessor:
            return v
        return o.get(key, o)
    return get_v(o, key)


def is_named_key(key: str) -> bool:
    """Keys whose lookup is a plain walk of ``props`` dicts on every object kind we have."""
    return key != "length" and array_index(key) < 0


def get_named(o: Any, key: str) -> Any:
    """[[Get]] of a named key (see is_named_key): walks the prototype chain's dicts."""
    if not isinstance(o, JSObject):
        if o is None or o is NULL:
            raise cannot_read(o, key)
        return get_v(o, key)
    p: Optional[JSObject] = o
    while p is not None:
        if not p.NAMED_SAFE:
            return p.get(key, o)
        v = p.props.get(key, MISSING)
        if v is not MISSING:
            if v.__class__ is Accessor:
                if v.get is None:
                    return None
                return call(v.get, o, [])
            return v
        p = p.proto
    return None


def get_computed(o: Any, k: Any) -> Any:
    if type(k) is float:
        c = o.__class__
        if c is JSArray:
            e = o.elems
            if e is not None:
                i = int(k) if k == k and k not in (math.inf, -math.inf) else -1
                if i == k and 0 <= i < len(e):
                    v = e[i]
                    if v is not HOLE:
                        return v
        elif c is str:
            if k.is_integer() and 0 <= k < len(o):
                return o[int(k)]
        elif c is JSTypedArray:
            if k.is_integer() and 0 <= k < o.length and o.buffer.data is not None:
                v = o.view[int(k)]
                return float(v) if o.kind[0] != "B" else v   # BigInt64/BigUint64: BigInts
    elif type(k) is str and o.__class__ is JSObject:
        v = o.props.get(k, MISSING)
        if v is not MISSING and v.__class__ is not Accessor:
            return v
    if o is None or o is NULL:
        raise cannot_read_key(o, k)
    return get_v(o, to_property_key(k))


def put_member(o: Any, key: Any, v: Any, strict: bool) -> None:
    if o.__class__ is JSObject and o.flags is None:
        props = o.props
        if key in props:
            props[key] = v
            return
    put_value(o, key, v, strict)


def put_computed(o: Any, k: Any, v: Any, strict: bool) -> None:
    if type(k) is float and o.__class__ is JSArray:
        e = o.elems
        if e is not None and o.flags is None:
            i = int(k) if k == k and k not in (math.inf, -math.inf) else -1
            if i == k and 0 <= i < len(e) and e[i] is not HOLE:
                e[i] = v
                return
    elif type(k) is float and o.__class__ is JSTypedArray:
        if k.is_integer() and 0 <= k < o.length:
            o.set_index(int(k), v)  # converts the value even when the buffer is detached
            return
    elif o is None or o is NULL:
        raise cannot_set_key(o, k)
    put_value(o, to_property_key(k), v, strict)


def _super_get(p: Any, key: Any, this: Any) -> Any:
    """super[key] with home object prototype ``p``: null is a TypeError (ES2017 12.3.5.3)."""
    if p is None:
        raise type_error(f"Cannot read properties of null (reading '{key if type(key) is str else key}')")
    return p.get(key, this)


def _super_base(prog: Any, node: Any) -> tuple:
    res_home, res_this, _, _ = prog.res(node)
    hh, hs = res_home[1], res_home[2]
    th, ts = res_this[1], res_this[2]

    def home_proto(s: list) -> Any:
        home = _up(s, hh)[hs]
        if home is None:
            raise type_error("'super' keyword unexpected here")
        return home.proto

    def this_of(s: list) -> Any:
        v = _up(s, th)[ts]
        if v is TDZ:
            raise tdz_error("%this")
        return v
    return home_proto, this_of


@compiles("MemberExpression")
def c_member(prog: Any, node: Any, code: Code) -> None:
    if node.property.type == "PrivateIdentifier":
        compile_private_member(prog, node, code)
        return
    if node.object.type == "Super":
        home_proto, this_of = _super_base(prog, node.object)
        if node.computed:
            kc = kid(prog, node.property)
            if prog.closures and kc.ev is not None:
                kev = kc.ev

                def ev(s: list) -> Any:
                    # this, key value, super base, then ToPropertyKey (ES2023 13.3.7.1,
                    # with ES2024's GetSuperBase before ToPropertyKey)
                    this = this_of(s)
                    k = kev(s)
                    p = home_proto(s)
                    return _super_get(p, to_property_key(k), this)
                code.ev = ev
                return
            # the Super kid reads `this` before the key runs: super[super()] throws
            code.kids = [kid(prog, node.object), kc]
            code.step = step_ops

            def fin(m: Any, f: Frame, vals: list) -> None:
                p = home_proto(f.scope)
                v = _super_get(p, to_property_key(vals[1]), vals[0])
                m.stack.pop()
                m.rv = v
            code.fin = fin
            return
        name = node.property.name

        def ev2(s: list) -> Any:
            p = home_proto(s)
            return _super_get(p, name, this_of(s))
        code.ev = ev2
        return
    obj = kid(prog, node.object)
    if not node.computed:
        key = node.property.name
        if prog.closures and obj.ev is not None:
            oev = obj.ev

            if is_named_key(key):
                def ev3n(s: list) -> Any:
                    o = oev(s)
                    if o.__class__ is JSObject:
                        v = o.props.get(key, MISSING)
                        if v is not MISSING and v.__class__ is not Accessor:
                            return v
                    return get_named(o, key)
                code.ev = ev3n
                return

            def ev3(s: list) -> Any:
                o = oev(s)
                if o.__class__ is JSObject:
                    v = o.props.get(key, MISSING)
                    if v is not MISSING and v.__class__ is not Accessor:
                        return v
                    return o.get(key, o)
                if o is None or o is NULL:
                    raise cannot_read(o, key)
                return get_v(o, key)
            code.ev = ev3
            return
        code.kids = [obj]
        code.step = step_ops
        getter = get_named if is_named_key(key) else get_member

        def fin2(m: Any, f: Frame, vals: list) -> None:
            v = read_member(vals[0], key, getter)
            m.stack.pop()
            m.rv = v
        code.fin = fin2
        return
    prop = kid(prog, node.property)
    if prog.closures and obj.ev is not None and prop.ev is not None:
        oev, pev = obj.ev, prop.ev

        def ev4(s: list) -> Any:
            return get_computed(oev(s), pev(s))
        code.ev = ev4
        return
    code.kids = [obj, prop]
    code.step = step_ops
    code.fin = value_finisher(lambda vals: get_computed(vals[0], vals[1]))


# -- operators ---------------------------------------------------------------------------------

@compiles("BinaryExpression")
def c_binary(prog: Any, node: Any, code: Code) -> None:
    if node.left.type == "PrivateIdentifier":  # `#x in o`
        compile_private_in(prog, node, code)
        return
    left = kid(prog, node.left)
    right = kid(prog, node.right)
    if prog.closures and left.ev is not None and right.ev is not None:
        code.ev = binary_closure(node.operator, left.ev, right.ev, node.right)
        return
    fn = BINARY[node.operator]
    code.kids = [left, right]
    code.step = step_ops
    code.fin = value_finisher(lambda vals: fn(vals[0], vals[1]))


def _truthy(v: Any) -> bool:
    if v is True:
        return True
    if v is False:
        return False
    return to_boolean(v)


def step_choose(m: Any, f: Frame) -> None:
    """Logical and conditional operators: evaluate the test, then become the chosen branch."""
    code = f.code
    if f.pc == 0:
        t = code.kids[0]
        if t.ev is None:
            f.pc = 1
            m.stack.append(Frame(t.step, t, f.scope))
            return
        v = t.ev(f.scope)
    else:
        v = m.rv
    s = f.scope
    m.stack.pop()
    op = code.p.op
    if op == "?":
        branch = code.kids[1] if _truthy(v) else code.kids[2]
    elif op == "&&":
        if not _truthy(v):
            m.rv = v
            return
        branch = code.kids[1]
    elif op == "??":
        if v is not None and v is not NULL:
            m.rv = v
            return
        branch = code.kids[1]
    else:
        if _truthy(v):
            m.rv = v
            return
        branch = code.kids[1]
    if branch.ev is not None:
        m.rv = branch.ev(s)
    elif branch.sc is not None:
        branch.sc(m, s)
    else:
        m.stack.append(Frame(branch.step, branch, s))


def choose_now(code: Any, s: list) -> tuple:
    """For a conditional or logical code whose test is call-free: (next code, done, value);
    done means the expression's value is ``value`` (a short-circuit)."""
    v = code.kids[0].ev(s)
    op = code.p.op
    if op == "?":
        return (code.kids[1] if _truthy(v) else code.kids[2]), False, None
    if op == "&&":
        return (code.kids[1], False, None) if _truthy(v) else (code, True, v)
    if op == "??":
        return (code.kids[1], False, None) if v is None or v is NULL else (code, True, v)
    return (code, True, v) if _truthy(v) else (code.kids[1], False, None)


@compiles("LogicalExpression")
def c_logical(prog: Any, node: Any, code: Code) -> None:
    left = kid(prog, node.left)
    right = kid(prog, node.right)
    if prog.closures and left.ev is not None and right.ev is not None:
        lev, rev = left.ev, right.ev
        if node.operator == "&&":
            def ev_and(s: list) -> Any:
                v = lev(s)
                if v is True:
                    return rev(s)
                if v is False:
                    return v
                return rev(s) if to_boolean(v) else v
            code.ev = ev_and
        elif node.operator == "??":
            def ev_nullish(s: list) -> Any:
                """ES2020 12.13.3 CoalesceExpression"""
                v = lev(s)
                return rev(s) if v is None or v is NULL else v
            code.ev = ev_nullish
        else:
            def ev_or(s: list) -> Any:
                v = lev(s)
                if v is True:
                    return v
                if v is False:
                    return rev(s)
                return v if to_boolean(v) else rev(s)
            code.ev = ev_or
        return
    code.kids = [left, right]
    code.p = ChoosePayload(node.operator)
    code.step = step_choose


@compiles("ConditionalExpression")
def c_conditional(prog: Any, node: Any, code: Code) -> None:
    t = kid(prog, node.test)
    a = kid(prog, node.consequent)
    b = kid(prog, node.alternate)
    if prog.closures and t.ev is not None and a.ev is not None and b.ev is not None:
        tev, aev, bev = t.ev, a.ev, b.ev

        def ev(s: list) -> Any:
            v = tev(s)
            if v is True or (v is not False and to_boolean(v)):
                return aev(s)
            return bev(s)
        code.ev = ev
        return
    code.kids = [t, a, b]
    code.p = ChoosePayload("?")
    code.step = step_choose


@compiles("SequenceExpression")
def c_sequence(prog: Any, node: Any, code: Code) -> None:
    kids = [kid(prog, e) for e in node.expressions]
    if not prog.has_calls(node) and all(k.ev is not None for k in kids):
        evs = cast("list[Callable]", [k.ev for k in kids])

        def ev(s: list) -> Any:
            v = None
            for e in evs:
                v = e(s)
            return v
        code.ev = ev
        return
    code.kids = kids
    code.step = step_ops
    code.fin = value_finisher(lambda vals: vals[-1])


__all__ = ["get_member", "get_computed", "put_member", "put_computed", "instance_of", "js_in"]
