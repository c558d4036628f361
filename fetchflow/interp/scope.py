"""Static scope analysis: bindings resolved to slots at compile time (ES2017 8.1, 9.2.12, 13.2.14).

One iterative pass over a Program (no Python recursion over nesting depth) builds a
tree of scopes, decides which scopes exist at run time, gives every binding a slot and
resolves every identifier to ``(hops, slot)`` or to a global name.

Run-time scopes are Python lists ``[parent, slot1, slot2, ...]``.  A function gets one;
a block with lexical declarations gets one only when a closure inside it could capture
its bindings (otherwise its bindings live in the enclosing list under fresh slots and
are reset to TDZ on entry).  ``this``, ``new.target``, the home object and the active
function are ordinary slots named ``%this``, ``%nt``, ``%home``, ``%func`` so arrows
find them lexically.

Per node, the analysis records (in ``ProgramInfo``) for identifiers their resolution; on
demand, for the nodes that get compiled, ``calls`` (the subtree, without nested functions,
contains a call, ``new``, ``await``, ``yield`` or a tagged template) and ``height``
(expression depth, to bound closure nesting): ``has_call`` and ``height_of``.
"""
from __future__ import annotations

from typing import Any, Optional

from .values import TDZ
from .scope_resolve import (HOST_VAR_KINDS, _hops, _resolve, eval_context, eval_outer,  # noqa: F401
                            is_host_var, outer_descriptor, private_key)

FUNCTION_TYPES = ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression")
CLASS_TYPES = ("ClassDeclaration", "ClassExpression")
# statements whose completion value is UpdateEmpty(..., undefined) (ES2017 13.6.7, 13.7, 13.12,
# 13.15): a script's value after them is undefined unless their body produced one
COMPLETION_RESET = ("IfStatement", "ForStatement", "ForInStatement", "ForOfStatement",
                    "WhileStatement", "DoWhileStatement", "SwitchStatement", "TryStatement",
                    "WithStatement")
CALL_TYPES = ("CallExpression", "NewExpression", "AwaitExpression", "YieldExpression",
              "TaggedTemplateExpression")


