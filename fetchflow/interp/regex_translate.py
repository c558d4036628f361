"""Translate JS regular expression patterns to Python ``re`` patterns.

Spec: https://tc39.es/ecma262/2017/#sec-patterns (21.2.1 grammar, 21.2.2 semantics) and
https://tc39.es/ecma262/2017/#sec-regular-expressions-patterns (B.1.4, the web-compat
grammar used when the ``u`` flag is absent).

``translate(pattern, flags)`` parses the JS pattern (``regex_parse``, raising
``RegexSyntaxError`` with V8's wording for invalid ones) and emits an equivalent Python
pattern that is compiled *without* Python flags: every JS semantic is spelled out explicitly.

* ``\\d \\w \\s .`` become explicit classes (ASCII digits/word characters, JS's
  whitespace set, ``.`` excluding the four line terminators); ``\\b \\B`` are ASCII.
* ``^ $`` become ``\\A \\Z``, or lookarounds for JS's line terminators with ``m``.
* Case-insensitivity is not Python's ``re.I``: each literal and class is closed
  over JS's Canonicalize (toUpperCase without ``u``, simple case folding with
  ``u``; 21.2.2.8.2) and emitted as an explicit class.  Only backreferences keep
  Python's ignore-case comparison (a scoped ``(?i:...)``).
* Named groups are numbered groups (the names are kept beside the pattern); ``s`` makes
  ``.`` a class of every character; ``\\p{…}`` is a class like any other.
* A lookbehind is Python's only when it has a fixed width and no captures or
  backreferences, and not under ``u`` (``regex_analysis.needs_backtracker``); any other
  runs on ``regex_match``, which matches lookbehinds right to left as JS does.
* Backreferences to groups that did not participate match empty in JS
  (``(?(n)\\n)``); references to a later or an enclosing group always match empty.
* Under ``u`` the input is read as code points: the pattern's surrogate pairs are
  one character, and sets are emitted as alternatives that consume a surrogate
  pair as one character and match a lone surrogate only when it is unpaired.

Known differences from JS that a Python ``re`` cannot express (documented, rare):
captures inside a quantified group are not reset at each iteration (JS gives
``/(?:(a)|b)+/.exec("ab")[1] === undefined``, Python keeps ``"a"``), and an empty
iteration of a ``*`` group is not rejected the JS way (``/(a*)*/.exec("b")[1]``).
A single ``re`` call cannot be interrupted, so patterns at risk of catastrophic
backtracking (``regex_analysis``) run on ``regex_match`` instead, which polls the limits.
"""
from __future__ import annotations

from functools import lru_cache

from .regex_charsets import MAX_CODE_POINT, WORD, Ranges, complement, intersect
from .regex_parse import (Alt, Anchor, Backref, Char, CharSet, Empty, Group, Look, Node, Repeat,
                          RegexSyntaxError, Seq, parse_pattern, to_code_units)

__all__ = ["RegexSyntaxError", "translate", "to_python", "to_code_units", "MAX_CODE_POINT"]


# -- emitting Python syntax ------------------------------------------------------------------
def _lit(c: int) -> str:
    """One code unit as Python pattern text, escaped so it is literal in and out of classes."""
    if c < 0x80 and (chr(c).isalnum() or c == 0x5F):
        return chr(c)
    if c < 0x100:
        return "\\x%02x" % c
    return "\\u%04x" % c


def _class(ranges: Ranges, negated: bool = False) -> str:
    """A Python character class for code-unit ranges (all within 0..0xFFFF)."""
    if not negated and len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
        return _lit(ranges[0][0])
    if not ranges:
        return "[\\x00-\\uffff]" if negated else "(?!)"
    body = "".join(_lit(lo) if lo == hi else _lit(lo) + ("-" if hi > lo + 1 else "") + _lit(hi)
                   for lo, hi in ranges)
    return ("[^" if negated else "[") + body + "]"


_LEADS = "[\\ud800-\\udbff]"
_TRAILS = "[\\udc00-\\udfff]"


def _unicode_set(ranges: Ranges) -> tuple:
    """Code-point ranges as (python, single_atom) matching one code point of a UTF-16 string."""
    bmp = intersect(ranges, 0, 0xD7FF) + intersect(ranges, 0xE000, 0xFFFF)
    leads = intersect(ranges, 0xD800, 0xDBFF)
    trails = intersect(ranges, 0xDC00, 0xDFFF)
    astral = intersect(ranges, 0x10000, MAX_CODE_POINT)
    alts = []
    for lo, hi in astral:
        lo_l, lo_t = 0xD800 + ((lo - 0x10000) >> 10), 0xDC00 + ((lo - 0x10000) & 0x3FF)
        hi_l, hi_t = 0xD800 + ((hi - 0x10000) >> 10), 0xDC00 + ((hi - 0x10000) & 0x3FF)
        if lo_l == hi_l:
            alts.append(_lit(lo_l) + _class([(lo_t, hi_t)]))
            continue
        if lo_t != 0xDC00:
            alts.append(_lit(lo_l) + _class([(lo_t, 0xDFFF)]))
            lo_l += 1
        last = ""
        if hi_t != 0xDFFF:
            last = _lit(hi_l) + _class([(0xDC00, hi_t)])
            hi_l -= 1
        if lo_l <= hi_l:
            alts.append(_class([(lo_l, hi_l)]) + _TRAILS)
        if last:
            alts.append(last)
    if bmp:
        alts.append(_class(bmp))
    if leads:
        alts.append(_class(leads) + "(?!" + _TRAILS + ")")
    if trails:
        alts.append("(?<!" + _LEADS + ")" + _class(trails))
    if not alts:
        return "(?!)", True
    if len(alts) == 1 and not astral and not leads and not trails:
        return alts[0], True
    return "(?:" + "|".join(alts) + ")", True



