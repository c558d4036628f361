"""The JSON object (ES2017 24.3).

https://tc39.es/ecma262/2017/#sec-json-object

Both directions are iterative, so nesting depth is bounded by memory, never by Python's
recursion limit:

* ``parse`` keeps an explicit stack of open arrays/objects; its SyntaxError messages and
  positions follow V8's JSON parser (node 20), which the tests compare against.
* the reviver walk (24.3.1.1 InternalizeJSONProperty) and ``stringify``
  (24.3.2.1 SerializeJSONProperty and friends) keep explicit stacks of frames and are
  generator natives: toJSON, the reviver and the replacer are called with
  ``yield (f, this, args)`` on the machine's frame stack.
* ``stringify`` writes into one output list (a member whose value turns out to be
  undefined is cut off again), so deep nesting stays linear.
"""
from __future__ import annotations

import math
import re
from typing import Any, Optional

from ..helpers import arg
from ..natives import native
from ..operations.errors import syntax_error, type_error
from ..operations.number_format import number_to_string
from ..operations.object_operations import create_data_property, enumerable_own_properties, get_v
from ..operations.proxy_objects import is_array
from ..operations.type_conversion import to_length, to_number, to_string
from ..meter import STR, charge
from ..runtime import CTX
from ..values import (NULL, SYM_TO_STRING_TAG, Accessor, C, JSArray, JSObject, JSPrimitiveObject,
                      is_callable)

# -- 24.3.1 JSON.parse ----------------------------------------------------------------------

_WS = " \t\n\r"
_STRING_CHUNK = re.compile(r'[^"\\\x00-\x1f]*')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
            "t": "\t"}
_SPECIAL_SOURCES = ("[object Object]", "undefined", "Infinity", "NaN")
_MAX_CONTEXT = 10
_PARSE_CHUNK = 16384  # characters of JSON text between two charges of the allocation meter
_PARSED_BYTES = 16    # heap bytes a parsed value takes per character of its text (roughly)


