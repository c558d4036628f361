"""The Array constructor and Array.prototype (ES2017 22.1).

https://262.ecma-international.org/8.0/#sec-array-objects

Every method is generic (works on any array-like ``this``) and follows the spec's
steps; a dense ``JSArray`` (``elems`` list) takes a fast path that works on the list
directly when no JS code could observe the difference (see ``_protos_index_free``).
Sparse arrays and array-likes with huge lengths are walked over their present index
keys (``_indices``) instead of every index, so ``a = []; a[4e9] = 1`` costs nothing.

Methods that call a user callback in a loop are generator natives (``gen=True``):
``r = yield (f, this_arg, args)`` runs the callback on the machine's frame stack.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from ..functions import CLASS_BASE, JSFunction
from ..helpers import arg
from ..natives import native
from ..operations.calls import call, construct
from ..operations.errors import range_error, type_error
from ..operations.iteration import (call_gen, get_iterator_record, iterate_to_list, iteration_untouched,
                                    iterator_close_gen, iterator_step_value_gen)
from ..operations.object_operations import (create_data_property_or_throw, delete_property_or_throw,
                                            get_method, get_prototype_from_constructor,
                                            length_of_array_like, set_)
from ..operations.type_conversion import to_boolean, to_integer, to_object, to_uint32
from ..operations.proxy_objects import is_array
from ..runtime import CTX
from ..values import (HOLE, MISSING, NULL, SYM_ITERATOR, SYM_IS_CONCAT_SPREADABLE, SYM_SPECIES,
                      JSArray, JSObject, JSThrow, is_callable, is_constructor)
from .map_set import value_display

MAX_SAFE = 2 ** 53 - 1
MAX_ARRAY_LENGTH = 2 ** 32 - 1
MAX_STRING_LENGTH = 2 ** 29 - 24  # V8's limit: longer joins throw RangeError
SPARSE_SCAN = 1024                # ranges longer than this walk the present keys instead


# -- helpers ------------------------------------------------------------------------------------

def _check_callable(f: Any) -> None:
    if not is_callable(f):
        raise type_error(f"{value_display(f)} is not a function")


def _direct(f: Any) -> bool:
    """A plain native callback, or a JS function whose body is one call-free value (it is
    evaluated in place of its call: Machine.push_call's ``inline``), may be called from
    Python without the machine's run loop."""
    if f.__class__ is JSFunction:
        if f.kind >= CLASS_BASE:
            return False
        fd = f.code.p
        return bool(fd.fast) and fd.inline is not None
    return f.call_kind == "native" and not f.gen


def _call_direct(f: Any, this: Any, args: list) -> Any:
    """Call a callback ``_direct`` allows from Python; each call counts as a step, as a
    call on the frame stack does, so ``a.map(String)`` meets the limits."""
    if f.__class__ is JSFunction:
        m = CTX.machine
        m.push_call(f, this, args)   # evaluated in place: no frame is pushed
        return m.rv
    r = call(f, this, args)
    m = CTX.machine
    try:
        m.budget -= 1  # Machine.tick, inline: this runs once per element
    except AttributeError:  # (unit tests' stand-in machines count nothing)
        return r
    if m.budget <= 0:
        m.check_limits()
    return r


def _rel(v: Any, n: int) -> int:
    """The ``relativeStart`` clamping used by slice, fill, copyWithin, splice."""
    r = to_integer(v)
    if r < 0:
        return int(max(n + r, 0))
    return int(min(r, n))


def _elems(o: Any) -> Optional[list]:
    """The element list of a dense array, else None."""
    return o.elems if type(o) is JSArray else None


def _int_key(k: Any) -> int:
    """The integer a property key denotes for the generic methods (canonical, < 2**53), or -1
    (wider than an array index: array-likes may have lengths up to 2**53-1)."""
    if type(k) is str and k and k[0] in "0123456789" and k.isdigit() and k.isascii():
        if k[0] != "0" or k == "0":
            n = int(k)
            if n <= MAX_SAFE:
                return n
    return -1


def _protos_index_free(o: JSObject) -> bool:
    """No object on ``o``'s prototype chain has an array-index property, so a hole in
    ``o`` reads as undefined and writing into it runs no setter."""
    p = o.proto
    while p is not None:
        if type(p) is JSArray and p.elems is not None:
            for x in p.elems:
                if x is not HOLE:
                    return False
            keys: Iterable = p.props
        elif type(p) is JSObject or type(p) is JSArray or not p.EXOTIC:
            keys = p.props
        elif p.PROXY:  # its traps must see the reads
            return False
        else:
            keys = p.own_property_keys()
        for k in keys:
            if type(k) is str and k[:1].isdigit() and _int_key(k) >= 0:
                return False
        p = p.proto
    return True


def _protos_lack(o: JSObject, i: int) -> bool:
    """No prototype of ``o`` has index ``i`` (so appending it runs no setter)."""
    p = o.proto
    key = None
    while p is not None:
        e = _elems(p)
        if e is not None:
            if i < len(e) and e[i] is not HOLE:
                return False
        else:
            if key is None:
                key = str(i)
            t = type(p)
            if t is JSObject or t is JSArray:
                if key in p.props:
                    return False
            elif p.PROXY or p.get_own_property(key) is not None:
                return False
        p = p.proto
    return True


def _sparse_keys(o: JSObject, lo: int, hi: int, force: bool = False) -> Optional[list]:
    """The sorted indices in [lo, hi) that ``o`` has, when it is cheaper to walk them than
    the whole range (a sparse array or a plain object, nothing index-like inherited)."""
    if hi - lo <= SPARSE_SCAN and not force:
        return None
    t = type(o)
    if not (t is JSObject or (t is JSArray and _elems(o) is None)) or not _protos_index_free(o):
        return None
    return sorted(i for i in map(_int_key, o.props) if lo <= i < hi)


def _indices(o: JSObject, lo: int, hi: int, desc: bool = False) -> Iterable:
    """Candidate indices of [lo, hi) in order (ascending or descending) for a loop that
    skips absent elements: every index, or only the present keys of a sparse object."""
    ks = _sparse_keys(o, lo, hi)
    if ks is None:
        return range(hi - 1, lo - 1, -1) if desc else range(lo, hi)
    return _sparse_walk(o, ks, lo, hi, desc)


def _sparse_walk(o: JSObject, ks: list, lo: int, hi: int, desc: bool):  # type: ignore[no-untyped-def]
    if desc:
        ks.reverse()
    size = len(o.props)
    j = 0
    while j < len(ks):
        k = ks[j]
        j += 1
        yield k
        if len(o.props) != size:  # a callback added or removed properties: look again
            size = len(o.props)
            rest = _sparse_keys(o, lo, k, True) if desc else _sparse_keys(o, k + 1, hi, True)
            if rest is None:
                yield from (range(k - 1, lo - 1, -1) if desc else range(k + 1, hi))
                return
            if desc:
                rest.reverse()
            ks = rest
            j = 0


def _get_present(o: JSObject, k: int) -> Any:
    """HasProperty(O, k) then Get(O, k); MISSING when absent."""
    if type(o) is JSArray:
        e = o.elems
        if e is not None and k < len(e):
            v = e[k]
            if v is not HOLE:
                return v
    _poll()
    key = str(k)
    if o.has_property(key):
        return o.get(key, o)
    return MISSING


def _get(o: JSObject, k: int) -> Any:
    """Get(O, ToString(k))."""
    if type(o) is JSArray:
        e = o.elems
        if e is not None and k < len(e):
            v = e[k]
            if v is not HOLE:
                return v
    _poll()
    return o.get(str(k), o)


def _set(o: JSObject, k: int, v: Any) -> None:
    _poll()
    set_(o, str(k), v, True)


def _poll() -> None:
    """One element visited by a generic (slow-path) loop of an Array method: counts as a
    step, so ``Array.prototype.fill.call({length: 2**53 - 1})`` meets the step and time
    limits instead of running for days inside one native call."""
    tick = getattr(CTX.machine, "tick", None)
    if tick is not None:
        tick()


def _delete_range(o: JSObject, lo: int, hi: int) -> None:
    """DeletePropertyOrThrow for every index in [lo, hi), highest first."""
    for k in _indices(o, lo, hi, True):
        delete_property_or_throw(o, str(k))


def _move(o: JSObject, src: int, dst: int, count: int, desc: Optional[bool] = None) -> None:
    """Move elements [src, src+count) to [dst, dst+count) one by one (present ones Set,
    absent ones Deleted at the destination), in the order the spec's loops use
    (highest first when ``desc``, by default when moving up)."""
    if count <= 0:
        return
    if desc is None:
        desc = dst > src
    ks = _sparse_keys(o, min(src, dst), max(src, dst) + count)
    if ks is None:
        offsets: Iterable = range(count - 1, -1, -1) if desc else range(count)
    else:
        s = {k - src for k in ks if src <= k < src + count}
        s.update(k - dst for k in ks if dst <= k < dst + count)
        offsets = sorted(s, reverse=desc)
    for i in offsets:
        v = _get_present(o, src + i)
        if v is MISSING:
            delete_property_or_throw(o, str(dst + i))
        else:
            _set(o, dst + i, v)


def _eq_pred(s: Any, zero: bool) -> Any:
    """A predicate for strict equality (``zero``: SameValueZero) with ``s``."""
    t = type(s)
    if t is float:
        if s != s:
            return (lambda x: type(x) is float and x != x) if zero else (lambda x: False)
        return lambda x: type(x) is float and x == s
    if t is str or t is int:   # int: a BigInt
        return lambda x: type(x) is t and x == s
    return lambda x: x is s


def dense_search(e: list, s: Any, start: int, stop: int, zero: bool) -> int:
    """First index in [start, stop) of a dense list whose element is strictly equal to
    ``s`` (``zero``: SameValueZero, so NaN finds NaN), or -1.  Holes never match.

    ``list.index`` compares in C; a hit is then checked for type, since in Python
    ``1.0 == True``.  Objects, symbols, undefined and null compare by identity."""
    t = type(s)
    if t is float and s != s:
        if zero:
            for i in range(start, stop):
                x = e[i]
                if type(x) is float and x != x:
                    return i
        return -1
    while start < stop:
        try:
            i = e.index(s, start, stop)
        except ValueError:
            return -1
        if type(e[i]) is t:
            return i
        start = i + 1
    return -1


# -- ArrayCreate, ArraySpeciesCreate ------------------------------------------------------------

def array_create(length: int, proto: Optional[JSObject] = None) -> JSArray:
    """ES2017 9.4.2.2 ArrayCreate (long lengths start in sparse mode)."""
    if length > MAX_ARRAY_LENGTH:
        raise range_error("Invalid array length")
    a = JSArray(proto or CTX.realm.array_prototype)
    if length:
        if length <= 100000:
            a.elems = [HOLE] * length
        else:
            a.elems = None
            a.sparse_len = length
    return a


def _species(o: JSObject, length: int) -> tuple:
    """ES2017 9.4.2.3 ArraySpeciesCreate: (array, fresh) where ``fresh`` says it is a new
    plain array no JS code has seen, whose ``elems`` may be written directly."""
    if not is_array(o):
        return array_create(length), True
    realm = CTX.realm
    intr = realm.intr
    ctor = intr["Array"]
    ap: Any = realm.array_prototype
    if (ctor.props.get(SYM_SPECIES) is intr["ArraySpeciesAccessor"]
            and ap.props.get("constructor") is ctor and o.proto is ap and "constructor" not in o.props):
        return array_create(length), True
    c = o.get("constructor", o)
    if isinstance(c, JSObject):
        c = c.get(SYM_SPECIES, c)
        if c is NULL:
            c = None
    if c is None:
        return array_create(length), True
    if not is_constructor(c):
        raise type_error("object.constructor[Symbol.species] is not a constructor")
    if c is ctor:
        return array_create(length), True
    return construct(c, [float(length)]), False


def array_species_create(o: JSObject, length: int) -> JSObject:
    """ES2017 9.4.2.3 ArraySpeciesCreate."""
    return _species(o, length)[0]


def is_concat_spreadable(o: Any) -> bool:
    """ES2017 22.1.3.1.1 IsConcatSpreadable."""
    if not isinstance(o, JSObject):
        return False
    s = o.get(SYM_IS_CONCAT_SPREADABLE, o)
    if s is not None:
        return to_boolean(s)
    return is_array(o)


# -- the constructor ----------------------------------------------------------------------------

@native("Array", 1, ctor=True)
def array_constructor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 22.1.1 The Array Constructor (called or constructed alike)."""
    realm = CTX.realm
    if new_target is None or new_target is realm.intr["Array"]:
        proto = realm.array_prototype
    else:
        proto = get_prototype_from_constructor(new_target, "ArrayPrototype")
    if len(args) == 1:
        n = args[0]
        if type(n) is not float:
            return JSArray(proto, [n])
        if to_uint32(n) != n:
            raise range_error("Invalid array length")
        return array_create(int(n), proto)
    return JSArray(proto, list(args))


@native("Array.isArray", 1)
def array_is_array(this: Any, args: list) -> Any:
    """ES2017 22.1.2.2 Array.isArray ( arg )."""
    return is_array(arg(args, 0))


@native("Array.of", 0)
def array_of(this: Any, args: list) -> Any:
    """ES2017 22.1.2.3 Array.of ( ...items )."""
    n = len(args)
    if this is CTX.realm.intr["Array"] or not is_constructor(this):
        return JSArray(CTX.realm.array_prototype, list(args))
    a = construct(this, [float(n)])
    for k, v in enumerate(args):
        create_data_property_or_throw(a, str(k), v)
    set_(a, "length", float(n), True)
    return a


@native("Array.from", 1, gen=True)
def array_from(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.1.2.1 Array.from ( items [ , mapfn [ , thisArg ] ] )."""
    c = this
    items = arg(args, 0)
    mapfn = arg(args, 1)
    t = arg(args, 2)
    mapping = mapfn is not None
    if mapping:
        _check_callable(mapfn)
    plain = c is CTX.realm.intr["Array"] or not is_constructor(c)
    if items is None or items is NULL:
        raise type_error(f"{value_display(items)} is not iterable "
                         "(cannot read property Symbol(Symbol.iterator))")
    using_iterator = get_method(items, SYM_ITERATOR)
    if using_iterator is not None:
        if plain and not mapping and iteration_untouched(items):
            return JSArray(CTX.realm.array_prototype, iterate_to_list(items))
        a = array_create(0) if plain else construct(c, [])
        iterator = get_iterator_record(items, using_iterator)
        k = 0
        while True:
            v = yield from iterator_step_value_gen(iterator)
            if v is MISSING:
                set_(a, "length", float(k), True)
                return a
            try:
                if k >= MAX_SAFE:
                    raise type_error("Array.from: too many elements")
                if mapping:
                    v = yield from call_gen(mapfn, t, [v, float(k)])
                create_data_property_or_throw(a, str(k), v)
            except JSThrow:
                yield from iterator_close_gen(iterator, True)
                raise
            k += 1
    array_like = to_object(items)
    n = length_of_array_like(array_like)
    a = array_create(n) if plain else construct(c, [float(n)])
    for k in range(n):
        v = _get(array_like, k)
        if mapping:
            v = yield from call_gen(mapfn, t, [v, float(k)])
        create_data_property_or_throw(a, str(k), v)
    set_(a, "length", float(n), True)
    return a


@native("get Array.[Symbol.species]", 0)
def array_species(this: Any, args: list) -> Any:
    """ES2017 22.1.2.5 get Array [ @@species ]."""
    return this


def setup(realm: Any) -> None:
    """The Array constructor and an empty Array.prototype (array_methods.setup fills it)."""
    ap = JSArray(realm.object_prototype)
    realm.intr["ArrayPrototype"] = ap
    # %ObjProto_toString% for Array.prototype.toString's fallback (object.py runs first)
    if "ObjProto_toString" not in realm.intr and "toString" in realm.object_prototype.props:
        realm.intr["ObjProto_toString"] = realm.object_prototype.props["toString"]
    realm.array_prototype = ap
    ctor = realm.constructor("Array", "Array", ap)
    for name in ("isArray", "of", "from"):
        realm.method(ctor, name, f"Array.{name}")
    realm.getter(ctor, SYM_SPECIES, "get Array.[Symbol.species]")
    realm.intr["ArraySpeciesAccessor"] = ctor.props[SYM_SPECIES]


__all__ = ["array_create", "array_species_create", "is_concat_spreadable", "MAX_SAFE"]
