"""Formatting JS values the way node 20's ``util.inspect`` (and so ``console.log``) does.

A port of node's ``lib/internal/util/inspect.js`` (v20, no colors, default options:
depth 2, breakLength 80, compact 3, maxArrayLength 100), function by function with
node's names in snake_case so the two can be read side by side.  Only what a JS
program of this engine can observe is kept: no colors; this module walks the objects
(formatValue, formatRaw and the per-kind formatters); primitives, escapes and line layout
are in ``inspect_text.py``, errors in ``inspect_errors.py``, typed arrays and buffers in
``inspect_buffers.py``, host objects in ``inspect_custom.py``, ``util.format`` (one
``console.log`` line) in ``inspect_format.py``.

* ``inspect(value)`` is ``util.inspect(value)`` (a string is quoted: ``'abc'``).
* ``error_headline(value)`` is the line node prints for an uncaught exception.
"""
from __future__ import annotations

import math
import re
from typing import Any, Callable, Optional

from .inspect_custom import CUSTOM_INSPECT
from .inspect_buffers import (ARRAY_BUFFER_KEYS, DATA_VIEW_KEYS, JSArrayBuffer, JSTypedArray,
                              format_array_buffer, format_typed_array, is_buffer_like)
from .inspect_errors import _is_error, format_error
from .inspect_text import (K_ARRAY_EXTRAS_TYPE, K_ARRAY_TYPE, K_OBJECT_TYPE, _KEY_STR_RE, Ctx,
                           _escape_key, _get, _js_string, format_primitive, get_prefix,
                           reduce_to_single_string, str_escape, symbol_to_string)
from .operations.proxy_objects import JSProxy, is_array
from .runtime import CTX
from .values import (ACC, E, NULL, SYM_ITERATOR, SYM_TO_STRING_TAG, JSArray,
                     JSObject, JSPrimitiveObject, JSSymbol, JSThrow, array_index, is_callable)
from .operations.calls import call
from .operations.object_operations import ordinary_has_instance
from .values import SYM_HAS_INSTANCE
from . import functions as fk
from .builtins.function import function_source_text
from .natives import NATIVES
from .builtins.error import error_to_string
from .operations.type_conversion import to_boolean, to_length
from .values import MISSING


_NUMBER_RE = re.compile(r"^(0|[1-9][0-9]*)\Z")
_CLASS_RE = re.compile(r"^(\s+[^(]*?)\s*{")
_STRIP_COMMENTS_RE = re.compile(r"(//.*?\n)|(/\*(.|\n)*?\*/)")


def inspect(value: Any, depth: Optional[float] = 2, show_hidden: bool = False,
            break_length: int = 80, compact: int = 3, show_proxy: bool = False) -> str:
    """node's ``util.inspect(value, {depth, showHidden, breakLength, compact, showProxy})``."""
    return format_value(Ctx(depth, show_hidden, break_length, compact, show_proxy), value, 0)


# -- JS access helpers ---------------------------------------------------------------------

def _own(o: JSObject, key: Any) -> Optional[tuple]:
    return o.get_own_property(key)


def _instance_of(o: JSObject, c: JSObject) -> bool:
    """``o instanceof c`` for the constructor search (errors mean false, as in node)."""
    try:
        h = c.get(SYM_HAS_INSTANCE, c)
        fp = CTX.realm.function_prototype if CTX.realm is not None else None
        if h is not None and h is not NULL and not (
                fp is not None and h is fp.props.get(SYM_HAS_INSTANCE)):
            return to_boolean(call(h, c, [o]))
        return ordinary_has_instance(c, o)
    except (JSThrow, ImportError):
        return False


def _internal_constructor_name(o: JSObject) -> str:
    """V8's GetConstructorName for objects without a usable ``constructor``."""
    if is_callable(o):
        return "Function"
    c = o.cls
    if c in ("global", "Arguments") or " " in c:
        return "Object"
    return c


# -- formatValue -----------------------------------------------------------------------------

