"""The Date constructor and Date.prototype (ES2017 20.3), with the Annex B extras.

https://tc39.es/ecma262/2017/#sec-date-objects

Time-value arithmetic, the local time zone, the string formats and the parser are in
``operations/date_time.py`` (whose docstring explains the realm's ``timezone`` setting
and ``clock`` hook).  This module converts arguments in the spec's order and keeps
V8's error messages.  Locale methods ignore their arguments and print node's en-US
format ("11/26/2026, 11:21:49 PM").
"""
from __future__ import annotations

import math
from typing import Any, Optional

from ..helpers import arg
from ..natives import native
from ..operations import date_time as dt
from ..operations.date_parse import parse_date
from ..operations.date_time import (current_time_ms, local_time, make_date, make_day,
                                    host_timezone, make_time, set_timezone, time_clip, utc)
from ..operations.errors import range_error, type_error
from ..operations.calls import call
from ..operations.object_operations import get_prototype_from_constructor
from ..operations.type_conversion import (ordinary_to_primitive, to_integer, to_number,
                                          to_object, to_primitive, to_string)
from ..runtime import CTX
from ..values import NULL, SYM_TO_PRIMITIVE, C, JSObject, JSSymbol, is_callable
from ..operations.object_operations import constructor_name_of

__all__ = ["JSDate", "set_timezone", "current_time_ms", "setup"]

NAN = math.nan


class JSDate(JSObject):
    """A Date instance: an ordinary object with a [[DateValue]] slot (a float)."""
    __slots__ = ("date_value",)

    def __init__(self, proto: Optional[JSObject], tv: float) -> None:
        JSObject.__init__(self, proto, "Date")
        self.date_value = tv


# -- 20.3.2 the Date constructor --------------------------------------------------------------

@native("Date", 7, ctor=True)
def date_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 20.3.2 Date ( ...values )."""
    realm = CTX.realm
    if new_target is None:
        # called as a function: the current time as a string, whatever the arguments
        return dt.to_date_string(realm, current_time_ms(realm))
    n = len(args)
    if n == 0:
        # 20.3.2.3 Date ( )
        tv = current_time_ms(realm)
    elif n == 1:
        # 20.3.2.2 Date ( value )
        value = args[0]
        if isinstance(value, JSDate):
            tv = value.date_value
        else:
            v = to_primitive(value)
            tv = parse_date(realm, v) if type(v) is str else to_number(v)
        tv = time_clip(tv)
    else:
        # 20.3.2.1 Date ( year, month [ , date [ , hours [ , minutes [ , seconds [ , ms ] ] ] ] ] )
        final = _fields_to_time(args)
        tv = time_clip(utc(realm, final))
    proto = get_prototype_from_constructor(new_target, "DatePrototype")
    return JSDate(proto, tv)


def _fields_to_time(args: list) -> float:
    """Steps shared by Date(y, m, ...) and Date.UTC: ToNumber each argument in order, fill
    the defaults, map years 0-99 to 1900-1999, and MakeDate (no time zone)."""
    nums = [to_number(a) for a in args[:7]]
    y = nums[0] if nums else NAN
    m = nums[1] if len(nums) > 1 else 0.0
    d = nums[2] if len(nums) > 2 else 1.0
    h, mi, s, ms = (nums[i] if len(nums) > i else 0.0 for i in range(3, 7))
    if y == y:
        yi = to_integer(y)
        if 0 <= yi <= 99:
            y = 1900.0 + yi
    return make_date(make_day(y, m, d), make_time(h, mi, s, ms))


# -- 20.3.3 properties of the Date constructor ------------------------------------------------

@native("Date.now", 0)
def date_now(this: Any, args: list) -> Any:
    """ES2017 20.3.3.1 Date.now ( )."""
    return current_time_ms(CTX.realm)


@native("Date.parse", 1)
def date_parse(this: Any, args: list) -> Any:
    """ES2017 20.3.3.2 Date.parse ( string )."""
    return parse_date(CTX.realm, to_string(arg(args, 0)))


@native("Date.UTC", 7)
def date_utc(this: Any, args: list) -> Any:
    """ES2017 20.3.3.4 Date.UTC ( year [ , month [ , ... ] ] ) (month optional, as in ES2018)."""
    return time_clip(_fields_to_time(args))


# -- 20.3.4 properties of the Date prototype object -------------------------------------------

def _receiver(v: Any) -> str:
    if isinstance(v, JSObject):
        return f"#<{constructor_name_of(v)}>"
    if type(v) is JSSymbol:
        return f"Symbol({v.description or ''})"
    return to_string(v) if v is not NULL else "null"


def this_time_value(v: Any, method: str = "") -> float:
    """ES2017 20.3.4 thisTimeValue ( value ); V8's two messages (getters vs the rest)."""
    if isinstance(v, JSDate):
        return v.date_value
    if method:
        raise type_error(f"Method Date.prototype.{method} called on incompatible receiver "
                         f"{_receiver(v)}")
    raise type_error("this is not a Date object.")


