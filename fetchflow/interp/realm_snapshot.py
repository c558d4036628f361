"""The realm as it was made: which objects are intrinsics, their names, and whether a script
changed them since.

A machine's realm is built the same way every time (``host.environment.create_machine``),
so a saved state need not carry the realm's ~900 built-in objects: it names each untouched
one by its *path* (``"ArrayPrototype/.push"``, ``"MapPrototype/.size/get"``) and a load binds
the name to the same object of a freshly made realm (fetchflow/state.py, format 3).  A
script may change a built-in (add a property, replace a method, freeze it, push onto
``Array.prototype``); the state then carries that object's whole record, applied in place
onto the fresh object, so identity (``Array.prototype.push === saved``) survives.

``take_snapshot(realm)`` walks the objects reachable from the intrinsics and the global
object when the machine is made, before any script runs, keeping for each its slot values
(dicts and lists copied).  ``unchanged(i)`` compares them by identity at save time.

Paths: a root is an ``intr`` name or ``"global"``; each step below is ``.key`` (a string
key), ``@name`` (a well-known symbol key), ``#n`` (any other key, by its position in the
object's keys when the realm was made), ``^`` (the prototype), ``get``/``set`` (an
accessor's functions), ``%name`` (an object kept in a platform object's internal slots).  The first path a breadth-first walk reaches is an object's name.
"""
from __future__ import annotations

import gc
from itertools import chain
from operator import attrgetter, is_, itemgetter
from typing import Any, Optional

from .natives import JSNativeFunction
from .values import Accessor, JSObject, JSSymbol

_GLOBAL = "global"
REALM_PATH = "realm"   # the realm itself, in a state (never an intrinsic's name)
# the steps that are not property keys (markers: a property may be called "get")
_PROTO, _GET, _SET = object(), object(), object()
_MARKS = {id(_PROTO): "^", id(_GET): "get", id(_SET): "set"}
_COPIED = frozenset(("props", "flags", "elems", "data", "internal"))
# slots rebuilt from the others (state_records.DERIVED): a change shows in their source
_DERIVED = frozenset(("fn", "ctor", "pass_callee", "gen", "plain", "view", "mindex", "compiled",
                      "ngroups"))
_SLOTS_CACHE: dict = {}   # class -> (attrgetter of its slots, indices of the copied ones)


def _slots(cls: type) -> tuple:
    names: list = []
    for k in reversed(cls.__mro__):
        for s in getattr(k, "__slots__", ()):
            if s not in ("__weakref__", "__dict__") and s not in _DERIVED and s not in names:
                names.append(s)
    return tuple(names)


def _getter(cls: type) -> tuple:
    g = _SLOTS_CACHE.get(cls)
    if g is None:
        names = _slots(cls)
        get = attrgetter(*names) if len(names) > 1 else (lambda o, _g=attrgetter(names[0]): (_g(o),))
        g = _SLOTS_CACHE[cls] = (get, tuple(i for i, n in enumerate(names) if n in _COPIED))
    return g


_PROPS = 1   # the position of ``props`` among a JS object's slots (after ``proto``)
_FLAGS = _slots(JSObject).index("flags")   # and of ``flags`` (every class's slots start alike)
GROUP = 64   # objects compared in one go; a changed group is searched object by object


def _contents(x: Any) -> bool:
    return type(x) is dict or type(x) is list


