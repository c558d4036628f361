"""TextEncoder and TextDecoder (Encoding Standard 7), against node 20."""
from __future__ import annotations

import pytest

import fetchflow
from fetchflow import FetchResponse
from tests.node_oracle import assert_same_as_node

PROGRAMS = {
    "encoder": r"""
const e = new TextEncoder();
console.log(e, [e], e.encoding, e.encode(), e.encode(undefined), e.encode(""), e.encode(12));
console.log(e.encode("h€\ud800x\udc00"), e.encode("a😀b"), e.encode({toString() { return "é"; }}));
for (const [s, n] of [["a€b", 3], ["a€b", 4], ["a€b", 5], ["😀x", 3], ["😀x", 4], ["\ud800z", 4], ["", 2], ["abc", 0]]) {
  const buf = new Uint8Array(n); console.log(e.encodeInto(s, buf), buf);
}
const big = new Uint8Array(8); console.log(e.encodeInto("hi", big.subarray(3, 5)), big);
console.log(Object.keys(e.encodeInto("x", new Uint8Array(1))));
for (const bad of [() => e.encodeInto(5, new Uint8Array(2)), () => e.encodeInto("a", []), () => e.encodeInto("a", 5),
                   () => e.encodeInto("a", new Int8Array(2)), () => e.encodeInto("a", null), () => TextEncoder(),
                   () => TextEncoder.prototype.encode.call({}, "x"), () => e.encode(Symbol())]) {
  try { bad(); } catch (x) { console.log(x.name, x.code, x.message); }
}
console.log(Object.getOwnPropertyNames(TextEncoder.prototype), Object.keys(TextEncoder.prototype));
console.log(Object.prototype.toString.call(e), TextEncoder.length, TextEncoder.name, e instanceof TextEncoder);
class E2 extends TextEncoder {} console.log(new E2().encode("q"), new E2() instanceof TextEncoder);
""",
    "decoder": r"""
const d = new TextDecoder();
console.log(d, [d], new TextDecoder("latin1", {fatal: true, ignoreBOM: true}), {a: {b: {c: {d}}}});
console.log(d.encoding, d.fatal, d.ignoreBOM, d.decode(), JSON.stringify(d.decode(new Uint8Array(0))));
for (const label of ["utf8", " UTF-8\n", "unicode-1-1-utf-8", "utf-16", "UTF-16LE", "ucs-2", "latin1", "iso-8859-1",
                     "ascii", "US-ASCII", "windows-1252", "utf-16be"]) console.log(JSON.stringify(label), new TextDecoder(label).encoding);
const bytes = [0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0xe2, 0x82, 0x41, 0xed, 0xa0, 0x80, 0xc0, 0x80, 0xf4, 0x90];
const u8 = new Uint8Array(bytes);
console.log(JSON.stringify(d.decode(u8)), JSON.stringify(d.decode(u8.buffer)), JSON.stringify(d.decode(new DataView(u8.buffer, 3, 3))));
console.log(JSON.stringify(d.decode(u8.subarray(3, 6))), JSON.stringify(d.decode(new Uint16Array([0x6968]))));
console.log(JSON.stringify(new TextDecoder("utf-8", {ignoreBOM: true}).decode(u8.subarray(0, 4))));
console.log(JSON.stringify(d.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61]))));
const le = new TextDecoder("utf-16le");
console.log(JSON.stringify(le.decode(new Uint8Array([0xff, 0xfe, 0x41, 0, 0x3d, 0xd8, 0x00, 0xde, 0x00, 0xd8, 0x42, 0, 0x00, 0xdc, 0x43]))));
console.log(JSON.stringify(new TextDecoder("utf-16be").decode(new Uint8Array([0xfe, 0xff, 0, 0x41, 0xd8, 0x3d]))));
console.log(JSON.stringify(new TextDecoder("latin1").decode(new Uint8Array([0x41, 0xe9, 0xff, 0x7f]))));
for (const [label, b] of [["utf-8", [0xff]], ["utf-8", [0xe2, 0x82]], ["utf-16le", [0x41]], ["utf-16le", [0x00, 0xdc]]]) {
  try { new TextDecoder(label, {fatal: true}).decode(new Uint8Array(b)); } catch (x) { console.log(x.name, x.code, x.message, Object.keys(x)); }
}
console.log(new TextDecoder("utf-8", {fatal: true}).decode(new Uint8Array([0x68, 0x69])));
for (const bad of [() => new TextDecoder("foo"), () => new TextDecoder(" nope "), () => new TextDecoder("utf-8", 5),
                   () => d.decode(5), () => d.decode("x"), () => d.decode({}), () => TextDecoder(),
                   () => TextDecoder.prototype.decode.call({}, new Uint8Array(1)),
                   () => Object.getOwnPropertyDescriptor(TextDecoder.prototype, "fatal").get.call(new TextEncoder())]) {
  try { bad(); } catch (x) { console.log(x.name, x.code, x.message); }
}
console.log(new TextDecoder(undefined, null).encoding, new TextDecoder("utf-8", {fatal: 1, ignoreBOM: ""}));
console.log(Object.getOwnPropertyNames(TextDecoder.prototype), Object.keys(TextDecoder.prototype));
console.log(Object.prototype.toString.call(d), TextDecoder.length, TextDecoder.name);
""",
    "stream": r"""
const d = new TextDecoder();
const parts = [[0xef, 0xbb], [0xbf, 0xe2, 0x82], [0xac, 0xf0], [0x9f, 0x98], [0x80], [0xef, 0xbb, 0xbf, 0x61]];
console.log(parts.map(p => JSON.stringify(d.decode(new Uint8Array(p), {stream: true}))).join(" "), JSON.stringify(d.decode()));
console.log(JSON.stringify(d.decode(new Uint8Array([0xe2, 0x82]), {stream: true})), JSON.stringify(d.decode()));
console.log(JSON.stringify(d.decode(new Uint8Array([0xe2]), {stream: true})), JSON.stringify(d.decode(new Uint8Array([0x41]))));
console.log(JSON.stringify(d.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x62]))), JSON.stringify(d.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x63]))));
const le = new TextDecoder("utf-16le");
const lp = [[0xff], [0xfe, 0x41], [0x00, 0x3d], [0xd8], [0x00, 0xde, 0x42]];
console.log(lp.map(p => JSON.stringify(le.decode(new Uint8Array(p), {stream: true}))).join(" "), JSON.stringify(le.decode()));
const f = new TextDecoder("utf-8", {fatal: true});
console.log(JSON.stringify(f.decode(new Uint8Array([0xe2, 0x82]), {stream: true})), JSON.stringify(f.decode(new Uint8Array([0xac]))));
try { f.decode(new Uint8Array([0xe2]), {stream: true}); f.decode(); } catch (x) { console.log(x.name, x.message); }
console.log(JSON.stringify(f.decode(new Uint8Array([0x7a]))));
const enc = new TextEncoder().encode("naïve – 😀 ok");
const sd = new TextDecoder(); let out = "";
for (let i = 0; i < enc.length; i++) out += sd.decode(enc.subarray(i, i + 1), {stream: true});
console.log(out + sd.decode(), out.length);
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_like_node(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])


def test_windows_1252_follows_the_encoding_standard():
    # node 20 decodes 0x80-0x9F as latin-1 (a bug later node versions fixed); the standard's
    # index maps them to windows-1252's characters, its five holes to the C1 controls
    src = """JSON.stringify(new TextDecoder("latin1").decode(new Uint8Array([0x80, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x9f, 0x99, 0xe9])))"""
    assert fetchflow.execute_code(src, quiet=True).result == '"€\x81\x8d\x8f\x90\x9dŸ™é"'


def test_a_stream_decode_survives_a_pause():
    src = """
const d = new TextDecoder("utf-8", {fatal: true});
const le = new TextDecoder("utf-16le");
const a = d.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xf0, 0x9f]), {stream: true});
const b = le.decode(new Uint8Array([0xff, 0xfe, 0x3d, 0xd8, 0x00]), {stream: true});
const r = await fetch("https://a.com/");
const c = d.decode(new Uint8Array([0x98, 0x80, 0xef, 0xbb, 0xbf]));
const e = le.decode(new Uint8Array([0xde]));
[a, b, c, e, await r.text(), String(d), d.fatal, le.encoding]"""
    r = fetchflow.execute_code(src, quiet=True)
    assert r.type == "paused"
    blob = r.state.to_bytes()
    q = r.fetch_request
    for _ in range(2):   # the state is bytes: every resume of it sees the same pending bytes
        out = fetchflow.resume_execution(blob, FetchResponse(q.id, True, 200, "OK", "body"), quiet=True)
        assert out.result == ["h", "", "\U0001f600\ufeff", "\U0001f600", "body", "[object TextDecoder]",
                              True, "utf-16le"]
