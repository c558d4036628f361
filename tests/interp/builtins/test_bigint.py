"""BigInt (ES2020): literals, every operator and its errors, conversions, the BigInt
object, typed arrays of BigInts, printing; each program's output must equal node's (both
compile modes), plus BigInts across a saved pause and out through to_python."""
from __future__ import annotations

import pytest

import fetchflow
from tests.interp.across_pause import across_pause
from tests.node_oracle import assert_same_as_node

# try each thunk and print its value or its error (name and message), as node would
T = ("const t = (f) => { try { console.log(f()) } "
     "catch (e) { console.log(e.constructor.name + ': ' + e.message) } };\n")

PROGRAMS = {
    "literals": """
console.log(1n, 0x1fn, 0o17n, 0b101n, 1_000n, 123456789012345678901234567890n, -0n, typeof 1n);
console.log(typeof Object(1n), typeof BigInt, [1n, -2n], { a: 1n, b: [2n] }, Object(3n));
console.log(String(10n), `${-7n}`, 1n + "", "" + 2n, [1n, 2n].join(), 5n.toString());
""",
    "arithmetic": """
console.log(7n + 3n, 7n - 10n, 6n * -7n, 7n / 2n, -7n / 2n, 7n / -2n, 7n % 3n, -7n % 3n, 7n % -3n);
console.log(2n ** 100n, (-2n) ** 3n, 0n ** 0n, 1n ** 1000000000n, (-1n) ** 1000000001n);
console.log(-(5n), -(-0n), ~5n, ~-1n, 5n & 3n, 5n | 3n, 5n ^ 3n, -5n & 0xffn, -1n | 0n);
console.log(1n << 70n, -5n >> 1n, 5n << -1n, -5n >> 100n, 5n >> -2n, (2n ** 64n) >> 63n);
const big = 2n ** 200n; console.log(big * big / big === big, big % 1000000007n);
""",
    "operator_errors": T + """
t(() => 1n + 1); t(() => 1 - 1n); t(() => 2n * 1.5); t(() => 1n / 0n); t(() => 1n % 0n);
t(() => 2n ** -1n); t(() => 1n >>> 0n); t(() => +1n); t(() => 1n & 1); t(() => 1n << 1);
t(() => 1n + undefined); t(() => null * 1n); t(() => Symbol() + 1n); t(() => 1n + Symbol());
t(() => 2n ** 100000000000n); t(() => 1n << (2n ** 40n)); t(() => 1n ** 1n);
t(() => { let x = 1n; x += 1; return x }); t(() => { let x = 1; x *= 1n; return x });
""",
    "update": """
let a = 5n; a++; ++a; console.log(a, a--, a, --a, a);
const o = { v: 1n }; o.v++; ++o.v; o.v += 10n; o["v"] -= 1n; console.log(o.v);
const arr = [9n]; arr[0]--; arr[0] **= 2n; console.log(arr);
class C { #p = 1n; bump() { this.#p++; return ++this.#p } } console.log(new C().bump());
let s = "1"; s++; console.log(s, typeof s);
for (let i = 0n; i < 3n; i++) console.log(i);
""",
    "comparisons": T + """
console.log(1n < 2, 2 < 1n, 1n <= 1, 1n >= 1.5, 2n > 1.5, 1n < NaN, 1n > -Infinity, 1n < Infinity);
console.log(9007199254740993n > 9007199254740992, 9007199254740993n == 9007199254740992);
console.log("10" > 9n, 9n < "10", "x" < 1n, 1n < "x", "0x10" == 16n, 1n < " 2 ", "1.5" > 1n);
console.log(1n == 1, 1n == 1.5, 0n == false, 1n == true, 1n == "1", 1n == "1n", 2n == "0b10");
console.log(1n === 1, 1n === 1n, 2n ** 70n === 2n ** 70n, 1n != 2n, 0n == "", 1n == null);
console.log(Object(1n) == 1n, Object(1n) === 1n, [1n] == 1n, 1n == NaN, 1n == Infinity);
console.log(Object.is(0n, -0n), Object.is(2n ** 80n, 2n ** 80n), [1n, 2n].sort((a, b) => a < b ? 1 : -1));
t(() => 1n < Symbol()); t(() => Symbol() == 1n);
switch (2n ** 64n) { case 18446744073709551616n: console.log("case"); break; default: console.log("no") }
""",
    "truthiness": """
console.log(!!0n, !!1n, 0n ? 1 : 2, -0n || "d", 1n && "t", 0n ?? "n", Boolean(0n), !Object(0n));
if (10n) console.log("if"); let n = 3n; while (n) n--; console.log(n);
""",
    "collections": """
const m = new Map([[1n, "a"], [1, "num"]]);
console.log(m.get(1n), m.get(1), m.size, m.has(2n ** 70n), new Map([[2n ** 70n, 1]]).get(2n ** 70n));
const s = new Set([1n, 1n, 1, 10n ** 30n, 10n ** 30n]); console.log(s.size, s.has(10n ** 30n), s);
console.log([1n, 2n ** 70n].indexOf(2n ** 70n), [1n].includes(1n), [1].includes(1n), [1n].indexOf(1));
console.log([2n ** 70n].lastIndexOf(2n ** 70n), [0n, 5n].findIndex(x => x === 5n));
const o = {}; o[1n] = "one"; o[2n ** 64n] = "big";
console.log(o, [10, 20, 30][1n], "abc"[2n], { 12345678901234567890n: 1 }, 1n in [0, 1]);
""",
    "constructor": T + """
t(() => BigInt(10)); t(() => BigInt(-0)); t(() => BigInt(1e21)); t(() => BigInt(2 ** 64));
t(() => BigInt(1.5)); t(() => BigInt(NaN)); t(() => BigInt(-Infinity));
t(() => BigInt("123")); t(() => BigInt("  -42\\n")); t(() => BigInt("0x1F")); t(() => BigInt("0b11"));
t(() => BigInt("0o17")); t(() => BigInt("")); t(() => BigInt("-0x1")); t(() => BigInt("1e3"));
t(() => BigInt("1.0")); t(() => BigInt("12n")); t(() => BigInt("1_000")); t(() => BigInt("abc"));
t(() => BigInt(true)); t(() => BigInt(false)); t(() => BigInt(undefined)); t(() => BigInt(null));
t(() => BigInt(Symbol("s"))); t(() => BigInt({ valueOf() { return 7n } }));
t(() => BigInt({ valueOf() { return 7 } })); t(() => BigInt({})); t(() => BigInt(5n));
t(() => new BigInt(1)); t(() => BigInt.length + BigInt.name);
t(() => Object.getOwnPropertyNames(BigInt)); t(() => Object.getOwnPropertyNames(BigInt.prototype));
t(() => BigInt("9".repeat(5000)) % 1000n);
""",
    "as_int_n": T + """
t(() => [BigInt.asIntN(8, 255n), BigInt.asIntN(8, 128n), BigInt.asIntN(8, -129n), BigInt.asIntN(0, 5n)]);
t(() => [BigInt.asUintN(8, -1n), BigInt.asUintN(64, -1n), BigInt.asUintN(0, 5n), BigInt.asUintN(1, 3n)]);
t(() => [BigInt.asIntN(64, 2n ** 63n), BigInt.asIntN(2 ** 53 - 1, -5n), BigInt.asUintN(2 ** 40, 7n)]);
t(() => BigInt.asIntN(-1, 1n)); t(() => BigInt.asUintN(2 ** 53, 1n)); t(() => BigInt.asIntN(8, 1));
t(() => BigInt.asIntN(8, "257")); t(() => BigInt.asUintN("3", true)); t(() => BigInt.asIntN(8));
""",
    "prototype": T + """
t(() => [(255n).toString(16), (-255n).toString(2), (35n).toString(36), (10n ** 20n).toString(7)]);
t(() => [(0n).toString(2), 123n.toString(undefined), (2n ** 64n).toString(32)]);
t(() => (1n).toString(1)); t(() => (1n).toString(37)); t(() => (1n).toString(2.9));
t(() => [(1234567n).toLocaleString(), (-1000n).toLocaleString(), 12n.toLocaleString()]);
t(() => [Object(5n).valueOf(), typeof Object(5n).valueOf(), Object(5n) + 1n, Object(5n) * Object(2n)]);
t(() => BigInt.prototype.toString.call(1)); t(() => BigInt.prototype.valueOf.call("1"));
t(() => BigInt.prototype.toLocaleString.call({})); t(() => BigInt.prototype.valueOf.call(Object(9n)));
t(() => [Object.prototype.toString.call(1n), Object.prototype.toString.call(Object(1n)),
         BigInt.prototype[Symbol.toStringTag], Object(1n) instanceof BigInt, 1n instanceof BigInt]);
BigInt.prototype.double = function () { return this * 2n }; console.log((21n).double());
t(() => 1n.constructor === BigInt); t(() => 1n()); t(() => new (5n)()); t(() => 1n in 1n);
""",
    "conversions": T + """
t(() => Number(1n)); t(() => Number(2n ** 1024n)); t(() => Number(-(2n ** 1024n)));
t(() => Number(2n ** 53n + 1n)); t(() => Number(Object(3n))); t(() => new Number(4n));
t(() => parseInt(10n)); t(() => parseFloat(12n)); t(() => Math.abs(1n)); t(() => Math.max(1n));
t(() => isNaN(1n)); t(() => Number.isInteger(1n)); t(() => Number.isSafeInteger(1n));
t(() => "abc".charAt(1n)); t(() => [1, 2, 3].slice(1n)); t(() => new Array(2n));
t(() => String(Object(1n))); t(() => `${Object(2n)}`); t(() => [1n, 2n] + "");
t(() => (1n).toFixed(2)); t(() => Number.prototype.toString.call(1n));
t(() => ({ valueOf() { return 1n } }) + 1n); t(() => ({ [Symbol.toPrimitive]() { return 2n } }) * 3n);
t(() => ({ valueOf() { return 1n } }) + 1);
""",
    "json": T + """
t(() => JSON.stringify(1n)); t(() => JSON.stringify({ a: 1n })); t(() => JSON.stringify([Object(1n)]));
t(() => JSON.stringify({ a: 1n }, (k, v) => typeof v === "bigint" ? v.toString() : v));
t(() => JSON.parse("12345678901234567890"));
BigInt.prototype.toJSON = function () { return `${this}n` };
t(() => JSON.stringify({ a: 1n, b: [Object(2n)] }));
""",
    "printing": """
console.log(1n, -1n, [1n, 2n], { a: 1n }, Object(1n), Object(-2n), [Object(3n)], new Map([[1n, 2n]]));
console.log(new Set([5n]), [2n ** 100n], { n: { m: [0n] } }, "%s|%d|%i", 7n, 8n, 9n);
const b = Object(4n); b.x = 1; console.log(b, [undefined, 1n, null]);
console.log(String([1n, [2n]]), Object.entries({ a: 1n }), Object.keys(Object(1n)));
""",
    "typed_arrays": T + """
t(() => new BigInt64Array([1n, -1n, 2n ** 63n]));
t(() => new BigUint64Array([1n, -1n, 2n ** 64n + 3n]));
t(() => { const a = new BigInt64Array(3); a[0] = 5n; a[1] = "7"; a[2] = true; return [a, a[0], typeof a[1]] });
t(() => { const a = new BigInt64Array(1); a[0] = 5; return a }); t(() => new BigInt64Array([1]));
t(() => new BigInt64Array(new Uint8Array(1))); t(() => new Uint8Array(new BigInt64Array(1)));
t(() => new BigInt64Array(new BigUint64Array([2n ** 64n - 1n])));
t(() => new BigInt64Array(2).set(new Uint8Array(1))); t(() => new BigInt64Array(2).set([1]));
t(() => { const a = new BigInt64Array(3); a.set([1n, 2n], 1); return a });
t(() => new BigInt64Array(2).fill(1)); t(() => new BigUint64Array(2).fill(-1n));
t(() => { const a = new BigInt64Array([3n, 1n, 2n]); return [a.indexOf(1n), a.includes(2n), a.includes(2), a.lastIndexOf(3n), a.join("-")] });
t(() => { const a = new BigInt64Array([3n, 1n, 2n]); return [a.slice().sort(), a.map(x => x * 2n), a.filter(x => x > 1n), [...a], a.at(-1)] });
t(() => new BigInt64Array([3n, 1n, 2n]).sort((x, y) => Number(y - x)));
t(() => [BigInt64Array.from([1n, 2n]), BigInt64Array.of(1n, 2n), new BigInt64Array([1n, 2n]).with(0, 5n)]);
t(() => BigInt64Array.of(1)); t(() => new BigInt64Array([1n, 2n]).with(0, 5));
t(() => [new BigInt64Array([1n, 2n]).toLocaleString(), new BigInt64Array([1n, 2n]).reduce((a, b) => a + b)]);
t(() => [BigInt64Array.BYTES_PER_ELEMENT, Object.prototype.toString.call(new BigUint64Array(1))]);
t(() => Object.entries(new BigInt64Array(2))); t(() => JSON.stringify(new BigInt64Array(1)));
t(() => { const a = new BigInt64Array(2); a["1.5"] = 1; return a });
t(() => new BigInt64Array(new Float64Array([1, 2]).buffer));
""",
    "data_view": T + """
t(() => { const d = new DataView(new ArrayBuffer(16)); d.setBigInt64(0, -2n); d.setBigUint64(8, 2n ** 64n - 1n, true);
  return [d.getBigInt64(0), d.getBigUint64(0), d.getBigInt64(8, true), d.getBigUint64(8, true), d.getUint8(0), d.getBigInt64(0, true)] });
t(() => new DataView(new ArrayBuffer(16)).setBigInt64(0, 1)); t(() => new DataView(new ArrayBuffer(16)).setInt8(0, 1n));
t(() => new DataView(new ArrayBuffer(8)).getBigInt64(1)); t(() => DataView.prototype.getBigUint64.length);
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_node_bigint(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])


def test_bigints_live_across_a_pause() -> None:
    """BigInts in variables, objects, Maps, Sets, boxed and typed arrays survive the state bytes."""
    out = across_pause(
        "let n = 2n ** 100n; const o = { a: -1n, b: [0n, Object(7n)] };"
        "const m = new Map([[1n, 'one'], [2n ** 70n, 'big']]); const s = new Set([3n]);"
        "const ta = new BigUint64Array([2n ** 64n - 1n]); function* g() { let i = 10n; while (true) yield i++ }"
        "const it = g(); it.next();",
        "console.log(n + 1n, o, m.get(1n), m.get(2n ** 70n), s.has(3n), ta, it.next().value, typeof n);")
    assert out == ["1267650600228229401496703205377n { a: -1n, b: [ 0n, [BigInt: 7n] ] } one big true "
                   "BigUint64Array(1) [ 18446744073709551615n ] 11n bigint"]


def test_to_python_gives_ints() -> None:
    r = fetchflow.execute_code("({ a: 2n ** 70n, b: [1n, -3n], c: Object(5n), d: new BigInt64Array([-1n]) })",
                               quiet=True)
    assert r.result == {"a": 2 ** 70, "b": [1, -3], "c": 5, "d": [-1]}
    assert type(r.result["a"]) is int
    assert fetchflow.execute_code("0n", quiet=True).result == 0


def test_a_literal_longer_than_pythons_digit_limit() -> None:
    assert_same_as_node("const n = " + "7" * 5000 + "n; console.log(String(n).length, n % 1000n, "
                        "eval('1' + '0'.repeat(9000) + 'n') / 10n ** 8999n)")
