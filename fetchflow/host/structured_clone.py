"""``structuredClone(value)`` (https://html.spec.whatwg.org/#dom-structuredclone), as node 20 has it.

StructuredSerialize and StructuredDeserialize in one walk: each object is copied once
(a memo keeps shared references and cycles), with an explicit work list instead of
recursion so a deep structure cannot exhaust Python's stack.  Copied: primitives, plain
objects and arrays (own enumerable string keys; holes stay holes), Boolean/Number/String
objects, Date, RegExp, Map, Set, ArrayBuffer and its views, Error objects (name, message,
stack, cause), Blob and File.  Other objects copy as plain objects, as in node (a class
instance loses its prototype; a Headers or URL becomes ``{}``).  Functions, symbols,
promises, weak collections and the like throw a ``DataCloneError``.
"""
from __future__ import annotations

from typing import Any, List, Tuple

from ..interp.builtins.date import JSDate
from ..interp.builtins.error import JSError
from ..interp.builtins.map_set import JSMapObject
from ..interp.builtins.regexp import JSRegExp, regexp_alloc, regexp_initialize
from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.buffers import JSArrayBuffer, JSDataView, JSTypedArray
from ..interp.operations.object_operations import create_data_property, get, set_
from ..interp.operations.type_conversion import to_string
from ..interp.runtime import CTX
from ..interp.values import C, E, MISSING, W, JSArray, JSObject, JSPrimitiveObject, JSSymbol, is_callable
from .dom_exception import dom_exception
from .platform_object import JSPlatformObject, new_platform_object, node_type_error
from ..interp.inspect_value import Ctx, get_constructor_name
from ..interp.operations.errors import make_error

__all__ = ["structured_clone", "setup"]

_ERROR_NAMES = frozenset(["Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError",
                          "URIError"])
_UNCLONEABLE = frozenset(["WeakMap", "WeakSet", "Promise", "Generator", "AsyncGenerator", "Arguments"])


def _not_cloneable(text: str) -> Any:
    return dom_exception(f"{text} could not be cloned.", "DataCloneError")


def _described(v: Any) -> str:
    """How V8's DataCloneError names a value: source text, Symbol(desc), #<Class>."""
    if isinstance(v, JSSymbol):
        return f"Symbol({v.description or ''})"
    if is_callable(v):
        return to_string(v)
    if isinstance(v, JSPrimitiveObject) and isinstance(v.value, JSSymbol):
        return "[object Symbol]"
    name = get_constructor_name(v, Ctx(2, False, 80, 3), 0) or "Object"
    return f"#<{name}>"


def structured_clone(value: Any) -> Any:
    """HTML 2.7.3 StructuredSerialize then StructuredDeserialize, fused."""
    realm = CTX.realm
    memo: dict = {}
    work: List[Tuple[JSObject, JSObject]] = []

    def copy(v: Any) -> Any:
        if isinstance(v, JSSymbol):
            raise _not_cloneable(_described(v))
        if not isinstance(v, JSObject):
            return v
        done = memo.get(id(v))
        if done is not None:
            return done[1]
        out = _shell(v)
        memo[id(v)] = (v, out)   # keeps ``v`` alive so its id stays unique for the walk
        if type(out) is JSArray or (type(out) is JSObject and not isinstance(v, JSError)):
            work.append((v, out))
        return out

    def _shell(v: JSObject) -> JSObject:
        if is_callable(v) or v.cls in _UNCLONEABLE:
            raise _not_cloneable(_described(v))
        if isinstance(v, JSPrimitiveObject):
            if isinstance(v.value, JSSymbol):
                raise _not_cloneable(_described(v))
            return JSPrimitiveObject(realm.intr[v.cls + "Prototype"], v.cls, v.value)
        if isinstance(v, JSDate):
            return JSDate(realm.intr["DatePrototype"], v.date_value)
        if isinstance(v, JSRegExp):
            r = regexp_alloc(realm.intr["RegExp"])
            return regexp_initialize(r, v.source, v.original_flags)
        if isinstance(v, JSArrayBuffer):
            if v.data is None:
                raise _not_cloneable("An ArrayBuffer is detached and")
            return JSArrayBuffer(realm.intr["ArrayBufferPrototype"], bytearray(v.data))
        if isinstance(v, JSTypedArray):
            buf = copy(v.buffer)
            return JSTypedArray(realm.intr[v.kind + "ArrayPrototype"], v.kind, buf, v.offset, v.length)
        if isinstance(v, JSDataView):
            buf = copy(v.buffer)
            return JSDataView(realm.intr["DataViewPrototype"], buf, v.offset, v.byte_length)
        if isinstance(v, JSMapObject):
            m = JSMapObject(realm.intr[v.cls + "Prototype"], v.cls)
            memo[id(v)] = (v, m)
            keys = [k for k in v.mkeys if k is not MISSING]
            vals = [val for k, val in zip(v.mkeys, v.mvals)] if v.mvals is not None else None
            if vals is not None:
                vals = [val for k, val in zip(v.mkeys, vals) if k is not MISSING]
            for i, k in enumerate(keys):
                ck = copy(k)
                m.put(ck, copy(vals[i]) if vals is not None else None)
            return m
        if isinstance(v, JSError):
            return _error(v)
        if isinstance(v, JSPlatformObject) and v.cls in ("Blob", "File"):
            return new_platform_object(realm, v.cls, dict(v.internal))
        if type(v) is JSArray:
            return JSArray(realm.array_prototype, [])
        return JSObject(realm.object_prototype)

    def _error(v: JSError) -> JSObject:
        name = get(v, "name")
        name = to_string(name) if name is not None else "Error"
        if name not in _ERROR_NAMES:
            name = "Error"
        e = make_error(name, "")
        memo[id(v)] = (v, e)
        e.delete("message")
        for key in ("message", "stack", "cause"):
            desc = v.get_own_property(key)
            if desc is not None:
                val = get(v, key)
                e.put_hidden(key, to_string(val) if key != "cause" else copy(val), W | C)
        return e

    result = copy(value)
    while work:
        src, dst = work.pop()
        for key in src.own_property_keys():
            if isinstance(key, JSSymbol):
                continue
            desc = src.get_own_property(key)
            if desc is None or not desc[1] & E:
                continue
            if type(dst) is JSArray and key == "length":
                continue
            create_data_property(dst, key, copy(get(src, key)))
        if type(dst) is JSArray:      # trailing holes keep the length
            set_(dst, "length", get(src, "length"), True)
    return result


@native("structuredClone", 1)
def structured_clone_native(this: Any, args: list) -> Any:
    if not args:
        raise node_type_error("The value argument must be specified", "ERR_MISSING_ARGS")
    return structured_clone(arg(args, 0))


def setup(realm: Any) -> None:
    realm.global_object.put_hidden("structuredClone", realm.native("structuredClone"), W | C)
