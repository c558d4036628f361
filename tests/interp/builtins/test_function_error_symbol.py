"""Function.prototype, Error, Symbol and Boolean (ES2017 19.2-19.5): Python-level tests."""
from __future__ import annotations

import math
from typing import Any

import pytest

from fetchflow.interp.natives import JSBoundFunction
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import (C, NULL, SYM_HAS_INSTANCE, SYM_TO_PRIMITIVE, WELL_KNOWN, JSObject,
                                     JSPrimitiveObject, JSSymbol)

from .core_helpers import arr, message_of, nat, new, new_realm, obj, throws


@pytest.fixture(autouse=True)
def realm() -> Any:
    old = CTX.realm
    r = new_realm()
    yield r
    CTX.realm = old


# -- Function.prototype --------------------------------------------------------------------

def test_call_apply_with_natives(realm: Any) -> None:
    f = realm.intr["Object"].get("keys", None)
    o = obj(a=1, b=2)
    assert nat("Function.prototype.call", f, None, o).elems == ["a", "b"]
    assert nat("Function.prototype.apply", f, None, arr(o)).elems == ["a", "b"]
    is_ = realm.intr["Object"].get("is", None)
    assert nat("Function.prototype.apply", is_, None, None) is True  # Object.is() -> undefined, undefined
    assert nat("Function.prototype.apply", is_, None, obj(("length", 2.0), ("0", 1.0), ("1", 1.0))) is True
    assert message_of(throws(nat, "Function.prototype.apply", is_, None, 1.0)) == \
        "TypeError: CreateListFromArrayLike called on non-object"
    assert "not a function" in message_of(throws(nat, "Function.prototype.call", obj()))


def test_bind(realm: Any) -> None:
    is_ = realm.intr["Object"].get("is", None)
    b = nat("Function.prototype.bind", is_, None, 1.0)
    assert isinstance(b, JSBoundFunction) and b.target is is_ and b.bound_args == [1.0]
    assert b.get("name", b) == "bound is" and b.get("length", b) == 1.0
    assert b.get_own_property("name")[1] == C and b.proto is realm.function_prototype
    b2 = nat("Function.prototype.bind", b, None, 1.0, 2.0, 3.0)
    assert b2.get("name", b2) == "bound bound is" and b2.get("length", b2) == 0.0
    f = realm.intr["Object"]
    f.define_own_property("length", {"value": math.inf})
    assert nat("Function.prototype.bind", f).get("length", None) == math.inf
    f.define_own_property("name", {"value": 5.0})
    assert nat("Function.prototype.bind", f).get("name", None) == "bound "
    assert message_of(throws(nat, "Function.prototype.bind", obj())) == \
        "TypeError: Bind must be called on a function"


def test_to_string_natives(realm: Any) -> None:
    assert nat("Function.prototype.toString", realm.intr["parseInt"]) == \
        "function parseInt() { [native code] }"
    assert nat("Function.prototype.toString", realm.function_prototype) == \
        "function () { [native code] }"
    b = nat("Function.prototype.bind", realm.intr["parseInt"])
    assert nat("Function.prototype.toString", b) == "function () { [native code] }"
    desc = realm.object_prototype.get_own_property("__proto__")[0]
    assert nat("Function.prototype.toString", desc.get) == "function get __proto__() { [native code] }"
    sym_tp = realm.intr["SymbolPrototype"].get(SYM_TO_PRIMITIVE, None)
    assert nat("Function.prototype.toString", sym_tp) == \
        "function [Symbol.toPrimitive]() { [native code] }"
    assert message_of(throws(nat, "Function.prototype.toString", obj())) == \
        "TypeError: Function.prototype.toString requires that 'this' be a Function"


def test_has_instance(realm: Any) -> None:
    fp = realm.function_prototype
    v, attrs = fp.get_own_property(SYM_HAS_INSTANCE)
    assert attrs == 0
    o = obj()
    assert nat("Function.prototype.[Symbol.hasInstance]", realm.intr["Object"], o) is True
    assert nat("Function.prototype.[Symbol.hasInstance]", realm.intr["Error"], o) is False
    assert nat("Function.prototype.[Symbol.hasInstance]", obj(), o) is False


def test_function_prototype_shape(realm: Any) -> None:
    fp = realm.function_prototype
    assert fp.own_property_keys()[:5] == ["length", "name", "arguments", "caller", "constructor"]
    assert fp.get("name", fp) == "" and fp.get("length", fp) == 0.0
    err = throws(fp.get, "caller", fp)
    assert "'caller', 'callee', and 'arguments'" in message_of(err)
    f = realm.intr["Function"]
    assert f.get("prototype", f) is fp and f.get("length", f) == 1.0


def test_function_constructor_needs_machine(realm: Any) -> None:
    assert message_of(throws(new, "Function", "a", "return a")).startswith("TypeError")


# -- Error ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["Error", "EvalError", "RangeError", "ReferenceError",
                                  "SyntaxError", "TypeError", "URIError"])
