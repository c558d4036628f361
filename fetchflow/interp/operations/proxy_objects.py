"""Proxy exotic objects (ES2023 10.5 Proxy Object Internal Methods and Internal Slots).

https://tc39.es/ecma262/2023/#sec-proxy-object-internal-methods-and-internal-slots

A ``JSProxy`` overrides every internal method of ``JSObject``; its own ``props`` stay empty
and its ``proto`` is ``None``, so code that reads those fields directly must first ask
whether the object is a plain one (``o.__class__ is JSObject``), or go through
``get_prototype_of`` / ``is_extensible`` / the other internal methods.  ``EXOTIC``,
``PROTO_HOOKS`` and ``NAMED_SAFE = False`` make the ordinary prototype walks of
values.py hand over to the proxy's own [[Get]], [[Set]] and [[HasProperty]] when they
reach one.  The error messages are V8's.
"""
from __future__ import annotations

from typing import Any, Generator, Optional

from ..runtime import CTX
from ..sameness import same_value
from ..values import ACC, C, E, NULL, W, Accessor, JSArray, JSObject, JSSymbol, is_callable
from .calls import call
from .errors import to_display, type_error
from .object_operations import constructor_name_of
from .type_conversion import to_boolean, to_length


class JSProxy(JSObject):
    """A Proxy exotic object (ES2023 10.5): ``target``/``handler`` are ``None`` once revoked."""
    __slots__ = ("target", "handler")

    EXOTIC = True
    PROTO_HOOKS = True
    NAMED_SAFE = False
    PROXY = True

    def __init__(self, target: JSObject, handler: JSObject) -> None:
        JSObject.__init__(self, None, "Object")
        self.target: Optional[JSObject] = target
        self.handler: Optional[JSObject] = handler

    def __repr__(self) -> str:
        return "<JS Proxy>"

    def _trap(self, name: str) -> tuple:
        """ValidateNonRevokedProxy (ES2023 10.5.14) then GetMethod(handler, name):
        (target, handler, trap or None)."""
        handler = self.handler
        if handler is None:
            raise type_error(f"Cannot perform '{name}' on a proxy that has been revoked")
        trap = handler.get(name, handler)
        if trap is None or trap is NULL:
            return self.target, handler, None
        if not is_callable(trap):
            raise type_error(f"'{_shown(trap)}' returned for property '{name}' of object "
                             f"'#<{constructor_name_of(handler)}>' is not a function")
        return self.target, handler, trap

    def get_prototype_of(self) -> Optional[JSObject]:
        """ES2023 10.5.1 [[GetPrototypeOf]]."""
        target, handler, trap = self._trap("getPrototypeOf")
        if trap is None:
            return target.get_prototype_of()
        handler_proto = call(trap, handler, [target])
        if handler_proto is not NULL and not isinstance(handler_proto, JSObject):
            raise type_error("'getPrototypeOf' on proxy: trap returned neither object nor null")
        proto = None if handler_proto is NULL else handler_proto
        if target.is_extensible():
            return proto
        if proto is not target.get_prototype_of():
            raise type_error("'getPrototypeOf' on proxy: proxy target is non-extensible but the "
                             "trap did not return its actual prototype")
        return proto

    def set_prototype_of(self, proto: Optional[JSObject]) -> bool:
        """ES2023 10.5.2 [[SetPrototypeOf]]."""
        target, handler, trap = self._trap("setPrototypeOf")
        if trap is None:
            return target.set_prototype_of(proto)
        if not to_boolean(call(trap, handler, [target, NULL if proto is None else proto])):
            return False
        if target.is_extensible():
            return True
        if proto is not target.get_prototype_of():
            raise type_error("'setPrototypeOf' on proxy: trap returned truish for setting a new "
                             "prototype on the non-extensible proxy target")
        return True

    def is_extensible(self) -> bool:
        """ES2023 10.5.3 [[IsExtensible]]."""
        target, handler, trap = self._trap("isExtensible")
        if trap is None:
            return target.is_extensible()
        result = to_boolean(call(trap, handler, [target]))
        actual = target.is_extensible()
        if result != actual:
            raise type_error("'isExtensible' on proxy: trap result does not reflect extensibility "
                             f"of proxy target (which is '{'true' if actual else 'false'}')")
        return result

    def prevent_extensions(self) -> bool:
        """ES2023 10.5.4 [[PreventExtensions]]."""
        target, handler, trap = self._trap("preventExtensions")
        if trap is None:
            return target.prevent_extensions()
        result = to_boolean(call(trap, handler, [target]))
        if result and target.is_extensible():
            raise type_error("'preventExtensions' on proxy: trap returned truish but the proxy "
                             "target is extensible")
        return result

    def get_own_property(self, key: Any) -> Optional[tuple]:
        """ES2023 10.5.5 [[GetOwnProperty]]."""
        target, handler, trap = self._trap("getOwnPropertyDescriptor")
        if trap is None:
            return target.get_own_property(key)
        result = call(trap, handler, [target, key])
        if result is not None and not isinstance(result, JSObject):
            raise type_error("'getOwnPropertyDescriptor' on proxy: trap returned neither object "
                             f"nor undefined for property '{_key(key)}'")
        target_desc = target.get_own_property(key)
        if result is None:
            if target_desc is None:
                return None
            if not target_desc[1] & C:
                raise type_error("'getOwnPropertyDescriptor' on proxy: trap returned undefined for "
                                 f"property '{_key(key)}' which is non-configurable in the proxy target")
            if not target.is_extensible():
                raise type_error("'getOwnPropertyDescriptor' on proxy: trap returned undefined for "
                                 f"property '{_key(key)}' which exists in the non-extensible proxy target")
            return None
        extensible = target.is_extensible()
        desc = _to_property_descriptor(result)
        complete = complete_property_descriptor(desc)
        if not is_compatible_property_descriptor(extensible, desc, target_desc):
            raise type_error("'getOwnPropertyDescriptor' on proxy: trap returned descriptor for "
                             f"property '{_key(key)}' that is incompatible with the existing property "
                             "in the proxy target")
        if not complete[1] & C:
            if target_desc is None or target_desc[1] & C:
                raise type_error("'getOwnPropertyDescriptor' on proxy: trap reported "
                                 f"non-configurability for property '{_key(key)}' which is either "
                                 "non-existent or configurable in the proxy target")
            if "writable" in desc and not desc["writable"] and target_desc[1] & W:
                raise type_error("'getOwnPropertyDescriptor' on proxy: trap reported non-configurable "
                                 f"and writable for property '{_key(key)}' which is non-configurable, "
                                 "non-writable in the proxy target")
        return complete

    def define_own_property(self, key: Any, desc: dict) -> bool:
        """ES2023 10.5.6 [[DefineOwnProperty]]."""
        target, handler, trap = self._trap("defineProperty")
        if trap is None:
            return target.define_own_property(key, desc)
        desc_obj = from_partial_descriptor(desc)
        if not to_boolean(call(trap, handler, [target, key, desc_obj])):
            return False
        target_desc = target.get_own_property(key)
        extensible = target.is_extensible()
        setting_config_false = "configurable" in desc and not desc["configurable"]
        if target_desc is None:
            if not extensible:
                raise type_error("'defineProperty' on proxy: trap returned truish for adding "
                                 f"property '{_key(key)}'  to the non-extensible proxy target")
            if setting_config_false:
                raise type_error("'defineProperty' on proxy: trap returned truish for defining "
                                 f"non-configurable property '{_key(key)}' which is either "
                                 "non-existent or configurable in the proxy target")
            return True
        if not is_compatible_property_descriptor(extensible, desc, target_desc):
            raise type_error("'defineProperty' on proxy: trap returned truish for adding property "
                             f"'{_key(key)}'  that is incompatible with the existing property in "
                             "the proxy target")
        if setting_config_false and target_desc[1] & C:
            raise type_error("'defineProperty' on proxy: trap returned truish for defining "
                             f"non-configurable property '{_key(key)}' which is either non-existent "
                             "or configurable in the proxy target")
        if not target_desc[1] & (ACC | C) and target_desc[1] & W and \
                "writable" in desc and not desc["writable"]:
            raise type_error("'defineProperty' on proxy: trap returned truish for defining "
                             f"non-configurable property '{_key(key)}' which cannot be non-writable, "
                             "unless there exists a corresponding non-configurable, non-writable own "
                             "property of the target object.")
        return True

    def has_property(self, key: Any) -> bool:
        """ES2023 10.5.7 [[HasProperty]]."""
        target, handler, trap = self._trap("has")
        if trap is None:
            return target.has_property(key)
        result = to_boolean(call(trap, handler, [target, key]))
        if not result:
            target_desc = target.get_own_property(key)
            if target_desc is not None:
                if not target_desc[1] & C:
                    raise type_error(f"'has' on proxy: trap returned falsish for property "
                                     f"'{_key(key)}' which exists in the proxy target as "
                                     "non-configurable")
                if not target.is_extensible():
                    raise type_error(f"'has' on proxy: trap returned falsish for property "
                                     f"'{_key(key)}' but the proxy target is not extensible")
        return result

    def get(self, key: Any, receiver: Any) -> Any:
        """ES2023 10.5.8 [[Get]]."""
        target, handler, trap = self._trap("get")
        if trap is None:
            return target.get(key, receiver)
        result = call(trap, handler, [target, key, receiver])
        target_desc = target.get_own_property(key)
        if target_desc is not None and not target_desc[1] & C:
            v, attrs = target_desc
            if not attrs & ACC:
                if not attrs & W and not same_value(result, v):
                    raise type_error(f"'get' on proxy: property '{_key(key)}' is a read-only and "
                                     "non-configurable data property on the proxy target but the "
                                     "proxy did not return its actual value (expected "
                                     f"'{_shown(v)}' but got '{_shown(result)}')")
            elif v.get is None and result is not None:
                raise type_error(f"'get' on proxy: property '{_key(key)}' is a non-configurable "
                                 "accessor property on the proxy target and does not have a getter "
                                 f"function, but the trap did not return 'undefined' (got "
                                 f"'{_shown(result)}')")
        return result

    exotic_get = get  # an ordinary object's [[Get]] walk hands over here

    def set(self, key: Any, value: Any, receiver: Any) -> bool:
        """ES2023 10.5.9 [[Set]]."""
        target, handler, trap = self._trap("set")
        if trap is None:
            return target.set(key, value, receiver)
        if not to_boolean(call(trap, handler, [target, key, value, receiver])):
            return False
        target_desc = target.get_own_property(key)
        if target_desc is not None and not target_desc[1] & C:
            v, attrs = target_desc
            if not attrs & ACC:
                if not attrs & W and not same_value(value, v):
                    raise type_error(f"'set' on proxy: trap returned truish for property "
                                     f"'{_key(key)}' which exists in the proxy target as a "
                                     "non-configurable and non-writable data property with a "
                                     "different value")
            elif v.set is None:
                raise type_error(f"'set' on proxy: trap returned truish for property '{_key(key)}' "
                                 "which exists in the proxy target as a non-configurable and "
                                 "non-writable accessor property without a setter")
        return True

    def delete(self, key: Any) -> bool:
        """ES2023 10.5.10 [[Delete]]."""
        target, handler, trap = self._trap("deleteProperty")
        if trap is None:
            return target.delete(key)
        if not to_boolean(call(trap, handler, [target, key])):
            return False
        target_desc = target.get_own_property(key)
        if target_desc is None:
            return True
        if not target_desc[1] & C:
            raise type_error(f"'deleteProperty' on proxy: trap returned truish for property "
                             f"'{_key(key)}' which is non-configurable in the proxy target")
        if not target.is_extensible():
            raise type_error(f"'deleteProperty' on proxy: trap returned truish for property "
                             f"'{_key(key)}' but the proxy target is non-extensible")
        return True

    def own_property_keys(self) -> list:
        """ES2023 10.5.11 [[OwnPropertyKeys]]."""
        target, handler, trap = self._trap("ownKeys")
        if trap is None:
            return target.own_property_keys()
        result = _keys_from_array_like(call(trap, handler, [target]))
        seen = set(result)
        if len(seen) != len(result):
            raise type_error("'ownKeys' on proxy: trap returned duplicate entries")
        extensible = target.is_extensible()
        target_keys = target.own_property_keys()
        configurable = []
        nonconfigurable = []
        for k in target_keys:
            d = target.get_own_property(k)
            if d is not None and not d[1] & C:
                nonconfigurable.append(k)
            else:
                configurable.append(k)
        if extensible and not nonconfigurable:
            return result
        unchecked = dict.fromkeys(result)
        for k in nonconfigurable:
            if k not in unchecked:
                raise type_error(f"'ownKeys' on proxy: trap result did not include '{_key(k)}'")
            del unchecked[k]
        if extensible:
            return result
        for k in configurable:
            if k not in unchecked:
                raise type_error(f"'ownKeys' on proxy: trap result did not include '{_key(k)}'")
            del unchecked[k]
        if unchecked:
            raise type_error("'ownKeys' on proxy: trap returned extra keys but proxy target is "
                             "non-extensible")
        return result


