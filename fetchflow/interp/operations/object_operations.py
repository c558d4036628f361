"""Operations on objects (ES2017 7.3) and property descriptors (ES2017 6.2.5)."""
from __future__ import annotations

from typing import Any, Optional

from ..meter import CHUNK, PTR, STR, charge
from ..runtime import CTX
from ..values import (ACC, C, DEFAULT, E, NULL, SYM_SPECIES, W, JSArray, JSObject, JSSymbol,
                      array_index, is_callable, is_constructor)
from .errors import type_error
from .type_conversion import to_boolean, to_display, to_length, to_object, to_property_key, to_string
from .calls import call
from ..values import HOLE, MISSING, SYM_HAS_INSTANCE


def get(o: JSObject, key: Any) -> Any:
    """ES2017 7.3.1 Get."""
    return o.get(key, o)


def get_v(v: Any, key: Any) -> Any:
    """ES2017 7.3.2 GetV: property lookup on any value (primitives use their prototype)."""
    if isinstance(v, JSObject):
        return v.get(key, v)
    t = type(v)
    realm = CTX.realm
    if t is str:
        if key == "length":
            return float(len(v))
        if type(key) is str:
            i = array_index(key)
            if 0 <= i < len(v):
                return v[i]
        return realm.intr["StringPrototype"].get(key, v)
    if t is float:
        return realm.intr["NumberPrototype"].get(key, v)
    if t is bool:
        return realm.intr["BooleanPrototype"].get(key, v)
    if t is JSSymbol:
        return realm.intr["SymbolPrototype"].get(key, v)
    if t is int:  # a BigInt
        return realm.intr["BigIntPrototype"].get(key, v)
    shown = key if type(key) is str else f"Symbol({key.description or ''})" if type(key) is JSSymbol \
        else to_string(key)
    raise type_error(f"Cannot read properties of {to_display(v)} (reading '{shown}')")


def set_(o: JSObject, key: Any, value: Any, throw: bool) -> None:
    """ES2017 7.3.3 Set."""
    ok = o.set(key, value, o)
    if not ok and throw:
        raise type_error(read_only_message(key, o))


def put_value(base: Any, key: Any, value: Any, strict: bool) -> None:
    """PutValue for a property reference (ES2017 6.2.4.9 step 6), base may be primitive."""
    if isinstance(base, JSObject):
        if not base.set(key, value, base) and strict:
            raise type_error(read_only_message(key, base))
        return
    if base is None or base is NULL:
        raise type_error(f"Cannot set properties of {to_display(base)} (setting '{key_display(key)}')")
    proto = to_object(base)
    ok = proto.set(key, value, base)
    if not ok and strict:
        raise type_error(f"Cannot create property '{key_display(key)}' on {to_display(base)}")


def constructor_name_of(o: JSObject) -> str:
    """The class name V8 shows in ``#<Name>``: the first ``constructor.name`` up the chain."""
    p: Any = o
    while p is not None:
        own = p.props.get("constructor")
        if isinstance(own, JSObject) and is_callable(own):
            n = own.props.get("name")
            if type(n) is str and n:
                return n
        p = p.proto
    return "Object"


def read_only_message(key: Any, o: Any) -> str:
    """V8's message for a failed strict-mode write to a read-only property of ``o``."""
    if o.PROXY:
        return falsish_message("set", key)
    if isinstance(o, JSArray):
        shown = "[object Array]"
    else:
        shown = f"#<{constructor_name_of(o)}>"
    return f"Cannot assign to read only property '{key_display(key)}' of object '{shown}'"


def falsish_message(trap: str, key: Any = MISSING) -> str:
    """V8's message when a proxy's trap refused an operation that had to succeed."""
    if key is MISSING:
        return f"'{trap}' on proxy: trap returned falsish"
    return f"'{trap}' on proxy: trap returned falsish for property '{key_display(key)}'"


def key_display(key: Any) -> str:
    return key if type(key) is str else f"Symbol({key.description or ''})"


def create_data_property(o: JSObject, key: Any, value: Any) -> bool:
    """ES2017 7.3.4 CreateDataProperty."""
    return o.define_own_property(key, {"value": value, "writable": True, "enumerable": True,
                                       "configurable": True})


def create_data_property_or_throw(o: JSObject, key: Any, value: Any) -> None:
    """ES2017 7.3.6 CreateDataPropertyOrThrow."""
    if not create_data_property(o, key, value):
        raise type_error(f"Cannot define property {key_display(key)}")


def define_property_or_throw(o: JSObject, key: Any, desc: dict) -> None:
    """ES2017 7.3.7 DefinePropertyOrThrow."""
    if not o.define_own_property(key, desc):
        if o.PROXY:
            raise type_error(falsish_message("defineProperty", key))
        raise type_error(f"Cannot redefine property: {key_display(key)}")


