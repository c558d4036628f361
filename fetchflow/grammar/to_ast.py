"""LALR callbacks that build ESTree nodes while es2017.lark (ES2023) is parsed.

Lark calls ``Builder.<rule or alias>(children)`` on every reduction, so the
AST is built bottom-up during the parse: no parse tree, no recursion.  The
children lists hold tokens (``context.Tok``; every terminal is kept) and the values
returned by earlier callbacks.

Cover grammars (12.2.9, 12.3, 12.14.5) are resolved here: arrow parameters
and destructuring targets are parsed as expressions and reinterpreted by
``to_target`` / ``to_params`` (patterns.py).
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Literal, Union


from . import ast as A
from .lexical import (LexicalError, bigint_text, bigint_value, check_numeric_literal, decode_identifier,
                      decode_string, number_value)
from .patterns import check_simple_target
from .to_ast_functions import FunctionCallbacks
from .context import Computed, ParenCover, Seq, AsyncHead, SEQ_MARK, RESERVED
from .context import Tok as Token
from ..interp.regex_parse import RegexSyntaxError
from ..interp.regex_translate import translate

# 12.6-12.13 binary operator precedence (higher binds tighter)
PREC = {
    '||': 1, '??': 1, '&&': 2, '|': 3, '^': 4, '&': 5,
    '==': 6, '!=': 6, '===': 6, '!==': 6,
    '<': 7, '>': 7, '<=': 7, '>=': 7, 'instanceof': 7, 'in': 7,
    '<<': 8, '>>': 8, '>>>': 8,
    '+': 9, '-': 9, '*': 10, '/': 10, '%': 10, '**': 11,
}
_Binary = A.BinaryExpression
_Logical = A.LogicalExpression
_Ident = A.Identifier
_Literal = A.Literal


_DECL_START = re.compile(r'(?:function|class|async[ \t\x0b\x0c\u00a0\ufeff]+function)(?![\w$])')


_LET_START = re.compile(r'let(?![\w$\\])')
_LET_BRACKET = re.compile(r'let(?:\s|/\*(?:[^*]|\*(?!/))*\*/|//[^\n\r\u2028\u2029]*)*\[')


def _bin(op: str, left: Any, right: Any, start: int, end: int) -> Any:
    cls = _Logical if (op == '||' or op == '&&' or op == '??') else _Binary
    return cls(start, end, op, left, right)


class Builder(FunctionCallbacks):
    """One instance per Lark parser; ``reset`` before each parse."""

    def reset(self, source: str) -> None:
        self.src = source
        self.parens: Dict[int, Any] = {}         # id -> parenthesized expression
        self.cover_inits: Dict[int, Any] = {}    # `{a = 1}` not yet used as a pattern
        self.bad_templates: Dict[int, Any] = {}  # invalid escapes, fine only if tagged
        self.octal_strings: Dict[int, Any] = {}  # string literals with legacy octal escapes
        self.spread_comma: Dict[int, Any] = {}   # `[...a, ]`: not valid as a pattern
        self.private_operands: Dict[int, Any] = {}  # `#x` not (yet) the left of an `in`
        self.for_in_heads: Dict[int, Any] = {}   # `x in a = b`: valid only as a for-in head
        # maintained with parser.py's driver: await/yield context per function
        # (the script body is async: top-level await), and concise arrow bodies
        self.fctx: List[int] = [1]
        self.concise: List[int] = []

    # ------------------------------------------------------------ utilities
    def ps(self, node: Any) -> int:
        """Start offset including enclosing parentheses (as esprima's ranges)."""
        p = self.parens.get(id(node))
        return node.start if p is None else p[1]

    def pe(self, node: Any) -> int:
        """End offset including enclosing parentheses."""
        p = self.parens.get(id(node))
        return node.end if p is None else p[2]

    def ident_token(self, tok: Token, check: bool = True) -> A.Identifier:
        name = tok.value
        if '\\' in name:
            try:
                name = decode_identifier(name)
            except LexicalError as e:
                self.error(e.message, tok.start_pos + e.offset)
            if check and name in RESERVED:
                self.error('Keyword must not contain escaped characters', tok.start_pos)
        elif check and name in RESERVED:
            if name == 'import':
                self.error('Cannot use import statement outside a module', tok.start_pos)
            self.error(f'Unexpected token {name}', tok.start_pos)
        elif not name.isascii():
            try:
                name = decode_identifier(name)
            except LexicalError:
                self.error('Invalid or unexpected token', tok.start_pos)
        return _Ident(tok.start_pos, tok.end_pos, name)

    def string_literal(self, tok: Token) -> A.Literal:
        raw = tok.value
        try:
            value, legacy = decode_string(raw[1:-1])
        except LexicalError as e:
            self.error(e.message, tok.start_pos + 1 + e.offset if e.offset >= 0 else tok.start_pos)
        node = _Literal(tok.start_pos, tok.end_pos, value, raw)
        if legacy:
            self.octal_strings[id(node)] = legacy
        return node

    def number_literal(self, tok: Token) -> A.Literal:
        raw = tok.value
        try:
            if '_' in raw or raw[-1] == 'n':
                check_numeric_literal(raw)
                if raw[-1] == 'n':
                    big = bigint_value(raw)
                    return _Literal(tok.start_pos, tok.end_pos, big, raw, None, bigint_text(big))
            value, _legacy = number_value(raw)
        except LexicalError as e:
            self.error(e.message, tok.start_pos + e.offset)
        return _Literal(tok.start_pos, tok.end_pos, value, raw)

    def directives(self, body: List[Any]) -> bool:
        """14.1.1 Directive prologues; returns True for "use strict"."""
        strict = False
        for stmt in body:
            if type(stmt) is not A.ExpressionStatement:
                break
            e = stmt.expression
            if type(e) is not A.Literal or type(e.value) is not str or e.raw[0] not in '\'"' \
                    or id(e) in self.parens:
                break
            stmt.directive = e.raw[1:-1]
            if stmt.directive == 'use strict':
                strict = True
        return strict

    # ---------------------------------------------------------------- lists
    def list_first(self, c: list) -> list:
        return [c[0]]

    def list_append(self, c: list) -> list:
        c[0].append(c[1])
        return c[0]

    def list_append_sep(self, c: list) -> list:
        c[0].append(c[2])
        return c[0]

    # ------------------------------------------------------------ program
    def program(self, c: list) -> A.Program:
        body = c[0]
        # esprima's range: first token to last token (comments excluded)
        node = A.Program(body[0].start, body[-1].end, body, 'script')
        node.strict = self.directives(body)
        node.source = self.src
        return node

    def program_empty(self, c: list) -> A.Program:
        node = A.Program(0, 0, [], 'script')
        node.source = self.src
        return node

    def start(self, c: list) -> Any:
        return c[0]

    # ---------------------------------------------------------- statements
    def block_empty(self, c: list) -> A.BlockStatement:
        return A.BlockStatement(c[0].start_pos, c[1].end_pos, [])

    def block(self, c: list) -> A.BlockStatement:
        return A.BlockStatement(c[0].start_pos, c[2].end_pos, c[1])

    def var_decl(self, c: list) -> A.VariableDeclaration:
        kind = c[0].value
        decls = c[1]
        if kind == 'const':
            for d in decls:
                if d.init is None:
                    self.error('Missing initializer in const declaration', d.end)
        return A.VariableDeclaration(c[0].start_pos, c[2].end_pos, decls, kind)

    def declarator(self, c: list) -> A.VariableDeclarator:
        target = c[0]
        return A.VariableDeclarator(target.start, target.end, target, None)

    def declarator_init(self, c: list) -> A.VariableDeclarator:
        return A.VariableDeclarator(self.ps(c[0]), self.pe(c[2]), c[0], c[2])

    def empty_stmt(self, c: list) -> A.EmptyStatement:
        return A.EmptyStatement(c[0].start_pos, c[0].end_pos)

    def expr_stmt(self, c: list) -> A.ExpressionStatement:
        e = c[0]
        s = self.ps(e)
        if self.src[s] in 'fca' and _DECL_START.match(self.src, s):
            # 13.5: an ExpressionStatement may not start with these
            self.error('Unexpected token', s)
        if self.src[s] == 'l' and _LET_BRACKET.match(self.src, s):
            # 14.5: nor with `let [` (a lexical declaration, here where none may stand)
            self.error('Lexical declaration cannot appear in a single-statement context', s)
        return A.ExpressionStatement(s, c[1].end_pos, e)

    def if_stmt(self, c: list) -> A.IfStatement:
        return A.IfStatement(c[0].start_pos, c[4].end, c[2], c[4], None)

    def if_else_stmt(self, c: list) -> A.IfStatement:
        return A.IfStatement(c[0].start_pos, c[6].end, c[2], c[4], c[6])

    def do_while_stmt(self, c: list) -> A.DoWhileStatement:
        return A.DoWhileStatement(c[0].start_pos, c[-1].end_pos, c[1], c[4])

    def while_stmt(self, c: list) -> A.WhileStatement:
        return A.WhileStatement(c[0].start_pos, c[4].end, c[2], c[4])

    def for_stmt(self, c: list) -> A.ForStatement:
        return A.ForStatement(c[0].start_pos, c[5].end, c[2], c[3], c[4], c[5])

    def for_init_empty(self, c: list) -> None:
        return None

    def for_init_expr(self, c: list) -> Any:
        self._check_no_in(c[0], c[1])
        return c[0]

    def _check_no_in(self, e: Any, semicolon: Token) -> None:
        """A for(;;) head's init is Expression[~In] (ES2023 14.7.4.1): no `in` outside
        parentheses, brackets, braces and arguments (nor `#x in o`), which the grammar,
        parsing one Expression for every for head, does not see."""
        todo = [e]
        while todo:
            n = todo.pop()
            if n is None or id(n) in self.parens:
                continue
            t = type(n)
            if t is _Binary:
                if n.operator == 'in':
                    if type(n.left) is A.PrivateIdentifier:
                        self.error(f"Unexpected identifier '#{n.left.name}'", n.left.start)
                    if n is e or type(e) is A.VariableDeclarator and n is e.init:
                        self.error("Unexpected token ';'", semicolon.start_pos)
                    # V8 takes the head for a for-in's target then
                    self.error('Invalid left-hand side in for-loop', self.ps(e))
                todo.append(n.left)
                todo.append(n.right)
            elif t is _Logical:
                todo.append(n.left)
                todo.append(n.right)
            elif t is A.ConditionalExpression:   # the `?` branch is [+In]
                todo.append(n.test)
                todo.append(n.alternate)
            elif t is A.AssignmentExpression or t is A.VariableDeclarator:
                todo.append(n.right if t is A.AssignmentExpression else n.init)
            elif t is A.SequenceExpression:
                todo.extend(n.expressions)
            elif t is A.ArrowFunctionExpression and n.expression:
                todo.append(n.body)
            elif t is A.YieldExpression:
                todo.append(n.argument)

    def for_init_decl(self, c: list) -> A.VariableDeclaration:
        kind = c[0].value
        for d in c[1]:
            self._check_no_in(d, c[2])
        # esprima quirk kept for range parity: a let/const head includes its `;`
        end = c[1][-1].end if kind == 'var' else c[2].end_pos
        return A.VariableDeclaration(c[0].start_pos, end, c[1], kind)

    def for_part_empty(self, c: list) -> None:
        return None

    def for_part(self, c: list) -> Any:
        return c[0]

    def for_in_expr(self, c: list) -> A.ForInStatement:
        """`for (LHS in Expression)` parsed as `for (Expression)`: the `in`
        sits at the bottom of the expression's left spine (`i in a && b` is
        `(i in a) && b`); the target is its left operand and the object is the
        expression with that `in` node replaced by its right operand."""
        e = c[2]
        spine: List[tuple[Any, Union[str, Literal[0]]]] = []  # (node, field) pairs down the left spine
        found = -1
        node = e
        while id(node) not in self.parens:
            t = type(node)
            if t is A.BinaryExpression or t is A.LogicalExpression:
                if t is A.BinaryExpression and node.operator == 'in':
                    found = len(spine)
                spine.append((node, 'left'))
                node = node.left
            elif t is A.ConditionalExpression:
                spine.append((node, 'test'))
                node = node.test
            elif t is A.SequenceExpression:
                spine.append((node, 0))
                node = node.expressions[0]
            else:
                break
        if found < 0:
            self.error('Unexpected token )', c[3].start_pos)
        in_node = spine[found][0]
        self.for_in_heads.pop(id(in_node), None)
        target = self.to_target(in_node.left)
        right = in_node.right
        if found == 0:
            obj = right
        else:
            parent, field = spine[found - 1]
            if field == 0:
                parent.expressions[0] = right
            else:
                setattr(parent, field, right)
            start = self.ps(right)
            for anc, _ in spine[:found]:
                anc.start = start
            obj = e
        return A.ForInStatement(c[0].start_pos, c[4].end, target, obj, c[4])

    def _for_decl(self, kw: Token, target: Any) -> A.VariableDeclaration:
        d = A.VariableDeclarator(target.start, target.end, target, None)
        return A.VariableDeclaration(kw.start_pos, target.end, [d], kw.value)

    def for_in_decl(self, c: list) -> A.ForInStatement:
        decl = self._for_decl(c[2], c[3])
        return A.ForInStatement(c[0].start_pos, c[7].end, decl, c[5], c[7])

    def _check_of(self, tok: Token) -> None:
        if tok.value != 'of':
            self.error(f'Unexpected identifier', tok.start_pos)

    def for_of_expr(self, c: list) -> A.ForOfStatement:
        self._check_of(c[3])
        if _LET_START.match(self.src, self.ps(c[2])):
            self.error('The left-hand side of a for-of loop may not be \'let\'', self.ps(c[2]))
        left = self.to_target(c[2])
        return A.ForOfStatement(c[0].start_pos, c[6].end, left, c[4], c[6])

    def for_of_decl(self, c: list) -> A.ForOfStatement:
        self._check_of(c[4])
        decl = self._for_decl(c[2], c[3])
        return A.ForOfStatement(c[0].start_pos, c[7].end, decl, c[5], c[7])

    def for_await_expr(self, c: list) -> A.ForOfStatement:
        """ES2018 13.7.5 `for await (LHS of AssignmentExpression)`."""
        node = self.for_of_expr(c[:1] + c[2:])
        node.isAwait = True
        return node

    def for_await_decl(self, c: list) -> A.ForOfStatement:
        node = self.for_of_decl(c[:1] + c[2:])
        node.isAwait = True
        return node

    def continue_stmt(self, c: list) -> A.ContinueStatement:
        label = self.ident_token(c[1]) if len(c) == 3 else None
        return A.ContinueStatement(c[0].start_pos, c[-1].end_pos, label)

    def break_stmt(self, c: list) -> A.BreakStatement:
        label = self.ident_token(c[1]) if len(c) == 3 else None
        return A.BreakStatement(c[0].start_pos, c[-1].end_pos, label)

    def return_stmt(self, c: list) -> A.ReturnStatement:
        arg = c[1] if len(c) == 3 else None
        return A.ReturnStatement(c[0].start_pos, c[-1].end_pos, arg)

    def throw_stmt(self, c: list) -> A.ThrowStatement:
        return A.ThrowStatement(c[0].start_pos, c[2].end_pos, c[1])

    def with_stmt(self, c: list) -> A.WithStatement:
        return A.WithStatement(c[0].start_pos, c[4].end, c[2], c[4])

    def switch_empty(self, c: list) -> A.SwitchStatement:
        return A.SwitchStatement(c[0].start_pos, c[5].end_pos, c[2], [])

    def switch_stmt(self, c: list) -> A.SwitchStatement:
        defaults = [case for case in c[5] if case.test is None]
        if len(defaults) > 1:
            self.error('More than one default clause in switch statement', defaults[1].start)
        return A.SwitchStatement(c[0].start_pos, c[6].end_pos, c[2], c[5])

    def case_clause(self, c: list) -> A.SwitchCase:
        body = c[3] if len(c) == 4 else []
        end = body[-1].end if body else c[2].end_pos
        return A.SwitchCase(c[0].start_pos, end, c[1], body)

    def default_clause(self, c: list) -> A.SwitchCase:
        body = c[2] if len(c) == 3 else []
        end = body[-1].end if body else c[1].end_pos
        return A.SwitchCase(c[0].start_pos, end, None, body)

    def labelled_stmt(self, c: list) -> A.LabeledStatement:
        return A.LabeledStatement(c[0].start_pos, c[2].end, self.ident_token(c[0]), c[2])

    def try_catch(self, c: list) -> A.TryStatement:
        return A.TryStatement(c[0].start_pos, c[2].end, c[1], c[2], None)

    def try_finally(self, c: list) -> A.TryStatement:
        return A.TryStatement(c[0].start_pos, c[2].end, c[1], None, c[2])

    def try_catch_finally(self, c: list) -> A.TryStatement:
        return A.TryStatement(c[0].start_pos, c[3].end, c[1], c[2], c[3])

    def catch_clause(self, c: list) -> A.CatchClause:
        return A.CatchClause(c[0].start_pos, c[4].end, c[2], c[4])

    def catch_no_param(self, c: list) -> A.CatchClause:
        """ES2019 optional catch binding."""
        return A.CatchClause(c[0].start_pos, c[1].end, None, c[1])

    def finally_clause(self, c: list) -> Any:
        return c[1]

    def debugger_stmt(self, c: list) -> A.DebuggerStatement:
        return A.DebuggerStatement(c[0].start_pos, c[1].end_pos)

    # ------------------------------------------------------ binding patterns
    def arr_open(self, c: list) -> Seq:
        return Seq(c[0].start_pos)

    def arr_hole(self, c: list) -> Seq:
        c[0].items.append(None)
        return c[0]

    def arr_sep(self, c: list) -> Seq:
        seq = c[0]
        if type(seq.items[-1]) is A.SpreadElement:
            seq.spread_comma = c[1].start_pos
        return seq

    def arr_push(self, c: list) -> Seq:
        c[0].items.append(c[1])
        return c[0]

    def array(self, c: list) -> A.ArrayExpression:
        seq = c[0]
        node = A.ArrayExpression(seq.start, c[1].end_pos, seq.items)
        if seq.spread_comma is not None and type(seq.items[-1]) is A.SpreadElement:
            self.spread_comma[id(node)] = (node, seq.spread_comma)
        return node

    def array_binding(self, c: list) -> A.ArrayPattern:
        return A.ArrayPattern(c[0].start, c[1].end_pos, c[0].items)

    def array_binding_rest(self, c: list) -> A.ArrayPattern:
        seq = c[0]
        seq.items.append(A.RestElement(c[1].start_pos, c[2].end, c[2]))
        return A.ArrayPattern(seq.start, c[3].end_pos, seq.items)

    def object_binding(self, c: list) -> A.ObjectPattern:
        props = c[1] if len(c) > 2 else []
        return A.ObjectPattern(c[0].start_pos, c[-1].end_pos, props)

    def object_binding_rest(self, c: list) -> A.ObjectPattern:
        props = c[1] + [c[3]] if len(c) == 5 else [c[1]]
        return A.ObjectPattern(c[0].start_pos, c[-1].end_pos, props)

    def ob_rest(self, c: list) -> A.RestElement:
        return A.RestElement(c[0].start_pos, c[1].end, c[1])

    def ob_prop(self, c: list) -> A.Property:
        key = c[0]
        value = c[2]
        if type(key) is Computed:
            return A.Property(key.start, self.pe(value), key.expr, True, value, 'init', False, False)
        return A.Property(key.start, self.pe(value), key, False, value, 'init', False, False)

    def ob_short(self, c: list) -> A.Property:
        key = self.ident_token(c[0])
        value = self.ident_token(c[0])
        return A.Property(key.start, key.end, key, False, value, 'init', False, True)

    def ob_short_init(self, c: list) -> A.Property:
        key = self.ident_token(c[0])
        value = A.AssignmentPattern(key.start, self.pe(c[2]), self.ident_token(c[0]), c[2])
        return A.Property(key.start, self.pe(c[2]), key, False, value, 'init', False, True)

    # ---------------------------------------------------------- expressions
    def sequence(self, c: list) -> A.SequenceExpression:
        left = c[0]
        right = c[2]
        if type(left) is A.SequenceExpression and left._cache is SEQ_MARK:
            left.expressions.append(right)
            left.end = self.pe(right)
            return left
        node = A.SequenceExpression(self.ps(left), self.pe(right), [left, right])
        node._cache = SEQ_MARK
        return node

    def assign(self, c: list) -> A.AssignmentExpression:
        left = c[0]
        op = c[1].value
        right = c[2]
        if (type(left) is _Binary and left.operator == 'in' and id(left) not in self.parens
                and type(left.right) in (_Ident, A.MemberExpression, A.ObjectExpression,
                                         A.ArrayExpression)
                and id(left.right) not in self.parens):
            # `x in s = o` is no expression, but `for (x in s = o)` is a for-in whose
            # object is `s = o`: keep `in` on top; for_in_expr takes it, finalize
            # rejects it anywhere else
            inner = self.assign([left.right, c[1], right])
            left.right = inner
            left.end = inner.end
            left._cache = [left]
            self.for_in_heads[id(left)] = (left, inner.left.start,
                                           'Invalid left-hand side in assignment')
            return left
        if op == '=':
            left = self.to_target(left)
        else:
            check_simple_target(self, left, 'Invalid left-hand side in assignment')
        return A.AssignmentExpression(self.ps(left), self.pe(right), op, left, right)

    def yield_expr(self, c: list) -> A.YieldExpression:
        if len(c) == 1:
            return A.YieldExpression(c[0].start_pos, c[0].end_pos, None, False)
        return A.YieldExpression(c[0].start_pos, self.pe(c[1]), c[1], False)

    def yield_delegate(self, c: list) -> A.YieldExpression:
        return A.YieldExpression(c[0].start_pos, self.pe(c[2]), c[2], True)

    def await_expr(self, c: list) -> A.AwaitExpression:
        return A.AwaitExpression(c[0].start_pos, self.pe(c[1]), c[1])

    def _arrow(self, start: int, params: list, body: Any, is_async: bool,
               arrow: Token) -> A.ArrowFunctionExpression:
        expression = type(body) is not A.BlockStatement
        if expression and self.concise and self.concise[-1] == arrow.start_pos:
            self.concise.pop()   # the concise body's await/yield context ends here
            self.fctx.pop()
        node = A.ArrowFunctionExpression(start, self.pe(body), None, params, body, False, expression,
                                         is_async)
        if not expression:
            node.strict = self.directives(body.body)
        return node

    def arrow_ident(self, c: list) -> A.ArrowFunctionExpression:
        return self._arrow(c[0].start_pos, [self.ident_token(c[0])], c[2], False, c[1])

    def arrow_paren(self, c: list) -> A.ArrowFunctionExpression:
        cover = c[0]
        return self._arrow(cover.start, self.cover_params(cover), c[2], False, c[1])

    def async_arrow_ident(self, c: list) -> A.ArrowFunctionExpression:
        return self._arrow(c[0].start_pos, [self.ident_token(c[1])], c[3], True, c[2])

    def async_arrow_head(self, c: list) -> A.ArrowFunctionExpression:
        head = c[0]
        return self._arrow(head.start, self.args_to_params(head.args), c[2], True, c[1])

    def cond(self, c: list) -> A.ConditionalExpression:
        return A.ConditionalExpression(self.ps(c[0]), self.pe(c[4]), c[0], c[2], c[4])

    def in_arrow(self, c: list) -> Any:
        """`a in b => 1`: no expression, but `for (a in b => 1)` is a for-in whose
        object is the arrow; for_in_expr takes it, finalize rejects it anywhere else."""
        left, right = c[0], c[2]
        node = _bin('in', left, right, self.ps(left), self.pe(right))
        self.for_in_heads[id(node)] = (node, c[1].start_pos, 'Malformed arrow function parameter list')
        return node

    def chain_start(self, c: list) -> Any:
        left = c[0]
        op = c[1].value
        if op == '**':
            self.check_exponent_base(left)
        right = c[2]
        if op == 'in' and type(left) is A.PrivateIdentifier and id(left) not in self.parens:
            self.private_operands.pop(id(left), None)   # ES2022 `#x in o`
        node = _bin(op, left, right, self.ps(left), self.pe(right))
        node._cache = [node]
        return node

    def chain_add(self, c: list) -> Any:
        """Insert `op right` into the right spine of the chain built so far.

        Precedence never decreases down the spine, so the insertion point is
        found from the bottom and only the nodes cut off are visited
        (amortised O(1), even for long `**` chains).  Only the root's `end`
        is kept current; a node leaving the spine gets its final `end` here,
        and finalize.py copies ends down the right spines (an unparenthesized
        binary right operand ends where its parent does).
        """
        root = c[0]
        op = c[1].value
        right = c[2]
        p = PREC[op]
        spine = root._cache
        n = len(spine)
        i = n
        if p == 11:   # ** is right-associative
            while i and PREC[spine[i - 1].operator] > p:
                i -= 1
        else:
            while i and PREC[spine[i - 1].operator] >= p:
                i -= 1
        end = self.pe(right)
        if i < n:
            target = spine[i]
            target.end = root.end
            node = _bin(op, target, right, target.start, end)
            del spine[i:]
            if i:
                spine[i - 1].right = node
        else:
            last = spine[-1]
            target = last.right
            if p == 11:
                self.check_exponent_base(target)
            elif op == 'in' and type(target) is A.PrivateIdentifier and id(target) not in self.parens:
                self.private_operands.pop(id(target), None)
            node = _bin(op, target, right, self.ps(target), end)
            last.right = node
        spine.append(node)
        root = spine[0]
        root.end = end
        root._cache = spine
        return root

    def check_exponent_base(self, node: Any) -> None:
        t = type(node)
        if (t is A.UnaryExpression or t is A.AwaitExpression) and id(node) not in self.parens:
            self.error('Unary operator used immediately before exponentiation expression. '
                       'Parenthesis must be used to disambiguate operator precedence', node.end)

    def unary(self, c: list) -> A.UnaryExpression:
        return A.UnaryExpression(c[0].start_pos, self.pe(c[1]), c[0].value, True, c[1])

    def prefix_update(self, c: list) -> A.UpdateExpression:
        check_simple_target(self, c[1], 'Invalid left-hand side expression in prefix operation')
        return A.UpdateExpression(c[0].start_pos, self.pe(c[1]), c[0].value, c[1], True)

    def postfix_update(self, c: list) -> A.UpdateExpression:
        check_simple_target(self, c[0], 'Invalid left-hand side expression in postfix operation')
        return A.UpdateExpression(self.ps(c[0]), c[1].end_pos, c[1].value, c[0], False)

    def new_noargs(self, c: list) -> A.NewExpression:
        return A.NewExpression(c[0].start_pos, self.pe(c[1]), c[1], [])

    def new_args(self, c: list) -> A.NewExpression:
        args, end = c[2]
        return A.NewExpression(c[0].start_pos, end, c[1], args)

    def _object(self, x: Any) -> Any:
        if not isinstance(x, A.Node):   # the SUPER token
            return A.Super(x.start_pos, x.end_pos)
        return x

    def member_dot(self, c: list) -> A.MemberExpression:
        obj = self._object(c[0])
        prop = self.ident_token(c[2], check=False)
        return A.MemberExpression(self.ps(obj), prop.end, False, obj, prop)

    def member_private(self, c: list) -> A.MemberExpression:
        obj = self._object(c[0])
        prop = self.private_name(c[2])
        return A.MemberExpression(self.ps(obj), prop.end, False, obj, prop)

    def private_name(self, tok: Token) -> A.PrivateIdentifier:
        name = tok.value[1:]
        if '\\' in name or not name.isascii():
            try:
                name = decode_identifier(name)
            except LexicalError as e:
                self.error(e.message, tok.start_pos + 1 + e.offset)
        return A.PrivateIdentifier(tok.start_pos, tok.end_pos, name)

    def private_operand(self, c: list) -> A.PrivateIdentifier:
        """`#x` as an operand: valid only as the left of `in` (chain_start/chain_add)."""
        node = self.private_name(c[0])
        self.private_operands[id(node)] = node
        return node

    # ES2020 13.3.9 optional chains: a link is (kind, payload, end)
    def opt_dot(self, c: list) -> tuple:
        return ('dot', self.ident_token(c[1], check=False), c[1].end_pos)

    def opt_private(self, c: list) -> tuple:
        return ('dot', self.private_name(c[1]), c[1].end_pos)

    def opt_index(self, c: list) -> tuple:
        return ('index', c[2], c[3].end_pos)

    def opt_call(self, c: list) -> tuple:
        args, end = c[1]
        return ('call', args, end)

    def opt_template(self, c: list) -> tuple:
        self.error('Invalid tagged template on optional chain', c[1].start)

    def opt_tagged(self, c: list) -> Any:
        self.error('Invalid tagged template on optional chain', c[1].start)

    def opt_start(self, c: list) -> Any:
        base = self._object(c[0])
        kind, payload, end = c[1]
        if type(base) is A.Super:
            self.error("'super' keyword unexpected here", base.start)
        start = self.ps(base)
        if kind == 'call':
            return A.CallExpression(start, end, base, payload, True)
        return A.MemberExpression(start, end, kind == 'index', base, payload, True)

    def chain_expr(self, c: list) -> A.ChainExpression:
        e = c[0]
        return A.ChainExpression(e.start, e.end, e)

    def member_index(self, c: list) -> A.MemberExpression:
        obj = self._object(c[0])
        return A.MemberExpression(self.ps(obj), c[3].end_pos, True, obj, c[2])

    def tagged(self, c: list) -> A.TaggedTemplateExpression:
        quasi = c[1]
        # invalid escapes are fine in tagged templates (cooked is None)
        self.bad_templates.pop(id(quasi), None)
        return A.TaggedTemplateExpression(self.ps(c[0]), self.pe(quasi), c[0], quasi)

    def meta_property(self, c: list) -> A.MetaProperty:
        if c[2].value != 'target':
            self.error('Unexpected identifier', c[2].start_pos)
        meta = _Ident(c[0].start_pos, c[0].end_pos, 'new')
        prop = _Ident(c[2].start_pos, c[2].end_pos, 'target')
        return A.MetaProperty(c[0].start_pos, c[2].end_pos, meta, prop)

    def call(self, c: list) -> A.CallExpression:
        callee = self._object(c[0])
        args, end = c[1]
        return A.CallExpression(self.ps(callee), end, callee, args)

    def async_head(self, c: list) -> AsyncHead:
        args, end = c[1]
        return AsyncHead(c[0], args, end)

    def async_call(self, c: list) -> A.CallExpression:
        head = c[0]
        callee = _Ident(head.start, head.token.end_pos, 'async')
        return A.CallExpression(head.start, head.end, callee, head.args)

    def args_empty(self, c: list) -> tuple:
        return ([], c[1].end_pos)

    def args(self, c: list) -> tuple:
        return (c[1], c[-1].end_pos)

    def spread(self, c: list) -> A.SpreadElement:
        return A.SpreadElement(c[0].start_pos, self.pe(c[1]), c[1])

    # ------------------------------------------------------------- primaries
    def ident(self, c: list) -> A.Identifier:
        return self.ident_token(c[0])

    def this_expr(self, c: list) -> A.ThisExpression:
        return A.ThisExpression(c[0].start_pos, c[0].end_pos)

    def null_lit(self, c: list) -> A.Literal:
        return _Literal(c[0].start_pos, c[0].end_pos, None, 'null')

    def bool_lit(self, c: list) -> A.Literal:
        t = c[0]
        return _Literal(t.start_pos, t.end_pos, t.value == 'true', t.value)

    def num_lit(self, c: list) -> A.Literal:
        return self.number_literal(c[0])

    def str_lit(self, c: list) -> A.Literal:
        return self.string_literal(c[0])

    def regex_lit(self, c: list) -> A.Literal:
        t = c[0]
        raw = t.value
        cut = raw.rindex('/')
        flags = raw[cut + 1:]
        if len(set(flags)) != len(flags) or any(f not in 'dgimsuy' for f in flags):
            self.error('Invalid regular expression flags', t.start_pos + cut + 1)
        pattern = raw[1:cut]
        # 21.2.1.1 pattern early errors, with the interpreter's regex grammar
        try:
            translate(pattern, flags)
        except RegexSyntaxError as e:
            self.error(f'Invalid regular expression: /{pattern}/{flags}: {e}', t.start_pos)
        return _Literal(t.start_pos, t.end_pos, None, raw, {'pattern': raw[1:cut], 'flags': flags})

    def paren(self, c: list) -> ParenCover:
        return ParenCover(c[0].start_pos, c[2].end_pos, c[1], None, None)

    def paren_empty(self, c: list) -> ParenCover:
        return ParenCover(c[0].start_pos, c[1].end_pos, None, None, c[1])

    def paren_trailing(self, c: list) -> ParenCover:
        return ParenCover(c[0].start_pos, c[3].end_pos, c[1], None, c[3])

    def paren_rest(self, c: list) -> ParenCover:
        rest = A.RestElement(c[-3].start_pos, c[-2].end, c[-2])
        expr = c[1] if len(c) == 6 else None
        return ParenCover(c[0].start_pos, c[-1].end_pos, expr, rest, c[-3])

    def paren_expr(self, c: list) -> Any:
        cover = c[0]
        if cover.bad is not None:
            self.error(f'Unexpected token {cover.bad.value}', cover.bad.start_pos)
        e = cover.expr
        e._cache = None
        self.parens[id(e)] = (e, cover.start, cover.end)
        return e

    def object(self, c: list) -> A.ObjectExpression:
        props = c[1] if len(c) > 2 else []
        node = A.ObjectExpression(c[0].start_pos, c[-1].end_pos, props)
        if len(c) == 4 and type(props[-1]) is A.SpreadElement:
            self.spread_comma[id(node)] = (node, c[2].start_pos)   # `{...a,}`: no pattern
        return node

    def prop_init(self, c: list) -> A.Property:
        key = c[0]
        value = c[2]
        if type(key) is Computed:
            return A.Property(key.start, self.pe(value), key.expr, True, value, 'init', False, False)
        return A.Property(key.start, self.pe(value), key, False, value, 'init', False, False)

    def prop_short(self, c: list) -> A.Property:
        key = self.ident_token(c[0])
        return A.Property(key.start, key.end, key, False, self.ident_token(c[0]), 'init', False, True)

    def prop_short_init(self, c: list) -> A.Property:
        node = self.ob_short_init(c)
        self.cover_inits[id(node)] = node
        return node

    def prop_method(self, c: list) -> A.Property:
        start, mods, key, computed, fn = c[0]
        if type(key) is A.PrivateIdentifier:
            self.error(f"Unexpected identifier '#{key.name}'", key.start)
        kind = self.method_kind(mods, fn, start, allow_init=True)
        return A.Property(start, fn.end, key, computed, fn, kind, kind == 'init', False)