class JSCallableProxy(JSProxy):
    """A Proxy whose target is callable: it has [[Call]], and [[Construct]] when the target
    is a constructor (ES2023 10.5.15 ProxyCreate steps 6-7); the machine runs both
    (proxy_call_parts, proxy_construct_parts)."""
    __slots__ = ("constructible",)

    call_kind = "proxy"

    def __init__(self, target: JSObject, handler: JSObject, constructible: bool) -> None:
        JSProxy.__init__(self, target, handler)
        self.cls = "Function"
        self.constructible = constructible

    @property
    def can_construct(self) -> bool:  # type: ignore[override]
        return self.constructible


def proxy_create(target: Any, handler: Any) -> JSProxy:
    """ES2023 10.5.15 ProxyCreate."""
    if not isinstance(target, JSObject) or not isinstance(handler, JSObject):
        raise type_error("Cannot create proxy with a non-object as target or handler")
    if is_callable(target):
        return JSCallableProxy(target, handler, bool(target.can_construct))
    return JSProxy(target, handler)


def proxy_call_parts(p: JSCallableProxy, this: Any, args: list) -> tuple:
    """ES2023 10.5.12 [[Call]]: the call to make, (function, this, arguments)."""
    target, handler, trap = p._trap("apply")
    if trap is None:
        return target, this, args
    return trap, handler, [target, this, JSArray(_array_proto(), list(args))]


