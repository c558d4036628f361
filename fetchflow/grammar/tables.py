"""Compact LALR(1) + contextual-lexer tables for es2017.lark, shipped as JSON.

Lark builds the tables (``Lark(..., parser='lalr', lexer='contextual')``),
which takes a second or two.  The result is flattened into plain lists,
dicts, ints and strings and shipped in the package as
``es2017_tables.json``, stamped with a hash of the grammar.  Loading it
needs no Lark import and runs no code: JSON cannot describe anything but
data, and every field is checked before use.

If the grammar changed since the file was written (a development checkout),
the tables are rebuilt by Lark and kept as JSON in a private cache
directory (``$XDG_CACHE_HOME/fetchflow`` or ``~/.cache/fetchflow``, created
0700 and used only when owned by the current user and not writable by
anyone else).  Nothing is ever read from a shared directory such as /tmp,
and nothing is ever unpickled.  Regenerate the shipped file with::

    python -m fetchflow.grammar.build_tables

(tests/security/test_table_cache.py fails while the shipped file is stale).

Table format (``Tables.table``): ``table[state][symbol]`` is an ``int`` (the
shift or goto target) or a tuple ``(size, origin, callback_name)`` for a
reduction, where ``callback_name`` is None for a `?rule` alternative that
passes its single child through.  ``lexer_group[state]`` names the
contextual lexer state (the terminals acceptable in that parser state) as an
index into ``groups``: each group is ``(regex sources, keywords)``, the
alternation Lark's lexer compiles and the keyword terminals an IDENTIFIER
match turns into in that state.  ``first_chars[terminal]`` is ``(the ASCII characters its
match may begin with, whether a non-ASCII one may)`` (first_chars.py), for the scanners'
dispatch on the first character (scanners.py).

File format (``FORMAT``): ``symbols`` lists the grammar symbols once; a
state's row is a flat list ``[symbol index, action, ...]`` where an action
``a`` is ``reductions[a]`` below ``len(reductions)`` and the shift/goto target
``a - len(reductions)`` from there on.  The rows are stored end to end as one
base64 string of little-endian 16-bit numbers (``table``), ``row_sizes[state]``
numbers each: 60,000 numbers as JSON integers took JSON's decoder 12 ms at every
start, as bytes they take a fraction of a millisecond, and an unsigned 16-bit
number can only be an integer in range.  States are numbered breadth-first
from the start state, so the file changes only with the grammar.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import stat
import sys
from array import array
from itertools import chain
from typing import Any, Dict, List, Optional, Tuple

from .first_chars import first_chars
from .scanners import alternatives

FORMAT = 7
GRAMMAR_PATH = os.path.join(os.path.dirname(__file__), 'es2017.lark')
SHIPPED_PATH = os.path.join(os.path.dirname(__file__), 'es2017_tables.json')
_NAME = re.compile(r'[A-Za-z_][A-Za-z0-9_]*\Z')


class Tables:
    """The flattened automaton, in the file's compact form (see the module docstring)."""
    __slots__ = ('symbols', 'reductions', 'rows', 'start_state', 'end_state', 'lexer_group',
                 'groups', 'root_group', 'first_chars')

    def __init__(self, symbols: List[str], reductions: List[tuple], rows: List[List[int]],
                 start_state: int, end_state: int, lexer_group: List[int], groups: List[tuple],
                 root_group: tuple, first_chars: Dict[str, Tuple[str, bool]]) -> None:
        self.symbols = symbols
        self.reductions = reductions
        self.rows = rows
        self.start_state = start_state
        self.end_state = end_state
        self.lexer_group = lexer_group
        self.groups = groups
        self.root_group = root_group
        self.first_chars = first_chars

    @property
    def table(self) -> Dict[int, Dict[str, Any]]:
        """``table[state][symbol]``: a shift/goto target or a reduction tuple."""
        actions: List[Any] = self.reductions + list(range(len(self.rows)))
        return {state: {self.symbols[flat[i]]: actions[flat[i + 1]] for i in range(0, len(flat), 2)}
                for state, flat in enumerate(self.rows)}


