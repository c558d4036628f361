"""Time values, the local time zone and date string formats (ES2017 20.3.1).

https://tc39.es/ecma262/2017/#sec-overview-of-date-objects-and-definitions-of-abstract-operations

A time value is a float: integral milliseconds since 1970-01-01T00:00:00Z within
+-8.64e15, or NaN.  The abstract operations keep their spec names (``Day``,
``MakeTime``...) as snake_case functions; all take and return floats and let NaN
flow through, as the spec's IEEE arithmetic does.

The local time zone
-------------------
The realm holds the zone: ``realm.timezone`` (set it with ``set_timezone``).

* ``None`` or ``"UTC"``: local time is UTC.  A new machine's realm starts with the host's
  zone (``host_timezone``: ``TZ``, else the system zone; None when that is UTC); the
  ``timezone=`` option overrides it, and a saved state keeps the zone it was made with.
* an IANA name (``"America/New_York"``): offsets and daylight saving come from the
  stdlib ``zoneinfo``; local times in a spring-forward gap or a fall-back overlap are
  read with the offset before the transition (ES2018+ and V8 do this).  Years outside
  2..9998, which ``datetime`` cannot hold, use an equivalent year with the same leap-ness
  and weekday of January 1 (so the DST rules of the far future are those of today's).
* a fixed offset ``"+05:30"`` / ``"-08:00"`` / ``"+0530"``: no daylight saving.

The clock
---------
``current_time_ms(realm)`` reads the running machine's clock (operations/clock.py: the one
clock timers and performance.now() read too); a realm may carry ``realm.clock``, a callable
returning milliseconds, to make that clock deterministic.
"""
from __future__ import annotations

import datetime
import functools
import math
import os
import re
import time
import zoneinfo
from typing import Any, Optional

NAN = math.nan
MS_PER_DAY = 86400000.0
MS_PER_HOUR = 3600000.0
MS_PER_MINUTE = 60000.0
MS_PER_SECOND = 1000.0
from ..runtime import CTX
from .clock import date_now

MAX_TIME = 8.64e15


def _finite(x: float) -> bool:
    return x == x and x not in (math.inf, -math.inf)


def _to_integer(x: float) -> float:
    """ToInteger on a number (finite input)."""
    return float(math.trunc(x)) if x == x else 0.0


# -- 20.3.1.2 - 20.3.1.6: days, years, months, dates, weekdays ---------------------------------

def day(t: float) -> float:
    """ES2017 20.3.1.2 Day(t)."""
    return float(math.floor(t / MS_PER_DAY)) if _finite(t) else NAN


def time_within_day(t: float) -> float:
    """ES2017 20.3.1.2 TimeWithinDay(t)."""
    return t % MS_PER_DAY if _finite(t) else NAN


def days_in_year(y: float) -> float:
    """ES2017 20.3.1.3 DaysInYear(y)."""
    y = int(y)
    return 366.0 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 365.0


def _days_from_year(y: int) -> int:
    return 365 * (y - 1970) + (y - 1969) // 4 - (y - 1901) // 100 + (y - 1601) // 400


def day_from_year(y: float) -> float:
    """ES2017 20.3.1.3 DayFromYear(y)."""
    return float(_days_from_year(int(y))) if _finite(y) else NAN


def time_from_year(y: float) -> float:
    """ES2017 20.3.1.3 TimeFromYear(y)."""
    return MS_PER_DAY * day_from_year(y)


def _year_from_days(d: int) -> int:
    y = 1970 + (d * 400) // 146097
    while _days_from_year(y) > d:
        y -= 1
    while _days_from_year(y + 1) <= d:
        y += 1
    return y


def year_from_time(t: float) -> float:
    """ES2017 20.3.1.3 YearFromTime(t): the largest y with TimeFromYear(y) <= t."""
    if not _finite(t):
        return NAN
    return float(_year_from_days(math.floor(t / MS_PER_DAY)))


def in_leap_year(t: float) -> float:
    """ES2017 20.3.1.3 InLeapYear(t): 1 in a leap year, else 0."""
    return 1.0 if days_in_year(year_from_time(t)) == 366.0 else 0.0


def day_within_year(t: float) -> float:
    """ES2017 20.3.1.4 DayWithinYear(t)."""
    return day(t) - day_from_year(year_from_time(t))


# cumulative days before each month (non-leap); a leap year adds one from March on
_MONTH_START = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365)


