"""JS values as Python values: the completion value of a run, the global variables of a
paused VM (``VMState.variables``) and the payloads a host reads from a state."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .interp.operations.buffers import JSArrayBuffer, JSTypedArray
from .interp.builtins.date import JSDate
from .interp.builtins.map_set import JSMapObject
from .interp.builtins.regexp import JSRegExp
from .interp.values import E, HOLE, MISSING, NULL, TDZ, JSArray, JSObject, JSPrimitiveObject, JSSymbol

if TYPE_CHECKING:
    from .interp.machine import Machine

MAX_RESULT_VALUES = 10_000_000  # values in a converted result, shared objects counted per use
ELIDED = "[…]"                   # what stands for the values past MAX_RESULT_VALUES


def to_python(v: Any, _depth: int = 0) -> Any:
    """JS value -> Python: undefined and null -> None, integral numbers -> int, arrays -> list,
    plain objects -> dict (own enumerable string keys), functions -> their name string
    wrapped as "[Function name]"; cycles become "[Circular]".

    Each JS object is converted once: an object reached again (not through a cycle) gives
    the same Python object, so a DAG like ``a = [a, a]`` 30 levels deep converts in 30
    steps.  Its values still count once per use, as a JSON dump of the result would see
    them: past MAX_RESULT_VALUES in all, the rest of the result becomes ``ELIDED``."""
    done: dict = {}       # id -> (Python value, values it stands for) of converted objects
    active: set = set()   # ids of the objects being converted (a way back to one is a cycle)
    left = [MAX_RESULT_VALUES]

    def conv(x: Any, depth: int) -> Any:
        if left[0] <= 0:
            return ELIDED
        left[0] -= 1
        t = type(x)
        if x is None or x is NULL:
            return None
        if t is bool or t is str:
            return _from_js_string(x) if t is str else x
        if t is float:
            if x == x and x not in (float("inf"), float("-inf")) and x.is_integer():
                return int(x)
            return x
        if t is JSSymbol:
            return f"Symbol({x.description or ''})"
        if isinstance(x, JSObject):
            while x.PROXY:  # a proxy converts as its target (as console.log shows it): no trap runs
                x = x.target
                if x is None:
                    return "[Revoked Proxy]"
            key = id(x)
            if key in active:
                return "[Circular]"
            seen = done.get(key)
            if seen is not None:
                if seen[1] > left[0]:
                    left[0] = 0
                    return ELIDED
                left[0] -= seen[1]
                return seen[0]
            if depth > 200:
                return "[Object]"
            if x.call_kind is not None:
                n = x.props.get("name", "")
                return f"[Function {n}]" if type(n) is str and n else "[Function]"
            before = left[0]
            active.add(key)
            try:
                out = convert_object(x, depth)
            finally:
                active.discard(key)
            done[key] = (out, before - left[0])
            return out
        return x

    def convert_object(x: Any, depth: int) -> Any:
        if type(x) is JSTypedArray or type(x) is JSArrayBuffer:
            return _buffer_to_python(x, left)
        if isinstance(x, JSArray):
            n = x.length
            if x.elems is not None:
                return [None if e is HOLE else conv(e, depth + 1) for e in x.elems]
            # sparse: visit the present indices only (a length of 2**32-1 must not
            # mean 10 million property lookups); accessors are not run, as below
            arr: list = [None] * max(0, min(n, 10_000_000, left[0]))
            left[0] -= len(arr)  # the holes count too: they are in the result
            for k in list(x.props):
                if type(k) is str and k.isdigit() and (k == "0" or k[0] != "0") \
                        and int(k) < len(arr):
                    own = x.get_own_property(k)
                    if own is not None and not own[1] & 8:
                        arr[int(k)] = conv(own[0], depth + 1)
            return arr
        special = _special(x, lambda y: conv(y, depth + 1))
        if special is not _NOT_SPECIAL:
            return special
        out = {}
        for k in x.own_property_keys():
            if type(k) is not str:
                continue
            own = x.get_own_property(k)
            if own is None or not own[1] & E:
                continue
            val = own[0]
            if own[1] & 8:  # accessor: don't run user code while converting
                val = None
            out[_from_js_string(k)] = conv(val, depth + 1)
        if getattr(x, "cls", "") == "Error":
            return ErrorValue(_data_string(x, "name", "Error"), _data_string(x, "message", ""),
                              _data_string(x, "stack", ""), out)
        return out

    return conv(v, _depth)


@dataclass(frozen=True)
class ErrorValue:
    """A JS Error object: ``name``, ``message`` and ``stack`` (read as data properties, never
    through a getter) and its other own enumerable properties in ``props``."""
    name: str
    message: str
    stack: str
    props: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.name}: {self.message}" if self.message else self.name


_NOT_SPECIAL = object()
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def _special(x: Any, conv: Any) -> Any:
    """The Python form of an object with internal slots (Map, Set, Date, RegExp, a boxed
    primitive), else _NOT_SPECIAL."""
    cls = type(x)
    if cls is JSMapObject and x.cls in ("Map", "Set"):
        live = [i for i, k in enumerate(x.mkeys) if k is not MISSING]
        keys = [conv(x.mkeys[i]) for i in live]
        hashable = all(isinstance(k, (str, int, float, bool, type(None))) for k in keys)
        if x.cls == "Set":
            return set(keys) if hashable and len(set(keys)) == len(keys) else keys
        vals = [conv(x.mvals[i]) for i in live]
        if hashable and len(set(keys)) == len(keys):
            return dict(zip(keys, vals))
        return [[k, v] for k, v in zip(keys, vals)]
    if cls is JSDate:
        tv = x.date_value
        if tv != tv:
            return None   # an invalid date
        return _EPOCH + datetime.timedelta(milliseconds=tv)
    if cls is JSRegExp:
        return f"/{x.source}/{x.original_flags}"
    if cls is JSPrimitiveObject:
        return conv(x.value)
    return _NOT_SPECIAL


def _data_string(x: Any, key: str, default: str) -> str:
    """A property read up the prototype chain that runs no getter (a getter gives ``default``)."""
    o = x
    while o is not None:
        own = o.get_own_property(key)
        if own is not None:
            return _from_js_string(own[0]) if not own[1] & 8 and type(own[0]) is str else default
        o = o.proto
    return default


def _buffer_to_python(x: Any, left: list) -> Any:
    """An ArrayBuffer or a Uint8Array -> ``bytes``; another typed array -> a list of numbers
    (integral ones as ``int``, as everywhere in to_python)."""
    if x.cls == "ArrayBuffer":
        return bytes(x.data or b"")
    if x.buffer.data is None:
        return b"" if x.kind == "Uint8" else []
    if x.kind == "Uint8":
        return x.view.tobytes()
    vals = x.view[:max(0, left[0])].tolist()
    left[0] -= len(vals)
    if x.kind[0] != "F":
        return vals
    return [int(v) if v.is_integer() else v for v in vals]


def _from_js_string(s: str) -> str:
    """JS UTF-16 code units -> Python str (pairs joined, lone surrogates as U+FFFD)."""
    if s.isascii():
        return s
    try:
        return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    except UnicodeError:
        return s


def snapshot_variables(m: "Machine") -> dict:
    """A JSON-able view of the script's global variables (for inspection)."""
    builtin = m.host.builtin_globals
    out: dict = {}
    g = m.realm.global_object
    for k in list(g.props):
        if type(k) is str and k not in builtin:
            own = g.get_own_property(k)
            if own is not None and not own[1] & 8:
                out[k] = safe_to_python(own[0])
    for k, v in m.global_lex.items():
        out[k] = "<uninitialized>" if v is TDZ else safe_to_python(v)
    return out


def safe_to_python(v: Any) -> Any:
    """to_python that never fails (a view of a state must be readable whatever it holds)."""
    try:
        return to_python(v)
    except Exception:  # noqa: BLE001 - a snapshot must never fail
        return "<unavailable>"