def format_value(ctx: Ctx, value: Any, recurse_times: int) -> str:
    """node's formatValue."""
    if not isinstance(value, JSObject):
        if value is NULL:
            return "null"
        return format_primitive(value, ctx)
    if value.PROXY:
        # node's getProxyDetails: no trap of this proxy runs; with showProxy (%o) it shows
        # as Proxy [ target, handler ], else its target (a proxy target is then formatted
        # through its traps, as any object)
        target = value.target
        if ctx.show_proxy:
            return "<Revoked Proxy>" if target is None else format_proxy(ctx, value, recurse_times)
        # node's revoked test is `proxy === null || proxy[0] === null` on the target: it
        # reads the target's "0" (a getter or a get trap runs, a revoked target throws)
        if target is None or _get(target, "0") is NULL:
            return "<Revoked Proxy>"
        value = target
    for s in ctx.seen:
        if s is value:
            if ctx.circular is None:
                ctx.circular = {}
            index = ctx.circular.get(id(value))
            if index is None:
                index = len(ctx.circular) + 1
                ctx.circular[id(value)] = index
            return f"[Circular *{index}]"
    custom = CUSTOM_INSPECT.get(value.cls)
    if custom is not None:   # host objects node prints with util.inspect.custom
        text = custom(ctx, value, recurse_times)
        if text is not None:
            return text.replace("\n", "\n" + " " * ctx.indentation_lvl)
    return format_raw(ctx, value, recurse_times)


def format_proxy(ctx: Ctx, proxy: JSProxy, recurse_times: int) -> str:
    """node's formatProxy: ``Proxy [ target, handler ]``."""
    if recurse_times > ctx.depth:
        return "Proxy [Array]"
    recurse_times += 1
    ctx.indentation_lvl += 2
    res = [format_value(ctx, proxy.target, recurse_times), format_value(ctx, proxy.handler, recurse_times)]
    ctx.indentation_lvl -= 2
    return reduce_to_single_string(ctx, res, "", ["Proxy [", "]"], K_ARRAY_EXTRAS_TYPE, recurse_times)


def _proto_of(o: JSObject) -> Optional[JSObject]:
    """ObjectGetPrototypeOf: through the trap of a proxy (a proxy target is formatted so)."""
    return o.get_prototype_of() if o.PROXY else o.proto


def get_constructor_name(obj: JSObject, ctx: Ctx, recurse_times: int) -> Optional[str]:
    """node's getConstructorName (None for a null-prototype chain)."""
    realm = CTX.realm
    first_proto: Any = False  # False: not yet set (node's undefined)
    tmp = obj
    o: Any = obj
    while o is not None:
        if realm is not None:
            if o is realm.object_prototype:
                return "Object"
            if o is realm.function_prototype:
                return "Function"
        own = o.get_own_property("constructor")
        if own is not None and not own[1] & ACC:
            c = own[0]
            if isinstance(c, JSObject) and is_callable(c):
                name = _get(c, "name")
                if name != "" and _instance_of(tmp, c):
                    return _js_string(name)
        o = _proto_of(o)
        if first_proto is False:
            first_proto = o
    if first_proto is None:
        return None
    res = _internal_constructor_name(tmp)
    if recurse_times > ctx.depth:
        return f"{res} <Complex prototype>"
    proto_constr = get_constructor_name(first_proto, ctx, recurse_times + 1)
    if proto_constr is None:
        sub = Ctx(-1, ctx.show_hidden, ctx.break_length, ctx.compact)
        return f"{res} <{format_value(sub, first_proto, 0)}>"
    return f"{res} <{proto_constr}>"


def get_keys(value: JSObject, show_hidden: bool) -> list:
    """node's getKeys: own enumerable string keys, then enumerable symbols."""
    keys = []
    syms = []
    for k in value.own_property_keys():
        own = value.get_own_property(k)
        if own is None:
            continue
        if type(k) is str:
            if show_hidden or own[1] & E:
                keys.append(k)
        elif show_hidden or own[1] & E:
            syms.append(k)
    return keys + syms


