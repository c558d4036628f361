"""Global value and function properties (ES2017 18.1, 18.2, B.2.1): differential tests."""
from __future__ import annotations

import pytest

from .core_helpers import check_like_node


PROGRAMS = [
    "const c = ['0x1A', '  -0x1a', '-0', '12abc', '', '  42  ', '1e3', '0b11', '0o7', '+5', '-', '0x', '9007199254740993', '123456789012345678901234567890', '\\u00a012', 'Infinity', '08', '\\n\\t 7'];\nfor (const s of c) console.log(JSON.stringify(s), parseInt(s), parseInt(s, 16), parseInt(s, 2), parseInt(s, 36), parseFloat(s), Object.is(parseInt(s), -0))",
    "console.log(parseInt('11', 1), parseInt('11', 37), parseInt('11', 0), parseInt('ff', '16'), parseInt(0.0000005), parseInt(null, 36), parseInt('z', 35.9), parseInt('10', 4294967298), parseInt(1e21), parseInt(-0))",
    "console.log(parseInt('zz', 36), parseInt('777', 8), parseInt('12', 3), parseInt('abcdefghijklmnop', 36), parseInt('1'.repeat(40), 7), parseInt('deadbeefdeadbeefdeadbeef', 16))",
    "for (const s of ['.5', '-.5e-3', '1.e5', '1e', '1e+', '-Infinityx', '+Infinity', 'infinity', '1_000', '0x10', '  \\n3.14abc', 'e5', '-0.0', '.', '5.', '1e400', '-1e-400', '2.5e-324']) console.log(JSON.stringify(s), parseFloat(s), Object.is(parseFloat(s), -0))",
    "console.log(parseFloat({toString() { return '7.5px' }}), parseInt({valueOf() { return 1 }, toString() { return '42' }}), parseFloat([3.25]), parseInt(true), parseFloat(null))",
    "console.log(isNaN('abc'), isNaN('12'), isNaN(''), isNaN(undefined), isNaN(null), isNaN({}), isNaN([1]), isFinite('12'), isFinite(Infinity), isFinite(null), isFinite('1e400'))",
    "try { isNaN(Symbol()) } catch (e) { console.log(e.message) }",
    "console.log(encodeURIComponent(\"a b&c/d?e=f#g;h,i:j@k$l+m!n'o(p)q*r~s-t_u.v\\u00e9\\u{1F600}\"), encodeURI('http://x.y/a b?c=d&e#f[g]|h'))",
    "console.log(decodeURIComponent('%41%e2%82%ac%F0%9F%98%80%2f'), decodeURI('%41%2f%3B%23%e2%82%ac%3f%20'))",
    "for (const s of ['%', '%zz', '%c0%80', '%e2%82', '%ed%a0%80', '%f4%90%80%80', '%80', '%C3%28', '%4', '%f8%80%80%80%80']) { try { decodeURIComponent(s); console.log('ok', JSON.stringify(s)) } catch (e) { console.log(JSON.stringify(s), e.name, e.message) } }",
    "for (const s of ['\\ud800', '\\udc00', '\\ud800a', '\\ud83d\\ude00', '\\u0000\\u007f\\u0080\\u07ff\\u0800\\uffff']) { try { console.log(encodeURIComponent(s)) } catch (e) { console.log(e.name, e.message) } }",
    "const all = Array.from({length: 128}, (_, i) => String.fromCharCode(i)).join(''); console.log(encodeURIComponent(all)); console.log(encodeURI(all)); console.log(decodeURIComponent(encodeURIComponent(all)) === all)",
    "console.log(escape('a b+c/\\u00fc\\u0100@*_-.'), unescape('%u0100%41%zz%4%u12'), escape(''), unescape('%25'))",
    "console.log(NaN, Infinity, -Infinity, undefined, typeof NaN, typeof undefined, Object.getOwnPropertyDescriptor(globalThis, 'NaN'))",
    "NaN = 1; Infinity = 2; undefined = 3; console.log(NaN, Infinity, undefined)",
    "'use strict'; try { NaN = 1 } catch (e) { console.log(e.name) } try { undefined = 1 } catch (e) { console.log(e.name) }",
    "console.log(Object.getOwnPropertyDescriptor(globalThis, 'parseInt'), parseInt.length, parseFloat.length, encodeURI.name, isNaN.length)",
    "console.log(typeof globalThis, globalThis.parseInt === parseInt, globalThis.Object === Object, 'NaN' in globalThis)",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_globals_like_node(src: str) -> None:
    check_like_node(src)
