"""Function objects, classes and calls (ES2017 9.2, 12.3.4, 14.1-14.6)."""
from __future__ import annotations

from typing import Any, Callable, Optional, cast

from ..compiler import Code, compiles
from ..frames import Frame
from ..functions import ARROW, ASYNC_ARROW, CLASS_BASE, CLASS_DERIVED, JSFunction
from ..operations.errors import type_error
from ..operations.type_conversion import to_property_key
from ..values import C, NULL, TDZ, W, JSObject
from .expressions import (cannot_read, get_computed, get_member, get_named, is_named_key, kid,
                          read_member)
from .function_objects import (define_method_property, function_kind, make_function,  # noqa: F401
                               set_function_name)
from .operands import Spread, flatten, step_ops
from .payloads import ClassPayload
from ..scope import pattern_names
from .patterns import compile_pattern
from ..values import JSArray
from .bodies import step_concise_body, step_function_body
from ..scope import Scope
from .references import make_init
from ..operations.type_conversion import to_display
from .expressions import _super_base
from .references import make_get, make_with_lookup
from ..scope import outer_descriptor
from .references import _up
from ..operations.errors import reference_error
from ..operations.object_operations import set_integrity_level
from .generators import step_yield_star, yield_star_abrupt


class FuncData:
    """Per function node: scope layout and parameter facts, computed once per program."""
    __slots__ = ("template", "simple", "nparams", "this_slot", "nt_slot", "home_slot", "func_slot",
                 "args_slot", "fname_slot", "hoisted", "body", "expr_body", "strict", "length",
                 "name", "bind_params", "param_names", "mapped_args", "fast", "body_step", "inline",
                 "src", "varenv")
    template: list                      # the scope list a call copies
    simple: bool                        # plain, distinct identifier parameters in slots 1..n
    nparams: int
    this_slot: int                      # 0: none (also for the slots below)
    nt_slot: int
    home_slot: int
    func_slot: int
    args_slot: int
    fname_slot: int
    hoisted: list[tuple[int, Code]]     # (slot, function declaration)
    body: Code
    expr_body: bool
    strict: bool
    length: int
    name: str
    bind_params: Optional[Callable[[Any, list, list], None]]
    param_names: list[str]
    mapped_args: bool
    fast: int
    body_step: Callable[[Any, Any], None]
    inline: Optional[Callable[[list], Any]]
    src: Optional[tuple[int, int]]      # (start, end) of the source text when wider than the node
    varenv: Optional[tuple]             # (template, [(var slot, param slot)]) of a separate var scope