class TablesError(ValueError):
    """A tables file that is not exactly what ``to_json`` writes."""


def grammar_key(grammar: str) -> str:
    """What a tables file must be stamped with to be used for ``grammar``."""
    text = f'{FORMAT}\n{grammar}'
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


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
            sym = str(sym)   # Lark's names are Token (a str subclass): keep the data Lark-free
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
    return _compact(table, int(parse_table.start_states['start']),
                    int(parse_table.end_states['start']), lexer_group, groups,
                    group_of(contextual.root_lexer))


# -- JSON ------------------------------------------------------------------------------------

def _canonical_order(table: Dict[int, Dict[str, Any]], start_state: int) -> List[int]:
    """Lark's state numbers in breadth-first order from the start state, symbols sorted:
    Lark numbers states in set iteration order, which differs from run to run, and the
    shipped file should change only when the grammar does."""
    order = [start_state]
    seen = {start_state}
    for state in order:
        row = table[state]
        for sym in sorted(row):
            act = row[sym]
            if act.__class__ is int and act not in seen:
                seen.add(act)
                order.append(act)
    for state in sorted(table):
        if state not in seen:   # unreachable states: none in an LALR automaton, kept anyway
            seen.add(state)
            order.append(state)
    return order


def _compact(table: Dict[int, Dict[str, Any]], start_state: int, end_state: int,
             lexer_group: Dict[int, int], groups: List[tuple], root_group: tuple) -> Tables:
    """Lark's automaton in the file's form, independent of Lark's state numbering."""
    order = _canonical_order(table, start_state)
    number = {old: new for new, old in enumerate(order)}
    symbols = sorted({s for row in table.values() for s in row})
    index = {s: i for i, s in enumerate(symbols)}
    reductions: List[tuple] = []
    red_index: Dict[tuple, int] = {}
    group_index: Dict[int, int] = {}
    rows: List[List[int]] = []
    new_lexer_group: List[int] = []
    for state in order:
        flat: List[int] = []
        row = table[state]
        for sym in sorted(row):
            act = row[sym]
            if act.__class__ is int:
                act = -1 - number[act]      # made non-negative below, once all are known
            else:
                i = red_index.get(act)
                if i is None:
                    i = red_index[act] = len(reductions)
                    reductions.append(act)
                act = i
            flat += (index[sym], act)
        rows.append(flat)
        g = lexer_group[state]
        new_lexer_group.append(group_index.setdefault(g, len(group_index)))
    nred = len(reductions)
    for flat in rows:
        flat[1::2] = [a if a >= 0 else nred - 1 - a for a in flat[1::2]]
    new_groups = [groups[g] for g in sorted(group_index, key=group_index.__getitem__)]
    return Tables(symbols, reductions, rows, number[start_state], number[end_state],
                  new_lexer_group, new_groups, root_group, _first_chars([root_group] + new_groups))


def _first_chars(groups: List[tuple]) -> Dict[str, Tuple[str, bool]]:
    """Every terminal's first characters (a terminal has one pattern in every group)."""
    out: Dict[str, Tuple[str, bool]] = {}
    seen: Dict[str, tuple] = {}
    for sources, _keywords in groups:
        for name, text, flags in alternatives(sources):
            if seen.setdefault(name, (text, flags)) != (text, flags):
                raise TablesError(f'terminal {name} has two patterns')
            if name not in out:
                out[name] = first_chars(text, flags)
    return dict(sorted(out.items()))


def _pack(rows: List[List[int]]) -> str:
    """The rows end to end as base64 of little-endian unsigned 16-bit numbers."""
    numbers = array('H', chain.from_iterable(rows))   # OverflowError past 65535
    if sys.byteorder != 'little':
        numbers.byteswap()
    return base64.b64encode(numbers.tobytes()).decode('ascii')


