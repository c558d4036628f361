"""Date against node, in a given time zone: node runs with ``TZ=<zone>`` and fetchflow with
``execute_code(..., timezone=<zone>)``; console output must match (tests/node_oracle.py).

Node's output is recorded in test_date_node.node.json (each entry with its TZ).  Random
batches come from seeded generators, so the programs, and so the fixtures, are the same on
every run; each batch of ~100 cases is one node call.
"""
from __future__ import annotations

import json
import random

import pytest

from tests.node_oracle import MODES, assert_same_as_node, fetchflow_output, mismatch, node_output


def assert_like_node(src: str, tz: str = "UTC") -> None:
    assert_same_as_node(src, tz=tz)


ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney"]

# -- hand-written programs --------------------------------------------------------------------

FORMATS = r"""
const tvs = [0, -1, 1, 1e12, -1e12, 8.64e15, -8.64e15, 1795735309123, 951782400000, -62198755200000,
  -62167219200000, 253402300799999, 253402300800000, 1583649000000, 1604208600000, NaN];
for (const tv of tvs) {
  const d = new Date(tv);
  console.log(String(d), '|', d.toUTCString(), '|', d.toDateString(), '|', d.toTimeString());
  console.log(d.toLocaleString(), '|', d.toLocaleDateString(), '|', d.toLocaleTimeString());
  console.log(isNaN(tv) ? 'nan' : d.toISOString(), JSON.stringify(d), d.getTimezoneOffset(), d.getYear());
  console.log(d.getFullYear(), d.getMonth(), d.getDate(), d.getDay(), d.getHours(), d.getMinutes(),
    d.getSeconds(), d.getMilliseconds(), d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(),
    d.getUTCDay(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}
"""

CONSTRUCT = r"""
const cases = [[2020, 0], [2020, 0, 1, 0, 0, 0, 0], [99, 11, 31, 23, 59, 59, 999], [0, 0], [-1, 0],
  [2020, 2, 8, 2, 30], [2020, 10, 1, 1, 30], [2020, 9, 25, 2, 30], [2020, 2, 29, 2, 30], [2021, 13, 40],
  [2020, -1, -1, -1, -1, -1, -1], [275760, 8, 13], [275760, 8, 12, 23, 59], [-271821, 3, 20],
  [2020.9, 0.5, 1.7], ['2020', '1', '2'], [NaN, 0], [2020, NaN], [1e20, 0], [2019, 3, 7, 3, 0, 0, 0]];
for (const c of cases) {
  const d = new Date(...c), u = Date.UTC(...c);
  console.log(JSON.stringify(c), d.getTime(), u, String(d));
}
console.log(new Date(2020, 0).getTime() === new Date('2020-01-01T00:00').getTime());
console.log(typeof Date(), Date(2020, 1).length > 20, typeof Date.now(), Date.length, Date.name);
"""

SETTERS = r"""
const ops = [
  d => d.setFullYear(2021), d => d.setFullYear(2021, 5), d => d.setFullYear(2021, 5, 31),
  d => d.setMonth(1), d => d.setMonth(1, 29), d => d.setDate(0), d => d.setDate(31),
  d => d.setHours(2), d => d.setHours(2, 30), d => d.setHours(2, 30, 15), d => d.setHours(2, 30, 15, 5),
  d => d.setMinutes(61), d => d.setMinutes(1, 2), d => d.setMinutes(1, 2, 3), d => d.setSeconds(-1),
  d => d.setSeconds(1, 2), d => d.setMilliseconds(1001), d => d.setUTCFullYear(1999, 1, 2),
  d => d.setUTCMonth(6, 4), d => d.setUTCDate(15), d => d.setUTCHours(25, 1, 2, 3),
  d => d.setUTCMinutes(5, 6, 7), d => d.setUTCSeconds(8, 9), d => d.setUTCMilliseconds(-1),
  d => d.setTime(5), d => d.setTime('x'), d => d.setYear(95), d => d.setYear(2030), d => d.setYear(NaN),
  d => d.setHours(), d => d.setMonth(NaN), d => d.setDate(undefined), d => d.setFullYear(1e6),
];
const starts = [1583640000000, 1604203200000, 0, NaN, 951782400000, 8.64e15];
for (const s of starts) for (const op of ops) {
  const d = new Date(s);
  const r = op(d);
  console.log(s, op.toString().slice(6), r, d.getTime(), String(d));
}
"""

