"""Date (ES2017 20.3): the time-value arithmetic, the parser and the time zone setting as
Python functions, and table-driven JS checks through ``api.run`` (node-differential tests
are in test_date_node.py)."""
from __future__ import annotations

import math

import pytest

from fetchflow.host.environment import MachineOptions, create_machine
from tests.engine import run, run_on
from fetchflow.interp.operations import date_time as dt
from fetchflow.interp.operations.date_parse import parse_date
from fetchflow.interp.realm import Realm
from tests.interp.across_pause import across_pause

NAN = math.nan


def same(a: float, b: float) -> bool:
    return (a != a and b != b) or (a == b and math.copysign(1, a) == math.copysign(1, b))


# -- 20.3.1 abstract operations ---------------------------------------------------------------

@pytest.mark.parametrize("t, fields", [
    # t -> (year, month, date, weekday, h, m, s, ms)
    (0.0, (1970, 0, 1, 4, 0, 0, 0, 0)),
    (-1.0, (1969, 11, 31, 3, 23, 59, 59, 999)),
    (951782400000.0, (2000, 1, 29, 2, 0, 0, 0, 0)),          # 2000-02-29 (leap, /400)
    (-2203891200000.0, (1900, 2, 1, 4, 0, 0, 0, 0)),         # 1900 is not leap
    (8.64e15, (275760, 8, 13, 6, 0, 0, 0, 0)),
    (-8.64e15, (-271821, 3, 20, 2, 0, 0, 0, 0)),
    (-62198755200000.0, (-1, 0, 1, 5, 0, 0, 0, 0)),
    (1795735309123.0, (2026, 10, 26, 4, 23, 21, 49, 123)),
])
def test_time_fields(t: float, fields: tuple) -> None:
    got = (dt.year_from_time(t), dt.month_from_time(t), dt.date_from_time(t), dt.week_day(t),
           dt.hour_from_time(t), dt.min_from_time(t), dt.sec_from_time(t), dt.ms_from_time(t))
    assert got == tuple(float(f) for f in fields)
    assert all(type(v) is float for v in got)


@pytest.mark.parametrize("fn", [dt.day, dt.time_within_day, dt.year_from_time, dt.month_from_time,
                                dt.date_from_time, dt.week_day, dt.hour_from_time,
                                dt.min_from_time, dt.sec_from_time, dt.ms_from_time])
def test_fields_propagate_nan(fn: object) -> None:
    assert math.isnan(fn(NAN))  # type: ignore[operator]


def test_year_helpers() -> None:
    assert dt.days_in_year(2000.0) == 366.0 and dt.days_in_year(1900.0) == 365.0
    assert dt.days_in_year(2024.0) == 366.0 and dt.days_in_year(2023.0) == 365.0
    assert dt.day_from_year(1970.0) == 0.0 and dt.day_from_year(1971.0) == 365.0
    assert dt.day_from_year(1969.0) == -365.0
    assert dt.time_from_year(2000.0) == 946684800000.0
    assert dt.in_leap_year(951782400000.0) == 1.0 and dt.in_leap_year(0.0) == 0.0
    assert dt.day_within_year(951782400000.0) == 59.0
    assert dt.day(-1.0) == -1.0 and dt.time_within_day(-1.0) == 86399999.0


@pytest.mark.parametrize("args, expected", [
    ((2020.0, 0.0, 1.0), 18262.0),
    ((2020.0, 12.0, 1.0), 18628.0),        # month 12 rolls into the next year
    ((2020.0, -1.0, 1.0), 18231.0),        # month -1 is December of the year before
    ((2020.0, 1.0, 30.0), 18322.0),        # Feb 30 -> Mar 1
    ((2020.0, 0.0, 0.0), 18261.0),
    ((2020.5, 0.9, 1.9), 18262.0),         # ToInteger on each
    ((NAN, 0.0, 1.0), NAN), ((2020.0, math.inf, 1.0), NAN), ((1e7, 0.0, 1.0), NAN),
])
def test_make_day(args: tuple, expected: float) -> None:
    assert same(dt.make_day(*args), expected)


def test_make_time_date_clip() -> None:
    assert dt.make_time(1.0, 2.0, 3.0, 4.0) == 3723004.0
    assert dt.make_time(-1.0, 0.0, 0.0, 0.5) == -3600000.0
    assert math.isnan(dt.make_time(1.0, NAN, 0.0, 0.0))
    assert dt.make_date(1.0, 5.0) == 86400005.0
    assert math.isnan(dt.make_date(math.inf, 0.0)) and math.isnan(dt.make_date(1e305, 0.0))
    assert dt.time_clip(8.64e15) == 8.64e15 and math.isnan(dt.time_clip(8.64e15 + 1))
    assert same(dt.time_clip(-0.0), 0.0) and dt.time_clip(1.9) == 1.0
    assert same(dt.time_clip(-0.5), 0.0)
    assert math.isnan(dt.time_clip(NAN)) and math.isnan(dt.time_clip(math.inf))


# -- the local time zone ----------------------------------------------------------------------

