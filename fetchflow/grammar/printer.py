"""Print an ESTree AST (nodes or to_dict() dicts) back to JavaScript source.

The output re-parses to the same AST (that is what tests/grammar/
test_roundtrip.py checks): parentheses are inserted from operator precedence
(ES2017 12 grammar), statements always end in `;`, and an expression
statement that would start with `{`, `function`, `class` or `let [` is
parenthesised.  Literals print their `raw` text when they have one.

Recursion depth is proportional to the tree's nesting; fine for the trees the
tests generate and for real programs (parsed trees that are thousands deep
would need a raised recursion limit).
"""

from __future__ import annotations

import json
import math
from typing import Any, Callable

from fetchflow.grammar.early_errors import _get, _is_async, node_type

__all__ = ["to_source"]

# Precedence levels, loosest first (ES2017 12.16 .. 12.2).
SEQ, ASSIGN, COND, OR, AND, BOR, BXOR, BAND, EQ, REL, SHIFT, ADD, MUL, EXP, \
    UNARY, POSTFIX, CALL, NEW, MEMBER, PRIMARY = range(20)

BINARY_PREC = {
    "||": OR, "??": OR, "&&": AND, "|": BOR, "^": BXOR, "&": BAND,
    "==": EQ, "!=": EQ, "===": EQ, "!==": EQ,
    "<": REL, ">": REL, "<=": REL, ">=": REL, "instanceof": REL, "in": REL,
    "<<": SHIFT, ">>": SHIFT, ">>>": SHIFT,
    "+": ADD, "-": ADD, "*": MUL, "/": MUL, "%": MUL, "**": EXP,
}


def precedence(node: Any) -> int:
    t = node_type(node)
    if t in ("SequenceExpression",):
        return SEQ
    if t in ("AssignmentExpression", "ArrowFunctionExpression", "YieldExpression"):
        return ASSIGN
    if t == "ConditionalExpression":
        return COND
    if t in ("BinaryExpression", "LogicalExpression"):
        return BINARY_PREC[_get(node, "operator")]
    if t in ("UnaryExpression", "AwaitExpression"):
        return UNARY
    if t == "UpdateExpression":
        return UNARY if _get(node, "prefix") else POSTFIX
    if t == "CallExpression":
        return CALL
    if t == "ChainExpression":
        # `(a?.b).c` is not `a?.b.c`: a chain used as an object or callee keeps its parentheses
        return POSTFIX
    if t == "NewExpression":
        return NEW
    if t in ("MemberExpression", "TaggedTemplateExpression"):
        return MEMBER
    return PRIMARY


def _contains_in(node: Any) -> bool:
    """Does the subtree hold a binary `in` (which a for-init must hide)?"""
    stack = [node]
    while stack:
        n = stack.pop()
        if n is None:
            continue
        if isinstance(n, list):
            stack.extend(n)
            continue
        if isinstance(n, dict):
            if "type" not in n:
                continue
        elif not hasattr(n, "_children"):
            continue
        if node_type(n) == "BinaryExpression" and _get(n, "operator") == "in":
            return True
        items = n.values() if isinstance(n, dict) else (
            getattr(n, f, None) for f in getattr(n, "_children", ()))
        for v in items:
            if isinstance(v, (dict, list)) or hasattr(v, "_children"):
                stack.append(v)
    return False


def _leftmost(node: Any) -> Any:
    """The node whose text starts the printed expression."""
    while True:
        t = node_type(node)
        if t in ("MemberExpression",):
            node = _get(node, "object")
        elif t == "ChainExpression":
            node = _get(node, "expression")
        elif t == "CallExpression":
            node = _get(node, "callee")
        elif t == "TaggedTemplateExpression":
            node = _get(node, "tag")
        elif t in ("BinaryExpression", "LogicalExpression", "AssignmentExpression"):
            node = _get(node, "left")
        elif t == "ConditionalExpression":
            node = _get(node, "test")
        elif t == "SequenceExpression":
            node = _get(node, "expressions")[0]
        elif t == "UpdateExpression" and not _get(node, "prefix"):
            node = _get(node, "argument")
        else:
            return node


