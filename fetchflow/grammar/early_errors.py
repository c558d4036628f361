"""ES2017-ES2023 early errors (static semantics) over an ESTree-shaped AST.

The parser accepts a slightly larger language than ECMAScript and leaves to
this module the rules that the grammar cannot express: the "Static
Semantics: Early Errors" clauses of ES2017
(https://262.ecma-international.org/8.0/), plus those of Annex B
(https://262.ecma-international.org/8.0/#sec-additional-ecmascript-features-for-web-browsers)
that relax them for web reality (sloppy duplicate block functions, `var e`
inside `catch (e)`).

One deliberate departure: the script body is parsed as an async body, so
top-level `await` is an expression and `await` is not an identifier there.

The walk is iterative (an explicit stack, no Python recursion): a 5,000-deep
nesting must not raise RecursionError.  Context travels down the tree in
immutable `_Ctx` records, so nothing needs undoing on the way back up, and
declarations are checked in source order so that a redeclaration is reported
where it happens (at the second declaration).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, NoReturn, Optional

from fetchflow.errors import JSSyntaxError

from .private_names import declared_private_names

__all__ = ["check", "node_type", "STRICT_RESERVED"]

# ES2017 11.6.2.2 / 12.1.1: words reserved only in strict mode code.
STRICT_RESERVED = frozenset(
    ("implements", "interface", "let", "package", "private", "protected",
     "public", "static", "yield")
)
_EVAL_ARGS = frozenset(("eval", "arguments"))
_LOOPS = frozenset(("ForStatement", "ForInStatement", "ForOfStatement",
                    "WhileStatement", "DoWhileStatement"))
_FUNCS = frozenset(("FunctionDeclaration", "FunctionExpression",
                    "ArrowFunctionExpression"))

_type_cache: dict[type, str] = {}


def node_type(node: Any) -> str:
    """ESTree type name of a node: its `type` attribute, else its class name."""
    if isinstance(node, dict):
        return node["type"]
    cls = type(node)
    name = _type_cache.get(cls)
    if name is None:
        t = getattr(node, "type", None)
        name = t if isinstance(t, str) else cls.__name__
        _type_cache[cls] = name
    return name


def _get(node: Any, field: str, default: Any = None) -> Any:
    if isinstance(node, dict):
        return node.get(field, default)
    return getattr(node, field, default)


class _Early(Exception):
    """Internal: an early error at a node; `check` turns it into JSSyntaxError."""

    def __init__(self, message: str, node: Any) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


def _error(message: str, node: Any) -> _Early:
    return _Early(message, node)


def _raise(message: str, node: Any) -> NoReturn:
    raise _Early(message, node)


def _is_async(node: Any) -> bool:
    """ast.py names the flag `isAsync` (a Python keyword otherwise); dicts
    from to_dict() call it `async`."""
    if isinstance(node, dict):
        return bool(node.get("async"))
    return bool(getattr(node, "isAsync", False) or getattr(node, "async", False))


# ---------------------------------------------------------------------------
# Context records
# ---------------------------------------------------------------------------


class _Fn:
    """What the innermost function (or the script) allows."""

    __slots__ = ("node", "is_program", "is_arrow", "is_async", "is_generator",
                 "strict", "super_call", "super_prop", "new_target", "no_arguments")

    def __init__(self, node: Any, is_program: bool, is_arrow: bool,
                 is_async: bool, is_generator: bool, strict: bool,
                 super_call: bool, super_prop: bool, new_target: bool,
                 no_arguments: bool = False) -> None:
        # no_arguments: a class field initializer or static block (ES2022 15.7.1)
        self.no_arguments = no_arguments
        self.node = node
        self.is_program = is_program
        self.is_arrow = is_arrow
        self.is_async = is_async
        self.is_generator = is_generator
        self.strict = strict
        self.super_call = super_call
        self.super_prop = super_prop
        self.new_target = new_target


class _Scope:
    """A declarative scope: script/function top level, block, case block,
    for-head, or catch parameter.  Names map to the declaring node's kind."""

    __slots__ = ("kind", "parent", "lexical", "vars", "params",
                 "catch_params", "catch_simple")

    def __init__(self, kind: str, parent: Optional["_Scope"]) -> None:
        self.kind = kind            # "function" | "block" | "catch"
        self.parent = parent
        self.lexical: dict[str, str] = {}   # name -> "let"/"const"/"class"/"function"/...
        self.vars: set[str] = set()         # VarDeclaredNames seen so far in this scope
        self.params: set[str] = set()       # function parameters (function scopes)
        self.catch_params: set[str] = set()  # catch scopes
        self.catch_simple = False


class _Labels:
    __slots__ = ("name", "is_loop", "parent")

    def __init__(self, name: str, is_loop: bool, parent: Optional["_Labels"]) -> None:
        self.name = name
        self.is_loop = is_loop
        self.parent = parent


class _Ctx:
    __slots__ = ("fn", "scope", "labels", "in_loop", "in_breakable", "in_params")

    def __init__(self, fn: _Fn, scope: _Scope, labels: Optional[_Labels],
                 in_loop: bool, in_breakable: bool, in_params: bool) -> None:
        self.fn = fn
        self.scope = scope
        self.labels = labels
        self.in_loop = in_loop
        self.in_breakable = in_breakable
        self.in_params = in_params

    def with_(self, **kw: Any) -> "_Ctx":
        c = _Ctx(self.fn, self.scope, self.labels, self.in_loop,
                 self.in_breakable, self.in_params)
        for k, v in kw.items():
            setattr(c, k, v)
        return c


# ---------------------------------------------------------------------------
# Helpers on the AST
# ---------------------------------------------------------------------------


