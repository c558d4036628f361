"""The String constructor and String.prototype (ES2017 21.1).

https://tc39.es/ecma262/2017/#sec-string-objects

Strings are Python ``str`` of UTF-16 code units (see ``values.py``): indices and lengths
are code units as in JS.  Case mapping and normalization work on real code points:
``code_points`` joins surrogate pairs, ``utf16`` splits them again.

match/replace/search/split hand over to the argument's Symbol.match/replace/search/
split method when it has one (RegExp's live in ``regexp.py``); they are generator
natives so that those calls, and replace's function replacer, run on the machine's
frame stack.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Iterable, Literal, cast

from ..helpers import arg
from ..meter import CHUNK, PTR, SMALL, STR, charge, poll, work
from ..natives import native
from ..operations.errors import range_error, type_error
from ..operations.number_format import number_to_string
from ..operations.object_operations import (create_array_from_list, get_method,
                                            get_prototype_from_constructor, get_v)
from ..operations.type_conversion import (WHITESPACE, to_boolean, to_integer, to_length,
                                          to_number, to_object, to_string, to_uint16,
                                          to_uint32)
from ..values import (NULL, SYM_ITERATOR, JSObject, JSPrimitiveObject, JSSymbol, is_callable,
                      well_known)
from .regexp import create_regexp
from .iterators import create_string_iterator

SYM_MATCH = well_known("match")
SYM_REPLACE = well_known("replace")
SYM_SEARCH = well_known("search")
SYM_SPLIT = well_known("split")

# V8's String::kMaxLength on 64-bit hosts: longer results throw "Invalid string length"
MAX_STRING_LENGTH = (1 << 29) - 24


# -- UTF-16 helpers ---------------------------------------------------------------------------

def code_points(s: str) -> str:
    """A real Python string: surrogate pairs joined, lone surrogates kept."""
    if s.isascii():
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def utf16(s: str) -> str:
    """Code units again: astral characters split into surrogate pairs."""
    if s.isascii() or all(ord(c) < 0x10000 for c in s):
        return s
    out = []
    for c in s:
        cp = ord(c)
        if cp > 0xFFFF:
            cp -= 0x10000
            out.append(chr(0xD800 + (cp >> 10)))
            out.append(chr(0xDC00 + (cp & 0x3FF)))
        else:
            out.append(c)
    return "".join(out)


def check_length(n: int) -> None:
    """A string of ``n`` code units is about to be built: refuse it past V8's length limit,
    and charge it to the allocation meter (which refuses it past max_heap_bytes)."""
    if n > MAX_STRING_LENGTH:
        raise range_error("Invalid string length")
    if n > SMALL:
        charge(int(n))


# -- abstract operations ----------------------------------------------------------------------

def this_string(this: Any, method: str) -> str:
    """RequireObjectCoercible(this value) then ToString (the first steps of most methods)."""
    if this is None or this is NULL:
        raise type_error(f"String.prototype.{method} called on null or undefined")
    return this if type(this) is str else to_string(this)


def this_string_value(v: Any, method: str) -> str:
    """ES2017 21.1.3 thisStringValue ( value )."""
    if type(v) is str:
        return v
    if isinstance(v, JSPrimitiveObject) and v.cls == "String":
        return v.value
    raise type_error(f"{method} requires that 'this' be a String")


def is_regexp(v: Any) -> bool:
    """ES2017 7.2.8 IsRegExp ( argument )."""
    if not isinstance(v, JSObject):
        return False
    matcher = v.get(SYM_MATCH, v)
    if matcher is not None:
        return to_boolean(matcher)
    return v.cls == "RegExp"


def symbol_descriptive_string(sym: JSSymbol) -> str:
    """ES2017 19.4.3.2.1 SymbolDescriptiveString ( sym )."""
    return f"Symbol({sym.description or ''})"


def get_substitution(matched: str, s: str, position: int, replacement: str) -> str:
    """ES2017 21.1.3.14.1 GetSubstitution with no captures (a string pattern): ``$$``,
    ``$&``, ``$` `` and ``$'``; ``$n`` and anything else stay literal."""
    if "$" not in replacement:
        return replacement
    out = []
    i = 0
    n = len(replacement)
    # each $&, $` or $' copies part of the subject: '$`'.repeat(1e5) would build 1e5 copies,
    # so what they add is charged to the allocation meter as it grows
    copied = 0
    while i < n:
        ch = replacement[i]
        if ch == "$" and i + 1 < n:
            c = replacement[i + 1]
            if c == "$":
                out.append("$")
                i += 2
                continue
            if c in "&`'":
                piece = matched if c == "&" else s[:position] if c == "`" else \
                    s[position + len(matched):]
                out.append(piece)
                copied += len(piece)
                if copied > SMALL:
                    check_length(copied)
                    copied = 0
                i += 2
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _regexp_create(pattern: Any) -> Any:
    """ES2017 21.2.3.2.3 RegExpCreate ( P, undefined )."""
    p = "" if pattern is None else to_string(pattern)
    try:
        pass
    except ImportError:  # pragma: no cover - RegExp not installed
        raise type_error("RegExp is not available")
    return create_regexp(p, "")


