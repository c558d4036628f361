"""Which characters a terminal's regex can begin a match with (used when the tables are built).

A lexer group's scanner is an ordered alternation: the first alternative that matches at
the position wins.  An alternative whose match cannot begin with the character at the
position cannot win there, so leaving it out of the alternation tried at that character
changes no answer (scanners.py dispatches on the first character this way: a `;` is then
matched by `(?P<SEMICOLON>;)` alone, not after fifty failed alternatives).

``first_chars(pattern, flags)`` over-approximates: it returns every ASCII character a match
may begin with and whether a non-ASCII one may, and answers "anything" for whatever it does
not model (case-insensitive matching, back references, an alternative that can match the
empty string).  Lookarounds and anchors consume nothing and are skipped, which can only add
characters.  It reads the pattern with the ``re`` module's own parser (``re._parser``,
``sre_parse`` before Python 3.11); it runs when the tables are built, never while parsing.
"""
from __future__ import annotations

import re
from typing import Any, FrozenSet, Tuple

try:                                   # Python 3.11+
    from re import _constants as _c, _parser as _sre_parse   # type: ignore[attr-defined]
except ImportError:                    # pragma: no cover - Python 3.10
    import sre_constants as _c         # type: ignore[no-redef]
    import sre_parse as _sre_parse     # type: ignore[no-redef]

__all__ = ["first_chars", "ANY"]

_ASCII = frozenset(map(chr, range(128)))
#: the answer "any character"
ANY: Tuple[str, bool] = (''.join(sorted(_ASCII)), True)

_Firsts = Tuple[FrozenSet[str], bool, bool]     # ASCII characters, non-ASCII?, can be empty?


class _Unknown(Exception):
    """A construct the analysis does not model: the answer is ANY."""


def _category(cat: Any, flags: int) -> Tuple[FrozenSet[str], bool]:
    """An escape class (\\d \\w \\s and their negations): its ASCII members, found by matching
    each ASCII character against the class itself; any such class may hold non-ASCII ones."""
    escapes = {_c.CATEGORY_DIGIT: r'\d', _c.CATEGORY_NOT_DIGIT: r'\D',
               _c.CATEGORY_SPACE: r'\s', _c.CATEGORY_NOT_SPACE: r'\S',
               _c.CATEGORY_WORD: r'\w', _c.CATEGORY_NOT_WORD: r'\W'}
    text = escapes.get(cat)
    if text is None:
        raise _Unknown(cat)
    rx = re.compile(text, flags)
    return frozenset(ch for ch in _ASCII if rx.match(ch)), True


def _in(items: Any, flags: int) -> Tuple[FrozenSet[str], bool]:
    chars: set = set()
    non_ascii = False
    negate = False
    for op, av in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            if av < 128:
                chars.add(chr(av))
            else:
                non_ascii = True
        elif op is _c.RANGE:
            lo, hi = av
            chars.update(chr(x) for x in range(lo, min(hi, 127) + 1))
            non_ascii = non_ascii or hi >= 128
        elif op is _c.CATEGORY:
            more, na = _category(av, flags)
            chars |= more
            non_ascii = non_ascii or na
        else:
            raise _Unknown(op)
    if negate:
        return _ASCII - chars, True
    return frozenset(chars), non_ascii


def _sequence(items: Any, flags: int) -> _Firsts:
    """First characters of a sequence of nodes, and whether it can match the empty string."""
    chars: FrozenSet[str] = frozenset()
    non_ascii = False
    for op, av in items:
        more, na, empty = _node(op, av, flags)
        chars |= more
        non_ascii = non_ascii or na
        if not empty:
            return chars, non_ascii, False
    return chars, non_ascii, True


def _node(op: Any, av: Any, flags: int) -> _Firsts:
    if op is _c.LITERAL:
        return (frozenset(chr(av)), False, False) if av < 128 else (frozenset(), True, False)
    if op is _c.IN:
        chars, non_ascii = _in(av, flags)
        return chars, non_ascii, False
    if op is _c.NOT_LITERAL:
        return _ASCII - {chr(av)}, True, False
    if op is _c.ANY:
        return _ASCII, True, False
    if op is _c.BRANCH:
        chars: FrozenSet[str] = frozenset()
        non_ascii = empty = False
        for branch in av[1]:
            more, na, e = _sequence(branch, flags)
            chars |= more
            non_ascii = non_ascii or na
            empty = empty or e
        return chars, non_ascii, empty
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unknown('(?i)')
        return _sequence(sub, flags | add_flags)
    if op is getattr(_c, 'ATOMIC_GROUP', None):
        return _sequence(av, flags)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, 'POSSESSIVE_REPEAT', None):
        lo, _hi, sub = av
        chars, non_ascii, empty = _sequence(sub, flags)
        return chars, non_ascii, empty or lo == 0
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return frozenset(), False, True     # consumes nothing: skipping it only adds characters
    raise _Unknown(op)


def first_chars(pattern: str, flags: int) -> Tuple[str, bool]:
    """(the ASCII characters a match of ``pattern`` may begin with, as one sorted string;
    whether it may begin with a non-ASCII character); ANY when in doubt."""
    if flags & re.IGNORECASE:
        return ANY
    try:
        chars, non_ascii, empty = _sequence(_sre_parse.parse(pattern, flags), flags)
    except (_Unknown, re.error, TypeError, ValueError):
        return ANY
    if empty:
        return ANY
    return ''.join(sorted(chars)), non_ascii