def _own_non_index_keys(value: JSObject, show_hidden: bool) -> list:
    """V8's GetOwnNonIndexProperties with ONLY_ENUMERABLE (or ALL_PROPERTIES)."""
    return [k for k in get_keys(value, show_hidden) if type(k) is not str or array_index(k) < 0]


def get_ctx_style(value: JSObject, constructor: Optional[str], tag: str) -> str:
    """node's getCtxStyle."""
    fallback = ""
    if constructor is None:
        fallback = _internal_constructor_name(value)
        if fallback == tag:
            fallback = "Object"
    return get_prefix(constructor, tag, fallback)


def _map_like(value: JSObject) -> Optional[str]:
    """"Map"/"Set"/"WeakMap"/"WeakSet" for collections of builtins/map_set.py."""
    if value.cls in ("Map", "Set", "WeakMap", "WeakSet") and hasattr(value, "entries_list"):
        return value.cls
    return None


def format_raw(ctx: Ctx, value: JSObject, recurse_times: int) -> str:
    """node's formatRaw."""
    constructor = get_constructor_name(value, ctx, recurse_times)
    tag = _get(value, SYM_TO_STRING_TAG)
    if type(tag) is not str:
        tag = ""
    elif tag != "":
        own = value.get_own_property(SYM_TO_STRING_TAG)
        if own is not None and (ctx.show_hidden or own[1] & E):
            tag = ""
    base = ""
    formatter: Callable[[Ctx, JSObject, int], list] = _empty_formatter
    braces = ["{", "}"]
    extras_type = K_OBJECT_TYPE
    no_iterator = True
    keys: list

    if constructor is None or value.has_property(SYM_ITERATOR):
        no_iterator = False
        kind = _map_like(value)
        if isinstance(value, JSArray) or value.PROXY and is_array(value):
            length = _array_length(value)
            prefix = get_prefix(constructor, tag, "Array", f"({length})") \
                if (constructor != "Array" or tag != "") else ""
            keys = _own_non_index_keys(value, ctx.show_hidden)
            braces = [f"{prefix}[", "]"]
            if length == 0 and not keys:
                return f"{braces[0]}]"
            extras_type = K_ARRAY_EXTRAS_TYPE
            formatter = format_array
        elif type(value) is JSTypedArray:
            size = value.array_length()
            prefix = get_prefix(constructor, tag, value.kind + "Array" if constructor is None else "",
                                f"({size})")
            keys = _own_non_index_keys(value, ctx.show_hidden)
            braces = [f"{prefix}[", "]"]
            if size == 0 and not keys and not ctx.show_hidden:
                return f"{braces[0]}]"
            extras_type = K_ARRAY_EXTRAS_TYPE
            formatter = format_typed_array
        elif kind == "Set":
            entries = value.entries_list()  # type: ignore[attr-defined]
            prefix = get_prefix(constructor, tag, "Set", f"({len(entries)})")
            keys = get_keys(value, ctx.show_hidden)
            formatter = _bind_set(entries)
            if not entries and not keys:
                return f"{prefix}{{}}"
            braces = [f"{prefix}{{", "}"]
        elif kind == "Map":
            entries = value.entries_list()  # type: ignore[attr-defined]
            prefix = get_prefix(constructor, tag, "Map", f"({len(entries)})")
            keys = get_keys(value, ctx.show_hidden)
            formatter = _bind_map(entries)
            if not entries and not keys:
                return f"{prefix}{{}}"
            braces = [f"{prefix}{{", "}"]
        elif value.cls in ("Map Iterator", "Set Iterator") and hasattr(value, "table"):
            keys = get_keys(value, ctx.show_hidden)
            braces = _get_iterator_braces(value.cls[:3], tag)
            formatter = _bind_iterator(braces)
        else:
            no_iterator = True
    if no_iterator:
        keys = get_keys(value, ctx.show_hidden)
        braces = ["{", "}"]
        kind = _map_like(value)
        if is_callable(value):
            base = get_function_base(value, constructor, tag)
            if not keys:
                return base
        elif constructor == "Object" and value.cls == "Arguments":
            braces[0] = "[Arguments] {"
            if not keys:
                return "[Arguments] {}"
        elif constructor == "Object":
            if tag != "":
                braces[0] = f"{get_prefix(constructor, tag, 'Object')}{{"
            if not keys:
                return f"{braces[0]}}}"
        elif value.cls == "RegExp":
            base = _regexp_to_string(value)
            prefix = get_prefix(constructor, tag, "RegExp")
            if prefix != "RegExp ":
                base = f"{prefix}{base}"
            if not keys or recurse_times > ctx.depth:
                return base
        elif value.cls == "Date":
            base = _date_base(value)
            prefix = get_prefix(constructor, tag, "Date")
            if prefix != "Date ":
                base = f"{prefix}{base}"
            if not keys:
                return base
        elif _is_error(value):
            base = format_error(value, constructor, tag, ctx, keys)
            if not keys:
                return base
        elif value.cls == "Promise":
            braces[0] = f"{get_prefix(constructor, tag, 'Promise')}{{"
            formatter = format_promise
        elif kind in ("WeakSet", "WeakMap"):
            braces[0] = f"{get_prefix(constructor, tag, kind)}{{"
            formatter = _format_weak_collection
        elif is_buffer_like(value):
            is_ab = type(value) is JSArrayBuffer
            braces[0] = f"{get_prefix(constructor, tag, 'ArrayBuffer' if is_ab else 'DataView')}{{"
            keys = list(ARRAY_BUFFER_KEYS if is_ab else DATA_VIEW_KEYS) + keys
            if is_ab:
                formatter = format_array_buffer
        elif isinstance(value, JSPrimitiveObject):
            base = get_boxed_base(value, ctx, keys, constructor, tag)
            if not keys:
                return base
        else:
            if not keys:
                return f"{get_ctx_style(value, constructor, tag)}{{}}"
            braces[0] = f"{get_ctx_style(value, constructor, tag)}{{"

    if recurse_times > ctx.depth:
        constructor_name = get_ctx_style(value, constructor, tag)[:-1]
        if constructor is not None:
            constructor_name = f"[{constructor_name}]"
        return constructor_name
    recurse_times += 1
    ctx.seen.append(value)
    ctx.current_depth = recurse_times
    output = formatter(ctx, value, recurse_times)
    for k in keys:
        output.append(format_property(ctx, value, recurse_times, k, extras_type))
    if ctx.circular is not None:
        index = ctx.circular.get(id(value))
        if index is not None:
            reference = f"<ref *{index}>"
            base = reference if base == "" else f"{reference} {base}"
    ctx.seen.pop()
    return reduce_to_single_string(ctx, output, base, braces, extras_type, recurse_times, value)


