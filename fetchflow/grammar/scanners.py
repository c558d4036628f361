"""The contextual lexer's scanners: one compiled alternation per lexer group.

Each parser state lexes with the alternation of the terminals it accepts (its group, see
tables.py); the root group holds every terminal.  Compiling a group's alternation takes
0.4-2 ms, and a short script meets a dozen groups: compiling them was most of a first
parse.  So a group starts as a ``RootView``: the root scanner, compiled once, answers for it
while the terminal it matches belongs to the group, and the group's own alternation is
compiled when it does not, or once the group has lexed ``RootView.BUDGET`` tokens (its own,
shorter alternation is the faster one for a long script).

Why the root scanner's answer is the group's: a scanner tries its alternatives in order and
takes the first that matches (``re`` alternation, not longest match), Lark orders every
group's terminals by the same key, and each alternative is matched on its own.  If a
group's alternatives are the root's alternatives of the same names, in the root's order
(``is_root_subsequence``), then whenever the root's first match is a terminal of the group,
every alternative the group tries before it comes before it in the root too and did not
match: the group would have matched the same terminal and text.  A group with an
alternative the root lacks (a keyword spelled out in a state that accepts no identifier,
such as ``in`` after a for-in head) never uses the root.
"""
from __future__ import annotations

import re
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

__all__ = ["Scanner", "RootView", "alternatives", "is_root_subsequence"]

_NAMED = re.compile(r'\(\?P<(\w+)>')


class Scanner:
    """One lexer group: its compiled alternation and keywords."""
    __slots__ = ('regexes', 'keywords', 'match')

    def __init__(self, group: tuple) -> None:
        sources, self.keywords = group
        self.regexes = tuple(re.compile(pattern, flags) for pattern, flags in sources)
        # Lark splits an alternation only past Python's old 100-group limit
        self.match = self.regexes[0].match if len(self.regexes) == 1 else self._match_any

    def _match_any(self, source: str, pos: int) -> Any:
        for rx in self.regexes:
            m = rx.match(source, pos)
            if m is not None:
                return m
        return None


def alternatives(sources: Any) -> List[Tuple[str, str, int]]:
    """A group's alternatives in order: ``(terminal, its "(?P<name>...)" text, flags)``.

    Lark joins ``(?P<NAME>pattern)`` per terminal with ``|`` (split into several regexes
    past 100 terminals), and no terminal pattern holds a named group of its own."""
    out = []
    for src, flags in sources:
        starts = list(_NAMED.finditer(src))
        for i, m in enumerate(starts):
            end = starts[i + 1].start() - 1 if i + 1 < len(starts) else len(src)
            out.append((m.group(1), src[m.start():end], flags))
    return out


def is_root_subsequence(group: List[Tuple[str, str, int]],
                        root: Dict[str, Tuple[int, str, int]]) -> bool:
    """Whether every alternative of ``group`` is the root's alternative of that name (same
    pattern, same flags) and they come in the root's order (``root``: name -> (position,
    text, flags))."""
    last = -1
    for name, text, flags in group:
        r = root.get(name)
        if r is None or r[1] != text or r[2] != flags or r[0] <= last:
            return False
        last = r[0]
    return True


class RootView:
    """A group answered by the root scanner until its own alternation is compiled (see the
    module docstring); ``compile_group`` replaces it, in every state that uses it."""
    __slots__ = ('names', 'keywords', 'root_match', 'compile_group', 'left', 'states')

    BUDGET = 64   # tokens lexed through the root before the group compiles its own scanner

    def __init__(self, names: FrozenSet[str], keywords: dict, root_match: Any,
                 compile_group: Any) -> None:
        self.names = names
        self.keywords = keywords
        self.root_match = root_match
        self.compile_group = compile_group      # () -> the group's Scanner, installed
        self.left = self.BUDGET
        self.states: List[Any] = []             # parser states whose scanner this is

    def match(self, source: str, pos: int) -> Optional[Any]:
        self.left -= 1
        if self.left > 0:
            m = self.root_match(source, pos)
            if m is not None and m.lastgroup in self.names:
                return m
        return self.compile_group().match(source, pos)
