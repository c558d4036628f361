"""Date.parse (ES2017 20.3.3.2) as V8's DateParser reads strings.

The ES Date Time String Format (20.3.1.16) first; if the string stops matching it, the
rest goes through V8's legacy parser, which accepts what toString/toUTCString print and
the common "2020/01/02", "Jan 2, 2020 10:00 PM", "2 January 2020" forms.  Following V8
token by token (src/date/dateparser-inl.h) makes node's answers on odd strings ours.
"""
from __future__ import annotations

from typing import Any, Optional

from .date_time import MAX_TIME, MONTHS, NAN, make_date, make_day, make_time, time_clip, utc

_NONE = 1 << 31  # "no value" in the composers
_MONTH, _AMPM, _TZNAME, _TSEP, _INVALID = "month", "ampm", "tz", "t", "invalid"
_KEYWORDS = {m.lower(): (_MONTH, i + 1) for i, m in enumerate(MONTHS)}
_KEYWORDS.update({"am": (_AMPM, 0), "pm": (_AMPM, 12), "ut": (_TZNAME, 0), "utc": (_TZNAME, 0),
                  "z": (_TZNAME, 0), "gmt": (_TZNAME, 0), "cdt": (_TZNAME, -5),
                  "cst": (_TZNAME, -6), "edt": (_TZNAME, -4), "est": (_TZNAME, -5),
                  "mdt": (_TZNAME, -6), "mst": (_TZNAME, -7), "pdt": (_TZNAME, -7),
                  "pst": (_TZNAME, -8), "t": (_TSEP, 0)})
_WS = frozenset("\t\n\v\f\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")


class _Tok:
    """A token: kind is "num", "sym", "kw", "ws", "unknown" or "end"."""
    __slots__ = ("kind", "value", "length", "kwtype")

    def __init__(self, kind: str, value: Any = 0, length: int = 0, kwtype: str = "") -> None:
        self.kind, self.value, self.length, self.kwtype = kind, value, length, kwtype

    def is_sym(self, c: str) -> bool:
        return self.kind == "sym" and self.value == c

    def is_sign(self) -> bool:
        return self.kind == "sym" and self.value in "+-"

    def is_num(self, length: int = 0) -> bool:
        return self.kind == "num" and (length == 0 or self.length == length)

    def is_z(self) -> bool:
        return self.kind == "kw" and self.kwtype == _TZNAME and self.length == 1 and self.value == 0


def _tokenize(s: str) -> list:
    toks = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if "0" <= c <= "9":
            j = i
            while j < n and "0" <= s[j] <= "9":
                j += 1
            # V8 skips leading zeros, keeps 9 significant digits; the length counts all
            k = i
            while k < j and s[k] == "0":
                k += 1
            toks.append(_Tok("num", int(s[k:min(j, k + 9)] or "0"), j - i))
            i = j
        elif c in ":-+.)":
            toks.append(_Tok("sym", c))
            i += 1
        elif c >= "A" and c not in _WS:
            j = i
            while j < n and s[j] >= "A" and s[j] not in _WS:
                j += 1
            word = s[i:j].lower()
            kw = _KEYWORDS.get(word[:3])
            if kw is None or (len(word) > 3 and kw[0] != _MONTH):
                kw = (_INVALID, 0)
            toks.append(_Tok("kw", kw[1], j - i, kw[0]))
            i = j
        elif c in _WS:
            j = i
            while j < n and s[j] in _WS:
                j += 1
            toks.append(_Tok("ws", 0, j - i))
            i = j
        elif c == "(":
            depth = 0
            while i < n:
                if s[i] == ")":
                    depth -= 1
                elif s[i] == "(":
                    depth += 1
                i += 1
                if depth <= 0:
                    break
            toks.append(_Tok("unknown"))
        else:
            toks.append(_Tok("unknown"))
            i += 1
    toks.append(_Tok("end"))
    return toks


class _Scanner:
    __slots__ = ("toks", "pos")

    def __init__(self, s: str) -> None:
        self.toks = _tokenize(s)
        self.pos = 0

    def next(self) -> _Tok:
        t = self.toks[self.pos]
        if t.kind != "end":
            self.pos += 1
        return t

    def peek(self) -> _Tok:
        return self.toks[self.pos]

    def skip_sym(self, c: str) -> bool:
        if self.peek().is_sym(c):
            self.pos += 1
            return True
        return False


def _read_ms(tok: _Tok) -> int:
    """The first three significant digits of a fraction numeral, as milliseconds."""
    n, length = tok.value, tok.length
    if length == 1:
        return n * 100
    if length == 2:
        return n * 10
    length = min(length, 9)
    while length > 3:
        n //= 10
        length -= 1
    return n


