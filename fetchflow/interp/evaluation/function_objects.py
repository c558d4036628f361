"""Function objects as a running program makes them: FunctionCreate (ES2017 9.2.5), its kind,
SetFunctionName (9.2.11) and DefineMethod's property (14.3.8).  They read only what the
compiler left in a function's ``Code.p`` (FuncData), so every evaluation module can use them."""
from __future__ import annotations

from typing import Any, Optional

from ..compiler import Code
from ..functions import (ARROW, ASYNC, ASYNC_ARROW, ASYNC_GENERATOR, CLASS_BASE, CLASS_DERIVED,
                         GENERATOR, METHOD, NORMAL, JSFunction)
from ..values import ACC, C, E, W, Accessor, JSObject, JSSymbol


def function_kind(node: Any, method: bool = False) -> int:
    if node.type == "ArrowFunctionExpression":
        return ASYNC_ARROW if node.isAsync else ARROW
    if node.generator:
        return ASYNC_GENERATOR if node.isAsync else GENERATOR
    if node.isAsync:
        return ASYNC
    return METHOD if method else NORMAL


def make_function(m: Any, code: Code, scope: Any, home: Any = None, kind: Optional[int] = None,
                  name: Any = None) -> JSFunction:
    """ES2017 9.2.5 FunctionCreate (+ MakeConstructor for ordinary functions)."""
    node = code.node
    fd = code.p
    if fd is None:
        raise AssertionError("function code without FuncData")
    if kind is None:
        kind = function_kind(node)
    realm = m.realm
    if kind == GENERATOR:
        proto = realm.intr["Generator"]
    elif kind == ASYNC_GENERATOR:
        proto = realm.intr["AsyncGeneratorFunctionPrototype"]
    elif kind == ASYNC or kind == ASYNC_ARROW:
        proto = realm.intr.get("AsyncFunctionPrototype", realm.function_prototype)
    else:
        proto = realm.function_prototype
    f = JSFunction(proto, code, scope, kind, fd.strict, home)
    if kind == METHOD or kind == ARROW or kind == ASYNC_ARROW:
        f.ctor_ok = False
    flags = {"length": C, "name": C}
    props = f.props
    props["length"] = float(fd.length)
    props["name"] = fd.name if name is None else name
    if kind == NORMAL:
        p = JSObject(realm.object_prototype)
        p.props["constructor"] = f
        p.flags = {"constructor": W | C}
        props["prototype"] = p
        flags["prototype"] = W
    elif kind == GENERATOR or kind == ASYNC_GENERATOR:
        props["prototype"] = JSObject(realm.intr["GeneratorPrototype" if kind == GENERATOR
                                                 else "AsyncGeneratorPrototype"])
        flags["prototype"] = W
    f.flags = flags
    return f


def set_function_name(f: Any, key: Any, prefix: str = "") -> None:
    """ES2017 9.2.11 SetFunctionName (only when the function has no own name yet)."""
    if not isinstance(f, JSObject):
        return
    if type(key) is JSSymbol:
        key = "" if key.description is None else "[" + key.description + "]"
    name = (prefix + " " + key) if prefix else key
    cur = f.props.get("name", None)
    if isinstance(f, JSFunction) and f.kind in (CLASS_BASE, CLASS_DERIVED):
        # classes: a static "name" member wins
        if cur is None or cur == "":
            if f.get_own_property("name") is None or f.props.get("name") == "":
                f._store("name", name, C)
        return
    if cur == "" or cur is None:
        f._store("name", name, C)


def define_method_property(m: Any, obj: JSObject, key: Any, fn: Any, kind: str,
                           enumerable: bool = True) -> None:
    """ES2017 14.3.8 DefineMethod / PropertyDefinitionEvaluation for methods and accessors."""
    if isinstance(fn, JSFunction):
        fn.home = obj
        if fn.kind == NORMAL:
            fn.kind = METHOD
            fn.ctor_ok = False
            fn.props.pop("prototype", None)
            if fn.flags:
                fn.flags.pop("prototype", None)
    if kind == "get" or kind == "set":
        set_function_name(fn, key, kind)
        own = obj.get_own_property(key)
        if own is not None and own[1] & ACC:
            acc = own[0]
            g, st = acc.get, acc.set
        else:
            g = st = None
        if kind == "get":
            g = fn
        else:
            st = fn
        obj._store(key, Accessor(g, st), ACC | C | (E if enumerable else 0))
        return
    set_function_name(fn, key)
    obj.define_own_property(key, {"value": fn, "writable": True, "enumerable": enumerable,
                                  "configurable": True})
