"""Iterator prototypes and the built-in iterator objects.

* %IteratorPrototype%        https://262.ecma-international.org/8.0/#sec-%iteratorprototype%-object
* %ArrayIteratorPrototype%   https://262.ecma-international.org/8.0/#sec-%arrayiteratorprototype%-object
* %StringIteratorPrototype%  https://262.ecma-international.org/8.0/#sec-%stringiteratorprototype%-object
* %MapIteratorPrototype%     https://262.ecma-international.org/8.0/#sec-%mapiteratorprototype%-object
* %SetIteratorPrototype%     https://262.ecma-international.org/8.0/#sec-%setiteratorprototype%-object

Iterator state is kept in plain slots of small JSObject subclasses (never a Python
iterator or generator) so that a paused run pickles.  Map and Set iterators read the
entry lists of a ``JSMapObject`` (see ``map_set.py``): ``mkeys``/``mvals`` hold the
entries in insertion order with ``MISSING`` for deleted ones, and a logical position
``p`` is found at list index ``p - moffset``.
"""
from __future__ import annotations

from typing import Any, Optional

from ..natives import native
from ..operations.buffers import JSTypedArray
from ..operations.errors import type_error
from ..operations.iteration import create_iter_result_object
from ..operations.object_operations import create_array_from_list, length_of_array_like
from ..operations.type_conversion import to_display
from ..runtime import CTX
from ..values import C, HOLE, MISSING, SYM_ITERATOR, SYM_TO_STRING_TAG, JSArray, JSObject

KINDS = ("key", "value", "key+value")


class JSArrayIterator(JSObject):
    """ES2017 22.1.5.3 Array Iterator instance: [[IteratedObject]], [[ArrayIteratorNextIndex]],
    [[ArrayIterationKind]] (``iterated`` is None once exhausted)."""
    __slots__ = ("iterated", "index", "kind")

    def __init__(self, proto: Optional[JSObject], iterated: JSObject, kind: str) -> None:
        JSObject.__init__(self, proto, "Array Iterator")
        self.iterated: Optional[JSObject] = iterated
        self.index = 0
        self.kind = kind


class JSStringIterator(JSObject):
    """ES2017 21.1.5.3 String Iterator instance (``iterated`` None once exhausted)."""
    __slots__ = ("iterated", "position")

    def __init__(self, proto: Optional[JSObject], iterated: str) -> None:
        JSObject.__init__(self, proto, "String Iterator")
        self.iterated: Optional[str] = iterated
        self.position = 0


class JSMapIterator(JSObject):
    """ES2017 23.1.5.3 / 23.2.5.3 Map and Set Iterator instances.

    ``table`` is the Map/Set (None once exhausted), ``pos`` the logical position of the
    next entry to look at.  While an iterator is live the table counts it in
    ``miters`` and does not compact its entry list, so positions stay valid.
    """
    __slots__ = ("table", "pos", "kind")

    def __init__(self, proto: Optional[JSObject], cls: str, table: Any, kind: str) -> None:
        JSObject.__init__(self, proto, cls)
        self.table = table
        self.pos = table.moffset
        self.kind = kind
        table.miters += 1


def create_array_iterator(array: JSObject, kind: str) -> JSArrayIterator:
    """ES2017 22.1.5.1 CreateArrayIterator."""
    return JSArrayIterator(CTX.realm.intr["ArrayIteratorPrototype"], array, kind)


def create_string_iterator(s: str) -> JSStringIterator:
    """ES2017 21.1.5.1 CreateStringIterator (for String.prototype[@@iterator])."""
    return JSStringIterator(CTX.realm.intr["StringIteratorPrototype"], s)


def create_map_iterator(m: Any, kind: str) -> JSMapIterator:
    """ES2017 23.1.5.1 CreateMapIterator (brand already checked)."""
    return JSMapIterator(CTX.realm.intr["MapIteratorPrototype"], "Map Iterator", m, kind)


def create_set_iterator(s: Any, kind: str) -> JSMapIterator:
    """ES2017 23.2.5.1 CreateSetIterator (brand already checked)."""
    return JSMapIterator(CTX.realm.intr["SetIteratorPrototype"], "Set Iterator", s, kind)


def _receiver_display(v: Any) -> str:
    if isinstance(v, JSObject):
        c = v.cls if v.cls not in ("global",) else "Object"
        return f"#<{c}>"
    return to_display(v)


@native("IteratorPrototype.[Symbol.iterator]", 0)
def iterator_prototype_iterator(this: Any, args: list) -> Any:
    """ES2017 25.1.2.1 %IteratorPrototype% [ @@iterator ] ( ): return the this value."""
    return this


