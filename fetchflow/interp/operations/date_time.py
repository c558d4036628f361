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


def _zone_info(name: str) -> Any:
    """``zoneinfo.ZoneInfo(name)``; zoneinfo is imported here, on first use, because a run in
    UTC (the default) never needs it and its import is a start-up cost."""
    import zoneinfo
    return zoneinfo.ZoneInfo(name)


def set_timezone(realm: Any, tz: Optional[str]) -> None:
    """Set the realm's local time zone: None/"UTC", an IANA name, or "+hh:mm"."""
    if tz is not None and tz not in ("UTC", "Etc/UTC", "Z") and not _FIXED.match(tz):
        _zone_info(tz)  # raises for an unknown zone now rather than on first use
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
        _zone_info(tz)
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
            z = _zone_info(tz)
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
