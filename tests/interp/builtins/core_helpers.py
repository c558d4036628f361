"""Helpers for Python-level tests of the core builtins (Object, Function, Error, Symbol,
Boolean, Reflect, global functions, console, inspect): natives are called directly on a
fresh realm with no machine."""
from __future__ import annotations

from typing import Any

from fetchflow.interp.natives import NATIVES, JSNativeFunction
from fetchflow.interp.realm import Realm
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import HOLE, JSArray, JSObject, JSThrow


def new_realm() -> Realm:
    CTX.realm = r = Realm()
    return r


def drive(result: Any) -> Any:
    """Run a generator native's result to completion, calling yielded natives directly."""
    if not hasattr(result, "send"):
        return result
    value: Any = None
    while True:
        try:
            f, this, args = result.send(value)
        except StopIteration as stop:
            return stop.value
        assert isinstance(f, JSNativeFunction), "only natives can be called without a machine"
        value = call_fn(f, this, list(args))


def call_fn(f: JSNativeFunction, this: Any, args: list) -> Any:
    if f.ctor:
        return drive(f.fn(this, args, None))
    if f.pass_callee:
        return drive(f.fn(this, args, f))
    return drive(f.fn(this, args))


def nat(name: str, this: Any = None, *args: Any) -> Any:
    """Call registered native ``name`` (a plain call)."""
    fn, _length, ctor, callee, _gen = NATIVES[name]
    if ctor:
        return drive(fn(this, list(args), None))
    return drive(fn(this, list(args)))


def new(name: str, *args: Any, new_target: Any = None) -> Any:
    """``new X(...args)`` for a registered constructor native."""
    fn = NATIVES[name][0]
    return fn(None, list(args), new_target or CTX.realm.intr[name])


def obj(*pairs: Any, proto: Any = "default", **props: Any) -> JSObject:
    """A plain object with data properties (pairs for non-identifier or symbol keys)."""
    o = JSObject(CTX.realm.object_prototype if proto == "default" else proto)
    for k, v in list(pairs) + list(props.items()):
        o.set(k, conv(v), o)
    return o


def arr(*elems: Any) -> JSArray:
    return JSArray(CTX.realm.intr.get("ArrayPrototype"), [conv(e) if e is not HOLE else HOLE
                                                         for e in elems])


def conv(v: Any) -> Any:
    if type(v) is int:
        return float(v)
    return v


def throws(fn: Any, *args: Any) -> JSObject:
    """Call and return the thrown JS value (fails if nothing is thrown)."""
    try:
        fn(*args)
    except JSThrow as e:
        return e.value
    raise AssertionError("no exception")


def message_of(err: JSObject) -> str:
    return f"{err.get('name', err)}: {err.get('message', err)}"


def check_like_node(src: str) -> None:
    """``assert_same_as_node`` (kept under this name for the modules that use it)."""
    from tests.node_oracle import assert_same_as_node
    assert_same_as_node(src)