def _clamp(n: float, size: int) -> int:
    """min(max(n, 0), size) for an integer-valued float (possibly infinite)."""
    if n <= 0:
        return 0
    if n >= size:
        return size
    return int(n)


def _relative(n: float, size: int) -> int:
    """A relative index (slice/substr): negative counts from the end."""
    if n < 0:
        return int(size + n) if n > -size else 0
    return _clamp(n, size)


# -- 21.1.1 the String constructor, 21.1.2 its properties -------------------------------------

@native("String", 1, ctor=True)
def string_ctor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 21.1.1.1 String ( value )."""
    if not args:
        s = ""
    else:
        v = args[0]
        if new_target is None and type(v) is JSSymbol:
            return symbol_descriptive_string(v)
        s = to_string(v)
    if new_target is None:
        return s
    return JSPrimitiveObject(get_prototype_from_constructor(new_target, "StringPrototype"),
                             "String", s)


@native("String.fromCharCode", 1)
def string_from_char_code(this: Any, args: list) -> Any:
    """ES2017 21.1.2.1 String.fromCharCode ( ...codeUnits )."""
    return "".join(chr(to_uint16(a)) for a in args)


@native("String.fromCodePoint", 1)
def string_from_code_point(this: Any, args: list) -> Any:
    """ES2017 21.1.2.2 String.fromCodePoint ( ...codePoints )."""
    out = []
    for a in args:
        n = to_number(a)
        if n != n or not n.is_integer() or n < 0 or n > 0x10FFFF:
            raise range_error(f"Invalid code point {number_to_string(n)}")
        cp = int(n)
        if cp > 0xFFFF:
            cp -= 0x10000
            out.append(chr(0xD800 + (cp >> 10)) + chr(0xDC00 + (cp & 0x3FF)))
        else:
            out.append(chr(cp))
    s = "".join(out)
    check_length(len(s))
    return s


@native("String.raw", 1)
def string_raw(this: Any, args: list) -> Any:
    """ES2017 21.1.2.4 String.raw ( template, ...substitutions )."""
    subs = args[1:]
    cooked = to_object(arg(args, 0))
    raw = to_object(cooked.get("raw", cooked))
    literal_segments = to_length(raw.get("length", raw))
    if literal_segments <= 0:
        return ""
    out = []
    next_index = 0
    stop = CHUNK  # where the loop next counts its steps and charges what it built
    while True:
        out.append(to_string(raw.get(str(next_index), raw)))
        if next_index + 1 == literal_segments:
            if len(out) > CHUNK:
                check_length(sum(map(len, out)))
            return "".join(out)
        if next_index < len(subs):
            out.append(to_string(subs[next_index]))
        next_index += 1
        if next_index >= stop:  # {length: 2**53 - 1} reads segments for ever: poll
            stop += CHUNK
            poll(CHUNK)
            charge(sum(map(len, out[-2 * CHUNK:])) + 2 * CHUNK * STR)


# -- 21.1.3 properties of the String prototype object -----------------------------------------

@native("String.prototype.charAt", 1)
def string_proto_char_at(this: Any, args: list) -> Any:
    """ES2017 21.1.3.1 String.prototype.charAt ( pos )."""
    s = this_string(this, "charAt")
    p = to_integer(arg(args, 0))
    if p < 0 or p >= len(s):
        return ""
    return s[int(p)]


@native("String.prototype.charCodeAt", 1)
def string_proto_char_code_at(this: Any, args: list) -> Any:
    """ES2017 21.1.3.2 String.prototype.charCodeAt ( pos )."""
    s = this_string(this, "charCodeAt")
    p = to_integer(arg(args, 0))
    if p < 0 or p >= len(s):
        return float("nan")
    return float(ord(s[int(p)]))


@native("String.prototype.codePointAt", 1)
def string_proto_code_point_at(this: Any, args: list) -> Any:
    """ES2017 21.1.3.3 String.prototype.codePointAt ( pos )."""
    s = this_string(this, "codePointAt")
    p = to_integer(arg(args, 0))
    size = len(s)
    if p < 0 or p >= size:
        return None
    i = int(p)
    first = ord(s[i])
    if first < 0xD800 or first > 0xDBFF or i + 1 == size:
        return float(first)
    second = ord(s[i + 1])
    if second < 0xDC00 or second > 0xDFFF:
        return float(first)
    return float((first - 0xD800) * 1024 + (second - 0xDC00) + 0x10000)


@native("String.prototype.concat", 1)
def string_proto_concat(this: Any, args: list) -> Any:
    """ES2017 21.1.3.4 String.prototype.concat ( ...args )."""
    s = this_string(this, "concat")
    r = s + "".join(to_string(a) for a in args)
    check_length(len(r))
    return r


def _no_regexp(v: Any, method: str) -> str:
    if is_regexp(v):
        raise type_error(f"First argument to String.prototype.{method} must not be a regular "
                         "expression")
    return to_string(v)


@native("String.prototype.endsWith", 1)
def string_proto_ends_with(this: Any, args: list) -> Any:
    """ES2017 21.1.3.6 String.prototype.endsWith ( searchString [ , endPosition ] )."""
    s = this_string(this, "endsWith")
    search = _no_regexp(arg(args, 0), "endsWith")
    end_position = arg(args, 1)
    end = len(s) if end_position is None else _clamp(to_integer(end_position), len(s))
    start = end - len(search)
    if start < 0:
        return False
    return s[start:end] == search


@native("String.prototype.includes", 1)
def string_proto_includes(this: Any, args: list) -> Any:
    """ES2017 21.1.3.7 String.prototype.includes ( searchString [ , position ] )."""
    s = this_string(this, "includes")
    search = _no_regexp(arg(args, 0), "includes")
    start = _clamp(to_integer(arg(args, 1)), len(s))
    if len(s) > SMALL:  # a search of a long string: a short loop of them meets max_time
        work(len(s))
    return s.find(search, start) != -1


@native("String.prototype.indexOf", 1)
def string_proto_index_of(this: Any, args: list) -> Any:
    """ES2017 21.1.3.8 String.prototype.indexOf ( searchString [ , position ] )."""
    s = this_string(this, "indexOf")
    search = to_string(arg(args, 0))
    start = _clamp(to_integer(arg(args, 1)), len(s))
    if len(s) > SMALL:  # (see includes)
        work(len(s))
    return float(s.find(search, start))


@native("String.prototype.lastIndexOf", 1)
def string_proto_last_index_of(this: Any, args: list) -> Any:
    """ES2017 21.1.3.9 String.prototype.lastIndexOf ( searchString [ , position ] )."""
    s = this_string(this, "lastIndexOf")
    search = to_string(arg(args, 0))
    num_pos = to_number(arg(args, 1))
    pos = float("inf") if num_pos != num_pos else to_integer(num_pos)
    start = _clamp(pos, len(s))
    if len(s) > SMALL:  # (see includes)
        work(len(s))
    return float(s.rfind(search, 0, start + len(search)))


def _metered_chars(t: str) -> Iterable[str]:
    """The characters of ``t``; past CHUNK of them, a chunk at a time, each chunk's keys
    charged to the allocation meter."""
    return t if len(t) <= CHUNK else _metered_chunks(t)


def _metered_chunks(t: str):  # type: ignore[no-untyped-def]
    for lo in range(0, len(t), CHUNK):
        charge(CHUNK * 4 * STR)  # a key tuple and three list slots per character
        yield from t[lo:lo + CHUNK]


def _collation_key(s: str) -> tuple:
    """An approximation of ICU's root collation: primary (base letters, ignoring case and
    accents; spaces < punctuation < symbols < digits < letters), then accents, then case
    (lower before upper)."""
    primary = []
    secondary = []
    tertiary = []
    t = unicodedata.normalize("NFD", code_points(s))
    for ch in _metered_chars(t):
        if unicodedata.combining(ch):
            secondary.append(ord(ch))
            continue
        cat = unicodedata.category(ch)
        base = ch.casefold()
        if ch.isspace():
            cls = 0
        elif cat[0] == "P":
            cls = 1
        elif cat[0] == "S":
            cls = 2
        elif cat[0] == "N":
            cls = 3
        elif cat[0] == "L":
            cls = 4
        else:
            cls = -1  # controls and other ignorables sort first
        primary.append((cls, base))
        secondary.append(0)
        tertiary.append(1 if ch != base and ch.lower() != ch else 0)
    return (primary, secondary, tertiary, s)


@native("String.prototype.localeCompare", 1)
def string_proto_locale_compare(this: Any, args: list) -> Any:
    """ES2017 21.1.3.10 String.prototype.localeCompare ( that ): an approximation of the
    ICU root collation node uses (locales and options are ignored)."""
    s = this_string(this, "localeCompare")
    that = to_string(arg(args, 0))
    if s == that:
        return 0.0
    if unicodedata.normalize("NFC", code_points(s)) == unicodedata.normalize("NFC", code_points(that)):
        return 0.0
    a = _collation_key(s)[:3]
    b = _collation_key(that)[:3]
    if a == b:
        return -1.0 if s < that else 1.0
    return -1.0 if a < b else 1.0


def _delegate(v: Any, sym: Any) -> Any:
    """GetMethod(v, sym) when v is neither undefined nor null, else None."""
    if v is None or v is NULL:
        return None
    return get_method(v, sym)


@native("String.prototype.match", 1, gen=True)
def string_proto_match(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 21.1.3.11 String.prototype.match ( regexp )."""
    if this is None or this is NULL:
        raise type_error("String.prototype.match called on null or undefined")
    regexp = arg(args, 0)
    matcher = _delegate(regexp, SYM_MATCH)
    if matcher is not None:
        return (yield (matcher, regexp, [this]))
    s = to_string(this)
    rx = _regexp_create(regexp)
    return (yield (get_v(rx, SYM_MATCH), rx, [s]))


