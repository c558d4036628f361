"""The regular expression grammar (ES2023, without the ``v`` flag), parsed to a small tree.

Spec: https://tc39.es/ecma262/2023/#sec-patterns (22.2.1 grammar) and
https://tc39.es/ecma262/2023/#sec-regular-expressions-patterns (B.1.2, the web-compat
grammar used when the ``u`` flag is absent).  Beyond ES2017: named groups ``(?<name>)``
and ``\\k<name>``, lookbehind ``(?<= )`` ``(?<! )``, the ``s`` flag, and the property
escapes ``\\p{…}`` ``\\P{…}`` under ``u`` (``regex_unicode``).

``parse_pattern(pattern, flags)`` returns ``(tree, ncapturing_parens)`` and
``parse_pattern_names`` also the group names, or they raise ``RegexSyntaxError`` with
V8's wording.  The tree already carries the static decisions of
21.2.2: case-insensitive sets are closed over Canonicalize, ``\\d \\w \\s .`` are
explicit sets, references to a later (outside lookbehind) or an enclosing group are
empty, and a quantified
lookahead (B.1.4 QuantifiableAssertion) is reduced to what it can match.  Two back ends
read it: ``regex_translate`` (Python ``re`` text) and ``regex_match`` (fetchflow's own
backtracking matcher).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .regex_charsets import (DIGITS, LINE_TERMINATORS, MAX_CODE_POINT, SPACES, WORD, Ranges,
                             closure, complement, norm)
from .regex_unicode import property_escape_ranges

__all__ = ["RegexSyntaxError", "parse_pattern", "parse_pattern_names", "to_code_units", "code_points", "Node", "Empty",
           "Char", "CharSet", "Seq", "Alt", "Group", "Repeat", "Look", "Anchor", "Backref"]

MAX_REPEAT = 4294967294  # Python's re accepts counts below _sre.MAXREPEAT (2**32 - 1)


class RegexSyntaxError(Exception):
    """An invalid JS pattern; the caller reports ``Invalid regular expression: /p/: message``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# -- the tree ----------------------------------------------------------------------------------
class Node:
    __slots__ = ()


class Empty(Node):
    """Matches the empty string (an empty Alternative, a reference that is always empty)."""
    __slots__ = ()


class Char(Node):
    """A PatternCharacter or CharacterEscape: one code unit, or one code point under ``u``."""
    __slots__ = ("c",)

    def __init__(self, c: int) -> None:
        self.c = c


class CharSet(Node):
    """A CharacterSetMatcher (21.2.2.8.1): ``ranges`` (already case-closed), or their
    complement when ``negated``."""
    __slots__ = ("ranges", "negated")

    def __init__(self, ranges: Ranges, negated: bool) -> None:
        self.ranges = ranges
        self.negated = negated


class Seq(Node):
    """An Alternative: terms matched one after another (21.2.2.3)."""
    __slots__ = ("items",)

    def __init__(self, items: list) -> None:
        self.items = items


class Alt(Node):
    """A Disjunction of two or more alternatives, tried left to right (21.2.2.2)."""
    __slots__ = ("alts",)

    def __init__(self, alts: list) -> None:
        self.alts = alts


class Group(Node):
    """``( Disjunction )`` capturing group ``index`` (21.2.2.8); index 0 is ``(?: )``."""
    __slots__ = ("index", "body")

    def __init__(self, index: int, body: Node) -> None:
        self.index = index
        self.body = body


class Repeat(Node):
    """A quantified atom: RepeatMatcher (21.2.2.5.1) over ``body``, ``hi`` None for
    infinity; captures ``first``..``first+count-1`` are reset at each iteration."""
    __slots__ = ("body", "lo", "hi", "greedy", "first", "count")

    def __init__(self, body: Node, lo: int, hi: Optional[int], greedy: bool, first: int,
                 count: int) -> None:
        self.body = body
        self.lo = lo
        self.hi = hi
        self.greedy = greedy
        self.first = first
        self.count = count


class Look(Node):
    """``(?= )`` ``(?! )``, or with ``behind`` ``(?<= )`` ``(?<! )`` (22.2.2.5 Assertion):
    a lookbehind's body is matched backwards, right to left."""
    __slots__ = ("body", "negated", "behind")

    def __init__(self, body: Node, negated: bool, behind: bool = False) -> None:
        self.body = body
        self.negated = negated
        self.behind = behind


class Anchor(Node):
    """``^ $ \\b \\B`` (21.2.2.6); ``multiline`` for ``m``, ``word`` the word characters
    (21.2.2.6.2 IsWordChar: closed over case with ``u`` and ``i``, as V8 does)."""
    __slots__ = ("kind", "multiline", "word")

    def __init__(self, kind: str, multiline: bool = False, word: Ranges = WORD) -> None:
        self.kind = kind
        self.multiline = multiline
        self.word = word


