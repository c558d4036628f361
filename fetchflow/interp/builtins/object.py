"""The Object constructor and Object.prototype (ES2017 19.1; ES2019 fromEntries, ES2022 hasOwn).

https://tc39.es/ecma262/2017/#sec-object-objects
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.buffers import JSTypedArray
from ..operations.comparison import same_value
from ..operations.errors import type_error
from ..operations.iteration import builtin_iterator_record, iterator_close_gen, iterator_step_value_gen
from ..operations.object_operations import (constructor_name_of, create_array_from_list, create_data_property,
                                            create_data_property_or_throw,
                                            define_property_or_throw, enumerable_own_properties,
                                            from_descriptor, get_prototype_from_constructor,
                                            falsish_message, key_display, set_,
                                            set_integrity_level,
                                            test_integrity_level, to_property_descriptor)
from ..operations.type_conversion import to_object, to_property_key
from ..runtime import CTX
from ..values import (ACC, E, MISSING, NULL, SYM_TO_STRING_TAG, Accessor, JSArray, JSObject, JSSymbol,
                      JSThrow, is_callable)
from ..operations.object_operations import invoke
from ..operations.proxy_objects import is_array
from .error import receiver_display


def _require_object_coercible(v: Any, what: str) -> None:
    if v is None or v is NULL:
        raise type_error(f"{what} called on null or undefined")


def _proto_arg(p: Any) -> Any:
    """An Object or null argument as a prototype (None for null), else TypeError."""
    if p is NULL:
        return None
    if isinstance(p, JSObject):
        return p
    raise type_error(f"Object prototype may only be an Object or null: {_value_display(p)}")


def _value_display(v: Any) -> str:
    """V8's rendering of a value in messages (``1``, ``abc``, ``#<Object>``)."""
    if isinstance(v, JSObject) and is_callable(v):
        # V8 prints the source of functions; a short stand-in is good enough here
        name = v.get_own_property("name")
        n = name[0] if name is not None and type(name[0]) is str else ""
        return f"function {n}() {{ [native code] }}" if v.call_kind == "native" else n or "function"
    return receiver_display(v)


# -- the constructor ---------------------------------------------------------------------

@native("Object", 1, ctor=True)
def object_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 19.1.1.1 Object ( [ value ] )."""
    if new_target is not None and new_target is not CTX.realm.intr["Object"]:
        return JSObject(get_prototype_from_constructor(new_target, "ObjectPrototype"))
    value = arg(args, 0)
    if value is None or value is NULL:
        return JSObject(CTX.realm.object_prototype)
    return to_object(value)


@native("Object.assign", 2)
def object_assign(this: Any, args: list) -> Any:
    """ES2017 19.1.2.1 Object.assign ( target, ...sources )."""
    to = to_object(arg(args, 0))
    for source in args[1:]:
        if source is None or source is NULL:
            continue
        frm = to_object(source)
        for key in frm.own_property_keys():
            own = frm.get_own_property(key)
            if own is not None and own[1] & E:
                set_(to, key, frm.get(key, frm), True)
    return to


@native("Object.create", 2)
def object_create(this: Any, args: list) -> Any:
    """ES2017 19.1.2.2 Object.create ( O, Properties )."""
    proto = _proto_arg(arg(args, 0))
    obj = JSObject(proto)
    props = arg(args, 1)
    if props is not None:
        object_define_properties_impl(obj, props)
    return obj


def object_define_properties_impl(o: JSObject, properties: Any) -> JSObject:
    """ES2017 19.1.2.3.1 ObjectDefineProperties ( O, Properties )."""
    props = to_object(properties)
    descriptors = []
    for key in props.own_property_keys():
        own = props.get_own_property(key)
        if own is not None and own[1] & E:
            desc_obj = props.get(key, props)
            descriptors.append((key, to_property_descriptor(desc_obj)))
    for key, desc in descriptors:
        _define_or_throw(o, key, desc)
    return o


def _define_or_throw(o: JSObject, key: Any, desc: dict) -> None:
    """DefinePropertyOrThrow with V8's messages."""
    if o.define_own_property(key, desc):
        return
    if o.PROXY:
        raise type_error(falsish_message("defineProperty", key))
    if o.get_own_property(key) is None and not o.extensible:
        raise type_error(f"Cannot define property {key_display(key)}, object is not extensible")
    raise type_error(f"Cannot redefine property: {key_display(key)}")