_LT = "[^\\n\\r\\u2028\\u2029]"


def _emit(node: Node, u: bool) -> tuple:
    """Python text for a node: (text, single), ``single`` if a quantifier may follow it bare."""
    t = type(node)
    if t is Char:
        c = node.c  # type: ignore[attr-defined]
        if u:
            if c > 0xFFFF:
                c -= 0x10000
                return _lit(0xD800 + (c >> 10)) + _lit(0xDC00 + (c & 0x3FF)), False
            if 0xD800 <= c <= 0xDFFF:
                return _unicode_set([(c, c)])
        return _lit(c), True
    if t is CharSet:
        ranges, negated = node.ranges, node.negated  # type: ignore[attr-defined]
        if not u:
            return _class(ranges, negated), True
        if negated:
            ranges = complement(ranges, MAX_CODE_POINT)
        return _unicode_set(ranges)
    if t is Seq:
        return "".join(_emit(x, u)[0] for x in node.items), False  # type: ignore[attr-defined]
    if t is Alt:
        return "|".join(_emit(x, u)[0] for x in node.alts), False  # type: ignore[attr-defined]
    if t is Empty:
        return "", False
    if t is Group:
        body = _emit(node.body, u)[0]  # type: ignore[attr-defined]
        return ("(" if node.index else "(?:") + body + ")", True  # type: ignore[attr-defined]
    if t is Repeat:
        return _emit_repeat(node, u), False  # type: ignore[arg-type]
    if t is Look:
        body = _emit(node.body, u)[0]  # type: ignore[attr-defined]
        # a lookbehind reaches here only when ``needs_backtracker`` says re runs it as JS does
        opener = ("(?<!" if node.negated else "(?<=") if node.behind else (  # type: ignore[attr-defined]
            "(?!" if node.negated else "(?=")  # type: ignore[attr-defined]
        return opener + body + ")", False
    if t is Anchor:
        return _emit_anchor(node), False  # type: ignore[arg-type]
    if t is Backref:
        n = node.n  # type: ignore[attr-defined]
        # a reference to a group that did not participate matches empty (21.2.2.9 step 5)
        text = "(?(%d)\\%d)" % (n, n)
        return ("(?i:" + text + ")" if node.icase else text), True  # type: ignore[attr-defined]
    raise TypeError(t)


def _emit_repeat(node: Repeat, u: bool) -> str:
    atom, single = _emit(node.body, u)
    if not single:
        atom = "(?:" + atom + ")"
    mn, mx = node.lo, node.hi
    if mn == 0 and mx is None:
        s = "*"
    elif mn == 1 and mx is None:
        s = "+"
    elif mn == 0 and mx == 1:
        s = "?"
    elif mx is None:
        s = "{%d,}" % mn
    elif mn == mx:
        s = "{%d}" % mn
    else:
        s = "{%d,%d}" % (mn, mx)
    return atom + s + ("" if node.greedy else "?")


def _emit_anchor(node: Anchor) -> str:
    kind = node.kind
    if kind == "^":
        return "(?<!" + _LT + ")" if node.multiline else "\\A"
    if kind == "$":
        return "(?!" + _LT + ")" if node.multiline else "\\Z"
    negated = kind == "B"
    if node.word != WORD:
        # with u and i, ſ and the Kelvin sign fold to word characters
        w = _class(node.word)
        if negated:
            return "(?:(?<=%s)(?=%s)|(?<!%s)(?!%s))" % (w, w, w, w)
        return "(?:(?<=%s)(?!%s)|(?<!%s)(?=%s))" % (w, w, w, w)
    # Python's \\B never matches in an empty string; JS's does
    return "(?:(?a:\\B)|\\A\\Z)" if negated else "(?a:\\b)"


def to_python(tree: Node, flags: str) -> str:
    """Python ``re`` text (compiled without flags) for a parsed pattern."""
    return _emit(tree, "u" in flags)[0]


@lru_cache(maxsize=1024)
def translate(pattern: str, flags: str) -> tuple:
    """Translate JS ``pattern`` under ``flags`` to (Python pattern text, capturing group count).

    Raises ``RegexSyntaxError`` for an invalid pattern.
    """
    tree, ngroups = parse_pattern(to_code_units(pattern), flags)
    return to_python(tree, flags), ngroups