class Binding:
    __slots__ = ("name", "kind", "slot", "host")

    def __init__(self, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind          # var, let, const, class, function, param, this, fname, catch
        self.slot = -1
        self.host: Optional[Scope] = None


class Scope:
    __slots__ = ("kind", "node", "parent", "bindings", "materialized", "size", "func",
                 "has_closure", "host_scope", "lexical_slots", "strict", "is_arrow", "is_with",
                 "allows")

    def __init__(self, kind: str, node: Any, parent: Optional["Scope"]) -> None:
        self.kind = kind          # script, function, block
        self.node = node
        self.parent = parent
        self.bindings: dict[str, Binding] = {}
        self.materialized = kind != "block"
        self.size = 1             # slot 0 is the parent scope
        self.func: Scope = self if kind != "block" else parent.func  # type: ignore[union-attr]
        self.has_closure = False
        self.host_scope: Optional[Scope] = None
        self.lexical_slots: list[int] = []
        self.strict: bool = parent.strict if parent is not None else False
        self.is_arrow = False
        self.is_with = False
        self.allows = ""          # at a direct eval site: what its code may use (eval_context)

    def declare(self, name: str, kind: str) -> Binding:
        b = self.bindings.get(name)
        if b is None:
            b = self.bindings[name] = Binding(name, kind)
        elif kind in ("function",) and b.kind in ("var", "param", "param_tdz"):
            b.kind = "varfunction" if b.kind == "var" else b.kind
        return b

    def host(self) -> "Scope":
        s = self
        while not s.materialized:
            s = s.parent  # type: ignore[assignment]
        return s

    def template(self) -> list:
        t: list = [None] * self.size
        for b in self.bindings.values():
            if b.host is self and b.kind in ("let", "const", "class", "param_tdz"):
                t[b.slot] = TDZ
        return t


class FunctionInfo:
    """What the compiler needs to call a function: its scope layout and parameter facts."""
    __slots__ = ("scope", "simple_params", "param_slots", "this_slot", "nt_slot", "home_slot",
                 "func_slot", "args_slot", "fname_slot", "strict", "template", "hoisted",
                 "uses_this", "uses_args")

    def __init__(self, scope: Scope) -> None:
        self.scope = scope


class ProgramInfo:
    """Scope facts of one parsed Program."""

    def __init__(self) -> None:
        self.res: dict[int, tuple] = {}          # id(Identifier) -> ('slot', hops, slot, kind) | ('global', name)
        # measured on demand (measure): only code that gets compiled needs them
        self.calls: set[int] = set()             # id(node) whose subtree contains a call/await/yield
        self.height: dict[int, int] = {}
        self.scopes: dict[int, Scope] = {}       # id(node) -> Scope created by that node
        self.funcs: dict[int, FunctionInfo] = {}  # id(function or Program) -> FunctionInfo
        self.block_scope: dict[int, Scope] = {}   # id(block-like node) -> its scope (materialized or not)
        self.strict: set[int] = set()             # id(node) of nodes in strict mode code
        self.script_level: set[int] = set()       # expression statements outside functions
        # statements outside functions whose completion value starts as undefined
        self.completion_reset: set[int] = set()
        self.kind = "script"
        self.annexb: dict[int, "Scope"] = {}      # id(block FunctionDeclaration) -> function scope
        self.pattern_mode: dict[int, tuple] = {}  # id(pattern) -> (binding mode, strict)
        self.varenv: dict[int, "Scope"] = {}      # id(function) -> separate var scope of its body
        self.outer: Optional[dict] = None
        self.eval_sites: dict[int, "Scope"] = {}  # id(direct-eval CallExpression) -> its scope
        # id(sloppy direct eval in parameter expressions) -> the names its vars may not take
        self.eval_param_names: dict[int, str] = {}
        # id(anonymous function or class) -> the name NamedEvaluation gives it (see below)
        self.inferred_names: dict[int, Any] = {}
        self.methods: set[int] = set()            # id(function) of methods (super.x allowed)
        self.derived_ctors: set[int] = set()      # id(function) of derived constructors

    def strict_of(self, node: Any) -> bool:
        return id(node) in self.strict

    def height_of(self, node: Any) -> int:
        """Expression depth of ``node``'s subtree, not counting nested functions (1: a leaf)."""
        h = self.height.get(id(node))
        return h if h is not None else self.measure(node)

    def has_call(self, node: Any) -> bool:
        """Whether ``node``'s subtree, without nested functions, contains a call, ``new``,
        ``await``, ``yield``, a tagged template or a class with static initializers."""
        if id(node) not in self.height:
            self.measure(node)
        return id(node) in self.calls

    def measure(self, root: Any) -> int:
        """Record height and calls for ``root`` and its not yet measured descendants
        (iterative post-order, stopping at functions); returns the height of ``root``."""
        height = self.height
        calls = self.calls
        todo: list = [(root, None)]
        while todo:
            node, kids = todo.pop()
            nid = id(node)
            if kids is None:
                if nid in height:
                    continue
                t = node.type
                if t in FUNCTION_TYPES:
                    height[nid] = 1
                    continue
                if t == "SwitchStatement":
                    kids = _switch_kids(node)
                elif t == "CatchClause":
                    kids = ([node.param] if node.param is not None else []) + [node.body]
                else:
                    kids = _expr_kids(node)
                todo.append((node, kids))
                for k in kids:
                    if id(k) not in height:
                        todo.append((k, None))
                continue
            t = node.type
            h = 0
            c = t in CALL_TYPES or (t in CLASS_TYPES and has_static_initializers(node))
            for k in kids:
                hk = height[id(k)]
                if hk > h:
                    h = hk
                if not c and id(k) in calls:
                    c = True
            height[nid] = h + 1
            if c:
                calls.add(nid)
        return height[id(root)]


def _children(node: Any) -> list:
    out: list[Any] = []
    for name in node.__class__._children:
        v = getattr(node, name)
        if v is None:
            continue
        if v.__class__ is list:
            if None in v:   # holes: only array literals and patterns have them
                out.extend([x for x in v if x is not None])
            else:
                out.extend(v)
        else:
            out.append(v)
    return out


def pattern_names(p: Any, out: list) -> list:
    """BoundNames of a binding pattern (ES2017 13.3.3.1), iteratively."""
    todo = [p]
    while todo:
        n = todo.pop()
        if n is None:
            continue
        t = n.type
        if t == "Identifier":
            out.append(n.name)
        elif t == "ArrayPattern":
            todo.extend(reversed([e for e in n.elements if e is not None]))
        elif t == "ObjectPattern":
            todo.extend(reversed([pr.value if pr.type == "Property" else pr for pr in n.properties]))
        elif t == "AssignmentPattern":
            todo.append(n.left)
        elif t == "RestElement":
            todo.append(n.argument)
    return out


ANONYMOUS_DEFINITIONS = ("FunctionExpression", "ArrowFunctionExpression", "ClassExpression")


def is_anonymous_function_definition(node: Any) -> bool:
    """ES2017 14.1.10 IsAnonymousFunctionDefinition"""
    return node.type in ANONYMOUS_DEFINITIONS and getattr(node, "id", None) is None


def inferred_names(program: Any, nodes: Optional[list] = None) -> dict[int, Any]:
    """The names NamedEvaluation gives anonymous functions and classes at sites whose name
    the source fixes (ES2017 13.3.1.4 and 13.3.2.4 initializers, 12.15.4 step 1.e
    assignment, 12.15.5.3 / 13.3.3.6 defaults in patterns and parameters, 12.2.6.9 property
    definitions): id(definition) -> name, a float for a numeric property key.  Functions and
    classes take it when they are created, so the closure and the frame paths name alike;
    only computed property keys name at run time (the object literal's build)."""
    out: dict[int, Any] = {}
    for n in program.walk() if nodes is None else nodes:
        t = n.type
        if t == "VariableDeclarator":
            target, value = n.id, n.init
        elif t == "AssignmentExpression":
            if n.operator not in ("=", "&&=", "||=", "??="):   # ES2021 13.15.2 too
                continue
            target, value = n.left, n.right
        elif t == "AssignmentPattern":
            target, value = n.left, n.right
        elif t == "PropertyDefinition":
            # ES2022 15.7.10 ClassFieldDefinitionEvaluation: NamedEvaluation with the field name
            value = n.value
            if n.computed or value is None or not is_anonymous_function_definition(value):
                continue
            k = n.key
            name = k.name if k.type == "Identifier" else "#" + k.name \
                if k.type == "PrivateIdentifier" else k.value
            out[id(value)] = float(name) if type(name) is int else name
            continue
        elif t == "Property":
            value = n.value
            if n.computed or n.method or n.kind != "init" or value is None or \
                    not is_anonymous_function_definition(value):
                continue
            k = n.key
            name = k.name if k.type == "Identifier" else k.value
            if name == "__proto__" and not n.shorthand:
                continue  # the [[Prototype]] setter (ES2017 B.3.1): no name
            out[id(value)] = float(name) if type(name) is int else name
            continue
        else:
            continue
        if value is not None and target.type == "Identifier" and \
                is_anonymous_function_definition(value):
            out[id(value)] = target.name
    return out


def analyze(program: Any, kind: str = "script", outer: Optional[dict] = None,
            outer_strict: bool = False, nodes: Optional[list] = None) -> ProgramInfo:
    """Analyse a Program.  ``kind`` "eval" keeps top-level lexical declarations local (and
    var declarations too when the eval is strict or direct); ``outer`` maps the names visible
    at a direct eval's call site to ``(hops, slot, kind)`` relative to the caller's scope.
    ``nodes``: the program's nodes in any order, when the caller has them already."""
    info = ProgramInfo()
    info.kind = kind
    info.outer = outer
    info.inferred_names = inferred_names(program, nodes)
    root = Scope("script", program, None)
    root.strict = bool(getattr(program, "strict", False)) or outer_strict
    info.scopes[id(program)] = root
    refs: list[tuple] = []           # (identifier node, scope)
    strict_nodes = info.strict
    # explicit stack of (node, scope)
    _declare_hoisted(program, root, root)
    stack: list[tuple] = [(program, root)]
    push = stack.append
    while stack:
        node, scope = stack.pop()
        if scope.strict:
            strict_nodes.add(id(node))
        t = node.type
        if scope.func.kind == "script":
            if t == "ExpressionStatement":
                info.script_level.add(id(node))
            elif t in COMPLETION_RESET:
                info.completion_reset.add(id(node))
        # most nodes: a reference, or nothing to note but the kids
        if t == "Identifier":
            refs.append((node, scope))
            continue
        if t not in _NOTED:
            kids2 = _expr_kids(node)
            for i in range(len(kids2) - 1, -1, -1):
                push((kids2[i], scope))
            continue
        new_scope = scope
        if t in FUNCTION_TYPES:
            if node is not program:
                s = scope
                while s is not None and not s.materialized:
                    s.has_closure = True
                    s = s.parent
                # all enclosing blocks up to the function get has_closure
                s = scope
                while s is not None and s.kind == "block":
                    s.has_closure = True
                    s = s.parent
            fs = Scope("function", node, scope)
            fs.is_arrow = t == "ArrowFunctionExpression"
            fs.strict = fs.strict or bool(getattr(node, "strict", False))
            info.scopes[id(node)] = fs
            # with parameter expressions, parameters are in TDZ until initialized in order
            pkind = "param" if all(p.type == "Identifier" for p in node.params) else "param_tdz"
            for p in node.params:
                for n in pattern_names(p, []):
                    fs.declare(n, pkind)
            body = node.body
            bodyscope = fs
            if body.type == "BlockStatement" and pkind == "param_tdz" and (
                    _has_closure(node.params) or t == "FunctionExpression" and node.id is not None
                    or _declares_arguments(body)):
                # ES2017 9.2.12 step 28: with parameter expressions the body's vars get a
                # scope of their own, so closures in the parameters cannot see them (nor can
                # a default naming the function itself: `function g(a = g) { var g }`)
                bodyscope = Scope("block", body, fs)
                bodyscope.has_closure = True
                info.varenv[id(node)] = bodyscope
            if body.type == "BlockStatement":
                _declare_hoisted(body, bodyscope, bodyscope)
            if t == "FunctionExpression" and node.id is not None:
                # ES2017 14.1.21: the name lives in a scope of its own around the function, so
                # a parameter, var, function or lexical declaration of the same name shadows it
                fname = node.id.name
                if fname not in fs.bindings:
                    fs.declare(fname, "fname")
            kids: list = []
            for p in node.params:
                kids.append((p, fs))
            if body.type == "BlockStatement":
                for st in body.body:
                    kids.append((st, bodyscope))
                info.block_scope[id(body)] = bodyscope
            else:
                kids.append((body, fs))
            for k in reversed(kids):
                stack.append(k)
            continue
        if t == "ClassDeclaration" or t == "ClassExpression":
            s = scope
            while s is not None and s.kind == "block":
                s.has_closure = True
                s = s.parent
            cs = Scope("block", node, scope)
            cs.strict = True
            info.block_scope[id(node)] = cs
            if node.id is not None:
                cs.declare(node.id.name, "const")
            cs.has_closure = True
            if t == "ClassDeclaration" and node.id is not None:
                refs.append((node.id, scope))
            kids = []
            if node.superClass is not None:
                kids.append((node.superClass, cs))
            _class_elements(info, node, cs, kids)
            for k in reversed(kids):
                stack.append(k)
            continue
        if t in ("BlockStatement", "SwitchStatement") and id(node) not in info.block_scope:
            bs = Scope("block", node, scope)
            info.block_scope[id(node)] = bs
            stmts = node.body if t == "BlockStatement" else [c2 for c in node.cases for c2 in c.consequent]
            _declare_lexical(stmts, bs)
            _annex_b_functions(info, stmts, bs)
            new_scope = bs
            if t == "SwitchStatement":
                kids = [(node.discriminant, scope)] + [(x, bs) for x in _switch_kids(node)[1:]]
                for k in reversed(kids):
                    stack.append(k)
                continue
        elif t in ("ForStatement", "ForInStatement", "ForOfStatement"):
            init = node.init if t == "ForStatement" else node.left
            if init is not None and init.type == "VariableDeclaration" and init.kind != "var":
                bs = Scope("block", node, scope)
                info.block_scope[id(node)] = bs
                for d in init.declarations:
                    for n in pattern_names(d.id, []):
                        bs.declare(n, init.kind)
                new_scope = bs
        elif t == "CatchClause":
            bs = Scope("block", node, scope)
            info.block_scope[id(node)] = bs
            if node.param is not None:
                for n in pattern_names(node.param, []):
                    bs.declare(n, "catch")
            # the catch body block shares this scope (ES2017 13.15.7: separate, but a body
            # redeclaring a param name is an early error, so one scope is equivalent)
            info.block_scope[id(node.body)] = bs
            _declare_lexical(node.body.body, bs)
            _annex_b_functions(info, node.body.body, bs)
            kids = ([node.param] if node.param is not None else []) + list(node.body.body)
            for k in reversed(kids):
                stack.append((k, bs))
            continue
        if t == "VariableDeclaration":
            for d in node.declarations:
                _record_pattern_mode(info, d.id, "var" if node.kind == "var" else "init", scope.strict)
        elif t == "AssignmentExpression" and node.left.type in ("ObjectPattern", "ArrayPattern"):
            _record_pattern_mode(info, node.left, "assign", scope.strict)
        elif t in ("ForInStatement", "ForOfStatement") and node.left.type in ("ObjectPattern",
                                                                              "ArrayPattern"):
            _record_pattern_mode(info, node.left, "assign", scope.strict)
        if t == "WithStatement":
            ws = Scope("block", node, scope)
            ws.is_with = True
            ws.declare("%with", "let")
            info.block_scope[id(node)] = ws
            refs.append((node, ws))  # the statement resolves its hidden object slot
            stack.append((node.body, ws))
            stack.append((node.object, scope))
            continue
        if t == "Identifier" or t == "PrivateIdentifier":
            refs.append((node, scope))
            continue
        if t == "ThisExpression":
            refs.append((node, scope))
            continue
        if t == "MetaProperty":
            refs.append((node, scope))
            continue
        if t == "Super":
            refs.append((node, scope))
            continue
        if t == "CallExpression" and node.callee.type == "Identifier" and node.callee.name == "eval":
            info.eval_sites[id(node)] = scope
            fn = scope.func.node
            if scope.func.kind == "function" and not scope.strict and node.start < fn.body.start:
                info.eval_param_names[id(node)] = _param_env_names(fn)
        elif t == "Property" and (node.method or node.kind != "init"):
            info.methods.add(id(node.value))
        kids2 = _expr_kids(node)
        for k in reversed(kids2):
            stack.append((k, new_scope))
    _allocate(info)
    _resolve(info, refs, root)
    for key, sc in info.scopes.items():
        info.funcs[key] = FunctionInfo(sc)
    return info


# node types the analysis loop does more for than visit their kids
_NOTED = frozenset(FUNCTION_TYPES + CLASS_TYPES + (
    "BlockStatement", "SwitchStatement", "ForStatement", "ForInStatement", "ForOfStatement",
    "CatchClause", "VariableDeclaration", "AssignmentExpression", "WithStatement",
    "PrivateIdentifier", "ThisExpression", "MetaProperty", "Super", "CallExpression",
    "Property"))


def _has_closure(params: list) -> bool:
    """Whether parameter expressions contain a closure or a direct eval (which could see the
    body's vars if they shared the parameters' scope)."""
    todo = list(params)
    while todo:
        n = todo.pop()
        if n is None:
            continue
        t = n.type
        if t in ("FunctionExpression", "ArrowFunctionExpression", "ClassExpression"):
            return True
        if t == "CallExpression" and n.callee.type == "Identifier" and n.callee.name == "eval":
            return True
        todo.extend(n.iter_children())
    return False


def _declares_arguments(body: Any) -> bool:
    """Whether a function body declares ``arguments`` as a function or lexically: with
    parameter expressions the parameters still see the arguments object (ES2023 10.2.11
    steps 18, 28 and 30 put those declarations apart)."""
    for st in body.body:
        t = st.type
        if t == "FunctionDeclaration" or t == "ClassDeclaration":
            if st.id.name == "arguments":
                return True
        elif t == "VariableDeclaration" and st.kind != "var":
            for d in st.declarations:
                if "arguments" in pattern_names(d.id, []):
                    return True
    return False


def _param_env_names(fn: Any) -> str:
    """The bindings of a function's parameter environment, all created before any parameter
    expression runs (ES2023 10.2.11 steps 20-22): its parameters, and ``arguments`` unless
    it is an arrow (with parameter expressions a non-arrow always has the object)."""
    names: list = []
    for p in fn.params:
        pattern_names(p, names)
    if fn.type != "ArrowFunctionExpression":
        names.append("arguments")
    return " ".join(names)


def _record_pattern_mode(info: "ProgramInfo", pattern: Any, mode: str, strict: bool) -> None:
    """Remember how a destructuring pattern (and its nested patterns) binds, for the frame
    version of patterns with await/yield (compiled again from the AST after a pause)."""
    todo = [pattern]
    while todo:
        n = todo.pop()
        if n is None:
            continue
        t = n.type
        if t in ("ObjectPattern", "ArrayPattern"):
            info.pattern_mode[id(n)] = (mode, strict)
            if t == "ArrayPattern":
                todo.extend(n.elements)
            else:
                todo.extend(p.value if p.type == "Property" else p for p in n.properties)
        elif t == "AssignmentPattern":
            todo.append(n.left)
        elif t == "RestElement":
            todo.append(n.argument)


def _switch_kids(node: Any) -> list:
    out = [node.discriminant]
    for c in node.cases:
        if c.test is not None:
            out.append(c.test)
        out.extend(c.consequent)
    return out


def _class_kids(node: Any) -> list:
    kids = []
    if node.superClass is not None:
        kids.append(node.superClass)
    for m in node.body.body:
        if getattr(m, "computed", False):
            kids.append(m.key)
    return kids


def has_static_initializers(node: Any) -> bool:
    """Whether a class definition runs code of its own once its constructor exists (static
    field initializers or static blocks): it then evaluates on frames (ES2022 15.7.14 step 31)."""
    return any(e.type == "StaticBlock" or (e.type == "PropertyDefinition" and e.static)
               for e in node.body.body)


def _class_elements(info: ProgramInfo, node: Any, cs: Scope, kids: list) -> None:
    """ES2022 15.7.14: the class's private names are bindings of its scope (``#x``, one per
    getter/setter pair; a fresh PrivateName each evaluation); every field initializer and
    static block gets a function-like scope of its own (``this`` is the receiver, a home
    object, new.target undefined); computed keys evaluate in the class scope."""
    for e in node.body.body:
        key = getattr(e, "key", None)
        if key is not None and key.type == "PrivateIdentifier":
            cs.declare(private_key(key), "private")
    for e in node.body.body:
        t = e.type
        if t == "StaticBlock":
            fs = Scope("function", e, cs)
            info.scopes[id(e)] = fs
            _declare_hoisted(e, fs, fs)
            kids.extend((st, fs) for st in e.body)
            continue
        if e.computed:
            kids.append((e.key, cs))
        if t == "MethodDefinition":
            info.methods.add(id(e.value))
            if e.kind == "constructor" and node.superClass is not None:
                info.derived_ctors.add(id(e.value))
        if t == "PropertyDefinition":
            fs = Scope("function", e, cs)
            info.scopes[id(e)] = fs
            if e.value is not None:
                kids.append((e.value, fs))
        else:
            kids.append((e.value, cs))


def _expr_kids(node: Any) -> list:
    """Children that are evaluated in the node's scope (skipping non-reference identifiers)."""
    t = node.type
    if t == "MemberExpression":
        if node.computed or node.property.type == "PrivateIdentifier":
            return [node.object, node.property]
        return [node.object]
    if t == "Property":
        if node.shorthand and node.value is not None:
            return [node.value]
        return [node.key, node.value] if node.computed else [node.value]
    if t == "MethodDefinition":
        return [node.key, node.value] if node.computed else [node.value]
    if t in ("LabeledStatement",):
        return [node.body]
    if t in ("BreakStatement", "ContinueStatement"):
        return []
    if t == "MetaProperty":
        return []
    if t in ("ClassDeclaration", "ClassExpression"):
        return _class_kids(node)
    return _children(node)


def _annex_b_functions(info: "ProgramInfo", stmts: list, bs: Scope) -> None:
    """ES2017 B.3.3: a sloppy block-level function also gets a var binding in its function,
    when that var would not clash with a lexical declaration on the way up."""
    if bs.strict:
        return
    for st in stmts:
        if st.type != "FunctionDeclaration" or st.generator or st.isAsync:
            continue
        name = st.id.name
        fs = bs.func
        s: Optional[Scope] = bs.parent
        clash = False
        while s is not None:
            b = s.bindings.get(name)
            if b is not None and b.kind not in ("var", "varfunction", "function", "param", "param_tdz") \
                    and not (s is fs and b.kind == "fname"):
                clash = True
                break
            if s is fs:
                break
            s = s.parent
        if not clash and fs.kind == "script" and info.outer is not None:
            # B.3.2.3 in eval code: nor with the parameter environment it runs in
            ps = info.outer.get("%params")
            clash = ps is not None and name in ps[2].split()
        if clash:
            continue
        fs.declare(name, "var") if name not in fs.bindings or fs.bindings[name].kind == "fname" \
            else None
        info.annexb[id(st)] = fs


def _declare_lexical(stmts: list, scope: Scope) -> None:
    for st in stmts:
        t = st.type
        if t == "VariableDeclaration" and st.kind != "var":
            for d in st.declarations:
                for n in pattern_names(d.id, []):
                    scope.declare(n, st.kind)
        elif t == "ClassDeclaration":
            scope.declare(st.id.name, "class")
        elif t == "FunctionDeclaration" and scope.kind == "block":
            scope.declare(st.id.name, "let_function")


def _declare_hoisted(body: Any, fscope: Scope, lexscope: Scope) -> None:
    """VarDeclaredNames and top-level function declarations of a function body (iterative)."""
    stmts = body.body
    _declare_lexical(stmts, lexscope)
    for st in stmts:
        if st.type == "FunctionDeclaration":
            fscope.declare(st.id.name, "function")
    todo = list(stmts)
    while todo:
        st = todo.pop()
        if st is None:
            continue
        t = st.type
        if t == "VariableDeclaration":
            if st.kind == "var":
                for d in st.declarations:
                    for n in pattern_names(d.id, []):
                        fscope.declare(n, "var")
        elif t in ("IfStatement",):
            todo.append(st.consequent)
            todo.append(st.alternate)
        elif t in ("ForStatement",):
            todo.append(st.init)
            todo.append(st.body)
        elif t in ("ForInStatement", "ForOfStatement"):
            todo.append(st.left)
            todo.append(st.body)
        elif t in ("WhileStatement", "DoWhileStatement", "LabeledStatement", "WithStatement"):
            todo.append(st.body)
        elif t == "BlockStatement":
            todo.extend(st.body)
        elif t == "TryStatement":
            todo.append(st.block)
            if st.handler is not None:
                todo.append(st.handler.body)
            todo.append(st.finalizer)
        elif t == "SwitchStatement":
            for c in st.cases:
                todo.extend(c.consequent)


def _allocate(info: ProgramInfo) -> None:
    # scopes in creation order: parents before children (dict keeps insertion order,
    # block scopes were registered when first visited, functions too)
    all_scopes = list(info.scopes.values()) + [s for s in info.block_scope.values()]
    seen: set[int] = set()
    ordered = []
    for s in all_scopes:
        if id(s) not in seen:
            seen.add(id(s))
            ordered.append(s)
    # parents first: sort by depth
    def depth(s: Scope) -> int:
        d = 0
        while s.parent is not None:
            s = s.parent
            d += 1
        return d
    ordered.sort(key=depth)
    for s in ordered:
        if s.kind == "block":
            s.materialized = s.has_closure and bool(s.bindings)
        host = s.host()
        s.host_scope = host
        for b in s.bindings.values():
            b.host = host
            b.slot = host.size
            host.size += 1
            if s.kind == "block" and not s.materialized and b.kind in ("let", "const", "class"):
                s.lexical_slots.append(b.slot)