@native("String.prototype.normalize", 0)
def string_proto_normalize(this: Any, args: list) -> Any:
    """ES2017 21.1.3.12 String.prototype.normalize ( [ form ] )."""
    s = this_string(this, "normalize")
    form = arg(args, 0)
    f = "NFC" if form is None else to_string(form)
    if f not in ("NFC", "NFD", "NFKC", "NFKD"):
        raise range_error("The normalization form should be one of NFC, NFD, NFKC, NFKD.")
    if s.isascii():
        return s
    r = utf16(unicodedata.normalize(cast(Literal["NFC", "NFD", "NFKC", "NFKD"], f), code_points(s)))
    if len(r) > SMALL:  # up to 18 times as long as s (U+FDFA in NFKD)
        check_length(len(r))
    return r


def _pad(this: Any, args: list, method: str, at_start: bool) -> str:
    """ES2017 21.1.3.13/14 padEnd / padStart."""
    s = this_string(this, method)
    int_max_length = to_length(arg(args, 0))
    size = len(s)
    if int_max_length <= size:
        return s
    fill = arg(args, 1)
    filler = " " if fill is None else to_string(fill)
    if filler == "":
        return s
    check_length(int_max_length)
    fill_len = int_max_length - size
    reps, rest = divmod(fill_len, len(filler))
    truncated = filler * reps + filler[:rest]
    return truncated + s if at_start else s + truncated


