"""Creating and throwing the native errors (ES2017 19.5.5) from Python code."""
from __future__ import annotations

from typing import Any

from ..runtime import CTX
from ..values import C, W, JSObject, JSThrow


def make_error(kind: str, message: str, realm: Any = None) -> JSObject:
    """A new ``kind`` error object (``"TypeError"``...) with ``message`` and a ``stack``."""
    realm = realm or CTX.realm
    proto = realm.intr.get(kind + "Prototype") or realm.object_prototype
    if realm.intr.get(kind + "Prototype") is not None:
        # a real error object (builtins/error.py): [[ErrorData]], V8-style lazy stack
        from ..builtins.error import new_error_object
        return new_error_object(proto, message)
    err = JSObject(proto, "Error")
    err.put_hidden("message", message, W | C)
    m = CTX.machine
    stack = m.stack_trace() if m is not None else ""
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