PARSE = r"""
const strs = ["2020", "2020-01", "2020-01-02", "2020-01-02T10:00", "2020-01-02T10:00:05.1",
  "2020-01-02T10:00:05.123456Z", "2020-01-02T10:00+05:30", "2020-01-02T10:00-0800", "2020-01-02T24:00",
  "+002020-01-02", "-000001-01-01T00:00:00Z", "-000000-01-01", "2020/01/02", "2020/1/2 10:00",
  "1/2/2020", "01/02/20", "Jan 2, 2020", "January 2, 2020 10:00:00", "2 Jan 2020",
  "2 January 2020 10:00 PM", "Thu, 02 Jan 2020 10:00:00 GMT", "Jan 2 2020 10:00 EST",
  "Thu Jan 02 2020 10:00:00 GMT+0000 (Coordinated Universal Time)", "2020-02-30", "foo", "",
  "2020-01-02 10:00:00", "Jan", "12:00", "Jan 2020", "2020 Jan 2", "Sat, 01-Jan-2000 08:00:00 GMT",
  "Mon Jan 1 2001 12:00 am", "Mon Jan 1 2001 12:30 pm", "Mon Jan 1 2001 13:30 pm", "1.2.2020",
  "2020.01.02", "1 2 3", "1 2 3 4", "Jan 2 2020 10:00:00 GMT+2", "Jan 2 2020 10:00:00 UTC+0530",
  "Tuesday, March 3, 2020", "March 7", "2020-1-2", "20200102", "2020-01-02T10", "2020-01-02T10:00:60",
  "Dec 25, 1995 13:30:00 +0430", "Wed, 09 Aug 1995 00:00:00", "+275760-09-13T00:00:00.001Z",
  "-271821-04-20T00:00:00Z", "12/31/1969 23:59:59", "2020-01-02t10:00:00", "10:00 2020-01-02",
  "2020-01-02 10:00 AM", "2020-01-02 (comment) 10:00", "(Thu) Jan 2 2020", "6/15/2020, 3:04:05 PM",
  "Sun Mar 08 2020 02:30:00", "Sun Nov 01 2020 01:30:00", "2020-03-08T02:30", "2020-11-01T01:30",
  "2020-10-04T02:30", "2020-04-05T02:30", "Jan 2 2020 10:00:00 GMT-03:30", "2020-01-02T10:00:00.000+24:00",
  "2020-01-02T10:00:00+1:00", "Jan 2 2020 10:00:00.5", "10:00:00.123 Jan 2 2020", "Jan-2-2020",
  "2-Jan-2020", "2020-Jan-02", "Jan 2 2020 10::", "12/31/99", "12/31/49", "12/31/50", "Jan 32 2020"];
for (const s of strs) console.log(JSON.stringify(s), Date.parse(s), new Date(s).getTime());
"""

