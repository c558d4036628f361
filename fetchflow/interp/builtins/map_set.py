"""Map, Set, WeakMap and WeakSet (ES2017 23.1-23.4).

* https://262.ecma-international.org/8.0/#sec-map-objects
* https://262.ecma-international.org/8.0/#sec-set-objects
* https://262.ecma-international.org/8.0/#sec-weakmap-objects
* https://262.ecma-international.org/8.0/#sec-weakset-objects

Storage (``JSMapObject``): the spec's [[MapData]] List is ``mkeys``/``mvals`` in
insertion order, a deleted entry leaving ``MISSING`` behind (so live iterators keep
their place: deleted entries are skipped, appended ones visited), plus ``mindex``, a
dict from a normalised key to the entry's logical position (list index + ``moffset``).
SameValueZero keys: -0 is stored as +0, NaN and booleans get sentinel keys (in a Python
dict ``1.0 == True`` and ``nan != nan``), objects and symbols hash by identity.
Deleted entries at the front are trimmed (``moffset`` grows), and the whole list is
compacted when it is mostly tombstones and no iterator is live (``miters``), so a Map
used as a queue does not grow.  ``mindex`` is rebuilt on unpickling.

WeakMap and WeakSet hold their keys strongly (nothing in a paused heap may be a
Python weak reference); they only differ in rejecting non-object keys and in having no
iteration or size.
"""
from __future__ import annotations

from typing import Any, Optional

from ..natives import native
from ..operations.errors import type_error
from ..operations.iteration import builtin_iterator_record, call_gen, iterator_close_gen, iterator_step_value_gen
from ..operations.object_operations import can_be_held_weakly, get_prototype_from_constructor
from ..operations.type_conversion import to_display
from ..runtime import CTX
from ..values import (C, MISSING, NULL, SYM_ITERATOR, SYM_SPECIES, SYM_TO_STRING_TAG, JSObject, JSThrow,
                      is_callable)
from ..helpers import arg
from .iterators import create_map_iterator, create_set_iterator


class _Key:
    """Sentinel dict keys for NaN, true and false (never JS values, never pickled)."""
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_NAN = _Key("NaN")
_TRUE = _Key("true")
_FALSE = _Key("false")


def normalize_key(k: Any) -> Any:
    """The dict key standing for JS value ``k`` under SameValueZero."""
    t = type(k)
    if t is float:
        if k != k:
            return _NAN
        return k  # 0.0 == -0.0 and hash alike
    if t is bool:
        return _TRUE if k else _FALSE
    if t is int:  # a BigInt: 1n is not the Number 1, which Python's dict would take it for
        return ("bigint", k)
    return k