class _JSONError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Parser:
    """V8's JsonParser, reduced to what decides the result and the error messages."""

    def __init__(self, source: str) -> None:
        self.s = source
        self.n = len(source)

    # -- errors (JsonParser::ReportUnexpectedToken) ---------------------------------------
    def at(self, template: str, pos: int) -> _JSONError:
        return _JSONError(f"{template} in JSON at position {pos}")

    def unexpected(self, pos: int) -> _JSONError:
        """The message for an unexpected token at ``pos`` (no specific message)."""
        s = self.s
        if pos >= self.n:
            return _JSONError("Unexpected end of JSON input")
        c = s[pos]
        if c == '"':
            return self.at("Unexpected string", pos)
        if c == "-" or "0" <= c <= "9":
            return self.at("Unexpected number", pos)
        if s in _SPECIAL_SOURCES:
            return _JSONError(f'"{s}" is not valid JSON')
        # GetErrorMessageWithEllipses
        n = self.n
        if n < 2 * _MAX_CONTEXT + 1:
            return _JSONError(f"Unexpected token '{c}', \"{s}\" is not valid JSON")
        if pos < _MAX_CONTEXT:
            ctx, pre, post = s[:pos + _MAX_CONTEXT], "", "..."
        elif pos < n - _MAX_CONTEXT:
            ctx, pre, post = s[pos - _MAX_CONTEXT:pos + _MAX_CONTEXT], "...", "..."
        else:
            ctx, pre, post = s[pos - _MAX_CONTEXT:], "...", ""
        return _JSONError(f"Unexpected token '{c}', {pre}\"{ctx}\"{post} is not valid JSON")

    def expected(self, template: str, pos: int) -> _JSONError:
        """A specific message; still the string/number ones for a string or number token."""
        return self.at(template, pos)

    def skip_ws(self, i: int) -> int:
        s = self.s
        n = self.n
        while i < n and s[i] in _WS:
            i += 1
        return i

    # -- scanners ---------------------------------------------------------------------------
    def scan_string(self, i: int) -> tuple[str, int]:
        """At s[i] == '"': the string's value and the position after its closing quote."""
        s = self.s
        n = self.n
        i += 1
        parts = []
        while True:
            m = _STRING_CHUNK.match(s, i)
            j = m.end()  # type: ignore[union-attr]  # the pattern matches the empty string; no check per chunk
            if j > i:
                parts.append(s[i:j])
            i = j
            if i >= n:
                raise self.at("Unterminated string", n)
            c = s[i]
            if c == '"':
                return "".join(parts), i + 1
            if c != "\\":
                raise self.at("Bad control character in string literal", i)
            i += 1
            if i >= n:
                raise _JSONError("Unexpected end of JSON input")
            c = s[i]
            if c == "u":
                h = _HEX4.match(s, i + 1)
                if h is None:
                    k = i + 1
                    while k < n and k < i + 5 and s[k] in "0123456789abcdefABCDEF":
                        k += 1
                    raise self.at("Bad Unicode escape", k)
                parts.append(chr(int(h.group(), 16)))
                i += 5
            elif c in _ESCAPES:
                parts.append(_ESCAPES[c])
                i += 1
            else:
                raise self.at("Bad escaped character", i)

    def scan_number(self, i: int) -> tuple[float, int]:
        s = self.s
        m = _NUMBER.match(s, i)
        if m is not None:
            j = m.end()
            nxt = s[j] if j < self.n else ""
            # after a full match only "01", "1." and "1e" style errors remain
            if nxt == "" or nxt not in "0123456789.eE":
                return float(m.group()), j
        # an invalid number: find where V8 stops, for the message
        n = self.n
        j = i
        if s[j] == "-":
            j += 1
            if j >= n or not "0" <= s[j] <= "9":
                raise self.at("No number after minus sign", j)
        if s[j] == "0":
            j += 1
            if j < n and "0" <= s[j] <= "9":
                raise self.unexpected(j)
        else:
            while j < n and "0" <= s[j] <= "9":
                j += 1
        if j < n and s[j] == ".":
            j += 1
            if j >= n or not "0" <= s[j] <= "9":
                raise self.at("Unterminated fractional number", j)
            while j < n and "0" <= s[j] <= "9":
                j += 1
        if j < n and s[j] in "eE":
            j += 1
            if j < n and s[j] in "+-":
                j += 1
            if j >= n or not "0" <= s[j] <= "9":
                raise self.at("Exponent part is missing a number", j)
            while j < n and "0" <= s[j] <= "9":
                j += 1
        return float(s[i:j]), j

    def scan_literal(self, i: int, word: str) -> int:
        s = self.s
        if s.startswith(word, i):
            return i + len(word)
        j = i + 1
        for ch in word[1:]:
            if j >= self.n:
                break
            if s[j] != ch:
                raise self.unexpected(j)
            j += 1
        raise _JSONError("Unexpected end of JSON input")

    # -- the grammar, iteratively ---------------------------------------------------------
    def parse(self) -> Any:
        s = self.s
        n = self.n
        realm = CTX.realm
        array_proto = realm.intr["ArrayPrototype"]
        object_proto = realm.object_prototype
        # open containers: [list, None] for arrays, [JSObject, key] for objects
        stack: list = []
        i = 0
        value: Any  # any JSON value
        # the allocation meter is charged every _PARSE_CHUNK characters, at a value start:
        # the check against ``stop`` is the end-of-input check the parse makes anyway
        stop = min(n, _PARSE_CHUNK)
        while True:
            # -- a value starts at i
            i = self.skip_ws(i)
            if i >= stop:
                if i >= n:
                    raise _JSONError("Unexpected end of JSON input")
                charge((i - stop + _PARSE_CHUNK) * _PARSED_BYTES)
                stop = min(n, i + _PARSE_CHUNK)
            c = s[i]
            if c == '"':
                value, i = self.scan_string(i)
            elif c == "-" or "0" <= c <= "9":
                value, i = self.scan_number(i)
            elif c == "[":
                i = self.skip_ws(i + 1)
                if i < n and s[i] == "]":
                    value = JSArray(array_proto, [])
                    i += 1
                else:
                    stack.append([[], None])
                    continue
            elif c == "{":
                i = self.skip_ws(i + 1)
                if i < n and s[i] == "}":
                    value = JSObject(object_proto)
                    i += 1
                else:
                    if i >= n or s[i] != '"':
                        raise self.expected("Expected property name or '}'", i)
                    key, i = self.scan_string(i)
                    i = self.skip_ws(i)
                    if i >= n or s[i] != ":":
                        raise self.expected("Expected ':' after property name", i)
                    stack.append([JSObject(object_proto), key])
                    i += 1
                    continue
            elif c == "t":
                value, i = True, self.scan_literal(i, "true")
            elif c == "f":
                value, i = False, self.scan_literal(i, "false")
            elif c == "n":
                value, i = NULL, self.scan_literal(i, "null")
            else:
                raise self.unexpected(i)
            # -- a value is complete: hand it to the innermost open container
            while True:
                if not stack:
                    i = self.skip_ws(i)
                    if i < n:
                        raise _JSONError(f"Unexpected non-whitespace character after JSON at position {i}")
                    return value
                top = stack[-1]
                i = self.skip_ws(i)
                c = s[i] if i < n else ""
                if top[1] is None:
                    top[0].append(value)
                    if c == ",":
                        i += 1
                        break
                    if c == "]":
                        stack.pop()
                        value = JSArray(array_proto, top[0])
                        i += 1
                        continue
                    raise self.expected("Expected ',' or ']' after array element", i)
                obj = top[0]
                create_data_property(obj, top[1], value)
                if c == ",":
                    i = self.skip_ws(i + 1)
                    if i >= n or s[i] != '"':
                        raise self.expected("Expected double-quoted property name", i)
                    top[1], i = self.scan_string(i)
                    i = self.skip_ws(i)
                    if i >= n or s[i] != ":":
                        # V8 gives the specific message only for an object's first key
                        raise self.unexpected(i)
                    i += 1
                    break
                if c == "}":
                    stack.pop()
                    value = obj
                    i += 1
                    continue
                raise self.expected("Expected ',' or '}' after property value", i)


