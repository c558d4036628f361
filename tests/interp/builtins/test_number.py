"""Number constructor and prototype, called as natives from Python (the formats themselves
are differential-tested in tests/interp/operations/test_number_format.py)."""
from __future__ import annotations

import math

import pytest

from fetchflow.interp.natives import NATIVES
from fetchflow.interp.realm import Realm
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import JSObject, JSPrimitiveObject, JSThrow


@pytest.fixture(autouse=True)
def realm() -> Realm:
    r = Realm()
    CTX.realm = r
    return r


def call(name: str, this: object, *args: object) -> object:
    fn, _l, ctor, _c, _g = NATIVES[name]
    if ctor:
        return fn(this, list(args), None)
    return fn(this, list(args))


def error_of(name: str, this: object, *args: object) -> tuple:
    with pytest.raises(JSThrow) as ei:
        call(name, this, *args)
    err = ei.value.value
    return err.proto.props["constructor"].props["name"] if "constructor" in err.proto.props \
        else None, err.props["message"]


def test_ctor(realm: Realm) -> None:
    assert call("Number", None) == 0.0
    assert call("Number", None, "  0x10 ") == 16.0
    assert math.isnan(call("Number", None, "abc"))  # type: ignore[arg-type]
    ctor = realm.intr["Number"]
    w = NATIVES["Number"][0](None, [5.0], ctor)
    assert isinstance(w, JSPrimitiveObject) and w.cls == "Number" and w.value == 5.0
    assert w.proto is realm.intr["NumberPrototype"]
    assert realm.intr["NumberPrototype"].value == 0.0


def test_constants(realm: Realm) -> None:
    n = realm.intr["Number"]
    assert n.props["EPSILON"] == 2.0 ** -52
    assert n.props["MAX_SAFE_INTEGER"] == 2.0 ** 53 - 1
    assert n.props["MIN_VALUE"] == 5e-324
    assert n.flags["MAX_VALUE"] == 0
    assert n.props["parseFloat"] is realm.global_object.props["parseFloat"]
    assert n.props["parseInt"] is realm.global_object.props["parseInt"]


@pytest.mark.parametrize("name, v, expected", [
    ("isFinite", 1.0, True), ("isFinite", math.inf, False), ("isFinite", "1", False),
    ("isInteger", 5.0, True), ("isInteger", 5.5, False), ("isInteger", math.inf, False),
    ("isNaN", math.nan, True), ("isNaN", "NaN", False),
    ("isSafeInteger", 2.0 ** 53 - 1, True), ("isSafeInteger", 2.0 ** 53, False),
    ("isSafeInteger", -0.0, True),
])
def test_predicates(name: str, v: object, expected: bool) -> None:
    assert call("Number." + name, None, v) is expected


@pytest.mark.parametrize("method, this, args, expected", [
    ("toString", 255.0, [16.0], "ff"), ("toString", -0.0, [], "0"), ("toString", 0.5, [2.0], "0.1"),
    ("toString", 10.0, [None], "10"), ("toFixed", 1.005, [2.0], "1.00"),
    ("toFixed", 1e21, [2.0], "1e+21"), ("toFixed", math.nan, [2.0], "NaN"),
    ("toFixed", 1.5, [], "2"), ("toExponential", math.inf, [1000.0], "Infinity"),
    ("toExponential", 123.456, [], "1.23456e+2"), ("toExponential", 123.456, [1.0], "1.2e+2"),
    ("toPrecision", 123.456, [], "123.456"), ("toPrecision", 123.456, [4.0], "123.5"),
    ("toPrecision", -math.inf, [1000.0], "-Infinity"), ("toLocaleString", 1234.5, [], "1,234.5"),
    ("valueOf", 3.0, [], 3.0),
])
def test_prototype_methods(method: str, this: object, args: list, expected: object) -> None:
    assert call("Number.prototype." + method, this, *args) == expected


def test_prototype_on_wrapper(realm: Realm) -> None:
    w = JSPrimitiveObject(realm.intr["NumberPrototype"], "Number", 7.0)
    assert call("Number.prototype.valueOf", w) == 7.0
    assert call("Number.prototype.toString", w, 2.0) == "111"


@pytest.mark.parametrize("method, this, args, message", [
    ("toFixed", 1.0, [101.0], "toFixed() digits argument must be between 0 and 100"),
    ("toFixed", math.nan, [200.0], "toFixed() digits argument must be between 0 and 100"),
    ("toExponential", 1.0, [-1.0], "toExponential() argument must be between 0 and 100"),
    ("toPrecision", 1.0, [0.0], "toPrecision() argument must be between 1 and 100"),
    ("toString", 1.0, [1.0], "toString() radix argument must be between 2 and 36"),
])
def test_range_errors(method: str, this: object, args: list, message: str) -> None:
    kind, msg = error_of("Number.prototype." + method, this, *args)
    assert (kind, msg) == ("RangeError", message)