def _empty_formatter(ctx: Ctx, value: JSObject, recurse_times: int) -> list:
    return []


def _get_iterator_braces(typ: str, tag: str) -> list:
    """node's getIteratorBraces."""
    if tag != f"{typ} Iterator":
        if tag != "":
            tag += "] ["
        tag += f"{typ} Iterator"
    return [f"[{tag}] {{", "}"]


# -- functions, classes, boxed primitives, regexps, dates --------------------------------------

def _function_type(value: JSObject) -> str:
    """"Function", "GeneratorFunction", "AsyncFunction" by the function's kind."""
    kind = getattr(value, "kind", None)
    if kind is None:
        return "Function"
    try:
        pass
    except ImportError:  # pragma: no cover - the machine is not there yet
        return "Function"
    if kind == getattr(fk, "GENERATOR", None):
        return "GeneratorFunction"
    if kind in (getattr(fk, "ASYNC", None), getattr(fk, "ASYNC_ARROW", None)):
        return "AsyncFunction"
    if kind == getattr(fk, "ASYNC_GENERATOR", object()):
        return "AsyncGeneratorFunction"
    return "Function"


def get_function_base(value: JSObject, constructor: Optional[str], tag: str) -> str:
    """node's getFunctionBase."""
    stringified = function_source_text(value)
    if stringified.startswith("class") and stringified.endswith("}"):
        sl = stringified[5:-1]
        bracket_index = sl.find("{")
        if bracket_index != -1 and ("(" not in sl[:bracket_index] or
                                    _CLASS_RE.search(_STRIP_COMMENTS_RE.sub("", sl))):
            return get_class_base(value, constructor, tag)
    typ = _function_type(value)
    base = f"[{typ}"
    if constructor is None:
        base += " (null prototype)"
    name = _get(value, "name")
    if name == "":
        base += " (anonymous)"
    else:
        base += f": {_js_string(name)}"
    base += "]"
    if constructor != typ and constructor is not None:
        base += f" {constructor}"
    if tag != "" and constructor != tag:
        base += f" [{tag}]"
    return base


