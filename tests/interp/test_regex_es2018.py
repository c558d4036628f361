"""The ES2018-ES2022 pattern syntax and semantics of the regex engine (regex_parse,
regex_match, regex_translate, regex_unicode): named groups, lookbehind, ``s``, ``\\p{…}``.

Every program runs against node twice: as fetchflow picks the matcher (Python's ``re``
where it runs the pattern as JS does, ``regex_match`` otherwise) and with every pattern on
``regex_match`` (``BACKTRACK_ALL``), so both back ends are held to node's output.
"""
from __future__ import annotations

from typing import Any, Iterator

import pytest

from fetchflow.interp.builtins import regexp as regexp_module
from fetchflow.interp.regex_analysis import needs_backtracker
from fetchflow.interp.regex_charsets import MAX_CODE_POINT, norm
from fetchflow.interp.regex_parse import parse_pattern, parse_pattern_names
from fetchflow.interp.regex_unicode import property_escape_ranges
from fetchflow.interp.regex_unicode_data import GENERAL_CATEGORY
from tests.node_oracle import assert_same_as_node


@pytest.fixture(params=["chosen", "matcher"])
def back_end(request: Any) -> Iterator[str]:
    regexp_module.BACKTRACK_ALL = request.param == "matcher"
    regexp_module._compile.cache_clear()
    yield request.param
    regexp_module.BACKTRACK_ALL = False
    regexp_module._compile.cache_clear()