@native("ArrayIterator.prototype.next", 0)
def array_iterator_next(this: Any, args: list) -> Any:
    """ES2017 22.1.5.2.1 %ArrayIteratorPrototype%.next ( )."""
    if type(this) is not JSArrayIterator:
        raise type_error("Method Array Iterator.prototype.next called on incompatible receiver "
                         + _receiver_display(this))
    a = this.iterated
    if a is None:
        return create_iter_result_object(None, True)
    index = this.index
    # step 8: typed arrays would use [[ArrayLength]]; everything else ToLength(Get(a, "length"))
    if type(a) is JSArray:
        e = a.elems
        n = len(e) if e is not None else a.sparse_len
    elif type(a) is JSTypedArray:
        if a.buffer.data is None:
            raise type_error("Cannot perform %ArrayIteratorPrototype%.next on a detached ArrayBuffer")
        n = a.length
    else:
        n = length_of_array_like(a)
    if index >= n:
        this.iterated = None
        return create_iter_result_object(None, True)
    this.index = index + 1
    kind = this.kind
    if kind == "key":
        return create_iter_result_object(float(index), False)
    v = MISSING
    if type(a) is JSArray:
        e = a.elems
        if e is not None and index < len(e):
            v = e[index]
            if v is HOLE:
                v = MISSING
    if v is MISSING:
        v = a.get(str(index), a)
    if kind == "value":
        return create_iter_result_object(v, False)
    return create_iter_result_object(create_array_from_list([float(index), v]), False)


@native("StringIterator.prototype.next", 0)
def string_iterator_next(this: Any, args: list) -> Any:
    """ES2017 21.1.5.2.1 %StringIteratorPrototype%.next ( ): one code point per step."""
    if type(this) is not JSStringIterator:
        raise type_error("Method String Iterator.prototype.next called on incompatible receiver "
                         + _receiver_display(this))
    s = this.iterated
    if s is None:
        return create_iter_result_object(None, True)
    p = this.position
    n = len(s)
    if p >= n:
        this.iterated = None
        return create_iter_result_object(None, True)
    c = s[p]
    if "\ud800" <= c <= "\udbff" and p + 1 < n and "\udc00" <= s[p + 1] <= "\udfff":
        c = s[p:p + 2]
    this.position = p + len(c)
    return create_iter_result_object(c, False)


def _table_next(it: JSMapIterator) -> Any:
    """Advance a Map/Set iterator: the list index of the next live entry, or -1 (and
    detach from the table) when exhausted."""
    t = it.table
    if t is None:
        return -1
    keys = t.mkeys
    off = t.moffset
    i = it.pos - off
    if i < 0:  # entries before i were trimmed (deleted or cleared)
        i = 0
    n = len(keys)
    while i < n and keys[i] is MISSING:
        i += 1
    if i >= n:
        it.table = None
        t.miters -= 1
        return -1
    it.pos = off + i + 1
    return i


@native("MapIterator.prototype.next", 0)
def map_iterator_next(this: Any, args: list) -> Any:
    """ES2017 23.1.5.2.1 %MapIteratorPrototype%.next ( )."""
    if type(this) is not JSMapIterator or this.cls != "Map Iterator":
        raise type_error("Method Map Iterator.prototype.next called on incompatible receiver "
                         + _receiver_display(this))
    t = this.table
    i = _table_next(this)
    if i < 0:
        return create_iter_result_object(None, True)
    kind = this.kind
    if kind == "key":
        return create_iter_result_object(t.mkeys[i], False)
    if kind == "value":
        return create_iter_result_object(t.mvals[i], False)
    return create_iter_result_object(create_array_from_list([t.mkeys[i], t.mvals[i]]), False)


@native("SetIterator.prototype.next", 0)
def set_iterator_next(this: Any, args: list) -> Any:
    """ES2017 23.2.5.2.1 %SetIteratorPrototype%.next ( )."""
    if type(this) is not JSMapIterator or this.cls != "Set Iterator":
        raise type_error("Method Set Iterator.prototype.next called on incompatible receiver "
                         + _receiver_display(this))
    t = this.table
    i = _table_next(this)
    if i < 0:
        return create_iter_result_object(None, True)
    k = t.mkeys[i]
    if this.kind == "key+value":
        return create_iter_result_object(create_array_from_list([k, k]), False)
    return create_iter_result_object(k, False)


def setup(realm: Any) -> None:
    op = realm.object_prototype
    ip = JSObject(op)
    realm.method(ip, SYM_ITERATOR, "IteratorPrototype.[Symbol.iterator]")
    realm.intr["IteratorPrototype"] = ip
    for intr_name, next_name, tag in (
            ("ArrayIteratorPrototype", "ArrayIterator.prototype.next", "Array Iterator"),
            ("StringIteratorPrototype", "StringIterator.prototype.next", "String Iterator"),
            ("MapIteratorPrototype", "MapIterator.prototype.next", "Map Iterator"),
            ("SetIteratorPrototype", "SetIterator.prototype.next", "Set Iterator")):
        p = JSObject(ip)
        realm.intr[intr_name + "_next"] = realm.method(p, "next", next_name)
        p.put_hidden(SYM_TO_STRING_TAG, tag, C)
        realm.intr[intr_name] = p
    realm.intr["ArrayIteratorNext"] = realm.intr["ArrayIteratorPrototype_next"]  # machine's name


__all__ = ["JSArrayIterator", "JSStringIterator", "JSMapIterator", "create_array_iterator",
           "create_string_iterator", "create_map_iterator", "create_set_iterator", "KINDS"]
