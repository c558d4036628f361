"""The legacy static properties of RegExp (``RegExp.$1``-``$9``, ``input``/``$_``,
``lastMatch``/``$&``, ``lastParen``/``$+``, ``leftContext``/``$```, ``rightContext``/``$'``),
as the TC39 proposal "Legacy RegExp features in JavaScript" specifies them.

https://github.com/tc39/proposal-regexp-legacy-features

%RegExp%'s internal slots [[RegExpInput]], [[RegExpLastMatch]], ... live in the constructor
function's ``data``: ``[input, subject, start, end, captures]``, the last successful match
kept as the string it ran on, its bounds and its capture tuple, so that a match costs no
string copies (the getters cut the pieces when read).  ``None`` is the spec's **empty**
(after a match by a RegExp subclass instance).  The list is plain data: it pickles with the
constructor, so the values survive a pause.

Where the proposal and V8 (node) differ, this follows the proposal:

* only direct instances of %RegExp% update the values; a match by an instance of a subclass
  ([[LegacyFeaturesEnabled]] false) *invalidates* them, and reading one then throws a
  TypeError (V8 updates them for every regexp);
* the accessors check their receiver: ``class R extends RegExp {}; R.$1`` throws (V8 answers);
* ``$1``-``$9`` and the others but ``input``/``$_`` have no setter, so assigning one throws in
  strict code (V8 has setters that ignore the value).
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.errors import type_error
from ..operations.type_conversion import to_string
from ..runtime import CTX
from ..values import ACC, C, Accessor

INPUT, SUBJECT, START, END, CAPTURES = range(5)


def initial_statics() -> list:
    """The initial value of every slot is the empty String."""
    return ["", "", 0, 0, ()]


def _statics() -> list:
    """%RegExp%'s slots; made afresh when a state saved before they existed (or a state
    with anything but the five slots there) is resumed."""
    c = CTX.realm.intr["RegExp"]
    st = c.data
    if type(st) is not list or len(st) != 5 or not isinstance(st[INPUT], (str, type(None))) \
            or not isinstance(st[SUBJECT], (str, type(None))) or type(st[CAPTURES]) is not tuple \
            or type(st[START]) is not int or type(st[END]) is not int:
        st = c.data = initial_statics()
    return st


def update_legacy_static_properties(s: str, start: int, end: int, captures: tuple) -> None:
    """UpdateLegacyRegExpStaticProperties ( %RegExp%, S, startIndex, endIndex,
    capturedValues ), with the pieces cut lazily by the getters."""
    st = _statics()
    st[INPUT] = st[SUBJECT] = s
    st[START] = start
    st[END] = end
    st[CAPTURES] = captures


def invalidate_legacy_static_properties() -> None:
    """InvalidateLegacyRegExpStaticProperties ( %RegExp% ): every slot becomes empty."""
    st = _statics()
    st[INPUT] = st[SUBJECT] = None
    st[START] = st[END] = 0
    st[CAPTURES] = ()


def _slot(st: list, name: str) -> Any:
    """The value of the slot behind property ``name`` (None when empty)."""
    if name in ("input", "$_"):
        return st[INPUT]
    s = st[SUBJECT]
    if s is None:
        return None
    caps = st[CAPTURES]
    if name in ("lastMatch", "$&"):
        return s[st[START]:st[END]]
    if name in ("leftContext", "$`"):
        return s[:st[START]]
    if name in ("rightContext", "$'"):
        return s[st[END]:]
    if name in ("lastParen", "$+"):
        v = caps[-1] if caps else ""
    else:  # $1 ... $9
        i = int(name[1])
        v = caps[i - 1] if i <= len(caps) else ""
    return "" if v is None else v  # an unmatched group reads as "" (V8)


def get_legacy_regexp_static_property(this: Any, name: str) -> Any:
    """GetLegacyRegExpStaticProperty ( C, thisValue, internalSlotName )."""
    c = CTX.realm.intr["RegExp"]
    if this is not c:
        raise type_error(f"RegExp.{name} getter called on an incompatible receiver")
    v = _slot(_statics(), name)
    if v is None:
        raise type_error(f"RegExp.{name} is not available: the last match was made by a "
                         "RegExp subclass instance")
    return v


def set_legacy_regexp_static_property(this: Any, value: Any) -> None:
    """SetLegacyRegExpStaticProperty ( C, thisValue, [[RegExpInput]], val )."""
    c = CTX.realm.intr["RegExp"]
    if this is not c:
        raise type_error("RegExp.input setter called on an incompatible receiver")
    _statics()[INPUT] = to_string(value)


# the accessors, in V8's property order
NAMES = ("input", "$_", "lastMatch", "$&", "lastParen", "$+", "leftContext", "$`",
         "rightContext", "$'", "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9")


def _register(name: str) -> None:
    def getter(this: Any, args: list) -> Any:
        return get_legacy_regexp_static_property(this, name)
    getter.__name__ = getter.__qualname__ = f"get_{name}"
    native(f"get RegExp.{name}", 0)(getter)
    if name in ("input", "$_"):
        def setter(this: Any, args: list) -> Any:
            set_legacy_regexp_static_property(this, arg(args, 0))
            return None
        setter.__name__ = setter.__qualname__ = f"set_{name}"
        native(f"set RegExp.{name}", 1)(setter)


for _name in NAMES:
    _register(_name)


def setup(realm: Any) -> None:
    ctor = realm.intr["RegExp"]
    ctor.data = initial_statics()
    for name in NAMES:
        g = realm.native(f"get RegExp.{name}")
        s = realm.native(f"set RegExp.{name}") if name in ("input", "$_") else None
        ctor._store(name, Accessor(g, s), ACC | C)