PROGRAMS = [
    # named groups: groups object, \k, forward and enclosing references, escapes in names
    r"""const show = (m) => console.log(m && [...m], m && m.groups && Object.entries(m.groups));
show(/(?<year>\d{4})-(?<month>\d{2})(?:-(?<day>\d\d))?/.exec("on 2020-12 x"));
show(/(?<a>.)\k<a>/.exec("xyyz")); show(/\k<a>(?<a>b)/.exec("bb")); show(/(?<a>a\k<a>)/.exec("aa"));
show(/(?<$𝒜>.)(?<_\u0062>.)(?<\u{63}>.)/.exec("xyz")); show(/(?<a>.)|(?<b>.)/.exec("q"));
show(/(?<a>x)\k<a>/i.exec("xX")); show(/(?<a>.)(?:\k<a>)+/.exec("abbbb"));
show(/(?:(?<a>a)|b)\k<a>/.exec("bb")); show(/(?<a>.)\1/.exec("zz"));
console.log(/\k/.test("k"), /\k<a>/.test("k<a>"), /[\k]/.test("k"));""",
    # lookbehind: any length, captures taken right to left, backreferences by direction
    r"""const show = (m) => console.log(m && [...m], m && m.index);
show(/(?<=\$)\d+(\.\d*)?/.exec("cost $10.53")); show(/(?<!\$)\b\d+/.exec("$10 20"));
show(/(?<=(\d+)(\d+))$/.exec("1053")); show(/(?<=(\d+?)(\d+?))$/.exec("1053"));
show(/(?<=(\w){3})f/.exec("abcdef")); show(/(?<=([abc])+)x/.exec("abcx"));
show(/(?<=\1(a))b/.exec("aab")); show(/(?<=(a)\1)b/.exec("xab")); show(/(?<=(?<c>.)\k<c>)x/.exec("aax"));
show(/(?<=([a-c])\1)d/i.exec("xbBd")); show(/(?<!abc)\w\w\w/.exec("abcdef"));
show(/(?<=ab(?=c)\w)\w/.exec("abcd")); show(/(?<=a(?<=b(?<!c)))/.exec("ab"));
show(/(?<=^|\s)\w+/.exec("  foo")); show(/(?<=^\w+)x/m.exec("ab\ncdx")); show(/(?<=a|bc|def)X/.exec("defX"));
console.log("a1b22c333".match(/(?<=[a-z]+)\d+/g), "xaxbxc".replace(/(?<=x)./g, "#"));
console.log("a,b;c".split(/(?<=[,;])/), /(?<=(?:ab)*)c/.exec("ababc")[0], /(?<=.{2,3})z/.exec("xyz").index);
const y = /(?<=a)b/y; y.lastIndex = 1; console.log(y.test("ab"), y.lastIndex);
show(/(?<=\u{1F600})x/u.exec("\u{1F600}x")); show(/(?<=.)x/u.exec("\u{1F600}x")); show(/(?<=^.)x/u.exec("\u{1F600}x"));
show(/(?<=(.))x/u.exec("\u{1F600}x")); show(/(?<=\ud83d)x/.exec("\u{1F600}x")); show(/(?<=\ude00)x/.exec("\u{1F600}x"));""",
    # the s flag
    r"""console.log(/^.$/s.test("\n"), /^.$/.test("\n"), /^.$/su.test("\u{1F600}"), /^.$/s.test("\u2028"));
console.log(/a.+c/s.exec("a\r\n\u2029c")[0].length, /./gs[Symbol.match]("a\nb").length, /[^]/.test("\n"));
console.log(new RegExp(".", "s").dotAll, /./.dotAll, /./s.source, /./si.flags);""",
    # \p{…} and \P{…} under u; identity escapes without it
    r"""const t = (re, s) => (s.match(re) || []).join("|");
console.log(t(/\p{L}+/gu, "héllo wörld 123"), t(/\p{Lu}/gu, "aBcDÉ"), t(/\p{N}+/gu, "x١٢3 ½"));
console.log(t(/\p{gc=Nd}+/gu, "a12b"), t(/\p{General_Category=Decimal_Number}+/gu, "a12b"), t(/\p{Nd}/gu, "٣"));
console.log(t(/\p{Script=Greek}+/gu, "abc αβγ"), t(/\p{sc=Cyrl}+/gu, "привет x"), t(/\p{scx=Hira}/gu, "あー"));
console.log(t(/\p{Script_Extensions=Latin}/gu, "a\u0363"), t(/\p{sc=Latin}/gu, "a\u0363"));
console.log(t(/\p{Emoji_Presentation}/gu, "a😀b✈"), t(/\p{Emoji}/gu, "a😀b✈1"), t(/\p{ASCII}+/gu, "abc→d"));
console.log(t(/\p{Any}/gu, "a😀").length, t(/\P{Any}/gu, "a"), t(/\p{White_Space}/gu, "a\u00a0b\u3000"));
console.log(t(/[\p{L}\p{N}]+/gu, "ab12-cd"), t(/[^\p{L}]+/gu, "ab12-cd"), t(/\P{L}+/gu, "ab12-cd"));
console.log(t(/\p{Lu}/giu, "aBc"), t(/\P{Lu}/giu, "aB"), t(/\p{Alpha}+/gu, "ab1"), t(/\p{AHex}+/gu, "fg"));
console.log(t(/\p{ID_Start}\p{ID_Continue}*/gu, "1ab_2 $"), /\p{L}/.test("p{L}"), /\P/.test("P"), /[\p]/.test("p"));
console.log(t(/\p{Lowercase_Letter}/gu, "aBçΣσ"), t(/\p{Cn}/gu, "\u0378a"), t(/\p{Co}/gu, "\ue000"));""",
    # invalid patterns: node's messages (literals are early errors; the constructor throws)
    r"""for (const [p, f] of [["(?<a>x)(?<a>y)", ""], ["(?<1a>x)", ""], ["(?<a>x)\\k<b>", ""],
    ["\\k<b>(?<a>x)", ""], ["(?<a>x)\\k", ""], ["\\k", "u"], ["\\k<a>", "u"], ["(?<a>x)[\\k]", ""],
    ["(?<a", ""], ["(?<>x)", ""], ["(?<a-b>x)", ""], ["(?<a>x)\\k<a", ""], ["(?<=a)*", ""],
    ["(?<=a)+", "u"], ["(?<!a){2}", ""], ["(?<=a", ""], ["\\p{Foo}", "u"], ["[\\p{Foo}]", "u"],
    ["\\p", "u"], ["\\p{", "u"], ["\\p{L", "u"], ["\\p{Script}", "u"], ["\\p{sc=Foo}", "u"],
    ["\\p{ascii}", "u"], ["\\p{gc=Alphabetic}", "u"], ["\\p{Block=Basic_Latin}", "u"],
    ["[\\p{L}-z]", "u"], ["\\p{Letter=L}", "u"], ["x", "ss"], ["x", "dd"], ["x", "a"]]) {
  try { new RegExp(p, f); console.log("valid", p, f); } catch (e) { console.log(e.name, e.message); }
}
for (const src of ["/(?<a>.)(?<a>.)/", "/\\p{Foo}/u", "/(?<=a)?/", "/a/ss"]) {
  try { eval(src); console.log("valid", src); } catch (e) { console.log(e.name, e.message); }
}""",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_same_as_node(src: str, back_end: str) -> None:
    assert_same_as_node(src)


def test_which_lookbehinds_stay_on_re() -> None:
    """Fixed-width, capture-free lookbehinds outside u are Python's; the rest are ours."""
    def needs(p: str, f: str = "") -> bool:
        return needs_backtracker(parse_pattern(p, f)[0], "u" in f)
    assert not needs("(?<=\\$)\\d+")
    assert not needs("(?<!ab|cd)x(?=(?<=[a-z]{2}))")
    assert needs("(?<=\\$\\d+)x")           # variable width
    assert needs("(?<=ab|c)x")               # alternatives of different widths
    assert needs("(?<=(a))x")                # a capture: taken right to left
    assert needs("(?<=a)x", "u")             # a character may be two code units
    assert needs("(?=(?<=a+))x")             # nested inside a lookahead


def test_group_names_and_counts() -> None:
    _, n, names = parse_pattern_names("(a)(?<x>b)(?:c)(?<=d)(?<y>e)", "")
    assert n == 3 and names == (("x", 2), ("y", 3))
    _, _, names = parse_pattern_names("(?<\U0001d49c>.)", "u")   # an astral name: a JS string
    assert names == (("\ud835\udc9c", 1),)


def test_property_sets_are_consistent() -> None:
    """The generated tables: the General_Category values partition the code points, and
    the derived properties are what the spec says."""
    any_ = property_escape_ranges("Any", None)
    assert any_ == [(0, MAX_CODE_POINT)]
    assert property_escape_ranges("ASCII", None) == [(0, 0x7F)]
    leaves = [v for k, v in GENERAL_CATEGORY.items() if len(k) == 2 and k != "LC"]
    covered: list = []
    total = 0
    for v in set(leaves):
        r = property_escape_ranges("gc", v)
        assert r is not None
        covered += r
        total += sum(hi - lo + 1 for lo, hi in r)
    assert total == MAX_CODE_POINT + 1 and norm(covered) == any_   # disjoint and complete
    assigned = property_escape_ranges("Assigned", None)
    unassigned = property_escape_ranges("Cn", None)
    assert sum(hi - lo + 1 for lo, hi in assigned + unassigned) == MAX_CODE_POINT + 1
    assert property_escape_ranges("L", None) == property_escape_ranges("General_Category", "Letter")
    assert property_escape_ranges("scx", "Latn") == property_escape_ranges("Script_Extensions", "Latin")
    for bad in [("letter", None), ("gc", "Alphabetic"), ("General_Category", None), ("sc", "Hrkt"),
                ("Script", "latin"), ("Block", "Basic_Latin")]:
        assert property_escape_ranges(*bad) is None, bad