def func_data(prog: Any, node: Any) -> FuncData:
    fs = prog.info.scopes[id(node)]
    fd = FuncData()
    fd.src = None  # (start, end) of the source text when wider than the function node
    b = fs.bindings
    fd.strict = fs.strict
    fd.this_slot = b["%this"].slot if "%this" in b else 0
    fd.nt_slot = b["%nt"].slot if "%nt" in b else 0
    fd.home_slot = b["%home"].slot if "%home" in b else 0
    fd.func_slot = b["%func"].slot if "%func" in b else 0
    fd.args_slot = b["arguments"].slot if "arguments" in b and b["arguments"].kind == "arguments" else 0
    fd.fname_slot = b[node.id.name].slot if node.type == "FunctionExpression" and node.id is not None \
        and b.get(node.id.name) is not None and b[node.id.name].kind == "fname" else 0
    params = node.params
    names = [p.name for p in params if p.type == "Identifier"]
    fd.simple = len(names) == len(params) and len(set(names)) == len(names) and \
        all(b[n].slot == i + 1 for i, n in enumerate(names))
    fd.nparams = len(params)
    fd.param_names = [n for p in params for n in pattern_names(p, [])]
    fd.mapped_args = fd.simple and not fd.strict and node.type != "ArrowFunctionExpression"
    length = 0
    for p in params:
        if p.type in ("AssignmentPattern", "RestElement"):
            break
        length += 1
    fd.length = length
    fd.name = definition_name(prog, node)
    t = fs.template()
    fd.template = t
    body = node.body
    fd.expr_body = body.type != "BlockStatement"
    fd.body = prog.code(body)
    vs = prog.info.varenv.get(id(node))
    fd.varenv = None
    hb = b
    if vs is not None and vs.materialized:
        hb = vs.bindings
        copies = [(vb.slot, b[n].slot) for n, vb in vs.bindings.items()
                  if vb.kind in ("var", "varfunction") and n in b and b[n].kind in ("param", "param_tdz")]
        fd.varenv = (vs.template(), copies)
    hoisted = []
    if not fd.expr_body:
        for st in body.body:
            if st.type == "FunctionDeclaration":
                hoisted.append((hb[st.id.name].slot, st))
    fd.hoisted = [(slot, prog.code(st)) for slot, st in hoisted]
    fd.bind_params = None
    if not fd.simple:
        binders = []
        for i, p in enumerate(params):
            if p.type == "RestElement":
                binders.append(("rest", compile_pattern(prog, p.argument, "init", fd.strict)))
            else:
                binders.append(("one", compile_pattern(prog, p, "init", fd.strict)))
        seen_dup = len(set(fd.param_names)) != len(fd.param_names)

        def bind_params(m: Any, scope: list, args: list) -> None:
            for i, (kind, bind) in enumerate(binders):
                if kind == "rest":
                    bind(scope, JSArray(m.realm.array_prototype, list(args[i:])))
                else:
                    bind(scope, args[i] if i < len(args) else None)
        fd.bind_params = bind_params
        _ = seen_dup
    fd.body_step = step_concise_body if fd.expr_body else step_function_body
    plain = fd.simple and fd.varenv is None and not (fd.nt_slot or fd.home_slot or fd.func_slot or fd.fname_slot or
                               fd.args_slot or fd.hoisted) and not node.generator and not node.isAsync
    # 1: nothing to set up but the parameters; 2: parameters and `this`; 0: the general path
    fd.fast = (2 if fd.this_slot else 1) if plain else 0
    # a fast function whose whole body is one call-free value (`x => x * 2`, `function (a, b)
    # { return a - b }`) is evaluated in place of the call: no frame at all
    fd.inline = None
    # stepping sees every statement; frames-only mode runs every body on its frame
    if fd.fast and getattr(prog.machine, "stepper", None) is None and prog.closures:
        if fd.expr_body:
            fd.inline = fd.body.ev
        elif len(body.body) == 1 and body.body[0].type == "ReturnStatement" and \
                body.body[0].argument is not None:
            fd.inline = prog.code(body.body[0].argument).ev
    return fd


def definition_name(prog: Any, node: Any) -> str:
    """A function's or class's own name, else the one NamedEvaluation gives it where the
    source fixes it (scope.inferred_names), else ""."""
    if getattr(node, "id", None) is not None:
        return node.id.name
    name = prog.info.inferred_names.get(id(node), "")
    return name if type(name) is str else to_property_key(name)


@compiles("FunctionExpression", "ArrowFunctionExpression")
def c_function_expr(prog: Any, node: Any, code: Code) -> None:
    m = prog.machine
    code.p = func_data(prog, node)
    if node.type == "ArrowFunctionExpression":
        kind = ASYNC_ARROW if node.isAsync else ARROW
        code.ev = lambda s: make_function(m, code, s, None, kind)
    else:
        code.ev = lambda s: make_function(m, code, s)


@compiles("FunctionDeclaration")
def c_function_decl(prog: Any, node: Any, code: Code) -> None:
    code.p = func_data(prog, node)
    code.ex = lambda s: None  # hoisted: instantiated on entry to its scope


# -- classes -----------------------------------------------------------------------------------

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


# -- calls -----------------------------------------------------------------------------------

def call_checked(m: Any, fn: Any, this: Any, args: list, text: str) -> None:
    """Call ``fn`` on the frame stack, or throw "<callee text> is not a function"."""
    if fn.__class__ is not JSFunction and not (isinstance(fn, JSObject) and fn.call_kind):
        raise type_error(f"{text} is not a function")
    m.call_value(fn, this, args)


