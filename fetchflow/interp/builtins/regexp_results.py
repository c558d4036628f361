"""What a RegExp match gives back: the match array with ``groups`` and ``indices`` (ES2022
22.2.5.2.2 RegExpBuiltinExec steps 20-36, 22.2.5.2.8 MakeMatchIndicesIndexPairArray) and
the replacement text of ``$`` patterns (22.1.3.19.1 GetSubstitution, with ``$<name>``).

https://tc39.es/ecma262/2023/#sec-regexpbuiltinexec
https://tc39.es/ecma262/2023/#sec-getsubstitution
"""
from __future__ import annotations

from typing import Any

from ..operations.object_operations import create_array_from_list, create_data_property
from ..operations.type_conversion import to_string
from ..values import JSArray, JSObject

__all__ = ["match_result", "make_match_indices_index_pair_array", "groups_object",
           "get_substitution"]


def match_result(m: Any, s: str, ngroups: int, names: tuple, has_indices: bool) -> JSArray:
    """ES2022 22.2.5.2.2 steps 20-36: the match array with index, input, groups (and with
    ``d``, indices)."""
    a = create_array_from_list([m.group(i) for i in range(ngroups + 1)])
    create_data_property(a, "index", float(m.start()))
    create_data_property(a, "input", s)
    groups: Any = None
    if names:
        groups = JSObject(None)
        for name, i in names:
            create_data_property(groups, name, m.group(i))
    create_data_property(a, "groups", groups)
    if has_indices:
        create_data_property(a, "indices", make_match_indices_index_pair_array(m, ngroups, names))
    return a


def make_match_indices_index_pair_array(m: Any, ngroups: int, names: tuple) -> JSArray:
    """ES2022 22.2.5.2.8 MakeMatchIndicesIndexPairArray: ``[start, end]`` per group
    (undefined for one that did not participate), and ``groups`` by name."""
    pairs: list = []
    for i in range(ngroups + 1):
        start = m.start(i)
        pairs.append(None if start < 0 else
                     create_array_from_list([float(start), float(m.end(i))]))
    a = create_array_from_list(pairs)
    groups: Any = None
    if names:
        groups = JSObject(None)
        for name, i in names:
            create_data_property(groups, name, pairs[i])
    create_data_property(a, "groups", groups)
    return a


def groups_object(named: dict) -> JSObject:
    """The ``groups`` object a built-in exec would have made (a null-prototype object)."""
    groups = JSObject(None)
    for name, v in named.items():
        create_data_property(groups, name, v)
    return groups


def get_substitution(matched: str, s: str, position: int, captures: list, replacement: str,
                     named_captures: Any = None) -> str:
    """ES2018 21.1.3.14.1 GetSubstitution (``$nn`` resolved as V8 does: two digits if that
    capture exists, else one digit, else literal).  ``named_captures`` is undefined (None),
    an object (read with Get), or a dict name -> capture for a built-in exec's match."""
    if "$" not in replacement:
        return replacement
    m = len(captures)
    out = []
    i = 0
    n = len(replacement)
    while i < n:
        ch = replacement[i]
        if ch != "$" or i + 1 >= n:
            out.append(ch)
            i += 1
            continue
        c = replacement[i + 1]
        if c == "$":
            out.append("$")
            i += 2
        elif c == "&":
            out.append(matched)
            i += 2
        elif c == "`":
            out.append(s[:position])
            i += 2
        elif c == "'":
            tail = position + len(matched)
            out.append(s[tail:] if tail < len(s) else "")
            i += 2
        elif c == "<" and named_captures is not None:
            close = replacement.find(">", i + 2)
            if close < 0:
                out.append("$<")
                i += 2
                continue
            name = replacement[i + 2:close]
            if type(named_captures) is dict:
                cap = named_captures.get(name)
            else:
                cap = named_captures.get(name, named_captures)
            if cap is not None:
                out.append(to_string(cap))
            i = close + 1
        elif "0" <= c <= "9":
            d2 = replacement[i + 2] if i + 2 < n else ""
            if "0" <= d2 <= "9" and 1 <= int(c + d2) <= m:
                cap = captures[int(c + d2) - 1]
                i += 3
            elif 1 <= int(c) <= m:
                cap = captures[int(c) - 1]
                i += 2
            else:
                out.append("$")
                i += 1
                continue
            if cap is not None:
                out.append(cap)
        else:
            out.append("$")
            i += 1
    return "".join(out)
