"""Logical assignment ``a &&= v``, ``a ||= v``, ``a ??= v`` (ES2021 13.15.2; ES2023 13.15.2
steps 3-5).

The reference is evaluated once (``o[k()] ??= v`` calls ``k`` once), its value read once;
when the operator short-circuits that value is the result and nothing is assigned (so a
``const`` target throws only when an assignment happens).  Otherwise the right-hand side is
evaluated (an anonymous function named after an identifier target: scope.inferred_names)
and PutValue stores it in the same reference.

Every target kind compiles to the same four parts: the reference's operand kids (object
and key of a member), ``resolve`` (operand values -> reference record, a list), ``read`` and
``write``.  A call-free assignment runs them in a closure; otherwise ``step_logical_assign``
runs them on a frame: ``pc``/``vals`` the operand kids done and their values, ``x`` the
reference once resolved (the right-hand side is then under way).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..compiler import Code
from ..frames import Frame
from ..operations.errors import type_error
from ..operations.type_conversion import to_boolean, to_property_key
from ..values import NULL
from .expressions import (_super_base, _super_get, get_computed, get_member, get_named, is_named_key,
                          is_strict, kid, put_computed, put_member, read_member)
from .references import coercible, make_get, make_put, with_reference

LOGICAL_OPS = ("&&=", "||=", "??=")


@dataclass(slots=True)
class LogicalAssignPayload:
    """A logical assignment on a frame (step_logical_assign)."""
    kids: list                                      # the reference's operand Codes
    resolve: Callable[[list, list], list]           # (scope, operand values) -> reference
    read: Callable[[list, list], Any]               # GetValue(reference)
    write: Callable[[list, list, Any], None]        # PutValue(reference, value)
    keeps: Callable[[Any], bool]                    # True: short-circuit, the old value stays
    rhs: Code


def _keeps(op: str) -> Callable[[Any], bool]:
    if op == "&&=":
        return lambda v: v is False or (v is not True and not to_boolean(v))
    if op == "||=":
        return lambda v: v is True or (v is not False and to_boolean(v))
    return lambda v: v is not None and v is not NULL


def _target_parts(prog: Any, target: Any, strict: bool) -> tuple:
    """(operand kids, resolve, read, write) of the assignment's target."""
    if target.type == "Identifier":
        name = target.name
        if prog.res(target)[0] == "with":
            lookup, wget, wput = with_reference(prog, target, strict)
            return ([], lambda s, vals: [lookup(s)], lambda s, r: wget(r[0], s),
                    lambda s, r, v: wput(r[0], s, v))
        get = make_get(prog, target, name)
        put = make_put(prog, target, name, strict)
        return [], lambda s, vals: [None], lambda s, r: get(s), lambda s, r, v: put(s, v)
    if target.type != "MemberExpression":
        raise AssertionError(target.type)   # an early error in the parser
    if target.property.type == "PrivateIdentifier":
        # ``o.#x ??= v``: private references belong to the class evaluation (support.py
        # refuses ``#x`` until it lands)
        raise NotImplementedError("logical assignment to a private name")
    keyc = kid(prog, target.property) if target.computed else None
    cname = None if target.computed else target.property.name
    if target.object.type == "Super":
        home_proto = _super_base(prog, target.object)[0]

        def resolve_super(s: list, vals: list) -> list:
            p = home_proto(s)   # GetSuperBase before ToPropertyKey (ES2024 13.3.7.1)
            return [p, cname if keyc is None else to_property_key(vals[1]), vals[0]]

        def write_super(s: list, r: list, v: Any) -> None:
            p, key, this = r
            if p is None:
                raise type_error("Cannot set property on undefined super")
            if not p.set(key, v, this) and strict:
                raise type_error(f"Cannot assign to read only property '{key}'")
        # the Super kid reads `this` first: super[super()] ??= v throws
        return ([kid(prog, target.object)] + ([keyc] if keyc is not None else []), resolve_super,
                lambda s, r: _super_get(r[0], r[1], r[2]), write_super)
    obj = kid(prog, target.object)
    if keyc is None:
        getter = get_named if is_named_key(cname) else get_member
        return ([obj], lambda s, vals: [vals[0], cname],
                lambda s, r: read_member(r[0], cname, getter),
                lambda s, r, v: put_member(r[0], cname, v, strict))

    def resolve_computed(s: list, vals: list) -> list:
        o, k = vals
        coercible(o, k)
        return [o, to_property_key(k)]
    return ([obj, keyc], resolve_computed, lambda s, r: get_computed(r[0], r[1]),
            lambda s, r, v: put_computed(r[0], r[1], v, strict))


def compile_logical_assignment(prog: Any, node: Any, code: Code) -> None:
    kids, resolve, read, write = _target_parts(prog, node.left, is_strict(prog, node))
    keeps = _keeps(node.operator)
    rhs = kid(prog, node.right)
    if prog.closures and rhs.ev is not None and all(k.ev is not None for k in kids):
        rev = rhs.ev
        evs = [k.ev for k in kids]

        def ev(s: list) -> Any:
            r = resolve(s, [e(s) for e in evs])
            old = read(s, r)
            if keeps(old):
                return old
            v = rev(s)
            write(s, r, v)
            return v
        code.ev = ev
        return
    code.p = LogicalAssignPayload(kids, resolve, read, write, keeps, rhs)
    code.step = step_logical_assign


def step_logical_assign(m: Any, f: Frame) -> None:
    p = f.code.p
    s = f.scope
    if f.x is None:
        kids = p.kids
        vals = f.vals
        pc = f.pc
        if vals is None:
            vals = f.vals = []
        elif len(vals) < pc:
            vals.append(m.rv)
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
        r = p.resolve(s, vals)
        old = p.read(s, r)
        if p.keeps(old):
            m.stack.pop()
            m.rv = old
            return
        f.x = r
        rhs = p.rhs
        if rhs.ev is None:
            m.stack.append(Frame(rhs.step, rhs, s))
            return
        v = rhs.ev(s)
    else:
        v = m.rv
    p.write(s, f.x, v)
    m.stack.pop()
    m.rv = v