class _Composer:
    """V8's DayComposer, TimeComposer and TimeZoneComposer state."""

    def __init__(self) -> None:
        self.day: list = []
        self.named_month = _NONE
        self.iso = False
        self.time: list = []
        self.hour_offset = _NONE
        self.tz_sign = _NONE
        self.tz_hour = _NONE
        self.tz_minute = _NONE

    def day_add(self, n: int) -> bool:
        if len(self.day) < 3:
            self.day.append(n)
            return True
        return False

    def time_add(self, n: int) -> bool:
        if len(self.time) < 4:
            self.time.append(n)
            return True
        return False

    def time_add_final(self, n: int) -> bool:
        if not self.time_add(n):
            return False
        self.time += [0] * (4 - len(self.time))
        return True

    def time_expecting(self, n: int) -> bool:
        k = len(self.time)
        return (k == 1 and 0 <= n <= 59) or (k == 2 and 0 <= n <= 59) or (k == 3 and 0 <= n <= 999)

    def tz_set(self, hours: int) -> None:
        self.tz_sign = -1 if hours < 0 else 1
        self.tz_hour = abs(hours)
        self.tz_minute = 0

    def tz_expecting(self, n: int) -> bool:
        return self.tz_hour != _NONE and self.tz_minute == _NONE and 0 <= n <= 59

    def tz_is_utc(self) -> bool:
        return self.tz_hour == 0 and self.tz_minute == 0

    def write(self) -> Optional[tuple]:
        """(year, month0, day, h, m, s, ms, utc offset in seconds or None) or None."""
        if not self.day:
            return None
        comp = self.day + [1] * (3 - len(self.day))
        year = 0
        if self.named_month == _NONE:
            if self.iso or not 1 <= comp[0] <= 31:
                year, month, dt = comp
            else:
                month, dt, year = comp
        else:
            month = self.named_month
            if not 1 <= comp[0] <= 31:
                year, dt = comp[0], comp[1]
            else:
                dt, year = comp[0], comp[1]
        if not self.iso:
            if 0 <= year <= 49:
                year += 2000
            elif 50 <= year <= 99:
                year += 1900
        if not (1 <= month <= 12 and 1 <= dt <= 31):
            return None
        tm = self.time + [0] * (4 - len(self.time))
        h, mi, s, ms = tm
        if self.hour_offset != _NONE:
            if not 0 <= h <= 12:
                return None
            h = h % 12 + self.hour_offset
        if not (0 <= h <= 23 and 0 <= mi <= 59 and 0 <= s <= 59 and 0 <= ms <= 999):
            if (h, mi, s, ms) != (24, 0, 0, 0):
                return None
        off: Optional[int] = None
        if self.tz_sign != _NONE:
            hh = 0 if self.tz_hour == _NONE else self.tz_hour
            mm = 0 if self.tz_minute == _NONE else self.tz_minute
            off = (hh * 3600 + mm * 60) * (-1 if self.tz_sign < 0 else 1)
        return year, month - 1, dt, h, mi, s, ms, off


_INVALID_TOK = _Tok("invalid")


