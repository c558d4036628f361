"""``atob`` and ``btoa`` (https://html.spec.whatwg.org/multipage/webappapis.html#atob) with
the forgiving-base64 algorithms of https://infra.spec.whatwg.org/#forgiving-base64."""
from __future__ import annotations

import base64
import binascii
import re
from typing import Any, Optional

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.type_conversion import to_string
from ..interp.values import C, W
from .dom_exception import dom_exception
from .platform_object import node_type_error

__all__ = ["forgiving_base64_decode", "setup"]

_ASCII_WHITESPACE = re.compile("[\t\n\f\r ]")
_ALPHABET = re.compile(r"[A-Za-z0-9+/]*\Z")


def forgiving_base64_decode(data: str) -> Optional[bytes]:
    """Infra 4.7 forgiving-base64 decode: the bytes, or None for failure."""
    data = _ASCII_WHITESPACE.sub("", data)
    if len(data) % 4 == 0:
        if data.endswith("=="):
            data = data[:-2]
        elif data.endswith("="):
            data = data[:-1]
    if len(data) % 4 == 1 or not _ALPHABET.match(data):
        return None
    padded = data + "=" * (-len(data) % 4)
    try:   # non-zero trailing bits are discarded, as the standard says
        return base64.b64decode(padded, validate=True)
    except binascii.Error:
        return None


@native("atob", 1)
def atob(this: Any, args: list) -> Any:
    """HTML 8.3 atob(data)."""
    if not args:
        raise node_type_error('The "data" argument must be specified', "ERR_MISSING_ARGS")
    data = to_string(args[0])
    decoded = forgiving_base64_decode(data)
    if decoded is None:
        raise dom_exception(_node_message(data), "InvalidCharacterError")
    return decoded.decode("latin-1")


def _node_message(data: str) -> str:
    """node's atob says which check failed (lib/buffer.js atob)."""
    equals = 0
    for c in data:
        if c in "\t\n\f\r ":
            continue
        if c == "=":
            equals += 1
        elif not ("A" <= c <= "Z" or "a" <= c <= "z" or "0" <= c <= "9" or c in "+/") or equals:
            return "Invalid character"
        if equals > 2:
            return "Invalid character"
    count = len(_ASCII_WHITESPACE.sub("", data))
    if count % 4 and equals:
        return "Invalid character"
    return "The string to be decoded is not correctly encoded."


@native("btoa", 1)
def btoa(this: Any, args: list) -> Any:
    """HTML 8.3 btoa(data): the code units must all be at most U+00FF."""
    if not args:
        raise node_type_error('The "data" argument must be specified', "ERR_MISSING_ARGS")
    s = to_string(arg(args, 0))
    if any(c > "\xff" for c in s):
        raise dom_exception("Invalid character", "InvalidCharacterError")
    return base64.b64encode(s.encode("latin-1")).decode("ascii")


def setup(realm: Any) -> None:
    for name in ("atob", "btoa"):
        realm.global_object.put_hidden(name, realm.native(name), W | C)