def _local(this: Any) -> float:
    return local_time(CTX.realm, this_time_value(this))


def _getter(name: str, field: Any, local: bool) -> None:
    def get(this: Any, args: list) -> Any:
        t = this_time_value(this)
        if local:
            t = local_time(CTX.realm, t)
        return field(t)
    get.__name__ = get.__qualname__ = "date_proto_" + name
    get.__doc__ = f"ES2017 20.3.4 Date.prototype.{name} ( )."
    native(f"Date.prototype.{name}", 0)(get)
    globals()[get.__name__] = get  # importable by name


_GETTERS = (
    ("getDate", dt.date_from_time), ("getDay", dt.week_day), ("getFullYear", dt.year_from_time),
    ("getHours", dt.hour_from_time), ("getMilliseconds", dt.ms_from_time),
    ("getMinutes", dt.min_from_time), ("getMonth", dt.month_from_time),
    ("getSeconds", dt.sec_from_time),
)
for _name, _field in _GETTERS:
    _getter(_name, _field, True)
    _getter(_name.replace("get", "getUTC"), _field, False)


@native("Date.prototype.getTime", 0)
def date_proto_get_time(this: Any, args: list) -> Any:
    """ES2017 20.3.4.10 Date.prototype.getTime ( )."""
    return this_time_value(this)


@native("Date.prototype.valueOf", 0)
def date_proto_value_of(this: Any, args: list) -> Any:
    """ES2017 20.3.4.44 Date.prototype.valueOf ( )."""
    return this_time_value(this)


@native("Date.prototype.getTimezoneOffset", 0)
def date_proto_get_timezone_offset(this: Any, args: list) -> Any:
    """ES2017 20.3.4.11 Date.prototype.getTimezoneOffset ( ): (t - LocalTime(t)) / msPerMinute,
    in whole minutes as V8 reports it (zones with second offsets, such as LMT)."""
    t = this_time_value(this)
    if t != t:
        return NAN
    return float(int((t - local_time(CTX.realm, t)) / dt.MS_PER_MINUTE)) + 0.0


@native("Date.prototype.getYear", 0)
def date_proto_get_year(this: Any, args: list) -> Any:
    """ES2017 B.2.4.1 Date.prototype.getYear ( )."""
    t = this_time_value(this, "getYear")
    return dt.year_from_time(local_time(CTX.realm, t)) - 1900.0


# -- setters ----------------------------------------------------------------------------------

def _set(this: Any, tv: float) -> float:
    v = time_clip(tv)
    this.date_value = v
    return v


def _nums(args: list, count: int) -> list:
    """ToNumber of the first ``count`` arguments present (missing ones stay None)."""
    return [to_number(args[i]) if i < len(args) else None for i in range(count)]


def _first_then_rest(args: list, count: int, t: float) -> list:
    """V8 (and ES2021+) order: convert the first argument; the optional ones only when the
    time value is valid (on NaN the result is NaN whatever they are)."""
    given: list = [to_number(arg(args, 0))] + [None] * (count - 1)
    if t == t:
        for i in range(1, min(count, len(args))):
            given[i] = to_number(args[i])
    return given


def _or(v: Optional[float], default: float) -> float:
    return default if v is None else v


def _setter_time(method: str, first: int, local: bool) -> Any:
    """setHours/setMinutes/setSeconds/setMilliseconds (local or UTC): ``first`` is the index
    of the first field set (0 hours .. 3 ms); later fields may follow as extra arguments."""
    def set_(this: Any, args: list) -> Any:
        t = this_time_value(this, method)
        realm = CTX.realm
        if local:
            t = local_time(realm, t)
        given = _first_then_rest(args, 4 - first, t)
        cur = [dt.hour_from_time(t), dt.min_from_time(t), dt.sec_from_time(t), dt.ms_from_time(t)]
        for i, v in enumerate(given):
            cur[first + i] = _or(v, cur[first + i])
        date = make_date(dt.day(t), make_time(*cur))
        return _set(this, utc(realm, date) if local else date)
    return set_


