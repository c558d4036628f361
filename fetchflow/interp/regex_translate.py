"""Translate ES2017 regular expression patterns to Python ``re`` patterns.

Spec: https://tc39.es/ecma262/2017/#sec-patterns (21.2.1 grammar, 21.2.2 semantics) and
https://tc39.es/ecma262/2017/#sec-regular-expressions-patterns (B.1.4, the web-compat
grammar used when the ``u`` flag is absent).

``translate(pattern, flags)`` parses the JS pattern (raising ``RegexSyntaxError`` with
V8's wording for invalid ones) and emits an equivalent Python pattern that is compiled
*without* Python flags: every JS semantic is spelled out explicitly.

* ``\\d \\w \\s .`` become explicit classes (ASCII digits/word characters, JS's
  whitespace set, ``.`` excluding the four line terminators); ``\\b \\B`` are ASCII.
* ``^ $`` become ``\\A \\Z``, or lookarounds for JS's line terminators with ``m``.
* Case-insensitivity is not Python's ``re.I``: each literal and class is closed
  over JS's Canonicalize (toUpperCase without ``u``, simple case folding with
  ``u``; 21.2.2.8.2) and emitted as an explicit class.  Only backreferences keep
  Python's ignore-case comparison (a scoped ``(?i:...)``).
* Backreferences to groups that did not participate match empty in JS
  (``(?(n)\\n)``); references to a later or an enclosing group always match empty.
* Under ``u`` the input is read as code points: the pattern's surrogate pairs are
  one character, and sets are emitted as alternatives that consume a surrogate
  pair as one character and match a lone surrogate only when it is unpaired.

Known differences from JS that a Python ``re`` cannot express (documented, rare):
captures inside a quantified group are not reset at each iteration (JS gives
``/(?:(a)|b)+/.exec("ab")[1] === undefined``, Python keeps ``"a"``), and an empty
iteration of a ``*`` group is not rejected the JS way (``/(a*)*/.exec("b")[1]``).
A single ``re`` call cannot be interrupted: a catastrophic pattern blocks the VM.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Optional

__all__ = ["RegexSyntaxError", "translate", "to_code_units", "MAX_CODE_POINT"]

MAX_CODE_POINT = 0x10FFFF
_MAX_REPEAT = 4294967294  # Python's re accepts counts below _sre.MAXREPEAT (2**32 - 1)


class RegexSyntaxError(Exception):
    """An invalid JS pattern; the caller reports ``Invalid regular expression: /p/: message``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# -- character sets as sorted lists of inclusive (lo, hi) ranges --------------------------------
Ranges = list  # list[tuple[int, int]]