@native("String.prototype.padEnd", 1)
def string_proto_pad_end(this: Any, args: list) -> Any:
    """ES2017 21.1.3.13 String.prototype.padEnd ( maxLength [ , fillString ] )."""
    return _pad(this, args, "padEnd", False)


@native("String.prototype.padStart", 1)
def string_proto_pad_start(this: Any, args: list) -> Any:
    """ES2017 21.1.3.14 String.prototype.padStart ( maxLength [ , fillString ] )."""
    return _pad(this, args, "padStart", True)


@native("String.prototype.repeat", 1)
def string_proto_repeat(this: Any, args: list) -> Any:
    """ES2017 21.1.3.15 String.prototype.repeat ( count )."""
    s = this_string(this, "repeat")
    n = to_integer(arg(args, 0))
    if n < 0 or n == float("inf"):
        raise range_error(f"Invalid count value: {number_to_string(n)}")
    if n == 0 or s == "":
        return ""
    check_length(len(s) * n)  # type: ignore[arg-type]
    return s * int(n)


@native("String.prototype.replace", 2, gen=True)
def string_proto_replace(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 21.1.3.16 String.prototype.replace ( searchValue, replaceValue )."""
    if this is None or this is NULL:
        raise type_error("String.prototype.replace called on null or undefined")
    search_value = arg(args, 0)
    replace_value = arg(args, 1)
    replacer = _delegate(search_value, SYM_REPLACE)
    if replacer is not None:
        return (yield (replacer, search_value, [this, replace_value]))
    s = to_string(this)
    search = to_string(search_value)
    functional = is_callable(replace_value)
    if not functional:
        replace_value = to_string(replace_value)
    pos = s.find(search)
    if pos == -1:
        return s
    if functional:
        repl = to_string((yield (replace_value, None, [search, float(pos), s])))
    else:
        repl = get_substitution(search, s, pos, replace_value)
    r = s[:pos] + repl + s[pos + len(search):]
    check_length(len(r))
    return r


@native("String.prototype.search", 1, gen=True)
def string_proto_search(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 21.1.3.17 String.prototype.search ( regexp )."""
    if this is None or this is NULL:
        raise type_error("String.prototype.search called on null or undefined")
    regexp = arg(args, 0)
    searcher = _delegate(regexp, SYM_SEARCH)
    if searcher is not None:
        return (yield (searcher, regexp, [this]))
    s = to_string(this)
    rx = _regexp_create(regexp)
    return (yield (get_v(rx, SYM_SEARCH), rx, [s]))


@native("String.prototype.slice", 2)
def string_proto_slice(this: Any, args: list) -> Any:
    """ES2017 21.1.3.18 String.prototype.slice ( start, end )."""
    s = this_string(this, "slice")
    size = len(s)
    start = _relative(to_integer(arg(args, 0)), size)
    end_arg = arg(args, 1)
    end = size if end_arg is None else _relative(to_integer(end_arg), size)
    if end - start > SMALL:  # a copy: [s.slice(1), s.slice(2), ...] of a long s is charged
        charge(end - start)
    return s[start:end] if end > start else ""


@native("String.prototype.split", 2, gen=True)
def string_proto_split(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 21.1.3.19 String.prototype.split ( separator, limit )."""
    if this is None or this is NULL:
        raise type_error("String.prototype.split called on null or undefined")
    separator = arg(args, 0)
    limit = arg(args, 1)
    splitter = _delegate(separator, SYM_SPLIT)
    if splitter is not None:
        return (yield (splitter, separator, [this, limit]))
    s = to_string(this)
    lim = 0xFFFFFFFF if limit is None else to_uint32(limit)
    r = to_string(separator)
    if lim == 0:
        return create_array_from_list([])
    if separator is None:
        return create_array_from_list([s])
    if len(s) > SMALL:  # charged before the split builds the parts: a list slot each, and a
        # str object each unless it is one ASCII character (CPython shares those)
        count = min(len(s) if r == "" else s.count(r) + 1, lim)
        chars = len(s) - (count - 1) * len(r)
        shared = chars <= count and s.isascii()
        charge(count * (PTR if shared else PTR + STR) + chars)
    if r == "":
        parts = list(s[:lim])
    else:
        parts = s.split(r, lim)
        del parts[lim:]
    return create_array_from_list(parts)


@native("String.prototype.startsWith", 1)
def string_proto_starts_with(this: Any, args: list) -> Any:
    """ES2017 21.1.3.20 String.prototype.startsWith ( searchString [ , position ] )."""
    s = this_string(this, "startsWith")
    search = _no_regexp(arg(args, 0), "startsWith")
    start = _clamp(to_integer(arg(args, 1)), len(s))
    return s[start:start + len(search)] == search


@native("String.prototype.substring", 2)
def string_proto_substring(this: Any, args: list) -> Any:
    """ES2017 21.1.3.21 String.prototype.substring ( start, end )."""
    s = this_string(this, "substring")
    size = len(s)
    a = _clamp(to_integer(arg(args, 0)), size)
    end_arg = arg(args, 1)
    b = size if end_arg is None else _clamp(to_integer(end_arg), size)
    if abs(b - a) > SMALL:  # a copy (see slice)
        charge(abs(b - a))
    return s[min(a, b):max(a, b)]


@native("String.prototype.substr", 2)
def string_proto_substr(this: Any, args: list) -> Any:
    """ES2017 B.2.3.1 String.prototype.substr ( start, length )."""
    s = this_string(this, "substr")
    size = len(s)
    start = _relative(to_integer(arg(args, 0)), size)
    length = arg(args, 1)
    end = float("inf") if length is None else to_integer(length)
    result_length = min(max(end, 0), size - start)
    if result_length <= 0:
        return ""
    if result_length > SMALL:  # a copy (see slice)
        charge(int(result_length))
    return s[start:start + int(result_length)]


def _lower(s: str) -> str:
    if s.isascii():
        r = s.lower()
    else:
        r = utf16(code_points(s).lower())
    if len(r) > SMALL:  # charged: a short loop of calls on a long string meets max_time
        check_length(len(r))
    return r


def _upper(s: str) -> str:
    if s.isascii():
        r = s.upper()
    else:
        r = utf16(code_points(s).upper())  # up to 3 times as long ('\u0390')
    if len(r) > SMALL:
        check_length(len(r))
    return r


@native("String.prototype.toLocaleLowerCase", 0)
def string_proto_to_locale_lower_case(this: Any, args: list) -> Any:
    """ES2017 21.1.3.22 String.prototype.toLocaleLowerCase (root locale)."""
    return _lower(this_string(this, "toLocaleLowerCase"))


@native("String.prototype.toLocaleUpperCase", 0)
def string_proto_to_locale_upper_case(this: Any, args: list) -> Any:
    """ES2017 21.1.3.23 String.prototype.toLocaleUpperCase (root locale)."""
    return _upper(this_string(this, "toLocaleUpperCase"))


@native("String.prototype.toLowerCase", 0)
def string_proto_to_lower_case(this: Any, args: list) -> Any:
    """ES2017 21.1.3.24 String.prototype.toLowerCase ( ): full Unicode case mapping."""
    return _lower(this_string(this, "toLowerCase"))


@native("String.prototype.toString", 0)
def string_proto_to_string(this: Any, args: list) -> Any:
    """ES2017 21.1.3.25 String.prototype.toString ( )."""
    return this_string_value(this, "String.prototype.toString")


@native("String.prototype.toUpperCase", 0)
def string_proto_to_upper_case(this: Any, args: list) -> Any:
    """ES2017 21.1.3.26 String.prototype.toUpperCase ( ): full Unicode case mapping
    ('ß' becomes 'SS')."""
    return _upper(this_string(this, "toUpperCase"))


@native("String.prototype.trim", 0)
def string_proto_trim(this: Any, args: list) -> Any:
    """ES2017 21.1.3.27 String.prototype.trim ( )."""
    r = this_string(this, "trim").strip(WHITESPACE)
    if len(r) > SMALL:  # a copy (see slice)
        charge(len(r))
    return r


@native("String.prototype.trimStart", 0)
def string_proto_trim_start(this: Any, args: list) -> Any:
    """ES2019 21.1.3.30 String.prototype.trimStart ( ) (also trimLeft, Annex B)."""
    r = this_string(this, "trimLeft").lstrip(WHITESPACE)  # V8 names the legacy alias
    if len(r) > SMALL:  # a copy (see slice)
        charge(len(r))
    return r


@native("String.prototype.trimEnd", 0)
def string_proto_trim_end(this: Any, args: list) -> Any:
    """ES2019 21.1.3.29 String.prototype.trimEnd ( ) (also trimRight, Annex B)."""
    r = this_string(this, "trimRight").rstrip(WHITESPACE)  # V8 names the legacy alias
    if len(r) > SMALL:  # a copy (see slice)
        charge(len(r))
    return r


@native("String.prototype.at", 1)
def string_proto_at(this: Any, args: list) -> Any:
    """ES2022 22.1.3.1 String.prototype.at ( index )."""
    s = this_string(this, "at")
    rel = to_integer(arg(args, 0))
    k = rel if rel >= 0 else len(s) + rel
    if k < 0 or k >= len(s):
        return None
    return s[int(k)]


@native("String.prototype.valueOf", 0)
def string_proto_value_of(this: Any, args: list) -> Any:
    """ES2017 21.1.3.28 String.prototype.valueOf ( )."""
    return this_string_value(this, "String.prototype.valueOf")


@native("String.prototype.[Symbol.iterator]", 0)
def string_proto_iterator(this: Any, args: list) -> Any:
    """ES2017 21.1.3.29 String.prototype [ @@iterator ] ( )."""
    s = this_string(this, "[Symbol.iterator]")
    return create_string_iterator(s)


_METHODS = ("at", "charAt", "charCodeAt", "codePointAt", "concat", "endsWith", "includes", "indexOf",
            "lastIndexOf", "localeCompare", "match", "normalize", "padEnd", "padStart",
            "repeat", "replace", "search", "slice", "split", "startsWith", "substring",
            "substr", "toLocaleLowerCase", "toLocaleUpperCase", "toLowerCase", "toString",
            "toUpperCase", "trim", "trimStart", "trimEnd", "valueOf")


def setup(realm: Any) -> None:
    # ES2017 21.1.3: String.prototype is itself a String object whose value is ""
    proto = JSPrimitiveObject(realm.object_prototype, "String", "")
    ctor = realm.constructor("String", "String", proto)
    for name in ("fromCharCode", "fromCodePoint", "raw"):
        realm.method(ctor, name, "String." + name)
    for name in _METHODS:
        realm.method(proto, name, "String.prototype." + name)
    realm.method(proto, SYM_ITERATOR, "String.prototype.[Symbol.iterator]")
    # Annex B B.2.3.15-16: the legacy names are the same function objects
    proto.put_hidden("trimLeft", proto.props["trimStart"])
    proto.put_hidden("trimRight", proto.props["trimEnd"])


__all__ = ["code_points", "utf16", "get_substitution", "is_regexp", "this_string_value",
           "symbol_descriptive_string", "MAX_STRING_LENGTH"]