def _ymd_from_days(d: int) -> tuple[int, int, int]:
    """(year, month 0-11, date 1-31) of day number ``d``."""
    y = _year_from_days(d)
    dwy = d - _days_from_year(y)
    leap = 1 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 0
    for m in range(12):
        end = _MONTH_START[m + 1] + (leap if m >= 1 else 0)
        if dwy < end:
            start = _MONTH_START[m] + (leap if m >= 2 else 0)
            return y, m, dwy - start + 1
    raise AssertionError("day within year out of range")


def month_from_time(t: float) -> float:
    """ES2017 20.3.1.4 MonthFromTime(t) (0 = January)."""
    return float(_ymd_from_days(math.floor(t / MS_PER_DAY))[1]) if _finite(t) else NAN


def date_from_time(t: float) -> float:
    """ES2017 20.3.1.5 DateFromTime(t) (1-31)."""
    return float(_ymd_from_days(math.floor(t / MS_PER_DAY))[2]) if _finite(t) else NAN


def week_day(t: float) -> float:
    """ES2017 20.3.1.6 WeekDay(t) (0 = Sunday)."""
    return (day(t) + 4.0) % 7.0 if _finite(t) else NAN


# -- 20.3.1.10 hours, minutes, seconds, milliseconds -------------------------------------------

def hour_from_time(t: float) -> float:
    """ES2017 20.3.1.10 HourFromTime(t)."""
    return float(math.floor(t / MS_PER_HOUR) % 24) if _finite(t) else NAN


def min_from_time(t: float) -> float:
    """ES2017 20.3.1.10 MinFromTime(t)."""
    return float(math.floor(t / MS_PER_MINUTE) % 60) if _finite(t) else NAN


def sec_from_time(t: float) -> float:
    """ES2017 20.3.1.10 SecFromTime(t)."""
    return float(math.floor(t / MS_PER_SECOND) % 60) if _finite(t) else NAN


def ms_from_time(t: float) -> float:
    """ES2017 20.3.1.10 msFromTime(t)."""
    return t % MS_PER_SECOND if _finite(t) else NAN


# -- 20.3.1.11 - 20.3.1.15 making times -------------------------------------------------------

def make_time(hour: float, minute: float, sec: float, ms: float) -> float:
    """ES2017 20.3.1.11 MakeTime(hour, min, sec, ms)."""
    if not (_finite(hour) and _finite(minute) and _finite(sec) and _finite(ms)):
        return NAN
    # step 6: IEEE arithmetic, in the spec's order
    return (_to_integer(hour) * MS_PER_HOUR + _to_integer(minute) * MS_PER_MINUTE
            + _to_integer(sec) * MS_PER_SECOND + _to_integer(ms))


def make_day(year: float, month: float, date: float) -> float:
    """ES2017 20.3.1.12 MakeDay(year, month, date)."""
    if not (_finite(year) and _finite(month) and _finite(date)):
        return NAN
    y, m, dt = _to_integer(year), _to_integer(month), _to_integer(date)
    # step 8 "if not possible return NaN": like V8, years and months beyond any
    # representable time value give NaN (TimeClip would reject them anyway)
    if not (-1000000.0 <= y <= 1000000.0 and -10000000.0 <= m <= 10000000.0):
        return NAN
    ym = int(y) + int(m) // 12
    mn = int(m) % 12
    leap = 1 if (ym % 4 == 0 and ym % 100 != 0) or ym % 400 == 0 else 0
    first = _days_from_year(ym) + _MONTH_START[mn] + (leap if mn >= 2 else 0)
    return float(first) + dt - 1.0


def make_date(d: float, t: float) -> float:
    """ES2017 20.3.1.13 MakeDate(day, time)."""
    if not (_finite(d) and _finite(t)):
        return NAN
    r = d * MS_PER_DAY + t
    return r if _finite(r) else NAN


def time_clip(t: float) -> float:
    """ES2017 20.3.1.14 TimeClip(time)."""
    if not _finite(t) or abs(t) > MAX_TIME:
        return NAN
    return _to_integer(t) + 0.0  # + 0.0 turns -0 into +0


# -- 20.3.1.7 - 20.3.1.9 the local time zone ---------------------------------------------------

_FIXED = re.compile(r"^(?:UTC|GMT)?([+-])(\d\d):?(\d\d)$")


def set_timezone(realm: Any, tz: Optional[str]) -> None:
    """Set the realm's local time zone: None/"UTC", an IANA name, or "+hh:mm"."""
    if tz is not None and tz not in ("UTC", "Etc/UTC", "Z") and not _FIXED.match(tz):
        zoneinfo.ZoneInfo(tz)  # raises for an unknown zone now rather than on first use
    realm.timezone = tz


