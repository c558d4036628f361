"""Creating and throwing the native errors (ES2017 19.5.5) from Python code."""
from __future__ import annotations

from typing import Any

from ..runtime import CTX
from ..values import NULL, C, W, JSObject, JSSymbol, JSThrow
from .number_format import number_to_string

# builtins/error.py installs its error constructor here (it imports this module): errors made
# before the builtins exist, or in a realm without them, are plain objects
NEW_ERROR_OBJECT: list = []


def make_error(kind: str, message: str, realm: Any = None) -> JSObject:
    """A new ``kind`` error object (``"TypeError"``...) with ``message`` and a ``stack``."""
    realm = realm or CTX.realm
    proto = realm.intr.get(kind + "Prototype") or realm.object_prototype
    if realm.intr.get(kind + "Prototype") is not None and NEW_ERROR_OBJECT:
        # a real error object (builtins/error.py): [[ErrorData]], V8-style lazy stack
        return NEW_ERROR_OBJECT[0](proto, message)
    err = JSObject(proto, "Error")
    err.put_hidden("message", message, W | C)
    m = CTX.machine
    stack = m.stack_trace(message) if m is not None else ""
    err.put_hidden("stack", f"{kind}: {message}" + stack, W | C)
    return err


def throw(kind: str, message: str) -> JSThrow:
    """Return (for ``raise``) a JSThrow carrying a new ``kind`` error."""
    return JSThrow(make_error(kind, message))


def type_error(message: str) -> JSThrow:
    return JSThrow(make_error("TypeError", message))


def range_error(message: str) -> JSThrow:
    return JSThrow(make_error("RangeError", message))


def reference_error(message: str) -> JSThrow:
    return JSThrow(make_error("ReferenceError", message))


def syntax_error(message: str) -> JSThrow:
    return JSThrow(make_error("SyntaxError", message))


def to_display(v: Any) -> str:
    """A short description of a value for error messages."""
    if v is None:
        return "undefined"
    if v is NULL:
        return "null"
    t = type(v)
    if t is str:
        return repr(v)
    if t is JSSymbol:
        return f"Symbol({v.description or ''})"
    if isinstance(v, JSObject):
        return "object" if not v.call_kind else "function"
    if t is float:
        return number_to_string(v)
    if t is bool:
        return "true" if v else "false"
    return str(v)
