"""``FormData`` (https://xhr.spec.whatwg.org/#interface-formdata) and its multipart/form-data
serialisation and parsing (RFC 7578, as undici writes and reads it).

Internal slot ``entries``: a list of ``[name, value]`` where value is a JS string or a
File platform object.  Iterators are live over the list (a pair iterator: target, index).
"""
from __future__ import annotations

import os
import re
from typing import Any, List, Optional, Tuple

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.errors import type_error
from ..interp.operations.iteration import create_iter_result_object
from ..interp.operations.object_operations import create_array_from_list, get_prototype_from_constructor
from ..interp.operations.type_conversion import to_string
from ..interp.runtime import CTX
from ..interp.values import E, NULL, SYM_ITERATOR, JSObject, is_callable
from .blob import blob_bytes, is_blob, new_file
from .js_text import to_js_string, utf8_decode, utf8_encode
from .platform_object import JSPlatformObject, new_platform_object, node_type_error, tag, this_object
from .url_parser import urlencoded_parser, usv_string

__all__ = ["new_form_data", "is_form_data", "multipart_serialize", "multipart_parse", "urlencoded_form",
           "setup"]

_METHODS = ("append", "delete", "get", "getAll", "has", "set", "keys", "values", "entries", "forEach")


def new_form_data(entries: Optional[list] = None, proto: Optional[JSObject] = None) -> JSPlatformObject:
    return new_platform_object(CTX.realm, "FormData", {"entries": entries or []}, proto)


def is_form_data(v: Any) -> bool:
    return isinstance(v, JSPlatformObject) and v.cls == "FormData"


def _usv(v: Any) -> str:
    return to_js_string(usv_string(to_string(v)))


def create_entry(name: str, value: Any, filename: Any) -> list:
    """XHR 4.3 create an entry: a Blob becomes a File named ``filename`` (or "blob")."""
    if not is_blob(value):
        return [name, _usv(value)]
    if value.cls == "File" and filename is None:
        return [name, value]
    fname = _usv(filename) if filename is not None else (value.internal["name"] if value.cls == "File"
                                                         else "blob")
    last = value.internal["lastModified"] if value.cls == "File" else None
    return [name, new_file(blob_bytes(value), fname, value.internal["type"], last)]


def _entry_args(args: list, method: str) -> list:
    if len(args) < 2:
        raise type_error(f"FormData.{method}: 2 arguments required, but only {len(args)} found.")
    value, filename = args[1], arg(args, 2)
    if len(args) > 2 and not is_blob(value):
        raise type_error(f"Failed to execute '{method}' on 'FormData': parameter 2 is not of type 'Blob'")
    return create_entry(_usv(args[0]), value, filename)


def _this(v: Any) -> JSPlatformObject:
    if not is_form_data(v):
        raise node_type_error("Illegal invocation", "ERR_INVALID_THIS")
    return v


@native("FormData", 1, ctor=True)
def form_data_ctor(this: Any, args: list, new_target: Any) -> Any:
    """XHR 4.3 new FormData(form): there are no forms here, so ``form`` must be undefined."""
    if new_target is None:
        raise type_error("Class constructor FormData cannot be invoked without 'new'")
    if arg(args, 0) is not None:
        raise type_error("FormData constructor: Argument 1 could not be converted to: undefined.")
    return new_form_data(None, get_prototype_from_constructor(new_target, "FormDataPrototype"))


@native("FormData.prototype.append", 2)
def form_data_append(this: Any, args: list) -> Any:
    fd = _this(this)
    fd.internal["entries"].append(_entry_args(args, "append"))
    return None


@native("FormData.prototype.set", 2)
def form_data_set(this: Any, args: list) -> Any:
    """XHR 4.3 set(): replace the first entry named so, drop the others."""
    fd = _this(this)
    entry = _entry_args(args, "set")
    out, found = [], False
    for e in fd.internal["entries"]:
        if e[0] == entry[0]:
            if not found:
                out.append(entry)
                found = True
        else:
            out.append(e)
    if not found:
        out.append(entry)
    fd.internal["entries"] = out
    return None


def _name_arg(args: list, method: str) -> str:
    if not args:
        raise type_error(f"FormData.{method}: 1 argument required, but only 0 found.")
    return _usv(args[0])


@native("FormData.prototype.delete", 1)
def form_data_delete(this: Any, args: list) -> Any:
    fd = _this(this)
    name = _name_arg(args, "delete")
    fd.internal["entries"] = [e for e in fd.internal["entries"] if e[0] != name]
    return None


@native("FormData.prototype.get", 1)
def form_data_get(this: Any, args: list) -> Any:
    fd = _this(this)
    name = _name_arg(args, "get")
    for e in fd.internal["entries"]:
        if e[0] == name:
            return e[1]
    return NULL


@native("FormData.prototype.getAll", 1)
def form_data_get_all(this: Any, args: list) -> Any:
    fd = _this(this)
    name = _name_arg(args, "getAll")
    return create_array_from_list([e[1] for e in fd.internal["entries"] if e[0] == name])


@native("FormData.prototype.has", 1)
def form_data_has(this: Any, args: list) -> Any:
    fd = _this(this)
    name = _name_arg(args, "has")
    return any(e[0] == name for e in fd.internal["entries"])


@native("FormData.prototype.forEach", 1, gen=True)
def form_data_for_each(this: Any, args: list) -> Any:
    fd = _this(this)
    cb = arg(args, 0)
    if not is_callable(cb):
        raise type_error("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'Function'.")
    i = 0
    while i < len(fd.internal["entries"]):
        n, v = fd.internal["entries"][i]
        yield (cb, arg(args, 1), [v, n, fd])
        i += 1
    return None