def proxy_construct_parts(p: JSCallableProxy, args: list, new_target: Any) -> tuple:
    """ES2023 10.5.13 [[Construct]] steps 1-7: (target, None) when there is no trap, else
    (trap, the trap's arguments); the caller checks the trap's result (construct_result)."""
    target, handler, trap = p._trap("construct")
    if trap is None:
        return target, None
    return trap, [handler, [target, JSArray(_array_proto(), list(args)), new_target]]


def construct_trap_run(trap: Any, handler: Any, trap_args: list) -> Generator:
    """ES2023 10.5.13 [[Construct]] steps 9-11, as a generator native's body on the frame
    stack: call the construct trap, then check it returned an object."""
    v = yield (trap, handler, trap_args)
    if not isinstance(v, JSObject):
        raise type_error(f"'construct' on proxy: trap returned non-object ('{_shown(v)}')")
    return v


def is_array(v: Any, what: str = "IsArray") -> bool:
    """ES2023 7.2.2 IsArray: sees through proxies, and throws for a revoked one (``what``
    names the operation in V8's message)."""
    if isinstance(v, JSArray):
        return True
    while isinstance(v, JSProxy):
        if v.handler is None:
            raise type_error(f"Cannot perform '{what}' on a proxy that has been revoked")
        v = v.target
        if isinstance(v, JSArray):
            return True
    return False


