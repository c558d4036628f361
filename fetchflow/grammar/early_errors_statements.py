"""The early-error checker's statements (ES2017-ES2023 "Static Semantics: Early Errors" of
statements): a mixin of early_errors._Checker, which owns the walk."""
from __future__ import annotations

from typing import Any, Optional

from .early_errors_base import (STRICT_RESERVED, _Ctx, _LOOPS, _Labels, _Scope, _error,
                               _get, _is_async, _strip_labels, bound_names, node_type)


def find_label(labels: Optional[_Labels], name: str) -> Optional[_Labels]:
    """The innermost enclosing label called ``name`` (LabelSet lookup), or None."""
    while labels is not None and labels.name != name:
        labels = labels.parent
    return labels


class StatementChecks:
    """Visitors of statements (``v_*``), run by ``_Checker.visit``."""

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
        if find_label(ctx.labels, name) is not None:
            raise _error(f"Label '{name}' has already been declared", label)
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
        lab = find_label(ctx.labels, name)
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
        lab = find_label(ctx.labels, name)
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
