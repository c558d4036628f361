"""node 20's ``util.inspect`` of errors (formatError, improveStack): the stack, or
``[name: message]`` without one, with the constructor's name put in where it differs."""
from __future__ import annotations

import re
from typing import Optional

from .builtins.error import error_to_string
from .inspect_text import Ctx, _get, _js_string, get_prefix
from .operations.type_conversion import to_boolean
from .runtime import CTX
from .values import NULL, JSArray, JSObject

def _is_error(v: JSObject) -> bool:
    """node's isError: a native error, or ``instanceof Error``."""
    if v.cls == "Error":
        return True
    realm = CTX.realm
    ep = realm.intr.get("ErrorPrototype") if realm is not None else None
    p = v.proto
    while p is not None:
        if p is ep:
            return True
        p = p.proto
    return False


def _get_stack_string(err: JSObject) -> str:
    stack = _get(err, "stack")
    if to_boolean(stack):
        return _js_string(stack)
    return error_to_string(err)


def _improve_stack(stack: str, constructor: Optional[str], name: str, tag: str) -> str:
    """node's improveStack."""
    ln = len(name)
    if constructor is None or (name.endswith("Error") and stack.startswith(name) and
                               (len(stack) == ln or stack[ln] == ":" or stack[ln] == "\n")):
        fallback = "Error"
        if constructor is None:
            m = re.match(r"^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)", stack) or \
                re.match(r"^([a-z_A-Z0-9-]*Error)\Z", stack)
            fallback = (m and m.group(1)) or ""
            ln = len(fallback)
            fallback = fallback or "Error"
        prefix = get_prefix(constructor, tag, fallback)[:-1]
        if name != prefix:
            if name in prefix:
                if ln == 0:
                    stack = f"{prefix}: {stack}"
                else:
                    stack = f"{prefix}{stack[ln:]}"
            else:
                stack = f"{prefix} [{name}]{stack[ln:]}"
    return stack


def format_error(err: JSObject, constructor: Optional[str], tag: str, ctx: Ctx,
                 keys: list) -> str:
    """node's formatError."""
    name_v = _get(err, "name")
    name = "Error" if name_v is None or name_v is NULL else _js_string(name_v)
    stack = _get_stack_string(err)
    # removeDuplicateErrorKeys
    if not ctx.show_hidden and keys:
        for n in ("name", "message", "stack"):
            if n in keys:
                v = _get(err, n)
                if _js_string(v) in stack:
                    keys.remove(n)
    if err.has_property("cause") and "cause" not in keys:
        keys.append("cause")
    errors = _get(err, "errors")
    if isinstance(errors, JSArray) and "errors" not in keys:
        keys.append("errors")
    stack = _improve_stack(stack, constructor, name, tag)
    # node: pos = (err.message && stack.indexOf(err.message)) || -1
    message = _get(err, "message")
    pos = -1
    if to_boolean(message):
        msg = _js_string(message)
        pos = stack.find(msg) or -1
        if pos != -1:
            pos += len(msg)
    stack_start = stack.find("\n    at", max(pos, 0))
    if stack_start == -1:
        stack = f"[{stack}]"
    if ctx.indentation_lvl != 0:
        stack = stack.replace("\n", "\n" + " " * ctx.indentation_lvl)
    return stack
