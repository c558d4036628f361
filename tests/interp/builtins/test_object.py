"""Object constructor and Object.prototype (ES2017 19.1): Python-level tests on a realm."""
from __future__ import annotations

import math
from typing import Any

import pytest

from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import (ACC, C, E, NULL, SYM_TO_STRING_TAG, W, Accessor, JSArray,
                                     JSObject, JSPrimitiveObject, JSSymbol)

from .core_helpers import arr, message_of, nat, new, new_realm, obj, throws


@pytest.fixture(autouse=True)
def realm() -> Any:
    old = CTX.realm
    r = new_realm()
    yield r
    CTX.realm = old


def keys_of(a: JSArray) -> list:
    return list(a.elems)


def test_object_called_and_constructed(realm: Any) -> None:
    o = nat("Object", None)
    assert isinstance(o, JSObject) and o.proto is realm.object_prototype
    x = obj(a=1)
    assert nat("Object", None, x) is x
    assert new("Object", x) is x
    w = nat("Object", None, 3.0)
    assert isinstance(w, JSPrimitiveObject) and w.cls == "Number" and w.value == 3.0
    assert nat("Object", None, NULL).proto is realm.object_prototype


def test_object_new_target_subclass(realm: Any) -> None:
    sub_proto = obj()
    fake_ctor = obj(prototype=sub_proto)
    o = new("Object", 5.0, new_target=fake_ctor)
    assert o.proto is sub_proto and not isinstance(o, JSPrimitiveObject)


def test_keys_values_entries_order(realm: Any) -> None:
    o = obj(("b", 1), ("2", 2), ("a", 3), ("1", 4), (JSSymbol("s"), 5))
    assert keys_of(nat("Object.keys", None, o)) == ["1", "2", "b", "a"]
    assert keys_of(nat("Object.values", None, o)) == [4.0, 2.0, 1.0, 3.0]
    ents = nat("Object.entries", None, o)
    assert [e.elems for e in ents.elems] == [["1", 4.0], ["2", 2.0], ["b", 1.0], ["a", 3.0]]
    if "StringPrototype" in CTX.realm.intr:
        assert keys_of(nat("Object.keys", None, "ab")) == ["0", "1"]
    assert message_of(throws(nat, "Object.keys", None, NULL)) == \
        "TypeError: Cannot convert undefined or null to object"


def test_keys_skip_non_enumerable(realm: Any) -> None:
    o = obj(a=1)
    o.put_hidden("h", 2.0)
    assert keys_of(nat("Object.keys", None, o)) == ["a"]
    assert keys_of(nat("Object.getOwnPropertyNames", None, o)) == ["a", "h"]


def test_get_own_property_symbols_and_names(realm: Any) -> None:
    s = JSSymbol("s")
    o = obj(("x", 1), (s, 2))
    assert keys_of(nat("Object.getOwnPropertySymbols", None, o)) == [s]
    assert keys_of(nat("Object.getOwnPropertyNames", None, o)) == ["x"]
    a = arr(1, 2)
    assert keys_of(nat("Object.getOwnPropertyNames", None, a)) == ["0", "1", "length"]


def test_assign(realm: Any) -> None:
    t = obj(a=1)
    s1 = obj(b=2, a=3)
    r = nat("Object.assign", None, t, None, s1, NULL, 5.0)
    assert r is t
    assert t.get("a", t) == 3.0 and t.get("b", t) == 2.0
    frozen = nat("Object.freeze", None, obj(a=1))
    err = throws(nat, "Object.assign", None, frozen, obj(a=2))
    assert err.get("name", err) == "TypeError"


def test_create_and_define_properties(realm: Any) -> None:
    p = obj(x=1)
    o = nat("Object.create", None, p, obj(y=obj(value=2, enumerable=True), z=obj(value=3)))
    assert o.proto is p
    assert o.get("y", o) == 2.0 and o.get_own_property("y")[1] == E
    assert o.get_own_property("z")[1] == 0
    n = nat("Object.create", None, NULL)
    assert n.proto is None
    assert message_of(throws(nat, "Object.create", None, 1.0)) == \
        "TypeError: Object prototype may only be an Object or null: 1"
    assert message_of(throws(nat, "Object.create", None, None)) == \
        "TypeError: Object prototype may only be an Object or null: undefined"