def for_in_visible(o: JSObject, key: str) -> bool:
    """Whether a for-in loop still visits ``key`` reached through proxy ``o``: V8's
    HasEnumerableProperty (the getOwnPropertyDescriptor trap as each key comes up, the
    getPrototypeOf trap when the proxy does not have it)."""
    p: Optional[JSObject] = o
    while p is not None:
        own = p.get_own_property(key)
        if own is not None:
            return bool(own[1] & E)
        p = p.get_prototype_of()
    return False


def revoke(p: JSProxy) -> None:
    """ES2023 28.2.2.1.1 Proxy Revocation Functions steps 3-6."""
    p.target = None
    p.handler = None


# -- property descriptors as the traps see them --------------------------------------------

def complete_property_descriptor(desc: dict) -> tuple:
    """ES2023 6.2.6.6 CompletePropertyDescriptor, as the (value or Accessor, attrs) pair
    get_own_property returns."""
    attrs = 0
    if desc.get("enumerable"):
        attrs |= E
    if desc.get("configurable"):
        attrs |= C
    if "get" in desc or "set" in desc:
        return Accessor(desc.get("get"), desc.get("set")), attrs | ACC
    if desc.get("writable"):
        attrs |= W
    return desc.get("value"), attrs


def is_compatible_property_descriptor(extensible: bool, desc: dict, current: Optional[tuple]) -> bool:
    """ES2023 10.1.6.2 IsCompatiblePropertyDescriptor (ValidateAndApplyPropertyDescriptor
    with O undefined)."""
    if current is None:
        return extensible
    if not desc:
        return True
    cur, attrs = current
    if attrs & C:
        return True
    if desc.get("configurable"):
        return False
    if "enumerable" in desc and bool(desc["enumerable"]) != bool(attrs & E):
        return False
    is_acc = "get" in desc or "set" in desc
    generic = not is_acc and "value" not in desc and "writable" not in desc
    if not generic and is_acc != bool(attrs & ACC):
        return False
    if attrs & ACC:
        if "get" in desc and not same_value(desc["get"], cur.get):
            return False
        if "set" in desc and not same_value(desc["set"], cur.set):
            return False
    elif not attrs & W:
        if desc.get("writable"):
            return False
        if "value" in desc and not same_value(desc["value"], cur):
            return False
    return True


