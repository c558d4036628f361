"""``TextEncoder`` and ``TextDecoder`` (https://encoding.spec.whatwg.org/#api), as node 20 has them.

A decoder's internal slots are plain data, so one in the middle of a stream survives a
pause: ``encoding``, ``fatal``, ``ignoreBOM``, ``pending`` (the bytes of an unfinished
sequence, as a latin-1 str), ``bom_seen`` and ``streaming`` (its do-not-flush flag).
The decoders are Python's codecs, whose replacement of ill-formed sequences follows the
Unicode "maximal subpart" practice the standard prescribes.
"""
from __future__ import annotations

import codecs
from typing import Any, Tuple

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.buffers import JSArrayBuffer, JSDataView, JSTypedArray
from ..interp.operations.errors import make_error
from ..interp.operations.object_operations import get
from ..interp.operations.type_conversion import to_boolean, to_string
from ..interp.runtime import CTX
from ..interp.values import C, E, NULL, W, JSObject, JSThrow, is_callable
from .platform_object import new_platform_object, node_type_error, tag, this_object
from .js_text import to_js_string, utf8_encode
from ..interp.inspect_value import inspect
from ..interp.operations.object_operations import get_prototype_from_constructor
from ..interp.builtins.typed_array import typed_array_create

__all__ = ["get_encoding", "utf8_encode", "decode_bytes", "setup"]

