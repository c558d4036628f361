"""``Blob`` and ``File`` (https://w3c.github.io/FileAPI/), as node 20 has them.

Internal slots: ``data`` (the bytes, a Python ``bytes``), ``type`` (the lower-cased MIME
type or ""), and for a File ``name`` and ``lastModified``.  The bytes are immutable, so
a slice or a clone shares nothing mutable and everything pickles as plain data.
Reading methods return promises already settled: the bytes are at hand.
"""
from __future__ import annotations

import math
from typing import Any, Optional

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations import promise_operations as P
from ..interp.operations.date_time import current_time_ms
from ..interp.operations.iteration import iterate_to_list
from ..interp.operations.object_operations import get, get_method, get_prototype_from_constructor
from ..interp.operations.type_conversion import to_integer, to_string
from ..interp.runtime import CTX
from ..interp.values import E, NULL, SYM_ITERATOR, JSObject, JSThrow
from .byte_values import buffer_source_bytes, new_array_buffer
from .encoding import _received
from .js_text import utf8_decode, utf8_encode
from .platform_object import JSPlatformObject, new_platform_object, node_type_error, tag
from ..interp.inspect_value import inspect

__all__ = ["new_blob", "new_file", "is_blob", "blob_bytes", "resolved", "rejected", "setup"]


def is_blob(v: Any) -> bool:
    return isinstance(v, JSPlatformObject) and v.cls in ("Blob", "File")


def blob_bytes(b: JSPlatformObject) -> bytes:
    return b.internal["data"]


def new_blob(data: bytes, mime: str = "", proto: Optional[JSObject] = None) -> JSPlatformObject:
    return new_platform_object(CTX.realm, "Blob", {"data": data, "type": mime}, proto)


def new_file(data: bytes, name: str, mime: str = "", last_modified: Optional[float] = None,
             proto: Optional[JSObject] = None) -> JSPlatformObject:
    if last_modified is None:
        last_modified = current_time_ms(CTX.realm)
    return new_platform_object(CTX.realm, "File", {"data": data, "type": mime, "name": name,
                                                   "lastModified": float(last_modified)}, proto)


def resolved(value: Any) -> Any:
    p = P.new_intrinsic_promise()
    P.resolve_promise(p, value)
    return p


def rejected(err: Any) -> Any:
    p = P.new_intrinsic_promise()
    P.reject_promise(p, err)
    return p


def _type_option(t: str) -> str:
    """FileAPI 3.1 step 3: a type with a code point outside U+0020..U+007E is ""."""
    return t.lower() if all(" " <= c <= "~" for c in t) else ""


def _parts_bytes(parts: Any, endings: str) -> bytes:
    """FileAPI 3.1.1 process blob parts."""
    if parts is None:
        return b""
    if not isinstance(parts, JSObject) or get_method(parts, SYM_ITERATOR) is None:
        raise node_type_error(f'The "sources" argument must be a sequence.{_received(parts)}',
                              "ERR_INVALID_ARG_TYPE")
    out = []
    for part in iterate_to_list(parts):
        if is_blob(part):
            out.append(blob_bytes(part))
            continue
        data = buffer_source_bytes(part)
        if data is not None:
            out.append(data)
            continue
        s = to_string(part)
        if endings == "native":
            s = s.replace("\r\n", "\n").replace("\r", "\n")
        out.append(utf8_encode(s))
    return b"".join(out)


def _options(opts: Any) -> tuple:
    """BlobPropertyBag: (type, endings)."""
    if opts is None or opts is NULL:
        return "", "transparent"
    if not isinstance(opts, JSObject):
        raise node_type_error(f'The "options" argument must be a dictionary.{_received(opts)}',
                              "ERR_INVALID_ARG_TYPE")
    endings = get(opts, "endings")
    endings = "transparent" if endings is None else to_string(endings)
    if endings not in ("transparent", "native"):
        raise node_type_error(f"The property 'options.endings' is invalid. Received {inspect(endings)}",
                              "ERR_INVALID_ARG_VALUE")
    t = get(opts, "type")
    return ("" if t is None else _type_option(to_string(t))), endings


