"""JS values and the object model (ES2017 6.1 ECMAScript Language Types, 9.1 ordinary objects).

Representation (fixed across the interpreter; every module relies on it):

* undefined -> Python ``None``
* null      -> ``NULL`` (a singleton)
* boolean   -> ``bool``
* number    -> ``float`` always (never ``int``: ``type(v) is float`` is the fast path)
* string    -> ``str`` of UTF-16 code units (astral characters stored as surrogate pairs)
* symbol    -> ``JSSymbol``
* object    -> ``JSObject`` and subclasses

Properties live in ``props`` (key -> value, or an ``Accessor``).  Attributes other
than the default writable|enumerable|configurable live in the optional ``flags``
dict, so the common get path is one dict lookup.  Keys are ``str`` (array indices as
canonical numeric strings) or ``JSSymbol``.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from .sameness import same_value

W = 1  # writable
E = 2  # enumerable
C = 4  # configurable
DEFAULT = W | E | C
ACC = 8  # the value in props is an Accessor


def refuse_build(self: Any, state: Any) -> None:
    """``__setstate__`` of interpreter objects: a pickle BUILD on one is refused.  States are
    restored field by field through the record registry (fetchflow/state_records.py), so
    a crafted pickle cannot set attributes on shared objects."""
    raise TypeError(f"{type(self).__name__} objects are restored only by fetchflow.state")


class _Sentinel:
    """A unique internal marker (never a JS value but NULL); a state names it."""
    __slots__ = ("_name", "_text")

    def __init__(self, name: str, text: str = "") -> None:
        self._name = name
        self._text = text or name

    def __repr__(self) -> str:
        return self._text

    __setstate__ = refuse_build


class _Null(_Sentinel):
    __slots__ = ()

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Sentinel("MISSING")   # no such property / argument
NULL: Any = _Null("NULL", "null")      # the JS null value
HOLE: Any = _Sentinel("HOLE")         # an array hole: absent element of a dense array
TDZ: Any = _Sentinel("TDZ")           # a lexical binding before its declaration is evaluated


class JSSymbol:
    __slots__ = ("description", "registry_key", "wk")

    def __init__(self, description: Optional[str] = None, wk: Optional[str] = None) -> None:
        self.description = description
        self.registry_key: Optional[str] = None
        # well-known symbols are shared by all realms and pickle by name
        self.wk = wk

    def __repr__(self) -> str:
        return f"Symbol({self.description or ''})"

    # a state saves a symbol as a record, a well-known one by name
    __setstate__ = refuse_build


WELL_KNOWN_NAMES = ("iterator", "hasInstance", "toPrimitive", "toStringTag", "species",
                    "isConcatSpreadable", "unscopables", "match", "replace", "search", "split",
                    "asyncIterator", "matchAll")  # ES2018, ES2020
WELL_KNOWN: dict[str, JSSymbol] = {n: JSSymbol("Symbol." + n, n) for n in WELL_KNOWN_NAMES}


def well_known(name: str) -> JSSymbol:
    return WELL_KNOWN[name]


SYM_ITERATOR = WELL_KNOWN["iterator"]
SYM_HAS_INSTANCE = WELL_KNOWN["hasInstance"]
SYM_TO_PRIMITIVE = WELL_KNOWN["toPrimitive"]
SYM_TO_STRING_TAG = WELL_KNOWN["toStringTag"]
SYM_SPECIES = WELL_KNOWN["species"]
SYM_IS_CONCAT_SPREADABLE = WELL_KNOWN["isConcatSpreadable"]
SYM_UNSCOPABLES = WELL_KNOWN["unscopables"]
SYM_ASYNC_ITERATOR = WELL_KNOWN["asyncIterator"]
SYM_MATCH_ALL = WELL_KNOWN["matchAll"]


class Accessor:
    """An accessor property's pair of functions (never a JS value)."""
    __slots__ = ("get", "set")

    def __init__(self, get: Any = None, set: Any = None) -> None:
        self.get = get
        self.set = set

    def __getstate__(self) -> Any:
        return (self.get, self.set)