class JSMapObject(JSObject):
    """A Map, Set, WeakMap or WeakSet (``cls`` tells which)."""
    __slots__ = ("mkeys", "mvals", "mindex", "moffset", "mhead", "mdead", "miters")

    def __init__(self, proto: Optional[JSObject], cls: str) -> None:
        JSObject.__init__(self, proto, cls)
        self.mkeys: list = []
        self.mvals: Optional[list] = [] if cls in ("Map", "WeakMap") else None
        self.mindex: dict = {}
        self.moffset = 0   # logical position of mkeys[0]
        self.mhead = 0     # number of leading deleted entries
        self.mdead = 0     # number of deleted entries in the list
        self.miters = 0    # live iterators (and forEach loops) over this table

    # -- saving: the index is derived data (rebuilt by _reindex on load) ------------------------
    def __getstate__(self) -> Any:
        st = JSObject.__getstate__(self)
        st.pop("mindex", None)
        return st

    def _reindex(self) -> None:
        off = self.moffset
        self.mindex = {normalize_key(k): i + off for i, k in enumerate(self.mkeys) if k is not MISSING}

    # -- the table ---------------------------------------------------------------------------
    @property
    def size(self) -> int:
        return len(self.mindex)

    def lookup(self, key: Any) -> int:
        """List index of ``key``'s entry, or -1."""
        p = self.mindex.get(normalize_key(key))
        return -1 if p is None else p - self.moffset

    def has(self, key: Any) -> bool:
        return normalize_key(key) in self.mindex

    def get_value(self, key: Any) -> Any:
        p = self.mindex.get(normalize_key(key))
        if p is None:
            return None
        return self.mvals[p - self.moffset]  # type: ignore[index]

    def put(self, key: Any, value: Any = None) -> None:
        """Set ``key`` (already normalised for -0) to ``value``, appending if new."""
        nk = normalize_key(key)
        p = self.mindex.get(nk)
        if p is not None:
            if self.mvals is not None:
                self.mvals[p - self.moffset] = value
            return
        if type(key) is float and key == 0:
            key = 0.0
        self.mindex[nk] = self.moffset + len(self.mkeys)
        self.mkeys.append(key)
        if self.mvals is not None:
            self.mvals.append(value)

    def remove(self, key: Any) -> bool:
        p = self.mindex.pop(normalize_key(key), None)
        if p is None:
            return False
        i = p - self.moffset
        self.mkeys[i] = MISSING
        if self.mvals is not None:
            self.mvals[i] = MISSING
        self.mdead += 1
        if i == self.mhead:
            keys = self.mkeys
            h = i + 1
            while h < len(keys) and keys[h] is MISSING:
                h += 1
            self.mhead = h
        self._maybe_compact()
        return True

    def clear(self) -> None:
        """All entries become deleted; live iterators resume after them."""
        self.moffset += len(self.mkeys)
        self.mkeys = []
        if self.mvals is not None:
            self.mvals = []
        self.mindex = {}
        self.mhead = self.mdead = 0

    def _maybe_compact(self) -> None:
        h = self.mhead
        n = len(self.mkeys)
        if h >= 32 and h * 2 >= n:
            # trim deleted entries from the front: logical positions are unchanged
            del self.mkeys[:h]
            if self.mvals is not None:
                del self.mvals[:h]
            self.moffset += h
            self.mdead -= h
            self.mhead = 0
        elif self.miters == 0 and self.mdead >= 32 and self.mdead * 2 >= n:
            keep = [i for i, k in enumerate(self.mkeys) if k is not MISSING]
            self.mkeys = [self.mkeys[i] for i in keep]
            if self.mvals is not None:
                self.mvals = [self.mvals[i] for i in keep]
            self.mhead = self.mdead = 0
            self._reindex()

    def entries_list(self) -> list:
        """The live entries as (key, value) pairs (value is the key for sets): for display."""
        vals = self.mvals
        return [(k, k if vals is None else vals[i]) for i, k in enumerate(self.mkeys) if k is not MISSING]


# -- brand checks -----------------------------------------------------------------------------

def _receiver_display(v: Any) -> str:
    if isinstance(v, JSObject):
        return f"#<{v.cls if v.cls != 'global' else 'Object'}>"
    return to_display(v)


def this_table(this: Any, cls: str, method: str) -> JSMapObject:
    if type(this) is JSMapObject and this.cls == cls:
        return this
    raise type_error(f"Method {method} called on incompatible receiver {_receiver_display(this)}")


def _check_callable(f: Any) -> None:
    if not is_callable(f):
        raise type_error(f"{value_display(f)} is not a function")


def value_display(f: Any) -> str:
    """A value as V8 shows it in "x is not a function" messages."""
    if isinstance(f, JSObject):
        return _receiver_display(f)
    if type(f) is str:
        return f
    return to_display(f)


# -- constructors ---------------------------------------------------------------------------