class _Group:
    """Up to GROUP objects of one class, their slot values and their dicts' and lists'
    contents when the realm was made, flat, so that a save compares them in a few C loops."""
    __slots__ = ("index", "objs", "get", "vals", "conts", "quick", "exact")

    def __init__(self, index: list, objs: list, get: Any, copied: tuple) -> None:
        self.index = index
        self.objs = objs
        self.get = get
        self.vals = list(map(get, objs))
        # numbers and booleans held in slots, by identity: == equates 0, -0.0 and False (a
        # crafted state may patch Number.prototype's [[NumberData]] to -0); not the flags every
        # object has, bools wherever they are set (the engine, the state records' checks)
        flags = {i for i, n in enumerate(_slots(type(objs[0]))) if n in _BOOL_SLOTS}
        self.exact = [(j, c, v) for j, vs in enumerate(self.vals) for c, v in enumerate(vs)
                      if type(v) in _EXACT and c not in copied and c not in flags]
        # per copied slot: (slot, kind, lengths, keys or items, dict values, which objects
        # held a non-empty one); kind "dict"/"list": the slot holds only that or None (read
        # in C loops), "mixed": anything (then every dict or list counts as non-empty)
        self.conts: list = []
        for c in copied:
            col = list(map(itemgetter(c), self.vals))
            kinds = set(map(type, col)) - {type(None)}
            kind = "dict" if kinds <= {dict} else "list" if kinds == {list} else "mixed"
            items = _items(kind, col)
            held = bytes(map(bool, col)) if kind != "mixed" else bytes(
                2 if type(x) is dict else 1 if type(x) is list else 0 for x in col)
            self.conts.append((c, kind, list(map(len, items)), list(chain.from_iterable(items)),
                               list(chain.from_iterable(_values(kind, items))), held))
        self.quick = [_quick(c, kind, list(map(itemgetter(c), self.vals)))
                      for c, kind, *_ in self.conts]

    def same(self) -> bool:
        """Every object of the group holds what it was made with.  Compared with ``==``, which
        C runs with an identity shortcut: objects (no ``__eq__``) compare by identity, and a
        container's copy as made equals it only with the same entries; the order of a
        dict's keys and the values ``==`` cannot tell from others (numbers and booleans:
        ``0 == -0 == False``) are checked apart."""
        try:
            now = list(map(self.get, self.objs))
        except AttributeError:
            return False
        if now != self.vals:
            return False
        for j, c, v in self.exact:
            if now[j][c] is not v:
                return False
        for c, copies, ordered, order, exact in self.quick:
            col = list(map(itemgetter(c), now))
            if col != copies:
                return False
            if ordered and list(chain.from_iterable(ordered(col))) != order:
                return False
            for j, k, v in exact:
                if col[j][k] is not v:
                    return False
        return True

    def changed(self) -> list:
        """The snapshot indices of the group's objects that changed."""
        out = []
        starts = [_starts(cont) for cont in self.conts]
        for j, o in enumerate(self.objs):
            try:
                now = self.get(o)
            except AttributeError:
                out.append(self.index[j])
                continue
            same = all(map(is_, now, self.vals[j]))
            for (c, _kind, _lens, keys, vals, _held), st in zip(self.conts, starts):
                if not same:
                    break
                y = now[c]   # the same container object (slot identity held)
                if st[j] is None:
                    same = not (_contents(y) and y)   # was empty (or none): still so
                    continue
                k, v, n = st[j]
                if len(y) != n or not all(map(is_, y, keys[k:k + n])) or (
                        type(y) is dict and not all(map(is_, y.values(), vals[v:v + n]))):
                    same = False
            if not same:
                out.append(self.index[j])
        return out


_EXACT = frozenset((float, int, bool))   # values == may equate with others of another kind
_BOOL_SLOTS = frozenset(("extensible", "len_writable"))


def _quick(c: int, kind: str, col: list) -> tuple:
    """What ``_Group.same`` compares for copied slot ``c`` (its containers in ``col``): their
    copies, how to list their keys in order (None: not compared; a flags dict's order is
    never seen), those keys, and the (object, key, value) of the values to check by identity."""
    copies = [x.copy() if _contents(x) else x for x in col]
    exact: list = []
    for j, x in enumerate(col if c != _FLAGS else ()):   # attributes are ints, always
        items = x.items() if type(x) is dict else enumerate(x) if type(x) is list else ()
        exact += [(j, k, v) for k, v in items if type(v) in _EXACT]
    if c == _FLAGS:
        ordered = None
    elif kind == "mixed":
        ordered = _mixed_dicts
    else:
        ordered = _non_empty
    order = list(chain.from_iterable(ordered(col))) if ordered is not None else []
    return (c, copies, ordered, order, exact)


