"""Reflect (ES2017 26.1), the global functions (18.2, B.2.1) and console: Python-level tests."""
from __future__ import annotations

import math
from typing import Any

import pytest

from fetchflow.interp.builtins import console as console_mod
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import E, NULL, JSObject, JSSymbol

from .core_helpers import arr, message_of, nat, new_realm, obj, throws


@pytest.fixture(autouse=True)
def realm() -> Any:
    old = CTX.realm
    r = new_realm()
    yield r
    CTX.realm = old


# -- Reflect -------------------------------------------------------------------------------

def test_reflect_basic(realm: Any) -> None:
    o = obj(a=1)
    assert nat("Reflect.get", None, o, "a") == 1.0
    assert nat("Reflect.has", None, o, "toString") is True
    assert nat("Reflect.set", None, o, "b", 2.0) is True and o.get("b", o) == 2.0
    assert nat("Reflect.defineProperty", None, o, "c", obj(value=3)) is True
    assert nat("Reflect.ownKeys", None, o).elems == ["a", "b", "c"]
    assert nat("Reflect.deleteProperty", None, o, "c") is False  # non-configurable
    assert nat("Reflect.deleteProperty", None, o, "a") is True
    assert nat("Reflect.getPrototypeOf", None, o) is realm.object_prototype
    assert nat("Reflect.setPrototypeOf", None, o, NULL) is True and o.proto is None
    assert nat("Reflect.getPrototypeOf", None, o) is NULL
    assert nat("Reflect.isExtensible", None, o) is True
    assert nat("Reflect.preventExtensions", None, o) is True
    assert nat("Reflect.isExtensible", None, o) is False
    assert nat("Reflect.setPrototypeOf", None, o, obj()) is False
    assert nat("Reflect.defineProperty", None, o, "z", obj(value=1)) is False
    d = nat("Reflect.getOwnPropertyDescriptor", None, o, "b")
    assert d.get("value", d) == 2.0
    assert nat("Reflect.getOwnPropertyDescriptor", None, o, "nope") is None


def test_reflect_receiver(realm: Any) -> None:
    target = obj()
    receiver = obj()
    assert nat("Reflect.set", None, target, "x", 1.0, receiver) is True
    assert receiver.get("x", receiver) == 1.0 and target.get_own_property("x") is None


def test_reflect_ownkeys_symbols(realm: Any) -> None:
    s = JSSymbol("s")
    o = obj(("b", 1), (s, 2), ("1", 3))
    assert nat("Reflect.ownKeys", None, o).elems == ["1", "b", s]


@pytest.mark.parametrize("method", ["get", "has", "ownKeys", "defineProperty", "deleteProperty",
                                    "getOwnPropertyDescriptor", "getPrototypeOf", "isExtensible",
                                    "preventExtensions", "set", "setPrototypeOf"])
def test_reflect_non_object(realm: Any, method: str) -> None:
    assert message_of(throws(nat, "Reflect." + method, None, 1.0, "x", obj())) == \
        f"TypeError: Reflect.{method} called on non-object"


def test_reflect_apply_construct(realm: Any) -> None:
    is_ = realm.intr["Object"].get("is", None)
    assert nat("Reflect.apply", None, is_, None, arr(1, 1)) is True
    assert message_of(throws(nat, "Reflect.apply", None, is_, None, 1.0)) == \
        "TypeError: CreateListFromArrayLike called on non-object"
    b = nat("Reflect.construct", None, realm.intr["Boolean"], arr(1))
    assert b.cls == "Boolean" and b.value is True
    proto = obj()
    nt = realm.intr["Object"]
    e = nat("Reflect.construct", None, realm.intr["Error"], arr("m"), realm.intr["TypeError"])
    assert e.proto is realm.intr["TypeErrorPrototype"]
    assert "not a constructor" in message_of(throws(nat, "Reflect.construct", None, is_, arr()))
    assert "not a constructor" in message_of(throws(nat, "Reflect.construct", None, nt, arr(), is_))
    del proto


def test_reflect_shape(realm: Any) -> None:
    r = realm.global_object.get("Reflect", None)
    assert r is realm.intr["Reflect"] and r.own_property_keys()[0] == "defineProperty"
    f = r.get("apply", r)
    assert f.get("length", f) == 3.0


