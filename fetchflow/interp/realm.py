"""A realm: the intrinsic objects and the global object (ES2017 8.2)."""
from __future__ import annotations

import importlib
from typing import Any, Optional

from .natives import NATIVES, JSNativeFunction, native
from .values import C, W, JSObject
from .values import ACC, Accessor

@native("FunctionPrototype")
def _function_prototype(this: Any, args: list) -> Any:
    """ES2017 19.2.3 Function.prototype is callable and returns undefined."""
    return None


# Each module in interp/builtins/ with a ``setup(realm)`` function, in install order.
BUILTIN_MODULES = (
    "object", "function", "error", "symbol", "iterators", "generator", "async_from_sync",
    "async_generator", "array", "array_methods",
    "array_flat", "array_from_end", "array_by_copy", "string", "number", "bigint",
    "boolean", "math", "json", "map_set", "weak_refs", "promise", "regexp", "regexp_legacy", "string_all_matches", "date", "reflect", "proxy",
    "global_functions", "eval", "timers", "console", "array_buffer", "typed_array", "data_view",
)


def import_builtins() -> list:
    """Import every builtin module (registering its natives); return the modules."""
    mods = []
    for name in BUILTIN_MODULES:
        try:
            mods.append(importlib.import_module(f".builtins.{name}", __package__))
        except ModuleNotFoundError as e:
            if e.name and e.name.endswith(f"builtins.{name}"):
                continue
            raise
    return mods


class Realm:
    """ES2017 8.2 Realm Record.  Intrinsics are in ``intr`` by their spec names without
    percent signs (``"ArrayPrototype"``); the hottest are also attributes."""
    # set only when the host freezes time (api: clock=); read with getattr(realm, "clock", None)
    clock: Any

    def __init__(self) -> None:
        self.intr: dict[str, Any] = {}
        self.object_prototype = JSObject(None)
        self.intr["ObjectPrototype"] = self.object_prototype
        # Function.prototype is itself callable (returns undefined)
        self.function_prototype = JSNativeFunction(self.object_prototype, "FunctionPrototype")
        self.intr["FunctionPrototype"] = self.function_prototype
        self.global_object = JSObject(self.object_prototype, "global")
        self.array_prototype: Any = None
        self.symbol_registry: dict[str, Any] = {}
        self.template_cache: dict = {}
        installed = []
        for mod in import_builtins():
            mod.setup(self)
            installed.append(mod)
        # ``post_setup(realm)`` links objects made by later modules (Number.parseFloat is
        # the global parseFloat)
        for mod in installed:
            post = getattr(mod, "post_setup", None)
            if post is not None:
                post(self)
        self.array_prototype = self.intr.get("ArrayPrototype")
        g = self.global_object
        g.put_hidden("globalThis", g)

    # -- helpers for builtin setup ------------------------------------------------------------
    def native(self, name: str, display: Optional[str] = None, data: Any = None,
               proto: Optional[JSObject] = None) -> JSNativeFunction:
        """Create the function object for registered native ``name`` with ``length``/``name``."""
        f = JSNativeFunction(proto or self.function_prototype, name, data)
        length = NATIVES[name][1]
        if display is None:
            display = native_display_name(name)
        f.put_hidden("length", float(length), C)
        f.put_hidden("name", display, C)
        return f

    def method(self, obj: JSObject, key: Any, name: str) -> JSNativeFunction:
        """Install native ``name`` as a non-enumerable method ``key`` of ``obj``."""
        f = self.native(name)
        obj.put_hidden(key, f, W | C)
        return f

    def getter(self, obj: JSObject, key: Any, name: str, setter: Optional[str] = None) -> None:
        """Install an accessor property (non-enumerable, configurable)."""
        g = self.native(name)
        s = self.native(setter) if setter else None
        obj._store(key, Accessor(g, s), ACC | C)

    def constructor(self, name: str, native_name: str, proto_obj: JSObject,
                    global_name: Optional[str] = None) -> JSNativeFunction:
        """Create a constructor linked with its prototype and put it on the global object."""
        ctor = self.native(native_name, name)
        ctor.put_hidden("prototype", proto_obj, 0)
        proto_obj.put_hidden("constructor", ctor, W | C)
        self.intr[name] = ctor
        self.intr[name + "Prototype"] = proto_obj
        self.global_object.put_hidden(global_name or name, ctor, W | C)
        return ctor


def native_display_name(name: str) -> str:
    """The ``name`` property for a registry name: ``"get Map.prototype.size"`` -> ``"get size"``."""
    prefix = ""
    if name.startswith(("get ", "set ")):
        prefix, name = name[:4], name[4:]
    if name.endswith("]") and ".[" in name:  # "Array.prototype.[Symbol.iterator]"
        return prefix + name[name.rindex(".[") + 1:]
    last = name.rsplit(".", 1)[-1]
    if last.startswith("[") and last.endswith("]"):  # "Array.prototype.[Symbol.iterator]"
        last = "[" + last[1:-1] + "]"
    return prefix + last
