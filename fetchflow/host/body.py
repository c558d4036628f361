"""The Body mixin of Request and Response (https://fetch.spec.whatwg.org/#body-mixin).

A body's source is kept whole in the object's ``body`` slot: ``None`` (a null body), a JS
string (string and URLSearchParams bodies, and text from the host) or ``bytes`` (Blob,
BufferSource and FormData bodies).  ``bodyUsed`` is set when a reader consumes a non-null
body.  There are no streams: ``body`` is ``null`` and a read completes at once, so the
consuming methods return promises already settled, and a pause can never fall inside one.
"""
from __future__ import annotations

from typing import Any, Callable, Optional, Tuple, Union

from ..interp.natives import native
from ..interp.operations.errors import type_error
from ..interp.operations.type_conversion import to_string
from ..interp.values import NULL, JSThrow
from .blob import blob_bytes, is_blob, new_blob, rejected, resolved
from .byte_values import buffer_source_bytes, new_array_buffer, new_uint8_array
from .form_data import is_form_data, multipart_parse, multipart_serialize, new_form_data, urlencoded_form
from .headers import header_get
from .js_text import utf8_decode, utf8_encode
from .platform_object import JSPlatformObject
from .url_parser import usv_string
from .url_search_params import serialize_params
from .js_text import to_js_string
from ..interp.builtins.json import parse_json_text

__all__ = ["extract_body", "body_bytes", "body_text", "consume_body", "parse_mime", "BODY_READERS",
           "register_body_readers"]

Source = Union[None, str, bytes]
BODY_READERS = ("arrayBuffer", "blob", "bytes", "formData", "json", "text")


def extract_body(value: Any) -> Tuple[Source, Optional[str]]:
    """Fetch 5.1 extract a body: (source, Content-Type or None)."""
    if type(value) is str:
        return value, "text/plain;charset=UTF-8"
    if isinstance(value, JSPlatformObject):
        if value.cls == "URLSearchParams":
            return serialize_params(value), "application/x-www-form-urlencoded;charset=UTF-8"
        if is_blob(value):
            return blob_bytes(value), value.internal["type"] or None
        if is_form_data(value):
            return multipart_serialize(value)
    data = buffer_source_bytes(value)
    if data is not None:
        return data, None
    return to_string(value), "text/plain;charset=UTF-8"    # web IDL: the union's USVString


def body_bytes(source: Source) -> bytes:
    if source is None:
        return b""
    return source if type(source) is bytes else utf8_encode(source)   # type: ignore[arg-type]


def body_text(source: Source) -> str:
    """The body as UTF-8 decode gives it (a JS string)."""
    if type(source) is str:
        if source.isascii():
            return source
        s = usv_string(source)
        return to_js_string(s[1:] if s.startswith("\ufeff") else s)
    return utf8_decode(body_bytes(source))


_TOKEN = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def parse_mime(text: str) -> Optional[Tuple[str, list]]:
    """MIME Sniffing 4.4 parse a MIME type: (essence, [(name, value)]) or None (simplified:
    quoted values are unquoted, duplicate parameters keep the first)."""
    head, *params = text.split(";")
    essence = head.strip(" \t\n\r")
    typ, _, sub = essence.partition("/")
    if not typ or not sub or not _TOKEN.issuperset(typ) or not _TOKEN.issuperset(sub.rstrip()):
        return None
    out: list = []
    for p in params:
        name, eq, value = p.partition("=")
        name = name.strip(" \t\n\r").lower()
        if not eq or not name or not _TOKEN.issuperset(name) or any(n == name for n, _ in out):
            continue
        value = value.strip(" \t\n\r")
        if value.startswith('"'):
            value = value[1:].split('"', 1)[0]
        if value:
            out.append((name, value))
    return essence.lower().rstrip(), out


def _serialize_mime(mime: Tuple[str, list]) -> str:
    return mime[0] + "".join(f";{n}={v if v and _TOKEN.issuperset(v) else chr(34) + v + chr(34)}"
                             for n, v in mime[1])


def _content_type(obj: JSPlatformObject) -> Optional[Tuple[str, list]]:
    ct = header_get(obj.internal["headers"], "content-type")
    return None if ct is NULL else parse_mime(ct)


def _read(obj: JSPlatformObject, kind: str) -> Any:
    """Fetch 5.5 consume body: the value the promise of ``kind`` resolves to."""
    source = obj.internal["body"]
    if source is not None:
        if obj.internal["bodyUsed"]:
            raise type_error("Body is unusable: Body has already been read")
        obj.internal["bodyUsed"] = True
    if kind == "text":
        return body_text(source)
    if kind == "json":
        return parse_json_text(body_text(source))
    if kind == "arrayBuffer":
        return new_array_buffer(body_bytes(source))
    if kind == "bytes":
        return new_uint8_array(body_bytes(source))
    mime = _content_type(obj)
    if kind == "blob":
        return new_blob(body_bytes(source), "" if mime is None else _serialize_mime(mime))
    # formData
    if mime is not None and mime[0] == "multipart/form-data":
        boundary = dict(mime[1]).get("boundary")
        if boundary is None:
            raise type_error("Failed to parse body as FormData.")
        return new_form_data(multipart_parse(body_bytes(source), boundary))
    if mime is not None and mime[0] == "application/x-www-form-urlencoded":
        return new_form_data(urlencoded_form(body_bytes(source)))
    raise type_error('Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".')


def consume_body(obj: JSPlatformObject, kind: str) -> Any:
    """A promise for the body read as ``kind`` (rejected with the error, never thrown)."""
    try:
        return resolved(_read(obj, kind))
    except JSThrow as e:
        return rejected(e.value)


def clone_source(source: Source) -> Source:
    """Fetch 2.2.5 clone a body: the source is immutable, so the clone shares it."""
    return source


def register_body_readers(interface: str, this: Callable[[Any], Any]) -> None:
    """The natives ``<interface>.prototype.text`` etc. of the Body mixin; ``this`` checks
    the receiver (its TypeError becomes the returned promise's rejection, as in node)."""
    for kind in BODY_READERS:
        _body_reader(interface, kind, this)


def _body_reader(interface: str, kind: str, this: Callable[[Any], Any]) -> None:
    @native(f"{interface}.prototype.{kind}", 0)
    def read(receiver: Any, args: list) -> Any:
        try:
            r = this(receiver)
        except JSThrow as e:
            return rejected(e.value)
        return consume_body(r, kind)
