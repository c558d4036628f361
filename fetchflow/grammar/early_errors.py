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

from typing import Any, Callable, Optional

from fetchflow.errors import JSSyntaxError

from . import ast as A
from .early_errors_base import (STRICT_RESERVED, _Ctx, _EVAL_ARGS, _Early, _Fn, _Scope,
                               _error, _get, _has_legacy_octal_escape, _is_async,
                               _prop_key_name, _raise, _template_bad_escape, bound_names,
                               has_use_strict, is_simple_params, node_type)
from .early_errors_statements import StatementChecks
from .private_names import declared_private_names

__all__ = ["check", "node_type", "STRICT_RESERVED"]

# ---------------------------------------------------------------------------
# The checker
# ---------------------------------------------------------------------------

_Task = Callable[[], None]


class _Checker(StatementChecks):
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
        by_class = _HANDLERS_BY_CLASS
        while stack:
            item = stack.pop()
            if item.__class__ is tuple:
                node, c = item
                if node is not None:
                    # ast.py nodes find their handler by class, in one lookup (None: no
                    # early errors of their own); anything else by its ESTree type name
                    h = by_class.get(node.__class__, _BY_NAME)
                    if h is _BY_NAME:
                        visit(node, c)
                    elif h is not None:
                        h(self, node, c)
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

    # Expressions

    def v_identifier(self, node: Any, ctx: _Ctx) -> None:
        """IdentifierReference (ES2017 12.1.1)."""
        name = _get(node, "name")
        if name == "arguments" and ctx.fn.no_arguments:
            raise _error("'arguments' is not allowed in class field initializer or static "
                         "initialization block", node)
        if ctx.fn.strict and name in STRICT_RESERVED:
            raise _error("Unexpected strict mode reserved word", node)
        if name == "await" or name == "yield":      # the common name skips the call
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


_BY_NAME: Any = object()      # marks a node class that is not one of ast.py's
_HANDLERS_BY_CLASS: dict[type, Any] = {cls: _HANDLERS.get(name)
                                       for name, cls in A.NODE_TYPES.items()}


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