_UTC_NAMES = ("UTC", "Etc/UTC", "Z", "UCT", "Etc/UCT", "GMT", "Etc/GMT", "Universal", "Zulu")


def host_timezone() -> Optional[str]:
    """The host's local time zone, read when a machine is made: the ``TZ`` environment
    variable (``:Europe/Paris`` or ``Europe/Paris``), else the system's zone.  None (UTC)
    when that is UTC, empty, or no zone this Python can load, as node then uses UTC too."""
    tz = os.environ.get("TZ")
    tz = _system_zone() if tz is None else tz[1:] if tz.startswith(":") else tz
    if not tz or tz in _UTC_NAMES:
        return None
    try:
        zoneinfo.ZoneInfo(tz)
    except Exception:  # noqa: BLE001 - any name zoneinfo refuses (POSIX rules, paths)
        return None
    return tz


@functools.lru_cache(maxsize=1)
def _system_zone() -> Optional[str]:
    """The system's zone name: where /etc/localtime links into a zoneinfo tree, else
    /etc/timezone's first line."""
    try:
        target = os.path.realpath("/etc/localtime")
        if "/zoneinfo/" in target:
            return target.split("/zoneinfo/", 1)[1]
        with open("/etc/timezone", encoding="utf-8") as f:
            return f.readline().strip() or None
    except OSError:
        return None


_ZONES: dict[str, Any] = {}


def _zone(realm: Any) -> Any:
    """None for UTC, an int (fixed offset in ms), or a ZoneInfo."""
    tz = getattr(realm, "timezone", None)
    if tz is None or tz in ("UTC", "Etc/UTC", "Z"):
        return None
    z = _ZONES.get(tz)
    if z is None:
        m = _FIXED.match(tz)
        if m:
            z = (int(m.group(2)) * 60 + int(m.group(3))) * 60000
            z = -z if m.group(1) == "-" else z
        else:
            z = zoneinfo.ZoneInfo(tz)
        _ZONES[tz] = z
    return z


def _equivalent_year(y: int) -> int:
    """A year datetime can hold with the same leap-ness and weekday of January 1."""
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    wd = (_days_from_year(y) + 4) % 7
    base = 2000 if y > 9998 else 100
    for cand in range(base, base + 28 * 4):
        cl = (cand % 4 == 0 and cand % 100 != 0) or cand % 400 == 0
        if cl == leap and (_days_from_year(cand) + 4) % 7 == wd:
            return cand
    raise AssertionError("no equivalent year")


_EPOCH = datetime.datetime(1970, 1, 1)


def _zone_query(zone: Any, t: float, is_utc: bool) -> tuple[float, str]:
    """(offset in ms, abbreviation) of ``zone`` at ``t`` (a UTC or a local time value)."""
    d = math.floor(t / MS_PER_DAY)
    y = _year_from_days(d)
    shift = 0
    if not 2 <= y <= 9998:
        shift = _days_from_year(_equivalent_year(y)) - _days_from_year(y)
    naive = _EPOCH + datetime.timedelta(milliseconds=t + shift * MS_PER_DAY)
    if is_utc:
        aware = naive.replace(tzinfo=datetime.timezone.utc).astimezone(zone)
    else:
        aware = naive.replace(tzinfo=zone)  # fold=0: the offset before the transition
    off = aware.utcoffset()
    return (off.total_seconds() * 1000.0 if off is not None else 0.0), (aware.tzname() or "")


def local_tza(realm: Any, t: float, is_utc: bool) -> float:
    """LocalTZA + DaylightSavingTA (ES2017 20.3.1.7, 20.3.1.8; the ES2018 LocalTZA(t, isUTC)
    form): the local offset in ms at UTC time ``t`` (is_utc) or local time ``t``."""
    z = _zone(realm)
    if z is None or not _finite(t):
        return 0.0
    if type(z) is int:
        return float(z)
    return _zone_query(z, t, is_utc)[0]


def local_time(realm: Any, t: float) -> float:
    """ES2017 20.3.1.9 LocalTime(t)."""
    return t + local_tza(realm, t, True) if _finite(t) else NAN


def utc(realm: Any, t: float) -> float:
    """ES2017 20.3.1.10 UTC(t): local time to UTC."""
    return t - local_tza(realm, t, False) if _finite(t) else NAN