@native("Object.defineProperties", 2)
def object_define_properties(this: Any, args: list) -> Any:
    """ES2017 19.1.2.3 Object.defineProperties ( O, Properties )."""
    o = arg(args, 0)
    if not isinstance(o, JSObject):
        raise type_error("Object.defineProperties called on non-object")
    return object_define_properties_impl(o, arg(args, 1))


@native("Object.defineProperty", 3)
def object_define_property(this: Any, args: list) -> Any:
    """ES2017 19.1.2.4 Object.defineProperty ( O, P, Attributes )."""
    o = arg(args, 0)
    if not isinstance(o, JSObject):
        raise type_error("Object.defineProperty called on non-object")
    key = to_property_key(arg(args, 1))
    desc = to_property_descriptor(arg(args, 2))
    _define_or_throw(o, key, desc)
    return o


@native("Object.entries", 1)
def object_entries(this: Any, args: list) -> Any:
    """ES2017 19.1.2.5 Object.entries ( O )."""
    return create_array_from_list(enumerable_own_properties(to_object(arg(args, 0)), "key+value"))


@native("Object.freeze", 1)
def object_freeze(this: Any, args: list) -> Any:
    """ES2017 19.1.2.6 Object.freeze ( O )."""
    o = arg(args, 0)
    if not isinstance(o, JSObject):
        return o
    if type(o) is JSTypedArray and o.array_length():  # V8 says so before trying
        raise type_error("Cannot freeze array buffer views with elements")
    if not set_integrity_level(o, "frozen"):
        raise type_error("Cannot freeze")
    return o


@native("Object.getOwnPropertyDescriptor", 2)
def object_get_own_property_descriptor(this: Any, args: list) -> Any:
    """ES2017 19.1.2.8 Object.getOwnPropertyDescriptor ( O, P )."""
    obj = to_object(arg(args, 0))
    key = to_property_key(arg(args, 1))
    return from_descriptor(obj.get_own_property(key))


@native("Object.getOwnPropertyDescriptors", 1)
def object_get_own_property_descriptors(this: Any, args: list) -> Any:
    """ES2017 19.1.2.9 Object.getOwnPropertyDescriptors ( O )."""
    obj = to_object(arg(args, 0))
    out = JSObject(CTX.realm.object_prototype)
    for key in obj.own_property_keys():
        d = from_descriptor(obj.get_own_property(key))
        if d is not None:
            create_data_property(out, key, d)
    return out


def get_own_property_keys(o: Any, want_symbols: bool) -> JSArray:
    """ES2017 19.1.2.10.1 GetOwnPropertyKeys ( O, Type )."""
    obj = to_object(o)
    keys = [k for k in obj.own_property_keys() if (type(k) is JSSymbol) == want_symbols]
    return create_array_from_list(keys)


@native("Object.getOwnPropertyNames", 1)
def object_get_own_property_names(this: Any, args: list) -> Any:
    """ES2017 19.1.2.10 Object.getOwnPropertyNames ( O )."""
    return get_own_property_keys(arg(args, 0), False)


@native("Object.getOwnPropertySymbols", 1)
def object_get_own_property_symbols(this: Any, args: list) -> Any:
    """ES2017 19.1.2.10 Object.getOwnPropertySymbols ( O )."""
    return get_own_property_keys(arg(args, 0), True)


@native("Object.getPrototypeOf", 1)
def object_get_prototype_of(this: Any, args: list) -> Any:
    """ES2017 19.1.2.11 Object.getPrototypeOf ( O )."""
    p = to_object(arg(args, 0)).get_prototype_of()
    return NULL if p is None else p


