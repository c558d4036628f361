"""Name resolution of the static scope analysis (scope.py): every reference to a slot
``(hops, slot)``, a global name, or a chain of with objects (ES2017 8.1.2.1
GetIdentifierReference, 8.3.2 ResolveBinding, done once at compile time), and what a direct
eval's code sees of its caller (``outer_descriptor``, ``eval_outer``, ``eval_context``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, cast

if TYPE_CHECKING:
    from .scope import Binding, ProgramInfo, Scope


def private_key(node: Any) -> str:
    """The binding name of a private name in its class scope: ``#x`` (no identifier has it)."""
    return "#" + node.name


def _withs_crossed(scope: Scope, found: Optional[Scope]) -> list:
    """The object environments between ``scope`` and where a name was found, innermost
    first: with statements, and functions whose sloppy direct eval may add vars."""
    out = []
    s: Optional[Scope] = scope
    while s is not None and s is not found:
        if s.is_with:
            out.append((s, "%with"))
        elif s.kind == "function" and "%evars" in s.bindings:
            out.append((s, "%evars"))
        s = s.parent
    return out


def _lookup(scope: Scope, name: str) -> tuple[Optional[Binding], Scope]:
    s: Optional[Scope] = scope
    while s is not None:
        b = s.bindings.get(name)
        if b is not None:
            return b, s
        s = s.parent
    return None, scope


def _hops(frm: Scope, to: Optional[Scope]) -> int:
    h = 0
    s = frm.host()
    while s is not to:
        s = s.parent.host()  # type: ignore[union-attr]
        h += 1
    return h


def _function_scope_for_this(scope: Scope) -> Scope:
    s = scope.func
    while s.is_arrow:
        s = s.parent.func  # type: ignore[union-attr]
    return s


def outer_descriptor(scope: Scope) -> dict:
    """Names visible at ``scope`` as (hops, slot, kind) relative to its run-time scope list,
    for a direct eval there (globals are left out: they resolve by name)."""
    out: dict = {}
    s: Optional[Scope] = scope
    while s is not None and s.kind != "script":
        for name, b in s.bindings.items():
            if name not in out and b.host is not None and b.slot > 0:
                out[name] = (_hops(scope, b.host), b.slot, b.kind)
        s = s.parent
    if scope.func.kind == "script":
        # sloppy direct eval in global code declares its vars on the global object
        out["%globalvars"] = (0, 0, "")
    if scope.allows:
        out["%allows"] = (0, 0, scope.allows)
    return out


def eval_outer(info: ProgramInfo, node: Any) -> dict:
    """outer_descriptor for the direct eval ``node``; an eval in parameter expressions (or
    in eval code run by one) also gets ``%params``: the parameter environment's names, which
    its var declarations may not take (ES2023 19.2.1.3 EvalDeclarationInstantiation 3.d)."""
    scope = info.eval_sites[id(node)]
    out = outer_descriptor(scope)
    names = info.eval_param_names.get(id(node))
    if names is None and scope.func.kind == "script" and not scope.strict \
            and info.outer is not None:
        inherited = info.outer.get("%params")
        names = inherited[2] if inherited is not None else None
    if names:
        out["%params"] = (0, 0, names)
    return out


def _eval_allows(info: ProgramInfo, fs: Scope) -> str:
    """What direct eval code may use where its caller's this-scope is ``fs`` (ES2022 19.2.1.1
    PerformEval steps 5-8): "super_call super_prop new_target no_arguments" words."""
    if fs.kind == "script":
        inherited = info.outer.get("%allows") if info.outer is not None else None
        return inherited[2] if inherited is not None else ""
    t = fs.node.type
    if t == "PropertyDefinition" or t == "StaticBlock":
        return "super_prop new_target no_arguments"
    words = ["new_target"]
    if id(fs.node) in info.methods:
        words.append("super_prop")
    if id(fs.node) in info.derived_ctors:
        words.append("super_call")
    return " ".join(words)


