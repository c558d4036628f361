"""Which patterns risk catastrophic backtracking (super-linear time in a backtracking matcher).

A backtracking matcher (Python's ``re`` and fetchflow's ``regex_match`` alike) is
exponential when the input can be split between the iterations of a quantifier in many
ways, and polynomial of high degree when adjacent quantifiers can share characters.
``redos_risk(tree)`` names the first such shape it finds in a parsed pattern, or returns
None; a flagged pattern runs on ``regex_match``, which polls the VM's limits, instead of
an uninterruptible ``re`` call.  The analysis is conservative (it may flag a pattern that
is in fact linear, which only costs speed) and covers:

* **ambiguous iteration**: inside a quantifier that may iterate more than once,
  - a variable-count quantifier whose characters can also follow it within the iteration,
    or start the next iteration (``(a+)+``, ``(\\w+\\s?)+``, ``(x+x+)+``, ``(a?a)+``);
  - an alternation whose alternatives can start with the same character or match empty
    (``(a|a)*``, ``(a|aa)+``, ``(.|\\s)*``);
  - a backreference (its text is not known statically);
* **adjacent unbounded quantifiers** that can match the same characters, with only
  nullable terms between them (``\\d+\\d+x``, ``\\w+\\s*\\w+``): cubic in a search.

Not flagged, and left on ``re``: one unbounded quantifier whose failure is found only at
the end (``/\\s+$/`` on a long run of spaces is quadratic in a search, about 3 s for 20,000
characters); a single ``re`` call cannot be interrupted, so that time is not bounded by
``max_time``.
"""
from __future__ import annotations

from typing import Optional

from .regex_charsets import MAX_CODE_POINT, Ranges, complement, norm
from .regex_parse import Alt, Backref, Char, CharSet, Group, Look, Node, Repeat, Seq

__all__ = ["redos_risk", "first_chars", "needs_backtracker"]

_ANY: Ranges = [(0, MAX_CODE_POINT)]


def _overlap(a: Ranges, b: Ranges) -> bool:
    """Whether two normalised range lists share a character."""
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] < b[j][0]:
            i += 1
        elif b[j][1] < a[i][0]:
            j += 1
        else:
            return True
    return False


def _first(node: Node) -> tuple:
    """(characters that can start a match of ``node``, whether it can match empty)."""
    t = type(node)
    if t is Char:
        return [(node.c, node.c)], False  # type: ignore[attr-defined]
    if t is CharSet:
        r = node.ranges  # type: ignore[attr-defined]
        return (complement(r, MAX_CODE_POINT) if node.negated else r), False  # type: ignore[attr-defined]
    if t is Seq:
        out: Ranges = []
        for item in node.items:  # type: ignore[attr-defined]
            f, nullable = _first(item)
            out += f
            if not nullable:
                return norm(out), False
        return norm(out), True
    if t is Alt:
        out, any_nullable = [], False
        for alt in node.alts:  # type: ignore[attr-defined]
            f, nullable = _first(alt)
            out += f
            any_nullable = any_nullable or nullable
        return norm(out), any_nullable
    if t is Group:
        return _first(node.body)  # type: ignore[attr-defined]
    if t is Repeat:
        if node.hi == 0:  # type: ignore[attr-defined]
            return [], True
        f, nullable = _first(node.body)  # type: ignore[attr-defined]
        return f, nullable or node.lo == 0  # type: ignore[attr-defined]
    if t is Backref:
        return _ANY, True
    # Look, Anchor, Empty consume nothing
    return [], True


def first_chars(tree: Node) -> Optional[Ranges]:
    """The characters every match of ``tree`` starts with, or None if it can match empty."""
    f, nullable = _first(tree)
    return None if nullable else f


def needs_backtracker(tree: Node, unicode: bool) -> bool:
    """Whether ``tree`` has a lookbehind that Python's ``re`` cannot run with JS semantics.

    ``re`` takes only fixed-width lookbehinds and matches them left to right; that is the
    same as JS's right-to-left match when the body has a fixed width and no captures or
    backreferences (only whether it matches is seen).  Under ``u`` a character may be one
    or two code units, so every lookbehind runs on ``regex_match``."""
    t = type(tree)
    if t is Look:
        if tree.behind and (unicode or _width(tree.body) is None):  # type: ignore[attr-defined]
            return True
        return needs_backtracker(tree.body, unicode)  # type: ignore[attr-defined]
    if t is Seq:
        return any(needs_backtracker(x, unicode) for x in tree.items)  # type: ignore[attr-defined]
    if t is Alt:
        return any(needs_backtracker(x, unicode) for x in tree.alts)  # type: ignore[attr-defined]
    if t is Group or t is Repeat:
        return needs_backtracker(tree.body, unicode)  # type: ignore[attr-defined]
    return False