def delete_property_or_throw(o: JSObject, key: Any) -> None:
    """ES2017 7.3.8 DeletePropertyOrThrow."""
    if not o.delete(key):
        if o.PROXY:
            raise type_error(falsish_message("deleteProperty", key))
        raise type_error(f"Cannot delete property '{key_display(key)}'")


def get_method(v: Any, key: Any) -> Any:
    """ES2017 7.3.9 GetMethod (None when undefined or null)."""
    f = get_v(v, key)
    if f is None or f is NULL:
        return None
    if not is_callable(f):
        raise type_error(f"{to_display(f)} is not a function")
    return f


def has_property(o: JSObject, key: Any) -> bool:
    """ES2017 7.3.10 HasProperty."""
    return o.has_property(key)


def has_own_property(o: JSObject, key: Any) -> bool:
    """ES2017 7.3.11 HasOwnProperty."""
    return o.get_own_property(key) is not None


def can_be_held_weakly(v: Any) -> bool:
    """ES2023 9.13 CanBeHeldWeakly: an object, or a symbol not in the global registry."""
    return isinstance(v, JSObject) or (type(v) is JSSymbol and v.registry_key is None)


def invoke(v: Any, key: Any, args: list) -> Any:
    """ES2017 7.3.18 Invoke."""
    return call(get_v(v, key), v, args)


def from_descriptor(own: Optional[tuple]) -> Any:
    """ES2017 6.2.5.4 FromPropertyDescriptor (own is (value, attrs) from get_own_property)."""
    if own is None:
        return None
    realm = CTX.realm
    o = JSObject(realm.object_prototype)
    v, attrs = own
    if attrs & ACC:
        create_data_property(o, "get", v.get)
        create_data_property(o, "set", v.set)
    else:
        create_data_property(o, "value", v)
        create_data_property(o, "writable", bool(attrs & W))
    create_data_property(o, "enumerable", bool(attrs & E))
    create_data_property(o, "configurable", bool(attrs & C))
    return o


def to_property_descriptor(obj: Any) -> dict:
    """ES2017 6.2.5.5 ToPropertyDescriptor."""
    if not isinstance(obj, JSObject):
        raise type_error(f"Property description must be an object: {to_display(obj)}")
    d: dict = {}
    for name in ("enumerable", "configurable", "value", "writable", "get", "set"):
        if obj.has_property(name):
            v = obj.get(name, obj)
            if name in ("get", "set"):
                if v is not None and not is_callable(v):
                    raise type_error(f"{'Getter' if name == 'get' else 'Setter'} must be a function: {to_display(v)}")
            elif name != "value":
                v = to_boolean(v)
            d[name] = v
    if ("get" in d or "set" in d) and ("value" in d or "writable" in d):
        raise type_error("Invalid property descriptor. Cannot both specify accessors and a value "
                         f"or writable attribute, #<{constructor_name_of(obj)}>")
    return d


def length_of_array_like(o: JSObject) -> int:
    """ES2017 ToLength(Get(obj, "length"))."""
    if type(o) is JSArray:
        return o.length
    return to_length(o.get("length", o))


def create_array_from_list(items: list) -> JSArray:
    """ES2017 7.3.16 CreateArrayFromList."""
    return JSArray(CTX.realm.array_prototype, list(items))


def create_list_from_array_like(o: Any) -> list:
    """ES2017 7.3.17 CreateListFromArrayLike."""
    if not isinstance(o, JSObject):
        raise type_error("CreateListFromArrayLike called on non-object")
    if type(o) is JSArray and o.elems is not None and CTX.realm is not None:
        if HOLE not in o.elems:
            return list(o.elems)
    n = length_of_array_like(o)
    m = CTX.machine
    if n < 1024 or not hasattr(m, "poll"):
        return [o.get(str(i), o) for i in range(n)]
    m.check_allocation(n * 8)  # {length: 2**32 - 1} must not build a 32 GiB list
    out = []
    for lo in range(0, n, 1024):  # getters may run: poll the step/time limits as we go
        out.extend([o.get(str(i), o) for i in range(lo, min(n, lo + 1024))])
        m.poll(1024)
    return out


def instance_of(v: Any, target: Any) -> bool:
    """ES2017 12.10.4 InstanceofOperator."""
    if not isinstance(target, JSObject):
        raise type_error("Right-hand side of 'instanceof' is not an object")
    h = get_method(target, SYM_HAS_INSTANCE)
    if h is not None:
        return to_boolean(call(h, target, [v]))
    if not is_callable(target):
        raise type_error("Right-hand side of 'instanceof' is not callable")
    return ordinary_has_instance(target, v)


def ordinary_has_instance(c: Any, o: Any) -> bool:
    """ES2017 7.3.19 OrdinaryHasInstance."""
    if not is_callable(c):
        return False
    if c.call_kind == "bound":
        return instance_of(o, c.target)
    if not isinstance(o, JSObject):
        return False
    p = c.get("prototype", c)
    if not isinstance(p, JSObject):
        raise type_error("Function has non-object prototype in instanceof check")
    o = o.get_prototype_of()
    while o is not None:
        if o is p:
            return True
        o = o.get_prototype_of()
    return False


