"""The pass after parsing: node ids, line/column, strictness, context checks.

One iterative pre-order walk over the finished Program:

* ``_id``: pre-order index (the interpreter names nodes by (program, _id)),
* ``line``/``column``/``end_line``/``end_column`` from offsets, counting the
  four JS line terminators (11.3) with CRLF as one,
* ``strict`` on Program and functions (10.2.1: directive prologues, class
  bodies, inheritance from the enclosing code),
* errors that need that context: legacy octal literals and escapes in strict
  code (B.1.1, B.1.2), `with` in strict code (13.11.1), `yield` outside
  generators, `await` outside async functions (the script body counts as
  async: top-level await), `return` outside functions, leftover cover
  grammar pieces (`({a = 1})` used as an expression, invalid template escapes
  in untagged templates, `#x` not followed by `in`, `x in a = b` outside a
  for-in head), `??` mixed with `||`/`&&` without parentheses (ES2020 13.13),
  `await`/`return` in class static blocks (ES2022 15.7.1).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Dict, List, Optional

from . import ast as A
from .lexical import LexicalError, decode_string
from ..errors import JSSyntaxError

_LINE_BREAK = re.compile('\r\n|[\n\r\u2028\u2029]')
_BINARY, _LOGICAL = A.BinaryExpression, A.LogicalExpression
_FUNCS = (A.FunctionDeclaration, A.FunctionExpression, A.ArrowFunctionExpression)
_CLASSES = (A.ClassDeclaration, A.ClassExpression)
_SPECIAL = frozenset(_FUNCS + _CLASSES + (A.Literal, A.WithStatement, A.YieldExpression,
                                          A.AwaitExpression, A.ReturnStatement, A.StaticBlock))
_REVERSED: Dict[type, tuple] = {cls: tuple(reversed(cls._children)) for cls in A.NODE_TYPES.values()}

# function context flags
_ASYNC, _GENERATOR, _FUNCTION, _STATIC_BLOCK = 1, 2, 4, 8
_STRICT_ESCAPE = {'octal': 'Octal escape sequences are not allowed in strict mode.',
                  '8or9': '\\8 and \\9 are not allowed in strict mode.'}


def _operator_at(source: str, op: str, start: int) -> int:
    """Offset of the operator ``op`` at or after ``start`` (only whitespace, comments
    and closing parentheses stand before it)."""
    i = source.find(op, start)
    return start if i < 0 else i


def _check_coalesce(node: Any, parens: Dict[int, Any], source: str) -> None:
    """ES2020 13.13 CoalesceExpression: `??` takes no unparenthesized `||`/`&&`
    operand, and they take no `??` operand (V8 names the later operator)."""
    coalesce = node.operator == '??'
    left, right = node.left, node.right
    if type(left) is _LOGICAL and id(left) not in parens and (left.operator == '??') != coalesce:
        at = _operator_at(source, node.operator, left.end)
        raise JSSyntaxError.at(f"Unexpected token '{node.operator}'", source, at)
    if type(right) is _LOGICAL and id(right) not in parens and (right.operator == '??') != coalesce:
        at = _operator_at(source, right.operator, right.left.end)
        raise JSSyntaxError.at(f"Unexpected token '{right.operator}'", source, at)


def line_starts(source: str) -> List[int]:
    starts = [0]
    if '\n' in source or '\r' in source or '\u2028' in source or '\u2029' in source:
        starts.extend(m.end() for m in _LINE_BREAK.finditer(source))
    return starts


def finalize(program: A.Program, builder: Any, nodes: Optional[List[Any]] = None) -> None:
    """The pass described above; ``nodes``, when given, receives every node in pre-order
    (``_id`` order), which spares the interpreter a walk of its own."""
    source = program.source
    add = nodes.append if nodes is not None else None
    for _node, (pos, body) in list(builder.bad_templates.values()):
        # an untagged template: the escape's own message (ES2018 keeps it only for tagged ones)
        try:
            decode_string(body, template=True)
        except LexicalError as e:
            raise JSSyntaxError.at(e.message, source, pos + 1 + max(e.offset, 0)) from None
        raise JSSyntaxError.at('Invalid escape sequence in template', source, pos)
    for node in builder.cover_inits.values():
        raise JSSyntaxError.at('Invalid shorthand property initializer', source, node.value.start)
    for node in builder.private_operands.values():
        raise JSSyntaxError.at(f"Unexpected identifier '#{node.name}'", source, node.start)
    for _node, at, message in builder.for_in_heads.values():
        raise JSSyntaxError.at(message, source, at)
    octal_strings = builder.octal_strings
    parens = builder.parens
    starts = line_starts(source)
    single_line = len(starts) == 1
    reversed_children = _REVERSED
    special = _SPECIAL
    # the script body behaves as an async function body (top-level await)
    stack: List[tuple] = [(program, program.strict, _ASYNC)]
    index = 0
    pop = stack.pop
    push = stack.append
    while stack:
        node, strict, ctx = pop()
        node._id = index
        index += 1
        if add is not None:
            add(node)
        node._cache = None
        s = node.start
        e = node.end
        if single_line:
            node.line = 1
            node.column = s
            node.end_line = 1
            node.end_column = e
        else:
            ln = bisect_right(starts, s)
            node.line = ln
            node.column = s - starts[ln - 1]
            ln = bisect_right(starts, e)
            node.end_line = ln
            node.end_column = e - starts[ln - 1]
        t = type(node)
        if t is _BINARY or t is _LOGICAL:
            # chains keep only the root's end current while they are built (to_ast.chain_add)
            r = node.right
            if (type(r) is _BINARY or type(r) is _LOGICAL) and id(r) not in parens:
                r.end = e
            if t is _LOGICAL:
                _check_coalesce(node, parens, source)
        elif t in special:
            if t in _FUNCS:
                strict = strict or node.strict
                node.strict = strict
                ctx = _FUNCTION | (_ASYNC if node.isAsync else 0) | (_GENERATOR if node.generator else 0)
            elif t is A.Literal:
                if strict:
                    raw = node.raw
                    if (len(raw) > 1 and raw[0] == '0' and raw[1].isdigit()):
                        raise JSSyntaxError.at('Octal literals are not allowed in strict mode.',
                                               source, s)
                    kind = octal_strings.get(id(node))
                    if kind is not None:
                        raise JSSyntaxError.at(_STRICT_ESCAPE[kind], source, s)
            elif t in _CLASSES:
                strict = True
            elif t is A.WithStatement:
                if strict:
                    raise JSSyntaxError.at('Strict mode code may not include a with statement',
                                           source, s)
            elif t is A.YieldExpression:
                if not ctx & _GENERATOR:
                    raise JSSyntaxError.at('Unexpected token yield', source, s)
            elif t is A.StaticBlock:
                ctx = _STATIC_BLOCK
            elif t is A.AwaitExpression:
                if ctx & _STATIC_BLOCK:
                    raise JSSyntaxError.at('Unexpected reserved word', source, s)
                if not ctx & _ASYNC:
                    raise JSSyntaxError.at(
                        'await is only valid in async functions and the top level bodies of modules',
                        source, s)
            elif t is A.ReturnStatement:
                if not ctx & _FUNCTION:
                    raise JSSyntaxError.at('Illegal return statement', source, s)
        for name in reversed_children[t]:
            value = getattr(node, name)
            if value is None:
                continue
            if type(value) is list:
                for i in range(len(value) - 1, -1, -1):
                    item = value[i]
                    if item is not None:
                        push((item, strict, ctx))
            else:
                push((value, strict, ctx))
    program.strict = bool(program.strict)