def _iterator(this: Any, kind: str) -> Any:
    return new_platform_object(CTX.realm, "FormData Iterator", {"target": _this(this), "kind": kind, "index": 0})


@native("FormData.prototype.entries", 0)
def form_data_entries(this: Any, args: list) -> Any:
    return _iterator(this, "entries")


@native("FormData.prototype.keys", 0)
def form_data_keys(this: Any, args: list) -> Any:
    return _iterator(this, "keys")


@native("FormData.prototype.values", 0)
def form_data_values(this: Any, args: list) -> Any:
    return _iterator(this, "values")


@native("FormData Iterator.prototype.next", 0)
def form_data_iterator_next(this: Any, args: list) -> Any:
    it = this_object(this, "FormData Iterator")
    lst = it.internal["target"].internal["entries"]
    i = it.internal["index"]
    if i >= len(lst):
        return create_iter_result_object(None, True)
    it.internal["index"] = i + 1
    n, v = lst[i]
    kind = it.internal["kind"]
    return create_iter_result_object(n if kind == "keys" else v if kind == "values"
                                     else create_array_from_list([n, v]), False)


# -- multipart/form-data ---------------------------------------------------------------------------

def _escape(s: str) -> str:
    return s.replace("\n", "%0A").replace("\r", "%0D").replace('"', "%22")


def _crlf(s: str) -> str:
    return re.sub(r"\r?\n|\r", "\r\n", s)


def multipart_serialize(fd: JSPlatformObject) -> Tuple[bytes, str]:
    """Fetch 5.1 extract a body from a FormData: undici's multipart encoding and boundary
    (random digits drawn here become part of the state with the body)."""
    digits = str(int.from_bytes(os.urandom(8), "big") % 10 ** 11).rjust(11, "0")
    boundary = f"----formdata-undici-0{digits}"
    prefix = f"--{boundary}\r\nContent-Disposition: form-data"
    out: List[bytes] = []
    for name, value in fd.internal["entries"]:
        head = f'{prefix}; name="{_escape(_crlf(name))}"'
        if type(value) is str:
            out.append(utf8_encode(f"{head}\r\n\r\n{_crlf(value)}\r\n"))
        else:
            if value.internal["name"]:
                head += f'; filename="{_escape(value.internal["name"])}"'
            head += f"\r\nContent-Type: {value.internal['type'] or 'application/octet-stream'}\r\n\r\n"
            out.append(utf8_encode(head) + blob_bytes(value) + b"\r\n")
    out.append(utf8_encode(f"--{boundary}--\r\n"))
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


_DISPOSITION_PARAM = re.compile(r';\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))')


def _unescape(s: str) -> str:
    return s.replace("%0A", "\n").replace("%0D", "\r").replace("%22", '"')


def multipart_parse(data: bytes, boundary: str) -> list:
    """multipart/form-data parser (RFC 7578): the entries, or TypeError."""
    def fail() -> Any:
        return type_error("Failed to parse body as FormData.")
    delim = b"--" + boundary.encode("latin-1", "replace")
    if not data.startswith(delim):
        raise fail()
    entries = []
    pos = len(delim)
    while True:
        if data[pos:pos + 2] == b"--":
            return entries
        if data[pos:pos + 2] != b"\r\n":
            raise fail()
        head_end = data.find(b"\r\n\r\n", pos + 2)
        if head_end < 0:
            raise fail()
        name: Optional[str] = None
        filename: Optional[str] = None
        ctype = ""
        for line in data[pos + 2:head_end].split(b"\r\n"):
            key, _, val = line.decode("utf-8", "replace").partition(":")
            key = key.strip().lower()
            if key == "content-disposition":
                for m in _DISPOSITION_PARAM.finditer(val):
                    pv = m.group(2) if m.group(2) is not None else m.group(3).strip()
                    if m.group(1).lower() == "name":
                        name = _unescape(pv)
                    elif m.group(1).lower() == "filename":
                        filename = _unescape(pv)
            elif key == "content-type":
                ctype = val.strip()
        end = data.find(b"\r\n" + delim, head_end + 4)
        if end < 0 or name is None:
            raise fail()
        content = data[head_end + 4:end]
        if filename is not None:
            value: Any = new_file(content, to_js_string(filename), ctype.lower() if ctype else "")
        else:
            value = utf8_decode(content)
        entries.append([to_js_string(name), value])
        pos = end + 2 + len(delim)


def urlencoded_form(data: bytes) -> list:
    """URL 5.1 application/x-www-form-urlencoded parser over a body's bytes."""
    text = data.decode("utf-8", "replace")
    return [[to_js_string(n), to_js_string(v)] for n, v in urlencoded_parser(text)]


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    realm.constructor("FormData", "FormData", proto)
    for name in _METHODS:
        realm.method(proto, name, f"FormData.prototype.{name}")
        proto.flags[name] |= E  # type: ignore[index]
    proto.put_hidden(SYM_ITERATOR, proto.props["entries"])
    tag(proto, "FormData")
    it_proto = JSObject(realm.intr.get("IteratorPrototype") or realm.object_prototype)
    realm.method(it_proto, "next", "FormData Iterator.prototype.next")
    it_proto.flags["next"] |= E  # type: ignore[index]
    tag(it_proto, "FormData Iterator")
    realm.intr["FormData IteratorPrototype"] = it_proto
