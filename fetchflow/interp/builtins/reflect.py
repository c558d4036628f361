"""The Reflect object (ES2017 26.1).

https://tc39.es/ecma262/2017/#sec-reflect-object
"""
from __future__ import annotations

from typing import Any, Generator

from ..helpers import arg
from ..natives import native
from ..operations.calls import construct
from ..operations.errors import type_error
from ..operations.object_operations import (create_array_from_list, create_list_from_array_like,
                                            from_descriptor, to_property_descriptor)
from ..operations.type_conversion import to_display, to_property_key
from ..values import NULL, SYM_TO_STRING_TAG, C, JSObject, is_callable, is_constructor
from .function import _not_a_function
from .object import _value_display


def _target(args: list, method: str) -> JSObject:
    t = arg(args, 0)
    if not isinstance(t, JSObject):
        raise type_error(f"Reflect.{method} called on non-object")
    return t


@native("Reflect.apply", 3, gen=True)
def reflect_apply(this: Any, args: list) -> Generator:
    """ES2017 26.1.1 Reflect.apply ( target, thisArgument, argumentsList )."""
    target = arg(args, 0)
    if not is_callable(target):
        raise _not_a_function("apply", target)
    arg_list = create_list_from_array_like(arg(args, 2))
    return (yield (target, arg(args, 1), arg_list))


@native("Reflect.construct", 2)
def reflect_construct(this: Any, args: list) -> Any:
    """ES2017 26.1.2 Reflect.construct ( target, argumentsList [ , newTarget ] )."""
    target = arg(args, 0)
    if not is_constructor(target):
        raise type_error(f"{to_display(target)} is not a constructor")
    new_target = target if len(args) < 3 else args[2]
    if not is_constructor(new_target):
        raise type_error(f"{to_display(new_target)} is not a constructor")
    arg_list = create_list_from_array_like(arg(args, 1))
    return construct(target, arg_list, new_target)


@native("Reflect.defineProperty", 3)
def reflect_define_property(this: Any, args: list) -> Any:
    """ES2017 26.1.3 Reflect.defineProperty ( target, propertyKey, attributes )."""
    target = _target(args, "defineProperty")
    key = to_property_key(arg(args, 1))
    desc = to_property_descriptor(arg(args, 2))
    return target.define_own_property(key, desc)


@native("Reflect.deleteProperty", 2)
def reflect_delete_property(this: Any, args: list) -> Any:
    """ES2017 26.1.4 Reflect.deleteProperty ( target, propertyKey )."""
    target = _target(args, "deleteProperty")
    return target.delete(to_property_key(arg(args, 1)))


@native("Reflect.get", 2)
def reflect_get(this: Any, args: list) -> Any:
    """ES2017 26.1.6 Reflect.get ( target, propertyKey [ , receiver ] )."""
    target = _target(args, "get")
    key = to_property_key(arg(args, 1))
    receiver = target if len(args) < 3 else args[2]
    return target.get(key, receiver)


@native("Reflect.getOwnPropertyDescriptor", 2)
def reflect_get_own_property_descriptor(this: Any, args: list) -> Any:
    """ES2017 26.1.7 Reflect.getOwnPropertyDescriptor ( target, propertyKey )."""
    target = _target(args, "getOwnPropertyDescriptor")
    return from_descriptor(target.get_own_property(to_property_key(arg(args, 1))))


@native("Reflect.getPrototypeOf", 1)
def reflect_get_prototype_of(this: Any, args: list) -> Any:
    """ES2017 26.1.8 Reflect.getPrototypeOf ( target )."""
    p = _target(args, "getPrototypeOf").get_prototype_of()
    return NULL if p is None else p


@native("Reflect.has", 2)
def reflect_has(this: Any, args: list) -> Any:
    """ES2017 26.1.9 Reflect.has ( target, propertyKey )."""
    target = _target(args, "has")
    return target.has_property(to_property_key(arg(args, 1)))


@native("Reflect.isExtensible", 1)
def reflect_is_extensible(this: Any, args: list) -> Any:
    """ES2017 26.1.10 Reflect.isExtensible ( target )."""
    return _target(args, "isExtensible").is_extensible()


@native("Reflect.ownKeys", 1)
def reflect_own_keys(this: Any, args: list) -> Any:
    """ES2017 26.1.11 Reflect.ownKeys ( target )."""
    return create_array_from_list(_target(args, "ownKeys").own_property_keys())


@native("Reflect.preventExtensions", 1)
def reflect_prevent_extensions(this: Any, args: list) -> Any:
    """ES2017 26.1.12 Reflect.preventExtensions ( target )."""
    return _target(args, "preventExtensions").prevent_extensions()


@native("Reflect.set", 3)
def reflect_set(this: Any, args: list) -> Any:
    """ES2017 26.1.13 Reflect.set ( target, propertyKey, V [ , receiver ] )."""
    target = _target(args, "set")
    key = to_property_key(arg(args, 1))
    receiver = target if len(args) < 4 else args[3]
    return target.set(key, arg(args, 2), receiver)


@native("Reflect.setPrototypeOf", 2)
def reflect_set_prototype_of(this: Any, args: list) -> Any:
    """ES2017 26.1.14 Reflect.setPrototypeOf ( target, proto )."""
    target = _target(args, "setPrototypeOf")
    proto = arg(args, 1)
    if proto is NULL:
        return target.set_prototype_of(None)
    if not isinstance(proto, JSObject):
        raise type_error(f"Object prototype may only be an Object or null: {_value_display(proto)}")
    return target.set_prototype_of(proto)


# V8's property order
_METHODS = ("defineProperty", "deleteProperty", "apply", "construct", "get",
            "getOwnPropertyDescriptor", "getPrototypeOf", "has", "isExtensible", "ownKeys",
            "preventExtensions", "set", "setPrototypeOf")


def setup(realm: Any) -> None:
    reflect = JSObject(realm.object_prototype)
    for name in _METHODS:
        realm.method(reflect, name, "Reflect." + name)
    # ES2020 26.1.14 Reflect [ @@toStringTag ]; node has it, so console output matches
    reflect.put_hidden(SYM_TO_STRING_TAG, "Reflect", C)
    realm.intr["Reflect"] = reflect
    realm.global_object.put_hidden("Reflect", reflect)
