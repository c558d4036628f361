"""LALR callbacks for functions, classes, methods and template literals.

Part of the Builder (to_ast.py): ES2017 14.1-14.6 (function, arrow, method,
generator, class and async definitions) and 12.2.9 template literals.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import ast as A
from .context import Computed, TemplateBuilder
from .context import Tok as Token
from .lexical import LexicalError, cook_template
from .patterns import Patterns


class FunctionCallbacks(Patterns):
    """Mixin of the Builder; relies on its ``directives`` and ``ident_token``."""

    directives: Any
    ident_token: Any
    string_literal: Any
    number_literal: Any
    bad_templates: Any

    if TYPE_CHECKING:  # Builder's offset helpers
        def ps(self, node: Any) -> int: ...
        def pe(self, node: Any) -> int: ...

    # ----------------------------------------------------------- functions
    def _function(self, cls: type, c: list) -> Any:
        i = 0
        is_async = c[0].type == 'ASYNC'
        if is_async:
            i = 1
        i += 1  # FUNCTION
        generator = False
        if getattr(c[i], 'type', None) == 'STAR':
            generator = True
            i += 1
        fid = c[i] if len(c) - i == 3 else None
        _lpar, params = c[-2]
        body = c[-1]
        node = cls(c[0].start_pos, body.end, fid, params, body, generator, False, is_async)
        node.strict = self.directives(body.body)
        return node

    def func_decl(self, c: list) -> A.FunctionDeclaration:
        return self._function(A.FunctionDeclaration, c)

    def func_expr(self, c: list) -> A.FunctionExpression:
        return self._function(A.FunctionExpression, c)

    def binding_id(self, c: list) -> A.Identifier:
        return self.ident_token(c[0])

    def params_empty(self, c: list) -> tuple:
        return (c[0].start_pos, [])

    def params(self, c: list) -> tuple:
        return (c[0].start_pos, c[1])

    def params_rest(self, c: list) -> tuple:
        if len(c) == 3:
            return (c[0].start_pos, [c[1]])
        c[1].append(c[3])
        return (c[0].start_pos, c[1])

    def rest_param(self, c: list) -> A.RestElement:
        return A.RestElement(c[0].start_pos, c[1].end, c[1])

    def binding_elem(self, c: list) -> Any:
        return c[0]

    def binding_elem_init(self, c: list) -> A.AssignmentPattern:
        return A.AssignmentPattern(self.ps(c[0]), self.pe(c[2]), c[0], c[2])

    # ------------------------------------------------------------- classes
    def class_decl(self, c: list) -> A.ClassDeclaration:
        sup, body = c[2]
        return A.ClassDeclaration(c[0].start_pos, body.end, c[1], sup, body)

    def class_expr(self, c: list) -> A.ClassExpression:
        sup, body = c[-1]
        cid = c[1] if len(c) == 3 else None
        return A.ClassExpression(c[0].start_pos, body.end, cid, sup, body)

    def class_tail(self, c: list) -> tuple:
        return (None, c[0])

    def class_tail_extends(self, c: list) -> tuple:
        return (c[1], c[2])

    def class_body_empty(self, c: list) -> A.ClassBody:
        return A.ClassBody(c[0].start_pos, c[1].end_pos, [])

    def class_body(self, c: list) -> A.ClassBody:
        members: list = []
        has_ctor = False
        for m in c[1]:
            if type(m) is not tuple:   # a `;` token, or a finished PropertyDefinition / StaticBlock
                if isinstance(m, A.Node):
                    members.append(m)
                continue
            start, mods, key, computed, fn = m
            static = bool(mods) and mods[0].type == 'IDENTIFIER' and mods[0].value == 'static'
            if static:
                mods = mods[1:]
            kind = self.method_kind(mods, fn, start, allow_init=False)
            if type(key) is A.PrivateIdentifier and key.name == 'constructor':
                self.error("Classes may not have a private field named '#constructor'", key.start)
            if not computed and not static and (
                    (type(key) is A.Identifier and key.name == 'constructor')
                    or (type(key) is A.Literal and key.value == 'constructor')):
                if kind != 'method' or fn.generator or fn.isAsync:
                    what = ('an accessor' if kind != 'method' else 'a generator' if fn.generator
                            else 'an async method')
                    self.error(f'Class constructor may not be {what}', key.start)
                if has_ctor:
                    self.error('A class may only have one constructor', key.start)
                has_ctor = True
                kind = 'constructor'
            if static and not computed and (
                    (type(key) is A.Identifier and key.name == 'prototype')
                    or (type(key) is A.Literal and key.value == 'prototype')):
                self.error('Classes may not have a static property named prototype', key.start)
            members.append(A.MethodDefinition(start, fn.end, key, computed, fn, kind, static))
        return A.ClassBody(c[0].start_pos, c[2].end_pos, members)

    def method_kind(self, mods: list, fn: Any, start: int, allow_init: bool) -> str:
        """Validate get/set/async/`*` prefixes (14.3, 14.4, 14.6); return the kind."""
        kind = 'init' if allow_init else 'method'
        names = [m.value for m in mods]
        if not names:
            return kind
        if names == ['*']:
            fn.generator = True
            return kind
        if names == ['async', '*'] and '\\' not in mods[0].value:
            fn.isAsync = fn.generator = True     # ES2018 async generator method
            return kind
        if len(names) == 1 and mods[0].type != 'STAR' and '\\' not in names[0]:
            n = names[0]
            if n == 'get':
                if fn.params:
                    self.error('Getter must not have any formal parameters.', fn.start)
                return 'get'
            if n == 'set':
                if len(fn.params) != 1 or type(fn.params[0]) is A.RestElement:
                    self.error('Setter must have exactly one formal parameter.', fn.start)
                return 'set'
            if n == 'async':
                fn.isAsync = True
                return kind
        self.error(f'Unexpected token {names[-1]}', mods[-1].start_pos)
        return kind

    def method_def(self, c: list) -> tuple:
        key = c[0]
        lpar, params = c[1]
        body = c[2]
        fn = A.FunctionExpression(lpar, body.end, None, params, body, False, False, False)
        fn.strict = self.directives(body.body)
        if type(key) is Computed:
            return (key.start, [], key.expr, True, fn)
        return (key.start, [], key, False, fn)

    def method_def_mod(self, c: list) -> tuple:
        m = self.method_def(c[1:])
        return (c[0][0].start_pos, c[0], m[2], m[3], m[4])

    def pn_ident(self, c: list) -> A.Identifier:
        return self.ident_token(c[0], check=False)

    def pn_string(self, c: list) -> A.Literal:
        return self.string_literal(c[0])

    def pn_number(self, c: list) -> A.Literal:
        return self.number_literal(c[0])

    def pn_private(self, c: list) -> A.PrivateIdentifier:
        return self.private_name(c[0])

    # ------------------------------------------------------ ES2022 class fields
    def field_init(self, c: list) -> Any:
        # the initializer's own await/yield context (pushed by parser.py) ends here
        if len(self.fctx) > 1:
            self.fctx.pop()
        return c[1]

    def _field(self, start: int, mods: list, key: Any, value: Any, end: int) -> A.PropertyDefinition:
        static = False
        if mods:
            m = mods[0]
            if len(mods) != 1 or m.type != 'IDENTIFIER' or m.value != 'static':
                self.error(f'Unexpected token {mods[-1].value}' if len(mods) > 1 or m.type == 'STAR'
                           else 'Unexpected identifier', key.start if type(key) is not Computed
                           else key.start)
            static = True
        computed = type(key) is Computed
        if computed:
            key = key.expr
        else:
            name = key.name if type(key) is A.Identifier else key.value if type(key) is A.Literal \
                else None
            if type(key) is A.PrivateIdentifier and key.name == 'constructor':
                self.error("Classes may not have a field named 'constructor'", key.start)
            if name == 'constructor' and type(key) is not A.PrivateIdentifier:
                self.error("Classes may not have a field named 'constructor'", key.start)
            if static and name == 'prototype' and type(key) is not A.PrivateIdentifier:
                self.error("Classes may not have a static property named 'prototype'", key.start)
        return A.PropertyDefinition(start, end, key, value, computed, static)

    def field_def(self, c: list) -> A.PropertyDefinition:
        key = c[0]
        value = c[1] if len(c) == 3 else None
        return self._field(key.start, [], key, value, self._field_end(c[-1], key, value))

    def field_def_mod(self, c: list) -> A.PropertyDefinition:
        key = c[1]
        value = c[2] if len(c) == 4 else None
        return self._field(c[0][0].start_pos, c[0], key, value, self._field_end(c[-1], key, value))

    def _field_end(self, semi: Token, key: Any, value: Any) -> int:
        # acorn's range ends at the `;` when there is one, else at the last token
        if semi.start_pos != semi.end_pos:
            return semi.end_pos
        if value is not None:
            return self.pe(value)
        return key.end

    def static_block(self, c: list) -> A.StaticBlock:
        tok = c[0]
        if tok.value != 'static':
            self.error('Unexpected token {', c[1].start)
        return A.StaticBlock(tok.start_pos, c[1].end, c[1].body)

    def pn_computed(self, c: list) -> Computed:
        return Computed(c[0].start_pos, c[1], c[2].end_pos)

    # ------------------------------------------------------------- templates
    def template_element(self, tok: Token, head: int, tail: int, tpl: Any) -> A.TemplateElement:
        body = tok.value[head:len(tok.value) - tail]
        try:
            cooked, raw = cook_template(body, tagged=True)
        except LexicalError:   # pragma: no cover - tagged=True never raises
            cooked, raw = None, body
        if cooked is None:
            tpl.bad = (tok.start_pos, body)
        return A.TemplateElement(tok.start_pos, tok.end_pos, {'raw': raw, 'cooked': cooked},
                                 tail == 1)

    def _finish_template(self, tpl: TemplateBuilder, end: int) -> A.TemplateLiteral:
        node = A.TemplateLiteral(tpl.start, end, tpl.quasis, tpl.exprs)
        if tpl.bad is not None:
            self.bad_templates[id(node)] = (node, tpl.bad)
        return node

    def template_full(self, c: list) -> A.TemplateLiteral:
        tok = c[0]
        tpl = TemplateBuilder(tok.start_pos)
        tpl.quasis.append(self.template_element(tok, 1, 1, tpl))
        return self._finish_template(tpl, tok.end_pos)

    def template_start(self, c: list) -> TemplateBuilder:
        tok = c[0]
        tpl = TemplateBuilder(tok.start_pos)
        tpl.quasis.append(self.template_element(tok, 1, 2, tpl))
        tpl.exprs.append(c[1])
        return tpl

    def template_add(self, c: list) -> TemplateBuilder:
        tpl = c[0]
        tpl.quasis.append(self.template_element(c[1], 1, 2, tpl))
        tpl.exprs.append(c[2])
        return tpl

    def template(self, c: list) -> A.TemplateLiteral:
        tpl = c[0]
        tok = c[1]
        tpl.quasis.append(self.template_element(tok, 1, 1, tpl))
        return self._finish_template(tpl, tok.end_pos)
