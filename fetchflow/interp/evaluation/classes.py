"""Class definitions (ES2017 14.5; fields, private methods and static blocks: ES2022 15.7)."""
from __future__ import annotations

from typing import Any

from ..compiler import Code, compiles
from ..frames import Frame
from ..functions import CLASS_BASE, CLASS_DERIVED, JSFunction
from ..operations.errors import type_error
from ..operations.type_conversion import to_property_key
from ..values import C, NULL, W, JSObject
from .expressions import _super_base, kid
from .function_objects import define_method_property, function_kind, make_function, set_function_name
from .class_elements import (ClassElements, add_static_methods, private_brand, push_elements,
                             step_class_statics)
from .private_names import PrivateName
from ..scope import private_key
from .functions import definition_name
from .operands import step_ops
from .payloads import ClassPayload
from ..scope import Scope
from .references import make_init
from ..operations.type_conversion import to_display


@compiles("Super")
def c_super(prog: Any, node: Any, code: Code) -> None:
    """The ``super`` of a super property reference, as its first operand: the this value,
    read before the key (ES2023 13.3.7.1 step 2, GetThisBinding: ReferenceError before
    super())."""
    code.ev = _super_base(prog, node)[1]


@compiles("ClassExpression", "ClassDeclaration")
def c_class(prog: Any, node: Any, code: Code) -> None:
    m = prog.machine
    cs: Scope = prog.info.block_scope[id(node)]
    kids: list = []
    if node.superClass is not None:
        kids.append(kid(prog, node.superClass))
    methods = []   # (element kind, static, method kind, key, computed, Code, private)
    ctor_code = None
    private_slots = [(b.slot, n) for n, b in cs.bindings.items() if b.kind == "private"]
    for md in node.body.body:
        if md.type == "StaticBlock":
            methods.append(("block", True, None, None, False, kid(prog, md), False))
            continue
        if md.type == "MethodDefinition" and md.kind == "constructor":
            ctor_code = kid(prog, md.value)
            ctor_code.p.src = (node.start, node.end)  # a class's source text is the class
            continue
        field = md.type == "PropertyDefinition"
        if not field:
            kid(prog, md.value).p.src = (_method_start(prog, md), md.end)
        k = md.key
        if md.computed:
            kids.append(kid(prog, k))
            ck: Any = None
        elif k.type == "PrivateIdentifier":
            ck = cs.bindings[private_key(k)].slot   # the PrivateName's slot in the class scope
        else:
            ck = k.name if k.type == "Identifier" else to_property_key(
                float(k.value) if type(k.value) in (int, float) else k.value)
        ek = "field" if field else "private" if k.type == "PrivateIdentifier" else "method"
        methods.append((ek, md.static, None if field else md.kind, ck, md.computed,
                        kid(prog, md) if field else kid(prog, md.value),
                        k.type == "PrivateIdentifier"))
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
            for slot, pname in private_slots:  # ES2022 15.7.14 step 6: fresh Private Names
                cscope[slot] = PrivateName(pname)
            return cscope
        return s

    def outer(cscope: list) -> list:
        return cscope[0] if materialized else cscope

    def define(cscope: list, vals: list) -> tuple:
        """(the constructor, its static elements still to run or None)"""
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
        inst_fields: list = []
        static_elements: list = []
        inst_private: list = []
        static_private: list = []
        for ek, static, mkind, ck, computed, mcode, private in methods:
            if ek == "block":
                static_elements.append((None, mcode))
                continue
            if computed:
                key = to_property_key(vals[i])
                i += 1
            elif private:
                key = cscope[ck]
            else:
                key = ck
            if ek == "field":
                (static_elements if static else inst_fields).append((key, mcode))
                continue
            target = F if static else proto
            fn = make_function(m, mcode, cscope, target, function_kind(mcode.node, method=True))
            if ek == "method":
                define_method_property(m, target, key, fn, mkind if mkind in ("get", "set") else "method",
                                       enumerable=False)
                continue
            # a private method or accessor (ES2022 15.4.4 PrivateMethodOrAccessor records)
            pn = key
            pn.brand = private_brand(node, static)
            if mkind in ("get", "set"):
                set_function_name(fn, pn.description, mkind)
                pn.kind = "accessor"
                if mkind == "get":
                    pn.get = fn
                else:
                    pn.set = fn
            else:
                set_function_name(fn, pn.description)
                pn.kind = "method"
                pn.value = fn
            owners = static_private if static else inst_private
            if pn not in owners:
                owners.append(pn)
        if inst_fields or inst_private:
            F.fields = ClassElements(ctor_code is None, inst_private, inst_fields, cscope, proto)
        if binding_slot and materialized:
            cscope[binding_slot] = F
        elif binding_slot:
            cscope[binding_slot] = F
        add_static_methods(F, static_private)
        if static_elements:
            return F, ClassElements(False, [], static_elements, cscope, F)
        return F, None
    if node.type == "ClassDeclaration":
        if not prog.has_calls(node):
            evs = [k.ev for k in kids]

            def ex(s: list) -> Any:
                cs0 = enter(s)
                decl_init(s, define(cs0, [e(cs0) for e in evs])[0])  # type: ignore[misc]
                return None
            code.ex = ex
            return
        code.kids = kids
        code.step = step_class

        def finish_decl(cscope: list, F: Any) -> None:
            decl_init(outer(cscope), F)  # type: ignore[misc]
        code.p = ClassPayload(enter, define, finish_decl)

        def fin_decl(m: Any, f: Frame, vals: list) -> None:
            F, statics = define(f.scope, vals)
            if statics is not None:
                _run_statics(m, f, F, statics)
                return
            decl_init(outer(f.scope), F)  # type: ignore[misc]
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
            return define(cs0, [e(cs0) for e in evs])[0]
        code.ev = ev_class
        return
    code.kids = kids
    code.step = step_class
    code.p = ClassPayload(enter, define, None)

    def fin_expr(m: Any, f: Frame, vals: list) -> None:
        F, statics = define(f.scope, vals)
        if statics is not None:
            _run_statics(m, f, F, statics)
            return
        m.stack.pop()
        m.rv = F
    code.fin = fin_expr


def _run_statics(m: Any, f: Frame, F: Any, statics: ClassElements) -> None:
    """ES2022 15.7.14 step 34: static fields and blocks run in order once F exists; the class
    frame then finishes (step_class_statics)."""
    f.step = step_class_statics
    f.x = F
    f.vals = None
    push_elements(m, statics, F)


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
