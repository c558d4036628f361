"""fetchflow's own backtracking matcher for JS patterns, interruptible by the limits.

Spec: https://tc39.es/ecma262/2023/#sec-pattern-semantics (22.2.2).  A Python ``re`` call
cannot be interrupted from another thread, so a pattern at risk of catastrophic
backtracking (``regex_analysis``) runs here instead, as does one with a lookbehind that
``re`` cannot run as JS does (variable width, captures, backreferences, ``u``): every few thousand steps the matcher
calls the current machine's ``poll``, which raises ``LimitExceeded`` once ``max_time`` or
``max_steps`` is spent, in whichever thread the VM runs.

The tree of ``regex_parse`` is compiled to a small program for a backtracking machine with
an explicit stack (no Python recursion, so deep inputs cannot hit ``RecursionError``):

* choice points (21.2.2.2 Disjunction, 21.2.2.5.1 RepeatMatcher) push ``(pc, trail
  length, position)``; failure pops the newest one and undoes register writes back to the
  trail length it saved (the spec's continuations copy the captures; a trail gives the
  same states without copying);
* each RepeatMatcher iteration resets the captures of its atom (step 4) and fails if an
  iteration past the minimum matched empty (step 2.b);
* lookaheads (21.2.2.6) push a barrier; reaching the end of the body drops every choice
  point above it, so the body is not backtracked into;
* a quantified single character (``\\w+``, ``.*?``) is one instruction that scans its run
  and backs off one character per retry, as engines do;
* a lookbehind's body is compiled with direction backward (ES2023 22.2.2): its sequences
  in reverse order, characters and backreferences read before the position and moving it
  left, a group's capture closed at its left end.

Matching returns a ``BtMatch`` with the ``re.Match`` methods ``regexp.py`` uses.
"""
from __future__ import annotations

import bisect
import re
from typing import Any, Callable, Optional

from .regex_analysis import first_chars
from .regex_charsets import LINE_TERMINATORS, Ranges, fold_table, intersect
from .regex_parse import (Alt, Anchor, Backref, Char, CharSet, Empty, Group, Look, Node, Repeat,
                          Seq, code_points)
from .regex_translate import to_python
from .runtime import CTX

__all__ = ["Backtracker", "BtMatch", "POLL_EVERY"]

POLL_EVERY = 4096  # matcher steps between limit checks (one step per instruction run)

# opcodes
_CHAR, _SET, _SPLIT, _JMP, _OPEN, _CLOSE, _REP_INIT, _REP_LOOP, _REP_BEGIN, _REP_END, \
    _LOOK, _LOOK_END, _ASSERT, _BACKREF, _RUN, _CHAR_B, _SET_B, _CLOSE_B, _BACKREF_B, \
    _MATCH = range(20)
# the _B opcodes read right to left, inside a lookbehind (direction backward, 22.2.2)
# kinds of backtrack entries that are not plain choice points (those start with a pc >= 0)
_BARRIER, _BACKOFF, _EXTEND = -1, -2, -3
_LT = frozenset(c for lo, hi in LINE_TERMINATORS for c in range(lo, hi + 1))


def _set_test(ranges: Ranges, negated: bool) -> Callable[[int], bool]:
    """CharacterSetMatcher's membership test (21.2.2.8.1) for a code unit or code point."""
    if sum(hi - lo + 1 for lo, hi in ranges) <= 512:
        members = frozenset(c for lo, hi in ranges for c in range(lo, hi + 1))
        if negated:
            return lambda c: c not in members
        return members.__contains__
    los = [lo for lo, _ in ranges]
    his = [hi for _, hi in ranges]

    def test(c: int) -> bool:
        i = bisect.bisect_right(los, c) - 1
        return (i >= 0 and c <= his[i]) != negated
    return test