def test_timezones() -> None:
    r = Realm()
    assert dt.local_tza(r, 0.0, True) == 0.0  # default: UTC
    dt.set_timezone(r, "+05:30")
    assert dt.local_time(r, 0.0) == 19800000.0 and dt.utc(r, 19800000.0) == 0.0
    assert dt.time_zone_name(r, 0.0) == "GMT+05:30"
    dt.set_timezone(r, "-0800")
    assert dt.local_tza(r, 0.0, True) == -28800000.0
    dt.set_timezone(r, "America/New_York")
    winter, summer = 1577836800000.0, 1593561600000.0  # 2020-01-01, 2020-07-01 UTC
    assert dt.local_tza(r, winter, True) == -5 * 3600000.0
    assert dt.local_tza(r, summer, True) == -4 * 3600000.0
    assert dt.time_zone_name(r, summer) == "Eastern Daylight Time"
    # 2020-03-08 02:30 local does not exist: read with the offset before (EST) -> 03:30 EDT
    gap = dt.make_date(dt.make_day(2020.0, 2.0, 8.0), dt.make_time(2.0, 30.0, 0.0, 0.0))
    assert dt.utc(r, gap) == gap + 5 * 3600000.0
    # 2020-11-01 01:30 local happens twice: the earlier one (EDT)
    overlap = dt.make_date(dt.make_day(2020.0, 10.0, 1.0), dt.make_time(1.0, 30.0, 0.0, 0.0))
    assert dt.utc(r, overlap) == overlap + 4 * 3600000.0
    # far years use an equivalent year (DST rules continue)
    assert dt.local_tza(r, 8.64e15, True) == -4 * 3600000.0
    assert dt.local_tza(r, -8.64e15, True) == -(4 * 3600 + 56 * 60 + 2) * 1000.0  # LMT
    with pytest.raises(Exception):
        dt.set_timezone(r, "Not/AZone")
    dt.set_timezone(r, None)
    assert dt.local_tza(r, summer, True) == 0.0


def test_clock_hook() -> None:
    r = Realm()
    r.clock = lambda: 1234.5  # type: ignore[attr-defined]
    assert dt.current_time_ms(r) == 1234.0
    m = create_machine(MachineOptions(clock=1234.5))
    lines = run_on(m, "console.log(Date.now(), new Date().getTime(), Date())").console
    assert lines == ["1234 1234 Thu Jan 01 1970 00:00:01 GMT+0000 (Coordinated Universal Time)"]


def test_real_clock() -> None:
    import time
    before = time.time() * 1000
    now = dt.current_time_ms(Realm())
    assert before - 1 <= now <= time.time() * 1000 + 1 and now == int(now)


# -- Date.parse -------------------------------------------------------------------------------

@pytest.mark.parametrize("s, expected", [
    ("1970-01-01", 0.0),
    ("1970-01-01T00:00:00.000Z", 0.0),
    ("1970-01-01T00:00", 0.0),  # local time (UTC here)
    ("2020-01-02T10:00:00+05:30", 1577939400000.0),
    ("+002020-01-02", 1577923200000.0),
    ("-000000-01-01T00:00Z", NAN),  # year -0 is not allowed
    ("-000000-01-01", 978307200000.0),  # ...but V8's legacy parser then reads "000000-01-01"
    ("2020/01/02", 1577923200000.0),
    ("Jan 2, 2020", 1577923200000.0),
    ("January 2, 2020 10:00:00", 1577959200000.0),
    ("2 Jan 2020", 1577923200000.0),
    ("Thu, 02 Jan 2020 10:00:00 GMT", 1577959200000.0),
    ("Thu Jan 02 2020 10:00:00 GMT-0500 (Eastern Standard Time)", 1577977200000.0),
    ("Jan 2 2020 10:00 PM", 1578002400000.0),
    ("Jan 2 2020 10:00 EST", 1577977200000.0),
    ("2020-01-02T24:00", 1578009600000.0),
    ("2020-01-02T24:01", NAN),
    ("2020-13-01", NAN),
    ("foo", NAN),
    ("", NAN),
    ("2020-01-02 foo", NAN),
    ("+275760-09-13T00:00:00.001Z", NAN),
    ("1/2", 978393600000.0),  # V8: a missing year is 2001
])
def test_parse_table(s: str, expected: float) -> None:
    assert same(parse_date(Realm(), s), expected)


def test_parse_local_forms_follow_zone() -> None:
    r = Realm()
    dt.set_timezone(r, "+01:00")
    assert parse_date(r, "2020-01-02") == 1577923200000.0  # date-only: UTC
    assert parse_date(r, "2020-01-02T00:00") == 1577923200000.0 - 3600000.0
    assert parse_date(r, "2020/01/02") == 1577923200000.0 - 3600000.0


# -- JS level ---------------------------------------------------------------------------------

def js(src: str) -> list:
    return run(src).console