def from_partial_descriptor(desc: dict) -> JSObject:
    """ES2023 6.2.6.4 FromPropertyDescriptor of a descriptor that may lack fields."""
    o = JSObject(_object_proto())
    for name in ("value", "writable", "get", "set", "enumerable", "configurable"):
        if name in desc:
            o.props[name] = desc[name]
    return o


def _to_property_descriptor(obj: JSObject) -> dict:
    """ES2023 6.2.6.5 ToPropertyDescriptor (the has/get order test262 observes)."""
    d: dict = {}
    for name in ("enumerable", "configurable", "value", "writable", "get", "set"):
        if obj.has_property(name):
            v = obj.get(name, obj)
            if name in ("get", "set"):
                if v is not None and not is_callable(v):
                    raise type_error(f"{'Getter' if name == 'get' else 'Setter'} must be a "
                                     f"function: {to_display(v)}")
            elif name != "value":
                v = to_boolean(v)
            d[name] = v
    if ("get" in d or "set" in d) and ("value" in d or "writable" in d):
        raise type_error("Invalid property descriptor. Cannot both specify accessors and a value "
                         f"or writable attribute, #<{constructor_name_of(obj)}>")
    return d


def _keys_from_array_like(v: Any) -> list:
    """ES2023 7.3.19 CreateListFromArrayLike(v, « String, Symbol »)."""
    if not isinstance(v, JSObject):
        raise type_error("CreateListFromArrayLike called on non-object")
    n = v.get("length", v)
    from_len = to_length(n)
    out = []
    for i in range(from_len):
        k = v.get(str(i), v)
        if type(k) is not str and type(k) is not JSSymbol:
            raise type_error(f"{_shown(k)} is not a valid property name")
        out.append(k)
    return out


def _key(key: Any) -> str:
    return key if type(key) is str else f"Symbol({key.description or ''})"


def _shown(v: Any) -> str:
    """How V8 prints a value inside a proxy message (Object::NoSideEffectsToString, roughly)."""
    if type(v) is str:
        return v
    if isinstance(v, JSArray):
        return "[object Array]"
    if isinstance(v, JSObject):
        return "function" if is_callable(v) else f"#<{constructor_name_of(v)}>"
    return to_display(v)


def _object_proto() -> JSObject:
    return CTX.realm.object_prototype


def _array_proto() -> JSObject:
    return CTX.realm.array_prototype