def parse_json_text(text: str) -> Any:
    """Parse ``text`` as JSON (ES2017 24.3.1 steps 2-5), raising a JS SyntaxError."""
    try:
        return _Parser(text).parse()
    except _JSONError as e:
        raise syntax_error(e.message) from None


@native("JSON.parse", 2, gen=True)
def json_parse(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 24.3.1 JSON.parse ( text [ , reviver ] )."""
    jtext = to_string(arg(args, 0))
    unfiltered = parse_json_text(jtext)
    reviver = arg(args, 1)
    if not is_callable(reviver):
        return unfiltered
    root = JSObject(CTX.realm.object_prototype)
    create_data_property(root, "", unfiltered)
    return (yield from internalize_json_property(root, "", reviver))


def _walk_keys(val: JSObject) -> Optional[list]:
    """The keys InternalizeJSONProperty visits in ``val`` (None for a primitive)."""
    if type(val) is JSArray or val.PROXY and is_array(val):
        return [str(i) for i in range(to_length(val.get("length", val)))]
    return enumerable_own_properties(val, "key")


def internalize_json_property(holder: JSObject, name: str, reviver: Any):  # type: ignore[no-untyped-def]
    """ES2017 24.3.1.1 InternalizeJSONProperty ( holder, name ), with an explicit stack of
    [holder, name, val, keys, next index] frames."""
    def frame(h: JSObject, k: str) -> list:
        v = h.get(k, h)
        keys = _walk_keys(v) if isinstance(v, JSObject) else None
        return [h, k, v, keys, 0]

    stack = [frame(holder, name)]
    while True:
        f = stack[-1]
        keys = f[3]
        if keys is not None and f[4] < len(keys):
            stack.append(frame(f[2], keys[f[4]]))
            continue
        new_element = yield (reviver, f[0], [f[1], f[2]])
        stack.pop()
        if not stack:
            return new_element
        parent = stack[-1]
        val = parent[2]
        key = parent[3][parent[4]]
        if new_element is None:
            val.delete(key)
        else:
            create_data_property(val, key, new_element)
        parent[4] += 1


# -- 24.3.2 JSON.stringify ------------------------------------------------------------------

_QUOTE_NEEDED = re.compile(
    r'[\x00-\x1f"\\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]')
# without surrogates only these need escaping; the scan is ten times faster than the above
_QUOTE_NEEDED_BMP = re.compile(r'[\x00-\x1f"\\]')
_SURROGATE = re.compile('[\ud800-\udfff]')
_QUOTE_CHUNK = 1 << 20  # longer strings are escaped a chunk at a time, each one charged
_SHORT = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"',
          "\\": "\\\\"}


def _escape(m: "re.Match[str]") -> str:
    c = m.group()
    return _SHORT.get(c) or f"\\u{ord(c):04x}"


def quote_json_string(s: str) -> str:
    """ES2019 24.5.2.2 QuoteJSONString (well-formed: lone surrogates as \\udxxx, as node)."""
    if len(s) > _QUOTE_CHUNK:
        return _quote_long(s)
    if s.isascii() or _SURROGATE.search(s) is None:
        return '"' + _QUOTE_NEEDED_BMP.sub(_escape, s) + '"'
    return '"' + _QUOTE_NEEDED.sub(_escape, s) + '"'


def _escape_all(s: str) -> str:
    if s.isascii() or _SURROGATE.search(s) is None:
        return _QUOTE_NEEDED_BMP.sub(_escape, s)
    return _QUOTE_NEEDED.sub(_escape, s)


def _quote_long(s: str) -> str:
    """QuoteJSONString of a long string, a chunk at a time, each chunk charged to the
    allocation meter (so stringifying a 100 MB string meets max_time); a chunk never ends
    between the two halves of a surrogate pair, which would read as two lone ones."""
    parts = ['"']
    i = 0
    n = len(s)
    while i < n:
        j = min(n, i + _QUOTE_CHUNK)
        if j < n and "\ud800" <= s[j - 1] <= "\udbff":
            j += 1
        charge(j - i)
        parts.append(_escape_all(s[i:j]))
        i = j
    parts.append('"')
    return "".join(parts)


def _constructor_name(o: JSObject) -> str:
    """Roughly V8's JSReceiver::GetConstructorName, for the circular-structure message."""
    p: Optional[JSObject] = o
    while p is not None:
        c = p.props.get("constructor")
        if c is not None and c.__class__ is not Accessor:
            if is_callable(c):
                name = c.props.get("name")
                if type(name) is str and name:
                    return name
            break
        p = p.proto
    return "Object"


def _circular_error(stack: list, start: int, last_key: Any) -> Any:
    """V8's JsonStringifier::ConstructCircularStructureErrorMessage: two lines after the
    start, an ellipsis, the last line, the closing line."""
    def key_text(k: Any) -> str:
        return f"index {k}" if type(k) is int else f"property '{k}'"

    lines = ["Converting circular structure to JSON",
             f"\n    --> starting at object with constructor '{_constructor_name(stack[start][1])}'"]
    index = start + 1
    size = len(stack)
    prefix_end = min(size, index + 2)
    while index < prefix_end:
        k, o = stack[index]
        lines.append(f"\n    |     {key_text(k)} -> object with constructor '{_constructor_name(o)}'")
        index += 1
    if size > index + 1:
        lines.append("\n    |     ...")
    index = max(index, size - 1)
    while index < size:
        k, o = stack[index]
        lines.append(f"\n    |     {key_text(k)} -> object with constructor '{_constructor_name(o)}'")
        index += 1
    lines.append(f"\n    --- {key_text(last_key)} closes the circle")
    return type_error("".join(lines))


class _Frame:
    """One array or object being serialized."""
    __slots__ = ("obj", "is_array", "keys", "length", "stop", "index", "count", "stepback",
                 "mark")

    def __init__(self, obj: JSObject, is_array: bool, keys: Optional[list], length: int,
                 stepback: str) -> None:
        self.obj = obj
        self.is_array = is_array
        self.keys = keys
        self.length = length
        self.stop = min(length, _MEMBER_CHUNK)  # where the member loop next meters (_Meter)
        self.index = 0
        self.count = 0
        self.stepback = stepback
        self.mark = 0


_MEMBER_CHUNK = 1024  # members of one array/object serialized between two meter readings
_PIECE_CHUNK = 256    # output pieces written between two meter readings at an object start


class _Meter:
    """What ``serialize`` has written so far, charged to the allocation meter a chunk at a
    time (read at every _MEMBER_CHUNK-th member and every _PIECE_CHUNK pieces at an object
    start), so a long stringify meets max_time and max_heap_bytes as it goes."""
    __slots__ = ("counted", "mark", "size")

    def __init__(self) -> None:
        self.counted = 0           # pieces of ``out`` charged already
        self.mark = _PIECE_CHUNK   # read again once ``out`` has this many pieces
        self.size = 0              # characters written (pieces cut off again included)

    def read(self, out: list) -> None:
        n = len(out)
        new = out[self.counted:]
        chars = sum(map(len, new))
        self.size += chars
        self.counted = n
        self.mark = n + _PIECE_CHUNK
        charge(chars + len(new) * STR)


def _gap_of(space: Any) -> Optional[str]:
    """ES2017 24.3.2 steps 5-8: the indentation unit, or None for no line breaks.

    As in V8, a number space in (0, 1) gives line breaks with empty indentation (the spec
    says no line breaks at all); node's output is the reference here."""
    if isinstance(space, JSPrimitiveObject):
        if space.cls == "Number":
            space = to_number(space)
        elif space.cls == "String":
            space = to_string(space)
    if type(space) is float:
        v = min(10.0, space)
        return " " * int(v) if v > 0 else None
    if type(space) is str:
        return space[:10] if space else None
    return None


def _property_list(replacer: JSObject) -> list:
    """ES2017 24.3.2 step 4.b: the allowlist from an array replacer."""
    out: list = []
    seen = set()
    n = to_length(replacer.get("length", replacer))
    for k in range(n):
        v = replacer.get(str(k), replacer)
        item = None
        if type(v) is str:
            item = v
        elif type(v) is float:
            item = number_to_string(v)
        elif isinstance(v, JSPrimitiveObject) and v.cls in ("String", "Number"):
            item = to_string(v)
        if item is not None and item not in seen:
            seen.add(item)
            out.append(item)
    return out


@native("JSON.stringify", 3, gen=True)
def json_stringify(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 24.3.2 JSON.stringify ( value [ , replacer [ , space ] ] )."""
    value = arg(args, 0)
    replacer = arg(args, 1)
    replacer_fn = None
    property_list = None
    if isinstance(replacer, JSObject):
        if is_callable(replacer):
            replacer_fn = replacer
        elif type(replacer) is JSArray or replacer.PROXY and is_array(replacer):
            property_list = _property_list(replacer)
    gap = _gap_of(arg(args, 2))
    wrapper = JSObject(CTX.realm.object_prototype)
    create_data_property(wrapper, "", value)
    return (yield from serialize(wrapper, replacer_fn, property_list, gap))


def serialize(wrapper: JSObject, replacer_fn: Any, property_list: Optional[list],
              gap: Optional[str]):  # type: ignore[no-untyped-def]
    """SerializeJSONProperty("", wrapper) with SerializeJSONObject / SerializeJSONArray
    unrolled onto an explicit stack of ``_Frame`` s."""
    out: list = []
    meter = _Meter()
    frames: list = []
    on_stack: set = set()     # ids of the objects being serialized (cycle check)
    trail: list = [("", wrapper)]  # (key, object) pairs for the circular-structure message
    indent = ""
    key: Any = ""
    holder: JSObject = wrapper
    while True:
        # -- SerializeJSONProperty(key, holder): write the value, or report undefined
        skey = key if type(key) is str else str(key)
        value = holder.get(skey, holder)
        if isinstance(value, JSObject) or type(value) is int:   # int: a BigInt (ES2020 step 2)
            to_json = get_v(value, "toJSON")
            if is_callable(to_json):
                value = yield (to_json, value, [skey])
        if replacer_fn is not None:
            value = yield (replacer_fn, holder, [skey, value])
        if isinstance(value, JSPrimitiveObject):
            if value.cls == "Number":
                value = to_number(value)
            elif value.cls == "String":
                value = to_string(value)
            elif value.cls == "Boolean" or value.cls == "BigInt":
                value = value.value
        defined = True
        opened = False
        t = type(value)
        if value is NULL:
            out.append("null")
        elif t is bool:
            out.append("true" if value else "false")
        elif t is str:
            out.append(quote_json_string(value))
        elif t is float:
            out.append(number_to_string(value) if math.isfinite(value) else "null")
        elif t is int:
            raise type_error("Do not know how to serialize a BigInt")
        elif isinstance(value, JSObject) and not is_callable(value):
            if len(out) >= meter.mark:
                meter.read(out)
            if id(value) in on_stack:
                start = next(i for i, (_k, o) in enumerate(trail) if o is value)
                raise _circular_error(trail, start, key)
            on_stack.add(id(value))
            trail.append((key, value))
            stepback = indent
            indent += gap or ""
            if type(value) is JSArray or value.PROXY and is_array(value):
                f = _Frame(value, True, None, to_length(value.get("length", value)), stepback)
                out.append("[")
            else:
                keys = property_list if property_list is not None else \
                    enumerable_own_properties(value, "key")
                f = _Frame(value, False, keys, len(keys), stepback)
                out.append("{")
            frames.append(f)
            opened = True
        else:
            defined = False  # undefined, symbols, functions
        # -- deliver the result to the enclosing frames, closing finished ones
        while True:
            if not frames:
                if not defined:
                    return None
                if meter.size:  # a metered result: count its last pieces and the joined copy
                    meter.read(out)
                    charge(meter.size)
                return "".join(out)
            f = frames[-1]
            if opened:
                opened = False
            else:
                if f.is_array:
                    if not defined:
                        out.append("null")
                    f.count += 1
                elif defined:
                    f.count += 1
                else:
                    del out[f.mark:]
                f.index += 1
            if f.index < f.stop:
                # open the next member
                sep = "," if f.count else ""
                if f.is_array:
                    if gap is not None:
                        out.append(f"{sep}\n{indent}")
                    elif sep:
                        out.append(sep)
                    key = f.index
                else:
                    f.mark = len(out)
                    k = f.keys[f.index]
                    if gap is not None:
                        out.append(f"{sep}\n{indent}{quote_json_string(k)}: ")
                    else:
                        out.append(f"{sep}{quote_json_string(k)}:")
                    key = k
                holder = f.obj
                break
            if f.index < f.length:
                # a chunk of members done: read the meter, then go on (as after an opening,
                # the index stays) -- here rather than per member keeps the member loop lean
                meter.read(out)
                f.stop = min(f.length, f.index + _MEMBER_CHUNK)
                opened = True
                continue
            # close the frame
            if f.count and gap is not None:
                out.append("\n" + f.stepback)
            out.append("]" if f.is_array else "}")
            frames.pop()
            on_stack.discard(id(f.obj))
            trail.pop()
            indent = f.stepback
            defined = True


def setup(realm: Any) -> None:
    j = JSObject(realm.object_prototype)
    realm.method(j, "parse", "JSON.parse")
    realm.method(j, "stringify", "JSON.stringify")
    j.put_hidden(SYM_TO_STRING_TAG, "JSON", C)
    realm.intr["JSON"] = j
    realm.global_object.put_hidden("JSON", j)


__all__ = ["parse_json_text", "quote_json_string", "internalize_json_property", "serialize"]