def _setter_date(method: str, first: int, local: bool) -> Any:
    """setFullYear/setMonth/setDate (local or UTC): ``first`` is 0 year, 1 month, 2 date."""
    def set_(this: Any, args: list) -> Any:
        t = this_time_value(this, method)
        realm = CTX.realm
        if first == 0 and t != t:
            t = 0.0  # setFullYear on an invalid date starts from +0 (not converted)
        elif local:
            t = local_time(realm, t)
        given = _nums(args, 3) if first == 0 else _first_then_rest(args, 3 - first, t)
        if not args:
            given[0] = NAN
        cur = [dt.year_from_time(t), dt.month_from_time(t), dt.date_from_time(t)]
        for i, v in enumerate(given):
            cur[first + i] = _or(v, cur[first + i])
        date = make_date(make_day(*cur), dt.time_within_day(t))
        return _set(this, utc(realm, date) if local else date)
    return set_


_SETTERS = (("FullYear", 0, 3, _setter_date), ("Month", 1, 2, _setter_date),
            ("Date", 2, 1, _setter_date), ("Hours", 0, 4, _setter_time),
            ("Minutes", 1, 3, _setter_time), ("Seconds", 2, 2, _setter_time),
            ("Milliseconds", 3, 1, _setter_time))
for _field_name, _first, _length, _make in _SETTERS:
    for _utc in (False, True):
        _m = ("setUTC" if _utc else "set") + _field_name
        _f = _make(_m, _first, not _utc)
        _f.__name__ = _f.__qualname__ = "date_proto_" + _m
        _f.__doc__ = f"ES2017 20.3.4 Date.prototype.{_m}."
        native(f"Date.prototype.{_m}", _length)(_f)
        globals()[_f.__name__] = _f


@native("Date.prototype.setTime", 1)
def date_proto_set_time(this: Any, args: list) -> Any:
    """ES2017 20.3.4.27 Date.prototype.setTime ( time )."""
    this_time_value(this, "setTime")
    return _set(this, to_number(arg(args, 0)))


@native("Date.prototype.setYear", 1)
def date_proto_set_year(this: Any, args: list) -> Any:
    """ES2017 B.2.4.2 Date.prototype.setYear ( year )."""
    t = this_time_value(this, "setYear")
    realm = CTX.realm
    t = 0.0 if t != t else local_time(realm, t)
    y = to_number(arg(args, 0))
    if y != y:
        this.date_value = NAN
        return NAN
    yi = to_integer(y)
    yyyy = 1900.0 + yi if 0 <= yi <= 99 else y
    d = make_day(yyyy, dt.month_from_time(t), dt.date_from_time(t))
    return _set(this, utc(realm, make_date(d, dt.time_within_day(t))))


# -- string conversions -----------------------------------------------------------------------

@native("Date.prototype.toString", 0)
def date_proto_to_string(this: Any, args: list) -> Any:
    """ES2017 20.3.4.41 Date.prototype.toString ( )."""
    return dt.to_date_string(CTX.realm, this_time_value(this, "toString"))


@native("Date.prototype.toDateString", 0)
def date_proto_to_date_string(this: Any, args: list) -> Any:
    """ES2017 20.3.4.35 Date.prototype.toDateString ( )."""
    tv = this_time_value(this, "toDateString")
    if tv != tv:
        return "Invalid Date"
    return dt.date_string(local_time(CTX.realm, tv))


@native("Date.prototype.toTimeString", 0)
def date_proto_to_time_string(this: Any, args: list) -> Any:
    """ES2017 20.3.4.42 Date.prototype.toTimeString ( )."""
    tv = this_time_value(this, "toTimeString")
    if tv != tv:
        return "Invalid Date"
    realm = CTX.realm
    return dt.time_string(local_time(realm, tv)) + dt.time_zone_string(realm, tv)


@native("Date.prototype.toUTCString", 0)
def date_proto_to_utc_string(this: Any, args: list) -> Any:
    """ES2017 20.3.4.43 Date.prototype.toUTCString ( )."""
    return dt.to_utc_string(this_time_value(this, "toUTCString"))


@native("Date.prototype.toISOString", 0)
def date_proto_to_iso_string(this: Any, args: list) -> Any:
    """ES2017 20.3.4.36 Date.prototype.toISOString ( )."""
    tv = this_time_value(this, "toISOString")
    if tv != tv:
        raise range_error("Invalid time value")
    return dt.to_iso_string(tv)


