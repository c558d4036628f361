"""Platform objects: JS objects of the web APIs (URL, AbortSignal, Event...) with internal slots.

Every web API object is a ``JSPlatformObject``: an ordinary object whose ``cls`` names its
interface and whose ``internal`` dict holds its internal slots as plain data (str, float,
int, bool, None, tuples and lists of them) or JS values.  One record type in the state
format covers all of them (fetchflow/state_records.py checks the interface name and the
slot values), so adding an interface adds no record type.
"""
from __future__ import annotations

from typing import Any, Optional

from ..interp.operations.errors import make_error
from ..interp.values import C, E, W, JSObject, JSThrow, SYM_TO_STRING_TAG
from ..interp.values import NULL, JSSymbol

__all__ = ["JSPlatformObject", "INTERFACES", "this_object", "check_internal", "new_platform_object",
           "node_type_error", "tag"]

# the interfaces a platform object may implement (the state loader refuses any other name)
INTERFACES = frozenset(["URL", "URLSearchParams", "URLSearchParams Iterator", "EventTarget", "Event", "AbortController",
                        "AbortSignal", "DOMException", "Performance", "Crypto",
                        "TextEncoder", "TextDecoder", "Headers", "Headers Iterator", "Request", "Response",
                        "Blob", "File", "FormData", "FormData Iterator", "SubtleCrypto", "CryptoKey"])
_PLAIN = (str, float, int, bool, type(None), bytes)


class JSPlatformObject(JSObject):
    """An object implementing a web IDL interface (``cls``), with internal slots."""
    __slots__ = ("internal",)

    def __init__(self, proto: Optional[JSObject], cls: str, internal: Optional[dict] = None) -> None:
        JSObject.__init__(self, proto, cls)
        self.internal: dict = internal if internal is not None else {}


def new_platform_object(realm: Any, cls: str, internal: Optional[dict] = None,
                        proto: Optional[JSObject] = None) -> JSPlatformObject:
    return JSPlatformObject(proto or realm.intr[cls + "Prototype"], cls, internal)


def this_object(v: Any, cls: str) -> JSPlatformObject:
    """The receiver check of a web IDL operation or attribute (node's message)."""
    if isinstance(v, JSPlatformObject) and v.cls == cls:
        return v
    raise node_type_error(f"Value of \"this\" must be of type {cls}", "ERR_INVALID_THIS")


def node_type_error(message: str, code: Optional[str] = None, **extra: Any) -> JSThrow:
    """A TypeError as node's internal errors make them: ``code`` and extra data are own
    enumerable properties."""
    err = make_error("TypeError", message)
    if code is not None:
        err.put_hidden("code", code, W | E | C)
    for k, v in extra.items():
        err.put_hidden(k, v, W | E | C)
    return JSThrow(err)


def tag(proto: JSObject, name: str) -> None:
    """``proto[Symbol.toStringTag] = name`` as web IDL defines it (configurable only)."""
    proto.put_hidden(SYM_TO_STRING_TAG, name, C)


def check_internal(value: Any, depth: int = 0) -> bool:
    """Whether ``value`` is a valid internal slot value (what the state loader accepts)."""
    if isinstance(value, _PLAIN) or isinstance(value, JSObject):
        return True
    if depth > 8:
        return False
    if type(value) in (list, tuple):
        return all(check_internal(v, depth + 1) for v in value)
    if type(value) is dict:
        return all(type(k) is str and check_internal(v, depth + 1) for k, v in value.items())
    return value is NULL or isinstance(value, JSSymbol)

