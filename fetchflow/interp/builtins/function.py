"""The Function constructor and Function.prototype (ES2017 19.2).

https://tc39.es/ecma262/2017/#sec-function-objects
"""
from __future__ import annotations

import math
from typing import Any, Generator

from ..helpers import arg
from ..natives import JSBoundFunction, JSNativeFunction, native
from ..operations.errors import type_error
from ..operations.object_operations import create_list_from_array_like, ordinary_has_instance
from ..operations.type_conversion import to_integer, to_string
from ..realm import native_display_name
from ..runtime import CTX
from ..values import ACC, C, NULL, SYM_HAS_INSTANCE, Accessor, is_callable
from .error import receiver_display
from ..operations.type_conversion import type_of


# -- the constructor ---------------------------------------------------------------------

def create_dynamic_function(kind: str, args: list, new_target: Any) -> Any:
    """ES2017 19.2.1.1.1 CreateDynamicFunction: the machine parses and closes over the global scope."""
    *params, body = args if args else [""]
    params_src = [to_string(p) for p in params]
    body_src = to_string(body)
    m = CTX.machine
    if m is None or not hasattr(m, "create_dynamic_function"):
        raise type_error("Function constructor is not available without a machine")
    return m.create_dynamic_function(kind, params_src, body_src, new_target)


@native("Function", 1, ctor=True)
def function_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 19.2.1.1 Function ( p1, p2, ..., pn, body )."""
    return create_dynamic_function("normal", args, new_target)


@native("GeneratorFunction", 1, ctor=True)
def generator_function_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 25.2.1.1 GeneratorFunction ( p1, p2, ..., pn, body )."""
    return create_dynamic_function("generator", args, new_target)


@native("AsyncFunction", 1, ctor=True)
def async_function_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 25.5.1.1 AsyncFunction ( p1, p2, ..., pn, body )."""
    return create_dynamic_function("async", args, new_target)


# -- Function.prototype ------------------------------------------------------------------

def _not_a_function(method: str, v: Any) -> Any:
    kind = type_of(v)
    return type_error(f"Function.prototype.{method} was called on {receiver_display(v)}, "
                      f"which is {'an' if kind[0] in 'aeiou' else 'a'} {kind} and not a function")


@native("Function.prototype.apply", 2, gen=True)
def function_proto_apply(this: Any, args: list) -> Generator:
    """ES2017 19.2.3.1 Function.prototype.apply ( thisArg, argArray )."""
    if not is_callable(this):
        raise _not_a_function("apply", this)
    arg_array = arg(args, 1)
    if arg_array is None or arg_array is NULL:
        arg_list: list = []
    else:
        arg_list = create_list_from_array_like(arg_array)
    return (yield (this, arg(args, 0), arg_list))


@native("Function.prototype.call", 1, gen=True)
def function_proto_call(this: Any, args: list) -> Generator:
    """ES2017 19.2.3.3 Function.prototype.call ( thisArg, ...args )."""
    if not is_callable(this):
        raise _not_a_function("call", this)
    return (yield (this, arg(args, 0), args[1:]))


@native("Function.prototype.bind", 1)
def function_proto_bind(this: Any, args: list) -> Any:
    """ES2017 19.2.3.2 Function.prototype.bind ( thisArg, ...args )."""
    target = this
    if not is_callable(target):
        raise type_error("Bind must be called on a function")
    bound_args = list(args[1:])
    f = JSBoundFunction(target.get_prototype_of(), target, arg(args, 0), bound_args)
    length = 0.0
    if target.get_own_property("length") is not None:
        target_len = target.get("length", target)
        if type(target_len) is float:
            if target_len == math.inf:
                length = math.inf
            elif target_len != -math.inf:
                length = max(0.0, to_integer(target_len) - len(bound_args))
    f.put_hidden("length", length, C)
    target_name = target.get("name", target)
    if type(target_name) is not str:
        target_name = ""
    f.put_hidden("name", "bound " + target_name, C)
    return f


def function_source_text(f: Any) -> str:
    """ES2017 19.2.3.5 Function.prototype.toString for any callable ``f``."""
    src = getattr(f, "source_text", None)
    if callable(src):
        return src()
    if isinstance(f, JSNativeFunction):
        if f.native_name == "FunctionPrototype":
            name = ""
        else:
            own = f.props.get("name")
            name = own if type(own) is str else native_display_name(f.native_name)
        return f"function {name}() {{ [native code] }}"
    return "function () { [native code] }"


@native("Function.prototype.toString", 0)
def function_proto_to_string(this: Any, args: list) -> Any:
    """ES2017 19.2.3.5 Function.prototype.toString ( )."""
    if not is_callable(this):
        raise type_error("Function.prototype.toString requires that 'this' be a Function")
    return function_source_text(this)


@native("Function.prototype.[Symbol.hasInstance]", 1)
def function_proto_has_instance(this: Any, args: list) -> Any:
    """ES2017 19.2.3.6 Function.prototype [ @@hasInstance ] ( V )."""
    return ordinary_has_instance(this, arg(args, 0))


@native("ThrowTypeError", 0)
def throw_type_error(this: Any, args: list) -> Any:
    """ES2017 9.2.7.1 %ThrowTypeError% ( )."""
    raise type_error("'caller', 'callee', and 'arguments' properties may not be accessed on "
                     "strict mode functions or the arguments objects for calls to them")


def setup(realm: Any) -> None:
    proto = realm.function_prototype
    proto.put_hidden("length", 0.0, C)
    proto.put_hidden("name", "", C)
    # ES2017 9.2.7.1 %ThrowTypeError% and 9.2.7 AddRestrictedFunctionProperties
    thrower = realm.native("ThrowTypeError", "")
    thrower.prevent_extensions()
    thrower.put_hidden("length", 0.0, 0)
    thrower.put_hidden("name", "", 0)
    realm.intr["ThrowTypeError"] = thrower
    for key in ("arguments", "caller"):
        proto._store(key, Accessor(thrower, thrower), ACC | C)
    realm.constructor("Function", "Function", proto)
    for name in ("apply", "bind", "call", "toString"):
        realm.method(proto, name, "Function.prototype." + name)
    f = realm.native("Function.prototype.[Symbol.hasInstance]")
    proto.put_hidden(SYM_HAS_INSTANCE, f, 0)



def post_setup(realm: Any) -> None:
    """%GeneratorFunction% (ES2017 25.2.1) and %AsyncFunction% (25.5.1): not globals, reached
    as ``Object.getPrototypeOf(function*(){}).constructor``; their prototypes are made by
    builtins/generator.py."""
    for name, proto_name in (("GeneratorFunction", "Generator"),
                             ("AsyncFunction", "AsyncFunctionPrototype")):
        proto = realm.intr.get(proto_name)
        if proto is None or name in realm.intr:
            continue
        ctor = realm.native(name, name)
        ctor.proto = realm.intr["Function"]
        ctor.put_hidden("prototype", proto, 0)
        proto.put_hidden("constructor", ctor, C)
        realm.intr[name] = ctor