def _directives(body: list[Any]) -> Iterator[Any]:
    """The ExpressionStatements of a directive prologue (ES2017 14.1.1)."""
    for stmt in body:
        if node_type(stmt) != "ExpressionStatement":
            return
        expr = _get(stmt, "expression")
        if node_type(expr) != "Literal" or not isinstance(_get(expr, "value"), str):
            return
        yield stmt


def _directive_text(stmt: Any) -> str:
    # only the parser knows a directive from a parenthesized string: trust its field
    d = _get(stmt, "directive")
    return d if isinstance(d, str) else ""


def has_use_strict(body: list[Any]) -> Optional[Any]:
    """The "use strict" directive statement of a prologue, or None."""
    for stmt in _directives(body):
        if _directive_text(stmt) == "use strict":
            return stmt
    return None


def is_simple_params(params: list[Any]) -> bool:
    """ES2017 14.1.12 IsSimpleParameterList."""
    return all(node_type(p) == "Identifier" for p in params)


def bound_names(pattern: Any) -> list[Any]:
    """ES2017 13.3.3.1 BoundNames: the Identifier nodes a binding pattern binds."""
    out: list[Any] = []
    stack = [pattern]
    while stack:
        p = stack.pop()
        if p is None:
            continue
        t = node_type(p)
        if t == "Identifier":
            out.append(p)
        elif t == "ArrayPattern":
            stack.extend(reversed(_get(p, "elements") or []))
        elif t == "ObjectPattern":
            for prop in reversed(_get(p, "properties") or []):
                stack.append(_get(prop, "argument") if node_type(prop) == "RestElement"
                             else _get(prop, "value"))
        elif t == "AssignmentPattern":
            stack.append(_get(p, "left"))
        elif t == "RestElement":
            stack.append(_get(p, "argument"))
    return out


def _prop_key_name(prop: Any) -> Optional[str]:
    """PropName of a non-computed key (ES2017 12.2.6.5)."""
    if _get(prop, "computed"):
        return None
    key = _get(prop, "key")
    t = node_type(key)
    if t == "Identifier":
        return _get(key, "name")
    if t == "Literal" and isinstance(_get(key, "value"), str):
        return _get(key, "value")
    return None


def _has_legacy_octal_escape(raw: str) -> bool:
    """Does a string literal's source text hold a LegacyOctalEscapeSequence
    (B.1.2) or \\8 / \\9, all forbidden in strict mode code?"""
    i = raw.find("\\")
    n = len(raw)
    while 0 <= i < n - 1:
        c = raw[i + 1]
        if c in "1234567" or c in "89":
            return True
        if c == "0" and i + 2 < n and raw[i + 2] in "0123456789":
            return True
        i = raw.find("\\", i + 2)
    return False


def _template_bad_escape(raw: str) -> bool:
    """ES2017 templates allow \\0 (not before a digit) but no other digit escape."""
    i = raw.find("\\")
    n = len(raw)
    while 0 <= i < n - 1:
        c = raw[i + 1]
        if c in "123456789":
            return True
        if c == "0" and i + 2 < n and raw[i + 2] in "0123456789":
            return True
        i = raw.find("\\", i + 2)
    return False


def _strip_labels(stmt: Any) -> Any:
    while stmt is not None and node_type(stmt) == "LabeledStatement":
        stmt = _get(stmt, "body")
    return stmt


# ---------------------------------------------------------------------------
# The checker
# ---------------------------------------------------------------------------

_Task = Callable[[], None]