class ObjectModelHooks:
    """Abstract operations the object model needs that live in operations/, a layer above
    (it imports this module): each module there installs its function when imported, before
    any script runs."""
    __slots__ = ("call", "array_length")

    def __init__(self) -> None:
        self.call: Callable[[Any, Any, list], Any] = _not_installed   # ES2017 7.3.12 Call
        # ES2017 9.4.2.4 ArraySetLength steps 3-5: the new length, or a RangeError
        self.array_length: Callable[[Any], float] = _not_installed


def _not_installed(*_args: Any) -> Any:
    raise RuntimeError("the abstract operations are not loaded (import fetchflow.interp.operations)")


OPS = ObjectModelHooks()


class JSThrow(Exception):
    """A JS exception travelling through Python code; ``value`` is the thrown JS value."""

    def __init__(self, value: Any) -> None:
        super().__init__(value)
        self.value = value


def array_index(key: Any) -> int:
    """Return the array index a property key denotes, or -1 (ES2017 6.1.7 array index)."""
    if type(key) is str and key and key[0] in "0123456789":
        if key == "0":
            return 0
        if key[0] != "0" and key.isdigit() and key.isascii():
            n = int(key)
            if n < 4294967295:
                return n
    return -1


class JSObject:
    """An ordinary object (ES2017 9.1)."""
    # private: [[PrivateElements]] (evaluation/private_names.py), None until an element is added
    __slots__ = ("proto", "props", "flags", "extensible", "cls", "private")

    def __init__(self, proto: Optional["JSObject"] = None, cls: str = "Object") -> None:
        self.proto = proto
        self.props: dict = {}
        self.flags: Optional[dict] = None
        self.extensible = True
        self.cls = cls
        self.private: Optional[dict] = None

    # -- saving: a state restores objects through fetchflow/state_records.py; __getstate__
    # (the slots of every subclass) is what VMState.inspect() walks ----------------------
    def __getstate__(self) -> Any:
        st = {}
        for klass in type(self).__mro__:
            for s in getattr(klass, "__slots__", ()):
                if s != "__weakref__" and hasattr(self, s):
                    st[s] = getattr(self, s)
        return st

    __setstate__ = refuse_build

    def __repr__(self) -> str:
        return f"<JS {self.cls}>"

    # -- internal methods (ES2017 9.1) -------------------------------------------------------
    def get_own_property(self, key: Any) -> Optional[tuple]:
        """ES2017 9.1.5 [[GetOwnProperty]]: (value_or_Accessor, attrs) or None."""
        v = self.props.get(key, MISSING)
        if v is MISSING:
            return None
        f = self.flags
        return (v, DEFAULT if f is None else f.get(key, DEFAULT))

    def get(self, key: Any, receiver: Any) -> Any:
        """ES2017 9.1.8 [[Get]]."""
        o: Optional[JSObject]
        o = self
        while True:
            if o.EXOTIC:
                return o.exotic_get(key, receiver)
            v = o.props.get(key, MISSING)
            if v is not MISSING:
                if v.__class__ is Accessor:
                    if v.get is None:
                        return None
                    return OPS.call(v.get, receiver, [])
                return v
            o = o.proto
            if o is None:
                return None

    EXOTIC = False
    # [[HasProperty]] and [[Set]] are not ordinary: an ordinary object's walk up the
    # prototype chain hands over to them (typed arrays)
    PROTO_HOOKS = False
    # named keys (not "length", not array indices) live in ``props`` with ordinary semantics
    NAMED_SAFE = True
    PROXY = False  # a Proxy exotic object (operations/proxy_objects.py)
    call_kind: Any = None  # not callable
    can_construct = False

    def exotic_get(self, key: Any, receiver: Any) -> Any:
        own = self.get_own_property(key)
        if own is not None:
            v = own[0]
            if own[1] & ACC:
                if v.get is None:
                    return None
                return OPS.call(v.get, receiver, [])
            return v
        p = self.proto
        if p is None:
            return None
        return p.get(key, receiver)

    def has_property(self, key: Any) -> bool:
        """ES2017 9.1.7 [[HasProperty]]."""
        o: Optional[JSObject] = self
        while o is not None:
            if o.get_own_property(key) is not None:
                return True
            o = o.proto
            if o is not None and o.PROTO_HOOKS:
                return o.has_property(key)  # OrdinaryHasProperty: parent.[[HasProperty]]
        return False

    def set(self, key: Any, value: Any, receiver: Any) -> bool:
        """ES2017 9.1.9 [[Set]] (OrdinarySet)."""
        if receiver is self and not self.EXOTIC:
            # fast path: own writable data property
            v = self.props.get(key, MISSING)
            if v is not MISSING and v.__class__ is not Accessor:
                f = self.flags
                if f is None or f.get(key, DEFAULT) & W:
                    self.props[key] = value
                    return True
                return False
        o: Optional[JSObject] = self
        while o is not None:
            own = o.get_own_property(key)
            if own is not None:
                v, attrs = own
                if attrs & ACC:
                    if v.set is None:
                        return False
                    OPS.call(v.set, receiver, [value])
                    return True
                if not attrs & W:
                    return False
                break
            o = o.proto
            if o is not None and o.PROTO_HOOKS:
                return o.set(key, value, receiver)  # OrdinarySet: parent.[[Set]]
        if not isinstance(receiver, JSObject):
            return False
        existing = receiver.get_own_property(key)
        if existing is not None:
            if existing[1] & ACC or not existing[1] & W:
                return False
            return receiver.define_own_property(key, {"value": value})
        return receiver.define_own_property(key, {"value": value, "writable": True,
                                                  "enumerable": True, "configurable": True})

    def define_own_property(self, key: Any, desc: dict) -> bool:
        """ES2017 9.1.6 [[DefineOwnProperty]] (ValidateAndApplyPropertyDescriptor)."""
        current = self.get_own_property(key)
        if current is None:
            if not self.extensible:
                return False
            if "get" in desc or "set" in desc:
                attrs = ACC
                val: Any = Accessor(desc.get("get"), desc.get("set"))
            else:
                attrs = W if desc.get("writable") else 0
                val = desc.get("value")
            if desc.get("enumerable"):
                attrs |= E
            if desc.get("configurable"):
                attrs |= C
            self._store(key, val, attrs)
            return True
        cur_val, cur_attrs = current
        if not desc:
            return True
        if not cur_attrs & C:
            if desc.get("configurable"):
                return False
            if "enumerable" in desc and bool(desc["enumerable"]) != bool(cur_attrs & E):
                return False
        is_acc_desc = "get" in desc or "set" in desc
        is_data_desc = "value" in desc or "writable" in desc
        attrs = cur_attrs
        if is_acc_desc or is_data_desc:
            if bool(cur_attrs & ACC) != is_acc_desc:
                if not cur_attrs & C:
                    return False
                # convert between data and accessor, keeping configurable/enumerable
                attrs = cur_attrs & (E | C)
                if is_acc_desc:
                    attrs |= ACC
                    cur_val = Accessor(None, None)
                else:
                    cur_val = None
            elif not is_acc_desc:
                if not cur_attrs & C and not cur_attrs & W:
                    if desc.get("writable"):
                        return False
                    if "value" in desc:
                        if not same_value(desc["value"], cur_val):
                            return False
            else:
                if not cur_attrs & C:
                    if "get" in desc and desc["get"] is not cur_val.get:
                        return False
                    if "set" in desc and desc["set"] is not cur_val.set:
                        return False
        if attrs & ACC:
            acc = Accessor(cur_val.get, cur_val.set)
            if "get" in desc:
                acc.get = desc["get"]
            if "set" in desc:
                acc.set = desc["set"]
            cur_val = acc
        else:
            if "value" in desc:
                cur_val = desc["value"]
            if "writable" in desc:
                attrs = (attrs | W) if desc["writable"] else (attrs & ~W)
        if "enumerable" in desc:
            attrs = (attrs | E) if desc["enumerable"] else (attrs & ~E)
        if "configurable" in desc:
            attrs = (attrs | C) if desc["configurable"] else (attrs & ~C)
        self._store(key, cur_val, attrs)
        return True

    def _store(self, key: Any, val: Any, attrs: int) -> None:
        self.props[key] = val
        f = self.flags
        if attrs == DEFAULT:
            if f is not None and key in f:
                del f[key]
        else:
            if f is None:
                self.flags = f = {}
            f[key] = attrs

    def delete(self, key: Any) -> bool:
        """ES2017 9.1.10 [[Delete]]."""
        own = self.get_own_property(key)
        if own is None:
            return True
        if own[1] & C:
            self._remove(key)
            return True
        return False

    def _remove(self, key: Any) -> None:
        del self.props[key]
        if self.flags is not None:
            self.flags.pop(key, None)

    def own_property_keys(self) -> list:
        """ES2017 9.1.11 [[OwnPropertyKeys]]: integer keys ascending, strings, symbols."""
        return order_keys(list(self.props))

    def prevent_extensions(self) -> bool:
        self.extensible = False
        return True

    def get_prototype_of(self) -> Optional["JSObject"]:
        """ES2017 9.1.1 [[GetPrototypeOf]] (callers that may hold a proxy use this, not ``proto``)."""
        return self.proto

    def is_extensible(self) -> bool:
        """ES2017 9.1.3 [[IsExtensible]] (callers that may hold a proxy use this, not ``extensible``)."""
        return self.extensible

    def set_prototype_of(self, proto: Optional["JSObject"]) -> bool:
        """ES2017 9.1.2 [[SetPrototypeOf]]."""
        if proto is self.proto:
            return True
        if not self.extensible:
            return False
        p = proto
        while p is not None:
            if p is self:
                return False
            if p.PROXY:  # step 8.c.i: a proxy's [[GetPrototypeOf]] ends the cycle check
                break
            p = p.proto
        self.proto = proto
        return True

    # convenience for builtin setup: a non-enumerable data property
    def put_hidden(self, key: Any, value: Any, attrs: int = W | C) -> None:
        self._store(key, value, attrs)


