"""Arguments exotic objects (ES2017 9.4.4): mapped in sloppy functions with simple parameters."""
from __future__ import annotations

from typing import Any, Optional

from .values import ACC, C, DEFAULT, E, SYM_ITERATOR, W, Accessor, JSObject, array_index


class JSArguments(JSObject):
    """An arguments object; ``mapping[i]`` is the scope slot aliased by index i (or -1)."""
    __slots__ = ("scope", "mapping")

    EXOTIC = True

    def __init__(self, proto: Optional[JSObject]) -> None:
        JSObject.__init__(self, proto, "Arguments")
        self.scope: Any = None
        self.mapping: Optional[list] = None

    def _mapped(self, key: Any) -> int:
        mp = self.mapping
        if mp is None or type(key) is not str:
            return -1
        i = array_index(key)
        if 0 <= i < len(mp):
            return mp[i]
        return -1

    def get_own_property(self, key: Any) -> Optional[tuple]:
        own = JSObject.get_own_property(self, key)
        if own is None:
            return None
        slot = self._mapped(key)
        if slot > 0:
            return (self.scope[slot], own[1])
        return own

    def exotic_get(self, key: Any, receiver: Any) -> Any:
        slot = self._mapped(key)
        if slot > 0 and key in self.props:
            return self.scope[slot]
        return JSObject.exotic_get(self, key, receiver)

    def set(self, key: Any, value: Any, receiver: Any) -> bool:
        slot = self._mapped(key)
        ok = JSObject.set(self, key, value, receiver)
        if ok and slot > 0 and receiver is self:
            self.scope[slot] = value
        return ok

    def define_own_property(self, key: Any, desc: dict) -> bool:
        """ES2017 9.4.4.2 [[DefineOwnProperty]] of a mapped arguments object."""
        slot = self._mapped(key)
        if slot > 0 and "value" not in desc and "get" not in desc and "set" not in desc \
                and desc.get("writable") is False:
            desc = dict(desc)
            desc["value"] = self.scope[slot]
        ok = JSObject.define_own_property(self, key, desc)
        if not ok:
            return False
        if slot > 0:
            if "get" in desc or "set" in desc:
                self._unmap(key)
            else:
                if "value" in desc:
                    self.scope[slot] = desc["value"]
                if desc.get("writable") is False:
                    self._unmap(key)
        return True

    def delete(self, key: Any) -> bool:
        ok = JSObject.delete(self, key)
        if ok:
            self._unmap(key)
        return ok

    def _unmap(self, key: Any) -> None:
        i = array_index(key)
        if self.mapping is not None and 0 <= i < len(self.mapping):
            self.mapping[i] = -1


def create_arguments_object(m: Any, f: Any, fd: Any, args: list, scope: list) -> JSArguments:
    """ES2017 9.4.4.6 CreateUnmappedArgumentsObject / 9.4.4.7 CreateMappedArgumentsObject."""
    realm = m.realm
    o = JSArguments(realm.object_prototype)
    props = o.props
    for i, a in enumerate(args):
        props[str(i)] = a
    flags = {"length": W | C, SYM_ITERATOR: W | C}
    props["length"] = float(len(args))
    props[SYM_ITERATOR] = realm.intr.get("ArrayValues")
    if fd.mapped_args:
        o.scope = scope
        n = min(len(args), fd.nparams)
        o.mapping = [i + 1 for i in range(n)]
        props["callee"] = f
        flags["callee"] = W | C
    else:
        thrower = realm.intr.get("ThrowTypeError")
        props["callee"] = Accessor(thrower, thrower)
        flags["callee"] = ACC
    o.flags = flags
    _ = (DEFAULT, E)
    return o