def _width(node: Node) -> Optional[int]:
    """The fixed number of code units ``node`` matches, or None if it varies, captures or
    refers to a capture (outside ``u``)."""
    t = type(node)
    if t is Char or t is CharSet:
        return 1
    if t is Seq or t is Alt:
        widths = [_width(x) for x in (node.items if t is Seq else node.alts)]  # type: ignore[attr-defined]
        if None in widths:
            return None
        if t is Seq:
            return sum(widths)  # type: ignore[arg-type]
        return widths[0] if len(set(widths)) == 1 else None
    if t is Group:
        return None if node.index else _width(node.body)  # type: ignore[attr-defined]
    if t is Repeat:
        w = _width(node.body)  # type: ignore[attr-defined]
        if w is None or node.count or (node.lo != node.hi and w):  # type: ignore[attr-defined]
            return None
        return w * node.lo  # type: ignore[attr-defined]
    if t is Look:
        return 0 if _width(node.body) is not None or not node.behind else None  # type: ignore[attr-defined]
    if t is Backref:
        return None
    return 0  # Anchor, Empty


def _iterates(node: Node) -> bool:
    return type(node) is Repeat and (node.hi is None or node.hi > 1)  # type: ignore[attr-defined]


def _variable(node: Node) -> bool:
    return type(node) is Repeat and node.lo != node.hi and node.hi != 0  # type: ignore[attr-defined]


def redos_risk(tree: Node) -> Optional[str]:
    """Why ``tree`` may backtrack catastrophically, or None if it is linear-ish."""
    return _check(tree, None)


def _check(node: Node, follow: Optional[Ranges]) -> Optional[str]:
    """Walk ``node``; ``follow`` is None outside any iterating quantifier, else the characters
    that can come next within the innermost iteration (including the next iteration's
    start)."""
    t = type(node)
    if t is Seq:
        items = node.items  # type: ignore[attr-defined]
        why = _adjacent_unbounded(items)
        if why:
            return why
        follows: list = [None] * len(items)
        if follow is not None:
            # what can come after each term: the next terms up to the first non-nullable one
            acc = follow
            for k in range(len(items) - 1, -1, -1):
                follows[k] = acc
                f, nullable = _first(items[k])
                acc = norm(f + acc) if nullable else f
        for item, f in zip(items, follows):
            why = _check(item, f)
            if why:
                return why
        return None
    if t is Alt:
        alts = node.alts  # type: ignore[attr-defined]
        if follow is not None:
            firsts = [_first(a) for a in alts]
            for i in range(len(firsts)):
                for j in range(i + 1, len(firsts)):
                    (fi, ni), (fj, nj) = firsts[i], firsts[j]
                    if ni or nj or _overlap(fi, fj):
                        return "alternatives that can match the same text under a quantifier"
        for a in alts:
            why = _check(a, follow)
            if why:
                return why
        return None
    if t is Group:
        return _check(node.body, follow)  # type: ignore[attr-defined]
    if t is Look:
        return _check(node.body, None)  # type: ignore[attr-defined]  # atomic: no re-entry
    if t is Backref:
        return "a backreference under a quantifier" if follow is not None else None
    if t is Repeat:
        if node.hi == 0:  # type: ignore[attr-defined]
            return None
        body = node.body  # type: ignore[attr-defined]
        if follow is not None and _variable(node):
            f, nullable = _first(body)
            if nullable or _overlap(f, follow):
                return "nested quantifiers that can match the same text"
        if _iterates(node):
            # within the body, what follows may be the next iteration's start
            f, _ = _first(body)
            inner = norm(f + (follow or []))
            return _check(body, inner)
        return _check(body, follow)
    return None  # Char, CharSet, Anchor, Empty


def _adjacent_unbounded(items: list) -> Optional[str]:
    """Two unbounded quantifiers, with only nullable terms between them, where the first
    can end with a character the second can start with."""
    open_last: Ranges = []  # last characters of unbounded quantifiers reachable without consuming
    for item in items:
        while type(item) is Group and type(item.body) in (Group, Repeat):
            item = item.body
        unbounded = type(item) is Repeat and item.hi is None
        if unbounded and _overlap(_first(item.body)[0], open_last):
            return "adjacent unbounded quantifiers that can match the same text"
        if not _first(item)[1]:
            open_last = []
        if unbounded:
            open_last = norm(open_last + _first(_reversed(item.body))[0])
    return None


def _reversed(node: Node) -> Node:
    """``node`` with every sequence reversed: its first set is ``node``'s last characters."""
    t = type(node)
    if t is Seq:
        return Seq([_reversed(x) for x in reversed(node.items)])  # type: ignore[attr-defined]
    if t is Alt:
        return Alt([_reversed(x) for x in node.alts])  # type: ignore[attr-defined]
    if t is Group:
        return Group(0, _reversed(node.body))  # type: ignore[attr-defined]
    if t is Repeat:
        return Repeat(_reversed(node.body), node.lo, node.hi, True, 0, 0)  # type: ignore[attr-defined]
    return node