def _non_empty(col: list) -> Any:
    return filter(None, col)


def _mixed_dicts(col: list) -> list:
    return [x for x in col if type(x) is dict]


def _starts(cont: tuple) -> list:
    """Per object of a group: where its container's keys and values start in the flat lists,
    and its length (None: it held none, or an empty one)."""
    _c, kind, lens, _keys, _vals, held = cont
    out: list = []
    k = v = n = 0
    for h in held:
        if not h:
            out.append(None)
            continue
        size = lens[n]
        out.append((k, v, size))
        n += 1
        k += size
        if kind == "dict" or h == 2:   # a dict (a mixed slot's lists add no values)
            v += size
    return out


def _items(kind: str, col: Any) -> list:
    """The non-empty dicts or lists of a column (every dict or list when mixed)."""
    if kind == "mixed":
        return [x for x in col if _contents(x)]
    return list(filter(None, col))


def _values(kind: str, items: list) -> Any:
    if kind == "dict":
        return map(dict.values, items)
    if kind == "list":
        return ()
    return (x.values() for x in items if type(x) is dict)


def _readable(get: Any, o: Any) -> bool:
    try:
        get(o)
    except AttributeError:
        return False
    return True


class _Unreadable:
    """An object with a slot never set: never named as untouched."""
    __slots__ = ("index", "vals")

    def __init__(self, i: int) -> None:
        self.index = [i]
        self.vals: list = []

    def same(self) -> bool:
        return False

    def changed(self) -> list:
        return self.index


class RealmSnapshot:
    """The intrinsic objects of one realm in walk order, with their state when it was made."""
    __slots__ = ("objects", "index", "parents", "keys", "groups", "global_keys", "intr", "_paths",
                 "_by_path")

    def __init__(self) -> None:
        self.objects: list = []
        self.index: dict[int, int] = {}     # id(object) -> its position in ``objects``
        self.parents: list[int] = []        # -1 for a root
        self.keys: list = []                # the step from the parent (or the root name)
        self.groups: list = []
        self.global_keys: frozenset = frozenset()   # the global object's keys as made
        self.intr: tuple = ((), ())                 # the realm's intrinsics as made: names, values
        self._paths: Optional[list] = None
        self._by_path: Optional[dict] = None

    def changed(self) -> list:
        """The positions of the objects a script changed since the realm was made."""
        out: list = []
        for g in self.groups:
            if not g.same():
                out += g.changed()
        return out

    def pristine(self, realm: Any) -> bool:
        """Whether the realm is as it was made, once the global properties a script added are
        removed (they are, when nothing else changed: a script's top-level ``var`` and
        ``function`` declarations are such properties)."""
        names, vals = self.intr
        intr = realm.intr
        if len(intr) != len(names) or not all(map(is_, intr, names)) \
                or not all(map(is_, intr.values(), vals)):
            return False
        changed = self.changed()
        if not changed:
            return True
        g = realm.global_object
        gi = self.index.get(id(g))
        if changed != [gi]:
            return False
        added = [k for k in g.props if k not in self.global_keys]
        if not added:
            return False
        for k in added:
            g._remove(k)
        return not next(grp for grp in self.groups if gi in grp.index).changed()

    def path(self, i: int) -> Optional[str]:
        """Object ``i``'s name (None: it has none)."""
        paths = self._paths
        if paths is None:
            paths = self._paths = self._all_paths()
        return paths[i]

    def by_path(self) -> dict:
        """name -> object."""
        d = self._by_path
        if d is None:
            if self._paths is None:
                self._paths = self._all_paths()
            d = self._by_path = {p: o for p, o in zip(self._paths, self.objects) if p is not None}
        return d

    def _all_paths(self) -> list:
        # every realm of a process is made alike: the names of the last one made are reused
        # when its walk went the same way (a list comparison in C)
        memo = _LAST
        if memo.parents is not None and memo.parents == self.parents and memo.keys == self.keys:
            return memo.paths
        return self._compute_paths()

    def _compute_paths(self) -> list:
        out: list = []
        for pi, key in zip(self.parents, self.keys):
            if pi < 0:
                out.append(key)
                continue
            base = out[pi]
            step = self._step(pi, key)
            out.append(None if base is None or step is None else base + "/" + step)
        return out

    def _step(self, pi: int, key: Any) -> Optional[str]:
        if type(key) is str:
            return "." + key if "/" not in key else self._position(pi, key)
        mark = _MARKS.get(id(key))
        if mark is not None:
            return mark
        if type(key) is tuple:   # ("%", name): an internal slot's entry
            return "%" + key[1] if "/" not in key[1] else None
        if type(key) is JSSymbol and key.wk is not None and "/" not in key.wk:
            return "@" + key.wk
        return self._position(pi, key)

    def _position(self, pi: int, key: Any) -> Optional[str]:
        """``#n``: the key's position among the parent's keys when the realm was made."""
        for g in self.groups:
            if pi in g.index and g.vals:
                props = g.vals[g.index.index(pi)][_PROPS]
                for n, k in enumerate(props):
                    if k is key:
                        return f"#{n}"
        return None