MISC = r"""
const d = new Date(1795735309123);
console.log(d + 1, d - 1, `${d}`, d == d.toString(), d < new Date(1795735309124), +d);
console.log(d[Symbol.toPrimitive]('default'), d[Symbol.toPrimitive]('number'), d[Symbol.toPrimitive]('string'));
console.log(JSON.stringify({d, n: new Date(NaN)}), d.toJSON(), new Date(NaN).toJSON());
console.log(Date.prototype.toJSON.call({toISOString() { return 42 }, valueOf() { return 1 }}));
console.log(Date.prototype.toJSON.call({toISOString() { return 42 }, valueOf() { return Infinity }}));
class MyDate extends Date { constructor(...a) { super(...a); this.tag = 'x' } year() { return this.getUTCFullYear() } }
const m = new MyDate(0);
console.log(m.year(), m.tag, m instanceof Date, m instanceof MyDate, Object.prototype.toString.call(m));
console.log(Object.getOwnPropertyNames(Date.prototype).join());
console.log(Object.getOwnPropertyNames(Date).join(), Date.prototype.constructor === Date);
const desc = Object.getOwnPropertyDescriptor(Date.prototype, Symbol.toPrimitive);
console.log(desc.writable, desc.enumerable, desc.configurable, desc.value.name, desc.value.length);
for (const n of ['getTime', 'setTime', 'toString', 'toISOString', 'getYear', 'setYear', 'toJSON',
                 'setMinutes', 'setUTCFullYear', 'toLocaleString', 'UTC', 'now', 'parse']) {
  const f = Date.prototype[n] || Date[n];
  console.log(n, f.length, f.name);
}
const errs = [() => Date.prototype.getTime.call({}), () => Date.prototype.setTime.call('a'),
  () => Date.prototype.toString.call(1), () => new Date(NaN).toISOString(),
  () => d[Symbol.toPrimitive]('x'), () => Date.prototype[Symbol.toPrimitive].call(1, 'number'),
  () => Date.prototype.toJSON.call({}), () => Date.prototype.valueOf.call(Date.prototype),
  () => Date.prototype.getUTCDay.call(null), () => Date.prototype.toDateString.call(undefined)];
for (const f of errs) { try { f(); console.log('no error') } catch (e) { console.log(e.name, e.message) } }
console.log([new Date(0)], {a: new Date(NaN)}, new Date(8.64e15));
const order = [];
new Date({valueOf() { order.push('y'); return 2020 }}, {valueOf() { order.push('m'); return 1 }},
         {valueOf() { order.push('d'); return 1 }});
Date.UTC({valueOf() { order.push('Y'); return NaN }}, {valueOf() { order.push('M'); return 1 }});
new Date(NaN).setMinutes({valueOf() { order.push('min'); return 1 }}, {valueOf() { order.push('s'); return 1 }});
console.log(order.join());
console.log(new Date(new Date(5)).getTime(), new Date({[Symbol.toPrimitive]() { return '1970-01-02' }}).getTime());
console.log(new Date(2020, 0, 1).getTime() - new Date(Date.UTC(2020, 0, 1)).getTime());
"""


@pytest.mark.parametrize("tz", ZONES)
@pytest.mark.parametrize("name, src", [("formats", FORMATS), ("construct", CONSTRUCT),
                                       ("setters", SETTERS), ("parse", PARSE), ("misc", MISC)])
def test_programs(name: str, src: str, tz: str) -> None:
    assert_like_node(src, tz)


def test_new_york_dst() -> None:
    """Every hour across the 2020 spring-forward and fall-back days in New York."""
    src = r"""
    for (const [y, m, d] of [[2020, 2, 8], [2020, 10, 1], [1970, 3, 26], [2038, 2, 14], [1918, 2, 31]]) {
      for (let h = -1; h < 26; h++) {
        for (const min of [0, 30, 59]) {
          const l = new Date(y, m, d, h, min);
          const u = new Date(Date.UTC(y, m, d, h + 4, min));
          console.log(l.getTime(), String(l), l.getTimezoneOffset(), l.getHours(),
                      String(u), u.getHours(), u.toLocaleString());
        }
      }
    }
    """
    assert_like_node(src, "America/New_York")


# -- seeded random batches, one node call per batch ---------------------------------------------
# Seeded ``random.Random`` rather than hypothesis: a derandomized hypothesis run draws different
# examples depending on what ran before it in the session, so its fixtures never matched.


def _fields(rng: random.Random) -> list:
    return [rng.randint(-3000, 12000), rng.randint(-15, 27), rng.randint(-40, 70), rng.randint(-30, 50),
            rng.randint(-100, 150), rng.randint(-100, 150), rng.randint(-2000, 3000)]


# Known bug (strict xfails): local time in a DST zone in years past 9999 is an hour off node's
# (fetchflow maps such years to an equivalent year for zoneinfo; V8 asks ICU directly).
_FAR_YEAR_DST = pytest.mark.xfail(strict=True, reason="DST offset in years past 9999 differs from node")