def _unpack(text: Any, sizes: Any) -> List[List[int]]:
    """``_pack``'s rows again, checked: TablesError unless ``text`` is base64 of exactly
    ``sum(sizes)`` numbers and every size is even (symbol, action pairs)."""
    _check(type(text) is str and type(sizes) is list, 'table')
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise TablesError('table: not base64') from None
    _check(len(raw) % 2 == 0, 'table size')
    numbers = array('H')
    numbers.frombytes(raw)
    if sys.byteorder != 'little':
        numbers.byteswap()
    _check(all(type(k) is int and k >= 0 and k % 2 == 0 for k in sizes)
           and sum(sizes) == len(numbers), 'row_sizes')
    rows = []
    at = 0
    for k in sizes:
        rows.append(numbers[at:at + k].tolist())
        at += k
    return rows


def to_json(tables: Tables, grammar: str) -> str:
    """The file form of ``tables``."""
    def group(g: tuple) -> list:
        return [[[src, flags] for src, flags in g[0]], dict(sorted(g[1].items()))]

    import lark
    doc = {'format': FORMAT, 'grammar_sha256': grammar_key(grammar), 'lark': lark.__version__,
           'start_state': tables.start_state, 'end_state': tables.end_state,
           'symbols': tables.symbols, 'reductions': [list(r) for r in tables.reductions],
           'table': _pack(tables.rows), 'row_sizes': [len(flat) for flat in tables.rows],
           'lexer_group': tables.lexer_group,
           'groups': [group(g) for g in tables.groups], 'root_group': group(tables.root_group),
           'first_chars': {name: [chars, non_ascii]
                           for name, (chars, non_ascii) in tables.first_chars.items()}}
    return json.dumps(doc, separators=(',', ':'), ensure_ascii=True)


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise TablesError(what)


def _group_from(g: Any) -> tuple:
    _check(type(g) is list and len(g) == 2 and type(g[0]) is list and type(g[1]) is dict, 'group')
    sources = []
    for item in g[0]:
        _check(type(item) is list and len(item) == 2 and type(item[0]) is str
               and type(item[1]) is int, 'group regex')
        sources.append((item[0], item[1]))
    _check(all(type(k) is str and type(v) is str for k, v in g[1].items()), 'group keywords')
    return (tuple(sources), g[1])