@pytest.mark.parametrize("method", ["toFixed", "valueOf", "toString", "toPrecision"])
def test_this_number_value(method: str, realm: Realm) -> None:
    for bad in ("1", JSObject(realm.object_prototype), None):
        kind, msg = error_of("Number.prototype." + method, bad)
        assert kind == "TypeError"
        assert msg == f"Number.prototype.{method} requires that 'this' be a Number"


# -- JS programs compared with node -----------------------------------------------------------
from tests.node_oracle import assert_same_as_node  # noqa: E402

PROGRAMS = {
    "number": r"""
console.log(Number(), Number('  12  '), Number('0b101'), Number('1e3'), Number(''), Number('x'), Number(null), Number([5]), Number(true));
const w = new Number(4); console.log(typeof w, w + 1, w.valueOf(), w instanceof Number, Object.prototype.toString.call(w));
console.log(Number.EPSILON, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Number.NEGATIVE_INFINITY);
console.log(Number.isInteger(5), Number.isInteger(5.5), Number.isSafeInteger(2 ** 53), Number.isNaN('NaN'), Number.isFinite('1'));
console.log(Number.parseFloat === parseFloat, Number.parseInt === parseInt, Number.parseFloat('3.5x'));
console.log((255).toString(16), (255).toString(2), (-255.5).toString(16), (0.1).toString(3), (1e21).toString(36), (-0).toString(), (123.456).toString(10));
console.log((1.005).toFixed(2), (1e21).toFixed(2), (0).toFixed(1), (-1.5).toFixed(0), (123.456).toFixed(), (0.000001).toFixed(7));
console.log((123.456).toExponential(), (123.456).toExponential(0), (0).toExponential(2), (-1e-7).toExponential(3));
console.log((123.456).toPrecision(), (123.456).toPrecision(1), (0.00001234).toPrecision(2), (1e21).toPrecision(3), (99.99).toPrecision(3));
console.log((1234567.891).toLocaleString(), (-0.5).toLocaleString(), (1e-7).toLocaleString(), NaN.toLocaleString());
for (const [m, a] of [['toFixed', 101], ['toExponential', -1], ['toPrecision', 0], ['toString', 37]]) {
  try { (1)[m](a); } catch (e) { console.log(e.constructor.name, e.message); }
}
try { Number.prototype.toString.call('1'); } catch (e) { console.log(e.constructor.name, e.message); }
console.log(Number.name, Number.length, Number.prototype.toFixed.length, Object.getOwnPropertyNames(Number).sort().join());
""",
    "math": r"""
console.log(Math.round(-0.5), Object.is(Math.round(-0.5), -0), Math.round(2.5), Math.round(-2.5), Math.round(0.49999999999999994));
console.log(Math.max(), Math.min(), Math.max(1, NaN, 3), Object.is(Math.max(-0, 0), 0), Object.is(Math.min(0, -0), -0), Math.max('7', [8]));
console.log(Math.pow(1, Infinity), Math.pow(NaN, 0), Math.pow(-0, -3), 2 ** 10, Math.pow(2, 0.5), Math.sqrt(-1), Object.is(Math.sqrt(-0), -0));
console.log(Math.sign(-3), Object.is(Math.sign(-0), -0), Math.trunc(-0.9), Math.ceil(-0.5), Math.floor(-0.5), Math.abs(-7.5));
console.log(Math.cbrt(27), Math.cbrt(-8), Math.hypot(3, 4), Math.hypot(), Math.hypot(NaN, Infinity), Math.clz32(1), Math.clz32(0), Math.imul(0xffffffff, 5));
console.log(Math.fround(5.05), Math.fround(1e300), Math.log(0), Math.log(-1), Math.log2(8), Math.log10(1000), Math.atanh(1), Math.expm1(0), Math.log1p(-1));
console.log(Math.PI, Math.E, Math.LN2, Math.LN10, Math.LOG2E, Math.LOG10E, Math.SQRT2, Math.SQRT1_2, String(Math));
const r = Math.random(); console.log(r >= 0 && r < 1, typeof r, Object.getOwnPropertyNames(Math).length);
console.log(Math.atan2(0, -0), Math.atan2(-0, 0), Math.sin(0), Math.cos(Math.PI), Math.exp(1), Math.cosh(0), Math.tanh(Infinity));
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_same_as_node(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])