class _Checker:
    def __init__(self) -> None:
        # Items are either (node, ctx) to visit, or a zero-argument callable to
        # run at that point of the walk (used to keep source order).
        self.stack: list[Any] = []
        # ES2022 private names of the enclosing class bodies, innermost last:
        # entered and left by callables queued around a class's members
        self.privates: list[dict] = []

    # -- driving ------------------------------------------------------------

    def run(self, program: Any, context: Optional[dict] = None) -> None:
        body = _get(program, "body") or []
        strict = has_use_strict(body) is not None
        fn = _Fn(program, True, False, True, False, strict, False, False, False)
        if context is not None:
            # direct eval code (ES2022 19.2.1.1 PerformEval steps 5-8): what its caller allows
            fn = _Fn(program, True, False, True, False, strict, context["super_call"],
                     context["super_prop"], context["new_target"], context["no_arguments"])
            self.privates.append(dict.fromkeys(context["privates"]))
        scope = _Scope("function", None)
        ctx = _Ctx(fn, scope, None, False, False, False)
        self.push_list(body, ctx)
        stack = self.stack
        visit = self.visit
        while stack:
            item = stack.pop()
            if item.__class__ is tuple:
                node, c = item
                if node is not None:
                    visit(node, c)
            else:
                item()

    def push(self, node: Any, ctx: _Ctx) -> None:
        self.stack.append((node, ctx))

    def push_list(self, nodes: list[Any], ctx: _Ctx) -> None:
        st = self.stack
        for n in reversed(nodes):
            st.append((n, ctx))

    # -- declarations -------------------------------------------------------

    def check_binding_name(self, ident: Any, ctx: _Ctx, *, strict: bool,
                           lexical: bool = False) -> None:
        """Early errors of BindingIdentifier (ES2017 12.1.1)."""
        name = _get(ident, "name")
        if strict and name in _EVAL_ARGS:
            raise _error(f"Unexpected eval or arguments in strict mode", ident)
        if strict and name in STRICT_RESERVED:
            raise _error("Unexpected strict mode reserved word", ident)
        if lexical and name == "let":
            raise _error("let is disallowed as a lexically bound name", ident)
        self.check_await_yield(ident, ctx)

    def check_await_yield(self, ident: Any, ctx: _Ctx) -> None:
        name = _get(ident, "name")
        if name == "await" and ctx.fn.is_async:
            raise _error("Unexpected reserved word 'await'", ident)
        if name == "yield" and ctx.fn.is_generator:
            raise _error("Unexpected reserved word 'yield'", ident)

    def declare_lexical(self, ident: Any, kind: str, ctx: _Ctx) -> None:
        scope = ctx.scope
        name = _get(ident, "name")
        prev = scope.lexical.get(name)
        if prev is not None:
            # B.3.3.4: sloppy duplicate plain function declarations in blocks.
            if not (prev == "function" and kind == "function"
                    and scope.kind != "function" and not ctx.fn.strict):
                raise _error(f"Identifier '{name}' has already been declared", ident)
        if name in scope.vars or name in scope.params or name in scope.catch_params:
            raise _error(f"Identifier '{name}' has already been declared", ident)
        parent = scope.parent
        if parent is not None and parent.kind == "catch" and name in parent.catch_params \
                and scope.kind == "block":
            raise _error(f"Identifier '{name}' has already been declared", ident)
        scope.lexical[name] = kind

    def declare_var(self, ident: Any, ctx: _Ctx, for_of: bool = False) -> None:
        name = _get(ident, "name")
        scope: Optional[_Scope] = ctx.scope
        while scope is not None:
            if scope.kind == "catch":
                if name in scope.catch_params and (not scope.catch_simple or for_of):
                    raise _error(f"Identifier '{name}' has already been declared", ident)
            else:
                k = scope.lexical.get(name)
                # Function declarations at a function's top level are var-scoped.
                if k is not None and not (scope.kind == "function" and k == "function"):
                    raise _error(f"Identifier '{name}' has already been declared", ident)
            scope.vars.add(name)
            if scope.kind == "function":
                break
            scope = scope.parent

    def declare_pattern(self, pattern: Any, ctx: _Ctx, kind: str,
                        for_of: bool = False) -> None:
        """Bind every name of a binding pattern and visit its initialisers
        and computed keys."""
        strict = ctx.fn.strict
        lexical = kind in ("let", "const")
        for ident in bound_names(pattern):
            self.check_binding_name(ident, ctx, strict=strict, lexical=lexical)
            if lexical:
                self.declare_lexical(ident, kind, ctx)
            else:
                self.declare_var(ident, ctx, for_of)
        self.visit_pattern_exprs(pattern, ctx)

    def visit_pattern_exprs(self, pattern: Any, ctx: _Ctx) -> None:
        """Queue the expressions inside a binding pattern (defaults, computed
        keys), in source order."""
        todo: list[Any] = []
        stack = [pattern]
        while stack:
            p = stack.pop()
            if p is None:
                continue
            t = node_type(p)
            if t == "ArrayPattern":
                stack.extend(reversed(_get(p, "elements") or []))
            elif t == "ObjectPattern":
                for prop in reversed(_get(p, "properties") or []):
                    if node_type(prop) == "RestElement":
                        stack.append(_get(prop, "argument"))
                        continue
                    stack.append(_get(prop, "value"))
                    if _get(prop, "computed"):
                        stack.append(("expr", _get(prop, "key")))
            elif t == "AssignmentPattern":
                stack.append(("expr", _get(p, "right")))
                stack.append(_get(p, "left"))
            elif t == "RestElement":
                stack.append(_get(p, "argument"))
            elif t == "Identifier":
                pass
            elif p.__class__ is tuple:
                todo.append(p[1])
            else:
                raise _error("Invalid destructuring target", p)
        self.push_list(todo, ctx)

    # -- assignment targets -------------------------------------------------

    def check_simple_target(self, target: Any, ctx: _Ctx, what: str) -> None:
        """IsValidSimpleAssignmentTarget (ES2017 12.x.3) and the strict
        eval/arguments rule; queues the target's subexpressions."""
        t = node_type(target)
        if t == "Identifier":
            if ctx.fn.strict and _get(target, "name") in _EVAL_ARGS:
                raise _error("Unexpected eval or arguments in strict mode", target)
            self.push(target, ctx)
        elif t == "MemberExpression":
            self.push(target, ctx)
        else:
            raise _error(f"Invalid left-hand side {what}", target)

    def check_assignment_pattern(self, target: Any, ctx: _Ctx, what: str) -> None:
        """AssignmentPattern early errors (ES2017 12.15.5.1); queues
        subexpressions in source order."""
        items: list[tuple[str, Any]] = [("target", target)]
        ordered: list[Any] = []
        while items:
            kind, p = items.pop()
            if p is None:
                continue
            if kind == "expr":
                ordered.append((p, ctx))
                continue
            t = node_type(p)
            if t == "ArrayPattern":
                for el in reversed(_get(p, "elements") or []):
                    items.append(("target", el))
            elif t == "ObjectPattern":
                for prop in reversed(_get(p, "properties") or []):
                    if node_type(prop) == "RestElement":
                        items.append(("target", _get(prop, "argument")))
                        continue
                    items.append(("target", _get(prop, "value")))
                    if _get(prop, "computed"):
                        items.append(("expr", _get(prop, "key")))
            elif t == "AssignmentPattern":
                items.append(("expr", _get(p, "right")))
                items.append(("target", _get(p, "left")))
            elif t == "RestElement":
                arg = _get(p, "argument")
                if node_type(arg) == "AssignmentPattern":
                    raise _error("Invalid rest element", arg)
                items.append(("target", arg))
            elif t == "Identifier":
                if ctx.fn.strict and _get(p, "name") in _EVAL_ARGS:
                    raise _error("Unexpected eval or arguments in strict mode", p)
                ordered.append((p, ctx))
            elif t == "MemberExpression":
                ordered.append((p, ctx))
            else:
                raise _error(f"Invalid left-hand side {what}", p)
        self.stack.extend(reversed(ordered))

    # -- functions ----------------------------------------------------------

    def visit_function(self, node: Any, ctx: _Ctx, *, method: str = "",
                       derived: bool = False) -> None:
        """Functions, arrows and methods (ES2017 14.1.2, 14.2.1, 14.3.1,
        14.4.1, 14.6.1, 14.5.1).  `method` is "", "method", "get", "set" or
        "constructor"."""
        t = node_type(node)
        is_arrow = t == "ArrowFunctionExpression"
        is_async = bool(_is_async(node))
        is_gen = bool(_get(node, "generator"))
        params = _get(node, "params") or []
        body = _get(node, "body")
        expr_body = is_arrow and node_type(body) != "BlockStatement"
        stmts = [] if expr_body else (_get(body, "body") or [])
        use_strict = None if expr_body else has_use_strict(stmts)
        strict = ctx.fn.strict or use_strict is not None
        simple = is_simple_params(params)
        outer = ctx.fn

        if use_strict is not None and not simple:
            raise _error("Illegal 'use strict' directive in function with "
                         "non-simple parameter list", use_strict)

        if method == "get" and params:
            raise _error("Getter must not have any formal parameters", node)
        if method == "set" and (len(params) != 1 or node_type(params[0]) == "RestElement"):
            raise _error("Setter must have exactly one formal parameter", node)

        if is_arrow:
            fn = _Fn(node, False, True, is_async, False, strict,
                     outer.super_call, outer.super_prop, outer.new_target, outer.no_arguments)
        else:
            fn = _Fn(node, False, False, is_async, is_gen, strict,
                     method == "constructor" and derived, bool(method), True)

        # The function's own name.
        ident = _get(node, "id")
        if ident is not None:
            if t == "FunctionExpression":
                self.check_binding_name(ident, ctx.with_(fn=fn), strict=strict)
            else:
                # A declaration's name lives in the enclosing scope, but its
                # eval/arguments/reserved-word check follows the function's
                # own strictness (ES2017 14.1.2, test262 13.1-*-s).
                self.check_binding_name(ident, ctx, strict=strict)

        scope = _Scope("function", ctx.scope)
        fctx = _Ctx(fn, scope, None, False, False, True)

        # Parameters: bound names, duplicates (ES2017 14.1.2, 14.2.1, 14.3.1).
        unique = is_arrow or bool(method) or strict or not simple
        for p in params:
            for pid in bound_names(p):
                name = _get(pid, "name")
                self.check_binding_name(pid, fctx, strict=strict)
                if name in scope.params and unique:
                    raise _error("Duplicate parameter name not allowed in this context", pid)
                scope.params.add(name)

        body_ctx = _Ctx(fn, scope, None, False, False, False)
        # Body after parameters: push body first (popped last).
        if expr_body:
            self.push(body, body_ctx)
        else:
            self.push_list(stmts, body_ctx)
        st = self.stack
        for p in reversed(params):
            st.append(lambda p=p, c=fctx: self.visit_pattern_exprs(p, c))

    def visit_class(self, node: Any, ctx: _Ctx) -> None:
        """ES2017 14.5.1: class code is strict; one constructor; no special
        constructor; no static prototype."""
        sfn = ctx.fn
        strict_fn = _Fn(sfn.node, sfn.is_program, sfn.is_arrow, sfn.is_async,
                        sfn.is_generator, True, sfn.super_call, sfn.super_prop,
                        sfn.new_target, sfn.no_arguments)
        cctx = ctx.with_(fn=strict_fn)
        ident = _get(node, "id")
        if ident is not None:
            self.check_binding_name(ident, cctx, strict=True, lexical=True)
            if node_type(node) == "ClassDeclaration":
                self.declare_lexical(ident, "class", ctx)
        superclass = _get(node, "superClass")
        derived = superclass is not None
        body = _get(_get(node, "body"), "body") or []
        ctors = 0
        items: list[Any] = []
        if superclass is not None:
            items.append((superclass, cctx))
        privates = declared_private_names(body, _raise)
        items.append(lambda: self.privates.append(privates))
        for m in body:
            mt = node_type(m)
            if mt == "StaticBlock" or mt == "PropertyDefinition":
                items.append(lambda m=m: self.visit_class_element(m, cctx))
                continue
            key_name = _prop_key_name(m)
            kind = _get(m, "kind")
            value = _get(m, "value")
            static = bool(_get(m, "static"))
            if kind == "constructor" or (not static and key_name == "constructor"):
                if kind != "constructor" or _get(value, "generator") or _is_async(value):
                    raise _error("Class constructor may not be an accessor, "
                                 "generator or async", _get(m, "key"))
                ctors += 1
                if ctors > 1:
                    raise _error("A class may only have one constructor", _get(m, "key"))
            if static and key_name == "prototype":
                raise _error("Classes may not have a static property named "
                             "'prototype'", _get(m, "key"))
            if _get(m, "computed"):
                items.append((_get(m, "key"), cctx))
            mk = kind if kind in ("get", "set", "constructor") else "method"
            items.append(lambda v=value, k=mk: self.visit_function(v, cctx, method=k,
                                                                  derived=derived))
        items.append(self.privates.pop)
        self.stack.extend(reversed(items))

    def visit_class_element(self, m: Any, cctx: _Ctx) -> None:
        """ES2022 15.7.1: a field initializer or a static block is a method-like
        function of its own: `super.x` and `new.target` are allowed, `super()`
        and `arguments` are not (await/return are checked by finalize.py)."""
        # a static block is [+Await]: `await` is no identifier there (an early error as
        # is_async gives it), and an await expression is rejected by finalize.py
        static_block = node_type(m) == "StaticBlock"
        fn = _Fn(m, False, False, static_block, False, True, False, True, True, True)
        ctx = _Ctx(fn, _Scope("function", cctx.scope), None, False, False, False)
        if static_block:
            self.push_list(_get(m, "body") or [], ctx)
            return
        value = _get(m, "value")
        self.push(value, ctx)
        if _get(m, "computed"):
            self.push(_get(m, "key"), cctx)

    def check_private(self, ident: Any) -> None:
        """ES2022 15.7.1 AllPrivateIdentifiersValid."""
        name = _get(ident, "name")
        for names in self.privates:
            if name in names:
                return
        raise _error(f"Private field '#{name}' must be declared in an enclosing class", ident)

    # -- the visitor --------------------------------------------------------

    def visit(self, node: Any, ctx: _Ctx) -> None:  # noqa: C901 - one dispatch
        t = node_type(node)
        h = _HANDLERS.get(t)
        if h is not None:
            h(self, node, ctx)

    # Statements

    def v_block(self, node: Any, ctx: _Ctx) -> None:
        scope = _Scope("block", ctx.scope)
        self.push_list(_get(node, "body") or [], ctx.with_(scope=scope))

    def v_expression_statement(self, node: Any, ctx: _Ctx) -> None:
        self.push(_get(node, "expression"), ctx)

    def v_var(self, node: Any, ctx: _Ctx) -> None:
        kind = _get(node, "kind")
        items: list[Any] = []
        for d in _get(node, "declarations") or []:
            pid = _get(d, "id")
            init = _get(d, "init")
            if kind == "const" and init is None:
                raise _error("Missing initializer in const declaration", d)
            items.append(lambda p=pid, k=kind: self.declare_pattern(p, ctx, k))
            if init is not None:
                items.append((init, ctx))
        self.stack.extend(reversed(items))

    def v_function_declaration(self, node: Any, ctx: _Ctx) -> None:
        ident = _get(node, "id")
        if ident is not None:
            if ctx.scope.kind == "function":
                ctx.scope.lexical.setdefault(_get(ident, "name"), "function")
                self.declare_var_fn(ident, ctx)
            else:
                plain = not _get(node, "generator") and not _is_async(node)
                self.declare_lexical(ident, "function" if plain else "generator", ctx)
        self.visit_function(node, ctx)

    def declare_var_fn(self, ident: Any, ctx: _Ctx) -> None:
        """A top-level function declaration is var-scoped (ES2017 13.2.10,
        TopLevelVarDeclaredNames) but still clashes with let/const/class."""
        scope = ctx.scope
        name = _get(ident, "name")
        k = scope.lexical.get(name)
        if k is not None and k != "function":
            raise _error(f"Identifier '{name}' has already been declared", ident)
        scope.vars.add(name)

    def v_class(self, node: Any, ctx: _Ctx) -> None:
        self.visit_class(node, ctx)

    def check_substatement(self, stmt: Any, ctx: _Ctx, where: str) -> None:
        """Declarations are not Statements (ES2017 13 grammar); IsLabelledFunction
        (ES2017 13.6.1, 13.7.1.1, 13.11.1); B.3.2 and B.3.4 for sloppy code."""
        if stmt is None:
            return
        t = node_type(stmt)
        if t == "ClassDeclaration" or (t == "VariableDeclaration"
                                       and _get(stmt, "kind") in ("let", "const")):
            raise _error("Lexical declaration cannot appear in a single-statement "
                         "context", stmt)
        if t == "FunctionDeclaration":
            if where == "if" and not ctx.fn.strict and not _get(stmt, "generator") \
                    and not _is_async(stmt):
                return  # B.3.4 FunctionDeclarations in IfStatement Statement Clauses
            raise _error("In strict mode code, functions can only be declared at "
                         "top level or inside a block", stmt)
        if t == "LabeledStatement":
            inner = _strip_labels(stmt)
            if inner is not None and node_type(inner) == "FunctionDeclaration":
                raise _error("Labelled function declaration not allowed as the body "
                             "of a control flow structure", inner)

    def v_if(self, node: Any, ctx: _Ctx) -> None:
        cons, alt = _get(node, "consequent"), _get(node, "alternate")
        self.check_substatement(cons, ctx, "if")
        self.check_substatement(alt, ctx, "if")
        # B.3.4: a function clause behaves as if wrapped in a block.
        items: list[Any] = [(alt, ctx), (cons, ctx), (_get(node, "test"), ctx)]
        if cons is not None and node_type(cons) == "FunctionDeclaration":
            items[1] = (cons, ctx.with_(scope=_Scope("block", ctx.scope)))
        if alt is not None and node_type(alt) == "FunctionDeclaration":
            items[0] = (alt, ctx.with_(scope=_Scope("block", ctx.scope)))
        self.stack.extend(items)

    def loop_ctx(self, ctx: _Ctx) -> _Ctx:
        return ctx.with_(in_loop=True, in_breakable=True)

    def v_while(self, node: Any, ctx: _Ctx) -> None:
        body = _get(node, "body")
        self.check_substatement(body, ctx, "loop")
        if node_type(node) == "DoWhileStatement":
            self.stack.extend([(_get(node, "test"), ctx), (body, self.loop_ctx(ctx))])
        else:
            self.stack.extend([(body, self.loop_ctx(ctx)), (_get(node, "test"), ctx)])

    def v_for(self, node: Any, ctx: _Ctx) -> None:
        body = _get(node, "body")
        self.check_substatement(body, ctx, "loop")
        init = _get(node, "init")
        hctx = ctx
        if init is not None and node_type(init) == "VariableDeclaration" \
                and _get(init, "kind") in ("let", "const"):
            hctx = ctx.with_(scope=_Scope("block", ctx.scope))
        self.stack.extend([(body, self.loop_ctx(hctx)), (_get(node, "update"), hctx),
                           (_get(node, "test"), hctx), (init, hctx)])

    def v_for_in_of(self, node: Any, ctx: _Ctx) -> None:
        body = _get(node, "body")
        self.check_substatement(body, ctx, "loop")
        left = _get(node, "left")
        right = _get(node, "right")
        is_of = node_type(node) == "ForOfStatement"
        what = "in for-of loop" if is_of else "in for-in loop"
        items: list[Any] = []
        hctx = ctx
        if node_type(left) == "VariableDeclaration":
            kind = _get(left, "kind")
            decls = _get(left, "declarations") or []
            if len(decls) != 1:
                raise _error(f"Invalid left-hand side {what}: must have a single "
                             "binding", left)
            d = decls[0]
            pid = _get(d, "id")
            init = _get(d, "init")
            if init is not None:
                # B.3.6 allows `for (var x = 1 in o)` in sloppy code only.
                if is_of or kind != "var" or ctx.fn.strict or node_type(pid) != "Identifier":
                    raise _error(f"{'for-of' if is_of else 'for-in'} loop variable "
                                 "declaration may not have an initializer", d)
            if kind in ("let", "const"):
                hctx = ctx.with_(scope=_Scope("block", ctx.scope))
                # ES2017 13.7.5.1: no duplicate bound names, not "let".
                seen: set[str] = set()
                for ident in bound_names(pid):
                    nm = _get(ident, "name")
                    if nm in seen:
                        raise _error(f"Identifier '{nm}' has already been declared", ident)
                    seen.add(nm)
            items.append(lambda p=pid, k=kind, c=hctx: self.declare_pattern(p, c, k, is_of))
            if init is not None:
                items.append((init, ctx))
        else:
            t = node_type(left)
            if t in ("ObjectPattern", "ArrayPattern"):
                items.append(lambda: self.check_assignment_pattern(left, ctx, what))
            else:
                items.append(lambda: self.check_simple_target(left, ctx, what))
        items.append((right, ctx))
        items.append((body, self.loop_ctx(hctx)))
        self.stack.extend(reversed(items))

    def v_labeled(self, node: Any, ctx: _Ctx) -> None:
        label = _get(node, "label")
        name = _get(label, "name")
        self.check_label_ident(label, ctx)
        lab = ctx.labels
        while lab is not None:
            if lab.name == name:
                raise _error(f"Label '{name}' has already been declared", label)
            lab = lab.parent
        body = _get(node, "body")
        t = node_type(body) if body is not None else ""
        if t == "ClassDeclaration" or (t == "VariableDeclaration"
                                       and _get(body, "kind") in ("let", "const")):
            raise _error("Lexical declaration cannot appear in a single-statement "
                         "context", body)
        inner = _strip_labels(body)
        it = node_type(inner) if inner is not None else ""
        if it == "FunctionDeclaration" and (ctx.fn.strict or _get(inner, "generator")
                                            or _is_async(inner)):
            # B.3.2 labelled function declarations: sloppy plain functions only.
            raise _error("In strict mode code, functions can only be declared at "
                         "top level or inside a block", inner)
        is_loop = it in _LOOPS
        self.push(body, ctx.with_(labels=_Labels(name, is_loop, ctx.labels)))

    def check_label_ident(self, label: Any, ctx: _Ctx) -> None:
        name = _get(label, "name")
        if ctx.fn.strict and name in STRICT_RESERVED:
            raise _error("Unexpected strict mode reserved word", label)
        self.check_await_yield(label, ctx)

    def v_break(self, node: Any, ctx: _Ctx) -> None:
        label = _get(node, "label")
        if label is None:
            if not ctx.in_breakable:
                raise _error("Illegal break statement", node)
            return
        name = _get(label, "name")
        lab = ctx.labels
        while lab is not None and lab.name != name:
            lab = lab.parent
        if lab is None:
            raise _error(f"Undefined label '{name}'", label)

    def v_continue(self, node: Any, ctx: _Ctx) -> None:
        label = _get(node, "label")
        if not ctx.in_loop:
            raise _error("Illegal continue statement: no surrounding iteration "
                         "statement", node)
        if label is None:
            return
        name = _get(label, "name")
        lab = ctx.labels
        while lab is not None and lab.name != name:
            lab = lab.parent
        if lab is None:
            raise _error(f"Undefined label '{name}'", label)
        if not lab.is_loop:
            raise _error(f"Illegal continue statement: '{name}' does not denote an "
                         "iteration statement", label)

    def v_return(self, node: Any, ctx: _Ctx) -> None:
        if ctx.fn.is_program:
            raise _error("Illegal return statement", node)
        self.push(_get(node, "argument"), ctx)

    def v_with(self, node: Any, ctx: _Ctx) -> None:
        if ctx.fn.strict:
            raise _error("Strict mode code may not include a with statement", node)
        body = _get(node, "body")
        self.check_substatement(body, ctx, "with")
        self.stack.extend([(body, ctx), (_get(node, "object"), ctx)])

    def v_switch(self, node: Any, ctx: _Ctx) -> None:
        cctx = ctx.with_(scope=_Scope("block", ctx.scope), in_breakable=True)
        items: list[Any] = [(_get(node, "discriminant"), ctx)]
        for case in _get(node, "cases") or []:
            items.append((_get(case, "test"), cctx))
            for s in _get(case, "consequent") or []:
                items.append((s, cctx))
        self.stack.extend(reversed(items))

    def v_try(self, node: Any, ctx: _Ctx) -> None:
        items: list[Any] = [(_get(node, "block"), ctx)]
        handler = _get(node, "handler")
        if handler is not None:
            items.append(lambda: self.visit_catch(handler, ctx))
        items.append((_get(node, "finalizer"), ctx))
        self.stack.extend(reversed(items))

    def visit_catch(self, handler: Any, ctx: _Ctx) -> None:
        """ES2017 13.15.1 and B.3.5."""
        param = _get(handler, "param")
        cscope = _Scope("catch", ctx.scope)
        if param is not None:
            cscope.catch_simple = node_type(param) == "Identifier"
            for ident in bound_names(param):
                nm = _get(ident, "name")
                self.check_binding_name(ident, ctx, strict=ctx.fn.strict)
                if nm in cscope.catch_params:
                    raise _error(f"Identifier '{nm}' has already been declared", ident)
                cscope.catch_params.add(nm)
        bctx = ctx.with_(scope=_Scope("block", cscope))
        body = _get(_get(handler, "body"), "body") or []
        # The parameter's initialisers run (are queued) before the body.
        self.push_list(body, bctx)
        if param is not None:
            self.stack.append(lambda: self.visit_pattern_exprs(param, ctx))

    def v_throw(self, node: Any, ctx: _Ctx) -> None:
        self.push(_get(node, "argument"), ctx)

    # Expressions

    def v_identifier(self, node: Any, ctx: _Ctx) -> None:
        """IdentifierReference (ES2017 12.1.1)."""
        name = _get(node, "name")
        if name == "arguments" and ctx.fn.no_arguments:
            raise _error("'arguments' is not allowed in class field initializer or static "
                         "initialization block", node)
        if ctx.fn.strict and name in STRICT_RESERVED:
            raise _error("Unexpected strict mode reserved word", node)
        self.check_await_yield(node, ctx)

    def v_literal(self, node: Any, ctx: _Ctx) -> None:
        if not ctx.fn.strict:
            return
        raw = _get(node, "raw")
        if not isinstance(raw, str) or not raw:
            return
        value = _get(node, "value")
        if isinstance(value, str) and raw[0] in "'\"":
            if "\\" in raw and _has_legacy_octal_escape(raw):
                raise _error("Octal escape sequences are not allowed in strict mode", node)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            # B.1.1 LegacyOctalIntegerLiteral / NonOctalDecimalIntegerLiteral
            if len(raw) > 1 and raw[0] == "0" and raw[1] in "0123456789":
                raise _error("Octal literals are not allowed in strict mode", node)

    def v_template(self, node: Any, ctx: _Ctx) -> None:
        for q in _get(node, "quasis") or []:
            value = _get(q, "value")
            raw = _get(value, "raw") if value is not None else None
            if isinstance(raw, str) and "\\" in raw and _template_bad_escape(raw):
                raise _error("Octal escape sequences are not allowed in template "
                             "strings.", q)
        self.push_list(_get(node, "expressions") or [], ctx)

    def v_tagged(self, node: Any, ctx: _Ctx) -> None:
        # ES2018 template literal revision: a tagged template may hold any escape
        self.push_list(_get(_get(node, "quasi"), "expressions") or [], ctx)
        self.push(_get(node, "tag"), ctx)

    def v_unary(self, node: Any, ctx: _Ctx) -> None:
        arg = _get(node, "argument")
        if _get(node, "operator") == "delete":
            if ctx.fn.strict and node_type(arg) == "Identifier":
                raise _error("Delete of an unqualified identifier in strict mode.", node)
            target = _get(arg, "expression") if node_type(arg) == "ChainExpression" else arg
            if node_type(target) == "MemberExpression" \
                    and node_type(_get(target, "property")) == "PrivateIdentifier":
                self.check_private(_get(target, "property"))
                raise _error("Private fields can not be deleted", target)
        self.push(arg, ctx)

    def v_update(self, node: Any, ctx: _Ctx) -> None:
        what = "expression in prefix operation" if _get(node, "prefix") \
            else "expression in postfix operation"
        self.check_simple_target(_get(node, "argument"), ctx, what)

    def v_binary(self, node: Any, ctx: _Ctx) -> None:
        left = _get(node, "left")
        if node_type(left) == "PrivateIdentifier":      # ES2022 `#x in o`
            self.check_private(left)
        self.stack.extend([(_get(node, "right"), ctx), (_get(node, "left"), ctx)])

    def v_assign(self, node: Any, ctx: _Ctx) -> None:
        left = _get(node, "left")
        self.push(_get(node, "right"), ctx)
        if _get(node, "operator") == "=" and node_type(left) in ("ObjectPattern",
                                                                 "ArrayPattern"):
            self.check_assignment_pattern(left, ctx, "in assignment")
        else:
            self.check_simple_target(left, ctx, "in assignment")

    def v_member(self, node: Any, ctx: _Ctx) -> None:
        obj = _get(node, "object")
        if _get(node, "computed"):
            self.push(_get(node, "property"), ctx)
        elif node_type(_get(node, "property")) == "PrivateIdentifier":
            self.check_private(_get(node, "property"))
        if node_type(obj) == "Super":
            if not ctx.fn.super_prop:
                raise _error("'super' keyword unexpected here", obj)
        else:
            self.push(obj, ctx)

    def v_call(self, node: Any, ctx: _Ctx) -> None:
        callee = _get(node, "callee")
        if node_type(callee) == "Super":
            if node_type(node) == "NewExpression" or not ctx.fn.super_call:
                raise _error("'super' keyword unexpected here", callee)
        self.push_list(_get(node, "arguments") or [], ctx)
        if node_type(callee) != "Super":
            self.push(callee, ctx)

    def v_super(self, node: Any, ctx: _Ctx) -> None:
        # Reached only when `super` is neither a callee nor a member object.
        raise _error("'super' keyword unexpected here", node)

    def v_meta(self, node: Any, ctx: _Ctx) -> None:
        if _get(_get(node, "meta"), "name") == "new" \
                and _get(_get(node, "property"), "name") == "target":
            if not ctx.fn.new_target:
                raise _error("new.target expression is not allowed here", node)

    def v_conditional(self, node: Any, ctx: _Ctx) -> None:
        self.stack.extend([(_get(node, "alternate"), ctx), (_get(node, "consequent"), ctx),
                           (_get(node, "test"), ctx)])

    def v_sequence(self, node: Any, ctx: _Ctx) -> None:
        self.push_list(_get(node, "expressions") or [], ctx)

    def v_array(self, node: Any, ctx: _Ctx) -> None:
        self.push_list(_get(node, "elements") or [], ctx)

    def v_spread(self, node: Any, ctx: _Ctx) -> None:
        self.push(_get(node, "argument"), ctx)

    def v_object(self, node: Any, ctx: _Ctx) -> None:
        items: list[Any] = []
        proto = 0
        for prop in _get(node, "properties") or []:
            if node_type(prop) != "Property":
                items.append((prop, ctx))  # SpreadElement (ES2018)
                continue
            kind = _get(prop, "kind")
            value = _get(prop, "value")
            if kind == "init" and not _get(prop, "shorthand") and not _get(prop, "method") \
                    and _prop_key_name(prop) == "__proto__":
                proto += 1
                if proto > 1:
                    raise _error("Duplicate __proto__ fields are not allowed in object "
                                 "literals", _get(prop, "key"))
            if _get(prop, "computed"):
                items.append((_get(prop, "key"), ctx))
            if kind in ("get", "set") or _get(prop, "method"):
                mk = kind if kind in ("get", "set") else "method"
                items.append(lambda v=value, k=mk: self.visit_function(v, ctx, method=k))
            else:
                if node_type(value) == "AssignmentPattern":
                    raise _error("Invalid shorthand property initializer", value)
                items.append((value, ctx))
        self.stack.extend(reversed(items))

    def v_chain(self, node: Any, ctx: _Ctx) -> None:
        self.push(_get(node, "expression"), ctx)

    def v_function_expression(self, node: Any, ctx: _Ctx) -> None:
        self.visit_function(node, ctx)

    def v_yield(self, node: Any, ctx: _Ctx) -> None:
        if ctx.in_params:
            raise _error("Yield expression not allowed in formal parameter", node)
        self.push(_get(node, "argument"), ctx)

    def v_await(self, node: Any, ctx: _Ctx) -> None:
        if ctx.in_params:
            raise _error("Illegal await-expression in formal parameters of async "
                         "function", node)
        self.push(_get(node, "argument"), ctx)

    def v_pattern(self, node: Any, ctx: _Ctx) -> None:
        # A pattern met as an expression: the parser left a cover grammar
        # where no pattern may stand.
        raise _error("Invalid destructuring assignment target", node)