class Backref(Node):
    """``\\n`` to an earlier, closed group (21.2.2.9 BackreferenceMatcher)."""
    __slots__ = ("n", "icase")

    def __init__(self, n: int, icase: bool) -> None:
        self.n = n
        self.icase = icase


# -- scanning ----------------------------------------------------------------------------------
_SYNTAX_CHARS = frozenset(map(ord, "^$\\.*+?()[]{}|/"))
_CONTROL_ESCAPES = {ord("f"): 0x0C, ord("n"): 0x0A, ord("r"): 0x0D, ord("t"): 0x09, ord("v"): 0x0B}
_HEX = frozenset(map(ord, "0123456789abcdefABCDEF"))
_DEC = frozenset(map(ord, "0123456789"))
_OCT = frozenset(map(ord, "01234567"))
_ASCII_LETTERS = frozenset(range(0x41, 0x5B)) | frozenset(range(0x61, 0x7B))
_END = -1


def code_points(s: str) -> list:
    """The code points of a UTF-16 string (surrogate pairs joined, lone surrogates kept)."""
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


def _count_groups(src: list) -> tuple:
    """(NcapturingParens, whether any is named): left-capturing parentheses outside classes
    and escapes; ``(?<name>`` captures, ``(?<=`` ``(?<!`` do not."""
    n = 0
    named = False
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
        elif c == 0x28:
            if i + 1 >= L or src[i + 1] != 0x3F:
                n += 1
            elif i + 3 < L and src[i + 2] == 0x3C and src[i + 3] not in (0x3D, 0x21):
                n += 1
                named = True
        i += 1
    return n, named


_ZWNJ_ZWJ = (0x200C, 0x200D)


def _id_start(c: int) -> bool:
    """UnicodeIDStart, ``$`` or ``_`` (RegExpIdentifierStart)."""
    return c == 0x24 or c == 0x5F or chr(c).isidentifier()


def _id_part(c: int) -> bool:
    """UnicodeIDContinue, ``$``, ZWNJ or ZWJ (RegExpIdentifierPart)."""
    return c == 0x24 or c in _ZWNJ_ZWJ or ("a" + chr(c)).isidentifier()



