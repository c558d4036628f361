"""String constructor and String.prototype: JS programs compared with node, plus direct
checks of the UTF-16 helpers."""
from __future__ import annotations

import pytest

from fetchflow.interp.builtins.string import code_points, utf16
from tests.node_oracle import assert_same_as_node

PROGRAMS = {
    "ctor": r"""
console.log(String(), String(1.5), String(-0), String(null), String(undefined), String(true));
console.log(String(Symbol('x')), String(Symbol()), String([1, [2, 3]]), String({}));
const w = new String('ab');
console.log(typeof w, w.length, w[0], w[1], w[2], Object.keys(w), w instanceof String);
console.log(JSON.stringify(Object.getOwnPropertyNames(w)), w == 'ab', w === 'ab');
console.log(String.prototype.length, Object.prototype.toString.call(String.prototype));
try { new String(Symbol('s')); } catch (e) { console.log(e.constructor.name, e.message); }
console.log(String.name, String.length, String.fromCharCode.length, String.prototype.slice.length);
""",
    "from": r"""
console.log(String.fromCharCode(72, 105, 0x10041, -1 >>> 0 & 0xffff).length);
console.log(String.fromCharCode(0xd83d, 0xde00), String.fromCharCode());
console.log(String.fromCodePoint(0x1f600, 65, 0).length, String.fromCodePoint(0x1f600));
for (const bad of [-1, 1.5, 'x', 0x110000, Infinity, NaN]) {
  try { String.fromCodePoint(bad); } catch (e) { console.log(e.constructor.name, e.message); }
}
console.log(String.raw`a\n${1}b${2}c`, String.raw({raw: ['x', 'y', 'z']}, 0), String.raw({raw: 'abc'}, '-', '+'));
console.log(String.raw({raw: []}), String.raw({raw: {length: 1, 0: 'q'}}, 9));
""",
    "char": r"""
const s = 'a\ud83d\ude00b';
console.log(s.length, s.charAt(1) === '\ud83d', s.charAt(-1), s.charAt(9), s.charAt(1.9) === s.charAt(1));
console.log(s.charCodeAt(1), s.charCodeAt(9), s.charCodeAt(), s.codePointAt(1), s.codePointAt(2), s.codePointAt(9));
console.log('\ud83d'.codePointAt(0), '\ud83dx'.codePointAt(0), 'abc'.concat(1, null, [2, 3], {}));
console.log([...s].length, [...'abc'], Array.from('x\ud83d\ude00y'), [...'\udc00\ud800']);
const it = 'ab'[Symbol.iterator](); console.log(it.next(), it.next(), it.next(), String(it));
""",
    "search": r"""
const s = 'hello world, hello';
console.log(s.indexOf('hello'), s.indexOf('hello', 1), s.indexOf(''), s.indexOf('', 100), s.indexOf('z'));
console.log(s.lastIndexOf('hello'), s.lastIndexOf('hello', 5), s.lastIndexOf('hello', -5), s.lastIndexOf(''), s.lastIndexOf('', 3), s.lastIndexOf('o', NaN));
console.log(s.includes('world'), s.includes('world', 8), s.includes(''), s.startsWith('hello'), s.startsWith('world', 6), s.startsWith('', 99));
console.log(s.endsWith('hello'), s.endsWith('world', 11), s.endsWith('hello', -1), s.endsWith(''), 'abc'.endsWith('abcd'));
for (const m of ['includes', 'startsWith', 'endsWith']) {
  try { s[m](/x/); } catch (e) { console.log(e.constructor.name, e.message); }
}
const fake = /x/; fake[Symbol.match] = false; console.log('/x/'.startsWith(fake), 'a'.includes({[Symbol.match]: 0, toString() { return 'a'; }}));
""",
    "slice": r"""
const s = 'abcdefg';
console.log(s.slice(2), s.slice(-2), s.slice(2, -2), s.slice(5, 2), s.slice(-100, 100), s.slice(NaN), s.slice(1, undefined));
console.log(s.substring(2), s.substring(5, 2), s.substring(-3, 2), s.substring(NaN, 3), s.substring(2, Infinity));
console.log(s.substr(2), s.substr(-3), s.substr(-3, 2), s.substr(2, -1), s.substr(1, 2.9), s.substr(10), s.substr(-Infinity, 2));
console.log('  \t\n\u00a0\ufeff x y \u2028\u3000'.trim() + '|', ''.trim() === '');
console.log('ab'.repeat(3), 'x'.repeat(0), ''.repeat(1e9).length, 'a'.repeat(2.9));
for (const n of [-1, Infinity, 2 ** 30]) { try { 'ab'.repeat(n); } catch (e) { console.log(e.constructor.name, e.message); } }
console.log('5'.padStart(3, '0'), 'abc'.padStart(10, '123'), 'abc'.padEnd(6), 'abc'.padEnd(8, 'xy'), 'abc'.padStart(2), 'abc'.padStart(8, ''));
try { 'a'.padEnd(2 ** 30); } catch (e) { console.log(e.constructor.name, e.message); }
""",
    "case": r"""
console.log('Straße'.toUpperCase(), 'İstanbul'.toLowerCase().length, 'ΑΣ ΑΣ'.toLowerCase(), 'ǅ'.toUpperCase(), 'ǅ'.toLowerCase());
console.log('\ud801\udc00'.toLowerCase() === '\ud801\udc28', '\ud801\udc28'.toUpperCase().codePointAt(0), 'a\ud800b'.toUpperCase().length);
console.log('ﬀ'.toUpperCase(), 'ŉ'.toUpperCase(), 'Hello'.toLocaleUpperCase(), 'Hello'.toLocaleLowerCase());
console.log('\u0041\u030a'.normalize(), '\u00c5'.normalize('NFD').length, '\ufb01'.normalize('NFKC'), 'abc'.normalize('NFKD'));
try { 'a'.normalize('nfc'); } catch (e) { console.log(e.constructor.name, e.message); }
console.log(['b', 'a', 'B', 'A', 'ä', '1', ' ', '_', 'Z', 'z', 'é', 'e', 'f'].sort((x, y) => x.localeCompare(y)).join('|'));
console.log('a'.localeCompare('a'), 'a'.localeCompare('b'), 'b'.localeCompare('a'), '\u00e9'.localeCompare('e\u0301'));
""",
    "split_replace": r"""
console.log('a,b,,c'.split(','), 'abc'.split(''), ''.split(','), ''.split(''), 'abc'.split(), 'abc'.split(undefined, 0));
console.log('a,b,c'.split(',', 2), 'a,b,c'.split(',', -1), 'a,b,c'.split(',', 0), 'abc'.split('', 2), 'a\ud83d\ude00'.split('').length);
console.log('aaa'.replace('a', 'b'), 'xyz'.replace('q', 'b'), 'abc'.replace('b', '[$&|$`|$\'|$$|$1|$]'), 'abc'.replace('', '_'));
console.log('abcb'.replace('b', (m, p, s) => `(${m},${p},${s})`), 'abc'.replace('b', () => 42), 'a.b'.replace('.', '$'));
console.log('2 + 2'.replace(/\d/g, (d) => d * 2), 'abc'.split(/b/), 'abcabc'.search('c'), 'abc'.search(), 'a.c'.search('.'));
console.log('abc'.match('b').index, 'abc'.match(/z/), 'abc'.match().length, 'xAx'.replace(/a/i, '$&$&'));
const obj = { [Symbol.replace](s, r) { return `R(${s},${r})`; }, [Symbol.split](s, l) { return `S(${s},${l})`; },
  [Symbol.search](s) { return `Q(${s})`; }, [Symbol.match](s) { return `M(${s})`; } };
console.log('str'.replace(obj, 'x'), 'str'.split(obj, 3), 'str'.search(obj), 'str'.match(obj));
try { String.prototype.replace.call(null, 'a', 'b'); } catch (e) { console.log(e.constructor.name, e.message); }
try { 'abc'.replace('b', () => { throw new Error('boom'); }); } catch (e) { console.log(e.message); }
""",
    "errors": r"""
for (const m of ['trim', 'charAt', 'slice', 'padStart', 'toUpperCase', 'split', 'match', 'includes']) {
  try { String.prototype[m].call(undefined); } catch (e) { console.log(e.constructor.name, e.message); }
}
for (const m of ['toString', 'valueOf']) {
  try { String.prototype[m].call({}); } catch (e) { console.log(e.constructor.name, e.message); }
  console.log(String.prototype[m].call(new String('w')));
}
console.log(String.prototype.trim.call(12.5), String.prototype.slice.call(true, 1));
console.log(Object.getOwnPropertyNames(String.prototype).filter(n => !['at', 'trimStart', 'trimEnd', 'trimLeft', 'trimRight', 'matchAll', 'replaceAll', 'isWellFormed', 'toWellFormed', 'anchor', 'big', 'blink', 'bold', 'fixed', 'fontcolor', 'fontsize', 'italics', 'link', 'small', 'strike', 'sub', 'sup'].includes(n)).sort().join());
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_same_as_node(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])


def test_utf16_round_trip() -> None:
    s = "a\ud83d\ude00\udc00b"
    cp = code_points(s)
    assert cp == "a\U0001F600\udc00b"
    assert utf16(cp) == s
    assert utf16("abc") == "abc"