def _construct(cls: str, args: list, new_target: Any, adder_name: str):  # type: ignore[no-untyped-def]
    """ES2017 23.1.1.1 Map ( [ iterable ] ), 23.2.1.1 Set, 23.3.1.1 WeakMap, 23.4.1.1 WeakSet.

    A generator: the iterator's ``next`` and a user-replaced adder run on the machine."""
    if new_target is None:
        raise type_error(f"Constructor {cls} requires 'new'")
    proto = get_prototype_from_constructor(new_target, cls + "Prototype")
    obj = JSMapObject(proto, cls)
    iterable = arg(args, 0)
    if iterable is None or iterable is NULL:
        return obj
    adder = obj.get(adder_name, obj)
    if not is_callable(adder):
        raise type_error(f"'{value_display(adder)}' returned for property '{adder_name}' of object "
                         f"'#<{cls}>' is not a function")
    is_map = cls in ("Map", "WeakMap")
    direct = adder is CTX.realm.intr.get(f"{cls}Proto_{adder_name}")
    iterator = builtin_iterator_record(iterable)
    while True:
        item = yield from iterator_step_value_gen(iterator)
        if item is MISSING:
            return obj
        try:
            if is_map:
                if not isinstance(item, JSObject):
                    raise type_error(f"Iterator value {value_display(item)} is not an entry object")
                k = item.get("0", item)
                v = item.get("1", item)
                if direct:
                    adder.fn(obj, [k, v])
                else:
                    yield from call_gen(adder, obj, [k, v])
            elif direct:
                adder.fn(obj, [item])
            else:
                yield from call_gen(adder, obj, [item])
        except JSThrow:
            yield from iterator_close_gen(iterator, True)
            raise


@native("Map", 0, ctor=True, gen=True)
def map_constructor(this: Any, args: list, new_target: Any = None):  # type: ignore[no-untyped-def]
    return (yield from _construct("Map", args, new_target, "set"))


@native("Set", 0, ctor=True, gen=True)
def set_constructor(this: Any, args: list, new_target: Any = None):  # type: ignore[no-untyped-def]
    return (yield from _construct("Set", args, new_target, "add"))


@native("WeakMap", 0, ctor=True, gen=True)
def weakmap_constructor(this: Any, args: list, new_target: Any = None):  # type: ignore[no-untyped-def]
    return (yield from _construct("WeakMap", args, new_target, "set"))


@native("WeakSet", 0, ctor=True, gen=True)
def weakset_constructor(this: Any, args: list, new_target: Any = None):  # type: ignore[no-untyped-def]
    return (yield from _construct("WeakSet", args, new_target, "add"))


@native("get Map.[Symbol.species]", 0)
def map_species(this: Any, args: list) -> Any:
    """ES2017 23.1.2.2 get Map [ @@species ]."""
    return this


@native("get Set.[Symbol.species]", 0)
def set_species(this: Any, args: list) -> Any:
    """ES2017 23.2.2.2 get Set [ @@species ]."""
    return this


# -- Map.prototype ------------------------------------------------------------------------------

@native("Map.prototype.clear", 0)
def map_clear(this: Any, args: list) -> Any:
    """ES2017 23.1.3.1 Map.prototype.clear ( )."""
    this_table(this, "Map", "Map.prototype.clear").clear()
    return None


@native("Map.prototype.delete", 1)
def map_delete(this: Any, args: list) -> Any:
    """ES2017 23.1.3.3 Map.prototype.delete ( key )."""
    return this_table(this, "Map", "Map.prototype.delete").remove(arg(args, 0))


@native("Map.prototype.entries", 0)
def map_entries(this: Any, args: list) -> Any:
    """ES2017 23.1.3.4 Map.prototype.entries ( )."""
    return create_map_iterator(this_table(this, "Map", "Map.prototype.entries"), "key+value")


