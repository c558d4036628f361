"""Compact LALR(1) + contextual-lexer tables for es2017.lark.

Lark builds the tables (``Lark(..., parser='lalr', lexer='contextual')``)
the first time, which takes a second or two; the result is flattened into
plain dicts, tuples and regex sources and pickled in the user cache dir
(``$XDG_CACHE_HOME/fetchflow`` or ``~/.cache/fetchflow``), keyed by a hash
of the grammar.  Later runs load the pickle without importing Lark at all,
which keeps ``import fetchflow; fetchflow.parse('1')`` fast.

Table format (``Tables.table``): ``table[state][symbol]`` is an ``int`` (the
shift or goto target) or a tuple ``(size, origin, callback_name)`` for a
reduction, where ``callback_name`` is None for a `?rule` alternative that
passes its single child through.  ``lexer_group[state]`` names the
contextual lexer state (the terminals acceptable in that parser state) as an
index into ``groups``: each group is ``(regex sources, keywords)``, the
alternation Lark's lexer compiles and the keyword terminals an IDENTIFIER
match turns into in that state.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from typing import Any, Dict, List

FORMAT = 4
GRAMMAR_PATH = os.path.join(os.path.dirname(__file__), 'es2017.lark')


class Tables:
    __slots__ = ('table', 'start_state', 'end_state', 'lexer_group', 'groups', 'root_group')

    def __init__(self, table: Dict[int, Dict[str, Any]], start_state: int, end_state: int,
                 lexer_group: Dict[int, int], groups: List[tuple], root_group: tuple) -> None:
        self.table = table
        self.start_state = start_state
        self.end_state = end_state
        self.lexer_group = lexer_group
        self.groups = groups
        self.root_group = root_group


def _cache_dirs() -> List[str]:
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return [os.path.join(base, 'fetchflow'), os.path.join(tempfile.gettempdir(), 'fetchflow-cache')]


def _key(grammar: str) -> str:
    text = f'{FORMAT}\n{sys.version_info[:2]}\n{grammar}'
    return hashlib.sha256(text.encode('utf-8')).hexdigest()[:20]


def build(grammar: str) -> Tables:
    """Run Lark's LALR analysis and flatten the result."""
    from lark import Lark
    from lark.parsers.lalr_analysis import Shift

    lark = Lark(grammar, parser='lalr', lexer='contextual', keep_all_tokens=True,
                maybe_placeholders=False)
    frontend = lark.parser
    parse_table = frontend.parser.parser.parse_table
    reductions: Dict[int, tuple] = {}
    table: Dict[int, Dict[str, Any]] = {}
    for state, actions in parse_table.states.items():
        row: Dict[str, Any] = {}
        for sym, (action, arg) in actions.items():
            sym = str(sym)   # Lark's names are Token (a str subclass): keep pickles Lark-free
            if action is Shift:
                row[sym] = int(arg)
                continue
            red = reductions.get(id(arg))
            if red is None:
                size = len(arg.expansion)
                passthrough = size == 1 and arg.options.expand1 and not arg.alias
                name = None if passthrough else str(arg.alias or arg.origin.name)
                red = reductions[id(arg)] = (size, str(arg.origin.name), name)
            row[sym] = red
        table[int(state)] = row

    def group_of(lexer: Any) -> tuple:
        scanner = lexer.scanner
        keywords: Dict[str, str] = {}
        unless = lexer.callback.get('IDENTIFIER')
        if unless is not None:
            for term in unless.scanner.terminals:
                keywords[str(term.pattern.value)] = str(term.name)
        return (tuple((str(rx.pattern), int(rx.flags)) for rx in scanner._mres), keywords)

    contextual = frontend.lexer
    ids: Dict[int, int] = {}
    groups: List[tuple] = []
    lexer_group: Dict[int, int] = {}
    for state, lexer in contextual.lexers.items():
        index = ids.get(id(lexer))
        if index is None:
            index = ids[id(lexer)] = len(groups)
            groups.append(group_of(lexer))
        lexer_group[int(state)] = index
    return Tables(table, int(parse_table.start_states['start']), int(parse_table.end_states['start']),
                  lexer_group, groups, group_of(contextual.root_lexer))


def _dump(tables: Tables) -> bytes:
    return pickle.dumps({s: getattr(tables, s) for s in Tables.__slots__}, protocol=4)


def load() -> Tables:
    """The tables for es2017.lark, from the cache or freshly built."""
    with open(GRAMMAR_PATH, encoding='utf-8') as f:
        grammar = f.read()
    name = f'es2017-tables-{_key(grammar)}.pickle'
    for d in _cache_dirs():
        path = os.path.join(d, name)
        try:
            with open(path, 'rb') as f:
                data = pickle.load(f)   # our own file, written below
            return Tables(**data)
        except Exception:   # missing, truncated or from another version: rebuild
            continue
    tables = build(grammar)
    blob = _dump(tables)
    for d in _cache_dirs():
        try:
            os.makedirs(d, exist_ok=True)
            tmp = os.path.join(d, f'.{name}.{os.getpid()}')
            with open(tmp, 'wb') as f:
                f.write(blob)
            os.replace(tmp, os.path.join(d, name))
            break
        except OSError:
            continue
    return tables
