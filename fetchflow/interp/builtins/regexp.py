"""RegExp objects (ES2017 21.2, with ES2018-ES2022's named groups, ``s`` and ``d`` flags).

* https://262.ecma-international.org/8.0/#sec-regexp-regular-expression-objects
* https://262.ecma-international.org/8.0/#sec-regexp-constructor
* https://262.ecma-international.org/8.0/#sec-properties-of-the-regexp-prototype-object

Matching runs on Python's ``re``: ``regex_translate`` turns the JS pattern into a
Python pattern with JS semantics (see its docstring for the few differences).  A pattern
that ``regex_analysis`` finds at risk of catastrophic backtracking runs instead on
``regex_match``, fetchflow's own backtracking matcher, which polls the machine's limits
(a single ``re`` call cannot be interrupted, so ``max_time`` could not stop it).
A ``JSRegExp`` keeps [[OriginalSource]] and [[OriginalFlags]]; the compiled matcher
(an ``re.Pattern`` or a ``Backtracker``, with the same ``match``/``search`` methods) is a
cache rebuilt on unpickling.  ``g`` and ``y`` do not change the translation: sticky
matching is ``pattern.match`` at lastIndex, otherwise ``pattern.search`` from lastIndex.

The @@match/@@replace/@@search/@@split methods follow the spec's generic algorithms
(every Get, Set and exec call observable) and take a fast path only when the spec's
steps are unobservable: the regexp is a ``JSRegExp`` whose ``exec`` is the built-in one,
so matching needs no result arrays.  User code (``exec`` overrides, replacer functions)
runs on the machine's stack through ``gen=True`` natives.

Match results carry ``groups`` (ES2018 22.2.5.2.2: a null-prototype object of the named
groups, undefined without any) and, with ``d``, ``indices`` (ES2022: ``[start, end]`` per
group, with its own ``groups``).  Group names are kept with the compiled pattern, not on
the object, so a saved state needs no new field.  Annex B's ``RegExp.prototype.compile``
is not provided.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

from ..helpers import arg
from ..natives import JSNativeFunction, native
from ..operations.calls import construct
from ..operations.comparison import same_value
from ..operations.errors import syntax_error, type_error
from ..operations.iteration import call_gen
from ..operations.object_operations import (create_array_from_list,
                                            get_prototype_from_constructor, set_,
                                            species_constructor)
from ..operations.type_conversion import (to_boolean, to_display, to_integer, to_length,
                                          to_object, to_string, to_uint32)
from ..regex_analysis import needs_backtracker, redos_risk
from ..regex_match import Backtracker
from ..regex_parse import RegexSyntaxError, parse_pattern_names, to_code_units
from ..regex_translate import to_python
from ..runtime import CTX
from ..values import (NULL, SYM_SPECIES, W, JSObject, is_callable, well_known)
from .regexp_legacy import invalidate_legacy_static_properties, update_legacy_static_properties
from .regexp_results import get_substitution, groups_object, match_result

__all__ = ["JSRegExp", "JSSubclassRegExp", "compile_pattern", "group_names", "create_regexp",
           "regexp_syntax_message", "is_regexp", "regexp_alloc", "regexp_initialize",
           "regexp_builtin_exec", "regexp_exec_gen", "advance_string_index",
           "escape_regexp_pattern", "get_substitution", "SYM_MATCH", "SYM_REPLACE",
           "SYM_SEARCH", "SYM_SPLIT", "BACKTRACK_ALL"]

SYM_MATCH = well_known("match")
SYM_REPLACE = well_known("replace")
SYM_SEARCH = well_known("search")
SYM_SPLIT = well_known("split")

_EXEC_NAME = "RegExp.prototype.exec"


class JSRegExp(JSObject):
    """An object with [[RegExpMatcher]], [[OriginalSource]] and [[OriginalFlags]] (21.2.3.2.1),
    allocated by %RegExp% itself: its matches update the legacy static properties."""
    __slots__ = ("source", "original_flags", "compiled", "ngroups")

    # [[LegacyFeaturesEnabled]] (regexp_legacy.py): a class attribute, so the flag costs no slot
    LEGACY_FEATURES = True

    def __init__(self, proto: Optional[JSObject]) -> None:
        JSObject.__init__(self, proto, "RegExp")
        self.source: Optional[str] = None  # None until RegExpInitialize
        self.original_flags = ""
        self.compiled: Any = None
        self.ngroups = 0

    def __getstate__(self) -> Any:
        st = JSObject.__getstate__(self)
        st.pop("compiled", None)
        return st


class JSSubclassRegExp(JSRegExp):
    """A RegExp allocated for a NewTarget other than %RegExp% (a subclass instance):
    [[LegacyFeaturesEnabled]] is false, so its matches invalidate the legacy statics."""
    __slots__ = ()

    LEGACY_FEATURES = False


def _matcher_flags(flags: str) -> str:
    """The flags that change the translation (d, g and y do not)."""
    return "".join(f for f in "imsu" if f in flags)


# Tests set this to run every pattern on ``regex_match`` (differential checks against node).
BACKTRACK_ALL = False


@lru_cache(maxsize=512)
def _compile(source: str, flags: str) -> tuple:
    tree, ngroups, names = parse_pattern_names(to_code_units(source), flags)
    try:
        if BACKTRACK_ALL or redos_risk(tree) is not None or needs_backtracker(tree, "u" in flags):
            return Backtracker(tree, ngroups, flags), ngroups, names
        return re.compile(to_python(tree, flags)), ngroups, names
    except RecursionError:
        raise RegexSyntaxError("Regular expression too large") from None


def compile_pattern(source: str, flags: str) -> tuple:
    """(re.Pattern or Backtracker, capture count) for a JS pattern; raises
    ``RegexSyntaxError``."""
    try:
        return _compile(source, _matcher_flags(flags))[:2]
    except re.error as e:  # a translation Python rejects: report it, never crash
        raise RegexSyntaxError(f"Unsupported pattern ({e})") from None


_NAMES: dict = {}  # source -> its group names (flags do not change them)


def group_names(r: "JSRegExp") -> tuple:
    """The named groups of ``r`` as ``((name, index), ...)`` in group order."""
    if not r.ngroups:
        return ()
    names = _NAMES.get(r.source)
    if names is None:
        if len(_NAMES) >= 4096:
            _NAMES.clear()
        names = _NAMES[r.source] = _compile(r.source, _matcher_flags(r.original_flags))[2]
    return names


def regexp_syntax_message(source: str, flags: str) -> Optional[str]:
    """The SyntaxError message for a regex literal ``/source/flags``, or None if valid.

    For the parser's early errors (ES2017 12.2.8.1): invalid flags or pattern."""
    if not _valid_flags(flags):
        return "Invalid regular expression flags"
    try:
        compile_pattern(source, flags)
    except RegexSyntaxError as e:
        return f"Invalid regular expression: /{source}/{flags}: {e.message}"
    return None