def _callee_text(prog: Any, node: Any) -> str:
    return prog.text[node.start:node.end]


@compiles("CallExpression")
def c_call(prog: Any, node: Any, code: Code) -> None:
    callee = node.callee
    args = [kid(prog, a) for a in node.arguments]
    spread = any(a.type == "SpreadElement" for a in node.arguments)
    text = _callee_text(prog, callee)
    code.step = step_ops
    if callee.type == "Super":
        code.kids = args
        code.fin = _make_super_call(prog, node, spread)
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
                if fn.__class__ is JSFunction:
                    m.push_call(fn, o, a)
                    return
                call_checked(m, fn, o, a, text)
            code.sc = sc_m
        if callee.computed:
            code.kids = [obj, kid(prog, callee.property)] + args

            def fin_cm(m: Any, f: Frame, vals: list) -> None:
                o = vals[0]
                fn = get_computed(o, vals[1])
                a = vals[2:]
                if spread:
                    a = flatten(a)
                m.stack.pop()
                call_checked(m, fn, o, a, text)
            code.fin = fin_cm
            return
        name = callee.property.name
        code.kids = [obj] + args

        def fin_m(m: Any, f: Frame, vals: list) -> None:
            o = vals[0]
            fn = read_member(o, name, getter)
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
        outer = outer_descriptor(prog.info.eval_sites[id(node)])
        site = f"{prog.key}:{prog.index_of(node)}"
    if prog.closures and not direct_eval and not spread and all(k.ev is not None for k in code.kids):
        cev = code.kids[0].ev
        aevs = cast("list[Callable]", [a.ev for a in args])  # all non-None (checked above)
        if len(aevs) == 1:
            a0 = aevs[0]

            def sc1(m: Any, s: list) -> None:
                fn = cev(s)
                a = [a0(s)]
                if fn.__class__ is JSFunction:
                    m.push_call(fn, None, a)
                    return
                call_checked(m, fn, None, a, text)
            code.sc = sc1
        else:
            def sc(m: Any, s: list) -> None:
                fn = cev(s)
                a = [e(s) for e in aevs]
                if fn.__class__ is JSFunction:
                    m.push_call(fn, None, a)
                    return
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
    text = _callee_text(prog, node.callee)
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
        code.kids = [obj] + ([keyc] if keyc else []) + exprs
        nk = 2 if keyc else 1

        def fin_m(m: Any, f: Frame, vals: list) -> None:
            o = vals[0]
            fn = get_computed(o, vals[1]) if keyc else get_member(o, name)
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


# -- await and yield -------------------------------------------------------------------------

def step_await(m: Any, f: Frame) -> None:
    pc = f.pc
    if pc == 0:
        arg = f.code.kids[0]
        if arg.ev is None:
            f.pc = 1
            m.stack.append(Frame(arg.step, arg, f.scope))
            return
        v = arg.ev(f.scope)
    elif pc == 1:
        v = m.rv
    else:
        m.stack.pop()  # resumed: m.rv holds the awaited value
        return
    f.pc = 2
    m.await_(v)


@compiles("AwaitExpression")
def c_await(prog: Any, node: Any, code: Code) -> None:
    code.kids = [kid(prog, node.argument)]
    code.step = step_await


def step_yield(m: Any, f: Frame) -> None:
    pc = f.pc
    if pc == 0:
        arg = f.code.kids[0] if f.code.kids else None
        if arg is None:
            v = None
        elif arg.ev is None:
            f.pc = 1
            m.stack.append(Frame(arg.step, arg, f.scope))
            return
        else:
            v = arg.ev(f.scope)
    elif pc == 1:
        v = m.rv
    else:
        m.stack.pop()
        return
    f.pc = 2
    m.yield_(v)


@compiles("YieldExpression")
def c_yield(prog: Any, node: Any, code: Code) -> None:
    code.kids = [kid(prog, node.argument)] if node.argument is not None else []
    if node.delegate:
        code.step = step_yield_star
        code.abrupt = yield_star_abrupt
        return
    code.step = step_yield


__all__ = ["make_function", "set_function_name", "define_method_property", "Spread"]