# ICU's English names for zone abbreviations (what node prints in parentheses)
_ZONE_NAMES = {
    "UTC": "Coordinated Universal Time", "GMT": "Greenwich Mean Time",
    "EST": "Eastern Standard Time", "EDT": "Eastern Daylight Time",
    "CST": "Central Standard Time", "CDT": "Central Daylight Time",
    "MST": "Mountain Standard Time", "MDT": "Mountain Daylight Time",
    "PST": "Pacific Standard Time", "PDT": "Pacific Daylight Time",
    "AKST": "Alaska Standard Time", "AKDT": "Alaska Daylight Time",
    "HST": "Hawaii-Aleutian Standard Time", "AST": "Atlantic Standard Time",
    "ADT": "Atlantic Daylight Time", "BST": "British Summer Time",
    "CET": "Central European Standard Time", "CEST": "Central European Summer Time",
    "EET": "Eastern European Standard Time", "EEST": "Eastern European Summer Time",
    "WET": "Western European Standard Time", "WEST": "Western European Summer Time",
    "JST": "Japan Standard Time", "KST": "Korean Standard Time",
    "AEST": "Australian Eastern Standard Time", "AEDT": "Australian Eastern Daylight Time",
    "ACST": "Australian Central Standard Time", "ACDT": "Australian Central Daylight Time",
    "AWST": "Australian Western Standard Time", "NZST": "New Zealand Standard Time",
    "NZDT": "New Zealand Daylight Time", "MSK": "Moscow Standard Time",
    "SAST": "South Africa Standard Time", "HKT": "Hong Kong Standard Time",
    "PKT": "Pakistan Standard Time", "WIB": "Western Indonesia Time",
}


