"""ES2017 script parser: ``parse(source) -> ast.Program``.

Lark's LALR parser (es2017.lark) with the contextual lexer builds the AST
through the callbacks in to_ast.py.  This module drives it token by token
so that it can

* insert semicolons (11.9 ASI) and honour restricted productions
  (`return`/`break`/`continue`/`throw`/`yield`, postfix `++`/`--`, `=>`,
  `async [no LineTerminator here] function`),
* lex a `}` that closes a template substitution as a template continuation,
* turn every failure into a JSSyntaxError with line and column.

The script body is parsed like an async function body, so top-level `await`
is accepted (fetchflow scripts await fetch() at the top level).
"""
from __future__ import annotations

import gc
import hashlib
import os
import re
import sys
import tempfile
import threading
from typing import Any, List, Optional

from lark import Lark
from lark.exceptions import UnexpectedCharacters, UnexpectedToken
from lark.lexer import LexerState, Token
from lark.utils import TextSlice

from ..errors import JSSyntaxError
from .asi import TableOracle
from .finalize import finalize
from .to_ast import Builder

GRAMMAR_PATH = os.path.join(os.path.dirname(__file__), 'es2017.lark')

_TEMPLATE_CONT = re.compile(r'\}(?:[^`\\$]|\\[\s\S]|\$(?!\{))*(?:`|\$\{)')
_NEWLINE = re.compile('[\n\r\u2028\u2029]')
# tokens after which a line break ends the statement (11.9.1 restricted productions)
_RESTRICTED = frozenset(('RETURN', 'BREAK', 'CONTINUE'))
_BRACE, _PAREN, _FOR_PAREN, _TEMPLATE = 0, 1, 2, 3
_DESCRIBE = {
    'NUMBER': 'Unexpected number', 'STRING': 'Unexpected string',
    'IDENTIFIER': 'Unexpected identifier', 'TEMPLATE_FULL': 'Unexpected template string',
    'TEMPLATE_HEAD': 'Unexpected template string', 'TEMPLATE_MIDDLE': 'Unexpected template string',
    'TEMPLATE_TAIL': 'Unexpected template string', 'REGEX': 'Unexpected regular expression',
    '$END': 'Unexpected end of input',
}


def _cache_file(grammar: str) -> str:
    import lark
    key = hashlib.sha256((grammar + lark.__version__ + sys.version).encode()).hexdigest()[:16]
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    for d in (os.path.join(base, 'fetchflow'), os.path.join(tempfile.gettempdir(), 'fetchflow-cache')):
        try:
            os.makedirs(d, exist_ok=True)
            if os.access(d, os.W_OK):
                return os.path.join(d, f'es2017-{key}.lark-cache')
        except OSError:
            continue
    return os.path.join(tempfile.gettempdir(), f'fetchflow-es2017-{key}.lark-cache')


class _Engine:
    """The Lark parser plus everything the feeding loop needs, built once."""

    def __init__(self) -> None:
        with open(GRAMMAR_PATH, encoding='utf-8') as f:
            grammar = f.read()
        self.builder = Builder()
        self.lark = Lark(grammar, parser='lalr', lexer='contextual', keep_all_tokens=True,
                         maybe_placeholders=False, propagate_positions=False,
                         transformer=self.builder, cache=_cache_file(grammar))
        frontend = self.lark.parser
        lalr = frontend.parser.parser          # lark.parsers.lalr_parser._Parser
        self.parse_conf = lalr.parser.parse_conf if hasattr(lalr, 'parser') else None
        if self.parse_conf is None:
            from lark.parsers.lalr_parser_state import ParseConf
            self.parse_conf = ParseConf(lalr.parse_table, lalr.callbacks, 'start')
        self.lexer = frontend.lexer
        self.state_lexers = self.lexer.lexers
        self.root_lexer = self.lexer.root_lexer
        self.oracle = TableOracle(self.parse_conf.states, self.parse_conf.end_state,
                                  self.parse_conf.callbacks)
        self.lock = threading.RLock()


_engine: Optional[_Engine] = None


def _get_engine() -> _Engine:
    global _engine
    if _engine is None:
        _engine = _Engine()
    return _engine


def _describe(tok: Any) -> str:
    t = tok.type
    if t in _DESCRIBE:
        return _DESCRIBE[t]
    return f'Unexpected token {tok.value}'


def parse(source: str) -> Any:
    """Parse an ES2017 script (with top-level await) into an ``ast.Program``.

    Raises JSSyntaxError for any malformed input.
    """
    if not isinstance(source, str):
        raise TypeError('parse() expects a str')
    engine = _get_engine()
    # The AST is acyclic and built in one go: collecting garbage while it
    # grows only rescans the young nodes again and again.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        with engine.lock:
            program = _parse_locked(engine, source)
            finalize(program, engine.builder)
            engine.builder.reset('')
    finally:
        if gc_was_enabled:
            gc.enable()
    try:
        from . import early_errors  # written separately; optional
    except ImportError:
        early_errors = None  # type: ignore[assignment]
    if early_errors is not None and hasattr(early_errors, 'check'):
        early_errors.check(program)
    return program


def _parse_locked(engine: _Engine, source: str) -> Any:
    builder = engine.builder
    builder.reset(source)
    err = builder.error
    try:
        return _drive(engine, source)
    except JSSyntaxError:
        raise
    except RecursionError:
        raise JSSyntaxError.at('Too much nesting', source, 0) from None
    except UnexpectedToken as e:
        tok = e.token
        raise JSSyntaxError.at(_describe(tok), source, tok.start_pos or 0) from None
    except UnexpectedCharacters as e:
        raise JSSyntaxError.at('Invalid or unexpected token', source, e.pos_in_stream) from None