# -- global functions ----------------------------------------------------------------------

PARSE_CASES = [
    # node: s, parseInt(s), parseInt(s,16), parseInt(s,2), parseInt(s,36), parseFloat(s)
    ("0x1A", 26, 26, 0, 42814, 0),
    ("  -0x1a", -26, -26, -0.0, -42814, -0.0),
    ("-0", -0.0, -0.0, -0.0, -0.0, -0.0),
    ("12abc", 12, 76476, 1, 1786296, 12),
    ("", math.nan, math.nan, math.nan, math.nan, math.nan),
    ("  42  ", 42, 66, math.nan, 146, 42),
    ("1e3", 1, 483, 1, 1803, 1000),
    ("0b11", 0, 2833, 0, 14293, 0),
    ("+5", 5, 5, math.nan, 5, 5),
    ("-", math.nan, math.nan, math.nan, math.nan, math.nan),
    ("0x", math.nan, math.nan, 0, 33, 0),
    ("9007199254740993", 9007199254740992, 10378291982571407000, math.nan,
     1.9896986116031807e+24, 9007199254740992),
    ("123456789012345678901234567890", 1.2345678901234568e+29, 9.452287968736547e+34, 1,
     1.4362876794323633e+45, 1.2345678901234568e+29),
    ("\u00a012", 12, 18, 1, 38, 12),
    ("Infinity", math.nan, math.nan, math.nan, 1461559270678, math.inf),
    ("08", 8, 8, 0, 8, 8),
]


def same(a: float, b: float) -> bool:
    if a != a:
        return b != b
    return a == b and math.copysign(1, a) == math.copysign(1, b)


@pytest.mark.parametrize("s,p10,p16,p2,p36,pf", PARSE_CASES)
def test_parse_int_float(realm: Any, s: str, p10: float, p16: float, p2: float, p36: float,
                         pf: float) -> None:
    assert same(nat("parseInt", None, s), float(p10))
    assert same(nat("parseInt", None, s, 16.0), float(p16))
    assert same(nat("parseInt", None, s, 2.0), float(p2))
    assert same(nat("parseInt", None, s, 36.0), float(p36))
    assert same(nat("parseFloat", None, s), float(pf))


def test_parse_int_radix(realm: Any) -> None:
    # parseInt("11", 1), ("11", 37), ("11", 0), ("ff", "16"), (0.0000005), (null, 36), ("z", 35.9), ("10", 4294967298)
    got = [nat("parseInt", None, "11", 1.0), nat("parseInt", None, "11", 37.0),
           nat("parseInt", None, "11", 0.0), nat("parseInt", None, "ff", "16"),
           nat("parseInt", None, 0.0000005), nat("parseInt", None, NULL, 36.0),
           nat("parseInt", None, "z", 35.9), nat("parseInt", None, "10", 4294967298.0)]
    exp = [math.nan, math.nan, 11, 255, 5, 1112745, math.nan, 2]
    assert all(same(g, float(e)) for g, e in zip(got, exp))


@pytest.mark.parametrize("s,expected", [
    (".5", 0.5), ("-.5e-3", -0.0005), ("1.e5", 100000), ("1e", 1), ("1e+", 1),
    ("-Infinityx", -math.inf), ("+Infinity", math.inf), ("infinity", math.nan), ("1_000", 1),
    ("0x10", 0), ("  \n3.14abc", 3.14), ("e5", math.nan), ("-0.0", -0.0), (".", math.nan),
    ("5.", 5),
])
def test_parse_float(realm: Any, s: str, expected: float) -> None:
    assert same(nat("parseFloat", None, s), float(expected))


def test_is_nan_is_finite(realm: Any) -> None:
    assert [nat("isNaN", None, "abc"), nat("isNaN", None, "12"), nat("isFinite", None, "12"),
            nat("isFinite", None, math.inf), nat("isNaN", None, None), nat("isFinite", None, NULL)] \
        == [True, False, True, False, True, True]