def test_define_property(realm: Any) -> None:
    o = obj()
    getter = realm.intr["Object"]  # any callable will do
    nat("Object.defineProperty", None, o, "g", obj(get=getter, configurable=True))
    v, attrs = o.get_own_property("g")
    assert attrs == ACC | C and v.get is getter
    assert message_of(throws(nat, "Object.defineProperty", None, 1.0, "x", obj())) == \
        "TypeError: Object.defineProperty called on non-object"
    assert message_of(throws(nat, "Object.defineProperty", None, o, "x", 1.0)) == \
        "TypeError: Property description must be an object: 1"
    f = nat("Object.freeze", None, obj(x=1))
    assert message_of(throws(nat, "Object.defineProperty", None, f, "x", obj(value=2))) == \
        "TypeError: Cannot redefine property: x"
    assert message_of(throws(nat, "Object.defineProperty", None, f, "y", obj(value=2))) == \
        "TypeError: Cannot define property y, object is not extensible"
    # same value redefinition of a frozen property is allowed
    nat("Object.defineProperty", None, f, "x", obj(value=1))


def test_get_own_property_descriptor(realm: Any) -> None:
    o = obj(a=1)
    d = nat("Object.getOwnPropertyDescriptor", None, o, "a")
    assert [(k, d.get(k, d)) for k in d.own_property_keys()] == \
        [("value", 1.0), ("writable", True), ("enumerable", True), ("configurable", True)]
    assert nat("Object.getOwnPropertyDescriptor", None, o, "zz") is None
    ds = nat("Object.getOwnPropertyDescriptors", None, arr(7))
    assert ds.own_property_keys() == ["0", "length"]
    ld = ds.get("length", ds)
    assert ld.get("writable", ld) is True and ld.get("enumerable", ld) is False


def test_prototypes(realm: Any) -> None:
    o = obj()
    assert nat("Object.getPrototypeOf", None, o) is realm.object_prototype
    assert nat("Object.getPrototypeOf", None, nat("Object.create", None, NULL)) is NULL
    assert nat("Object.getPrototypeOf", None, True) is realm.intr["BooleanPrototype"]
    p = obj()
    assert nat("Object.setPrototypeOf", None, o, p) is o and o.proto is p
    assert nat("Object.setPrototypeOf", None, 1.0, p) == 1.0
    assert message_of(throws(nat, "Object.setPrototypeOf", None, None, p)) == \
        "TypeError: Object.setPrototypeOf called on null or undefined"
    assert message_of(throws(nat, "Object.setPrototypeOf", None, p, o)) == \
        "TypeError: Cyclic __proto__ value"
    ne = nat("Object.preventExtensions", None, obj())
    assert message_of(throws(nat, "Object.setPrototypeOf", None, ne, p)) == \
        "TypeError: #<Object> is not extensible"


def test_integrity(realm: Any) -> None:
    o = obj(a=1)
    assert nat("Object.isExtensible", None, o) is True
    assert nat("Object.isFrozen", None, o) is False
    nat("Object.seal", None, o)
    assert nat("Object.isSealed", None, o) is True and nat("Object.isFrozen", None, o) is False
    o.set("a", 5.0, o)
    assert o.get("a", o) == 5.0
    nat("Object.freeze", None, o)
    assert nat("Object.isFrozen", None, o) is True
    assert o.set("a", 6.0, o) is False
    assert nat("Object.isFrozen", None, 1.0) is True
    assert nat("Object.isExtensible", None, 1.0) is False
    assert nat("Object.freeze", None, "s") == "s"
    empty = nat("Object.preventExtensions", None, obj())
    assert nat("Object.isFrozen", None, empty) is True


def test_is(realm: Any) -> None:
    assert nat("Object.is", None, math.nan, math.nan) is True
    assert nat("Object.is", None, 0.0, -0.0) is False
    assert nat("Object.is", None, "a", "a") is True
    assert nat("Object.is", None, obj(), obj()) is False


