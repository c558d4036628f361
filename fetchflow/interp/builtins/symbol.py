"""The Symbol constructor and Symbol.prototype (ES2017 19.4; ES2019 description).

https://tc39.es/ecma262/2017/#sec-symbol-objects
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.errors import type_error
from ..operations.type_conversion import to_string
from ..runtime import CTX
from ..values import (C, SYM_TO_PRIMITIVE, SYM_TO_STRING_TAG, WELL_KNOWN, WELL_KNOWN_NAMES,
                      JSPrimitiveObject, JSSymbol)
from .error import receiver_display
from ..values import JSObject


@native("Symbol", 0, ctor=True)
def symbol_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 19.4.1.1 Symbol ( [ description ] )."""
    if new_target is not None:
        raise type_error("Symbol is not a constructor")
    description = arg(args, 0)
    return JSSymbol(None if description is None else to_string(description))


@native("Symbol.for", 1)
def symbol_for(this: Any, args: list) -> Any:
    """ES2017 19.4.2.1 Symbol.for ( key )."""
    key = to_string(arg(args, 0))
    registry = CTX.realm.symbol_registry
    sym = registry.get(key)
    if sym is None:
        sym = JSSymbol(key)
        sym.registry_key = key
        registry[key] = sym
    return sym


@native("Symbol.keyFor", 1)
def symbol_key_for(this: Any, args: list) -> Any:
    """ES2017 19.4.2.5 Symbol.keyFor ( sym )."""
    sym = arg(args, 0)
    if type(sym) is not JSSymbol:
        raise type_error(f"{receiver_display(sym)} is not a symbol")
    return sym.registry_key


def this_symbol_value(v: Any, method: str) -> JSSymbol:
    """ES2017 19.4.3 thisSymbolValue ( value )."""
    if type(v) is JSSymbol:
        return v
    if isinstance(v, JSPrimitiveObject) and v.cls == "Symbol":
        return v.value
    raise type_error(f"{method} requires that 'this' be a Symbol")


def symbol_descriptive_string(sym: JSSymbol) -> str:
    """ES2017 19.4.3.2.1 SymbolDescriptiveString ( sym )."""
    return f"Symbol({sym.description if sym.description is not None else ''})"


@native("Symbol.prototype.toString", 0)
def symbol_proto_to_string(this: Any, args: list) -> Any:
    """ES2017 19.4.3.2 Symbol.prototype.toString ( )."""
    return symbol_descriptive_string(this_symbol_value(this, "Symbol.prototype.toString"))


@native("Symbol.prototype.valueOf", 0)
def symbol_proto_value_of(this: Any, args: list) -> Any:
    """ES2017 19.4.3.3 Symbol.prototype.valueOf ( )."""
    return this_symbol_value(this, "Symbol.prototype.valueOf")


@native("get Symbol.prototype.description", 0)
def symbol_proto_description(this: Any, args: list) -> Any:
    """ES2019 19.4.3.2 get Symbol.prototype.description."""
    return this_symbol_value(this, "Symbol.prototype.description").description


@native("Symbol.prototype.[Symbol.toPrimitive]", 1)
def symbol_proto_to_primitive(this: Any, args: list) -> Any:
    """ES2017 19.4.3.4 Symbol.prototype [ @@toPrimitive ] ( hint )."""
    return this_symbol_value(this, "Symbol.prototype [ @@toPrimitive ]")


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    ctor = realm.constructor("Symbol", "Symbol", proto)
    realm.method(ctor, "for", "Symbol.for")
    realm.method(ctor, "keyFor", "Symbol.keyFor")
    for name in sorted(WELL_KNOWN_NAMES):  # V8's order
        ctor.put_hidden(name, WELL_KNOWN[name], 0)
    realm.method(proto, "toString", "Symbol.prototype.toString")
    realm.method(proto, "valueOf", "Symbol.prototype.valueOf")
    realm.getter(proto, "description", "get Symbol.prototype.description")
    proto.put_hidden(SYM_TO_STRING_TAG, "Symbol", C)  # before @@toPrimitive, as in V8
    f = realm.native("Symbol.prototype.[Symbol.toPrimitive]")
    proto.put_hidden(SYM_TO_PRIMITIVE, f, C)