def _valid_flags(flags: str) -> bool:
    return all(f in "dgimsuy" for f in flags) and len(set(flags)) == len(flags)


# -- abstract operations ------------------------------------------------------------------------
def is_regexp(v: Any) -> bool:
    """ES2017 7.2.8 IsRegExp."""
    if not isinstance(v, JSObject):
        return False
    matcher = v.get(SYM_MATCH, v)
    if matcher is not None:
        return to_boolean(matcher)
    return isinstance(v, JSRegExp)


def regexp_alloc(new_target: Any) -> JSRegExp:
    """ES2017 21.2.3.2.1 RegExpAlloc (with the legacy-features proposal's
    [[LegacyFeaturesEnabled]]: true only when newTarget is %RegExp%)."""
    proto = get_prototype_from_constructor(new_target, "RegExpPrototype")
    obj = JSRegExp(proto) if new_target is CTX.realm.intr["RegExp"] else JSSubclassRegExp(proto)
    obj.put_hidden("lastIndex", None, W)  # writable, non-enumerable, non-configurable
    return obj


def regexp_initialize(obj: JSRegExp, pattern: Any, flags: Any) -> JSRegExp:
    """ES2017 21.2.3.2.2 RegExpInitialize."""
    p = "" if pattern is None else to_string(pattern)
    f = "" if flags is None else to_string(flags)
    if not _valid_flags(f):
        raise syntax_error(f"Invalid flags supplied to RegExp constructor '{f}'")
    try:
        compiled, ngroups = compile_pattern(p, f)
    except RegexSyntaxError as e:
        raise syntax_error(f"Invalid regular expression: /{p}/{f}: {e.message}") from None
    obj.source = p
    obj.original_flags = f
    obj.compiled = compiled
    obj.ngroups = ngroups
    set_(obj, "lastIndex", 0.0, True)
    return obj


