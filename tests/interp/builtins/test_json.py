"""JSON.parse and JSON.stringify: JS programs compared with node, a fuzz of malformed
texts whose SyntaxError messages must equal node's, and deep nesting (no RecursionError)."""
from __future__ import annotations

import json
import random
import shutil
import subprocess

import pytest

from tests.engine import run
from fetchflow.interp.builtins.json import parse_json_text, quote_json_string
from fetchflow.interp.realm import Realm
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import JSThrow
from tests.node_oracle import assert_same_as_node

NODE = shutil.which("node")

PROGRAMS = {
    "stringify_values": r"""
console.log(JSON.stringify({a: [1, 'x', null, undefined, () => 1, Symbol()], b: undefined, c: -0, d: NaN, e: new Number(3), f: new String('s'), g: new Boolean(false), h: {toJSON(k) { return 'T' + k; }}}));
console.log(JSON.stringify('\ud800\udc00\ud800 \udc00 "\\\n\u0001\u001f\u2028\b\f\t\r\u007f'), JSON.stringify(undefined), JSON.stringify(() => 1), JSON.stringify(Symbol()), JSON.stringify(null));
console.log(JSON.stringify({u: undefined}), JSON.stringify([undefined]), JSON.stringify({}, null, 2), JSON.stringify([], null, 2), JSON.stringify([[]], null, 2));
console.log(JSON.stringify(1e21), JSON.stringify(-1.5e-7), JSON.stringify(Object.create({inherited: 1})), JSON.stringify([, 1]), JSON.stringify(Infinity));
console.log(JSON.stringify({[Symbol('s')]: 1, 2: 'two', b: 'b', 1: 'one'}), JSON.stringify(Object.defineProperty({}, 'hidden', {value: 1})));
console.log(JSON.stringify({get g() { return 'getter'; }}), JSON.stringify(new Number(-0)), JSON.stringify(Object('str')), JSON.stringify(true));
const arr = [1, 2]; arr.extra = 3; console.log(JSON.stringify(arr), JSON.stringify({length: 2, 0: 'a'}));
console.log(JSON.stringify({a: {toJSON() { return undefined; }}, b: {toJSON() { return {n: 1}; }}}), JSON.stringify({toJSON: 5}));
""",
    "stringify_space": r"""
console.log(JSON.stringify([1, {a: 2, b: [3, {}], c: []}], null, 2));
console.log(JSON.stringify({a: 1, b: {c: 2}}, null, '--'), JSON.stringify({a: [1]}, null, 20), JSON.stringify({a: 1}, null, 'abcdefghijklmnop'));
console.log(JSON.stringify({a: 1}, null, new Number(3)), JSON.stringify({a: 1}, null, new String('\t')), JSON.stringify({a: 1}, null, 0.9), JSON.stringify({a: [1]}, null, 0), JSON.stringify({a: 1}, null, ''), JSON.stringify({a: 1}, null, -5), JSON.stringify({a: 1}, null, true));
console.log(JSON.stringify({a: [{}, [], {b: undefined}]}, null, 1), JSON.stringify([undefined, function () {}], null, 1));
""",
    "stringify_replacer": r"""
console.log(JSON.stringify({a: 1, b: 2, c: {a: 3, d: 4}}, ['a', 'c', 'a', 1]), JSON.stringify({1: 1, a: 2}, [1, new String('a'), {}, true]));
console.log(JSON.stringify({a: 1, b: 'x', c: [1, 2]}, (k, v) => typeof v === 'number' ? v * 10 : v));
console.log(JSON.stringify({a: 1}, function (k, v) { return k === '' ? {b: 2} : v; }), JSON.stringify([5], ['0']));
const seen = []; JSON.stringify({x: [1, {y: 2}]}, function (k, v) { seen.push(JSON.stringify(k) + (Array.isArray(this) ? '@arr' : '@obj')); return v; }); console.log(seen.join(' '));
console.log(JSON.stringify({a: 1, b: 2}, (k, v) => k === 'a' ? undefined : v), JSON.stringify([1, 2], (k, v) => k === '0' ? undefined : v));
try { JSON.stringify({a: 1}, () => { throw new Error('in replacer'); }); } catch (e) { console.log(e.message); }
try { JSON.stringify({toJSON() { throw new TypeError('in toJSON'); }}); } catch (e) { console.log(e.constructor.name, e.message); }
""",
    "stringify_cycles": r"""
const a = {x: {y: [1, {}]}}; a.x.y[1].z = a;
try { JSON.stringify(a); } catch (e) { console.log(e.constructor.name, JSON.stringify(e.message)); }
const b = []; b.push(b); try { JSON.stringify(b); } catch (e) { console.log(JSON.stringify(e.message)); }
class Foo {} const f = new Foo(); f.self = {q: {w: {e: {r: {t: f}}}}};
try { JSON.stringify({k: f}); } catch (e) { console.log(JSON.stringify(e.message)); }
const n = Object.create(null); n['1'] = n; try { JSON.stringify(n); } catch (e) { console.log(JSON.stringify(e.message)); }
const shared = {v: 1}; console.log(JSON.stringify({p: shared, q: shared, r: [shared, shared]}));
""",
    "parse": r"""
console.log(JSON.parse('{"a":[1,2,{"b":null}],"c":"\\u00e9\\ud83d\\ude00\\n","d":-0.5e2, "__proto__": 1}').c.length, JSON.stringify(JSON.parse(' [1, true, false, null, -0, 1E+2, "x"] ')));
console.log(JSON.parse('{"b":1,"a":2,"1":3,"b":4}'), Object.keys(JSON.parse('{"__proto__": {"x": 1}}')), 1 / JSON.parse('-0'), JSON.parse('"\\ud800"').length);
console.log(JSON.parse('123456789012345678901234567890'), JSON.parse('1e400'), JSON.parse('-1e-400'), JSON.parse('0.1e1'), JSON.parse(' \t\r\n"x" \n'));
console.log(JSON.parse(1), JSON.parse(null), JSON.parse(true), JSON.parse({toString() { return '[2]'; }}), JSON.parse(new String('"s"')));
console.log(Object.getPrototypeOf(JSON.parse('{}')) === Object.prototype, Array.isArray(JSON.parse('[]')), JSON.parse('{"a":1}').hasOwnProperty('a'));
""",
    "parse_errors": r"""
const cases = ['{a', '[1,]', "'a'", '01', '"\u0001"', '', ' ', '[', '{"a":1,}', 'tru', 'nul', '1e', '-', '"abc', '[1 2]', '{"a" 1}',
  '{"a":}', '1.', '.5', '"\\x"', '"\\u12"', '[1]x', 'undefined', '{"a":1', '"a\nb"', '\u00a0 1', '123abc', '{1:2}', 'NaN', '-Infinity',
  '"\\', '[,1]', '{,}', '[1,,2]', 'x'.repeat(50), '{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa":1,}', '[object Object]', 'Infinity',
  '{"a":1,"b" 2}', '{"key":{"k2":[[],}]}}', 'tr1e', 'tr"e', '[1,2,3,4,5,6,7,8,9,10,11,12 x]', '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,x]'];
for (const c of cases) { try { JSON.parse(c); console.log('ok'); } catch (e) { console.log(e.constructor.name, e.message); } }
try { JSON.parse('{'); } catch (e) { console.log(e instanceof SyntaxError, e.name); }
""",
    "reviver": r"""
console.log(JSON.parse('[1,[2,3],{"a":4}]', function (k, v) { return typeof v === 'number' ? v + 100 : v; }));
console.log(JSON.stringify(JSON.parse('{"a":1,"b":{"c":2,"d":3}}', (k, v) => k === 'c' ? undefined : v)));
const log = []; JSON.parse('{"x":[1,{"y":2}],"z":3}', function (k, v) { log.push(k + ':' + JSON.stringify(v) + ':' + Array.isArray(this)); return v; }); console.log(log.join(' '));
console.log(JSON.stringify(JSON.parse('[1,2,3]', (k, v) => k === '1' ? undefined : v)), JSON.parse('5', (k, v) => [k, v]));
console.log(JSON.stringify(JSON.parse('{"a":{"b":1}}', function (k, v) { if (k === 'a') { this.extra = 1; } return v; })));
try { JSON.parse('[1]', () => { throw new RangeError('rev'); }); } catch (e) { console.log(e.constructor.name, e.message); }
console.log(JSON.parse('{"a":1}', 'not a function').a, JSON.parse.length, JSON.stringify.length, Object.prototype.toString.call(JSON));
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_same_as_node(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])


# -- malformed texts: every SyntaxError message and position as node reports it ---------------

_ALPHA = list('{}[],:"\\u01-.e+ trnaxflsE9') + ["\n", "\u0001", "\u00a0", "true", "null", "false",
                                                 '"ab"', "12", "1.5e3"]
_VALID = ['{"a":[1,2,{"b":null}],"c":"x"}', '[1,true,false,null,-0.5e-3,"\\u00e9\\n"]',
          '{"key":{"k2":[[],{}]}}', '"just a long string value here"',
          "123456789012345678901234567890", '{"a":1,"b":{"c":[{"d":"e"}]}}']


def _fuzz_cases(seed: int, count: int) -> list:
    rnd = random.Random(seed)
    cases = []
    for _ in range(count):
        if rnd.random() < 0.5:
            cases.append("".join(rnd.choice(_ALPHA) for _ in range(rnd.randint(0, 12))))
        else:
            v = list(rnd.choice(_VALID))
            for _ in range(rnd.randint(1, 3)):
                op = rnd.random()
                p = rnd.randint(0, len(v))
                if op < 0.4 and v:
                    v.pop(min(p, len(v) - 1))
                elif op < 0.8:
                    v.insert(p, rnd.choice(_ALPHA))
                else:
                    v = v[:p]
            cases.append("".join(v))
    return cases


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_parse_errors_match_node(seed: int) -> None:
    CTX.realm = Realm()
    cases = _fuzz_cases(seed, 3000)
    js = ("const inp = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
          "process.stdout.write(JSON.stringify(inp.map(s => { try { JSON.parse(s); return 'OK'; }"
          " catch (e) { return e.message; } })));")
    p = subprocess.run([NODE, "-e", js], input=json.dumps(cases), capture_output=True, text=True,
                       timeout=60, check=True)
    expected = json.loads(p.stdout)
    for text, exp in zip(cases, expected):
        try:
            parse_json_text(text)
            got = "OK"
        except JSThrow as e:
            got = e.value.props["message"]
        assert got == exp, text


# -- deep nesting ---------------------------------------------------------------------------

def test_parse_deep_nesting() -> None:
    r = run("const v = JSON.parse('['.repeat(100000) + ']'.repeat(100000));"
            "let d = 0, x = v; while (Array.isArray(x) && x.length) { x = x[0]; d++; } console.log(d);")
    assert r.console == ["99999"]


def test_parse_deep_objects_with_reviver() -> None:
    r = run("const t = '{\"a\":'.repeat(20000) + '1' + '}'.repeat(20000); let n = 0;"
            "JSON.parse(t, (k, v) => { n++; return v; }); console.log(n);")
    assert r.console == ["20001"]


def test_stringify_deep_nesting() -> None:
    r = run("let d = []; for (let i = 0; i < 100000; i++) d = [d];"
            "const s = JSON.stringify(d); console.log(s.length, s.slice(0, 3), JSON.stringify({a: d}).length);")
    assert r.console == ["200002 [[[ 200008"]


def test_quote_json_string() -> None:
    assert quote_json_string("a\"b\\c\n\u0001") == '"a\\"b\\\\c\\n\\u0001"'
    assert quote_json_string("\ud83d\ude00") == '"\ud83d\ude00"'
    assert quote_json_string("\ude00\ud83d") == '"\\ude00\\ud83d"'