def order_keys(keys: list) -> list:
    ints = []
    strs = []
    syms = []
    for k in keys:
        if type(k) is str:
            i = array_index(k)
            if i >= 0:
                ints.append((i, k))
            else:
                strs.append(k)
        else:
            syms.append(k)
    if ints:
        ints.sort()
        return [k for _, k in ints] + strs + syms
    return strs + syms if syms else strs


class JSArray(JSObject):
    """An Array exotic object (ES2017 9.4.2) with a dense element list.

    Elements are kept in ``elems`` (``HOLE`` for holes) while the array is dense;
    a write far past the end switches it to sparse mode (``elems is None``),
    where indices live in ``props`` and ``length`` in ``sparse_len``.
    """
    __slots__ = ("elems", "sparse_len", "len_writable")

    EXOTIC = True

    def __init__(self, proto: Optional[JSObject], elems: Optional[list] = None) -> None:
        JSObject.__init__(self, proto, "Array")
        self.elems: Optional[list] = [] if elems is None else elems
        self.sparse_len = 0
        self.len_writable = True

    @property
    def length(self) -> int:
        e = self.elems
        return len(e) if e is not None else self.sparse_len

    def exotic_get(self, key: Any, receiver: Any) -> Any:  # type: ignore[override]
        e = self.elems
        if e is not None and type(key) is str:
            if key == "length":
                return float(len(e))
            i = array_index(key)
            if i >= 0:
                if i < len(e):
                    v = e[i]
                    if v is not HOLE:
                        return v
                p = self.proto
                return None if p is None else p.get(key, receiver)
        return JSObject.exotic_get(self, key, receiver)

    def get_own_property(self, key: Any) -> Optional[tuple]:
        if key == "length":
            return (float(self.length), W if self.len_writable else 0)
        e = self.elems
        if e is not None and type(key) is str:
            i = array_index(key)
            if i >= 0:
                if i < len(e) and e[i] is not HOLE:
                    f = self.flags
                    return (e[i], DEFAULT if f is None else f.get(key, DEFAULT))
                return None
        return JSObject.get_own_property(self, key)

    def set(self, key: Any, value: Any, receiver: Any) -> bool:
        e = self.elems
        if receiver is self and e is not None and self.flags is None and type(key) is str:
            i = array_index(key)
            if 0 <= i < len(e) and e[i] is not HOLE:
                e[i] = value
                return True
            if i == len(e) and self.extensible and self.len_writable and self._proto_plain(key):
                e.append(value)
                return True
        return JSObject.set(self, key, value, receiver)

    def _proto_plain(self, key: str) -> bool:
        # appending is only safe to fast-path when no prototype has that index (setter)
        p = self.proto
        while p is not None:
            if p.PROTO_HOOKS or p.get_own_property(key) is not None:  # a proxy's traps must run
                return False
            p = p.proto
        return True

    def define_own_property(self, key: Any, desc: dict) -> bool:
        """ES2017 9.4.2.1 [[DefineOwnProperty]] for arrays."""
        if key == "length":
            if "value" in desc:
                v = desc["value"]
                if type(v) is not float or not (0.0 <= v <= 4294967295.0 and v.is_integer()):
                    desc = dict(desc)
                    desc["value"] = OPS.array_length(v)  # ES2017 9.4.2.4 steps 3-5
            return self._set_length(desc)
        if type(key) is str:
            i = array_index(key)
            if i >= 0:
                length = self.length
                if i >= length and not self.len_writable:
                    return False
                e = self.elems
                if e is not None:
                    plain = ("get" not in desc and "set" not in desc)
                    if plain and i < len(e) and e[i] is not HOLE:
                        cur_attrs = DEFAULT if self.flags is None else self.flags.get(key, DEFAULT)
                        if cur_attrs == DEFAULT and desc.get("writable", True) and \
                                desc.get("enumerable", True) and desc.get("configurable", True):
                            if "value" in desc:
                                e[i] = desc["value"]
                            return True
                    if plain and (i >= len(e) or e[i] is HOLE) and self.extensible and \
                            desc.get("writable") and desc.get("enumerable") and desc.get("configurable") \
                            and i < len(e) + 1024:
                        if i >= len(e):
                            e.extend([HOLE] * (i - len(e) + 1))
                        e[i] = desc.get("value")
                        return True
                    self._make_sparse()
                ok = JSObject.define_own_property(self, key, desc)
                if ok and i >= self.sparse_len:
                    self.sparse_len = i + 1
                return ok
        return JSObject.define_own_property(self, key, desc)

    def _make_sparse(self) -> None:
        e = self.elems
        if e is None:
            return
        old = self.props
        self.props = {}
        for i, v in enumerate(e):
            if v is not HOLE:
                self.props[str(i)] = v
        self.props.update(old)
        self.sparse_len = len(e)
        self.elems = None

    def _set_length(self, desc: dict) -> bool:
        """ES2017 9.4.2.4 ArraySetLength (value already converted by the caller)."""
        if "get" in desc or "set" in desc:
            return False
        if desc.get("configurable") or desc.get("enumerable"):
            return False
        if "value" not in desc:
            if desc.get("writable") and not self.len_writable:
                return False
            if "writable" in desc and not desc["writable"]:
                self.len_writable = False
            return True
        new_len = int(desc["value"])
        old_len = self.length
        if desc.get("writable") and not self.len_writable:
            return False
        if new_len != old_len and not self.len_writable:
            return False
        ok = True
        e = self.elems
        if e is not None:
            if new_len < len(e):
                # non-configurable elements stop the truncation
                f = self.flags
                if f:
                    for i in range(len(e) - 1, new_len - 1, -1):
                        if e[i] is not HOLE and not f.get(str(i), DEFAULT) & C:
                            new_len = i + 1
                            ok = False
                            break
                        f.pop(str(i), None)
                del e[new_len:]
            elif new_len > len(e):
                if new_len - len(e) > 100000:
                    self._make_sparse()
                    self.sparse_len = new_len
                else:
                    e.extend([HOLE] * (new_len - len(e)))
        else:
            if new_len < self.sparse_len:
                for k in sorted((array_index(k) for k in list(self.props) if array_index(k) >= new_len),
                                reverse=True):
                    sk = str(k)
                    own = self.get_own_property(sk)
                    if own is not None and not own[1] & C:
                        new_len = k + 1
                        ok = False
                        break
                    self._remove(sk)
            self.sparse_len = new_len
        if "writable" in desc and not desc["writable"]:
            self.len_writable = False
        return ok

    def delete(self, key: Any) -> bool:
        e = self.elems
        if e is not None and type(key) is str:
            i = array_index(key)
            if i >= 0:
                if i < len(e) and e[i] is not HOLE:
                    f = self.flags
                    if f is not None and not f.get(key, DEFAULT) & C:
                        return False
                    e[i] = HOLE
                    if f is not None:
                        f.pop(key, None)
                return True
        if key == "length":
            return False
        return JSObject.delete(self, key)

    def own_property_keys(self) -> list:
        e = self.elems
        if e is None:
            return order_keys(list(self.props))
        keys = [str(i) for i, v in enumerate(e) if v is not HOLE]
        keys.append("length")
        rest = order_keys(list(self.props))
        return keys + rest

    def prevent_extensions(self) -> bool:
        self.extensible = False
        return True