class _Compiler:
    """Tree to program: a list of ``(op, a, b, c)`` instructions."""

    def __init__(self, ngroups: int) -> None:
        self.prog: list = []
        self.ngroups = ngroups
        self.nrep = 0
        self.back = False  # compiling a lookbehind's body

    def emit(self, op: int, a: Any = None, b: Any = None, c: Any = None) -> int:
        self.prog.append((op, a, b, c))
        return len(self.prog) - 1

    def patch(self, at: int, a: Any = None, b: Any = None, c: Any = None) -> None:
        op, a0, b0, c0 = self.prog[at]
        self.prog[at] = (op, a0 if a is None else a, b0 if b is None else b, c0 if c is None else c)

    def node(self, n: Node) -> None:
        t = type(n)
        if t is Char:
            self.emit(_CHAR_B if self.back else _CHAR, n.c)  # type: ignore[attr-defined]
        elif t is CharSet:
            self.emit(_SET_B if self.back else _SET,
                      _set_test(n.ranges, n.negated))  # type: ignore[attr-defined]
        elif t is Seq:
            for x in (reversed(n.items) if self.back else n.items):  # type: ignore[attr-defined]
                self.node(x)
        elif t is Alt:
            self.alternation(n.alts)  # type: ignore[attr-defined]
        elif t is Group:
            if n.index:  # type: ignore[attr-defined]
                self.emit(_OPEN, n.index)  # type: ignore[attr-defined]
                self.node(n.body)  # type: ignore[attr-defined]
                self.emit(_CLOSE_B if self.back else _CLOSE, n.index)  # type: ignore[attr-defined]
            else:
                self.node(n.body)  # type: ignore[attr-defined]
        elif t is Repeat:
            self.repeat(n)  # type: ignore[arg-type]
        elif t is Look:
            at = self.emit(_LOOK, n.negated)  # type: ignore[attr-defined]
            back, self.back = self.back, n.behind  # type: ignore[attr-defined]
            self.node(n.body)  # type: ignore[attr-defined]
            self.back = back
            self.emit(_LOOK_END)
            self.patch(at, b=len(self.prog))
        elif t is Anchor:
            self.emit(_ASSERT, n.kind, n.multiline,  # type: ignore[attr-defined]
                      _set_test(n.word, False))  # type: ignore[attr-defined]
        elif t is Backref:
            self.emit(_BACKREF_B if self.back else _BACKREF, n.n, n.icase)  # type: ignore[attr-defined]
        elif t is not Empty:
            raise TypeError(t)

    def alternation(self, alts: list) -> None:
        """21.2.2.2 Disjunction: try each alternative in order."""
        jumps = []
        for alt in alts[:-1]:
            split = self.emit(_SPLIT, None, None)
            self.patch(split, a=len(self.prog))
            self.node(alt)
            jumps.append(self.emit(_JMP, None))
            self.patch(split, b=len(self.prog))
        self.node(alts[-1])
        for j in jumps:
            self.patch(j, a=len(self.prog))

    def repeat(self, n: Repeat) -> None:
        """21.2.2.5.1 RepeatMatcher."""
        if n.hi == 0:
            return  # step 1: no iteration at all
        body = n.body
        if (type(body) is Char or type(body) is CharSet) and not self.back:
            test = (body.c.__eq__ if type(body) is Char  # type: ignore[attr-defined]
                    else _set_test(body.ranges, body.negated))  # type: ignore[attr-defined]
            self.emit(_RUN, test, (n.lo, n.hi), n.greedy)
            return
        r = self.nrep
        self.nrep += 1
        self.emit(_REP_INIT, r)
        loop = self.emit(_REP_LOOP, r, None, (n.lo, n.hi, n.greedy))
        self.emit(_REP_BEGIN, r, (n.first, n.count))
        self.node(body)
        self.emit(_REP_END, r, loop, n.lo)
        self.patch(loop, b=len(self.prog))


class BtMatch:
    """A successful match: the ``re.Match`` methods that ``regexp.py`` calls."""
    __slots__ = ("string", "caps", "ngroups")

    def __init__(self, string: str, caps: list, ngroups: int) -> None:
        self.string = string
        self.caps = caps
        self.ngroups = ngroups

    def start(self, g: int = 0) -> int:
        return self.caps[2 * g]

    def end(self, g: int = 0) -> int:
        return self.caps[2 * g + 1]

    def group(self, g: int = 0) -> Optional[str]:
        s = self.caps[2 * g]
        return None if s < 0 else self.string[s:self.caps[2 * g + 1]]

    def groups(self) -> tuple:
        return tuple(self.group(g) for g in range(1, self.ngroups + 1))