def _gmt_name(offset_ms: float) -> str:
    sign = "-" if offset_ms < 0 else "+"
    m = int(abs(offset_ms) // 60000)
    return f"GMT{sign}{m // 60:02d}:{m % 60:02d}"


def _v8_equivalent_time(t: float) -> float:
    """V8's EquivalentTime: the same month, date and time in a year of 2008..2035 with the
    same leap-ness and weekday of January 1 (V8 names zones by the DST of that time)."""
    d = math.floor(t / MS_PER_DAY)
    y, m, dd = _ymd_from_days(d)
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    wd = (_days_from_year(y) + 4) % 7
    recent = (1956 if leap else 1967) + (wd * 12) % 28
    ey = 2008 + (recent + 3 * 28 - 2008) % 28
    new_days = make_day(float(ey), float(m), float(dd))
    return new_days * MS_PER_DAY + (t - d * MS_PER_DAY)


_MAX_EPOCH_TIME = 2147483647000.0
_REFERENCE_TIMES = (1579046400000.0, 1594771200000.0)  # 2020-01-15, 2020-07-15 UTC


def time_zone_name(realm: Any, t: float) -> str:
    """The zone's long name at UTC time ``t``, as node prints it in ``toString``: V8 asks
    ICU for the zone's standard or daylight name (today's names, whatever the year), with
    daylight saving judged at an equivalent recent year outside 1970..2038."""
    z = _zone(realm)
    if z is None:
        return "Coordinated Universal Time"
    if type(z) is int:
        return _gmt_name(float(z))
    if not 0 <= t <= _MAX_EPOCH_TIME:
        t = _v8_equivalent_time(t)
    is_dst = _zone_dst(z, t)
    off, abbr = _zone_query(z, t, True)
    for ref in _REFERENCE_TIMES:
        if _zone_dst(z, ref) == is_dst:
            off, abbr = _zone_query(z, ref, True)
            break
    key = str(getattr(z, "key", ""))
    if abbr == "IST":
        return "India Standard Time" if key.startswith("Asia/") else "Irish Standard Time"
    if abbr == "CST" and key.startswith("Asia/"):
        return "China Standard Time"
    return _ZONE_NAMES.get(abbr) or _gmt_name(off)


def _zone_dst(zone: Any, t: float) -> bool:
    naive = _EPOCH + datetime.timedelta(milliseconds=t)
    aware = naive.replace(tzinfo=datetime.timezone.utc).astimezone(zone)
    return bool(aware.dst())


# -- 20.3.1.16, 20.3.4: string formats --------------------------------------------------------

WEEK_DAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _year4(y: int) -> str:
    return f"-{-y:04d}" if y < 0 else f"{y:04d}"


def _fields(t: float) -> tuple[int, int, int, int, int, int, int, int]:
    """(year, month, date, hours, minutes, seconds, ms, weekday) of a finite time value."""
    d = math.floor(t / MS_PER_DAY)
    y, m, dt = _ymd_from_days(d)
    ms = int(t - d * MS_PER_DAY)
    return (y, m, dt, ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000, (d + 4) % 7)


def date_string(tv: float) -> str:
    """ES2018 20.3.4.41.2 DateString(tv) (tv is a local time value): "Thu Nov 26 2026"."""
    y, m, dt, _h, _mi, _s, _ms, wd = _fields(tv)
    return f"{WEEK_DAYS[wd]} {MONTHS[m]} {dt:02d} {_year4(y)}"


def time_string(tv: float) -> str:
    """ES2018 20.3.4.41.1 TimeString(tv): "23:21:49 GMT"."""
    _y, _m, _dt, h, mi, s, _ms, _wd = _fields(tv)
    return f"{h:02d}:{mi:02d}:{s:02d} GMT"


def time_zone_string(realm: Any, tv: float) -> str:
    """ES2018 20.3.4.41.3 TimeZoneString(tv) (tv is UTC): "+0000 (Coordinated Universal Time)"."""
    off = local_tza(realm, tv, True)
    sign = "-" if off < 0 else "+"
    m = int(abs(off) // 60000)
    return f"{sign}{m // 60:02d}{m % 60:02d} ({time_zone_name(realm, tv)})"


def to_date_string(realm: Any, tv: float) -> str:
    """ES2017 20.3.4.41.1 ToDateString(tv): the format of ``Date.prototype.toString``."""
    if tv != tv:
        return "Invalid Date"
    t = local_time(realm, tv)
    return f"{date_string(t)} {time_string(t)}{time_zone_string(realm, tv)}"


def to_utc_string(tv: float) -> str:
    """ES2017 20.3.4.43 Date.prototype.toUTCString's format: "Thu, 26 Nov 2026 23:21:49 GMT"."""
    if tv != tv:
        return "Invalid Date"
    y, m, dt, h, mi, s, _ms, wd = _fields(tv)
    return f"{WEEK_DAYS[wd]}, {dt:02d} {MONTHS[m]} {_year4(y)} {h:02d}:{mi:02d}:{s:02d} GMT"


def to_iso_string(tv: float) -> str:
    """ES2017 20.3.1.16 Date Time String Format, extended years as +-YYYYYY (tv finite)."""
    y, m, dt, h, mi, s, ms, _wd = _fields(tv)
    ys = f"{y:04d}" if 0 <= y <= 9999 else ("-" if y < 0 else "+") + f"{abs(y):06d}"
    return f"{ys}-{m + 1:02d}-{dt:02d}T{h:02d}:{mi:02d}:{s:02d}.{ms:03d}Z"


def _locale_year(y: int) -> int:
    return y if y > 0 else 1 - y  # en-US shows years before 1 AD as era years (1 BC = 1)


def locale_date_string(t: float) -> str:
    """node's en-US ``toLocaleDateString`` of a local time value: "11/26/2026"."""
    y, m, dt, _h, _mi, _s, _ms, _wd = _fields(t)
    return f"{m + 1}/{dt}/{_locale_year(y)}"


def locale_time_string(t: float) -> str:
    """node's en-US ``toLocaleTimeString`` of a local time value: "11:21:49 PM"."""
    _y, _m, _dt, h, mi, s, _ms, _wd = _fields(t)
    return f"{h % 12 or 12}:{mi:02d}:{s:02d} {'PM' if h >= 12 else 'AM'}"


def current_time_ms(realm: Any) -> float:
    """The current time value: the running machine's clock (operations/clock.py) for its
    realm; else ``realm.clock()`` when the realm has a clock, else the host's."""
    m = CTX.machine
    if m is not None and m.realm is realm:
        return time_clip(date_now(m))
    clock = getattr(realm, "clock", None)
    if clock is not None:
        return time_clip(float(clock()))
    return time_clip(float(math.floor(time.time() * 1000.0)))


# -- 20.3.3.2 Date.parse: V8's DateParser ------------------------------------------------------
#
# The ES Date Time String Format (20.3.1.16) first; if the string stops matching it, the
# rest goes through V8's legacy parser, which accepts what toString/toUTCString print and
# the common "2020/01/02", "Jan 2, 2020 10:00 PM", "2 January 2020" forms.  Following V8
# token by token (src/date/dateparser-inl.h) makes node's answers on odd strings ours.

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
