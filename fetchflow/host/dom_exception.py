"""``DOMException`` (https://webidl.spec.whatwg.org/#idl-DOMException).

A DOMException is a platform object (internal slots ``name`` and ``message``) whose
prototype inherits from ``Error.prototype``, so ``instanceof Error`` holds and node's
console prints it as an error (``DOMException [AbortError]: ...`` with its stack).
"""
from __future__ import annotations

from typing import Any

from ..interp.builtins.error import capture_frames
from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.type_conversion import to_string
from ..interp.runtime import CTX
from ..interp.values import C, E, W, JSObject, JSThrow
from .platform_object import JSPlatformObject, node_type_error, tag, this_object
from ..interp.operations.object_operations import get_prototype_from_constructor

__all__ = ["new_dom_exception", "dom_exception", "LEGACY_CODES", "setup"]

# web IDL 3.14.1 error names with a legacy code (name, code, constant)
_TABLE = (
    ("IndexSizeError", 1, "INDEX_SIZE_ERR"), (None, 2, "DOMSTRING_SIZE_ERR"),
    ("HierarchyRequestError", 3, "HIERARCHY_REQUEST_ERR"), ("WrongDocumentError", 4, "WRONG_DOCUMENT_ERR"),
    ("InvalidCharacterError", 5, "INVALID_CHARACTER_ERR"), (None, 6, "NO_DATA_ALLOWED_ERR"),
    ("NoModificationAllowedError", 7, "NO_MODIFICATION_ALLOWED_ERR"), ("NotFoundError", 8, "NOT_FOUND_ERR"),
    ("NotSupportedError", 9, "NOT_SUPPORTED_ERR"), ("InUseAttributeError", 10, "INUSE_ATTRIBUTE_ERR"),
    ("InvalidStateError", 11, "INVALID_STATE_ERR"), ("SyntaxError", 12, "SYNTAX_ERR"),
    ("InvalidModificationError", 13, "INVALID_MODIFICATION_ERR"), ("NamespaceError", 14, "NAMESPACE_ERR"),
    ("InvalidAccessError", 15, "INVALID_ACCESS_ERR"), (None, 16, "VALIDATION_ERR"),
    ("TypeMismatchError", 17, "TYPE_MISMATCH_ERR"), ("SecurityError", 18, "SECURITY_ERR"),
    ("NetworkError", 19, "NETWORK_ERR"), ("AbortError", 20, "ABORT_ERR"),
    ("URLMismatchError", 21, "URL_MISMATCH_ERR"), ("QuotaExceededError", 22, "QUOTA_EXCEEDED_ERR"),
    ("TimeoutError", 23, "TIMEOUT_ERR"), ("InvalidNodeTypeError", 24, "INVALID_NODE_TYPE_ERR"),
    ("DataCloneError", 25, "DATA_CLONE_ERR"),
)
LEGACY_CODES = {name: code for name, code, _c in _TABLE if name is not None}


def new_dom_exception(message: str, name: str, proto: Any = None) -> JSPlatformObject:
    """A DOMException with an own ``stack`` (as V8's captureStackTrace gives node's)."""
    realm = CTX.realm
    obj = JSPlatformObject(proto or realm.intr["DOMExceptionPrototype"], "DOMException",
                           {"name": name, "message": message})
    header = f"{name}: {message}" if message else name
    obj.put_hidden("stack", header + capture_frames(), W | C)
    return obj


def dom_exception(message: str, name: str) -> JSThrow:
    """For ``raise``: a JSThrow carrying a new DOMException."""
    return JSThrow(new_dom_exception(message, name))


@native("DOMException", 0, ctor=True)
def dom_exception_ctor(this: Any, args: list, new_target: Any) -> Any:
    """web IDL 3.14.1 new DOMException(message = "", name = "Error")."""
    if new_target is None:
        raise node_type_error("Class constructor DOMException cannot be invoked without 'new'")
    proto = get_prototype_from_constructor(new_target, "DOMExceptionPrototype")
    message, name = arg(args, 0), arg(args, 1)
    return new_dom_exception("" if message is None else to_string(message),
                             "Error" if name is None else to_string(name), proto)


@native("get DOMException.prototype.name")
def dom_exception_name(this: Any, args: list) -> Any:
    return this_object(this, "DOMException").internal["name"]


@native("get DOMException.prototype.message")
def dom_exception_message(this: Any, args: list) -> Any:
    return this_object(this, "DOMException").internal["message"]


@native("get DOMException.prototype.code")
def dom_exception_code(this: Any, args: list) -> Any:
    return float(LEGACY_CODES.get(this_object(this, "DOMException").internal["name"], 0))


def setup(realm: Any) -> None:
    proto = JSObject(realm.intr["ErrorPrototype"])
    ctor = realm.constructor("DOMException", "DOMException", proto)
    for name in ("name", "message", "code"):
        realm.getter(proto, name, f"get DOMException.prototype.{name}")
        proto.flags[name] |= E  # type: ignore[index]
    for _name, code, const in _TABLE:
        ctor.put_hidden(const, float(code), E)
        proto.put_hidden(const, float(code), E)
    tag(proto, "DOMException")