def _parse_es5(sc: _Scanner, c: _Composer) -> _Tok:
    """V8's ParseES5DateTime: the ISO format; returns the first token it did not handle."""
    if sc.peek().is_sign():
        sign_tok = sc.next()
        if not sc.peek().is_num(6):
            return sign_tok
        year = sc.next().value
        if sign_tok.value == "-" and year == 0:
            return sign_tok
        c.day_add(-year if sign_tok.value == "-" else year)
    elif sc.peek().is_num(4):
        c.day_add(sc.next().value)
    else:
        return sc.next()
    if sc.skip_sym("-"):
        if not sc.peek().is_num(2) or not 1 <= sc.peek().value <= 12:
            return sc.next()
        c.day_add(sc.next().value)
        if sc.skip_sym("-"):
            if not sc.peek().is_num(2) or not 1 <= sc.peek().value <= 31:
                return sc.next()
            c.day_add(sc.next().value)
    p = sc.peek()
    if not (p.kind == "kw" and p.kwtype == _TSEP):
        if p.kind != "end":
            return sc.next()
    else:
        sc.next()
        if not sc.peek().is_num(2) or not 0 <= sc.peek().value <= 24:
            return _INVALID_TOK
        hour_is_24 = sc.peek().value == 24
        c.time_add(sc.next().value)
        if not sc.skip_sym(":"):
            return _INVALID_TOK
        p = sc.peek()
        if not p.is_num(2) or not 0 <= p.value <= 59 or (hour_is_24 and p.value > 0):
            return _INVALID_TOK
        c.time_add(sc.next().value)
        if sc.skip_sym(":"):
            p = sc.peek()
            if not p.is_num(2) or not 0 <= p.value <= 59 or (hour_is_24 and p.value > 0):
                return _INVALID_TOK
            c.time_add(sc.next().value)
            if sc.skip_sym("."):
                p = sc.peek()
                if not p.is_num() or (hour_is_24 and p.value > 0):
                    return _INVALID_TOK
                c.time_add(_read_ms(sc.next()))
        if sc.peek().is_z():
            sc.next()
            c.tz_set(0)
        elif sc.peek().is_sign():
            c.tz_sign = 1 if sc.next().value == "+" else -1
            if sc.peek().is_num(4):
                hm = sc.next().value
                if not (0 <= hm // 100 <= 23 and 0 <= hm % 100 <= 59):
                    return _INVALID_TOK
                c.tz_hour, c.tz_minute = hm // 100, hm % 100
            else:
                if not sc.peek().is_num(2) or not 0 <= sc.peek().value <= 23:
                    return _INVALID_TOK
                c.tz_hour = sc.next().value
                if not sc.skip_sym(":"):
                    return _INVALID_TOK
                if not sc.peek().is_num(2) or not 0 <= sc.peek().value <= 59:
                    return _INVALID_TOK
                c.tz_minute = sc.next().value
        if sc.peek().kind != "end":
            return _INVALID_TOK
    # date-only forms are UTC, date-time forms without an offset are local time
    if c.tz_hour == _NONE and not c.time:
        c.tz_set(0)
    c.iso = True
    return sc.next()


def _parse_fields(s: str) -> Optional[tuple]:
    sc = _Scanner(s)
    c = _Composer()
    tok = _parse_es5(sc, c)
    if tok.kind == "invalid":
        return None
    has_read_number = bool(c.day)
    while tok.kind != "end":
        if tok.kind == "num":
            has_read_number = True
            n = tok.value
            if sc.skip_sym(":"):
                if sc.skip_sym(":"):
                    if c.time:
                        return None
                    c.time_add(n)
                    c.time_add(0)
                else:
                    if not c.time_add(n):
                        return None
                    if sc.peek().is_sym("."):
                        sc.next()
            elif sc.skip_sym(".") and c.time_expecting(n):  # (the '.' stays consumed)
                c.time_add(n)
                if not sc.peek().is_num():
                    return None
                if not c.time_add_final(_read_ms(sc.next())):
                    return None
            elif c.tz_expecting(n):
                c.tz_minute = n
            elif c.time_expecting(n):
                c.time_add_final(n)
                p = sc.peek()
                if not (p.kind in ("end", "ws") or p.is_z() or p.is_sign()):
                    return None
            else:
                if not c.day_add(n):
                    return None
                sc.skip_sym("-")
        elif tok.kind == "kw":
            if tok.kwtype == _AMPM and c.time:
                c.hour_offset = tok.value
            elif tok.kwtype == _MONTH:
                c.named_month = tok.value
                sc.skip_sym("-")
            elif tok.kwtype == _TZNAME and has_read_number:
                c.tz_set(tok.value)
            else:
                if has_read_number:  # garbage words are illegal after a number
                    return None
                if sc.peek().is_num():
                    return None
        elif tok.is_sign() and (c.tz_is_utc() or c.time):
            c.tz_sign = 1 if tok.value == "+" else -1
            n, length = 0, 0
            if sc.peek().is_num():
                nt = sc.next()
                n, length = nt.value, nt.length
            has_read_number = True
            if sc.peek().is_sym(":"):
                c.tz_hour, c.tz_minute = n, _NONE
            elif length in (1, 2):
                c.tz_hour, c.tz_minute = n, 0
            elif length in (3, 4):
                c.tz_hour, c.tz_minute = n // 100, n % 100
            else:
                return None
        elif (tok.is_sign() or tok.is_sym(")")) and has_read_number:
            return None
        tok = sc.next()
    return c.write()


MAX_TIME_BEFORE_UTC = MAX_TIME + 864000000.0


def parse_date(realm: Any, s: str) -> float:
    """ES2017 20.3.3.2 Date.parse(string) as a time value (NaN when not recognised)."""
    f = _parse_fields(s)
    if f is None:
        return NAN
    year, month, dt, h, mi, sec, ms, off = f
    date = make_date(make_day(float(year), float(month), float(dt)),
                     make_time(float(h), float(mi), float(sec), float(ms)))
    if date != date:
        return NAN
    if off is None:
        if abs(date) > MAX_TIME_BEFORE_UTC:
            return NAN
        date = utc(realm, date)
    else:
        date -= off * 1000.0
        if abs(date) > MAX_TIME:
            return NAN
    return time_clip(date)