class _Parser:
    """Recursive descent over ES2023 22.2.1 / B.1.2, building the tree."""

    def __init__(self, pattern: str, flags: str) -> None:
        self.u = "u" in flags
        self.i = "i" in flags
        self.m = "m" in flags
        self.s = "s" in flags
        self.src = code_points(pattern) if self.u else [ord(c) for c in pattern]
        self.n = len(self.src)
        self.pos = 0
        # [N] of the grammar: \k is a named reference when any group is named
        self.ngroups, self.has_named = _count_groups(self.src)
        self.opened = 0
        self.open_stack: list = []
        self.top = MAX_CODE_POINT if self.u else 0xFFFF
        self.names: dict = {}    # group name -> index, in group order
        self.refs: list = []     # names \k<name> referred to (checked at the end)
        self.fixups: list = []   # (Backref, name) to a later group inside a lookbehind
        self.behind = False      # parsing a lookbehind's body (matched right to left)

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
    def parse(self) -> Node:
        out = self.disjunction()
        if self.pos < self.n:
            raise self.error("Unmatched ')'")
        for name in self.refs:
            if name not in self.names:
                raise self.error("Invalid named capture referenced")
        for ref, name in self.fixups:
            ref.n = self.names[name]
        return out

    def disjunction(self) -> Node:
        alts = [self.alternative()]
        while self.eat("|"):
            alts.append(self.alternative())
        return alts[0] if len(alts) == 1 else Alt(alts)

    def alternative(self) -> Node:
        parts: list = []
        while True:
            c = self.peek()
            if c == _END or c == 0x7C or c == 0x29:  # | )
                if not parts:
                    return Empty()
                return parts[0] if len(parts) == 1 else Seq(parts)
            parts.append(self.term())

    def term(self) -> Node:
        c = self.peek()
        if c == 0x5E:  # ^
            self.pos += 1
            self.no_quantifier()
            return Anchor("^", self.m)
        if c == 0x24:  # $
            self.pos += 1
            self.no_quantifier()
            return Anchor("$", self.m)
        if c == 0x5C and self.peek(1) in (0x62, 0x42):  # \b \B
            kind = "B" if self.peek(1) == 0x42 else "b"
            self.pos += 2
            self.no_quantifier()
            return Anchor(kind, word=closure(WORD, True) if self.u and self.i else WORD)
        if c == 0x28 and self.peek(1) == 0x3F and self.peek(2) == 0x3C \
                and self.peek(3) in (0x3D, 0x21):  # (?<= (?<!
            return self.lookbehind()
        if c == 0x28 and self.peek(1) == 0x3F and self.peek(2) in (0x3D, 0x21):  # (?= (?!
            neg = self.peek(2) == 0x21
            self.pos += 3
            first = self.opened + 1
            behind, self.behind = self.behind, False
            body = self.disjunction()
            self.behind = behind
            if not self.eat(")"):
                raise self.error("Unterminated group")
            look = Look(body, neg)
            if self.u:
                if self.quantifier_follows():
                    raise self.error("Invalid quantifier")
                return look
            q = self.quantifier()  # B.1.4 QuantifiableAssertion
            if q is None or q[0] != 0:
                # later iterations match empty and are rejected: one iteration is the same
                return look
            # an iteration matching empty is rejected, so zero iterations (no captures)
            return Repeat(look, 0, 0, True, first, self.opened - first + 1)
        first = self.opened + 1
        atom = self.atom()
        q = self.quantifier()
        if q is None:
            return atom
        mn, mx, greedy = q
        return Repeat(atom, mn, mx, greedy, first, self.opened - first + 1)

    def lookbehind(self) -> Node:
        """``(?<= )`` / ``(?<! )``: never quantifiable, not even under B.1.2."""
        neg = self.peek(3) == 0x21
        self.pos += 4
        behind, self.behind = self.behind, True
        body = self.disjunction()
        self.behind = behind
        if not self.eat(")"):
            raise self.error("Unterminated group")
        if self.quantifier_follows():
            raise self.error("Invalid quantifier")
        return Look(body, neg, True)

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
        mn = min(mn, MAX_REPEAT)
        if mx is not None:
            mx = min(mx, MAX_REPEAT)
        return mn, mx, greedy

    def quantifier_follows(self) -> bool:
        c = self.peek()
        return c in (0x2A, 0x2B, 0x3F) or (c == 0x7B and (self.u or self.braces() is not None))

    def no_quantifier(self) -> None:
        if self.quantifier_follows():
            raise self.error("Nothing to repeat")

    # -- Atom ---------------------------------------------------------------------------------
    def atom(self) -> Node:
        c = self.peek()
        if c == 0x2E:  # .
            self.pos += 1
            if self.s:  # dotAll: every character
                return CharSet([], True)
            return self.set_node(LINE_TERMINATORS, negated=True, fold=False)
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
        return self.char_node(c)

    def group(self) -> Node:
        self.pos += 1
        if self.eat("?"):
            if self.eat("<"):  # (?<name> (lookbehinds are assertions: see term)
                name = self.group_name()
                if name in self.names:
                    raise self.error("Duplicate capture group name")
                self.names[name] = self.opened + 1
            elif not self.eat(":"):
                raise self.error("Invalid group")
            else:
                body = self.disjunction()
                if not self.eat(")"):
                    raise self.error("Unterminated group")
                return Group(0, body)
        self.opened += 1
        idx = self.opened
        self.open_stack.append(idx)
        body = self.disjunction()
        if not self.eat(")"):
            raise self.error("Unterminated group")
        self.open_stack.pop()
        return Group(idx, body)

    def group_name(self) -> str:
        """GroupName after its ``<``: a RegExpIdentifierName and the ``>`` (22.2.1), as a JS
        string (escapes ``\\uXXXX``/``\\u{…}`` decoded, astral characters as pairs)."""
        cps: list = []
        while True:
            c = self.peek()
            if c == 0x3E and cps:
                self.pos += 1
                break
            if c == 0x5C and self.peek(1) == 0x75:  # \u: always with u's escapes here
                self.pos += 1
                u, self.u = self.u, True
                v = self.unicode_escape()
                self.u = u
                if v is None:
                    raise self.error("Invalid capture group name")
                c = v
            elif c == _END:
                raise self.error("Invalid capture group name")
            else:
                self.pos += 1
                if 0xD800 <= c <= 0xDBFF and 0xDC00 <= self.peek() <= 0xDFFF:  # a pair, without u
                    c = 0x10000 + ((c - 0xD800) << 10) + (self.peek() - 0xDC00)
                    self.pos += 1
            if not (_id_part(c) if cps else _id_start(c)):
                raise self.error("Invalid capture group name")
            cps.append(c)
        return to_code_units("".join(map(chr, cps)))

    def backreference(self, n: int) -> Node:
        if n in self.open_stack or (n > self.opened and not self.behind):
            # an enclosing group, or a later one matched later (left to right), has no
            # capture yet: matches empty (inside a lookbehind a later group matches first)
            return Group(0, Empty())
        return Backref(n, self.i)

    def named_reference(self) -> Node:
        """``\\k<name>`` (pos after the ``k``)."""
        if not self.eat("<"):
            raise self.error("Invalid named reference")
        name = self.group_name()
        self.refs.append(name)
        n = self.names.get(name)
        if n is not None:
            return self.backreference(n)
        if self.behind:
            ref = Backref(0, self.i)
            self.fixups.append((ref, name))
            return ref
        return Group(0, Empty())

    def property_escape(self, in_class: bool) -> Ranges:
        """``\\p{…}`` / ``\\P{…}`` under u (pos at the p): the code points it matches
        (22.2.2.9 CharacterClassEscape, UnicodeMatchProperty / UnicodeMatchPropertyValue)."""
        negated = self.peek() == 0x50
        self.pos += 1
        message = "Invalid property name in character class" if in_class else "Invalid property name"
        if not self.eat("{"):
            raise self.error(message)
        start = self.pos
        while self.pos < self.n and self.src[self.pos] != 0x7D:
            self.pos += 1
        if self.pos >= self.n:
            raise self.error(message)
        text = "".join(map(chr, self.src[start:self.pos]))
        self.pos += 1
        name, eq, value = text.partition("=")
        ranges = property_escape_ranges(name, value if eq else None)
        if ranges is None:
            raise self.error(message)
        return complement(ranges, MAX_CODE_POINT) if negated else ranges

    def atom_escape(self) -> Node:
        self.pos += 1  # backslash
        c = self.peek()
        if c == _END:
            raise self.error("\\ at end of pattern")
        s = self.class_escape_set(c)
        if s is not None:
            self.pos += 1
            return self.set_node(*s)
        if c == 0x6B and (self.u or self.has_named):  # \k
            self.pos += 1
            return self.named_reference()
        if self.u and (c == 0x70 or c == 0x50):  # \p \P
            return self.set_node(self.property_escape(False), False)
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
        return self.char_node(self.character_escape(in_class=False))

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
            return (closure(WORD, True) if self.u and self.i else WORD), False
        if c == 0x57:
            return (closure(WORD, True) if self.u and self.i else WORD), True
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
    def char_class(self) -> Node:
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
        return self.set_node(norm(ranges), negated)

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
            return complement(norm(s[0]), self.top) if s[1] else list(s[0])
        if c == 0x62:  # \b is backspace in a class
            self.pos += 1
            return 0x08
        if self.u and c == 0x2D:
            self.pos += 1
            return 0x2D
        if self.u and (c == 0x70 or c == 0x50):  # \p \P
            return self.property_escape(True)
        if c == 0x6B and self.has_named:
            raise self.error("Invalid escape")
        if c in _DEC and c != 0x30 and not self.u and c not in _OCT:
            self.pos += 1  # \8 \9: identity escapes
            return c
        if self.u and c in _DEC and not (c == 0x30 and self.peek(1) not in _DEC):
            raise self.error("Invalid class escape")
        if self.u and c == 0x42:
            raise self.error("Invalid escape")
        return self.character_escape(in_class=True)

    # -- characters and sets ------------------------------------------------------------------
    def char_node(self, c: int) -> Node:
        """A single pattern character (code unit, or code point under u)."""
        if self.i:
            r = closure([(c, c)], self.u)
            if len(r) > 1 or r[0][0] != r[0][1]:
                return CharSet(r, False)
        return Char(c)

    def set_node(self, ranges: Ranges, negated: bool, fold: bool = True) -> Node:
        """A CharacterSetMatcher (21.2.2.8.1) for ``ranges`` (complemented if ``negated``)."""
        if fold and self.i:
            ranges = closure(ranges, self.u)
        return CharSet(ranges, negated)


@lru_cache(maxsize=1024)
def parse_pattern_names(pattern: str, flags: str) -> tuple:
    """Parse JS ``pattern`` (code units) under ``flags``: (tree, capturing group count,
    the group names as ``((name, index), ...)`` in group order).

    Raises ``RegexSyntaxError`` for an invalid pattern."""
    p = _Parser(pattern, flags)
    try:
        tree = p.parse()
    except RecursionError:
        raise RegexSyntaxError("Regular expression too large") from None
    return tree, p.ngroups, tuple(p.names.items())


def parse_pattern(pattern: str, flags: str) -> tuple:
    """(tree, capturing group count) of ``parse_pattern_names``."""
    return parse_pattern_names(pattern, flags)[:2]