def get_class_base(value: JSObject, constructor: Optional[str], tag: str) -> str:
    """node's getClassBase."""
    name: Any = None
    if value.get_own_property("name") is not None:
        name = _get(value, "name")
    name = _js_string(name) if to_boolean(name) else "(anonymous)"
    base = f"class {name}"
    if constructor != "Function" and constructor is not None:
        base += f" [{constructor}]"
    if tag != "" and constructor != tag:
        base += f" [{tag}]"
    if constructor is not None:
        sup = value.proto
        super_name = _get(sup, "name") if sup is not None else None
        if to_boolean(super_name):
            base += f" extends {_js_string(super_name)}"
    else:
        base += " extends [null prototype]"
    return f"[{base}]"


def get_boxed_base(value: JSPrimitiveObject, ctx: Ctx, keys: list, constructor: Optional[str],
                   tag: str) -> str:
    """node's getBoxedBase."""
    typ = value.cls
    if typ == "String":
        # the index keys are noise: the value is shown anyway
        del keys[:len(value.value)]
    base = f"[{typ}"
    if typ != constructor:
        if constructor is None:
            base += " (null prototype)"
        else:
            base += f" ({constructor})"
    base += f": {format_primitive(value.value, Ctx(ctx.depth, False, ctx.break_length, ctx.compact))}]"
    if tag != "" and tag != constructor:
        base += f" [{tag}]"
    return base


def _call_native(name: str, this: Any) -> Any:
    """Call the original builtin ``name`` (node uses primordials, immune to user patches)."""
    entry = NATIVES.get(name)
    if entry is None:
        return None
    fn, _length, ctor, callee, gen = entry
    if gen:
        return None
    if ctor:
        return fn(this, [], None)
    if callee:
        return None
    return fn(this, [])


def _regexp_to_string(value: JSObject) -> str:
    s = _call_native("RegExp.prototype.toString", value)
    if type(s) is str:
        return s
    return f"/{_js_string(_get(value, 'source'))}/{_js_string(_get(value, 'flags'))}"


def _date_base(value: JSObject) -> str:
    try:
        s = _call_native("Date.prototype.toISOString", value)
    except JSThrow:  # an invalid date
        s = _call_native("Date.prototype.toString", value)
    return s if type(s) is str else "Invalid Date"


# -- arrays, sets, maps, iterators, promises ---------------------------------------------------

def _remaining_text(remaining: int) -> str:
    return f"... {remaining} more item{'s' if remaining > 1 else ''}"


def format_array(ctx: Ctx, value: JSObject, recurse_times: int) -> list:
    """node's formatArray."""
    val_len = _array_length(value)
    length = min(max(0, ctx.max_array_length), val_len)
    remaining = val_len - length
    output: list = []
    for i in range(length):
        if value.get_own_property(str(i)) is None:
            return format_special_array(ctx, value, recurse_times, length, output, i)
        output.append(format_property(ctx, value, recurse_times, str(i), K_ARRAY_TYPE))
    if remaining > 0:
        output.append(_remaining_text(remaining))
    return output