@native("Object.is", 2)
def object_is(this: Any, args: list) -> Any:
    """ES2017 19.1.2.12 Object.is ( value1, value2 )."""
    return same_value(arg(args, 0), arg(args, 1))


@native("Object.isExtensible", 1)
def object_is_extensible(this: Any, args: list) -> Any:
    """ES2017 19.1.2.13 Object.isExtensible ( O )."""
    o = arg(args, 0)
    return isinstance(o, JSObject) and o.is_extensible()


@native("Object.isFrozen", 1)
def object_is_frozen(this: Any, args: list) -> Any:
    """ES2017 19.1.2.14 Object.isFrozen ( O )."""
    o = arg(args, 0)
    return not isinstance(o, JSObject) or test_integrity_level(o, "frozen")


@native("Object.isSealed", 1)
def object_is_sealed(this: Any, args: list) -> Any:
    """ES2017 19.1.2.15 Object.isSealed ( O )."""
    o = arg(args, 0)
    return not isinstance(o, JSObject) or test_integrity_level(o, "sealed")


@native("Object.keys", 1)
def object_keys(this: Any, args: list) -> Any:
    """ES2017 19.1.2.16 Object.keys ( O )."""
    return create_array_from_list(enumerable_own_properties(to_object(arg(args, 0)), "key"))


@native("Object.preventExtensions", 1)
def object_prevent_extensions(this: Any, args: list) -> Any:
    """ES2017 19.1.2.17 Object.preventExtensions ( O )."""
    o = arg(args, 0)
    if isinstance(o, JSObject) and not o.prevent_extensions():
        if o.PROXY:
            raise type_error(falsish_message("preventExtensions"))
        raise type_error("Cannot prevent extensions")
    return o


@native("Object.seal", 1)
def object_seal(this: Any, args: list) -> Any:
    """ES2017 19.1.2.19 Object.seal ( O )."""
    o = arg(args, 0)
    if not isinstance(o, JSObject):
        return o
    if not set_integrity_level(o, "sealed"):
        raise type_error("Cannot seal")
    return o


class JSImmutablePrototypeObject(JSObject):
    """ES2017 9.4.7 Immutable Prototype Exotic Objects (%ObjectPrototype% is one)."""
    __slots__ = ()

    def set_prototype_of(self, proto: Any) -> bool:
        """ES2017 9.4.7.1 [[SetPrototypeOf]] ( V ): SetImmutablePrototype."""
        return proto is self.proto


def set_prototype_or_throw(o: JSObject, proto: Any) -> None:
    """[[SetPrototypeOf]] with V8's messages on failure."""
    if o.set_prototype_of(proto):
        return
    if o.PROXY:  # V8 names a property, 'undefined'
        raise type_error(falsish_message("setPrototypeOf", "undefined"))
    if type(o) is JSImmutablePrototypeObject:
        raise type_error("Immutable prototype object 'Object.prototype' cannot have their "
                         "prototype set")
    if not o.extensible:
        raise type_error(f"#<{constructor_name_of(o)}> is not extensible")
    raise type_error("Cyclic __proto__ value")


@native("Object.setPrototypeOf", 2)
def object_set_prototype_of(this: Any, args: list) -> Any:
    """ES2017 19.1.2.20 Object.setPrototypeOf ( O, proto )."""
    o = arg(args, 0)
    _require_object_coercible(o, "Object.setPrototypeOf")
    proto = _proto_arg(arg(args, 1))
    if not isinstance(o, JSObject):
        return o
    set_prototype_or_throw(o, proto)
    return o


@native("Object.values", 1)
def object_values(this: Any, args: list) -> Any:
    """ES2017 19.1.2.21 Object.values ( O )."""
    return create_array_from_list(enumerable_own_properties(to_object(arg(args, 0)), "value"))


