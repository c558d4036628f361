"""RegExp built-ins with ES2018-ES2022 patterns: ``groups`` and ``indices`` on match
results, ``$<name>`` and the replacer's groups argument, the ``dotAll``/``hasIndices``
getters and the ``flags`` order, all against node; and such regexps across a pause."""
from __future__ import annotations

import pytest

from tests.interp.across_pause import across_pause
from tests.node_oracle import assert_same_as_node

PROGRAMS = [
    # match arrays as node prints them, the groups object
    r"""const m = /(?<y>\d{4})-(?<m>\d{2})/.exec("2020-12");
console.log(m); console.log(/(\d+)/.exec("a12")); console.log("2020-12".match(/(?<y>\d{4})/g));
console.log(/(?<a>x)|(?<b>y)/.exec("y").groups, Object.getPrototypeOf(m.groups), "y" in m.groups);
console.log(Object.getOwnPropertyDescriptor(m.groups, "y"), Object.keys(m), m.groups.toString);
console.log(JSON.stringify(m), JSON.stringify(/(?<z>q)?/.exec("")));
for (const x of "a1b2".matchAll(/(?<l>[a-z])(?<d>\d)/g)) console.log(x.index, x.groups.l + x.groups.d);""",
    # $<name> in replacement patterns (GetSubstitution)
    r"""const re = /(?<y>\d{4})-(?<m>\d{2})/;
for (const r of ["$<m>/$<y>", "$<nope>!", "$<m", "$<>", "$$<m>", "$<y>$1$2$&$'$`", "<$<m>>"])
  console.log(JSON.stringify(r), "x 2020-12 y".replace(re, r));
console.log("2020-12".replace(/(\d{4})-(\d{2})/, "$<y>|$2"), "ab".replace("a", "$<a>"));
console.log("1-2 3-4".replace(/(?<a>\d)-(?<b>\d)/g, "$<b>-$<a>"), "1-2 3-4".replaceAll(/(?<a>\d)-(?<b>\d)/g, "[$<a>]"));
console.log("aXbX".replace(/(?<=a|b)X/g, "$<x>"), "x".replace(/(?<a>y)?x/, "[$<a>]"));""",
    # a replacer function gets the groups object last; a custom exec's groups is read with Get
    r""""2020-12".replace(/(?<y>\d{4})-(?<m>\d{2})/, (...a) => { console.log(a.length, a[5], Object.getPrototypeOf(a[5])); return ""; });
"2020-12".replace(/(\d{4})-(\d{2})/, (...a) => { console.log(a.length, typeof a[a.length - 1]); return ""; });
"abc".replace(/(?<first>a)|(?<other>c)/g, (m, p1, p2, off, s, g) => { console.log(m, p1, p2, off, s, g); return m; });
const r = /./; r.exec = () => ({ 0: "a", length: 1, index: 0, groups: { get n() { console.log("get n"); return 7; } } });
console.log("abc".replace(r, "[$<n>][$<m>]"));
const q = /./; q.exec = () => ({ 0: "a", length: 1, index: 0, groups: "str" });
console.log("abc".replace(q, "[$<length>]"), "abc".replace(q, (...a) => typeof a[a.length - 1]));
const u = /./; u.exec = () => ({ 0: "a", length: 1, index: 0, groups: undefined });
console.log("abc".replace(u, "[$<n>]"));
const nul = /./; nul.exec = () => ({ 0: "a", length: 1, index: 0, groups: null });
try { "abc".replace(nul, "[$<n>]"); } catch (e) { console.log(e.name); }""",
    # the d flag: indices
    r"""console.log(/(?<a>.)(?<b>.)/d.exec("xab"));
const m = /(a)|(b)(?<c>c)?/d.exec("zb"); console.log(m.indices, m.indices.groups);
console.log(/x/d.exec("yx").indices, /x/.exec("x").indices, /\u{1F600}(.)/du.exec("a\u{1F600}b").indices);
console.log(Object.keys(/(?<q>.)/d.exec("q")), Object.keys(/(?<q>.)/d.exec("q").indices));
console.log("aXbX".match(/X/dg), [..."ab".matchAll(/(?<l>.)/dg)].map(x => x.indices.groups.l));""",
    # flags, dotAll, hasIndices
    r"""console.log(/x/dgimsuy.flags, new RegExp("x", "ysumigd").flags, /x/s.dotAll, /x/d.hasIndices, /x/.hasIndices);
console.log(RegExp.prototype.dotAll, RegExp.prototype.hasIndices, RegExp.prototype.flags);
const log = [];
const o = {};
for (const k of ["hasIndices", "global", "ignoreCase", "multiline", "dotAll", "unicode", "unicodeSets", "sticky"])
  Object.defineProperty(o, k, { get() { log.push(k); return true; } });
console.log(Object.getOwnPropertyDescriptor(RegExp.prototype, "flags").get.call(o).replace("v", ""), log.filter(k => k !== "unicodeSets").join());
for (const name of ["dotAll", "hasIndices"]) {
  const d = Object.getOwnPropertyDescriptor(RegExp.prototype, name);
  console.log(name, typeof d.get, d.set, d.enumerable, d.configurable, d.get.name);
  try { d.get.call({}); } catch (e) { console.log(e.name, e.message); }
}
console.log(String(/a.b/sd), new RegExp(/a/sd).flags, new RegExp(/a/sd, "g").flags, RegExp(/a/d, "s").source);
console.log("a\nb".split(/(?<=\n)/), "a\nb".split(/.|x/s), "x1y2".split(/(?<d>\d)/));""",
    # printing regexps and results with the new features; lookbehind with replace and split
    r"""console.log(/x/dgimsuy, {re: /(?<a>x)/s}, [/(?<=a)b/u]);
console.log(String(new RegExp("(?<a>\\k<a>)", "d")), new RegExp("\\p{L}", "u").source);
const m = "xay".match(/(?<=x)(?<v>a)(?=y)/d); console.log(m, m.indices.groups);
console.log("aaa".replace(/(?<=a)/g, "-"), "𝒜𝒜".replace(/(?<=\p{L})/gu, "|"), "𝒜x".split(/(?<=\p{L})/u));
console.log(/(?<a>.)\k<a>/iu.exec("Ǆǆ"));""",
    # legacy statics and lastIndex with the new features
    r"""/(?<a>.)(?<=(?<b>.))/.exec("xy"); console.log(RegExp.$1, RegExp.$2, RegExp.lastMatch);
const g = /(?<=a)b/g; console.log(g.exec("abab").index, g.lastIndex, g.exec("abab").index, g.lastIndex, g.exec("abab"));
console.log("aaa".search(/(?<=a)a/), "ab".match(/(?<=a)b/).index, /(?<!^)./y.test("ab"));""",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_same_as_node(src: str) -> None:
    assert_same_as_node(src)


def test_named_groups_and_lookbehind_across_a_pause() -> None:
    """A regexp with named groups, a lookbehind on the matcher and the d flag, and a
    match's groups, saved mid-iteration and used after the resume."""
    lines = across_pause(
        r"""const re = /(?<=(?<cur>[$€])\s*)(?<amount>\d+)/dg;
const first = re.exec("pay $ 10, €20 and $30");
const it = "pay $ 10, €20 and $30".matchAll(/(?<=(?<cur>[$€]))(?<amount>\d+)/g);
it.next();""",
        r"""console.log(first.groups.cur, first.groups.amount, first.indices.groups.amount.join());
console.log(re.lastIndex, re.exec("pay $ 10, €20 and $30").groups.amount, re.flags);
console.log([...it].map(m => m.groups.cur + m.groups.amount).join());
console.log("2020-12".replace(/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y>"), /a.b/s.test("a\nb"));""")
    assert lines == ["$ 10 6,8", "8 20 dg", "$30", "12/2020 true"]
