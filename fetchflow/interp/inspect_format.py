"""node 20's ``util.format`` (``formatWithOptions`` with default options): one
``console.log`` line from its arguments, format specifiers (%s %d %i %f %j %o %O %c %%) in a
first string argument, strings printed raw and every other value inspected."""
from __future__ import annotations

from typing import Any, Optional

from .builtins.global_functions import parse_float, parse_int
from .inspect_text import _get, _js_string, format_number, symbol_to_string
from .inspect_value import inspect
from .operations.calls import call
from .operations.type_conversion import to_number, to_string
from .runtime import CTX
from .values import ACC, SYM_TO_PRIMITIVE, JSObject, JSSymbol, JSThrow, is_callable

# node's builtInObjects: global names of the form /^[A-Z][a-zA-Z0-9]+$/
BUILTIN_OBJECTS = frozenset((
    "Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "Date", "Promise",
    "RegExp", "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError",
    "URIError", "JSON", "Math", "Intl", "ArrayBuffer", "Uint8Array", "Int8Array", "Uint16Array",
    "Int16Array", "Uint32Array", "Int32Array", "Float32Array", "Float64Array",
    "Uint8ClampedArray", "BigUint64Array", "BigInt64Array", "DataView", "Map", "BigInt", "Set",
    "WeakMap", "WeakSet", "Proxy", "Reflect", "AggregateError", "FinalizationRegistry",
    "WeakRef", "SharedArrayBuffer", "Atomics", "WebAssembly",
))


def _has_builtin_to_string(value: JSObject) -> bool:
    """node's hasBuiltInToString: no user-defined toString / Symbol.toPrimitive in reach."""
    def has_own(o: Any, k: Any) -> bool:
        return o is not None and o.get_own_property(k) is not None

    check_to_string = True
    check_to_primitive = True
    if not is_callable(_get(value, "toString")):
        if not is_callable(_get(value, SYM_TO_PRIMITIVE)):
            return True
        if has_own(value, SYM_TO_PRIMITIVE):
            return False
        check_to_string = False
    elif has_own(value, "toString"):
        return False
    elif not is_callable(_get(value, SYM_TO_PRIMITIVE)):
        check_to_primitive = False
    elif has_own(value, SYM_TO_PRIMITIVE):
        return False
    pointer: Any = value
    while True:
        pointer = pointer.proto
        if pointer is None:
            return True
        if (check_to_string and has_own(pointer, "toString")) or \
                (check_to_primitive and has_own(pointer, SYM_TO_PRIMITIVE)):
            break
    own = pointer.get_own_property("constructor")
    if own is None or own[1] & ACC or not is_callable(own[0]):
        return False
    name = _get(own[0], "name")
    return type(name) is str and name in BUILTIN_OBJECTS


def _try_stringify(v: Any) -> str:
    realm = CTX.realm
    json = realm.global_object.props.get("JSON") if realm is not None else None
    if not isinstance(json, JSObject):
        return "undefined"
    try:
        r = call(_get(json, "stringify"), json, [v])
    except JSThrow as e:
        err = e.value
        if isinstance(err, JSObject) and _get(err, "name") == "TypeError":
            msg = _get(err, "message")
            if type(msg) is str and msg.startswith("Converting circular structure to JSON"):
                return "[Circular]"
        raise
    return _js_string(r)


def format_args(args: list) -> str:
    """node's formatWithOptions(args) with default options: one console.log line."""
    first = args[0] if args else None
    a = 0
    out: list = []
    join = ""
    if type(first) is str:
        if len(args) == 1:
            return first
        last_pos = 0
        i = 0
        n = len(first)
        while i < n - 1:
            if first[i] == "%":
                i += 1
                next_char = first[i]
                if a + 1 != len(args):
                    temp: Optional[str] = None
                    if next_char == "s":
                        a += 1
                        t = args[a]
                        if type(t) is float:
                            temp = format_number(t)
                        elif not isinstance(t, JSObject) or is_callable(t) or \
                                not _has_builtin_to_string(t):
                            temp = symbol_to_string(t) if type(t) is JSSymbol else to_string(t)
                        else:
                            temp = inspect(t, depth=0)
                    elif next_char == "j":
                        a += 1
                        temp = _try_stringify(args[a])
                    elif next_char == "d":
                        a += 1
                        t = args[a]
                        temp = "NaN" if type(t) is JSSymbol else format_number(
                            to_number(t) if not isinstance(t, JSObject) else _number_of(t))
                    elif next_char == "O":
                        a += 1
                        temp = inspect(args[a])
                    elif next_char == "o":
                        a += 1
                        temp = inspect(args[a], depth=4, show_hidden=True, show_proxy=True)
                    elif next_char == "i":
                        a += 1
                        t = args[a]
                        temp = "NaN" if type(t) is JSSymbol else format_number(_parse_int(t))
                    elif next_char == "f":
                        a += 1
                        t = args[a]
                        temp = "NaN" if type(t) is JSSymbol else format_number(_parse_float(t))
                    elif next_char == "c":
                        a += 1
                        temp = ""
                    elif next_char == "%":
                        out.append(first[last_pos:i])
                        last_pos = i + 1
                        i += 1
                        continue
                    else:
                        i += 1
                        continue
                    if last_pos != i - 1:
                        out.append(first[last_pos:i - 1])
                    out.append(temp)
                    last_pos = i + 1
                elif next_char == "%":
                    out.append(first[last_pos:i])
                    last_pos = i + 1
            i += 1
        if last_pos != 0:
            a += 1
            join = " "
            if last_pos < len(first):
                out.append(first[last_pos:])
    while a < len(args):
        v = args[a]
        out.append(join)
        out.append(v if type(v) is str else inspect(v))
        join = " "
        a += 1
    return "".join(out)


def _number_of(v: Any) -> float:
    return to_number(v)


def _parse_int(v: Any) -> float:
    return parse_int(None, [v])


def _parse_float(v: Any) -> float:
    return parse_float(None, [v])
