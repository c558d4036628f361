"""The Boolean constructor and Boolean.prototype (ES2017 19.3).

https://tc39.es/ecma262/2017/#sec-boolean-objects
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.errors import type_error
from ..operations.object_operations import get_prototype_from_constructor
from ..operations.type_conversion import to_boolean
from ..values import JSPrimitiveObject


@native("Boolean", 1, ctor=True)
def boolean_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 19.3.1.1 Boolean ( value )."""
    b = to_boolean(arg(args, 0))
    if new_target is None:
        return b
    return JSPrimitiveObject(get_prototype_from_constructor(new_target, "BooleanPrototype"),
                             "Boolean", b)


def this_boolean_value(v: Any, method: str) -> bool:
    """ES2017 19.3.3 thisBooleanValue ( value )."""
    if type(v) is bool:
        return v
    if isinstance(v, JSPrimitiveObject) and v.cls == "Boolean":
        return v.value
    raise type_error(f"{method} requires that 'this' be a Boolean")


@native("Boolean.prototype.toString", 0)
def boolean_proto_to_string(this: Any, args: list) -> Any:
    """ES2017 19.3.3.2 Boolean.prototype.toString ( )."""
    return "true" if this_boolean_value(this, "Boolean.prototype.toString") else "false"


@native("Boolean.prototype.valueOf", 0)
def boolean_proto_value_of(this: Any, args: list) -> Any:
    """ES2017 19.3.3.3 Boolean.prototype.valueOf ( )."""
    return this_boolean_value(this, "Boolean.prototype.valueOf")


def setup(realm: Any) -> None:
    # ES2017 19.3.3: Boolean.prototype is itself a Boolean object whose value is false
    proto = JSPrimitiveObject(realm.object_prototype, "Boolean", False)
    realm.constructor("Boolean", "Boolean", proto)
    realm.method(proto, "toString", "Boolean.prototype.toString")
    realm.method(proto, "valueOf", "Boolean.prototype.valueOf")