def _array_length(value: JSObject) -> int:
    if isinstance(value, JSArray):
        return value.length
    return to_length(_get(value, "length"))


def format_special_array(ctx: Ctx, value: JSObject, recurse_times: int, max_length: int,
                         output: list, i: int) -> list:
    """node's formatSpecialArray: arrays with holes."""
    keys = get_keys(value, False)
    keys = [k for k in keys if type(k) is str]  # Object.keys
    index = i
    while i < len(keys) and len(output) < max_length:
        key = keys[i]
        tmp = float(key) if _NUMBER_RE.match(key) else math.nan  # node: +key
        if tmp > 2 ** 32 - 2:
            break
        if str(index) != key:
            if _NUMBER_RE.match(key) is None:
                break
            empty_items = int(tmp) - index
            output.append(f"<{empty_items} empty item{'s' if empty_items > 1 else ''}>")
            index = int(tmp)
            if len(output) == max_length:
                break
        output.append(format_property(ctx, value, recurse_times, key, K_ARRAY_TYPE))
        index += 1
        i += 1
    remaining = _array_length(value) - index
    if len(output) != max_length:
        if remaining > 0:
            output.append(f"<{remaining} empty item{'s' if remaining > 1 else ''}>")
    elif remaining > 0:
        output.append(_remaining_text(remaining))
    return output


def _bind_set(entries: list) -> Callable[[Ctx, JSObject, int], list]:
    def format_set(ctx: Ctx, value: JSObject, recurse_times: int) -> list:
        """node's formatSet."""
        length = len(entries)
        max_length = min(max(0, ctx.max_array_length), length)
        output = []
        ctx.indentation_lvl += 2
        for k, _v in entries[:max_length]:
            output.append(format_value(ctx, k, recurse_times))
        if length > max_length:
            output.append(_remaining_text(length - max_length))
        ctx.indentation_lvl -= 2
        return output
    return format_set


def _bind_map(entries: list) -> Callable[[Ctx, JSObject, int], list]:
    def format_map(ctx: Ctx, value: JSObject, recurse_times: int) -> list:
        """node's formatMap."""
        length = len(entries)
        max_length = min(max(0, ctx.max_array_length), length)
        output = []
        ctx.indentation_lvl += 2
        for k, v in entries[:max_length]:
            output.append(f"{format_value(ctx, k, recurse_times)} => "
                          f"{format_value(ctx, v, recurse_times)}")
        if length > max_length:
            output.append(_remaining_text(length - max_length))
        ctx.indentation_lvl -= 2
        return output
    return format_map


def _iterator_preview(it: Any) -> tuple:
    """V8's previewEntries(iterator, true): the entries still to come, and isKeyValue."""
    table = getattr(it, "table", None)
    if table is None:
        return [], False
    start = max(0, getattr(it, "pos", table.moffset) - table.moffset)
    vals = table.mvals
    kind = getattr(it, "kind", "value")
    out: list = []
    for i in range(start, len(table.mkeys)):
        k = table.mkeys[i]
        if k is MISSING:
            continue
        v = k if vals is None else vals[i]
        if kind in ("key+value", "entries", "entry"):
            out.extend((k, v))
        elif kind in ("key", "keys"):
            out.append(k)
        else:
            out.append(v)
    return out, kind in ("key+value", "entries", "entry")


def _bind_iterator(braces: list) -> Callable[[Ctx, JSObject, int], list]:
    def format_iterator(ctx: Ctx, value: JSObject, recurse_times: int) -> list:
        """node's formatIterator."""
        entries, is_key_value = _iterator_preview(value)
        if is_key_value:
            braces[0] = re.sub(r" Iterator\] \{$", " Entries] {", braces[0])
            return _format_map_iter_inner(ctx, recurse_times, entries)
        return _format_set_iter_inner(ctx, recurse_times, entries)
    return format_iterator