def _mixes_coalesce(op: str, operand: Any) -> bool:
    """Would ``operand`` printed bare beside ``op`` mix `??` with `||`/`&&`?"""
    if node_type(operand) != "LogicalExpression":
        return False
    return (_get(operand, "operator") == "??") != (op == "??")


def _string_literal(value: str) -> str:
    out = json.dumps(value, ensure_ascii=True)
    return out.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _number(value: float) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()
                                  and abs(value) < 1e21):
        return str(int(value))
    if math.isinf(value):
        return "1e400"
    return repr(value)


class _Printer:
    def __init__(self, indent: str = "  ") -> None:
        self.indent = indent

    # -- expressions ----------------------------------------------------------

    def expr(self, node: Any, min_prec: int = SEQ) -> str:
        text = self._expr(node)
        if precedence(node) < min_prec:
            return "(" + text + ")"
        return text

    def _expr(self, node: Any) -> str:
        t = node_type(node)
        fn = _EXPR.get(t)
        if fn is None:
            raise ValueError(f"cannot print expression {t}")
        return fn(self, node)

    def e_identifier(self, n: Any) -> str:
        return _get(n, "name")

    def e_literal(self, n: Any) -> str:
        raw = _get(n, "raw")
        if isinstance(raw, str) and raw:
            return raw
        regex = _get(n, "regex")
        if regex:
            return f"/{_get(regex, 'pattern')}/{_get(regex, 'flags')}"
        v = _get(n, "value")
        if v is None:
            return "null"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return _string_literal(v)
        return _number(v)

    def e_this(self, n: Any) -> str:
        return "this"

    def e_super(self, n: Any) -> str:
        return "super"

    def e_array(self, n: Any) -> str:
        els = _get(n, "elements") or []
        parts = ["" if e is None else self.expr(e, ASSIGN) for e in els]
        if els and els[-1] is None:
            parts.append("")  # a trailing hole needs its own comma
        return "[" + ", ".join(parts) + "]"

    def e_object(self, n: Any) -> str:
        props = _get(n, "properties") or []
        if not props:
            return "{}"
        return "{" + ", ".join(self.property(p) for p in props) + "}"

    def key(self, n: Any) -> str:
        key = _get(n, "key")
        if _get(n, "computed"):
            return "[" + self.expr(key, ASSIGN) + "]"
        return self.expr(key, PRIMARY)

    def property(self, p: Any) -> str:
        t = node_type(p)
        if t in ("SpreadElement", "RestElement"):
            return "..." + self.expr(_get(p, "argument"), ASSIGN)
        kind = _get(p, "kind")
        value = _get(p, "value")
        if kind in ("get", "set"):
            return kind + " " + self.key(p) + self.function_rest(value)
        if _get(p, "method"):
            return self.method_head(value) + self.key(p) + self.function_rest(value)
        if _get(p, "shorthand"):
            if node_type(value) == "AssignmentPattern":
                return self.pattern(value)
            return self.key(p)
        if node_type(value) in ("ObjectPattern", "ArrayPattern", "AssignmentPattern"):
            return self.key(p) + ": " + self.pattern(value)
        return self.key(p) + ": " + self.expr(value, ASSIGN)

    def method_head(self, fn: Any) -> str:
        head = ""
        if _is_async(fn):
            head += "async "
        if _get(fn, "generator"):
            head += "*"
        return head

    def function_rest(self, fn: Any) -> str:
        """`(params) { body }` of a function or method."""
        params = ", ".join(self.pattern(p) for p in _get(fn, "params") or [])
        return "(" + params + ") " + self.block(_get(fn, "body"))

    def e_function(self, n: Any) -> str:
        head = "async " if _is_async(n) else ""
        head += "function"
        if _get(n, "generator"):
            head += "*"
        ident = _get(n, "id")
        if ident is not None:
            head += " " + _get(ident, "name")
        return head + self.function_rest(n)

    def e_arrow(self, n: Any) -> str:
        head = "async " if _is_async(n) else ""
        params = "(" + ", ".join(self.pattern(p) for p in _get(n, "params") or []) + ")"
        body = _get(n, "body")
        if node_type(body) == "BlockStatement":
            return head + params + " => " + self.block(body)
        text = self.expr(body, ASSIGN)
        if node_type(_leftmost(body)) in ("ObjectExpression", "ObjectPattern"):
            text = "(" + text + ")"
        return head + params + " => " + text

    def e_class(self, n: Any) -> str:
        out = "class"
        ident = _get(n, "id")
        if ident is not None:
            out += " " + _get(ident, "name")
        sup = _get(n, "superClass")
        if sup is not None:
            out += " extends " + self.expr(sup, CALL)
        members = _get(_get(n, "body"), "body") or []
        if not members:
            return out + " {}"
        lines = []
        for m in members:
            mt = node_type(m)
            if mt == "StaticBlock":
                lines.append("static " + self.block(m))
                continue
            value = _get(m, "value")
            if mt == "PropertyDefinition":
                text = ("static " if _get(m, "static") else "") + self.key(m)
                if value is not None:
                    text += " = " + self.expr(value, ASSIGN)
                lines.append(text + ";")
                continue
            kind = _get(m, "kind")
            text = "static " if _get(m, "static") else ""
            if kind in ("get", "set"):
                text += kind + " "
            else:
                text += self.method_head(value)
            text += self.key(m) + self.function_rest(value)
            lines.append(text)
        return out + " {" + " ".join(lines) + "}"

    def e_template(self, n: Any) -> str:
        quasis = _get(n, "quasis") or []
        exprs = _get(n, "expressions") or []
        out = ["`"]
        for i, q in enumerate(quasis):
            out.append(_get(_get(q, "value"), "raw"))
            if i < len(exprs):
                out.append("${" + self.expr(exprs[i]) + "}")
        out.append("`")
        return "".join(out)

    def e_tagged(self, n: Any) -> str:
        return self.expr(_get(n, "tag"), MEMBER) + self.e_template(_get(n, "quasi"))

    def e_unary(self, n: Any) -> str:
        op = _get(n, "operator")
        arg = self.expr(_get(n, "argument"), UNARY)
        if op.isalpha():
            return op + " " + arg
        if arg[:1] in "+-" and (arg[:1] == op or arg[:2] in ("++", "--")):
            return op + " " + arg
        return op + arg

    def e_update(self, n: Any) -> str:
        op = _get(n, "operator")
        if _get(n, "prefix"):
            return op + self.expr(_get(n, "argument"), UNARY)
        return self.expr(_get(n, "argument"), CALL) + op

    def e_await(self, n: Any) -> str:
        return "await " + self.expr(_get(n, "argument"), UNARY)

    def e_binary(self, n: Any) -> str:
        op = _get(n, "operator")
        p = BINARY_PREC[op]
        left, right = _get(n, "left"), _get(n, "right")
        if op == "**":
            # Right-associative; a unary operand on the left is a syntax error.
            ltext = self.expr(left, POSTFIX)
            rtext = self.expr(right, EXP)
        else:
            ltext = self.expr(left, p)
            rtext = self.expr(right, p + 1)
            if op in ("??", "||", "&&"):
                # ES2020 13.13: `??` and `||`/`&&` never share an operand unparenthesized
                if _mixes_coalesce(op, left) and not ltext.startswith("("):
                    ltext = "(" + ltext + ")"
                if _mixes_coalesce(op, right) and not rtext.startswith("("):
                    rtext = "(" + rtext + ")"
        return ltext + " " + op + " " + rtext

    def e_assign(self, n: Any) -> str:
        left = _get(n, "left")
        if node_type(left) in ("ObjectPattern", "ArrayPattern"):
            ltext = self.pattern(left)
        else:
            ltext = self.expr(left, CALL)
        return ltext + " " + _get(n, "operator") + " " + self.expr(_get(n, "right"), ASSIGN)

    def e_conditional(self, n: Any) -> str:
        return (self.expr(_get(n, "test"), OR) + " ? "
                + self.expr(_get(n, "consequent"), ASSIGN) + " : "
                + self.expr(_get(n, "alternate"), ASSIGN))

    def args(self, n: Any) -> str:
        return "(" + ", ".join(self.expr(a, ASSIGN) for a in _get(n, "arguments") or []) + ")"

    def e_call(self, n: Any) -> str:
        callee = _get(n, "callee")
        return self.expr(callee, CALL) + ("?." if _get(n, "optional") else "") + self.args(n)

    def e_chain(self, n: Any) -> str:
        return self._expr(_get(n, "expression"))

    def e_private(self, n: Any) -> str:
        return "#" + _get(n, "name")

    def e_new(self, n: Any) -> str:
        callee = _get(n, "callee")
        text = self.expr(callee, MEMBER)
        if precedence(callee) >= MEMBER and self._has_call(callee):
            text = "(" + text + ")"
        return "new " + text + self.args(n)

    @staticmethod
    def _has_call(node: Any) -> bool:
        """A call inside a `new` callee's member chain would take the
        `new`'s arguments: `new (f().g)()`."""
        while True:
            t = node_type(node)
            if t == "CallExpression":
                return True
            if t == "MemberExpression":
                node = _get(node, "object")
            elif t == "TaggedTemplateExpression":
                node = _get(node, "tag")
            else:
                return False

    def e_member(self, n: Any) -> str:
        obj = _get(n, "object")
        text = self.expr(obj, CALL)
        if node_type(obj) == "Literal" and isinstance(_get(obj, "value"), (int, float)) \
                and not isinstance(_get(obj, "value"), bool):
            text = "(" + text + ")"
        optional = _get(n, "optional")
        if _get(n, "computed"):
            return text + ("?.[" if optional else "[") + self.expr(_get(n, "property")) + "]"
        return text + ("?." if optional else ".") + self.expr(_get(n, "property"), PRIMARY)

    def e_sequence(self, n: Any) -> str:
        return ", ".join(self.expr(e, ASSIGN) for e in _get(n, "expressions"))

    def e_yield(self, n: Any) -> str:
        arg = _get(n, "argument")
        head = "yield*" if _get(n, "delegate") else "yield"
        if arg is None:
            return head
        return head + " " + self.expr(arg, ASSIGN)

    def e_spread(self, n: Any) -> str:
        return "..." + self.expr(_get(n, "argument"), ASSIGN)

    def e_meta(self, n: Any) -> str:
        return _get(_get(n, "meta"), "name") + "." + _get(_get(n, "property"), "name")

    # -- patterns -------------------------------------------------------------

    def pattern(self, n: Any) -> str:
        t = node_type(n)
        if t == "ObjectPattern":
            props = _get(n, "properties") or []
            return "{" + ", ".join(self.property(p) for p in props) + "}"
        if t == "ArrayPattern":
            els = _get(n, "elements") or []
            parts = ["" if e is None else self.pattern(e) for e in els]
            if els and els[-1] is None:
                parts.append("")
            return "[" + ", ".join(parts) + "]"
        if t == "AssignmentPattern":
            return self.pattern(_get(n, "left")) + " = " + self.expr(_get(n, "right"), ASSIGN)
        if t == "RestElement":
            return "..." + self.pattern(_get(n, "argument"))
        return self.expr(n, CALL)

    # -- statements -----------------------------------------------------------

    def block(self, n: Any, depth: int = 0) -> str:
        body = _get(n, "body") or []
        if not body:
            return "{}"
        return "{\n" + "\n".join(self.stmt(s, depth + 1) for s in body) + "\n" + \
            self.indent * depth + "}"

    def stmt(self, n: Any, depth: int = 0) -> str:
        t = node_type(n)
        fn = _STMT.get(t)
        pad = self.indent * depth
        if fn is None:
            raise ValueError(f"cannot print statement {t}")
        return pad + fn(self, n, depth)

    def sub(self, n: Any, depth: int) -> str:
        """A nested statement (loop or if body) on the same line."""
        return self.stmt(n, depth).lstrip(" ")

    def s_expression(self, n: Any, depth: int) -> str:
        e = _get(n, "expression")
        directive = _get(n, "directive")
        if directive is not None and node_type(e) == "Literal":
            return self.e_literal(e) + ";"
        text = self.expr(e)
        lm = _leftmost(e)
        lt = node_type(lm)
        if lt in ("ObjectExpression", "ObjectPattern", "FunctionExpression",
                  "ClassExpression") or (lt == "Identifier" and _get(lm, "name") == "let") \
                or (lt == "Literal" and isinstance(_get(lm, "value"), str)) \
                or (lt == "ArrowFunctionExpression" and _is_async(lm)):
            text = "(" + text + ")"
        return text + ";"

    def s_block(self, n: Any, depth: int) -> str:
        return self.block(n, depth)

    def s_empty(self, n: Any, depth: int) -> str:
        return ";"

    def s_debugger(self, n: Any, depth: int) -> str:
        return "debugger;"

    def s_with(self, n: Any, depth: int) -> str:
        return "with (" + self.expr(_get(n, "object")) + ") " + self.sub(_get(n, "body"), depth)

    def s_return(self, n: Any, depth: int) -> str:
        arg = _get(n, "argument")
        return "return;" if arg is None else "return " + self.expr(arg) + ";"

    def s_labeled(self, n: Any, depth: int) -> str:
        return _get(_get(n, "label"), "name") + ": " + self.sub(_get(n, "body"), depth)

    def s_break(self, n: Any, depth: int) -> str:
        label = _get(n, "label")
        return "break;" if label is None else "break " + _get(label, "name") + ";"

    def s_continue(self, n: Any, depth: int) -> str:
        label = _get(n, "label")
        return "continue;" if label is None else "continue " + _get(label, "name") + ";"

    def s_if(self, n: Any, depth: int) -> str:
        cons = _get(n, "consequent")
        alt = _get(n, "alternate")
        ctext = self.sub(cons, depth)
        if alt is not None and node_type(cons) == "IfStatement" \
                and _get(cons, "alternate") is None:
            ctext = "{ " + ctext + " }"  # dangling else: no AST-preserving print
        out = "if (" + self.expr(_get(n, "test")) + ") " + ctext
        if alt is not None:
            out += " else " + self.sub(alt, depth)
        return out

    def s_switch(self, n: Any, depth: int) -> str:
        pad = self.indent * (depth + 1)
        lines = ["switch (" + self.expr(_get(n, "discriminant")) + ") {"]
        for c in _get(n, "cases") or []:
            test = _get(c, "test")
            lines.append(pad + ("default:" if test is None else "case " + self.expr(test) + ":"))
            for s in _get(c, "consequent") or []:
                lines.append(self.stmt(s, depth + 2))
        lines.append(self.indent * depth + "}")
        return "\n".join(lines)

    def s_throw(self, n: Any, depth: int) -> str:
        return "throw " + self.expr(_get(n, "argument")) + ";"

    def s_try(self, n: Any, depth: int) -> str:
        out = "try " + self.block(_get(n, "block"), depth)
        h = _get(n, "handler")
        if h is not None:
            param = _get(h, "param")
            out += " catch" + ("" if param is None else " (" + self.pattern(param) + ")")
            out += " " + self.block(_get(h, "body"), depth)
        f = _get(n, "finalizer")
        if f is not None:
            out += " finally " + self.block(f, depth)
        return out

    def s_while(self, n: Any, depth: int) -> str:
        return "while (" + self.expr(_get(n, "test")) + ") " + self.sub(_get(n, "body"), depth)

    def s_do(self, n: Any, depth: int) -> str:
        return "do " + self.sub(_get(n, "body"), depth) + " while (" + \
            self.expr(_get(n, "test")) + ");"

    def declaration(self, n: Any, no_in: bool = False) -> str:
        parts = []
        for d in _get(n, "declarations") or []:
            text = self.pattern(_get(d, "id"))
            init = _get(d, "init")
            if init is not None:
                itext = self.expr(init, ASSIGN)
                if no_in and _contains_in(init):
                    itext = "(" + itext + ")"
                text += " = " + itext
            parts.append(text)
        return _get(n, "kind") + " " + ", ".join(parts)

    def s_var(self, n: Any, depth: int) -> str:
        return self.declaration(n) + ";"

    def s_for(self, n: Any, depth: int) -> str:
        init = _get(n, "init")
        if init is None:
            itext = ""
        elif node_type(init) == "VariableDeclaration":
            itext = self.declaration(init, no_in=True)
        else:
            itext = self.expr(init)
            lm = _leftmost(init)
            if _contains_in(init) or (node_type(lm) == "Identifier"
                                      and _get(lm, "name") == "let"):
                itext = "(" + itext + ")"
        test, update = _get(n, "test"), _get(n, "update")
        return ("for (" + itext + "; " + ("" if test is None else self.expr(test)) + "; "
                + ("" if update is None else self.expr(update)) + ") "
                + self.sub(_get(n, "body"), depth))

    def s_for_in_of(self, n: Any, depth: int) -> str:
        left = _get(n, "left")
        if node_type(left) == "VariableDeclaration":
            ltext = self.declaration(left, no_in=True)
        elif node_type(left) in ("ObjectPattern", "ArrayPattern"):
            ltext = self.pattern(left)
        else:
            ltext = self.expr(left, CALL)
            lm = _leftmost(left)
            if node_type(lm) == "Identifier" and _get(lm, "name") in ("let", "async"):
                ltext = "(" + ltext + ")"
        if node_type(n) == "ForOfStatement":
            return ("for " + ("await " if _get(n, "await") or _get(n, "isAwait") else "") + "(" + ltext + " of " + self.expr(_get(n, "right"), ASSIGN) + ") "
                    + self.sub(_get(n, "body"), depth))
        return ("for (" + ltext + " in " + self.expr(_get(n, "right")) + ") "
                + self.sub(_get(n, "body"), depth))

    def s_function(self, n: Any, depth: int) -> str:
        return self.e_function(n)

    def s_class(self, n: Any, depth: int) -> str:
        return self.e_class(n)