@native("Object.fromEntries", 1, gen=True)
def object_from_entries(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2019 19.1.2.7 Object.fromEntries ( iterable ) (AddEntriesFromIterable with
    CreateDataPropertyOnObject as the adder; the iterator's ``next`` runs on the machine)."""
    iterable = arg(args, 0)
    if iterable is None or iterable is NULL:
        raise type_error("undefined is not iterable")  # V8's words, for null too
    obj = JSObject(CTX.realm.object_prototype)
    iterator = builtin_iterator_record(iterable)
    while True:
        item = yield from iterator_step_value_gen(iterator)
        if item is MISSING:
            return obj
        try:
            if not isinstance(item, JSObject):
                raise type_error(f"Iterator value {_value_display(item)} is not an entry object")
            k = item.get("0", item)
            v = item.get("1", item)
            create_data_property_or_throw(obj, to_property_key(k), v)
        except JSThrow:
            yield from iterator_close_gen(iterator, True)
            raise


@native("Object.hasOwn", 2)
def object_has_own(this: Any, args: list) -> Any:
    """ES2022 20.1.2.13 Object.hasOwn ( O, P )."""
    o = to_object(arg(args, 0))
    return o.get_own_property(to_property_key(arg(args, 1))) is not None


# -- Object.prototype ----------------------------------------------------------------------

@native("Object.prototype.hasOwnProperty", 1)
def object_proto_has_own_property(this: Any, args: list) -> Any:
    """ES2017 19.1.3.2 Object.prototype.hasOwnProperty ( V )."""
    key = to_property_key(arg(args, 0))
    return to_object(this).get_own_property(key) is not None


@native("Object.prototype.isPrototypeOf", 1)
def object_proto_is_prototype_of(this: Any, args: list) -> Any:
    """ES2017 19.1.3.3 Object.prototype.isPrototypeOf ( V )."""
    v = arg(args, 0)
    if not isinstance(v, JSObject):
        return False
    o = to_object(this)
    v = v.get_prototype_of()
    while v is not None:
        if v is o:
            return True
        v = v.get_prototype_of()
    return False


@native("Object.prototype.propertyIsEnumerable", 1)
def object_proto_property_is_enumerable(this: Any, args: list) -> Any:
    """ES2017 19.1.3.4 Object.prototype.propertyIsEnumerable ( V )."""
    key = to_property_key(arg(args, 0))
    own = to_object(this).get_own_property(key)
    return own is not None and bool(own[1] & E)


@native("Object.prototype.toLocaleString", 0)
def object_proto_to_locale_string(this: Any, args: list) -> Any:
    """ES2017 19.1.3.5 Object.prototype.toLocaleString ( )."""
    return invoke(this, "toString", [])


# [[...Data]] slots recorded as ``cls`` that give Object.prototype.toString a builtinTag
_BUILTIN_TAGS = frozenset(("Arguments", "Function", "Error", "Boolean", "Number", "String",
                           "Date", "RegExp"))


def builtin_tag(o: JSObject) -> str:
    """The builtinTag of ES2017 19.1.3.6 steps 4-14."""
    if is_array(o, "Object.prototype.toString"):
        return "Array"
    if is_callable(o):
        return "Function"
    cls = o.cls
    return cls if cls in _BUILTIN_TAGS else "Object"


@native("Object.prototype.toString", 0)
def object_proto_to_string(this: Any, args: list) -> Any:
    """ES2017 19.1.3.6 Object.prototype.toString ( )."""
    if this is None:
        return "[object Undefined]"
    if this is NULL:
        return "[object Null]"
    o = to_object(this)
    builtin = builtin_tag(o)  # step 4 IsArray comes before the @@toStringTag read (proxies)
    tag = o.get(SYM_TO_STRING_TAG, o)
    if type(tag) is not str:
        tag = builtin
    return f"[object {tag}]"


@native("Object.prototype.valueOf", 0)
def object_proto_value_of(this: Any, args: list) -> Any:
    """ES2017 19.1.3.7 Object.prototype.valueOf ( )."""
    return to_object(this)


@native("get Object.prototype.__proto__", 0)
def object_proto_get_proto(this: Any, args: list) -> Any:
    """ES2017 B.2.2.1.1 get Object.prototype.__proto__."""
    p = to_object(this).get_prototype_of()
    return NULL if p is None else p


@native("set Object.prototype.__proto__", 1)
def object_proto_set_proto(this: Any, args: list) -> Any:
    """ES2017 B.2.2.1.2 set Object.prototype.__proto__."""
    _require_object_coercible(this, "Object.prototype.__proto__")
    proto = arg(args, 0)
    if not (proto is NULL or isinstance(proto, JSObject)):
        return None
    if not isinstance(this, JSObject):
        return None
    set_prototype_or_throw(this, None if proto is NULL else proto)
    return None


def _define_accessor_part(this: Any, args: list, part: str, what: str) -> Any:
    """ES2017 B.2.2.2/B.2.2.3 __defineGetter__ / __defineSetter__."""
    o = to_object(this)
    f = arg(args, 1)
    if not is_callable(f):
        raise type_error(f"Object.prototype.{what}: Expecting function")
    key = to_property_key(arg(args, 0))
    define_property_or_throw(o, key, {part: f, "enumerable": True, "configurable": True})
    return None


@native("Object.prototype.__defineGetter__", 2)
def object_proto_define_getter(this: Any, args: list) -> Any:
    return _define_accessor_part(this, args, "get", "__defineGetter__")


@native("Object.prototype.__defineSetter__", 2)
def object_proto_define_setter(this: Any, args: list) -> Any:
    return _define_accessor_part(this, args, "set", "__defineSetter__")


def _lookup_accessor_part(this: Any, args: list, part: str) -> Any:
    """ES2017 B.2.2.4/B.2.2.5 __lookupGetter__ / __lookupSetter__."""
    o: Any = to_object(this)
    key = to_property_key(arg(args, 0))
    while o is not None:
        own = o.get_own_property(key)
        if own is not None:
            if own[1] & ACC:
                acc: Accessor = own[0]
                return acc.get if part == "get" else acc.set
            return None
        o = o.get_prototype_of()
    return None


@native("Object.prototype.__lookupGetter__", 1)
def object_proto_lookup_getter(this: Any, args: list) -> Any:
    return _lookup_accessor_part(this, args, "get")


@native("Object.prototype.__lookupSetter__", 1)
def object_proto_lookup_setter(this: Any, args: list) -> Any:
    return _lookup_accessor_part(this, args, "set")


_STATICS = ("assign", "getOwnPropertyDescriptor", "getOwnPropertyDescriptors",
            "getOwnPropertyNames", "getOwnPropertySymbols", "hasOwn", "is", "preventExtensions", "seal",
            "create", "defineProperties", "defineProperty", "freeze", "getPrototypeOf",
            "setPrototypeOf", "isExtensible", "isFrozen", "isSealed", "keys", "entries",
            "fromEntries", "values")

# in V8's property order
_PROTO_METHODS = ("__defineGetter__", "__defineSetter__", "hasOwnProperty",
                  "__lookupGetter__", "__lookupSetter__", "isPrototypeOf",
                  "propertyIsEnumerable", "toString", "valueOf")


def setup(realm: Any) -> None:
    proto = realm.object_prototype
    if type(proto) is JSObject:
        # the realm made %ObjectPrototype% as a plain object: give it its exotic [[SetPrototypeOf]]
        proto.__class__ = JSImmutablePrototypeObject
    ctor = realm.constructor("Object", "Object", proto)
    for name in _STATICS:
        realm.method(ctor, name, "Object." + name)
    for name in _PROTO_METHODS:
        realm.method(proto, name, "Object.prototype." + name)
    realm.getter(proto, "__proto__", "get Object.prototype.__proto__",
                 "set Object.prototype.__proto__")
    realm.method(proto, "toLocaleString", "Object.prototype.toLocaleString")