def _drive(engine: _Engine, source: str) -> Any:
    """Feed tokens to the LALR parser, doing ASI and template continuations."""
    oracle = engine.oracle
    state_lexers = engine.state_lexers
    root_lexer = engine.root_lexer
    ls = LexerState(TextSlice(source, 0, len(source)))
    lc = ls.line_ctr
    table = oracle.table
    end_state = oracle.end_state
    stack: List[Any] = [engine.parse_conf.start_state]   # LALR states
    values: List[Any] = []                               # tokens and AST values
    ps = None

    def feed(tok: Any, is_end: bool = False) -> Any:
        """Lark's ParserState.feed_token on the compact table (see asi.py)."""
        ttype = tok.type
        while True:
            act = table[stack[-1]].get(ttype)
            if act is None:
                raise error(_describe(tok), tok.start_pos)
            if act.__class__ is int:
                stack.append(act)
                values.append(tok)
                return None
            size, origin, callback = act
            if callback is None:          # `?rule` passing its child through
                stack.pop()
            else:
                if size:
                    args = values[-size:]
                    del stack[-size:]
                    del values[-size:]
                else:
                    args = []
                values.append(callback(args))
            stack.append(table[stack[-1]][origin])
            if is_end and stack[-1] == end_state:
                return values[-1]
    simple_lines = '\r' not in source and '\u2028' not in source and '\u2029' not in source
    brackets: List[int] = []
    prev: Any = None

    def error(message: str, offset: int) -> JSSyntaxError:
        return JSSyntaxError.at(message, source, offset)

    def insert_semicolon() -> bool:
        if brackets and brackets[-1] == _FOR_PAREN:
            return False
        if not oracle.semicolon_allowed(stack):
            return False
        feed(Token('SEMICOLON', ';', prev.end_pos, prev.end_line, prev.end_column,
                   prev.end_line, prev.end_column, prev.end_pos))
        return True

    def rewind(tok: Any) -> None:
        lc.char_pos = tok.start_pos
        lc.line = tok.line
        lc.column = tok.column
        lc.line_start_pos = tok.start_pos - tok.column + 1

    while True:
        from_root = False
        try:
            tok = state_lexers[stack[-1]].next_token(ls, ps)
        except EOFError:
            break
        except UnexpectedCharacters:
            pos = lc.char_pos
            try:
                tok = root_lexer.next_token(ls, ps)
            except UnexpectedCharacters:
                raise error('Invalid or unexpected token', pos) from None
            except EOFError:
                break
            from_root = True
        t = tok.type

        if t == 'RBRACE' and brackets and brackets[-1] == _TEMPLATE:
            m = _TEMPLATE_CONT.match(source, tok.start_pos)
            if m is None:
                raise error('Unterminated template literal', tok.start_pos)
            text = m.group()
            lc.feed(text[1:])
            t = 'TEMPLATE_TAIL' if text[-1] == '`' else 'TEMPLATE_MIDDLE'
            tok = Token(t, text, tok.start_pos, tok.line, tok.column, lc.line, lc.column, lc.char_pos)
            from_root = False
            brackets.pop()

        if prev is not None:
            if simple_lines:
                nl = tok.line != prev.end_line
            else:
                nl = _NEWLINE.search(source, prev.end_pos, tok.start_pos) is not None
        else:
            nl = False

        if nl or from_root or t == 'RBRACE' or t == 'INCR' or t == 'DECR' or t == 'ARROW':
            pt = prev.type if prev is not None else None
            if nl and pt in _RESTRICTED and t != 'SEMICOLON':
                if not insert_semicolon():
                    raise error(_describe(tok), tok.start_pos)
                prev = Token('SEMICOLON', ';', prev.end_pos, prev.end_line, prev.end_column,
                             prev.end_line, prev.end_column, prev.end_pos)
                rewind(tok)
                continue
            if nl and pt == 'THROW':
                raise error('Illegal newline after throw', prev.start_pos)
            if t == 'ARROW' and nl:
                raise error('Unexpected token =>', tok.start_pos)
            if nl and ((t == 'INCR' or t == 'DECR')
                       or (pt == 'ASYNC' and t in ('FUNCTION', 'IDENTIFIER'))
                       or (pt == 'YIELD' and t != 'SEMICOLON')
                       or not oracle.can_shift(stack, t)) \
                    or (not nl and (from_root or t == 'RBRACE') and not oracle.can_shift(stack, t)):
                if (nl or t == 'RBRACE') and insert_semicolon():
                    prev = Token('SEMICOLON', ';', prev.end_pos, prev.end_line, prev.end_column,
                                 prev.end_line, prev.end_column, prev.end_pos)
                    rewind(tok)
                    continue
                if not oracle.can_shift(stack, t):
                    raise error(_describe(tok), tok.start_pos)

        if t == 'LBRACE':
            brackets.append(_BRACE)
        elif t == 'RBRACE':
            if brackets:
                brackets.pop()
        elif t == 'LPAR':
            brackets.append(_FOR_PAREN if prev is not None and prev.type == 'FOR' else _PAREN)
        elif t == 'RPAR':
            if brackets:
                brackets.pop()
        elif t == 'TEMPLATE_HEAD' or t == 'TEMPLATE_MIDDLE':
            brackets.append(_TEMPLATE)
        feed(tok)
        prev = tok

    # end of input: 11.9.1 rule 2
    if not oracle.can_shift(stack, '$END'):
        if prev is None or not insert_semicolon():
            end_tok = Token('$END', '', len(source), lc.line, lc.column, lc.line, lc.column, len(source))
            raise error(_describe(end_tok), len(source))
    end = Token('$END', '', len(source), lc.line, lc.column, lc.line, lc.column, len(source))
    return feed(end, True)