@native("Date.prototype.toJSON", 1)
def date_proto_to_json(this: Any, args: list) -> Any:
    """ES2017 20.3.4.37 Date.prototype.toJSON ( key )."""
    o = to_object(this)
    tv = to_primitive(o, "number")
    if type(tv) is float and (tv != tv or tv in (math.inf, -math.inf)):
        return NULL
    f = o.get("toISOString", o)
    if not is_callable(f):
        raise type_error("toISOString is not a function")
    return call(f, o, [])


def _locale(this: Any, method: str, parts: str) -> str:
    tv = this_time_value(this, method)
    if tv != tv:
        return "Invalid Date"
    t = local_time(CTX.realm, tv)
    if parts == "date":
        return dt.locale_date_string(t)
    if parts == "time":
        return dt.locale_time_string(t)
    return f"{dt.locale_date_string(t)}, {dt.locale_time_string(t)}"


@native("Date.prototype.toLocaleString", 0)
def date_proto_to_locale_string(this: Any, args: list) -> Any:
    """ES2017 20.3.4.39 Date.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] )."""
    return _locale(this, "toLocaleString", "both")


@native("Date.prototype.toLocaleDateString", 0)
def date_proto_to_locale_date_string(this: Any, args: list) -> Any:
    """ES2017 20.3.4.38 Date.prototype.toLocaleDateString ( [ reserved1 [ , reserved2 ] ] )."""
    return _locale(this, "toLocaleDateString", "date")


@native("Date.prototype.toLocaleTimeString", 0)
def date_proto_to_locale_time_string(this: Any, args: list) -> Any:
    """ES2017 20.3.4.40 Date.prototype.toLocaleTimeString ( [ reserved1 [ , reserved2 ] ] )."""
    return _locale(this, "toLocaleTimeString", "time")


@native("Date.prototype.[Symbol.toPrimitive]", 1)
def date_proto_to_primitive(this: Any, args: list) -> Any:
    """ES2017 20.3.4.45 Date.prototype [ @@toPrimitive ] ( hint )."""
    if not isinstance(this, JSObject):
        raise type_error("Method Date.prototype [ @@toPrimitive ] called on incompatible "
                         f"receiver {_receiver(this)}")
    hint = arg(args, 0)
    if hint in ("string", "default"):
        return ordinary_to_primitive(this, "string")
    if hint == "number":
        return ordinary_to_primitive(this, "number")
    raise type_error(f"Invalid hint: {_receiver(hint)}")


_PROTO_METHODS = (
    "toString", "toDateString", "toTimeString", "toISOString", "toUTCString", "toGMTString",
    "getDate", "setDate", "getDay", "getFullYear", "setFullYear", "getHours", "setHours",
    "getMilliseconds", "setMilliseconds", "getMinutes", "setMinutes", "getMonth", "setMonth",
    "getSeconds", "setSeconds", "getTime", "setTime", "getTimezoneOffset",
    "getUTCDate", "setUTCDate", "getUTCDay", "getUTCFullYear", "setUTCFullYear",
    "getUTCHours", "setUTCHours", "getUTCMilliseconds", "setUTCMilliseconds",
    "getUTCMinutes", "setUTCMinutes", "getUTCMonth", "setUTCMonth", "getUTCSeconds",
    "setUTCSeconds", "valueOf", "getYear", "setYear", "toJSON", "toLocaleString",
    "toLocaleDateString", "toLocaleTimeString",
)


def setup(realm: Any) -> None:
    # the local time zone is the host's until the machine's options say otherwise
    realm.timezone = host_timezone()
    # ES2017 20.3.4: Date.prototype is an ordinary object, not a Date instance
    proto = JSObject(realm.object_prototype)
    ctor = realm.constructor("Date", "Date", proto)
    for name in ("now", "parse", "UTC"):
        realm.method(ctor, name, "Date." + name)
    for name in _PROTO_METHODS:
        if name == "toGMTString":
            # B.2.4.3: the same function object as toUTCString
            proto.put_hidden(name, proto.props["toUTCString"])
        else:
            realm.method(proto, name, "Date.prototype." + name)
    # 20.3.4.45: { [[Writable]]: false, [[Enumerable]]: false, [[Configurable]]: true }
    realm.method(proto, SYM_TO_PRIMITIVE, "Date.prototype.[Symbol.toPrimitive]")
    proto._store(SYM_TO_PRIMITIVE, proto.props[SYM_TO_PRIMITIVE], C)