class _LastPaths:
    """The last full walk (parents, steps, types, numbers of properties) and the names of
    the last realm named (one instance: its fields change, never the module's data)."""
    __slots__ = ("parents", "keys", "paths", "types", "sizes", "roots", "parts")

    def __init__(self) -> None:
        self.parents: Optional[list] = None
        self.keys: Optional[list] = None
        self.paths: list = []
        self.types: Optional[list] = None   # the last full walk's, for _follow
        self.sizes: list = []
        self.roots = 0
        self.parts: list = []


_LAST = _LastPaths()


def take_snapshot(realm: Any) -> RealmSnapshot:
    """Record the realm's intrinsics as they are now (see the module docstring)."""
    # the snapshot allocates a few thousand containers that hold no cycles: collecting while
    # they are made would only rescan the realm's objects again and again
    was = gc.isenabled()
    gc.disable()
    try:
        return _take_snapshot(realm)
    finally:
        if was:
            gc.enable()


def _take_snapshot(realm: Any) -> RealmSnapshot:
    s = RealmSnapshot()
    memo = _LAST
    found = _follow(realm, memo) if memo.types is not None else None
    if found is not None:
        s.objects = found
        s.index = dict(zip(map(id, found), range(len(found))))
        s.parents, s.keys = memo.parents, memo.keys   # shared, never changed
        if len(s.index) == len(found):
            _fill_groups(s, memo.parts)
            _note_roots(s, realm)
            realm.snapshot = s
            return s
        s = RealmSnapshot()
    _walk(realm, s)
    memo.parents, memo.keys, memo.paths = s.parents, s.keys, s._compute_paths()
    memo.types = list(map(type, s.objects))
    memo.sizes = list(map(_size, s.objects))
    memo.roots = len(realm.intr)
    memo.parts = _parts(s.objects)
    _fill_groups(s, memo.parts)
    _note_roots(s, realm)
    realm.snapshot = s
    return s


def _note_roots(s: RealmSnapshot, realm: Any) -> None:
    s.global_keys = frozenset(realm.global_object.props)
    s.intr = (tuple(realm.intr), tuple(realm.intr.values()))


def _size(o: Any) -> int:
    return -1 if type(o) is Accessor else len(o.props)