def eval_context(outer: Optional[dict]) -> Optional[dict]:
    """The early-error context of direct eval code (grammar.early_errors.check) from its
    caller's outer_descriptor; None for code that is not a direct eval's."""
    if outer is None:
        return None
    a = outer.get("%allows")
    words = a[2].split() if a is not None else []
    return {"super_call": "super_call" in words, "super_prop": "super_prop" in words,
            "new_target": "new_target" in words, "no_arguments": "no_arguments" in words,
            "privates": [n[1:] for n in outer if n.startswith("#")]}


def _special(info: ProgramInfo, scope: Scope, name: str) -> Optional[tuple]:
    fs = _function_scope_for_this(scope)
    if fs.kind == "script":
        return None
    b = fs.bindings.get(name)
    if b is None:
        b = fs.declare(name, "this")
        b.host = fs
        b.slot = fs.size
        fs.size += 1
    return ("slot", _hops(scope, fs), b.slot, b.kind)


HOST_VAR_KINDS = ("var", "varfunction", "function", "param", "param_tdz", "arguments", "fname")


def is_host_var(outer: dict, name: str) -> bool:
    """Whether ``name`` is a var-scoped binding of the function hosting a direct eval (so
    the eval's ``var name`` is that binding, not a new one)."""
    e = outer.get(name)
    ev = outer.get("%evars")
    return e is not None and ev is not None and e[0] == ev[0] and e[2] in HOST_VAR_KINDS


def _catch_shadows(outer: dict, name: str) -> bool:
    """Whether a direct eval's caller sees ``name`` as a catch parameter nearer than the
    scope the eval's ``var name`` goes to (its function, or the global object)."""
    e = outer.get(name)
    if e is None or e[2] != "catch":
        return False
    ev = outer.get("%evars")
    if ev is not None:
        return e[0] <= ev[0]   # hosted by the same function (a flattened catch) or nearer
    return "%globalvars" in outer


def _outer_ref(info: ProgramInfo, scope: Scope, name: str) -> Optional[tuple]:
    """Resolve ``name`` through a direct eval's caller scopes (None when not there)."""
    if info.outer is None or name not in info.outer or name.startswith("%globalvars"):
        return None
    hops, slot, kind = info.outer[name]
    root = scope
    while root.parent is not None:
        root = root.parent
    return ("slot", _hops(scope, root) + 1 + hops, slot, kind)


def _resolve(info: ProgramInfo, refs: list, root: Scope) -> None:
    b: Optional[Binding]
    # a direct eval sees its caller's this/new.target/home/function: make sure they have slots
    for site, scope in info.eval_sites.items():
        for special in ("%this", "%nt", "%home", "%func"):
            _special(info, scope, special)
        host = scope.func
        if host.kind == "function" and not scope.strict and "%evars" not in host.bindings:
            # a sloppy direct eval may declare vars in this function: they live in an
            # object in this slot, consulted by names that resolve outside the function
            b = host.declare("%evars", "evars")
            b.host = host
            b.slot = host.size
            host.size += 1
        fs = _function_scope_for_this(scope)
        scope.allows = _eval_allows(info, fs)
        if fs.kind != "script" and "arguments" not in fs.bindings:
            b = fs.declare("arguments", "arguments")
            b.host = fs
            b.slot = fs.size
            fs.size += 1
    for node, scope in refs:
        t = node.type
        if t == "WithStatement":
            b = scope.bindings["%with"]
            info.res[id(node)] = ("slot", _hops(scope, b.host), b.slot, "let")
            continue
        if t == "Identifier":
            b, s = _lookup(scope, node.name)
            found = s if b is not None else None
            if node.name == "arguments":
                # an arrow's `arguments` is its function's object, unless a with object or
                # an eval var (`(p = eval("var arguments")) => arguments`) on the way has it
                fs = _function_scope_for_this(scope)
                if fs.kind != "script" and (b is None or not _between(scope, s, fs)):
                    found = fs
            withs = _withs_crossed(scope, found)
            if withs:
                _resolve_plain(info, node, scope, root)
                base = info.res[id(node)]
                info.res[id(node)] = ("with", [(_hops(scope, w.bindings[k].host),
                                                w.bindings[k].slot) for w, k in withs], base)
                continue
        if t == "ThisExpression":
            r = _special(info, scope, "%this") or _outer_ref(info, scope, "%this")
            info.res[id(node)] = r if r is not None else ("globalthis",)
            continue
        if t == "MetaProperty":
            r = _special(info, scope, "%nt") or _outer_ref(info, scope, "%nt")
            info.res[id(node)] = r if r is not None else ("undefined",)
            continue
        if t == "PrivateIdentifier":
            # ES2022 9.2.1.2 ResolvePrivateIdentifier: the innermost class declaring it
            b, s = _lookup(scope, private_key(node))
            if b is not None:
                info.res[id(node)] = ("slot", _hops(scope, b.host), b.slot, "private")
            else:
                info.res[id(node)] = _outer_ref(info, scope, private_key(node)) or ("global", node.name)
            continue
        if t == "Super":
            r = _special(info, scope, "%home") or _outer_ref(info, scope, "%home")
            r2 = _special(info, scope, "%this") or _outer_ref(info, scope, "%this")
            r3 = _special(info, scope, "%func") or _outer_ref(info, scope, "%func")
            r4 = _special(info, scope, "%nt") or _outer_ref(info, scope, "%nt")
            info.res[id(node)] = (r, r2, r3, r4)
            continue
        _resolve_plain(info, node, scope, root)