class JSPrimitiveObject(JSObject):
    """Boolean, Number, String and Symbol wrapper objects ([[BooleanData]] etc.)."""
    __slots__ = ("value",)

    EXOTIC = True

    def __init__(self, proto: Optional[JSObject], cls: str, value: Any) -> None:
        JSObject.__init__(self, proto, cls)
        self.value = value

    def get_own_property(self, key: Any) -> Optional[tuple]:
        """ES2017 9.4.3.1 String exotic [[GetOwnProperty]]."""
        if self.cls == "String" and type(key) is str:
            s = self.value
            if key == "length":
                return (float(len(s)), 0)
            i = array_index(key)
            if 0 <= i < len(s):
                return (s[i], E)
        return JSObject.get_own_property(self, key)

    def define_own_property(self, key: Any, desc: dict) -> bool:
        if self.cls == "String" and type(key) is str:
            i = array_index(key)
            if key == "length" or 0 <= i < len(self.value):
                # immutable; succeeds only for a compatible no-op redefinition
                cur = self.get_own_property(key)
                assert cur is not None
                if desc.get("configurable") or desc.get("writable") or "get" in desc or "set" in desc:
                    return False
                if "enumerable" in desc and bool(desc["enumerable"]) != bool(cur[1] & E):
                    return False
                if "value" in desc:
                    return same_value(desc["value"], cur[0])
                return True
        return JSObject.define_own_property(self, key, desc)

    def delete(self, key: Any) -> bool:
        if self.cls == "String" and self.get_own_property(key) is not None and \
                (key == "length" or 0 <= array_index(key) < len(self.value)):
            return False
        return JSObject.delete(self, key)

    def own_property_keys(self) -> list:
        if self.cls == "String":
            idx = [str(i) for i in range(len(self.value))]
            rest = order_keys(list(self.props))
            ints = [k for k in rest if array_index(k) >= 0]
            others = [k for k in rest if array_index(k) < 0]
            return order_keys(idx + ints) + ["length"] + others
        return JSObject.own_property_keys(self)


def is_callable(v: Any) -> bool:
    """ES2017 7.2.3 IsCallable."""
    return isinstance(v, JSObject) and getattr(v, "call_kind", None) is not None


def is_constructor(v: Any) -> bool:
    """ES2017 7.2.4 IsConstructor."""
    return isinstance(v, JSObject) and getattr(v, "can_construct", False)