@native("Map.prototype.forEach", 1, gen=True)
def map_for_each(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 23.1.3.5 Map.prototype.forEach ( callbackfn [ , thisArg ] )."""
    t = this_table(this, "Map", "Map.prototype.forEach")
    f = arg(args, 0)
    _check_callable(f)
    return (yield from _for_each(t, f, arg(args, 1)))


def _for_each(t: JSMapObject, f: Any, this_arg: Any):  # type: ignore[no-untyped-def]
    """Visit the live entries in order, tolerating deletions and additions meanwhile."""
    t.miters += 1
    pos = t.moffset
    is_map = t.mvals is not None
    try:
        while True:
            keys = t.mkeys
            off = t.moffset
            i = pos - off
            if i < 0:
                i = 0
            n = len(keys)
            while i < n and keys[i] is MISSING:
                i += 1
            if i >= n:
                return None
            pos = off + i + 1
            k = keys[i]
            yield (f, this_arg, [t.mvals[i] if is_map else k, k, t])  # type: ignore[index]
    finally:
        t.miters -= 1


@native("Map.prototype.get", 1)
def map_get(this: Any, args: list) -> Any:
    """ES2017 23.1.3.6 Map.prototype.get ( key )."""
    return this_table(this, "Map", "Map.prototype.get").get_value(arg(args, 0))


@native("Map.prototype.has", 1)
def map_has(this: Any, args: list) -> Any:
    """ES2017 23.1.3.7 Map.prototype.has ( key )."""
    return this_table(this, "Map", "Map.prototype.has").has(arg(args, 0))


@native("Map.prototype.keys", 0)
def map_keys(this: Any, args: list) -> Any:
    """ES2017 23.1.3.8 Map.prototype.keys ( )."""
    return create_map_iterator(this_table(this, "Map", "Map.prototype.keys"), "key")


@native("Map.prototype.set", 2)
def map_set(this: Any, args: list) -> Any:
    """ES2017 23.1.3.9 Map.prototype.set ( key, value ): -0 becomes +0."""
    this_table(this, "Map", "Map.prototype.set").put(arg(args, 0), arg(args, 1))
    return this


@native("get Map.prototype.size", 0)
def map_size(this: Any, args: list) -> Any:
    """ES2017 23.1.3.10 get Map.prototype.size."""
    return float(this_table(this, "Map", "get Map.prototype.size").size)


@native("Map.prototype.values", 0)
def map_values(this: Any, args: list) -> Any:
    """ES2017 23.1.3.11 Map.prototype.values ( )."""
    return create_map_iterator(this_table(this, "Map", "Map.prototype.values"), "value")


# -- Set.prototype ------------------------------------------------------------------------------

@native("Set.prototype.add", 1)
def set_add(this: Any, args: list) -> Any:
    """ES2017 23.2.3.1 Set.prototype.add ( value ): -0 becomes +0."""
    this_table(this, "Set", "Set.prototype.add").put(arg(args, 0))
    return this


@native("Set.prototype.clear", 0)
def set_clear(this: Any, args: list) -> Any:
    """ES2017 23.2.3.2 Set.prototype.clear ( )."""
    this_table(this, "Set", "Set.prototype.clear").clear()
    return None


@native("Set.prototype.delete", 1)
def set_delete(this: Any, args: list) -> Any:
    """ES2017 23.2.3.4 Set.prototype.delete ( value )."""
    return this_table(this, "Set", "Set.prototype.delete").remove(arg(args, 0))


@native("Set.prototype.entries", 0)
def set_entries(this: Any, args: list) -> Any:
    """ES2017 23.2.3.5 Set.prototype.entries ( )."""
    return create_set_iterator(this_table(this, "Set", "Set.prototype.entries"), "key+value")


@native("Set.prototype.forEach", 1, gen=True)
def set_for_each(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 23.2.3.6 Set.prototype.forEach ( callbackfn [ , thisArg ] )."""
    t = this_table(this, "Set", "Set.prototype.forEach")
    f = arg(args, 0)
    _check_callable(f)
    return (yield from _for_each(t, f, arg(args, 1)))


@native("Set.prototype.has", 1)
def set_has(this: Any, args: list) -> Any:
    """ES2017 23.2.3.7 Set.prototype.has ( value )."""
    return this_table(this, "Set", "Set.prototype.has").has(arg(args, 0))


@native("get Set.prototype.size", 0)
def set_size(this: Any, args: list) -> Any:
    """ES2017 23.2.3.9 get Set.prototype.size."""
    return float(this_table(this, "Set", "get Set.prototype.size").size)


@native("Set.prototype.values", 0)
def set_values(this: Any, args: list) -> Any:
    """ES2017 23.2.3.10 Set.prototype.values ( ) (also keys and @@iterator)."""
    return create_set_iterator(this_table(this, "Set", "Set.prototype.values"), "value")


# -- WeakMap.prototype / WeakSet.prototype -----------------------------------------------------

@native("WeakMap.prototype.delete", 1)
def weakmap_delete(this: Any, args: list) -> Any:
    """ES2017 23.3.3.2 WeakMap.prototype.delete ( key )."""
    t = this_table(this, "WeakMap", "WeakMap.prototype.delete")
    k = arg(args, 0)
    return can_be_held_weakly(k) and t.remove(k)


@native("WeakMap.prototype.get", 1)
def weakmap_get(this: Any, args: list) -> Any:
    """ES2017 23.3.3.3 WeakMap.prototype.get ( key )."""
    t = this_table(this, "WeakMap", "WeakMap.prototype.get")
    k = arg(args, 0)
    return t.get_value(k) if can_be_held_weakly(k) else None


@native("WeakMap.prototype.has", 1)
def weakmap_has(this: Any, args: list) -> Any:
    """ES2017 23.3.3.4 WeakMap.prototype.has ( key )."""
    t = this_table(this, "WeakMap", "WeakMap.prototype.has")
    k = arg(args, 0)
    return can_be_held_weakly(k) and t.has(k)


@native("WeakMap.prototype.set", 2)
def weakmap_set(this: Any, args: list) -> Any:
    """ES2023 24.3.3.5 WeakMap.prototype.set ( key, value ): keys are objects or symbols
    not in the registry (CanBeHeldWeakly)."""
    t = this_table(this, "WeakMap", "WeakMap.prototype.set")
    k = arg(args, 0)
    if not can_be_held_weakly(k):
        raise type_error("Invalid value used as weak map key")
    t.put(k, arg(args, 1))
    return this


@native("WeakSet.prototype.add", 1)
def weakset_add(this: Any, args: list) -> Any:
    """ES2023 24.4.3.1 WeakSet.prototype.add ( value ): values are objects or symbols not
    in the registry (CanBeHeldWeakly)."""
    t = this_table(this, "WeakSet", "WeakSet.prototype.add")
    k = arg(args, 0)
    if not can_be_held_weakly(k):
        raise type_error("Invalid value used in weak set")
    t.put(k)
    return this


@native("WeakSet.prototype.delete", 1)
def weakset_delete(this: Any, args: list) -> Any:
    """ES2017 23.4.3.3 WeakSet.prototype.delete ( value )."""
    t = this_table(this, "WeakSet", "WeakSet.prototype.delete")
    k = arg(args, 0)
    return can_be_held_weakly(k) and t.remove(k)


@native("WeakSet.prototype.has", 1)
def weakset_has(this: Any, args: list) -> Any:
    """ES2017 23.4.3.4 WeakSet.prototype.has ( value )."""
    t = this_table(this, "WeakSet", "WeakSet.prototype.has")
    k = arg(args, 0)
    return can_be_held_weakly(k) and t.has(k)


# -- setup --------------------------------------------------------------------------------------

def setup(realm: Any) -> None:
    op = realm.object_prototype
    intr = realm.intr

    def make(name: str, methods: tuple, adder: str) -> JSObject:
        proto = JSObject(op)
        ctor = realm.constructor(name, name, proto)
        for m in methods:
            f = realm.method(proto, m, f"{name}.prototype.{m}")
            if m == adder:
                intr[f"{name}Proto_{adder}"] = f
        proto.put_hidden(SYM_TO_STRING_TAG, name, C)
        if name in ("Map", "Set"):
            realm.getter(ctor, SYM_SPECIES, f"get {name}.[Symbol.species]")
            realm.getter(proto, "size", f"get {name}.prototype.size")
        return proto

    mp = make("Map", ("get", "set", "has", "delete", "clear", "entries", "forEach", "keys",
                      "values"), "set")
    mp.put_hidden(SYM_ITERATOR, mp.props["entries"])
    sp = make("Set", ("has", "add", "delete", "clear", "entries", "forEach", "values"), "add")
    sp.put_hidden("keys", sp.props["values"])
    sp.put_hidden(SYM_ITERATOR, sp.props["values"])
    make("WeakMap", ("delete", "get", "set", "has"), "set")
    make("WeakSet", ("delete", "has", "add"), "add")
