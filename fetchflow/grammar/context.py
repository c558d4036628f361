"""Small parse-time helper records used by the LALR callbacks (to_ast.py)."""
from __future__ import annotations

from typing import Any, List, Optional

# 11.6.2 ReservedWord (always reserved; strict-mode-only words are left to
# early_errors.py).  `yield`/`await`/`let` are handled by the grammar.
RESERVED = frozenset('''break case catch class const continue debugger default delete do
else export extends finally for function if import in instanceof new return super switch
this throw try typeof var void while with null true false enum'''.split())

#: marks a SequenceExpression still open for `, expr` (cleared by parentheses)
SEQ_MARK = object()


class Seq:
    """An array literal / array pattern under construction."""
    __slots__ = ('start', 'items', 'spread_comma')

    def __init__(self, start: int) -> None:
        self.start = start
        self.items: List[Any] = []
        self.spread_comma: Optional[int] = None   # offset of a `,` after `...x`


class Computed:
    """A computed property name `[expr]`."""
    __slots__ = ('start', 'expr', 'end')

    def __init__(self, start: int, expr: Any, end: int = -1) -> None:
        self.start = start
        self.expr = expr
        self.end = end


class ParenCover:
    """12.2.9 CoverParenthesizedExpressionAndArrowParameterList.

    ``bad`` is the token that makes it invalid as a plain parenthesized
    expression (`()`, trailing comma, `...rest`), or None.
    """
    __slots__ = ('start', 'end', 'expr', 'rest', 'bad')

    def __init__(self, start: int, end: int, expr: Any, rest: Any, bad: Any) -> None:
        self.start = start
        self.end = end
        self.expr = expr
        self.rest = rest
        self.bad = bad


class AsyncHead:
    """12.3 CoverCallExpressionAndAsyncArrowHead: `async(args)`."""
    __slots__ = ('token', 'start', 'args', 'end')

    def __init__(self, token: Any, args: List[Any], end: int) -> None:
        self.token = token
        self.start = token.start_pos
        self.args = args
        self.end = end


class TemplateBuilder:
    """A template literal under construction."""
    __slots__ = ('start', 'quasis', 'exprs', 'bad')

    def __init__(self, start: int) -> None:
        self.start = start
        self.quasis: List[Any] = []
        self.exprs: List[Any] = []
        self.bad: Optional[tuple] = None


class Tok:
    """A token as the LALR callbacks see it (lark's Token minus str and lines)."""
    __slots__ = ('type', 'value', 'start_pos', 'end_pos')

    def __init__(self, type: str, value: str, start_pos: int, end_pos: int) -> None:
        self.type = type
        self.value = value
        self.start_pos = start_pos
        self.end_pos = end_pos

    def __repr__(self) -> str:
        return f'Tok({self.type}, {self.value!r}, {self.start_pos})'
