"""Character sets and case folding for regular expressions (ES2017 21.2.2.8).

Sets are sorted lists of inclusive ``(lo, hi)`` code point ranges.  ``closure`` applies
Canonicalize (21.2.2.8.2): toUpperCase without ``u``, simple case folding with ``u``.
"""
from __future__ import annotations

import bisect

__all__ = ["MAX_CODE_POINT", "Ranges", "LINE_TERMINATORS", "DIGITS", "WORD", "SPACES",
           "norm", "complement", "intersect", "fold_table", "closure"]

MAX_CODE_POINT = 0x10FFFF

Ranges = list  # list[tuple[int, int]]

LINE_TERMINATORS: Ranges = [(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)]
DIGITS: Ranges = [(0x30, 0x39)]
WORD: Ranges = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
# ES2017 11.2 WhiteSpace (with every Zs) + 11.3 LineTerminator
SPACES: Ranges = [(0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
                  (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
                  (0xFEFF, 0xFEFF)]


def norm(ranges: Ranges) -> Ranges:
    """Sort and merge overlapping or adjacent ranges."""
    out: Ranges = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def complement(ranges: Ranges, top: int) -> Ranges:
    out: Ranges = []
    nxt = 0
    for lo, hi in ranges:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = max(nxt, hi + 1)
    if nxt <= top:
        out.append((nxt, top))
    return out


def intersect(ranges: Ranges, a: int, b: int) -> Ranges:
    return [(max(lo, a), min(hi, b)) for lo, hi in ranges if lo <= b and hi >= a]


# -- case folding (ES2017 21.2.2.8.2 Canonicalize) --------------------------------------------
# Python's Unicode tables (14.0) are older than V8's; these are the mappings V8 (node 20,
# Unicode 15.1+) has and Python lacks, measured against node.
_UPPER_FIXES = {0x19B: 0xA7DC, 0x264: 0xA7CB, 0x1C8A: 0x1C89, 0xA7CD: 0xA7CC, 0xA7CF: 0xA7CE,
                0xA7D3: 0xA7D2, 0xA7D5: 0xA7D4, 0xA7DB: 0xA7DA}
_FOLD_EXTRA_PAIRS = ([(0x19B, 0xA7DC), (0x264, 0xA7CB), (0x390, 0x1FD3), (0x3B0, 0x1FE3),
                      (0x1C89, 0x1C8A), (0xA7CC, 0xA7CD), (0xA7CE, 0xA7CF), (0xA7D2, 0xA7D3),
                      (0xA7D4, 0xA7D5), (0xA7DA, 0xA7DB), (0xFB05, 0xFB06)]
                     + [(c, c + 0x20) for c in range(0x10D50, 0x10D66)]
                     + [(c, c + 0x1B) for c in range(0x16EA0, 0x16EB9)])


def _canon_non_unicode(c: int) -> int:
    """Canonicalize without ``u``: toUpperCase, unless it is not one code unit or maps to ASCII."""
    fix = _UPPER_FIXES.get(c)
    if fix is not None:
        return fix
    s = chr(c).upper()
    if len(s) != 1:
        return c
    cu = ord(s)
    if c >= 128 and cu < 128:
        return c
    return cu


def _simple_fold(c: int) -> int:
    """Canonicalize with ``u``: simple case folding (CaseFolding.txt C+S), from Python's tables."""
    s = chr(c)
    f = s.casefold()
    if len(f) == 1:
        return ord(f)
    low = s.lower()
    if len(low) == 1:
        return ord(low)
    return c


_FOLD_TABLES: dict = {}


def fold_table(unicode: bool) -> tuple:
    """(sorted keys, {code point: all code points with the same canonical value})."""
    t = _FOLD_TABLES.get(unicode)
    if t is not None:
        return t
    groups: dict = {}
    if unicode:
        for c in range(0x20000):  # no cased characters above plane 1
            if 0xD800 <= c <= 0xDFFF:
                continue
            k = _simple_fold(c)
            if k != c or c in groups:
                groups.setdefault(k, {k}).add(c)
        for a, b in _FOLD_EXTRA_PAIRS:
            ga = next((g for g in groups.values() if a in g), None)
            gb = next((g for g in groups.values() if b in g), None)
            if ga is None and gb is None:
                groups[a] = {a, b}
            elif ga is None:
                gb.add(a)  # type: ignore[union-attr]
            elif gb is None:
                ga.add(b)
            elif ga is not gb:
                ga |= gb
                gb.clear()
    else:
        for c in range(0x10000):
            k = _canon_non_unicode(c)
            if k != c:
                groups.setdefault(k, {k}).add(c)
    table: dict = {}
    for g in groups.values():
        if len(g) > 1:
            members = tuple(sorted(g))
            for c in members:
                table[c] = members
    t = (sorted(table), table)
    _FOLD_TABLES[unicode] = t
    return t


def closure(ranges: Ranges, unicode: bool) -> Ranges:
    """Every character whose canonical value equals that of a member (CharacterSetMatcher)."""
    keys, table = fold_table(unicode)
    extra: Ranges = []
    for lo, hi in ranges:
        for k in keys[bisect.bisect_left(keys, lo):bisect.bisect_right(keys, hi)]:
            extra.extend((m, m) for m in table[k])
    if not extra:
        return ranges
    return norm(ranges + extra)