def test_uri_encode(realm: Any) -> None:
    s = "a b&c/d?e=f#g;h,i:j@k$l+m!n'o(p)q*r~s-t_u.v\u00e9\ud83d\ude00"
    assert nat("encodeURIComponent", None, s) == \
        "a%20b%26c%2Fd%3Fe%3Df%23g%3Bh%2Ci%3Aj%40k%24l%2Bm!n'o(p)q*r~s-t_u.v%C3%A9%F0%9F%98%80"
    assert nat("encodeURI", None, "http://x.y/a b?c=d&e#f[g]") == "http://x.y/a%20b?c=d&e#f%5Bg%5D"
    for bad in ("\ud800", "\udc00", "\ud800a"):
        err = throws(nat, "encodeURIComponent", None, bad)
        assert message_of(err) == "URIError: URI malformed"


def test_uri_decode(realm: Any) -> None:
    assert nat("decodeURIComponent", None, "%41%e2%82%ac%F0%9F%98%80%2f") == "A€\ud83d\ude00/"
    assert nat("decodeURI", None, "%41%2f%3B%23%e2%82%ac") == "A%2f%3B%23€"
    for bad in ("%", "%zz", "%c0%80", "%e2%82", "%ed%a0%80", "%f4%90%80%80", "%80", "%C3%28", "%4"):
        err = throws(nat, "decodeURIComponent", None, bad)
        assert message_of(err) == "URIError: URI malformed", bad
        assert err.proto is CTX.realm.intr["URIErrorPrototype"]


def test_escape_unescape(realm: Any) -> None:
    assert nat("escape", None, "a b+c/\u00fc\u0100@*_-.") == "a%20b+c/%FC%u0100@*_-."
    assert nat("unescape", None, "%u0100%41%zz%4") == "\u0100A%zz%4"


def test_global_value_properties(realm: Any) -> None:
    g = realm.global_object
    v, attrs = g.get_own_property("NaN")
    assert v != v and attrs == 0
    assert g.get_own_property("Infinity") == (math.inf, 0)
    assert g.get_own_property("undefined") == (None, 0)
    f, attrs = g.get_own_property("parseInt")
    assert attrs & E == 0 and f.get("length", f) == 2.0


# -- console -------------------------------------------------------------------------------

@pytest.fixture()
def lines() -> Any:
    console_mod.FALLBACK_LINES.clear()
    console_mod._FALLBACK_STATE.console_state.clear()
    yield console_mod.FALLBACK_LINES
    console_mod.FALLBACK_LINES.clear()
    console_mod._FALLBACK_STATE.console_state.clear()


def test_console_log(realm: Any, lines: list) -> None:
    nat("console.log", None, "a", 1.0, obj(x="y"))
    nat("console.info", None, "%s!", "hi")
    nat("console.error", None, "err")
    nat("console.log", None, "\ud83d\ude00 \ud800")
    assert lines == ["a 1 { x: 'y' }", "hi!", "err", "\U0001F600 \ufffd"]


def test_console_group_count_assert(realm: Any, lines: list) -> None:
    nat("console.group", None, "G")
    nat("console.log", None, "a\nb")
    nat("console.group", None)
    nat("console.count", None)
    nat("console.count", None)
    nat("console.count", None, "x")
    nat("console.groupEnd", None)
    nat("console.groupEnd", None)
    nat("console.groupEnd", None)
    nat("console.assert", None, True, "no")
    nat("console.assert", None, 0.0, "yes %s", "sub")
    nat("console.assert", None, False)
    nat("console.countReset", None)
    nat("console.count", None)
    assert lines == ["G", "  a\n  b", "    default: 1", "    default: 2", "    x: 1",
                     "Assertion failed: yes sub", "Assertion failed", "default: 1"]


def test_console_dir_and_shape(realm: Any, lines: list) -> None:
    nat("console.dir", None, "s")
    assert lines == ["'s'"]
    c = realm.global_object.get("console", None)
    assert isinstance(c, JSObject) and c.get("log", c).get("name", None) == "log"


class FakeMachine:
    def __init__(self) -> None:
        self.console_lines: list = []


def test_console_machine_lines(realm: Any) -> None:
    m = FakeMachine()
    old = CTX.machine
    CTX.machine = m
    try:
        nat("console.log", None, "x")
        nat("console.warn", None, "w")
        m.stderr_lines = []  # type: ignore[attr-defined]
        nat("console.error", None, "e")
    finally:
        CTX.machine = old
    assert m.console_lines == ["x", "w"] and m.stderr_lines == ["e"]  # type: ignore[attr-defined]