def from_json(text: str, grammar: str) -> Tables:
    """Tables from ``to_json`` output, checked field by field; TablesError if the file is
    for another grammar or format, or malformed in any way."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise TablesError(f'not JSON: {e}') from None
    _check(type(doc) is dict, 'not an object')
    _check(doc.get('format') == FORMAT, 'another format')
    _check(doc.get('grammar_sha256') == grammar_key(grammar), 'another grammar')
    symbols, reds = doc.get('symbols'), doc.get('reductions')
    lexer_group, groups = doc.get('lexer_group'), doc.get('groups')
    start, end = doc.get('start_state'), doc.get('end_state')
    _check(type(symbols) is list and all(type(s) is str for s in symbols), 'symbols')
    _check(type(reds) is list and type(lexer_group) is list and type(groups) is list, 'fields')
    rows = _unpack(doc.get('table'), doc.get('row_sizes'))
    n = len(rows)
    _check(type(start) is int and type(end) is int and 0 <= start < n and 0 <= end < n, 'states')
    reductions: List[tuple] = []
    for r in reds:
        _check(type(r) is list and len(r) == 3 and type(r[0]) is int and r[0] >= 0
               and type(r[1]) is str and (r[2] is None or (type(r[2]) is str
                                                         and _NAME.match(r[2]) is not None
                                                         and not r[2].startswith('_'))),
               'reduction')
        reductions.append((r[0], r[1], r[2]))
    # every table entry is a number 0..65535 (_unpack): check the ranges, in C
    entries = list(chain.from_iterable(rows))
    if entries:
        _check(max(entries[0::2]) < len(symbols) and max(entries[1::2]) < len(reductions) + n,
               'table entry range')
    _check(len(lexer_group) == n, 'lexer_group')
    ngroups = len(groups)
    _check(all(type(g) is int and 0 <= g < ngroups for g in lexer_group), 'lexer_group entry')
    firsts = doc.get('first_chars')
    _check(type(firsts) is dict and all(
        type(v) is list and len(v) == 2 and type(v[0]) is str and type(v[1]) is bool
        for v in firsts.values()), 'first_chars')
    return Tables(symbols, reductions, rows, start, end, lexer_group,
                  [_group_from(g) for g in groups], _group_from(doc.get('root_group')),
                  {name: (v[0], v[1]) for name, v in firsts.items()})


# -- where the tables come from --------------------------------------------------------------

def _private_cache_dir(create: bool) -> Optional[str]:
    """The per-user cache directory, or None if it is not private to this user (owned by
    someone else, or writable by group or others): a shared directory is never used."""
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    if not os.path.isabs(base):
        return None
    d = os.path.join(base, 'fetchflow')
    if create:
        try:
            os.makedirs(d, mode=0o700, exist_ok=True)
        except OSError:
            return None
    try:
        st = os.lstat(d)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_mode & 0o022:
        return None
    if hasattr(os, 'geteuid') and st.st_uid != os.geteuid():
        return None
    return d


def _read_private(path: str) -> Optional[str]:
    """The text of a regular file owned by this user and not writable by others, or None."""
    flags = os.O_RDONLY | getattr(os, 'O_NOFOLLOW', 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, 'rb') as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o022:
            return None
        if hasattr(os, 'geteuid') and st.st_uid != os.geteuid():
            return None
        try:
            return f.read().decode('utf-8')
        except (OSError, UnicodeDecodeError):
            return None


def write_private_bytes(d: str, name: str, data: bytes) -> None:
    """Write ``d/name`` atomically, readable by this user only (a new file, never through a
    link); a failure leaves nothing behind."""
    tmp = os.path.join(d, f'.{name}.{os.getpid()}')
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, 'O_NOFOLLOW', 0), 0o600)
        with os.fdopen(fd, 'wb') as f:
            f.write(data)
        os.replace(tmp, os.path.join(d, name))
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _read_grammar() -> str:
    with open(GRAMMAR_PATH, encoding='utf-8') as f:
        return f.read()


def load() -> Tables:
    """The tables for es2017.lark: the shipped file, else the private cache, else Lark."""
    grammar = _read_grammar()
    try:
        with open(SHIPPED_PATH, encoding='utf-8') as f:
            return from_json(f.read(), grammar)
    except (OSError, TablesError):
        pass    # a development checkout whose grammar changed: see the module docstring
    name = f'es2017-tables-{grammar_key(grammar)[:20]}.json'
    d = _private_cache_dir(create=False)
    if d is not None:
        text = _read_private(os.path.join(d, name))
        if text is not None:
            try:
                return from_json(text, grammar)
            except TablesError:
                pass
    tables = build(grammar)
    d = _private_cache_dir(create=True)
    if d is not None:
        write_private_bytes(d, name, to_json(tables, grammar).encode('utf-8'))
    return tables


def is_fresh() -> bool:
    """Whether the shipped tables file matches the grammar."""
    try:
        with open(SHIPPED_PATH, encoding='utf-8') as f:
            from_json(f.read(), _read_grammar())
        return True
    except (OSError, TablesError):
        return False


def write_shipped() -> str:
    """Rebuild the tables with Lark and write the shipped file; returns its path."""
    grammar = _read_grammar()
    text = to_json(build(grammar), grammar)
    tmp = SHIPPED_PATH + f'.{os.getpid()}'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text + '\n')
    os.replace(tmp, SHIPPED_PATH)
    return SHIPPED_PATH

