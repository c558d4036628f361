"""Template literals and tagged templates (ES2017 12.2.9, 12.3.7), plus misc expression
forms: differential programs against node."""
from __future__ import annotations

import pytest

from ._corpus import check, ids

PROGRAMS = [
    "var a = 1, b = 'two'; console.log(`a=${a} b=${b} sum=${a + 1} nested=${`in${a}`}`)",
    "console.log(`line1\nline2`, `tab\\there`, `\\u0041\\x42`, `$`, `$ {x}`, `\\${escaped}`, `{}`)",
    "console.log(`${null} ${undefined} ${true} ${[1, 2]} ${{}} ${() => 1}`)",
    "var o = {toString() { return 'ts' }, valueOf() { return 'vo' }}; console.log(`${o}`, '' + o)",
    "function tag(strings, ...vals) { return strings.raw.join('|') + ' / ' + strings.join('|') + ' / ' + vals.join(',') } console.log(tag`a${1}b${2}c`, tag``, tag`\\n${'x'}`)",
    "function tag(s) { return s } var a = tag`x`, b = tag`x`; function same() { return tag`y` } console.log(a === b, same() === same(), Object.isFrozen(same()), Array.isArray(same().raw))",
    "var sites = []; function t(s) { sites.push(s); return s } for (var i = 0; i < 3; i++) t`loop ${i}`; console.log(sites[0] === sites[1], sites[1] === sites[2], sites[0].length)",
    "function t(s) { return s } var f = () => t`arrow`; console.log(f() === f(), t`arrow` === f())",
    "function tag(s, ...v) { return s.length + ':' + v.length } console.log(tag`${1}${2}${3}`, tag`no subs`)",
    "function tag(s) { return s[0] === undefined ? 'undef cooked, raw=' + s.raw[0] : s[0] } console.log(tag`\\unicode and \\u{g}`)",
    "var o = {m(s, v) { return this.p + s[0] + v }, p: 'P'}; console.log(o.m`x${1}`)",
    "function outer() { return function(s, v) { return s.raw[0] + v } } console.log(outer()`r\\n${'v'}`)",
    "console.log(String.raw`a\\nb${1 + 1}\\t`, String.raw({raw: ['x', 'y', 'z']}, 1, 2, 3))",
    "var n = 0; function tag(s, a, b) { return [a, b] } console.log(tag`${n++}${n++}`, n)",
    "console.log(`${`${`${'deep'}`}`}`, `a${1}${2}b`, `${'$'}{notsub}`)",
    "console.log(`multi\n  line\n    indent`.split('\\n').length, `\\\\`.length, `\\``)",
    "var s = Symbol('t'); try { `${s}` } catch (e) { console.log(e.name + ': ' + e.message) }",
    "function t(s) { return Object.getOwnPropertyDescriptor(s, 'raw').writable + ' ' + Object.isFrozen(s.raw) } console.log(t`x`)",
    "var x = 5; console.log(`${x > 3 ? `big ${x}` : 'small'}`, `${[1, 2].map(v => `<${v}>`).join('')}`)",
    "console.log(typeof `x`, `a` + `b`, `1` * 2, `${1}${2}` * 1)",
    "class C { static t(s) { return this.name + s[0] } } console.log(C.t`!`)",
    "function t(strings) { return strings.raw[0].length } console.log(t`\\u0041`, t`\\\\`, t`a\r\nb`)",
]


@pytest.mark.parametrize("src", PROGRAMS, ids=ids(PROGRAMS, "tpl"))
def test_templates(src: str) -> None:
    check(src)