# Encoding 4.2 labels of the encodings supported here (name -> labels)
_LABELS = {
    "utf-8": ("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"),
    "utf-16be": ("unicodefffe", "utf-16be"),
    "utf-16le": ("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"),
    "windows-1252": ("ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
                     "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
                     "us-ascii", "windows-1252", "x-cp1252"),
}
_BY_LABEL = {label: name for name, labels in _LABELS.items() for label in labels}
_CODEC = {"utf-8": "utf-8", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be"}
# windows-1252 as the index gives it: the five bytes cp1252 leaves undefined map to C1 controls.
# (node 20 decodes 0x80-0x9F as latin-1 instead, a bug later node versions fixed.)
_WINDOWS_1252 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
_ASCII_WS = "\t\n\f\r "


def get_encoding(label: str) -> Any:
    """Encoding 4.2 get an encoding: the name, or None for failure."""
    return _BY_LABEL.get(label.strip(_ASCII_WS).lower())


def _received(v: Any) -> str:
    """The tail of node's ERR_INVALID_ARG_TYPE message (lib/internal/errors.js)."""
    if v is None or v is NULL:
        return f" Received {'undefined' if v is None else 'null'}"
    if isinstance(v, JSObject):
        if is_callable(v):
            name = get(v, "name")
            return f" Received function {name}" if name else " Received function"
        ctor = get(v, "constructor")
        name = get(ctor, "name") if isinstance(ctor, JSObject) else None
        return f" Received an instance of {name}" if type(name) is str and name else " Received an instance of Object"
    shown = inspect(v)
    if type(v) is str:
        shown = inspect(v[:25] + "..." if len(v) > 28 else v)
    typ = {bool: "boolean", float: "number", int: "number", str: "string"}.get(type(v), "symbol")
    return f" Received type {typ} ({shown})"


def _buffer_source_bytes(v: Any) -> bytes:
    """A copy of the bytes held by an AllowSharedBufferSource (node's message otherwise)."""
    if isinstance(v, JSArrayBuffer):
        return bytes(v.data or b"")
    if isinstance(v, JSTypedArray):
        d = v.buffer.data
        return b"" if d is None else bytes(d[v.offset:v.offset + v.array_length() * v.element_size])
    if isinstance(v, JSDataView):
        d = v.buffer.data
        return b"" if d is None else bytes(d[v.offset:v.offset + v.byte_length])
    raise node_type_error('The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or '
                          'ArrayBufferView.', "ERR_INVALID_ARG_TYPE")


def decode_bytes(data: bytes, encoding: str, fatal: bool, final: bool, pending: str) -> Tuple[str, str]:
    """Decode ``pending`` + ``data``: the text (Python str) and the bytes left unfinished."""
    if encoding == "windows-1252":
        return "".join(_WINDOWS_1252[b] for b in data) if not data.isascii() else data.decode("ascii"), ""
    decoder = codecs.getincrementaldecoder(_CODEC[encoding])("strict" if fatal else "replace")
    try:
        text = decoder.decode(pending.encode("latin-1") + data, final)
    except UnicodeDecodeError:
        raise node_type_error(f"The encoded data was not valid for encoding {encoding}",
                              "ERR_ENCODING_INVALID_ENCODED_DATA") from None
    return text, decoder.getstate()[0].decode("latin-1")


# -- TextEncoder ------------------------------------------------------------------------------------

@native("TextEncoder", 0, ctor=True)
def text_encoder_ctor(this: Any, args: list, new_target: Any) -> Any:
    if new_target is None:
        raise node_type_error("Class constructor TextEncoder cannot be invoked without 'new'")
    proto = get_prototype_from_constructor(new_target, "TextEncoderPrototype")
    return new_platform_object(CTX.realm, "TextEncoder", {}, proto)


@native("get TextEncoder.prototype.encoding")
def text_encoder_encoding(this: Any, args: list) -> Any:
    this_object(this, "TextEncoder")
    return "utf-8"


@native("TextEncoder.prototype.encode", 0)
def text_encoder_encode(this: Any, args: list) -> Any:
    """Encoding 7.1 encode(input = "")."""
    this_object(this, "TextEncoder")
    v = arg(args, 0)
    data = utf8_encode("" if v is None else to_string(v))
    out = typed_array_create("Uint8", len(data))
    out.buffer.data[:] = data  # type: ignore[index]
    return out


@native("TextEncoder.prototype.encodeInto", 2)
def text_encoder_encode_into(this: Any, args: list) -> Any:
    """Encoding 7.1 encodeInto(source, destination): whole code points while they fit."""
    this_object(this, "TextEncoder")
    src, dest = arg(args, 0), arg(args, 1)
    if type(src) is not str:
        raise node_type_error(f'The "src" argument must be of type string.{_received(src)}', "ERR_INVALID_ARG_TYPE")
    if not isinstance(dest, JSTypedArray) or dest.kind != "Uint8":
        raise node_type_error(f'The "dest" argument must be an instance of Uint8Array.{_received(dest)}',
                              "ERR_INVALID_ARG_TYPE")
    room = 0 if dest.buffer.data is None else dest.array_length()
    read = written = 0
    out = bytearray()
    n = len(src)
    while read < n and written < room:
        c = ord(src[read])
        units = 1
        if 0xD800 <= c < 0xDC00 and read + 1 < n and 0xDC00 <= ord(src[read + 1]) < 0xE000:
            c = 0x10000 + ((c - 0xD800) << 10) + (ord(src[read + 1]) - 0xDC00)
            units = 2
        elif 0xD800 <= c < 0xE000:
            c = 0xFFFD
        b = chr(c).encode("utf-8")
        if written + len(b) > room:
            break
        out += b
        read += units
        written += len(b)
    if out:
        dest.buffer.data[dest.offset:dest.offset + written] = out  # type: ignore[index]
    result = JSObject(CTX.realm.object_prototype)
    result.put_hidden("read", float(read), W | E | C)
    result.put_hidden("written", float(written), W | E | C)
    return result


# -- TextDecoder ------------------------------------------------------------------------------------

@native("TextDecoder", 0, ctor=True)
def text_decoder_ctor(this: Any, args: list, new_target: Any) -> Any:
    """Encoding 7.2 new TextDecoder(label = "utf-8", options = {})."""
    if new_target is None:
        raise node_type_error("Class constructor TextDecoder cannot be invoked without 'new'")
    label_v, options = arg(args, 0), arg(args, 1)
    label = "utf-8" if label_v is None else to_string(label_v)
    if options is not None and options is not NULL and not isinstance(options, JSObject):
        raise node_type_error(f'The "options" argument must be of type object.{_received(options)}',
                              "ERR_INVALID_ARG_TYPE")
    encoding = get_encoding(label)
    if encoding is None:
        err = make_error("RangeError", f'The "{label}" encoding is not supported')
        err.put_hidden("code", "ERR_ENCODING_NOT_SUPPORTED", W | E | C)
        raise JSThrow(err)
    has = isinstance(options, JSObject)
    fatal = has and to_boolean(get(options, "fatal"))
    ignore_bom = has and to_boolean(get(options, "ignoreBOM"))
    proto = get_prototype_from_constructor(new_target, "TextDecoderPrototype")
    return new_platform_object(CTX.realm, "TextDecoder", {
        "encoding": encoding, "fatal": fatal, "ignoreBOM": ignore_bom, "pending": "",
        "bom_seen": False, "streaming": False}, proto)


def _dec(this: Any) -> dict:
    return this_object(this, "TextDecoder").internal


@native("get TextDecoder.prototype.encoding")
def text_decoder_encoding(this: Any, args: list) -> Any:
    return _dec(this)["encoding"]


@native("get TextDecoder.prototype.fatal")
def text_decoder_fatal(this: Any, args: list) -> Any:
    return _dec(this)["fatal"]


@native("get TextDecoder.prototype.ignoreBOM")
def text_decoder_ignore_bom(this: Any, args: list) -> Any:
    return _dec(this)["ignoreBOM"]


@native("TextDecoder.prototype.decode", 0)
def text_decoder_decode(this: Any, args: list) -> Any:
    """Encoding 7.2 decode(input, options = {}) with the serialize I/O queue's BOM rule."""
    s = _dec(this)
    v, options = arg(args, 0), arg(args, 1)
    data = b"" if v is None else _buffer_source_bytes(v)
    stream = isinstance(options, JSObject) and to_boolean(get(options, "stream"))
    if not s["streaming"]:
        s["pending"], s["bom_seen"] = "", False
    s["streaming"] = stream
    try:
        text, pending = decode_bytes(data, s["encoding"], s["fatal"], not stream, s["pending"])
    except JSThrow:
        s["pending"], s["streaming"] = "", False
        raise
    s["pending"] = pending
    if s["encoding"] != "windows-1252" and not s["ignoreBOM"] and not s["bom_seen"] and text:
        s["bom_seen"] = True
        if text[0] == "\ufeff":
            text = text[1:]
    return to_js_string(text)


def setup(realm: Any) -> None:
    ep = JSObject(realm.object_prototype)
    realm.constructor("TextEncoder", "TextEncoder", ep)
    realm.getter(ep, "encoding", "get TextEncoder.prototype.encoding")
    realm.method(ep, "encode", "TextEncoder.prototype.encode")
    realm.method(ep, "encodeInto", "TextEncoder.prototype.encodeInto")
    for key in ("encoding", "encode", "encodeInto"):
        ep.flags[key] |= E  # type: ignore[index]
    tag(ep, "TextEncoder")
    dp = JSObject(realm.object_prototype)
    realm.constructor("TextDecoder", "TextDecoder", dp)
    realm.method(dp, "decode", "TextDecoder.prototype.decode")
    for key in ("encoding", "fatal", "ignoreBOM"):
        realm.getter(dp, key, f"get TextDecoder.prototype.{key}")
    for key in ("decode", "encoding", "fatal", "ignoreBOM"):
        dp.flags[key] |= E  # type: ignore[index]
    tag(dp, "TextDecoder")