def _format_set_iter_inner(ctx: Ctx, recurse_times: int, entries: list) -> list:
    max_length = min(max(ctx.max_array_length, 0), len(entries))
    ctx.indentation_lvl += 2
    output = [format_value(ctx, e, recurse_times) for e in entries[:max_length]]
    ctx.indentation_lvl -= 2
    if len(entries) > max_length:
        output.append(_remaining_text(len(entries) - max_length))
    return output


def _format_map_iter_inner(ctx: Ctx, recurse_times: int, entries: list) -> list:
    length = len(entries) // 2
    max_length = min(max(ctx.max_array_length, 0), length)
    output = []
    ctx.indentation_lvl += 2
    for i in range(max_length):
        res = [format_value(ctx, entries[2 * i], recurse_times),
               format_value(ctx, entries[2 * i + 1], recurse_times)]
        output.append(reduce_to_single_string(ctx, res, "", ["[", "]"], K_ARRAY_EXTRAS_TYPE,
                                              recurse_times))
    ctx.indentation_lvl -= 2
    if length > max_length:
        output.append(_remaining_text(length - max_length))
    return output


def _format_weak_collection(ctx: Ctx, value: JSObject, recurse_times: int) -> list:
    return ["<items unknown>"]


def _promise_details(value: JSObject) -> tuple:
    """(state, result) of a promise: state "pending", "fulfilled" or "rejected"."""
    state = getattr(value, "state", None)
    result = getattr(value, "result", None)
    if state is None:
        return "pending", None
    s = str(state).lower()
    if "fulfil" in s or "resolved" in s:
        return "fulfilled", result
    if "reject" in s:
        return "rejected", result
    return "pending", None


def format_promise(ctx: Ctx, value: JSObject, recurse_times: int) -> list:
    """node's formatPromise."""
    state, result = _promise_details(value)
    if state == "pending":
        return ["<pending>"]
    ctx.indentation_lvl += 2
    s = format_value(ctx, result, recurse_times)
    ctx.indentation_lvl -= 2
    return [f"<rejected> {s}" if state == "rejected" else s]


# -- properties -------------------------------------------------------------------------------


def format_property(ctx: Ctx, value: JSObject, recurse_times: int, key: Any, typ: int) -> str:
    """node's formatProperty."""
    own = value.get_own_property(key)
    if own is None:
        v, attrs = _get(value, key), E
    else:
        v, attrs = own
    if attrs & ACC:
        if v.get is not None:
            s = "[Getter/Setter]" if v.set is not None else "[Getter]"
        elif v.set is not None:
            s = "[Setter]"
        else:
            s = "undefined"
    elif v is not None:
        ctx.indentation_lvl += 2
        s = format_value(ctx, v, recurse_times)
        ctx.indentation_lvl -= 2
    else:
        s = "undefined"
    if typ == K_ARRAY_TYPE:
        return s
    if type(key) is JSSymbol:
        name = f"[{_escape_key(symbol_to_string(key))}]"
    elif key == "__proto__":
        name = "['__proto__']"
    elif not attrs & E:
        name = f"[{_escape_key(key)}]"
    elif _KEY_STR_RE.match(key):
        name = key
    else:
        name = str_escape(key)
    return f"{name}: {s}"


# -- uncaught errors --------------------------------------------------------------------------

def error_headline(err: Any) -> str:
    """The line node prints for an uncaught exception: an error's first stack line
    (``TypeError: x is not a function``), else ``Uncaught `` and the inspected value."""
    if isinstance(err, JSObject) and _is_error(err):
        try:
            stack = _get(err, "stack")
            if type(stack) is str and stack:
                return stack.split("\n", 1)[0]
            return error_to_string(err)
        except JSThrow:
            return "Error"
    try:
        return "Uncaught " + inspect(err)
    except JSThrow:
        return "Uncaught exception"
