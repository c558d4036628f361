"""ArrayBuffer, typed arrays and DataView against node 20 (console output, errors, inspect),
plus to_python, the allocation meter and pauses inside typed-array code."""
from __future__ import annotations

import pytest

import fetchflow
from fetchflow import FetchResponse, LimitExceeded, Limits

from tests.node_oracle import assert_same_as_node

# each program is one node call; `t` prints a value or the error a thunk throws
T = "const t = (f) => { try { console.log(f()) } catch (e) { console.log(e.constructor.name + ': ' + e.message) } };\n"

PROGRAMS = {
    "constructors": T + """
t(() => new Uint8Array([1, 2, 3]));
t(() => new Int8Array([127, 128, -129, 1.9, -1.9, NaN, Infinity]));
t(() => new Uint8ClampedArray([300, -5, 1.5, 2.5, 0.5, NaN]));
t(() => new Int16Array(new Float64Array([1.5, -70000, NaN])));
t(() => new Uint32Array([-1, 2 ** 32 + 5]));
t(() => new Float32Array([1.1, 3.5e38, 1e-46, -0]));
t(() => new Float64Array(3));
t(() => new Uint8Array(new Set([1, 2, 3])));
t(() => new Uint8Array({length: 2, 0: 7, 1: '8'}));
t(() => new Uint8Array(new Uint16Array([256, 257]).buffer));
t(() => new Uint16Array(new ArrayBuffer(8), 2, 2));
t(() => new Uint8Array(1.5).length + new Uint8Array('3').length + new Uint8Array(NaN).length);
t(() => new Uint8Array(-1));
t(() => new Uint8Array(2 ** 40));
t(() => Uint8Array(1));
t(() => new Uint16Array(new ArrayBuffer(3)));
t(() => new Uint16Array(new ArrayBuffer(4), 1));
t(() => new Uint16Array(new ArrayBuffer(4), 6));
t(() => new Uint16Array(new ArrayBuffer(4), 2, 2));
t(() => new (Object.getPrototypeOf(Int8Array))());
t(() => [Int8Array.BYTES_PER_ELEMENT, Float64Array.prototype.BYTES_PER_ELEMENT, Int8Array.name, Int8Array.length]);
t(() => Object.getPrototypeOf(Int8Array).name + ' ' + (Object.getPrototypeOf(Int8Array.prototype) === Object.getPrototypeOf(Int8Array).prototype));
t(() => { class My extends Uint8Array {}; const m = new My(3); return [m, m.map(x => x) instanceof My, m.subarray(1) instanceof My, m.slice(1).constructor.name] });
t(() => Uint8Array.from({length: 3}, (x, i) => i * 2));
t(() => Float32Array.from(new Set([0.5, 1])));
t(() => Int16Array.of(1, -2, 70000));
t(() => Uint8Array.of.call(Array, 1));
""",
    "buffers_and_views": T + """
t(() => new ArrayBuffer(2 ** 53));
t(() => new ArrayBuffer(-1));
t(() => ArrayBuffer(1));
t(() => new ArrayBuffer(8).slice(2, -2).byteLength);
t(() => ArrayBuffer.prototype.slice.call(1));
t(() => [ArrayBuffer.isView(new DataView(new ArrayBuffer(1))), ArrayBuffer.isView(new Int8Array(1)), ArrayBuffer.isView([])]);
t(() => [new ArrayBuffer(3).resizable, new ArrayBuffer(3).maxByteLength]);
const b = new ArrayBuffer(16); const d = new DataView(b, 2);
d.setFloat64(0, Math.PI); d.setInt16(8, -2, true); d.setUint32(10, 0xdeadbeef); d.setFloat32(12, 1e39, true);
t(() => [d.getFloat64(0), d.getUint32(0), d.getInt8(7), d.getInt16(8, true), d.getUint16(8), d.getUint32(10, true), d.getFloat32(12, true)]);
t(() => new Uint8Array(b));
t(() => [d.byteLength, d.byteOffset, d.buffer === b]);
t(() => new DataView(1));
t(() => new DataView(new ArrayBuffer(2), 3));
t(() => new DataView(new ArrayBuffer(2), 1, 2));
t(() => new DataView(new ArrayBuffer(2)).getInt16(1));
t(() => new DataView(new ArrayBuffer(2)).getInt16(-1));
t(() => DataView(new ArrayBuffer(1)));
console.log(new ArrayBuffer(2), new DataView(new ArrayBuffer(4), 1, 2));
const big = new ArrayBuffer(120); new Uint8Array(big).fill(0xab); console.log(big);
console.log([new ArrayBuffer(1)], {d: {e: {f: new ArrayBuffer(2), g: new Uint8Array(1)}}});
t(() => String(new ArrayBuffer(1)) + ' ' + Object.prototype.toString.call(new DataView(new ArrayBuffer(1))));
t(() => JSON.stringify({a: new ArrayBuffer(2), b: new DataView(new ArrayBuffer(2))}));
""",
    "methods": T + """
const a = new Int16Array([5, -3, 8, 1, -3]);
t(() => [a.at(-1), a.at(9), a.indexOf(-3), a.lastIndexOf(-3), a.includes(8), a.includes(8, 3), a.indexOf(8, -2)]);
t(() => [a.join(), a.join(' | '), String(a), a.toString === Array.prototype.toString]);
t(() => [a.every(x => x > -5), a.some(x => x > 7), a.find(x => x < 0), a.findIndex(x => x < 0), a.findLast(x => x < 0), a.findLastIndex(x => x > 100)]);
t(() => [a.reduce((x, y) => x + y), a.reduceRight((x, y) => x + ',' + y, '')]);
t(() => new Uint8Array(0).reduce((x, y) => x + y));
t(() => a.map(x => x * 10000));
t(() => a.filter(x => x & 1));
t(() => [a.slice(1, -1), a.slice(-2), a.subarray(1, 3), a.subarray(-1).byteOffset]);
t(() => [a.toReversed(), a.toSorted(), a.toSorted((x, y) => y - x), a.with(-1, 99), a]);
t(() => new Uint8Array(3).with(5, 1));
t(() => new Float64Array([3, -0, 0, NaN, -Infinity, 1]).sort());
t(() => new Uint32Array([10, 9, 100, 1]).sort());
t(() => new Int8Array([1, 2, 3, 4, 5]).copyWithin(0, 3));
t(() => new Int8Array([1, 2, 3, 4, 5]).copyWithin(1, 0, 3));
t(() => new Uint8Array(5).fill(300, 1, -1));
t(() => new Float32Array(3).fill(1.1));
t(() => new Int8Array([1, 2, 3]).reverse());
const s = new Uint8Array(8); s.set([1, 2, 3]); s.set(new Uint8Array([7, 8]), 3); s.set(new Float64Array([1.5, 300]), 6);
t(() => s);
const o = new Uint8Array([1, 2, 3, 4, 5, 6]); o.set(o.subarray(0, 4), 2);
t(() => o);
t(() => new Uint8Array(2).set([1, 2, 3]));
t(() => new Uint8Array(2).set([1], -1));
t(() => Object.getPrototypeOf(Int8Array).prototype.fill.call([]));
t(() => Uint8Array.prototype.length);
t(() => new Uint8Array(2).map(1));
t(() => new Uint8Array(2).sort(1));
t(() => new Uint8Array(2).with(1, {valueOf() { return 3 }}));
t(() => [new Uint8Array([1, 2]).toLocaleString(), new Float64Array([1234.5, 2]).toLocaleString()]);
t(() => [Array.from(new Uint8Array([5, 6]).entries()), [...new Uint8Array([5, 6]).keys()], [...new Uint8Array([5, 6]).values()]]);
""",
    "exotic": T + """
const x = new Uint8Array(2); x[5] = 1; x['-0'] = 2; x.foo = 3; x[1.5] = 4; x[1] = 258;
t(() => [x[5], x['-0'], x.foo, x[1.5], x[1], Object.keys(x), 5 in x, '1' in x, '-0' in x, delete x[0], delete x[7]]);
t(() => x);
t(() => Object.getOwnPropertyDescriptor(new Uint8Array(1), 0));
t(() => Object.getOwnPropertyNames(new Uint8Array(3)));
t(() => Object.defineProperty(new Uint8Array(2), 0, {value: 4, configurable: false}));
t(() => Object.defineProperty(new Uint8Array(2), 1, {value: 4}));
t(() => Object.freeze(new Uint8Array(2)));
t(() => [Object.freeze(new Uint8Array(0)), Object.isFrozen(new Uint8Array(0)), Object.isExtensible(Object.seal(new Uint8Array(0)))]);
const keys = []; for (const k in new Int8Array([9, 8])) keys.push(k); t(() => keys);
t(() => [JSON.stringify(new Int8Array([1, 2, 3])), JSON.stringify({t: new Float32Array([0.5])})]);
t(() => [Array.isArray(new Uint8Array(1)), [].concat(new Uint8Array([1, 2])).length, [...new Uint8Array([4, 5])]]);
t(() => Array.prototype.map.call(new Uint8Array([1, 2]), x => x + 0.5));
t(() => Array.prototype.slice.call(new Float32Array([0.5, 2])));
t(() => Object.assign({}, new Int8Array([1, 2])));
t(() => Object.entries(new Uint16Array([7])));
t(() => [Object.prototype.toString.call(new Float32Array(1)), new Float32Array(1)[Symbol.toStringTag], Object.getPrototypeOf(Int8Array).prototype[Symbol.toStringTag]]);
t(() => { const p = Object.create(new Uint8Array(2)); p[0] = 5; p[3] = 6; p['-0'] = 7; return [p[0], p[3], 3 in p, '-0' in p, 1 in p, Object.keys(p)] });
""",
    "inspect": """
console.log(new Uint8Array([1, 2, 3]), new Uint8Array(0), new Int16Array([-1, 2]));
console.log(new Float64Array(120));
console.log(new Uint8Array(new Array(200).fill(255)));
const x = new Uint8Array(2); x.foo = 1; console.log(x);
console.log({a: new Uint8Array([1]), b: [new Float32Array([0.5, -0])]});
console.log(new Float32Array([1.1]), new Uint8ClampedArray(2));
class My extends Uint8Array {}; console.log(new My(2));
console.log(Object.getPrototypeOf(Int8Array), Int8Array, Int8Array.prototype);
console.log(Object.create(Uint8Array.prototype));
const n = new Uint8Array(2); Object.setPrototypeOf(n, null); console.log(n);
console.log([new Float64Array([1e21, 1e-7, 123456789.125])]);
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_like_node(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])


def test_to_python() -> None:
    r = fetchflow.execute_code("""[new Uint8Array([1, 2]), new Float32Array([1.5, 2]), new Int16Array([-1]),
        new ArrayBuffer(2), new Uint8Array(new ArrayBuffer(4), 1, 2), new Uint8ClampedArray([7])]""",
                               quiet=True)
    assert r.result == [b"\x01\x02", [1.5, 2], [-1], b"\x00\x00", b"\x00\x00", [7]]
    assert type(r.result[1][1]) is int


def test_allocation_meter() -> None:
    lim = Limits(max_heap_bytes=64 << 20)
    with pytest.raises(LimitExceeded):
        fetchflow.execute_code("new ArrayBuffer(2 ** 31)", quiet=True, limits=lim)
    with pytest.raises(LimitExceeded):
        fetchflow.execute_code("new Float64Array(2 ** 28)", quiet=True, limits=lim)
    # a 4 MB buffer is fine, but a string per index (Object.keys) or a float per byte
    # (join, sort) is charged before it is built
    for expr in ("Object.keys(u)", "u.join()", "u.sort()", "[...u.toReversed()]"):
        with pytest.raises(LimitExceeded):
            fetchflow.execute_code(f"const u = new Uint8Array(4e6); {expr}", quiet=True, limits=lim)
    # small buffers in a loop are fine
    r = fetchflow.execute_code("let n = 0; for (let i = 0; i < 200; i++) n += new Float64Array(1000).length; n",
                               quiet=True, limits=lim)
    assert r.result == 200_000


def test_pause_inside_typed_array_code_resumes_in_a_fresh_state() -> None:
    src = """
    const ta = new Int32Array([10, 20, 30]);
    const view = new DataView(ta.buffer, 4);
    const seen = [];
    for (const v of ta) {
      const r = await fetch('https://api.example.com/' + v);
      seen.push(v + (await r.json()).n);
      view.setInt32(0, 99, true);
    }
    console.log(seen, ta, view);
    ta.subarray(1)
    """
    r = fetchflow.execute_code(src, quiet=True)
    lines: list = []
    n = 0
    while r.type == "paused":
        n += 1
        blob = r.state.to_bytes()
        r = fetchflow.resume_execution(blob, FetchResponse(r.fetch_request.id, True, 200, "OK", {"n": n}),
                                       quiet=True)
        lines += r.console
    assert n == 3
    assert lines == ["[ 11, 101, 33 ] Int32Array(3) [ 10, 99, 30 ] DataView {\n  byteLength: 8,\n"
                     "  byteOffset: 4,\n  buffer: ArrayBuffer {\n    [Uint8Contents]: <0a 00 00 00 63 00 00 00"
                     " 1e 00 00 00>,\n    byteLength: 12\n  }\n}"]
    assert r.result == [99, 30]