@pytest.mark.parametrize("src, expected", [
    ("new Date(0).toISOString()", "1970-01-01T00:00:00.000Z"),
    ("new Date(8.64e15).toISOString()", "+275760-09-13T00:00:00.000Z"),
    ("new Date(-62198755200000).toISOString()", "-000001-01-01T00:00:00.000Z"),
    ("new Date(8.64e15 + 1).getTime()", "NaN"),
    ("new Date(99, 0).getFullYear()", "1999"),
    ("new Date(100, 0).getFullYear()", "100"),
    ("new Date(2020, 0, 31, 25).toISOString()", "2020-02-01T01:00:00.000Z"),
    ("new Date(2020, 1).getDate()", "1"),
    ("new Date(new Date(5)).getTime()", "5"),
    ("new Date('2020-01-02').getTime()", "1577923200000"),
    ("new Date({valueOf() { return 7 }}).getTime()", "7"),
    ("new Date(true).getTime()", "1"),
    ("typeof Date()", "string"),
    ("Date.UTC()", "NaN"),
    ("Date.UTC(2020)", "1577836800000"),
    ("Date.UTC(99, 11, 31)", "946598400000"),
    ("new Date(0).getTimezoneOffset()", "0"),
    ("new Date(0).getYear()", "70"),
    ("new Date(NaN) + ''", "Invalid Date"),
    ("new Date(0) + 1", "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)1"),
    ("new Date(5) - 1", "4"),
    ("new Date(0).toUTCString()", "Thu, 01 Jan 1970 00:00:00 GMT"),
    ("new Date(0).toLocaleString()", "1/1/1970, 12:00:00 AM"),
    ("new Date(0).toLocaleTimeString()", "12:00:00 AM"),
    ("new Date(43200000).toLocaleTimeString()", "12:00:00 PM"),
    ("JSON.stringify({d: new Date(0)})", '{"d":"1970-01-01T00:00:00.000Z"}'),
    ("new Date(NaN).toJSON()", "null"),
    ("Date.prototype.toJSON.call({toISOString() { return 'x' }})", "x"),
    ("Date.prototype.toGMTString === Date.prototype.toUTCString", "true"),
    ("Object.prototype.toString.call(new Date(0))", "[object Date]"),
    ("Object.prototype.toString.call(Date.prototype)", "[object Object]"),
    ("class D extends Date { f() { return this.getTime() } }; new D(3).f()", "3"),
    ("class D extends Date {}; new D(3) instanceof D", "true"),
    ("Reflect.construct(Date, [0], Array).constructor === Array", "true"),
    ("var d = new Date(0); d.setFullYear(2000, 1, 29); d.toISOString()", "2000-02-29T00:00:00.000Z"),
    ("var d = new Date(NaN); d.setFullYear(2000); d.toISOString()", "2000-01-01T00:00:00.000Z"),
    ("var d = new Date(NaN); d.setMonth(1)", "NaN"),
    ("var d = new Date(0); d.setHours()", "NaN"),
    ("var d = new Date(0); d.setMinutes(1, 2, 3)", "62003"),
    ("var d = new Date(0); d.setUTCSeconds(1, 500)", "1500"),
    ("var d = new Date(0); d.setTime('12')", "12"),
    ("var d = new Date(0); d.setYear(99); d.getFullYear()", "1999"),
    ("var d = new Date(0); d.setYear(NaN); d.getTime()", "NaN"),
    ("Date.prototype[Symbol.toPrimitive].call(new Date(0), 'number')", "0"),
    ("Date.length + ',' + Date.UTC.length + ',' + Date.prototype.setHours.length", "7,7,4"),
])
def test_js_table(src: str, expected: str) -> None:
    head, _, last = src.rpartition(";")
    assert js(f"{head}; console.log(String({last.strip()}))") == [expected]


@pytest.mark.parametrize("src, message", [
    ("Date.prototype.getTime.call({})", "TypeError: this is not a Date object."),
    ("Date.prototype.setTime.call({})",
     "TypeError: Method Date.prototype.setTime called on incompatible receiver #<Object>"),
    ("Date.prototype.toString.call(1)",
     "TypeError: Method Date.prototype.toString called on incompatible receiver 1"),
    ("new Date(NaN).toISOString()", "RangeError: Invalid time value"),
    ("Date.prototype[Symbol.toPrimitive].call(new Date(0), 'x')", "TypeError: Invalid hint: x"),
    ("Date.prototype.toJSON.call({})", "TypeError: toISOString is not a function"),
])
def test_js_errors(src: str, message: str) -> None:
    assert js(f"try {{ {src} }} catch (e) {{ console.log(e.name + ': ' + e.message) }}") == [message]


def test_symbol_to_primitive_attributes() -> None:
    out = js("var d = Object.getOwnPropertyDescriptor(Date.prototype, Symbol.toPrimitive);"
             "console.log(d.writable, d.enumerable, d.configurable, d.value.name, d.value.length)")
    assert out == ["false false true [Symbol.toPrimitive] 1"]


def test_console_log_of_dates() -> None:
    assert js("console.log(new Date(0), [new Date(NaN)])") == \
        ["1970-01-01T00:00:00.000Z [ Invalid Date ]"]


def test_date_objects_across_pause() -> None:
    out = across_pause('const d = new Date(86400000);',
                       'console.log(d.getTime(), d instanceof Date, Object.prototype.toString.call(d))')
    assert out == ["86400000 true [object Date]"]