def _seeds(n: int, known_bad: tuple = ()) -> list:
    return [pytest.param(i, marks=_FAR_YEAR_DST) if i in known_bad else i for i in range(n)]


def _time_value(rng: random.Random) -> int:
    span = rng.choice((8_640_000_000_000_000, 10**13, 4 * 10**12))
    return rng.randint(0 if span == 4 * 10**12 else -span, span)


@pytest.mark.parametrize("seed", _seeds(3, (0, 2)))
def test_random_fields(seed: int) -> None:
    rng = random.Random(f"fields-{seed}")
    batch, tz = [_fields(rng) for _ in range(100)], rng.choice(ZONES)
    src = (f"const cases = {json.dumps(batch)};\n" + r"""
    for (const c of cases) {
      const u = Date.UTC(...c), d = new Date(u), l = new Date(...c);
      const iso = isNaN(u) ? 'NaN' : d.toISOString();
      console.log(u, iso, d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(),
                  d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds(),
                  l.getTime(), l.getFullYear(), l.getMonth(), l.getDate(), l.getDay(), l.getHours(),
                  l.getMinutes(), l.getSeconds(), l.getMilliseconds(), l.getTimezoneOffset());
      const s = new Date(0);
      console.log(s.setUTCFullYear(c[0], c[1], c[2]), s.setUTCHours(c[3], c[4], c[5], c[6]),
                  s.setFullYear(c[0] + 1), s.setMonth(c[1]), s.setDate(c[2]), s.setHours(c[3]),
                  s.setMinutes(c[4]), s.setSeconds(c[5]), s.setMilliseconds(c[6]), Date.parse(iso));
    }""")
    assert_like_node(src, tz)


@pytest.mark.parametrize("seed", _seeds(3, (1, 2)))
def test_random_time_values(seed: int) -> None:
    rng = random.Random(f"time-values-{seed}")
    batch, tz = [_time_value(rng) for _ in range(100)], rng.choice(ZONES)
    src = (f"const tvs = {json.dumps(batch)};\n" + r"""
    for (const tv of tvs) {
      const d = new Date(tv), s = d.toString(), u = d.toUTCString(), i = d.toISOString();
      console.log(s, '|', u, '|', i, '|', d.toLocaleString(), '|', d.getTimezoneOffset());
      console.log(Date.parse(s), Date.parse(u), Date.parse(i), Date.parse(d.toLocaleString()));
    }""")
    assert_like_node(src, tz)


PARTS = ["2020", "20", "1", "01", "12", "31", "99", "275760", "-", "/", ":", ".", " ",
         ",", "T", "Z", "+", "GMT", "UTC", "Jan", "march", "pm", "AM", "EST", "Mon",
         "(x)", "00", "10", "59", "+05:30", "-0800", "000001", "t", "foo"]


@pytest.mark.parametrize("seed", range(2))
def test_random_parse_strings(seed: int) -> None:
    rng = random.Random(f"parse-{seed}")
    batch = ["".join(rng.choice(PARTS) for _ in range(rng.randint(1, 12))) for _ in range(150)]
    tz = rng.choice(["UTC", "America/New_York"])
    src = f"for (const s of {json.dumps(batch)}) console.log(JSON.stringify(s), Date.parse(s));"
    assert_like_node(src, tz)


def test_fixed_offset_zone_matches_equivalent_etc_zone() -> None:
    """A fixed "+05:00" zone behaves like node's Etc/GMT-5 (POSIX sign inverted)."""
    src = ("for (const tv of [0, 1e12, -1e13, 8.64e15]) { const d = new Date(tv);"
           " console.log(String(d), d.getTimezoneOffset(), d.toLocaleString(),"
           " new Date(2020, 5, 1, 12).getTime(), Date.parse('2020-06-01T12:00')) }")
    expected = node_output(src, env={"TZ": "Etc/GMT-5"})
    for mode in MODES:
        got = fetchflow_output(src, mode, timezone="+05:00")
        assert got == expected, mismatch(src, expected, got, mode, "+05:00")
