"""ES2023 script parser: ``parse(source) -> ast.Program``.

es2017.lark is analysed by Lark (LALR(1), contextual lexer; see tables.py
for the cached, flattened tables).  This module runs that automaton itself,
token by token, calling the callbacks in to_ast.py on each reduction, so
that it can

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
import re
import threading
from typing import Any, Dict, List, Optional

from . import ast as A
from ..errors import JSSyntaxError
from .asi import TableOracle
from .scanners import Scanner
from .finalize import finalize
from .context import AsyncHead, Tok
from .tables import load as load_tables
from .to_ast import Builder
from . import early_errors
from .tables import GRAMMAR_PATH

_TEMPLATE_CONT = re.compile(r'\}(?:[^`\\$]|\\[\s\S]|\$(?!\{))*(?:`|\$\{)')
_NEWLINE = re.compile('[\n\r\u2028\u2029]')
# tokens after which a line break ends the statement (11.9.1 restricted productions)
_RESTRICTED = frozenset(('RETURN', 'BREAK', 'CONTINUE'))
_IGNORED = frozenset(('WS', 'LINE_COMMENT', 'BLOCK_COMMENT'))
# terminals the lexing loop looks at twice: skipped, or maybe an HTML-like comment (B.1.1)
_LEX_SPECIAL = _IGNORED | {'LT', 'DECR'}
# tokens the feeding loop does more with than feed them (ASI, brackets, await/yield/let)
_SPECIAL = frozenset(('RBRACE', 'ASYNC', 'YIELD', 'AWAIT', 'LET', 'INCR', 'DECR', 'ARROW',
                      'LBRACE', 'LPAR', 'EQ', 'RPAR', 'TEMPLATE_HEAD', 'TEMPLATE_MIDDLE'))
# after these a `;` could only be an empty statement (or is invalid): no ASI
_NO_ASI_AFTER = frozenset(('SEMICOLON', 'LBRACE', 'LPAR', 'LSQB', 'COMMA', 'DOT'))
# a class element name followed by these on the next line is still one element
_FIELD_CONTINUES = frozenset(('LPAR', 'EQ', 'SEMICOLON', 'RBRACE'))
_MODIFIER_WORDS = frozenset(('static', 'get', 'set'))
_ASYNC_OF = re.compile(r'\s*of(?![\w$])')
_BRACE, _PAREN, _FOR_PAREN, _TEMPLATE, _FUNC_BRACE, _PARAMS = 0, 1, 2, 3, 4, 5
# function-context bits: is `await` / `yield` a keyword here?
_AWAIT, _YIELD = 1, 2
# `let` starts a declaration if followed by an identifier, `[` or `{` (13.3.1, 13.7.5)
_LET_DECLARATION = re.compile(
    r'(?:\s|/\*[\s\S]*?\*/|//[^\n\r\u2028\u2029]*)*'
    r'(?:[\[{]|(?!(?:in|instanceof)(?![\w$\\]))(?:[^\W\d]|[$\\]|[^\x00-\x7f]))')


def _at(values: List[Any], i: int) -> Any:
    return values[i] if len(values) >= -i else None


def _function_kind(values: List[Any], top: int = -1) -> int:
    """Whether the function whose body `{` comes next is async / a generator.

    Read off the header already on the value stack: `async`/`function`/`*`
    tokens, method modifiers, or the arrow's head.
    """
    v = _at(values, top)
    if type(v) is Tok and v.type == 'ARROW':
        w = _at(values, top - 1)
        x = _at(values, top - 2)
        if type(w) is AsyncHead or (type(w) is Tok and type(x) is Tok and x.type == 'ASYNC'):
            return _AWAIT
        return 0
    w = _at(values, top - 1)      # values[top] is the formal parameters
    if type(w) is Tok:
        if w.type == 'STAR':      # `[async] function *` (ES2018 async generators)
            y = _at(values, top - 3)
            return _YIELD | _AWAIT if type(y) is Tok and y.type == 'ASYNC' else _YIELD
        x = _at(values, top - 2)
        return _AWAIT if type(x) is Tok and x.type == 'ASYNC' else 0
    x = _at(values, top - 2)
    if type(x) is Tok:
        if x.type == 'STAR':
            y = _at(values, top - 4)
            return _YIELD | _AWAIT if type(y) is Tok and y.type == 'ASYNC' else _YIELD
        if x.type == 'FUNCTION':
            y = _at(values, top - 3)
            return _AWAIT if type(y) is Tok and y.type == 'ASYNC' else 0
        return 0
    if type(x) is list and x and type(x[-1]) is Tok and x[-1].type != 'SEMICOLON':
        kind = 0                   # method modifiers (static / get / set / async / *)
        for m in x:
            if m.type == 'STAR':
                kind |= _YIELD
            elif m.value == 'async':
                kind |= _AWAIT
        return kind
    return 0
_DESCRIBE = {
    'NUMBER': 'Unexpected number', 'STRING': 'Unexpected string',
    'IDENTIFIER': 'Unexpected identifier', 'TEMPLATE_FULL': 'Unexpected template string',
    'TEMPLATE_HEAD': 'Unexpected template string', 'TEMPLATE_MIDDLE': 'Unexpected template string',
    'TEMPLATE_TAIL': 'Unexpected template string', 'REGEX': 'Unexpected regular expression',
    '$END': 'Unexpected end of input',
}


class _Engine:
    """Tables, callbacks and scanners the feeding loop needs, built once."""

    def __init__(self) -> None:
        tables = load_tables()
        self.builder = Builder()
        self.start_state = tables.start_state
        self.oracle = TableOracle(tables, self.builder)
        self.lexer_group = tables.lexer_group
        self.groups = tables.groups
        self.first_chars = tables.first_chars
        self.compiled: Dict[tuple, Any] = {}       # shared by the scanners (scanners.py)
        # parser state -> its group's Scanner, filled in on first use
        self.scanners: List[Optional[Scanner]] = [None] * len(tables.lexer_group)
        self._by_group: Dict[int, Scanner] = {}
        self.root_scanner = Scanner(tables.root_group, self.first_chars, self.compiled)
        self.unit_chains: Dict[tuple, Any] = {}
        self.lock = threading.RLock()

    def scanner_for(self, state: int) -> Scanner:
        """The scanner of a parser state, shared by its lexer group."""
        group = self.lexer_group[state]
        sc = self._by_group.get(group)
        if sc is None:
            sc = self._by_group[group] = Scanner(self.groups[group], self.first_chars,
                                                 self.compiled)
        self.scanners[state] = sc
        return sc


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


def parse(source: str, context: Optional[dict] = None,
          nodes: Optional[List[Any]] = None) -> A.Program:
    """Parse an ES2017 script (with top-level await) into an ``ast.Program``.

    Raises JSSyntaxError for any malformed input.  Thread-safe (one parse at
    a time); the early errors of early_errors.py are checked when present
    (``context``: a direct eval's, see early_errors.check).  ``nodes``, when
    given, receives every node in pre-order (``_id`` order).
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
            try:
                program = _parse_locked(engine, source)
                finalize(program, engine.builder, nodes)
            finally:
                engine.builder.reset('')   # drop references to this parse
    finally:
        if gc_was_enabled:
            gc.enable()
    early_errors.check(program, context)
    return program


def _parse_locked(engine: _Engine, source: str) -> Any:
    builder = engine.builder
    builder.reset(source)
    try:
        return _drive(engine, source)
    except JSSyntaxError:
        raise
    except RecursionError:
        raise JSSyntaxError.at('Too much nesting', source, 0) from None


def _drive(engine: _Engine, source: str) -> Any:
    """Lex with the contextual lexer's per-state scanners and feed the LALR
    table, doing ASI and template continuations on the way."""
    oracle = engine.oracle
    table = oracle.table
    end_state = oracle.end_state
    scanners = engine.scanners
    unit_chains = engine.unit_chains
    builder = engine.builder
    fctx = builder.fctx           # await/yield context, top = innermost function
    concise = builder.concise     # `=>` offsets of open concise arrow bodies
    stack: List[Any] = [engine.start_state]              # LALR states
    values: List[Any] = []                               # tokens and AST values
    brackets: List[int] = []
    prev: Any = None
    n = len(source)
    pos = 0
    newline_search = _NEWLINE.search
    ignored = _IGNORED
    lex_special = _LEX_SPECIAL
    special = _SPECIAL
    if source.startswith('#!'):
        # ES2023 12.5 Hashbang comment: only at the very start of the source
        m = newline_search(source)
        pos = n if m is None else m.start()

    def error(message: str, offset: int) -> JSSyntaxError:
        return JSSyntaxError.at(message, source, offset)

    def unexpected(tok: Any) -> JSSyntaxError:
        if tok.type == 'OPTCHAIN' and prev is not None and prev.type == 'SUPER':
            return error("'super' keyword unexpected here", prev.start_pos)
        if tok.type == 'OPTCHAIN' and any(type(v) is Tok and v.type == 'NEW' for v in values[-3:]):
            return error('Invalid optional chain from new expression', tok.start_pos)
        if prev is not None and prev.type == 'IDENTIFIER' and prev.value in ('import', 'export'):
            # fetchflow runs scripts, not modules (V8's wording)
            if prev.value == 'import':
                return error('Cannot use import statement outside a module', prev.start_pos)
            return error("Unexpected token 'export'", prev.start_pos)
        return error(_describe(tok), tok.start_pos)

    def feed(tok: Any, is_end: bool = False) -> Any:
        """Lark's ParserState.feed_token on the compact table (see asi.py).

        Chains of pass-through reductions (`?rule` levels: primary -> member
        -> ... -> assignment) depend only on the state below and the
        lookahead, so they are followed once and memoised in ``unit_chains``.
        """
        ttype = tok.type
        state = stack[-1]
        while True:
            act = table[state].get(ttype)
            if act is None:
                raise unexpected(tok)
            if act.__class__ is int:
                stack.append(act)
                values.append(tok)
                return None
            size, origin, callback = act
            if callback is None:          # `?rule` passing its child through
                below = stack[-2]
                key = (below, origin, ttype)
                state = unit_chains.get(key)
                if state is None:
                    state = table[below][origin]
                    while True:
                        nxt = table[state].get(ttype)
                        if nxt is None or nxt.__class__ is int or nxt[2] is not None:
                            break
                        state = table[below][nxt[1]]
                    unit_chains[key] = state
                stack[-1] = state
            else:
                if size:
                    args = values[-size:]
                    del stack[-size:]
                    del values[-size:]
                else:
                    args = []
                values.append(callback(args))
                state = table[stack[-1]][origin]
                stack.append(state)
            if is_end and state == end_state:
                return values[-1]

    def insert_semicolon(at: int = -1) -> bool:
        """Feed an automatic `;` if 11.9.1 allows one here.

        It sits at the end of the previous token, or, when no line break
        intervenes (before `}` or the end of input), at ``at``: esprima's
        ranges then run up to the next token.
        """
        if brackets and brackets[-1] == _FOR_PAREN:
            return False
        if not oracle.semicolon_allowed(stack):
            return False
        where = prev.end_pos if at < 0 else at
        feed(Tok('SEMICOLON', ';', where, where))
        return True

    while True:
        # ---- lex one significant token in the current parser state
        nl = False
        from_root = False
        while True:
            if pos >= n:
                tok = None
                break
            state = stack[-1]
            scanner = scanners[state]
            if scanner is None:
                scanner = engine.scanner_for(state)
            m = scanner[source[pos]](source, pos)
            if m is None:
                m = engine.root_scanner.match(source, pos)
                if m is None:
                    raise error('Invalid or unexpected token', pos)
                scanner = engine.root_scanner
                from_root = True
            # every alternative of a scanner is a named group: no None check per token
            t: str = m.lastgroup  # type: ignore[assignment]
            end = m.end()
            if t in lex_special:
                if t in ignored:
                    if not nl and t != 'LINE_COMMENT' and newline_search(source, pos, end):
                        nl = True
                    pos = end
                    continue
                if (t == 'LT' and source.startswith('<!--', pos)) or (
                        t == 'DECR' and (nl or prev is None) and source.startswith('-->', pos)):
                    # Annex B.1.1 HTML-like comments (scripts): `<!--` anywhere, `-->` first
                    # on its line; either runs to the end of the line
                    m = newline_search(source, pos)
                    pos = n if m is None else m.start()
                    continue
            value = source[pos:end]
            if t == 'IDENTIFIER':
                t = scanner.keywords.get(value, t)
            tok = Tok(t, value, pos, end)
            pos = end
            break
        if tok is None:
            break
        if not nl and not from_root and t not in special and prev is not None \
                and prev.type != 'ARROW':
            # the common token: no ASI, brackets or context to track; shifted at once when
            # no reduction is due
            act = table[stack[-1]].get(t)
            if act.__class__ is int:
                stack.append(act)
                values.append(tok)
            else:
                feed(tok)
            prev = tok
            continue
        if prev is None:
            nl = False

        if t == 'RBRACE' and brackets and brackets[-1] == _TEMPLATE:
            m = _TEMPLATE_CONT.match(source, tok.start_pos)
            if m is None:
                raise error('Unterminated template literal', tok.start_pos)
            text = m.group()
            pos = m.end()
            t = 'TEMPLATE_TAIL' if text[-1] == '`' else 'TEMPLATE_MIDDLE'
            tok = Tok(t, text, tok.start_pos, pos)
            from_root = False
            brackets.pop()

        if prev is not None and prev.type == 'ARROW' and t != 'LBRACE':
            # a concise arrow body: its own await/yield context until the arrow reduces
            fctx.append(_function_kind(values))
            concise.append(prev.start_pos)
        if t == 'ASYNC' and prev is not None and prev.type == 'LPAR' and brackets \
                and brackets[-1] == _FOR_PAREN and _ASYNC_OF.match(source, pos) \
                and type(_at(values, -2)) is Tok and values[-2].type == 'AWAIT':
            # `for await (async of x)`: the identifier `async` (14.7.5: only plain for-of
            # forbids it, where `async of =>` would start an arrow)
            t = tok.type = 'IDENTIFIER'
        if t == 'YIELD' or t == 'AWAIT' or t == 'LET':
            # contextual words (12.1): keywords only in generator / async code,
            # `let` only when a declaration follows
            if t == 'YIELD':
                if not fctx[-1] & _YIELD:
                    t = tok.type = 'IDENTIFIER'
            elif t == 'AWAIT':
                if not fctx[-1] & _AWAIT:
                    t = tok.type = 'IDENTIFIER'
            elif not _LET_DECLARATION.match(source, pos):
                t = tok.type = 'IDENTIFIER'

        if nl or from_root or t == 'RBRACE' or t == 'INCR' or t == 'DECR' or t == 'ARROW':
            pt = prev.type if prev is not None else None
            if nl and pt in _RESTRICTED and t != 'SEMICOLON':
                if not insert_semicolon():
                    raise unexpected(tok)
                prev = Tok('SEMICOLON', ';', prev.end_pos, prev.end_pos)
                pos = tok.start_pos    # re-lex in the new state
                continue
            if nl and (pt == 'IDENTIFIER' or pt == 'ASYNC') and t not in _FIELD_CONTINUES \
                    and stack[-2] in oracle.class_key_states \
                    and (pt == 'ASYNC' or prev.value not in _MODIFIER_WORDS
                         or t == 'STAR' and prev.value != 'static') \
                    and insert_semicolon():
                # ES2022 15.7: `x <newline> y` in a class body is two fields (11.9.1: `x y`
                # is no production; only modifiers may be followed by a name, and no
                # accessor by a `*`: `get <newline> *g() {}` is a field and a generator)
                prev = Tok('SEMICOLON', ';', prev.end_pos, prev.end_pos)
                pos = tok.start_pos    # re-lex in the new state
                continue
            if nl and pt == 'THROW':
                raise error('Illegal newline after throw', prev.start_pos)
            if t == 'ARROW' and nl:
                raise error('Unexpected token =>', tok.start_pos)
            direct = table[stack[-1]].get(t).__class__ is int
            if nl:
                # restricted productions: these must not continue across a newline
                need = (t == 'INCR' or t == 'DECR'
                        or (pt == 'ASYNC' and (t == 'FUNCTION' or t == 'IDENTIFIER'))
                        or (pt == 'YIELD' and t != 'SEMICOLON')
                        or (not direct and pt not in _NO_ASI_AFTER
                            and not oracle.can_shift(stack, t)))
            else:
                need = (from_root or t == 'RBRACE') and not direct and not oracle.can_shift(stack, t)
            if need:
                if (nl or t == 'RBRACE') and insert_semicolon(-1 if nl else tok.start_pos):
                    prev = Tok('SEMICOLON', ';', prev.end_pos, prev.end_pos)
                    pos = tok.start_pos    # re-lex in the new state
                    continue
                if not direct and not oracle.can_shift(stack, t):
                    raise unexpected(tok)

        if t == 'LBRACE':
            feed(tok)
            prev = tok
            # a function body if the state under the `{` expects one
            row = table[stack[-2]]
            if 'func_body' in row or 'decl_body' in row:
                fctx.append(_function_kind(values, -2))
                brackets.append(_FUNC_BRACE)
            elif 'static_body' in row:
                # ES2022 15.7.1 ClassStaticBlock: [+Await] (an early error once used), ~Yield
                fctx.append(_AWAIT)
                brackets.append(_FUNC_BRACE)
            else:
                brackets.append(_BRACE)
            continue
        elif t == 'RBRACE':
            if brackets and brackets.pop() == _FUNC_BRACE:
                fctx.pop()
        elif t == 'LPAR':
            if prev is not None and (
                    prev.type == 'FOR' or (prev.type == 'AWAIT' and type(_at(values, -2)) is Tok
                                           and values[-2].type == 'FOR')):
                brackets.append(_FOR_PAREN)
            else:
                feed(tok)
                prev = tok
                if 'formal_params' in table[stack[-2]]:
                    # a function's or method's parameters take its await/yield context, not
                    # the enclosing one: `async function f() { function g(a = await) {} }`
                    # (15.2 FormalParameters[~Yield, ~Await] of a plain function)
                    fctx.append(_function_kind(values))
                    brackets.append(_PARAMS)
                else:
                    brackets.append(_PAREN)
                continue
        elif t == 'EQ':
            feed(tok)
            prev = tok
            if 'field_init' in table[stack[-2]]:
                # ES2022 15.7.1 a field initializer: ~Yield, ~Await (field_init pops it)
                fctx.append(0)
            continue
        elif t == 'RPAR':
            if brackets and brackets.pop() == _PARAMS:
                fctx.pop()
        elif t == 'TEMPLATE_HEAD' or t == 'TEMPLATE_MIDDLE':
            brackets.append(_TEMPLATE)
        feed(tok)
        prev = tok

    # end of input: 11.9.1 rule 2
    if not oracle.can_shift(stack, '$END'):
        at = n if prev is not None and not newline_search(source, prev.end_pos, n) else -1
        if prev is None or not insert_semicolon(at):
            raise error('Unexpected end of input', n)
    return feed(Tok('$END', '', n, n), True)


def parse_with_lark(source: str) -> Any:
    """Reference path: the same grammar and callbacks run by Lark itself.

    ``Lark(es2017.lark, parser='lalr', lexer='contextual', transformer=Builder)``
    builds the identical AST for input that needs neither automatic
    semicolon insertion nor template substitutions (`${`): those, and the
    await/yield/let context, live in ``_drive`` above.  Used by the tests to
    keep the grammar, the callbacks and the driver honest with each other.
    """
    from lark import Lark
    from lark.exceptions import LarkError

    global _lark_reference
    if _lark_reference is None:
        with open(GRAMMAR_PATH, encoding='utf-8') as f:
            grammar = f.read()
        builder = Builder()
        _lark_reference = (Lark(grammar, parser='lalr', lexer='contextual', keep_all_tokens=True,
                                maybe_placeholders=False, transformer=builder), builder)
    lark, builder = _lark_reference
    builder.reset(source)
    try:
        program = lark.parse(source)
    except LarkError as e:
        raise JSSyntaxError.at(str(e).split('\n')[0], source, getattr(e, 'pos_in_stream', 0) or 0) from None
    finalize(program, builder)
    return program


_lark_reference: Any = None
