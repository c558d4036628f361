"""The contextual lexer's scanners: one per lexer group, dispatching on the first character.

Each parser state lexes with the alternation of the terminals it accepts (its group, see
tables.py); the root group holds every terminal.  Python's ``re`` tries an alternation's
branches one after the other, so a `;` met by a group of sixty terminals was matched after
fifty-odd failed branches (2 µs; the identifier that comes first, 0.4 µs).  A ``Scanner``
therefore keeps, per first character, the alternation of only those alternatives whose match
can begin with that character (``first_chars.py``, computed when the tables are built), in
the group's order.  An alternative left out cannot match there, so the first alternative
that matches is the same one: the answer is the group's own, for every input.

The small alternations are compiled on first use and shared by every group that has the same
one (most characters begin one or two terminals), so a short script compiles a few tiny
regexes instead of a dozen alternations of sixty branches (0.4-2 ms each).
"""
from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Optional, Tuple

__all__ = ["Scanner", "alternatives"]

_NAMED = re.compile(r'\(\?P<(\w+)>')
Match = Callable[[str, int], Optional[Any]]
#: for a character no alternative of the group can begin with
_NOTHING: Match = re.compile('(?!)').match


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


class Scanner(dict):
    """One lexer group: ``scanner[ch](source, pos)`` matches the group's token at ``pos``, where
    ``ch`` is ``source[pos]`` (a ``re.Match`` whose ``lastgroup`` names the terminal, or None).

    ``firsts`` maps a terminal to ``(ASCII characters its match may begin with, whether a
    non-ASCII one may)``; a terminal missing from it may begin with anything.  ``compiled``
    is shared between the scanners of one parser: alternation text and flags -> match."""
    __slots__ = ('alts', 'keywords', 'compiled', '_non_ascii')

    def __init__(self, group: tuple, firsts: Dict[str, Tuple[str, bool]],
                 compiled: Dict[tuple, Match]) -> None:
        super().__init__()
        sources, self.keywords = group
        self.alts = [(text, flags, firsts.get(name)) for name, text, flags in alternatives(sources)]
        self.compiled = compiled
        self._non_ascii: Optional[Match] = None

    def __missing__(self, ch: str) -> Match:
        if ch < '\x80':
            match = self[ch] = self._build([(text, flags) for text, flags, f in self.alts
                                            if f is None or ch in f[0]])
            return match
        # non-ASCII: one alternation for all of them, not kept per character
        match = self._non_ascii
        if match is None:
            match = self._non_ascii = self._build([(text, flags) for text, flags, f in self.alts
                                                   if f is None or f[1]])
        return match

    def _build(self, alts: List[Tuple[str, int]]) -> Match:
        if not alts:
            return _NOTHING
        key = tuple(alts)
        match = self.compiled.get(key)
        if match is None:
            # consecutive alternatives with the same flags share one alternation (Lark gives
            # a group one flags value; several runs would be tried in order all the same)
            runs: List[Tuple[List[str], int]] = []
            for text, flags in alts:
                if runs and runs[-1][1] == flags:
                    runs[-1][0].append(text)
                else:
                    runs.append(([text], flags))
            matches = [re.compile('|'.join(texts), flags).match for texts, flags in runs]
            match = matches[0] if len(matches) == 1 else _first_of(matches)
            self.compiled[key] = match
        return match

    def match(self, source: str, pos: int) -> Optional[Any]:
        """The token at ``pos`` (None at the end of ``source``)."""
        return self[source[pos]](source, pos) if pos < len(source) else None


def _first_of(matches: List[Match]) -> Match:
    def match_any(source: str, pos: int) -> Optional[Any]:
        for match in matches:
            m = match(source, pos)
            if m is not None:
                return m
        return None
    return match_any