def _bind(table: dict[str, str]) -> dict[str, Callable[..., str]]:
    return {k: getattr(_Printer, v) for k, v in table.items()}


_EXPR = _bind({
    "Identifier": "e_identifier", "Literal": "e_literal",
    "ThisExpression": "e_this", "Super": "e_super",
    "ArrayExpression": "e_array", "ObjectExpression": "e_object",
    "FunctionExpression": "e_function", "ArrowFunctionExpression": "e_arrow",
    "ClassExpression": "e_class", "TemplateLiteral": "e_template",
    "TaggedTemplateExpression": "e_tagged", "UnaryExpression": "e_unary",
    "UpdateExpression": "e_update", "AwaitExpression": "e_await",
    "BinaryExpression": "e_binary", "LogicalExpression": "e_binary",
    "AssignmentExpression": "e_assign", "ConditionalExpression": "e_conditional",
    "CallExpression": "e_call", "NewExpression": "e_new",
    "MemberExpression": "e_member", "SequenceExpression": "e_sequence",
    "YieldExpression": "e_yield", "SpreadElement": "e_spread",
    "MetaProperty": "e_meta", "ChainExpression": "e_chain",
    "PrivateIdentifier": "e_private",
    "ObjectPattern": "pattern", "ArrayPattern": "pattern",
})