def species_constructor(o: JSObject, default: Any) -> Any:
    """ES2017 7.3.20 SpeciesConstructor."""
    c = o.get("constructor", o)
    if c is None:
        return default
    if not isinstance(c, JSObject):
        raise type_error("object.constructor is not an object")
    s = c.get(SYM_SPECIES, c)
    if s is None or s is NULL:
        return default
    if is_constructor(s):
        return s
    raise type_error("object.constructor[Symbol.species] is not a constructor")


def enumerable_own_properties(o: JSObject, kind: str) -> list:
    """ES2017 7.3.21 EnumerableOwnProperties (kind: key, value, key+value)."""
    keys = o.own_property_keys()
    if len(keys) <= CHUNK:
        return _enumerable_own(o, keys, kind)
    # a huge object (Object.keys of a long array): charged and polled a chunk at a time
    out: list[Any] = []
    for lo in range(0, len(keys), CHUNK):
        charge(CHUNK * (PTR + STR))
        out.extend(_enumerable_own(o, keys[lo:lo + CHUNK], kind))
    return out


def _enumerable_own(o: JSObject, keys: list, kind: str) -> list:
    out: list[Any] = []
    for k in keys:
        if type(k) is not str:
            continue
        own = o.get_own_property(k)
        if own is not None and own[1] & E:
            if kind == "key":
                out.append(k)
            else:
                v = o.get(k, o)
                out.append(v if kind == "value" else create_array_from_list([k, v]))
    return out


def get_prototype_from_constructor(ctor: Any, default_name: str) -> JSObject:
    """ES2017 9.1.14 GetPrototypeFromConstructor (default_name like "ObjectPrototype")."""
    proto = ctor.get("prototype", ctor) if isinstance(ctor, JSObject) else None
    if not isinstance(proto, JSObject):
        if isinstance(ctor, JSObject) and ctor.PROXY:
            check_function_realm(ctor)
        proto = CTX.realm.intr[default_name]
    return proto


def check_function_realm(f: Any) -> None:
    """ES2023 7.3.24 GetFunctionRealm with one realm: only its TypeError for a revoked
    proxy (through bound functions and proxies) is observable."""
    while True:
        if f.PROXY:
            if f.handler is None:
                raise type_error("Cannot perform 'GetFunctionRealm' on a proxy that has been revoked")
            f = f.target
        elif f.call_kind == "bound":
            f = f.target
        else:
            return


def ordinary_create_from_constructor(ctor: Any, default_name: str, cls: str = "Object") -> JSObject:
    """ES2017 9.1.13 OrdinaryCreateFromConstructor."""
    return JSObject(get_prototype_from_constructor(ctor, default_name), cls)


def set_integrity_level(o: JSObject, level: str) -> bool:
    """ES2017 7.3.14 SetIntegrityLevel ("sealed" or "frozen")."""
    if not o.prevent_extensions():
        if o.PROXY:
            raise type_error(falsish_message("preventExtensions"))
        return False
    for k in o.own_property_keys():
        if level == "sealed":
            desc: dict = {"configurable": False}
        else:
            own = o.get_own_property(k)
            if own is None:
                continue
            desc = {"configurable": False} if own[1] & ACC else {"configurable": False, "writable": False}
        define_property_or_throw(o, k, desc)
    return True


def test_integrity_level(o: JSObject, level: str) -> bool:
    """ES2017 7.3.15 TestIntegrityLevel."""
    if o.is_extensible():
        return False
    for k in o.own_property_keys():
        own = o.get_own_property(k)
        if own is None:
            continue
        if own[1] & C:
            return False
        if level == "frozen" and not own[1] & ACC and own[1] & W:
            return False
    return True


def ordinary_object() -> JSObject:
    """A new plain object whose prototype is %ObjectPrototype%."""
    return JSObject(CTX.realm.object_prototype)


def copy_data_properties(target: JSObject, source: Any, excluded: tuple = ()) -> JSObject:
    """ES2023 7.3.25 CopyDataProperties: the own enumerable properties of ``source``, string
    and symbol keys in [[OwnPropertyKeys]] order, read with [[Get]] and defined on ``target``
    (object spread ``{...o}``; object rest passes the keys it took as ``excluded``)."""
    if source is None or source is NULL:
        return target
    src = to_object(source)
    for key in src.own_property_keys():
        if excluded and key in excluded:
            continue
        own = src.get_own_property(key)
        if own is not None and own[1] & E:
            create_data_property_or_throw(target, key, src.get(key, src))
    return target


__all__ = [n for n in dir() if not n.startswith("_")] + ["DEFAULT", "to_property_key"]