class Backtracker:
    """A compiled pattern with ``match(s, pos)`` (sticky) and ``search(s, pos)``."""
    __slots__ = ("prog", "ngroups", "unicode", "nstate", "rep_base", "fold", "scan")

    def __init__(self, tree: Node, ngroups: int, flags: str) -> None:
        c = _Compiler(ngroups)
        c.node(tree)
        c.emit(_MATCH)
        self.prog = tuple(c.prog)
        self.ngroups = ngroups
        self.unicode = "u" in flags
        # registers: captures (start, end) per group, then each group's open position,
        # then (iteration count, iteration start) per RepeatMatcher
        self.rep_base = 3 * (ngroups + 1)
        self.nstate = self.rep_base + 2 * c.nrep
        self.fold = fold_table(self.unicode)[1] if "i" in flags else None
        # a match can only start at one of these characters: let ``re`` find the candidates
        # (one character class: linear, never backtracks)
        first = first_chars(tree)
        if first is not None and not self.unicode:
            first = intersect(first, 0, 0xFFFF)
        self.scan = None if first is None else re.compile(to_python(CharSet(first, False), flags)).search

    @property
    def groups(self) -> int:
        return self.ngroups

    def match(self, s: str, pos: int = 0) -> Optional[BtMatch]:
        return self._exec(s, pos, True)

    def search(self, s: str, pos: int = 0) -> Optional[BtMatch]:
        return self._exec(s, pos, False)

    def _exec(self, s: str, start: int, sticky: bool) -> Optional[BtMatch]:
        """The matcher at ``start`` (sticky) or at each later position (21.2.5.2.2 step 15)."""
        m = CTX.machine
        poll = getattr(m, "poll", None)
        n = len(s)
        u = self.unicode
        budget = [POLL_EVERY, poll]
        scan = None if sticky else self.scan
        while start <= n:
            if scan is not None:
                candidate = scan(s, start)
                if candidate is None:
                    return None
                start = candidate.start()
            caps = self._run(s, start, budget)
            if caps is not None:
                return BtMatch(s, caps, self.ngroups)
            if sticky:
                return None
            if u and start + 1 < n and "\ud800" <= s[start] <= "\udbff" \
                    and "\udc00" <= s[start + 1] <= "\udfff":
                start += 2
            else:
                start += 1
        return None

    def _run(self, s: str, pos: int, budget: list) -> Optional[list]:
        """Run the program from ``pos``: the capture registers of the first match, or None."""
        prog = self.prog
        n = len(s)
        u = self.unicode
        ng1 = self.ngroups + 1
        opens = 2 * ng1
        st = [-1] * self.nstate
        rep = self.rep_base
        st[0] = pos
        stack: list = []   # backtrack entries
        trail: list = []   # (register, old value), undone on backtracking
        looks: list = []   # stack indexes of the open lookaheads' barriers
        steps, poll = budget
        pc = 0
        while True:
            steps -= 1
            if steps <= 0:
                if poll is not None:
                    poll(POLL_EVERY)
                steps = POLL_EVERY
            op, a, b, c = prog[pc]
            if op == _CHAR or op == _SET:
                if pos < n:
                    ch = ord(s[pos])
                    w = 1
                    if u and 0xD800 <= ch <= 0xDBFF and pos + 1 < n and "\udc00" <= s[pos + 1] <= "\udfff":
                        ch = 0x10000 + ((ch - 0xD800) << 10) + (ord(s[pos + 1]) - 0xDC00)
                        w = 2
                    if (ch == a) if op == _CHAR else a(ch):
                        pos += w
                        pc += 1
                        continue
            elif op == _RUN:
                lo, hi = b
                p = pos
                k = 0
                lo_pos = -1
                limit = hi if c else lo  # a lazy run takes its minimum first
                while limit is None or k < limit:
                    if k == lo:
                        lo_pos = p
                    if p >= n:
                        break
                    ch = ord(s[p])
                    w = 1
                    if u and 0xD800 <= ch <= 0xDBFF and p + 1 < n and "\udc00" <= s[p + 1] <= "\udfff":
                        ch = 0x10000 + ((ch - 0xD800) << 10) + (ord(s[p + 1]) - 0xDC00)
                        w = 2
                    if not a(ch):
                        break
                    p += w
                    k += 1
                    steps -= 1
                if k == lo:
                    lo_pos = p
                if k >= lo:
                    if c:  # greedy: retry with one character fewer until the minimum
                        if p > lo_pos:
                            stack.append((_BACKOFF, len(trail), lo_pos, p, pc))
                    elif hi is None or k < hi:  # lazy: retry with one character more
                        stack.append((_EXTEND, len(trail), p, k, pc))
                    pos = p
                    pc += 1
                    continue
            elif op == _SPLIT:
                stack.append((b, len(trail), pos))
                pc = a
                continue
            elif op == _JMP:
                pc = a
                continue
            elif op == _OPEN:
                i = opens + a
                if stack:
                    trail.append((i, st[i]))
                st[i] = pos
                pc += 1
                continue
            elif op == _CLOSE:
                i = 2 * a
                if stack:
                    trail.append((i, st[i]))
                    trail.append((i + 1, st[i + 1]))
                st[i] = st[opens + a]
                st[i + 1] = pos
                pc += 1
                continue
            elif op == _REP_INIT:
                i = rep + 2 * a
                if stack:
                    trail.append((i, st[i]))
                st[i] = 0
                pc += 1
                continue
            elif op == _REP_LOOP:
                count = st[rep + 2 * a]
                lo, hi, greedy = c
                if hi is not None and count >= hi:
                    pc = b
                elif count < lo:
                    pc += 1
                elif greedy:
                    stack.append((b, len(trail), pos))
                    pc += 1
                else:
                    stack.append((pc + 1, len(trail), pos))
                    pc = b
                continue
            elif op == _REP_BEGIN:
                first, count = b
                i = rep + 2 * a + 1
                if stack:
                    trail.append((i, st[i]))
                    for j in range(2 * first, 2 * (first + count)):
                        trail.append((j, st[j]))
                st[i] = pos
                for j in range(2 * first, 2 * (first + count)):
                    st[j] = -1
                pc += 1
                continue
            elif op == _REP_END:
                i = rep + 2 * a
                count = st[i]
                if not (count >= c and pos == st[i + 1]):  # an empty iteration past the minimum
                    if stack:
                        trail.append((i, count))
                    st[i] = count + 1
                    pc = b
                    continue
            elif op == _ASSERT:
                if a == "^":
                    ok = pos == 0 or (b and ord(s[pos - 1]) in _LT)
                elif a == "$":
                    ok = pos == n or (b and ord(s[pos]) in _LT)
                else:
                    ok = ((pos > 0 and c(ord(s[pos - 1]))) != (pos < n and c(ord(s[pos])))) \
                        == (a == "b")
                if ok:
                    pc += 1
                    continue
            elif op == _BACKREF:
                cs = st[2 * a]
                if cs < 0:
                    pc += 1
                    continue
                end = self._backref(s, pos, cs, st[2 * a + 1], b)
                if end >= 0:
                    pos = end
                    pc += 1
                    continue
            elif op == _LOOK:
                looks.append(len(stack))
                stack.append((_BARRIER, len(trail), pos, b, a))
                pc += 1
                continue
            elif op == _LOOK_END:
                at = looks.pop()
                barrier = stack[at]
                del stack[at:]
                if not barrier[4]:  # (?= ): continue at the old position, keep the captures
                    pos = barrier[2]
                    pc += 1
                    continue
                tl = barrier[1]  # (?! ) whose body matched: fail
                while len(trail) > tl:
                    i, v = trail.pop()
                    st[i] = v
            elif op == _CHAR_B or op == _SET_B:
                if pos > 0:
                    ch = ord(s[pos - 1])
                    w = 1
                    if u and 0xDC00 <= ch <= 0xDFFF and pos >= 2 and "\ud800" <= s[pos - 2] <= "\udbff":
                        ch = 0x10000 + ((ord(s[pos - 2]) - 0xD800) << 10) + (ch - 0xDC00)
                        w = 2
                    if (ch == a) if op == _CHAR_B else a(ch):
                        pos -= w
                        pc += 1
                        continue
            elif op == _CLOSE_B:  # backward: the group started at its right end
                i = 2 * a
                if stack:
                    trail.append((i, st[i]))
                    trail.append((i + 1, st[i + 1]))
                st[i] = pos
                st[i + 1] = st[opens + a]
                pc += 1
                continue
            elif op == _BACKREF_B:
                cs = st[2 * a]
                if cs < 0:
                    pc += 1
                    continue
                start = self._backref(s, pos, cs, st[2 * a + 1], b, True)
                if start >= 0:
                    pos = start
                    pc += 1
                    continue
            elif op == _MATCH:
                budget[0] = steps
                st[1] = pos
                return st[:2 * ng1]
            # failure: resume at the newest choice point
            while True:
                if not stack:
                    budget[0] = steps
                    return None
                e = stack.pop()
                tl = e[1]
                while len(trail) > tl:
                    i, v = trail.pop()
                    st[i] = v
                kind = e[0]
                if kind >= 0:
                    pc = kind
                    pos = e[2]
                    break
                if kind == _BARRIER:
                    looks.pop()
                    if e[4]:  # (?! ) whose body failed: continue after it
                        pos = e[2]
                        pc = e[3]
                        break
                    continue
                if kind == _BACKOFF:
                    lo_pos, p, pc = e[2], e[3], e[4]
                    if u and p - 2 >= lo_pos and "\udc00" <= s[p - 1] <= "\udfff" \
                            and "\ud800" <= s[p - 2] <= "\udbff":
                        p -= 2
                    else:
                        p -= 1
                    if p > lo_pos:
                        stack.append((_BACKOFF, tl, lo_pos, p, pc))
                    pos = p
                    pc += 1
                    break
                # _EXTEND: one more character for a lazy run
                p, k, pc = e[2], e[3], e[4]
                test, (lo, hi) = prog[pc][1], prog[pc][2]
                if p >= n:
                    continue
                ch = ord(s[p])
                w = 1
                if u and 0xD800 <= ch <= 0xDBFF and p + 1 < n and "\udc00" <= s[p + 1] <= "\udfff":
                    ch = 0x10000 + ((ch - 0xD800) << 10) + (ord(s[p + 1]) - 0xDC00)
                    w = 2
                if not test(ch):
                    continue
                p += w
                k += 1
                if hi is None or k < hi:
                    stack.append((_EXTEND, tl, p, k, pc))
                pos = p
                pc += 1
                break

    def _backref(self, s: str, pos: int, cs: int, ce: int, icase: bool, back: bool = False) -> int:
        """22.2.2.7.2 BackreferenceMatcher: the new position, or -1 on failure (``back``:
        the text before ``pos``, for direction backward)."""
        length = ce - cs
        n = len(s)
        if back:
            begin, end = pos - length, pos
            if begin < 0:
                return -1
        else:
            begin, end = pos, pos + length
            if end > n:
                return -1
        if not icase:
            if not s.startswith(s[cs:ce], begin):
                return -1
        else:
            fold = self.fold
            if self.unicode:  # Canonicalize compares code points
                xs, ys = code_points(s[cs:ce]), code_points(s[begin:end])
                if len(xs) != len(ys):
                    return -1
            else:
                xs, ys = [ord(c) for c in s[cs:ce]], [ord(c) for c in s[begin:end]]
            for x, y in zip(xs, ys):
                if x != y and y not in fold.get(x, ()):
                    return -1
        # under u the input is code points: the reference must not cut a pair
        if self.unicode and 0 < length:
            cut = begin if back else end
            if 0 < cut < n and "\ud800" <= s[cut - 1] <= "\udbff" and "\udc00" <= s[cut] <= "\udfff":
                return -1
        return begin if back else end
