"""Class definitions (ES2017 14.5)."""
from __future__ import annotations

from typing import Any

from ..compiler import Code, compiles
from ..frames import Frame
from ..functions import CLASS_BASE, CLASS_DERIVED, JSFunction
from ..operations.errors import type_error
from ..operations.type_conversion import to_property_key
from ..values import C, NULL, W, JSObject
from .expressions import kid
from .function_objects import define_method_property, function_kind, make_function
from .functions import definition_name
from .operands import step_ops
from .payloads import ClassPayload
from ..scope import Scope
from .references import make_init
from ..operations.type_conversion import to_display


@compiles("ClassExpression", "ClassDeclaration")
def c_class(prog: Any, node: Any, code: Code) -> None:
    m = prog.machine
    cs: Scope = prog.info.block_scope[id(node)]
    kids: list = []
    if node.superClass is not None:
        kids.append(kid(prog, node.superClass))
    methods = []
    ctor_code = None
    for md in node.body.body:
        if md.kind == "constructor":
            ctor_code = kid(prog, md.value)
            ctor_code.p.src = (node.start, node.end)  # a class's source text is the class
            continue
        kid(prog, md.value).p.src = (_method_start(prog, md), md.end)
        if md.computed:
            kids.append(kid(prog, md.key))
            ck = None
        else:
            k = md.key
            ck = k.name if k.type == "Identifier" else to_property_key(
                float(k.value) if type(k.value) in (int, float) else k.value)
        methods.append((md.static, md.kind, ck, md.computed, kid(prog, md.value)))
    name = definition_name(prog, node)
    binding_slot = cs.bindings[name].slot if node.id is not None else 0
    materialized = cs.materialized
    template = cs.template() if materialized else None
    has_super = node.superClass is not None
    decl_init = None
    if node.type == "ClassDeclaration":
        decl_init = make_init(prog, node.id, name)

    def enter(s: list) -> list:
        """The class scope (ES2017 14.5.14 step 4): heritage and keys are evaluated in it."""
        if materialized:
            cscope = list(template)  # type: ignore[arg-type]
            cscope[0] = s
            return cscope
        return s

    def outer(cscope: list) -> list:
        return cscope[0] if materialized else cscope

    def define(cscope: list, vals: list) -> JSFunction:
        realm = m.realm
        i = 0
        proto_parent: Any = realm.object_prototype
        ctor_parent: Any = realm.function_prototype
        if has_super:
            sup = vals[0]
            i = 1
            if sup is NULL:
                proto_parent = None
            else:
                if not (isinstance(sup, JSObject) and sup.can_construct):
                    raise type_error(f"Class extends value {_show(sup)} is not a constructor or null")
                pp = sup.get("prototype", sup)
                if pp is not NULL and not isinstance(pp, JSObject):
                    raise type_error("Class extends value does not have valid prototype property")
                proto_parent = None if pp is NULL else pp
                ctor_parent = sup
        proto = JSObject(proto_parent)
        kind = CLASS_DERIVED if has_super else CLASS_BASE
        if ctor_code is not None:
            F = make_function(m, ctor_code, cscope, proto, kind)
        else:
            # default constructor (ES2017 14.5.14 step 10): no code of its own
            F = JSFunction(realm.function_prototype, code, cscope, kind, True, proto)
            F._store("length", 0.0, C)
            F._store("name", name, C)
            F.fields = "default"
        F.kind = kind
        F.ctor_ok = True
        F.proto = ctor_parent
        F.props.pop("prototype", None)
        F._store("prototype", proto, 0)
        F._store("name", name, C)
        proto._store("constructor", F, W | C)
        for static, mkind, ck, computed, mcode in methods:
            if computed:
                key = to_property_key(vals[i])
                i += 1
            else:
                key = ck
            target = F if static else proto
            fn = make_function(m, mcode, cscope, target, function_kind(mcode.node, method=True))
            define_method_property(m, target, key, fn, mkind if mkind in ("get", "set") else "method",
                                   enumerable=False)
        if binding_slot and materialized:
            cscope[binding_slot] = F
        elif binding_slot:
            cscope[binding_slot] = F
        return F
    if node.type == "ClassDeclaration":
        if not prog.has_calls(node):
            evs = [k.ev for k in kids]

            def ex(s: list) -> Any:
                cs0 = enter(s)
                decl_init(s, define(cs0, [e(cs0) for e in evs]))  # type: ignore[misc]
                return None
            code.ex = ex
            return
        code.kids = kids
        code.step = step_class
        code.p = ClassPayload(enter, define, decl_init)

        def fin_decl(m: Any, f: Frame, vals: list) -> None:
            decl_init(outer(f.scope), define(f.scope, vals))  # type: ignore[misc]
            m.stack.pop()
            m.rv = None
        code.fin = fin_decl
        code.fstep = step_class
        code.fcode = code
        return
    if not prog.has_calls(node):
        evs = [k.ev for k in kids]
        def ev_class(s: list) -> Any:
            cs0 = enter(s)
            return define(cs0, [e(cs0) for e in evs])
        code.ev = ev_class
        return
    code.kids = kids
    code.step = step_class
    code.p = ClassPayload(enter, define, None)

    def fin_expr(m: Any, f: Frame, vals: list) -> None:
        F = define(f.scope, vals)
        m.stack.pop()
        m.rv = F
    code.fin = fin_expr


def step_class(m: Any, f: Frame) -> None:
    """Enter the class scope once, then evaluate heritage and computed keys in it."""
    if f.x is None:
        f.scope = f.code.p.enter(f.scope)
        f.x = True
    step_ops(m, f)


def _method_start(prog: Any, md: Any) -> int:
    """Where a method's source text starts: after `static` (ES2017 14.5: ClassElement)."""
    start = md.start
    if getattr(md, "static", False):
        import re
        m = re.compile(r"static(?:\s|/\*.*?\*/|//[^\n]*\n)*", re.S).match(prog.text, start)
        if m:
            start = m.end()
    return start


def _show(v: Any) -> str:
    return to_display(v)