def _follow(realm: Any, memo: "_LastPaths") -> Optional[list]:
    """The objects of a realm reached by the steps of the last full walk, or None when this
    realm is not made the same way (a type, a step or a number of properties differs).
    Realms are made by the same code, so this is the walk's answer at a fraction of its
    cost (no look at every property)."""
    intr, g = realm.intr, realm.global_object
    if len(intr) != memo.roots:
        return None
    objs: list = []
    add = objs.append
    try:
        for pi, key, t in zip(memo.parents, memo.keys, memo.types):
            if pi < 0:
                o = g if key == _GLOBAL else intr[key]
            else:
                p = objs[pi]
                if key is _PROTO:
                    o = p.proto
                elif key is _GET:
                    o = p.get
                elif key is _SET:
                    o = p.set
                elif type(key) is tuple:
                    o = p.internal[key[1]]
                else:
                    o = p.props[key]
            if type(o) is not t:
                return None
            add(o)
    except (KeyError, AttributeError, TypeError):
        return None
    if list(map(_size, objs)) != memo.sizes:
        return None
    return objs


def _walk(realm: Any, s: RealmSnapshot) -> None:
    """Breadth-first from the intrinsics and the global object: every object, its parent and
    the step from it."""
    objects, index, parents, keys = s.objects, s.index, s.parents, s.keys
    roots = list(realm.intr.items())
    roots.append((_GLOBAL, realm.global_object))
    for name, o in roots:
        if name != REALM_PATH and (isinstance(o, JSObject) or type(o) is Accessor) and id(o) not in index:
            index[id(o)] = len(objects)
            objects.append(o)
            parents.append(-1)
            keys.append(name)
    # one pass, inline: it runs for every machine made (a walk of ~900 objects)
    prim = _PRIMITIVE
    add_o, add_p, add_k = objects.append, parents.append, keys.append
    i = 0
    while i < len(objects):
        o = objects[i]
        if type(o) is Accessor:
            for k, v in ((_GET, o.get), (_SET, o.set)):
                if v is not None and id(v) not in index:
                    index[id(v)] = len(objects)
                    add_o(v)
                    add_p(i)
                    add_k(k)
        else:
            for k, v in o.props.items():
                if v.__class__ not in prim and id(v) not in index and (
                        isinstance(v, JSObject) or type(v) is Accessor):
                    index[id(v)] = len(objects)
                    add_o(v)
                    add_p(i)
                    add_k(k)
            v = o.proto
            if v is not None and id(v) not in index:
                index[id(v)] = len(objects)
                add_o(v)
                add_p(i)
                add_k(_PROTO)
            # objects kept in a built-in's internal slots (crypto.subtle is crypto's)
            inner = getattr(o, "internal", None) if type(o) not in _PLAIN_TYPES else None
            if type(inner) is dict:
                for k, v in inner.items():
                    if isinstance(v, JSObject) and id(v) not in index and type(k) is str:
                        index[id(v)] = len(objects)
                        add_o(v)
                        add_p(i)
                        add_k(("%", k))
        i += 1


def _parts(objects: list) -> list:
    """The positions of the objects by class, in groups of up to GROUP: [(class, [i...])]."""
    by_class: dict = {}
    for i, o in enumerate(objects):
        by_class.setdefault(type(o), []).append(i)
    return [(cls, idx[k:k + GROUP]) for cls, idx in by_class.items() for k in range(0, len(idx), GROUP)]


def _fill_groups(s: RealmSnapshot, parts: list) -> None:
    objects = s.objects
    for cls, part in parts:
        get, copied = _getter(cls)
        objs = list(map(objects.__getitem__, part))
        try:
            s.groups.append(_Group(part, objs, get, copied))
        except AttributeError:   # a slot never set: such objects always count as changed
            s.groups += [_Group([i], [o], get, copied) if _readable(get, o) else _Unreadable(i)
                         for i, o in zip(part, objs)]


_PRIMITIVE = frozenset((str, float, int, bool, type(None)))
_PLAIN_TYPES = frozenset((JSObject, JSNativeFunction))   # no internal slots to look into