def create_regexp(pattern: str, flags: str) -> JSRegExp:
    """ES2017 21.2.3.2.3 RegExpCreate: the value of a regex literal ``/pattern/flags``.

    An invalid pattern or flags throws a JS SyntaxError."""
    if not _valid_flags(flags):
        raise syntax_error("Invalid regular expression flags")
    return regexp_initialize(regexp_alloc(CTX.realm.intr["RegExp"]), to_code_units(pattern), flags)


def advance_string_index(s: str, index: int, unicode: bool) -> int:
    """ES2017 21.2.5.2.3 AdvanceStringIndex."""
    if not unicode or index + 1 >= len(s):
        return index + 1
    if "\ud800" <= s[index] <= "\udbff" and "\udc00" <= s[index + 1] <= "\udfff":
        return index + 2
    return index + 1


def _mid_pair(s: str, i: int) -> bool:
    return 0 < i < len(s) and "\udc00" <= s[i] <= "\udfff" and "\ud800" <= s[i - 1] <= "\udbff"


def _match_at(pattern: Any, s: str, pos: int, sticky: bool, unicode: bool) -> Any:
    """The matcher run from ``pos``: at ``pos`` only when sticky, else the first position
    (whole code points under ``u``, as the spec's loop of 21.2.5.2.2 step 12)."""
    if sticky:
        return pattern.match(s, pos)
    m = pattern.search(s, pos)
    while unicode and m is not None and _mid_pair(s, m.start()):
        m = pattern.search(s, m.start() + 1)
    return m


def _builtin_match(r: JSRegExp, s: str) -> Any:
    """RegExpBuiltinExec (ES2017 21.2.5.2.2) up to the match: a Python match or None,
    with lastIndex read and updated as the spec does."""
    last_index = to_length(r.get("lastIndex", r))
    flags = r.original_flags
    glob = "g" in flags
    sticky = "y" in flags
    full_unicode = "u" in flags
    if not glob and not sticky:
        last_index = 0
    if last_index > len(s):
        if glob or sticky:
            set_(r, "lastIndex", 0.0, True)
        return None
    if full_unicode and _mid_pair(s, last_index):
        last_index -= 1  # V8: a lastIndex inside a surrogate pair means the pair's start
    m = _match_at(r.compiled, s, last_index, sticky, full_unicode)
    if m is None:
        if glob or sticky:
            set_(r, "lastIndex", 0.0, True)
        return None
    if glob or sticky:
        set_(r, "lastIndex", float(m.end()), True)
    _legacy_update(r, s, m)
    return m


def _legacy_update(r: JSRegExp, s: str, m: Any) -> None:
    """The legacy-features proposal's last steps of RegExpBuiltinExec after a match."""
    if r.LEGACY_FEATURES:
        update_legacy_static_properties(s, m.start(), m.end(), m.groups())
    else:
        invalidate_legacy_static_properties()


def regexp_builtin_exec(r: JSRegExp, s: str) -> Any:
    """ES2022 22.2.5.2.2 RegExpBuiltinExec: a match array or null."""
    m = _builtin_match(r, s)
    if m is None:
        return NULL
    return match_result(m, s, r.ngroups, group_names(r), "d" in r.original_flags)


def _is_builtin_exec(f: Any) -> bool:
    return type(f) is JSNativeFunction and f.native_name == _EXEC_NAME


def regexp_exec_gen(r: JSObject, s: str):  # type: ignore[no-untyped-def]
    """ES2017 21.2.5.2.1 RegExpExec, as a generator (a user ``exec`` runs on the machine)."""
    exec_ = r.get("exec", r)
    if is_callable(exec_) and not _is_builtin_exec(exec_):
        result = yield from call_gen(exec_, r, [s])
        if not isinstance(result, JSObject) and result is not NULL:
            raise type_error("object null or function expected as the result of exec")
        return result
    if not isinstance(r, JSRegExp):
        raise type_error("RegExp.prototype.exec called on an incompatible receiver")
    return regexp_builtin_exec(r, s)