_HANDLERS: dict[str, Callable[[_Checker, Any, _Ctx], None]] = {
    "BlockStatement": _Checker.v_block,
    "ExpressionStatement": _Checker.v_expression_statement,
    "VariableDeclaration": _Checker.v_var,
    "FunctionDeclaration": _Checker.v_function_declaration,
    "ClassDeclaration": _Checker.v_class,
    "ClassExpression": _Checker.v_class,
    "IfStatement": _Checker.v_if,
    "WhileStatement": _Checker.v_while,
    "DoWhileStatement": _Checker.v_while,
    "ForStatement": _Checker.v_for,
    "ForInStatement": _Checker.v_for_in_of,
    "ForOfStatement": _Checker.v_for_in_of,
    "LabeledStatement": _Checker.v_labeled,
    "BreakStatement": _Checker.v_break,
    "ContinueStatement": _Checker.v_continue,
    "ReturnStatement": _Checker.v_return,
    "WithStatement": _Checker.v_with,
    "SwitchStatement": _Checker.v_switch,
    "TryStatement": _Checker.v_try,
    "ThrowStatement": _Checker.v_throw,
    "Identifier": _Checker.v_identifier,
    "Literal": _Checker.v_literal,
    "TemplateLiteral": _Checker.v_template,
    "TaggedTemplateExpression": _Checker.v_tagged,
    "UnaryExpression": _Checker.v_unary,
    "UpdateExpression": _Checker.v_update,
    "BinaryExpression": _Checker.v_binary,
    "LogicalExpression": _Checker.v_binary,
    "AssignmentExpression": _Checker.v_assign,
    "MemberExpression": _Checker.v_member,
    "CallExpression": _Checker.v_call,
    "NewExpression": _Checker.v_call,
    "Super": _Checker.v_super,
    "MetaProperty": _Checker.v_meta,
    "ConditionalExpression": _Checker.v_conditional,
    "SequenceExpression": _Checker.v_sequence,
    "ArrayExpression": _Checker.v_array,
    "SpreadElement": _Checker.v_spread,
    "ObjectExpression": _Checker.v_object,
    "FunctionExpression": _Checker.v_function_expression,
    "ChainExpression": _Checker.v_chain,
    "ArrowFunctionExpression": _Checker.v_function_expression,
    "YieldExpression": _Checker.v_yield,
    "AwaitExpression": _Checker.v_await,
    "ObjectPattern": _Checker.v_pattern,
    "ArrayPattern": _Checker.v_pattern,
    "AssignmentPattern": _Checker.v_pattern,
    "RestElement": _Checker.v_pattern,
}


def check(program: Any, context: Optional[dict] = None) -> None:
    """Raise JSSyntaxError for the first ES2017 early error in `program`; ``context``: what
    a direct eval's caller allows (super_call, super_prop, new_target, no_arguments: bools;
    privates: the private names it sees, without '#')."""
    try:
        _Checker().run(program, context)
    except _Early as e:
        node = e.node
        source = _get(program, "source")
        start = _get(node, "start")
        at = getattr(JSSyntaxError, "at", None)
        if at is not None and isinstance(source, str) and source and isinstance(start, int):
            raise at(e.message, source, start) from None
        # Nodes carry 0-based columns (esprima's loc); JSSyntaxError's are 1-based.
        line = _get(node, "line", 1) or 1
        column = (_get(node, "column", 0) or 0) + 1
        raise JSSyntaxError(e.message, line, column) from None
