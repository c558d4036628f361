"""Unary operators and delete (ES2017 12.5; ES2020 ``delete a?.b``)."""
from __future__ import annotations

from typing import Any, Callable, cast

from ..compiler import Code, compiles
from ..operations.errors import reference_error, type_error
from ..operations.object_operations import falsish_message
from ..operations.operators import js_bitnot, js_neg
from ..operations.type_conversion import to_boolean, to_number, to_object, to_property_key, type_of
from .chains import compile_chain
from .expressions import _truthy, is_strict, kid
from .operands import step_ops, value_finisher
from .references import make_typeof_get, make_with_lookup


def _unary_fn(op: str) -> Callable:
    if op == "-":
        return lambda v: -v if type(v) is float else js_neg(v)
    if op == "+":
        return lambda v: v if type(v) is float else to_number(v)
    if op == "!":
        return lambda v: not _truthy(v)
    if op == "~":
        return js_bitnot
    if op == "typeof":
        return type_of
    if op == "void":
        return lambda v: None
    raise AssertionError(op)


@compiles("UnaryExpression")
def c_unary(prog: Any, node: Any, code: Code) -> None:
    op = node.operator
    arg = node.argument
    strict = is_strict(prog, node)
    if op == "delete":
        _compile_delete(prog, node, code, strict)
        return
    if op == "typeof" and arg.type == "Identifier":
        get = make_typeof_get(prog, arg, arg.name)
        code.ev = lambda s: type_of(get(s))
        return
    a = kid(prog, arg)
    fn = _unary_fn(op)
    if prog.closures and a.ev is not None:
        aev = a.ev
        if op == "-":
            def ev_neg(s: list) -> Any:
                v = aev(s)
                return -v if type(v) is float else js_neg(v)
            code.ev = ev_neg
        elif op == "!":
            def ev_not(s: list) -> Any:
                v = aev(s)
                if v is True:
                    return False
                if v is False:
                    return True
                return not to_boolean(v)
            code.ev = ev_not
        else:
            code.ev = lambda s: fn(aev(s))
        return
    code.kids = [a]
    code.step = step_ops
    code.fin = value_finisher(lambda vals: fn(vals[0]))


def _compile_delete(prog: Any, node: Any, code: Code, strict: bool) -> None:
    arg = node.argument
    m = prog.machine
    if arg.type == "Identifier":
        res = prog.res(arg)
        name = arg.name
        base = res[2] if res[0] == "with" else res
        if base[0] == "global":
            def dbase(s: list) -> bool:
                return m.global_delete(name)
        else:
            def dbase(s: list) -> bool:
                return False
        if res[0] == "with":
            lookup = make_with_lookup(prog, arg, name)

            def ev_del_with(s: list) -> bool:
                o = lookup(s)
                return o.delete(name) if o is not None else dbase(s)
            code.ev = ev_del_with
        else:
            code.ev = dbase
        return
    if arg.type == "ChainExpression" and arg.expression.type == "MemberExpression":
        compile_chain(prog, arg, code, delete=True)   # true when it short-circuits
        return
    if arg.type != "MemberExpression" or arg.object.type == "Super":
        a = kid(prog, arg)
        if arg.type == "MemberExpression":
            def ev_super(s: list) -> Any:
                raise reference_error("Unsupported reference to 'super'")
            code.ev = ev_super
            return
        if prog.closures and a.ev is not None:
            aev = a.ev

            def ev_true(s: list) -> Any:
                aev(s)
                return True
            code.ev = ev_true
            return
        code.kids = [a]
        code.step = step_ops
        code.fin = value_finisher(lambda vals: True)
        return
    obj = kid(prog, arg.object)
    kids = [obj]
    const_key = None
    if arg.computed:
        kids.append(kid(prog, arg.property))
    else:
        const_key = arg.property.name

    def do_delete(vals: list) -> bool:
        o = vals[0]
        key = const_key if const_key is not None else to_property_key(vals[1])
        o = to_object(o)
        ok = o.delete(key)
        if not ok and strict:
            if o.PROXY:
                raise type_error(falsish_message("deleteProperty", key))
            raise type_error(f"Cannot delete property '{key if type(key) is str else key}' of object")
        return ok
    if prog.closures and all(k.ev is not None for k in kids):
        evs = cast("list[Callable]", [k.ev for k in kids])
        code.ev = lambda s: do_delete([e(s) for e in evs])
        return
    code.kids = kids
    code.step = step_ops
    code.fin = value_finisher(do_delete)