def _fast(r: JSObject) -> bool:
    """Whether RegExpExec(r, ·) is the built-in exec, so matches need not be arrays."""
    return isinstance(r, JSRegExp) and _is_builtin_exec(r.get("exec", r))


def _this_object(this: Any, method: str) -> JSObject:
    if not isinstance(this, JSObject):
        raise type_error(f"Method RegExp.prototype.{method} called on incompatible receiver "
                         f"{to_display(this)}")
    return this


def _this_regexp(this: Any, method: str) -> JSRegExp:
    if not isinstance(this, JSRegExp) or this.source is None:
        raise type_error(f"Method RegExp.prototype.{method} called on incompatible receiver "
                         f"{to_display(this)}")
    return this


# -- the constructor -----------------------------------------------------------------------
@native("RegExp", 2, ctor=True)
def regexp_constructor(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 21.2.3.1 RegExp ( pattern, flags )."""
    pattern = arg(args, 0)
    flags = arg(args, 1)
    pattern_is_regexp = is_regexp(pattern)
    if new_target is None:
        new_target = CTX.realm.intr["RegExp"]
        if pattern_is_regexp and flags is None:
            pattern_constructor = pattern.get("constructor", pattern)
            if same_value(new_target, pattern_constructor):
                return pattern
    if isinstance(pattern, JSRegExp) and pattern.source is not None:
        p: Any = pattern.source
        f = pattern.original_flags if flags is None else flags
    elif pattern_is_regexp:
        p = pattern.get("source", pattern)
        f = pattern.get("flags", pattern) if flags is None else flags
    else:
        p, f = pattern, flags
    return regexp_initialize(regexp_alloc(new_target), p, f)


@native("get RegExp.[Symbol.species]", 0)
def regexp_species(this: Any, args: list) -> Any:
    """ES2017 21.2.4.2 get RegExp [ @@species ]."""
    return this


# -- RegExp.prototype ----------------------------------------------------------------------
@native("RegExp.prototype.exec", 1)
def regexp_proto_exec(this: Any, args: list) -> Any:
    """ES2017 21.2.5.2 RegExp.prototype.exec ( string )."""
    r = _this_regexp(this, "exec")
    return regexp_builtin_exec(r, to_string(arg(args, 0)))


@native("RegExp.prototype.test", 1, gen=True)
def regexp_proto_test(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 21.2.5.13 RegExp.prototype.test ( S )."""
    r = _this_object(this, "test")
    s = to_string(arg(args, 0))
    if _fast(r):
        return _builtin_match(r, s) is not None  # type: ignore[arg-type]
    match = yield from regexp_exec_gen(r, s)
    return match is not NULL


@native("RegExp.prototype.toString", 0)
def regexp_proto_to_string(this: Any, args: list) -> Any:
    """ES2017 21.2.5.14 RegExp.prototype.toString ( )."""
    r = _this_object(this, "toString")
    pattern = to_string(r.get("source", r))
    flags = to_string(r.get("flags", r))
    return "/" + pattern + "/" + flags


_FLAG_PROPS = (("hasIndices", "d"), ("global", "g"), ("ignoreCase", "i"), ("multiline", "m"),
               ("dotAll", "s"), ("unicode", "u"), ("sticky", "y"))


@native("get RegExp.prototype.flags", 0)
def regexp_proto_flags(this: Any, args: list) -> Any:
    """ES2022 22.2.5.4 get RegExp.prototype.flags (the order "dgimsuy")."""
    r = _this_object(this, "flags")
    return "".join(ch for name, ch in _FLAG_PROPS if to_boolean(r.get(name, r)))


def _flag_getter(this: Any, name: str, ch: str) -> Any:
    """ES2017 21.2.5.4/5/7/12/15: with the %RegExpPrototype% web-compat case (undefined)."""
    if isinstance(this, JSRegExp) and this.source is not None:
        return ch in this.original_flags
    if isinstance(this, JSObject) and this is CTX.realm.intr.get("RegExpPrototype"):
        return None
    raise type_error(f"RegExp.prototype.{name} getter called on non-RegExp object")


@native("get RegExp.prototype.global", 0)
def regexp_proto_global(this: Any, args: list) -> Any:
    return _flag_getter(this, "global", "g")


@native("get RegExp.prototype.ignoreCase", 0)
def regexp_proto_ignore_case(this: Any, args: list) -> Any:
    return _flag_getter(this, "ignoreCase", "i")


@native("get RegExp.prototype.multiline", 0)
def regexp_proto_multiline(this: Any, args: list) -> Any:
    return _flag_getter(this, "multiline", "m")


@native("get RegExp.prototype.unicode", 0)
def regexp_proto_unicode(this: Any, args: list) -> Any:
    return _flag_getter(this, "unicode", "u")


@native("get RegExp.prototype.dotAll", 0)
def regexp_proto_dot_all(this: Any, args: list) -> Any:
    """ES2018 21.2.5.3 get RegExp.prototype.dotAll."""
    return _flag_getter(this, "dotAll", "s")


@native("get RegExp.prototype.hasIndices", 0)
def regexp_proto_has_indices(this: Any, args: list) -> Any:
    """ES2022 22.2.5.6 get RegExp.prototype.hasIndices."""
    return _flag_getter(this, "hasIndices", "d")


@native("get RegExp.prototype.sticky", 0)
def regexp_proto_sticky(this: Any, args: list) -> Any:
    return _flag_getter(this, "sticky", "y")


@native("get RegExp.prototype.source", 0)
def regexp_proto_source(this: Any, args: list) -> Any:
    """ES2017 21.2.5.10 get RegExp.prototype.source."""
    if isinstance(this, JSRegExp) and this.source is not None:
        return escape_regexp_pattern(this.source)
    if isinstance(this, JSObject) and this is CTX.realm.intr.get("RegExpPrototype"):
        return "(?:)"
    raise type_error("RegExp.prototype.source getter called on non-RegExp object")


_LT_ESCAPES = {"\n": "n", "\r": "r", "\u2028": "u2028", "\u2029": "u2029"}


def escape_regexp_pattern(src: str) -> str:
    """ES2017 21.2.3.2.4 EscapeRegExpPattern, as V8 spells it: ``/`` outside classes and
    line terminators escaped, ``(?:)`` for the empty pattern."""
    if not src:
        return "(?:)"
    out = []
    escaped = False
    in_class = False
    for ch in src:
        lt = _LT_ESCAPES.get(ch)
        if lt is not None:
            out.append(lt if escaped else "\\" + lt)
            escaped = False
            continue
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "/" and not in_class:
            out.append("\\/")
            continue
        out.append(ch)
    return "".join(out)


# -- @@match ------------------------------------------------------------------------------
@native("RegExp.prototype.[Symbol.match]", 1, gen=True)
def regexp_proto_match(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 21.2.5.6 RegExp.prototype [ @@match ] ( string )."""
    rx = _this_object(this, "[Symbol.match]")
    s = to_string(arg(args, 0))
    if not to_boolean(rx.get("global", rx)):
        if _fast(rx):
            return regexp_builtin_exec(rx, s)  # type: ignore[arg-type]
        return (yield from regexp_exec_gen(rx, s))
    full_unicode = to_boolean(rx.get("unicode", rx))
    set_(rx, "lastIndex", 0.0, True)
    found: list = []
    if _fast(rx):
        while True:
            m = _builtin_match(rx, s)  # type: ignore[arg-type]
            if m is None:
                return create_array_from_list(found) if found else NULL
            found.append(m.group(0))
            if m.end() == m.start():
                this_index = to_length(rx.get("lastIndex", rx))
                set_(rx, "lastIndex", float(advance_string_index(s, this_index, full_unicode)), True)
    while True:
        result = yield from regexp_exec_gen(rx, s)
        if result is NULL:
            return create_array_from_list(found) if found else NULL
        match_str = to_string(result.get("0", result))
        found.append(match_str)
        if match_str == "":
            this_index = to_length(rx.get("lastIndex", rx))
            set_(rx, "lastIndex", float(advance_string_index(s, this_index, full_unicode)), True)


# -- @@replace ----------------------------------------------------------------------------
@native("RegExp.prototype.[Symbol.replace]", 2, gen=True)
def regexp_proto_replace(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 21.2.5.8 RegExp.prototype [ @@replace ] ( string, replaceValue )."""
    rx = _this_object(this, "[Symbol.replace]")
    s = to_string(arg(args, 0))
    length_s = len(s)
    replace_value = arg(args, 1)
    functional = is_callable(replace_value)
    if not functional:
        replace_value = to_string(replace_value)
    glob = to_boolean(rx.get("global", rx))
    full_unicode = False
    if glob:
        full_unicode = to_boolean(rx.get("unicode", rx))
        set_(rx, "lastIndex", 0.0, True)
    # fast path: (matched, position, captures) triples; else the result objects (step 10
    # reads each one just before its replacement is computed)
    results: list = []
    if _fast(rx):
        names = group_names(rx)  # type: ignore[arg-type]
        while True:
            m = _builtin_match(rx, s)  # type: ignore[arg-type]
            if m is None:
                break
            named = {name: m.group(i) for name, i in names} if names else None
            results.append((m.group(0), m.start(), list(m.groups()), named))
            if not glob:
                break
            if m.end() == m.start():
                this_index = to_length(rx.get("lastIndex", rx))
                set_(rx, "lastIndex", float(advance_string_index(s, this_index, full_unicode)), True)
    else:
        while True:
            result = yield from regexp_exec_gen(rx, s)
            if result is NULL:
                break
            results.append(result)
            if not glob:
                break
            match_str = to_string(result.get("0", result))
            if match_str == "":
                this_index = to_length(rx.get("lastIndex", rx))
                set_(rx, "lastIndex", float(advance_string_index(s, this_index, full_unicode)), True)
    acc = []
    next_source_position = 0
    for result in results:
        if type(result) is tuple:
            matched, position, captures, named = result
            if named is not None and functional:
                named = groups_object(named)
        else:
            matched, position, captures = _read_result(result, length_s)
            named = result.get("groups", result)
            if named is not None and not functional:
                named = to_object(named)
        if functional:
            extra = [] if named is None else [named]
            repl = yield from call_gen(replace_value, None,
                                       [matched, *captures, float(position), s, *extra])
            replacement = to_string(repl)
        else:
            replacement = get_substitution(matched, s, position, captures, replace_value, named)
        if position >= next_source_position:
            acc.append(s[next_source_position:position])
            acc.append(replacement)
            next_source_position = position + len(matched)
    if next_source_position < length_s:
        acc.append(s[next_source_position:])
    return "".join(acc)


def _read_result(result: JSObject, length_s: int) -> tuple:
    """ES2017 21.2.5.8 step 16.a-i: matched, position and captures of an exec result."""
    n_captures = max(to_length(result.get("length", result)) - 1, 0)
    matched = to_string(result.get("0", result))
    position = int(max(min(to_integer(result.get("index", result)), length_s), 0))
    captures = []
    for k in range(1, n_captures + 1):
        cap = result.get(str(k), result)
        captures.append(None if cap is None else to_string(cap))
    return matched, position, captures


# -- @@search -----------------------------------------------------------------------------
@native("RegExp.prototype.[Symbol.search]", 1, gen=True)
def regexp_proto_search(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 21.2.5.9 RegExp.prototype [ @@search ] ( string ) (with ES2018's SameValue
    checks, as node does, so a frozen regexp whose lastIndex is 0 can be searched)."""
    rx = _this_object(this, "[Symbol.search]")
    s = to_string(arg(args, 0))
    previous_last_index = rx.get("lastIndex", rx)
    if not same_value(previous_last_index, 0.0):
        set_(rx, "lastIndex", 0.0, True)
    if _fast(rx):
        m = _builtin_match(rx, s)  # type: ignore[arg-type]
        result: Any = NULL if m is None else float(m.start())
        index = result
    else:
        result = yield from regexp_exec_gen(rx, s)
        index = None
    current_last_index = rx.get("lastIndex", rx)
    if not same_value(current_last_index, previous_last_index):
        set_(rx, "lastIndex", previous_last_index, True)
    if result is NULL:
        return -1.0
    if index is not None:
        return index
    return result.get("index", result)


# -- @@split ------------------------------------------------------------------------------
@native("RegExp.prototype.[Symbol.split]", 2, gen=True)
def regexp_proto_split(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 21.2.5.11 RegExp.prototype [ @@split ] ( string, limit )."""
    rx = _this_object(this, "[Symbol.split]")
    s = to_string(arg(args, 0))
    realm = CTX.realm
    c = species_constructor(rx, realm.intr["RegExp"])
    flags = to_string(rx.get("flags", rx))
    unicode_matching = "u" in flags
    new_flags = flags if "y" in flags else flags + "y"
    splitter = construct(c, [rx, new_flags])
    out: list = []
    limit = arg(args, 1)
    lim = 4294967295 if limit is None else to_uint32(limit)
    if lim == 0:
        return create_array_from_list(out)
    size = len(s)
    if _fast(splitter):
        return create_array_from_list(_split_fast(splitter, s, lim, unicode_matching))
    if size == 0:
        z = yield from regexp_exec_gen(splitter, s)
        if z is not NULL:
            return create_array_from_list(out)
        return create_array_from_list([s])
    p = 0
    q = p
    while q < size:
        set_(splitter, "lastIndex", float(q), True)
        z = yield from regexp_exec_gen(splitter, s)
        if z is NULL:
            q = advance_string_index(s, q, unicode_matching)
            continue
        e = min(to_length(splitter.get("lastIndex", splitter)), size)
        if e == p:
            q = advance_string_index(s, q, unicode_matching)
            continue
        out.append(s[p:q])
        if len(out) == lim:
            return create_array_from_list(out)
        p = e
        n_captures = max(to_length(z.get("length", z)) - 1, 0)
        for i in range(1, n_captures + 1):
            out.append(z.get(str(i), z))
            if len(out) == lim:
                return create_array_from_list(out)
        q = p
    out.append(s[p:size])
    return create_array_from_list(out)


def _split_fast(splitter: JSRegExp, s: str, lim: int, unicode: bool) -> list:
    """Steps 13-25 of 21.2.5.11 for a fresh built-in splitter: the spec's sticky match at
    each q is the first match ``search`` finds from q (an empty match at p moves on)."""
    pattern = splitter.compiled
    size = len(s)
    if size == 0:
        m = pattern.match(s, 0)
        if m is None:
            return [s]
        _legacy_update(splitter, s, m)
        return []
    last: list = [None]  # the last successful match: it sets the legacy statics
    out = _split_fast_loop(pattern, s, lim, unicode, last)
    if last[0] is not None:
        _legacy_update(splitter, s, last[0])
    return out


def _split_fast_loop(pattern: Any, s: str, lim: int, unicode: bool, last: list) -> list:
    size = len(s)
    out: list = []
    p = q = 0
    while q < size:
        m = _match_at(pattern, s, q, False, unicode)
        if m is None or m.start() >= size:
            break
        last[0] = m
        q = m.start()
        e = min(m.end(), size)
        if e == p:
            q = advance_string_index(s, q, unicode)
            continue
        out.append(s[p:q])
        if len(out) == lim:
            return out
        p = e
        for g in m.groups():
            out.append(g)
            if len(out) == lim:
                return out
        q = p
    out.append(s[p:])
    return out


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)  # an ordinary object in ES2017
    ctor = realm.constructor("RegExp", "RegExp", proto)
    realm.getter(ctor, SYM_SPECIES, "get RegExp.[Symbol.species]")
    for name in ("exec", "test", "toString"):
        realm.method(proto, name, f"RegExp.prototype.{name}")
    for name in ("dotAll", "flags", "global", "hasIndices", "ignoreCase", "multiline", "source",
                 "sticky", "unicode"):
        realm.getter(proto, name, f"get RegExp.prototype.{name}")
    for sym in (SYM_MATCH, SYM_REPLACE, SYM_SEARCH, SYM_SPLIT):
        realm.method(proto, sym, f"RegExp.prototype.[Symbol.{sym.wk}]")