def _between(scope: Scope, s: Scope, fs: Scope) -> bool:
    """Whether s lies on the chain from scope up to fs (inclusive)."""
    t: Optional[Scope] = scope
    while t is not None:
        if t is s:
            return True
        if t is fs:
            return False
        t = t.parent
    return False


def _resolve_plain(info: ProgramInfo, node: Any, scope: Scope, root: Scope) -> None:
    """Resolve an identifier to a slot or a global name (ignoring with statements)."""
    name = node.name
    if name == "arguments":
        fs = _function_scope_for_this(scope)
        b, s = _lookup(scope, name)
        if fs.kind == "script" and b is None and info.outer is not None and "arguments" in info.outer:
            info.res[id(node)] = cast(tuple, _outer_ref(info, scope, "arguments"))  # in info.outer
            return
        if fs.kind != "script" and (b is None or not _between(scope, s, fs)):
            b = fs.bindings.get("arguments")
            if b is None:
                b = fs.declare("arguments", "arguments")
                b.host = fs
                b.slot = fs.size
                fs.size += 1
            info.res[id(node)] = ("slot", _hops(scope, fs), b.slot, "arguments")
            return
    b, s = _lookup(scope, name)
    if b is None:
        r = _outer_ref(info, scope, name)
        info.res[id(node)] = r if r is not None else ("global", name)
        return
    if s is root and info.kind == "eval" and b.kind in ("var", "function", "varfunction") \
            and not root.strict and info.outer is not None and _catch_shadows(info.outer, name):
        # ES2023 B.3.4: a catch parameter between the eval and its var scope is what the
        # eval's references find (the var itself is still declared in the var scope)
        info.res[id(node)] = cast(tuple, _outer_ref(info, scope, name))
        return
    if s is root and info.kind == "eval" and b.kind in ("var", "function", "varfunction") \
            and not root.strict and info.outer is not None and "%evars" in info.outer:
        # sloppy direct eval in a function: its vars are the caller's
        r = _outer_ref(info, scope, name) if is_host_var(info.outer, name) else None
        if r is not None and r[3] == "fname":
            # `var g` shadows a function expression's own name g: the slot becomes a var
            r = r[:3] + ("var",)
        if r is None:
            ev = cast(tuple, _outer_ref(info, scope, "%evars"))  # "%evars" is in info.outer
            r = ("with", [(ev[1], ev[2])], ("global", name))
        info.res[id(node)] = r
        return
    local_vars = info.kind == "eval" and (root.strict or (info.outer is not None
                                                           and "%globalvars" not in info.outer))
    if s is root and b.kind in ("var", "function", "varfunction") and not local_vars:
        info.res[id(node)] = ("global", name)
        return
    if s is root and info.kind == "script" and b.kind in ("let", "const", "class") \
            and s.bindings.get(name) is b:
        # top-level lexical declarations live in the global declarative record
        info.res[id(node)] = ("global", name)
        return
    info.res[id(node)] = ("slot", _hops(scope, b.host), b.slot, b.kind)  # type: ignore[arg-type]