def test_proto_methods(realm: Any) -> None:
    o = obj(a=1)
    s = JSSymbol("s")
    o.set(s, 1.0, o)
    assert nat("Object.prototype.hasOwnProperty", o, "a") is True
    assert nat("Object.prototype.hasOwnProperty", o, s) is True
    assert nat("Object.prototype.hasOwnProperty", o, "toString") is False
    if "StringPrototype" in CTX.realm.intr:
        assert nat("Object.prototype.hasOwnProperty", "abc", "1") is True
    assert nat("Object.prototype.hasOwnProperty", arr(1), 0.0) is True
    assert message_of(throws(nat, "Object.prototype.hasOwnProperty", NULL, "x")) == \
        "TypeError: Cannot convert undefined or null to object"
    assert nat("Object.prototype.isPrototypeOf", realm.object_prototype, o) is True
    assert nat("Object.prototype.isPrototypeOf", o, o) is False
    assert nat("Object.prototype.isPrototypeOf", o, 1.0) is False
    assert nat("Object.prototype.propertyIsEnumerable", o, "a") is True
    assert nat("Object.prototype.propertyIsEnumerable", arr(1), "length") is False
    assert nat("Object.prototype.valueOf", o) is o


@pytest.mark.parametrize("make,expected", [
    (lambda r: None, "[object Undefined]"),
    (lambda r: NULL, "[object Null]"),
    (lambda r: obj(), "[object Object]"),
    (lambda r: arr(), "[object Array]"),
    (lambda r: r.intr["Object"], "[object Function]"),
    (lambda r: 1.0, "[object Number]"),
    (lambda r: True, "[object Boolean]"),
    (lambda r: JSSymbol("x"), "[object Symbol]"),
    (lambda r: new("Error", "x"), "[object Error]"),
    (lambda r: new("TypeError", "x"), "[object Error]"),
    (lambda r: r.intr["ErrorPrototype"], "[object Object]"),
    (lambda r: r.intr["Reflect"], "[object Reflect]"),
    (lambda r: obj((SYM_TO_STRING_TAG, "Custom")), "[object Custom]"),
    (lambda r: obj((SYM_TO_STRING_TAG, 5.0)), "[object Object]"),
    (lambda r: JSObject(None, "Arguments"), "[object Arguments]"),
])
def test_object_prototype_to_string(realm: Any, make: Any, expected: str) -> None:
    assert nat("Object.prototype.toString", make(realm)) == expected


def test_proto_accessor(realm: Any) -> None:
    o = obj()
    assert nat("get Object.prototype.__proto__", o) is realm.object_prototype
    p = obj()
    nat("set Object.prototype.__proto__", o, p)
    assert o.proto is p
    nat("set Object.prototype.__proto__", o, 5.0)  # ignored
    assert o.proto is p
    nat("set Object.prototype.__proto__", o, NULL)
    assert o.proto is None
    assert nat("get Object.prototype.__proto__", 1.0) is realm.intr["NumberPrototype"]
    v, attrs = realm.object_prototype.get_own_property("__proto__")
    assert attrs == ACC | C


def test_define_lookup_getter(realm: Any) -> None:
    o = obj()
    g = realm.intr["Object"]
    nat("Object.prototype.__defineGetter__", o, "x", g)
    assert o.get_own_property("x")[1] == ACC | E | C
    child = nat("Object.create", None, o)
    assert nat("Object.prototype.__lookupGetter__", child, "x") is g
    assert nat("Object.prototype.__lookupSetter__", child, "x") is None
    assert nat("Object.prototype.__lookupGetter__", child, "nope") is None


def test_setup_shapes(realm: Any) -> None:
    ctor = realm.intr["Object"]
    assert ctor.get("length", ctor) == 1.0 and ctor.get("name", ctor) == "Object"
    assert ctor.get_own_property("prototype") == (realm.object_prototype, 0)
    keys = realm.object_prototype.own_property_keys()
    assert keys[0] == "constructor" and keys[-2:] == ["__proto__", "toLocaleString"]
    f = ctor.get("keys", ctor)
    assert f.get("length", f) == 1.0 and f.get("name", f) == "keys"
    assert ctor.get_own_property("keys")[1] == W | C
