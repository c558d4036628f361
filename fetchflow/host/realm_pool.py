"""Realms of finished machines, kept for the next machines of this process.

Making a realm (its ~900 built-in objects, the web platform's, and the snapshot a state's
save compares them with) costs a few milliseconds and a few thousand objects for the
collector: most of a short run's first step in a durable worker.  A host that is done with
a machine may hand it back (``FetchVM.dispose(recycle=True)``; the durable worker does for
every run that finished): when no script changed a built-in (``RealmSnapshot.pristine``:
every object as made, by identity, down to its properties and their attributes; the global
properties the script added are removed), its realm is kept, and ``create_machine`` gives
it to the next machine instead of making one.  A realm that anything changed is dropped.

What a realm keeps besides its objects is made afresh: the ``Symbol.for`` registry, the
template objects and the legacy RegExp statics (the last match) when it is kept; the
``Math.random`` seed and the time zone when it is taken, and the frozen clock (the machine's
options set them again).  Nothing is recycled unless a host asks: a realm may live on in what
the host holds of its machine.
"""
from __future__ import annotations

import os
import threading
from typing import Any, Optional

from ..interp.builtins.math import seed_random
from ..interp.builtins.regexp_legacy import initial_statics
from ..interp.operations.date_time import host_timezone
from ..interp.realm import Realm
from ..interp.values import Accessor, JSObject, JSSymbol

__all__ = ["recycle", "take", "set_size", "reserve"]

# what create_machine leaves on a realm (``clock`` only when the options freeze time)
_ATTRIBUTES = frozenset(("array_prototype", "function_prototype", "global_object", "intr",
                         "object_prototype", "random_state", "snapshot", "symbol_registry",
                         "template_cache", "timezone", "clock"))
_PLAIN = (str, float, int, bool, type(None), bytes, JSSymbol)


class _Pool:
    """The kept realms (one instance: its fields change, never the module's data)."""
    __slots__ = ("free", "size", "covered", "lock", "kept", "refused")

    def __init__(self) -> None:
        self.free: list = []
        self.size = 8
        self.covered: Optional[bool] = None   # the snapshot covers a realm's objects (checked once)
        self.lock = threading.Lock()
        self.kept = 0       # realms recycled
        self.refused = 0    # realms a script had changed


_POOL = _Pool()


def set_size(n: int) -> None:
    """Keep at most ``n`` realms (0: recycle nothing)."""
    if type(n) is not int or n < 0:
        raise ValueError(f"the realm pool's size must be an int >= 0, not {n!r}")
    with _POOL.lock:
        _POOL.size = n
        del _POOL.free[n:]


def reserve(n: int) -> None:
    """Keep at least ``n`` realms (a host that finishes up to ``n`` machines at a time)."""
    with _POOL.lock:
        _POOL.size = max(_POOL.size, n)


def take() -> Optional[Realm]:
    """A kept realm, reset for a new machine, or None."""
    with _POOL.lock:
        if not _POOL.free:
            return None
        realm = _POOL.free.pop()
    realm.timezone = host_timezone()
    seed_random(realm, int.from_bytes(os.urandom(8), "little"))
    return realm


def recycle(machine: Any) -> bool:
    """Keep ``machine``'s realm for a later machine when no script changed it.  The machine
    must never run again (its realm goes to another)."""
    realm = machine.realm
    snap = getattr(realm, "snapshot", None)
    if snap is None or _POOL.size == 0 or len(_POOL.free) >= _POOL.size:
        return False
    _forget_last_match(realm)
    if not set(vars(realm)) <= _ATTRIBUTES or not snap.pristine(realm) or not _covered(realm):
        _POOL.refused += 1
        return False
    realm.__dict__.pop("clock", None)
    realm.template_cache = {}       # the finished program's objects: not kept alive
    realm.symbol_registry = {}
    machine.realm = None
    with _POOL.lock:
        if len(_POOL.free) >= _POOL.size:
            return False
        _POOL.free.append(realm)
        _POOL.kept += 1
    return True


def _forget_last_match(realm: Realm) -> None:
    """Put the legacy RegExp statics (%RegExp%'s record of the last match: RegExp.$1, ...) back
    as a realm is made: every regular expression a run matches sets them, so a realm would
    otherwise be kept only after runs that match none.  The finished run never sees them again."""
    st = getattr(realm.intr.get("RegExp"), "data", None)
    if type(st) is list:
        st[:] = initial_statics()


def _covered(realm: Realm) -> bool:
    """Whether every object reachable from the realm is one its snapshot compares, and every
    container such an object holds holds only values (no container the snapshot would see
    by identity only).  Realms are made alike: checked on the first realm recycled."""
    ok = _POOL.covered
    if ok is None:
        ok = _POOL.covered = _check_covered(realm)
    return ok


def _check_covered(realm: Realm) -> bool:
    index = realm.snapshot.index
    seen: set = set()
    todo: list = [v for k, v in vars(realm).items() if k in ("intr", "global_object")]
    while todo:
        x = todo.pop()
        if type(x) in _PLAIN or id(x) in seen:
            continue
        seen.add(id(x))
        if isinstance(x, (JSObject, Accessor)):
            if id(x) not in index:
                return False
            for klass in type(x).__mro__:
                for s in getattr(klass, "__slots__", ()):
                    v = getattr(x, s, None)
                    if type(v) in (dict, list, tuple) and s != "fn" and not _flat(v):
                        return False
                    if type(v) is dict:
                        todo += v.keys()
                        todo += v.values()
                    elif type(v) in (list, tuple):
                        todo += v
                    elif not callable(v) or isinstance(v, JSObject):
                        todo.append(v)
        elif type(x) is dict:   # the realm's intr
            todo += x.values()
        elif type(x) is tuple:  # a value held in a container (_flat let only () through)
            todo += x
        else:
            return False
    return True


def _flat(c: Any) -> bool:
    """A container of values and objects (an empty tuple is a value)."""
    vals = c.values() if type(c) is dict else c
    return all(type(v) in _PLAIN or isinstance(v, (JSObject, Accessor)) or v == () for v in vals)