_STMT = _bind({
    "ExpressionStatement": "s_expression", "BlockStatement": "s_block",
    "EmptyStatement": "s_empty", "DebuggerStatement": "s_debugger",
    "WithStatement": "s_with", "ReturnStatement": "s_return",
    "LabeledStatement": "s_labeled", "BreakStatement": "s_break",
    "ContinueStatement": "s_continue", "IfStatement": "s_if",
    "SwitchStatement": "s_switch", "ThrowStatement": "s_throw",
    "TryStatement": "s_try", "WhileStatement": "s_while",
    "DoWhileStatement": "s_do", "ForStatement": "s_for",
    "ForInStatement": "s_for_in_of", "ForOfStatement": "s_for_in_of",
    "VariableDeclaration": "s_var", "FunctionDeclaration": "s_function",
    "ClassDeclaration": "s_class",
})


def to_source(node: Any, indent: str = "  ") -> str:
    """JavaScript source text for an ESTree node (a Program, statement or
    expression), as a fetchflow AST node or as a to_dict()/esprima dict."""
    p = _Printer(indent)
    t = node_type(node)
    if t == "Program":
        return "\n".join(p.stmt(s) for s in _get(node, "body") or []) + "\n"
    if t in _STMT:
        return p.stmt(node)
    return p.expr(node)