def test_error_constructors(realm: Any, kind: str) -> None:
    e = new(kind, "msg")
    assert e.cls == "Error" and e.proto is realm.intr[kind + "Prototype"]
    assert e.own_property_keys() == ["stack", "message"]
    assert e.get("stack", e) == f"{kind}: msg"
    assert nat("Error.prototype.toString", e) == f"{kind}: msg"
    called = nat(kind, None, 5.0)
    assert called.proto is realm.intr[kind + "Prototype"] and called.get("message", called) == "5"
    no_msg = new(kind)
    assert no_msg.own_property_keys() == ["stack"] and no_msg.get("message", no_msg) == ""
    ctor = realm.intr[kind]
    assert ctor.get("length", ctor) == 1.0 and ctor.get("name", ctor) == kind
    proto = realm.intr[kind + "Prototype"]
    assert proto.get("name", proto) == kind
    if kind != "Error":
        assert ctor.proto is realm.intr["Error"]
        assert proto.proto is realm.intr["ErrorPrototype"]
        assert proto.own_property_keys() == ["constructor", "name", "message"]


def test_error_new_target(realm: Any) -> None:
    sub_proto = JSObject(realm.intr["ErrorPrototype"])
    fake = obj(prototype=sub_proto)
    e = new("Error", "m", new_target=fake)
    assert e.proto is sub_proto and e.cls == "Error"


def test_lazy_stack_header(realm: Any) -> None:
    e = new("Error", "x")
    e.set("name", "Foo", e)
    assert e.get("stack", e) == "Foo: x"
    e2 = new("Error", "x")
    e2.get("stack", e2)
    e2.set("name", "Bar", e2)
    assert e2.get("stack", e2) == "Error: x"
    e3 = new("Error", "x")
    assert e3.delete("stack") and e3.get("stack", e3) is None


def test_make_error_uses_real_errors(realm: Any) -> None:
    from fetchflow.interp.operations.errors import type_error
    err = type_error("boom").value
    assert err.cls == "Error" and err.get("stack", err) == "TypeError: boom"
    assert nat("Object.prototype.toString", err) == "[object Error]"


@pytest.mark.parametrize("name,message,expected", [
    (None, None, "Error"), ("", "m", "m"), ("N", "", "N"), ("N", "M", "N: M"), (1.0, 2.0, "1: 2"),
])
def test_error_to_string(realm: Any, name: Any, message: Any, expected: str) -> None:
    o = obj()
    if name is not None:
        o.set("name", name, o)
    if message is not None:
        o.set("message", message, o)
    assert nat("Error.prototype.toString", o) == expected


def test_error_to_string_bad_receiver(realm: Any) -> None:
    assert message_of(throws(nat, "Error.prototype.toString", 1.0)) == \
        "TypeError: Method Error.prototype.toString called on incompatible receiver 1"


def test_capture_stack_trace(realm: Any) -> None:
    o = obj(name="X", message="y")
    nat("Error.captureStackTrace", None, o)
    assert o.get("stack", o) == "X: y" and o.get_own_property("stack")[1] == 0b101


# -- Symbol --------------------------------------------------------------------------------

def test_symbol(realm: Any) -> None:
    s = nat("Symbol", None, "d")
    assert type(s) is JSSymbol and s.description == "d"
    assert nat("Symbol", None).description is None
    assert nat("Symbol", None, 1.0).description == "1"
    assert message_of(throws(new, "Symbol")) == "TypeError: Symbol is not a constructor"


def test_symbol_registry(realm: Any) -> None:
    a = nat("Symbol.for", None, "k")
    assert nat("Symbol.for", None, "k") is a
    assert nat("Symbol.keyFor", None, a) == "k"
    assert nat("Symbol.keyFor", None, nat("Symbol", None, "k")) is None
    assert message_of(throws(nat, "Symbol.keyFor", None, "k")) == "TypeError: k is not a symbol"


def test_symbol_prototype(realm: Any) -> None:
    s = JSSymbol("q")
    assert nat("Symbol.prototype.toString", s) == "Symbol(q)"
    assert nat("Symbol.prototype.toString", JSSymbol(None)) == "Symbol()"
    w = nat("Object", None, s)
    assert isinstance(w, JSPrimitiveObject) and nat("Symbol.prototype.valueOf", w) is s
    assert nat("Symbol.prototype.[Symbol.toPrimitive]", w, "default") is s
    assert message_of(throws(nat, "Symbol.prototype.toString", 1.0)) == \
        "TypeError: Symbol.prototype.toString requires that 'this' be a Symbol"
    ctor = realm.intr["Symbol"]
    assert ctor.get("iterator", ctor) is WELL_KNOWN["iterator"]
    assert ctor.get_own_property("iterator")[1] == 0
    proto = realm.intr["SymbolPrototype"]
    assert proto.get_own_property(SYM_TO_PRIMITIVE)[1] == C


# -- Boolean -------------------------------------------------------------------------------

@pytest.mark.parametrize("v,expected", [
    (None, False), (NULL, False), (0.0, False), (math.nan, False), ("", False), ("0", True),
    (-1.0, True), (JSSymbol("x"), True),
])
def test_boolean_call(realm: Any, v: Any, expected: bool) -> None:
    assert nat("Boolean", None, v) is expected


def test_boolean_objects(realm: Any) -> None:
    b = new("Boolean", 0.0)
    assert isinstance(b, JSPrimitiveObject) and b.value is False and b.cls == "Boolean"
    assert nat("Boolean.prototype.toString", b) == "false"
    assert nat("Boolean.prototype.valueOf", True) is True
    proto = realm.intr["BooleanPrototype"]
    assert nat("Boolean.prototype.valueOf", proto) is False
    assert message_of(throws(nat, "Boolean.prototype.toString", 1.0)) == \
        "TypeError: Boolean.prototype.toString requires that 'this' be a Boolean"
    assert nat("Object.prototype.toString", b) == "[object Boolean]"
