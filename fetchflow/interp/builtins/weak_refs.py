"""WeakRef and FinalizationRegistry (ES2021 26.1, 26.2).

https://tc39.es/ecma262/2023/#sec-managing-memory

fetchflow has no garbage collector of JS objects that could tell it a target died (the
heap is Python objects, and a paused run is saved whole), so:

* a WeakRef holds its target strongly: ``deref()`` returns the target for the whole run,
  which the spec allows (an implementation may keep any object alive);
* a FinalizationRegistry never calls its cleanup callback, since no target is ever
  reported collected.  Its cells keep the held value and the unregister token (for
  ``unregister``'s answer), not the target.

Both are plain slots of small JSObject subclasses (state records "WeakRef" and
"FinalizationRegistry"), so they pickle across a pause.
"""
from __future__ import annotations

from typing import Any, Optional

from ..helpers import arg
from ..natives import native
from ..operations.comparison import same_value
from ..operations.errors import type_error
from ..operations.object_operations import can_be_held_weakly, get_prototype_from_constructor
from ..operations.type_conversion import to_string
from ..values import C, NULL, SYM_TO_STRING_TAG, JSObject, JSSymbol, is_callable
from .error import receiver_display


class JSWeakRef(JSObject):
    """ES2021 26.1.3.1 a WeakRef instance: [[WeakRefTarget]] (held strongly, see above)."""
    __slots__ = ("target",)

    def __init__(self, proto: Optional[JSObject], target: Any) -> None:
        JSObject.__init__(self, proto, "WeakRef")
        self.target = target


class JSFinalizationRegistry(JSObject):
    """ES2021 26.2.1.1 a FinalizationRegistry instance: [[CleanupCallback]] and [[Cells]]
    (each cell ``[held value, unregister token or None]``; the target is not kept)."""
    __slots__ = ("cleanup", "cells")

    def __init__(self, proto: Optional[JSObject], cleanup: JSObject) -> None:
        JSObject.__init__(self, proto, "FinalizationRegistry")
        self.cleanup = cleanup
        self.cells: list = []


@native("WeakRef", 1, ctor=True)
def weak_ref_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2021 26.1.1.1 WeakRef ( target )."""
    if new_target is None:
        raise type_error("Constructor WeakRef requires 'new'")
    target = arg(args, 0)
    if not can_be_held_weakly(target):
        raise type_error("WeakRef: invalid target")
    return JSWeakRef(get_prototype_from_constructor(new_target, "WeakRefPrototype"), target)


@native("WeakRef.prototype.deref", 0)
def weak_ref_deref(this: Any, args: list) -> Any:
    """ES2021 26.1.3.2 WeakRef.prototype.deref ( )."""
    if not isinstance(this, JSWeakRef):
        raise type_error("Method WeakRef.prototype.deref called on incompatible receiver "
                         f"{receiver_display(this)}")
    return this.target


@native("FinalizationRegistry", 1, ctor=True)
def finalization_registry_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2021 26.2.1.1 FinalizationRegistry ( cleanupCallback )."""
    if new_target is None:
        raise type_error("Constructor FinalizationRegistry requires 'new'")
    cleanup = arg(args, 0)
    if not is_callable(cleanup):
        raise type_error("FinalizationRegistry: cleanup must be callable")
    proto = get_prototype_from_constructor(new_target, "FinalizationRegistryPrototype")
    return JSFinalizationRegistry(proto, cleanup)


def _this_registry(this: Any, method: str) -> JSFinalizationRegistry:
    if not isinstance(this, JSFinalizationRegistry):
        raise type_error(f"Method FinalizationRegistry.prototype.{method} called on incompatible "
                         f"receiver {receiver_display(this)}")
    return this


def _token_display(v: Any) -> str:
    """How V8 shows a bad unregister token: ``Invalid unregisterToken ('2')``."""
    if type(v) is JSSymbol or isinstance(v, JSObject):
        return receiver_display(v)
    return to_string(v) if v is not NULL else "null"


@native("FinalizationRegistry.prototype.register", 2)
def finalization_registry_register(this: Any, args: list) -> Any:
    """ES2021 26.2.3.2 FinalizationRegistry.prototype.register ( target, heldValue
    [ , unregisterToken ] )."""
    reg = _this_registry(this, "register")
    target, held, token = arg(args, 0), arg(args, 1), arg(args, 2)
    if not can_be_held_weakly(target):
        raise type_error("FinalizationRegistry.prototype.register: invalid target")
    if same_value(target, held):
        raise type_error("FinalizationRegistry.prototype.register: target and holdings must not be same")
    if not can_be_held_weakly(token):
        if token is not None:
            raise type_error(f"Invalid unregisterToken ('{_token_display(token)}')")
    reg.cells.append([held, token])
    return None


@native("FinalizationRegistry.prototype.unregister", 1)
def finalization_registry_unregister(this: Any, args: list) -> Any:
    """ES2021 26.2.3.3 FinalizationRegistry.prototype.unregister ( unregisterToken )."""
    reg = _this_registry(this, "unregister")
    token = arg(args, 0)
    if not can_be_held_weakly(token):
        raise type_error(f"Invalid unregisterToken ('{_token_display(token)}')")
    kept = [cell for cell in reg.cells if cell[1] is None or not same_value(cell[1], token)]
    removed = len(kept) != len(reg.cells)
    reg.cells = kept
    return removed


def setup(realm: Any) -> None:
    op = realm.object_prototype
    proto = JSObject(op)
    realm.constructor("WeakRef", "WeakRef", proto)
    realm.method(proto, "deref", "WeakRef.prototype.deref")
    proto.put_hidden(SYM_TO_STRING_TAG, "WeakRef", C)
    proto = JSObject(op)
    realm.constructor("FinalizationRegistry", "FinalizationRegistry", proto)
    realm.method(proto, "register", "FinalizationRegistry.prototype.register")
    realm.method(proto, "unregister", "FinalizationRegistry.prototype.unregister")
    proto.put_hidden(SYM_TO_STRING_TAG, "FinalizationRegistry", C)