@native("Blob", 0, ctor=True)
def blob_ctor(this: Any, args: list, new_target: Any) -> Any:
    """FileAPI 3.1 new Blob(blobParts, options)."""
    if new_target is None:
        raise node_type_error("Class constructor Blob cannot be invoked without 'new'")
    mime, endings = _options(arg(args, 1))
    data = _parts_bytes(arg(args, 0), endings)
    return new_blob(data, mime, get_prototype_from_constructor(new_target, "BlobPrototype"))


@native("File", 2, ctor=True)
def file_ctor(this: Any, args: list, new_target: Any) -> Any:
    """FileAPI 4.1 new File(fileBits, fileName, options)."""
    if new_target is None:
        raise node_type_error("Class constructor File cannot be invoked without 'new'")
    if len(args) < 2:
        raise node_type_error('The "fileBits" and "fileName" arguments must be specified', "ERR_MISSING_ARGS")
    opts = arg(args, 2)
    mime, endings = _options(opts)
    data = _parts_bytes(arg(args, 0), endings)
    name = to_string(arg(args, 1))
    lm = get(opts, "lastModified") if isinstance(opts, JSObject) else None
    last = None if lm is None else to_integer(lm)
    if last is not None and last in (math.inf, -math.inf):
        last = 0.0
    return new_file(data, name, mime, last, get_prototype_from_constructor(new_target, "FilePrototype"))


def _this(v: Any, what: str = "Blob") -> JSPlatformObject:
    if not is_blob(v) or (what == "File" and v.cls != "File"):
        raise node_type_error("Illegal invocation", "ERR_INVALID_THIS")
    return v


@native("get Blob.prototype.size")
def blob_size(this: Any, args: list) -> Any:
    return float(len(blob_bytes(_this(this))))


@native("get Blob.prototype.type")
def blob_type(this: Any, args: list) -> Any:
    return _this(this).internal["type"]


def _relative(v: Any, size: int, default: int) -> int:
    if v is None:
        return default
    n = to_integer(v)
    return int(max(size + n, 0)) if n < 0 else int(min(n, size))


@native("Blob.prototype.slice", 0)
def blob_slice(this: Any, args: list) -> Any:
    """FileAPI 3.3.1 slice(start, end, contentType)."""
    b = _this(this)
    data = blob_bytes(b)
    start = _relative(arg(args, 0), len(data), 0)
    end = _relative(arg(args, 1), len(data), len(data))
    ct = arg(args, 2)
    mime = "" if ct is None else _type_option(to_string(ct))
    return new_blob(data[start:max(start, end)], mime)


@native("Blob.prototype.text", 0)
def blob_text(this: Any, args: list) -> Any:
    try:
        return resolved(utf8_decode(blob_bytes(_this(this))))
    except JSThrow as e:
        return rejected(e.value)


@native("Blob.prototype.arrayBuffer", 0)
def blob_array_buffer(this: Any, args: list) -> Any:
    try:
        return resolved(new_array_buffer(blob_bytes(_this(this))))
    except JSThrow as e:
        return rejected(e.value)


@native("get File.prototype.name")
def file_name(this: Any, args: list) -> Any:
    return _this(this, "File").internal["name"]


@native("get File.prototype.lastModified")
def file_last_modified(this: Any, args: list) -> Any:
    return _this(this, "File").internal["lastModified"]


def setup(realm: Any) -> None:
    bp = JSObject(realm.object_prototype)
    realm.constructor("Blob", "Blob", bp)
    for name in ("type", "size"):
        realm.getter(bp, name, f"get Blob.prototype.{name}")
    for name in ("slice", "arrayBuffer", "text"):
        realm.method(bp, name, f"Blob.prototype.{name}")
    for key in ("type", "size", "slice", "arrayBuffer", "text"):
        bp.flags[key] |= E  # type: ignore[index]
    tag(bp, "Blob")
    fp = JSObject(bp)
    ctor = realm.constructor("File", "File", fp)
    ctor.proto = realm.intr["Blob"]
    for name in ("name", "lastModified"):
        realm.getter(fp, name, f"get File.prototype.{name}")
        fp.flags[name] |= E  # type: ignore[index]
    tag(fp, "File")