LINE_TERMINATORS: Ranges = [(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)]
DIGITS: Ranges = [(0x30, 0x39)]
WORD: Ranges = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
# ES2017 11.2 WhiteSpace (with every Zs) + 11.3 LineTerminator
SPACES: Ranges = [(0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
                  (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
                  (0xFEFF, 0xFEFF)]


def _norm(ranges: Ranges) -> Ranges:
    """Sort and merge overlapping or adjacent ranges."""
    out: Ranges = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _complement(ranges: Ranges, top: int) -> Ranges:
    out: Ranges = []
    nxt = 0
    for lo, hi in ranges:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = max(nxt, hi + 1)
    if nxt <= top:
        out.append((nxt, top))
    return out


def _intersect(ranges: Ranges, a: int, b: int) -> Ranges:
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


def _fold_table(unicode: bool) -> tuple:
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


def _closure(ranges: Ranges, unicode: bool) -> Ranges:
    """Every character whose canonical value equals that of a member (CharacterSetMatcher)."""
    keys, table = _fold_table(unicode)
    extra: Ranges = []
    for lo, hi in ranges:
        for k in keys[bisect.bisect_left(keys, lo):bisect.bisect_right(keys, hi)]:
            extra.extend((m, m) for m in table[k])
    if not extra:
        return ranges
    return _norm(ranges + extra)


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
    bmp = _intersect(ranges, 0, 0xD7FF) + _intersect(ranges, 0xE000, 0xFFFF)
    leads = _intersect(ranges, 0xD800, 0xDBFF)
    trails = _intersect(ranges, 0xDC00, 0xDFFF)
    astral = _intersect(ranges, 0x10000, MAX_CODE_POINT)
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


_SYNTAX_CHARS = frozenset(map(ord, "^$\\.*+?()[]{}|/"))
_CONTROL_ESCAPES = {ord("f"): 0x0C, ord("n"): 0x0A, ord("r"): 0x0D, ord("t"): 0x09, ord("v"): 0x0B}
_HEX = frozenset(map(ord, "0123456789abcdefABCDEF"))
_DEC = frozenset(map(ord, "0123456789"))
_OCT = frozenset(map(ord, "01234567"))
_ASCII_LETTERS = frozenset(range(0x41, 0x5B)) | frozenset(range(0x61, 0x7B))
_END = -1


def _code_points(s: str) -> list:
    out = []
    i, n = 0, len(s)
    while i < n:
        c = ord(s[i])
        if 0xD800 <= c <= 0xDBFF and i + 1 < n and 0xDC00 <= ord(s[i + 1]) <= 0xDFFF:
            out.append(0x10000 + ((c - 0xD800) << 10) + (ord(s[i + 1]) - 0xDC00))
            i += 2
        else:
            out.append(c)
            i += 1
    return out


def to_code_units(s: str) -> str:
    """``s`` with any astral character split into its surrogate pair (JS strings are UTF-16;
    source text handed over by a parser may not be)."""
    if s.isascii() or all(c <= "\uffff" for c in s):
        return s
    return "".join(c if c <= "\uffff" else
                   chr(0xD800 + ((ord(c) - 0x10000) >> 10)) + chr(0xDC00 + ((ord(c) - 0x10000) & 0x3FF))
                   for c in s)


def _count_groups(src: list) -> int:
    """NcapturingParens: left-capturing parentheses outside classes and escapes."""
    n = 0
    i = 0
    in_class = False
    L = len(src)
    while i < L:
        c = src[i]
        if c == 0x5C:  # backslash
            i += 2
            continue
        if in_class:
            if c == 0x5D:
                in_class = False
        elif c == 0x5B:
            in_class = True
        elif c == 0x28 and (i + 1 >= L or src[i + 1] != 0x3F):
            n += 1
        i += 1
    return n


class _Parser:
    """Recursive descent over ES2017 21.2.1 / B.1.4, emitting Python pattern text."""

    def __init__(self, pattern: str, flags: str) -> None:
        self.u = "u" in flags
        self.i = "i" in flags
        self.m = "m" in flags
        self.src = _code_points(pattern) if self.u else [ord(c) for c in pattern]
        self.n = len(self.src)
        self.pos = 0
        self.ngroups = _count_groups(self.src)
        self.opened = 0
        self.open_stack: list = []
        self.top = MAX_CODE_POINT if self.u else 0xFFFF

    # -- scanning ---------------------------------------------------------------------------
    def peek(self, k: int = 0) -> int:
        p = self.pos + k
        return self.src[p] if p < self.n else _END

    def eat(self, ch: str) -> bool:
        if self.peek() == ord(ch):
            self.pos += 1
            return True
        return False

    def error(self, message: str) -> RegexSyntaxError:
        return RegexSyntaxError(message)

    # -- Pattern, Disjunction, Alternative, Term ---------------------------------------------
    def parse(self) -> str:
        out = self.disjunction()
        if self.pos < self.n:
            raise self.error("Unmatched ')'")
        return out

    def disjunction(self) -> str:
        alts = [self.alternative()]
        while self.eat("|"):
            alts.append(self.alternative())
        return "|".join(alts)

    def alternative(self) -> str:
        parts: list[str] = []
        while True:
            c = self.peek()
            if c == _END or c == 0x7C or c == 0x29:  # | )
                return "".join(parts)
            parts.append(self.term())

    def term(self) -> str:
        c = self.peek()
        if c == 0x5E:  # ^
            self.pos += 1
            self.no_quantifier()
            if self.m:
                return "(?<![^\\n\\r\\u2028\\u2029])"
            return "\\A"
        if c == 0x24:  # $
            self.pos += 1
            self.no_quantifier()
            if self.m:
                return "(?![^\\n\\r\\u2028\\u2029])"
            return "\\Z"
        if c == 0x5C and self.peek(1) in (0x62, 0x42):  # \b \B
            neg = self.peek(1) == 0x42
            self.pos += 2
            self.no_quantifier()
            return self.word_boundary(neg)
        if c == 0x28 and self.peek(1) == 0x3F and self.peek(2) in (0x3D, 0x21):  # (?= (?!
            neg = self.peek(2) == 0x21
            self.pos += 3
            body = self.disjunction()
            if not self.eat(")"):
                raise self.error("Unterminated group")
            text = ("(?!" if neg else "(?=") + body + ")"
            if self.u:
                if self.quantifier_follows():
                    raise self.error("Invalid quantifier")
                return text
            q = self.quantifier()  # B.1.4 QuantifiableAssertion
            if q is None:
                return text
            if q[0] == 0:
                # an iteration matching empty is rejected, so zero iterations (no captures)
                return "(?:" + text + "){0}"
            return text
        atom, single = self.atom()
        q = self.quantifier()
        if q is None:
            return atom
        mn, mx, greedy = q
        if not single:
            atom = "(?:" + atom + ")"
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
        return atom + s + ("" if greedy else "?")

    def word_boundary(self, negated: bool) -> str:
        if self.u and self.i:
            # with u and i, ſ (U+017F) and the Kelvin sign fold to word characters
            w = _class(_closure(WORD, True))
            if negated:
                return "(?:(?<=%s)(?=%s)|(?<!%s)(?!%s))" % (w, w, w, w)
            return "(?:(?<=%s)(?!%s)|(?<!%s)(?=%s))" % (w, w, w, w)
        # Python's \\B never matches in an empty string; JS's does
        return "(?:(?a:\\B)|\\A\\Z)" if negated else "(?a:\\b)"

    # -- Quantifier ---------------------------------------------------------------------------
    def braces(self) -> Optional[tuple]:
        """Parse ``{n}``, ``{n,}``, ``{n,m}`` at pos: (min, max or None, end pos) or None."""
        p = self.pos + 1
        src, n = self.src, self.n
        start = p
        while p < n and src[p] in _DEC:
            p += 1
        if p == start:
            return None
        mn = int("".join(map(chr, src[start:p])))
        mx: Optional[int] = mn
        if p < n and src[p] == 0x2C:
            p += 1
            start = p
            while p < n and src[p] in _DEC:
                p += 1
            mx = int("".join(map(chr, src[start:p]))) if p > start else None
        if p < n and src[p] == 0x7D:
            return mn, mx, p + 1
        return None

    def quantifier(self) -> Optional[tuple]:
        c = self.peek()
        mx: Optional[int]
        if c == 0x2A:
            mn, mx, end = 0, None, self.pos + 1
        elif c == 0x2B:
            mn, mx, end = 1, None, self.pos + 1
        elif c == 0x3F:
            mn, mx, end = 0, 1, self.pos + 1
        elif c == 0x7B:
            b = self.braces()
            if b is None:
                if self.u:
                    raise self.error("Incomplete quantifier")
                return None
            mn, mx, end = b
            if mx is not None and mn > mx:
                raise self.error("numbers out of order in {} quantifier")
        else:
            return None
        self.pos = end
        greedy = not self.eat("?")
        mn = min(mn, _MAX_REPEAT)
        if mx is not None:
            mx = min(mx, _MAX_REPEAT)
        return mn, mx, greedy

    def quantifier_follows(self) -> bool:
        c = self.peek()
        return c in (0x2A, 0x2B, 0x3F) or (c == 0x7B and (self.u or self.braces() is not None))

    def no_quantifier(self) -> None:
        if self.quantifier_follows():
            raise self.error("Nothing to repeat")

    # -- Atom ---------------------------------------------------------------------------------
    def atom(self) -> tuple:
        c = self.peek()
        if c == 0x2E:  # .
            self.pos += 1
            return self.set_text(LINE_TERMINATORS, negated=True, fold=False)
        if c == 0x28:
            return self.group()
        if c == 0x5B:
            return self.char_class()
        if c == 0x5C:
            return self.atom_escape()
        if c in (0x2A, 0x2B, 0x3F):
            raise self.error("Nothing to repeat")
        if c == 0x7B:
            if self.u:
                raise self.error("Nothing to repeat" if self.braces() else "Lone quantifier brackets")
            if self.braces() is not None:
                raise self.error("Nothing to repeat")
        elif c in (0x7D, 0x5D) and self.u:
            raise self.error("Lone quantifier brackets")
        self.pos += 1
        return self.char_text(c)

    def group(self) -> tuple:
        self.pos += 1
        if self.eat("?"):
            if not self.eat(":"):
                # (?<= (?<! (?<name> are ES2018; anything else is no group at all
                raise self.error("Invalid group")
            body = self.disjunction()
            if not self.eat(")"):
                raise self.error("Unterminated group")
            return "(?:" + body + ")", True
        self.opened += 1
        idx = self.opened
        self.open_stack.append(idx)
        body = self.disjunction()
        if not self.eat(")"):
            raise self.error("Unterminated group")
        self.open_stack.pop()
        return "(" + body + ")", True

    def backreference(self, n: int) -> tuple:
        if n > self.opened or n in self.open_stack:
            # a later or an enclosing group has no capture yet: matches empty
            return "(?:)", True
        text = "(?(%d)\\%d)" % (n, n)
        if self.i:
            text = "(?i:" + text + ")"
        return text, True

    def atom_escape(self) -> tuple:
        self.pos += 1  # backslash
        c = self.peek()
        if c == _END:
            raise self.error("\\ at end of pattern")
        s = self.class_escape_set(c)
        if s is not None:
            self.pos += 1
            return self.set_text(*s)
        if c in _DEC and c != 0x30:
            start = self.pos
            p = start
            while p < self.n and self.src[p] in _DEC:
                p += 1
            n = int("".join(map(chr, self.src[start:p])))
            if n <= self.ngroups:
                self.pos = p
                return self.backreference(n)
            if self.u:
                raise self.error("Invalid escape")
            # B.1.4: not a backreference: a legacy octal escape or an identity escape
        return self.char_text(self.character_escape(in_class=False))

    def class_escape_set(self, c: int) -> Optional[tuple]:
        """The set of \\d \\D \\s \\S \\w \\W as (ranges, negated), or None."""
        if c == 0x64:
            return DIGITS, False
        if c == 0x44:
            return DIGITS, True
        if c == 0x73:
            return SPACES, False
        if c == 0x53:
            return SPACES, True
        if c == 0x77:
            return (_closure(WORD, True) if self.u and self.i else WORD), False
        if c == 0x57:
            return (_closure(WORD, True) if self.u and self.i else WORD), True
        return None

    def character_escape(self, in_class: bool) -> int:
        """CharacterEscape (and B.1.4 extensions) after the backslash: a code point.

        ``pos`` is at the character after the backslash; for B.1.4's ``\\c`` without a
        control letter the backslash itself is the result and ``pos`` is left at ``c``.
        """
        c = self.peek()
        v = _CONTROL_ESCAPES.get(c)
        if v is not None:
            self.pos += 1
            return v
        if c == 0x63:  # c
            d = self.peek(1)
            if d in _ASCII_LETTERS or (in_class and not self.u and (d in _DEC or d == 0x5F)):
                self.pos += 2
                return d % 32
            if self.u:
                raise self.error("Invalid Unicode escape")
            return 0x5C
        if c == 0x30 and self.peek(1) not in _DEC:
            self.pos += 1
            return 0
        if c == 0x78:  # x
            if self.peek(1) in _HEX and self.peek(2) in _HEX:
                v = int(chr(self.peek(1)) + chr(self.peek(2)), 16)
                self.pos += 3
                return v
            if self.u:
                raise self.error("Invalid escape")
            self.pos += 1
            return c
        if c == 0x75:  # u
            v2 = self.unicode_escape()
            if v2 is not None:
                return v2
            if self.u:
                raise self.error("Invalid Unicode escape")
            self.pos += 1
            return c
        if self.u:
            if c in _SYNTAX_CHARS or (in_class and c == 0x2D):
                self.pos += 1
                return c
            if c in _DEC:
                raise self.error("Invalid decimal escape" if not in_class else "Invalid class escape")
            raise self.error("Invalid escape")
        if c in _OCT:  # B.1.4 LegacyOctalEscapeSequence
            p = self.pos + 1
            limit = 3 if c <= 0x33 else 2
            while p < self.n and p - self.pos < limit and self.src[p] in _OCT:
                p += 1
            v = int("".join(map(chr, self.src[self.pos:p])), 8)
            self.pos = p
            return v
        self.pos += 1  # B.1.4 IdentityEscape: any character but c
        return c

    def unicode_escape(self) -> Optional[int]:
        """RegExpUnicodeEscapeSequence at ``u``; None (pos unchanged) if malformed."""
        src, p = self.src, self.pos + 1
        if self.u and self.peek(1) == 0x7B:
            q = p + 1
            while q < self.n and src[q] in _HEX:
                q += 1
            if q == p + 1 or q >= self.n or src[q] != 0x7D:
                return None
            v = int("".join(map(chr, src[p + 1:q])), 16)
            if v > MAX_CODE_POINT:
                return None
            self.pos = q + 1
            return v
        if not all(self.peek(k) in _HEX for k in range(1, 5)):
            return None
        v = int("".join(map(chr, src[p:p + 4])), 16)
        self.pos = p + 4
        if self.u and 0xD800 <= v <= 0xDBFF and self.peek() == 0x5C and self.peek(1) == 0x75 \
                and all(self.peek(k) in _HEX for k in range(2, 6)):
            t = int("".join(map(chr, src[self.pos + 2:self.pos + 6])), 16)
            if 0xDC00 <= t <= 0xDFFF:
                self.pos += 6
                return 0x10000 + ((v - 0xD800) << 10) + (t - 0xDC00)
        return v

    # -- CharacterClass -----------------------------------------------------------------------
    def char_class(self) -> tuple:
        self.pos += 1
        negated = self.eat("^")
        ranges: Ranges = []
        while True:
            c = self.peek()
            if c == _END:
                raise self.error("Unterminated character class")
            if c == 0x5D:
                self.pos += 1
                break
            a = self.class_atom()
            if self.peek() == 0x2D and self.peek(1) != 0x5D and self.peek(1) != _END:
                self.pos += 1
                b = self.class_atom()
                if isinstance(a, list) or isinstance(b, list):
                    if self.u:
                        raise self.error("Invalid character class")
                    # B.1.4: a class escape in a range makes both ends and '-' members
                    for x in (a, b, 0x2D):
                        ranges.extend(x if isinstance(x, list) else [(x, x)])
                    continue
                if a > b:
                    raise self.error("Range out of order in character class")
                ranges.append((a, b))
            elif isinstance(a, list):
                ranges.extend(a)
            else:
                ranges.append((a, a))
        return self.set_text(_norm(ranges), negated)

    def class_atom(self) -> int | Ranges:
        """A ClassAtom: a code point, or a list of ranges for a class escape."""
        c = self.peek()
        if c != 0x5C:
            self.pos += 1
            return c
        self.pos += 1
        c = self.peek()
        if c == _END:
            raise self.error("\\ at end of pattern")
        s = self.class_escape_set(c)
        if s is not None:
            self.pos += 1
            return _complement(_norm(s[0]), self.top) if s[1] else list(s[0])
        if c == 0x62:  # \b is backspace in a class
            self.pos += 1
            return 0x08
        if self.u and c == 0x2D:
            self.pos += 1
            return 0x2D
        if c in _DEC and c != 0x30 and not self.u and c not in _OCT:
            self.pos += 1  # \8 \9: identity escapes
            return c
        if self.u and c in _DEC and not (c == 0x30 and self.peek(1) not in _DEC):
            raise self.error("Invalid class escape")
        if self.u and c == 0x42:
            raise self.error("Invalid escape")
        return self.character_escape(in_class=True)

    # -- emitting characters and sets ---------------------------------------------------------
    def char_text(self, c: int) -> tuple:
        """A single pattern character (code unit, or code point under u) as (python, single)."""
        if self.i:
            r = _closure([(c, c)], self.u)
            if len(r) > 1 or r[0][0] != r[0][1]:
                return self.set_text(r, False, fold=False)
        if self.u:
            if c > 0xFFFF:
                c -= 0x10000
                return _lit(0xD800 + (c >> 10)) + _lit(0xDC00 + (c & 0x3FF)), False
            if 0xD800 <= c <= 0xDFFF:
                return _unicode_set([(c, c)])
        return _lit(c), True

    def set_text(self, ranges: Ranges, negated: bool, fold: bool = True) -> tuple:
        """A CharacterSetMatcher (21.2.2.8.1) for ``ranges`` (complemented if ``negated``)."""
        if fold and self.i:
            ranges = _closure(ranges, self.u)
        if not self.u:
            return _class(ranges, negated), True
        if negated:
            ranges = _complement(ranges, MAX_CODE_POINT)
        return _unicode_set(ranges)


@lru_cache(maxsize=1024)
def translate(pattern: str, flags: str) -> tuple:
    """Translate JS ``pattern`` under ``flags`` to (Python pattern text, capturing group count).

    Raises ``RegexSyntaxError`` for a pattern that is invalid under ES2017.
    """
    p = _Parser(to_code_units(pattern), flags)
    try:
        out = p.parse()
    except RecursionError:
        raise RegexSyntaxError("Regular expression too large") from None
    return out, p.ngroups
