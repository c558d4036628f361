"""crypto.getRandomValues and crypto.subtle (digest, HMAC importKey/sign/verify/exportKey),
against node 20, and across a pause."""
from __future__ import annotations

import fetchflow
from tests.host.pause_check import assert_pause_transparent
from tests.node_oracle import assert_same_as_node

PROGRAM = r"""
const t = async (f) => { try { console.log(await f()); } catch (e) { console.log(e.name, e.code, e.message); } };
(async () => {
const hex = (b) => [...new Uint8Array(b)].map(x => x.toString(16).padStart(2, "0")).join("");
const enc = new TextEncoder();
for (const a of ["SHA-1", "sha-256", {name: "SHA-384"}, "SHA-512"]) console.log(hex(await crypto.subtle.digest(a, enc.encode("abc"))));
await t(() => crypto.subtle.digest("MD5", enc.encode("x")));
await t(() => crypto.subtle.digest("SHA-256", "x"));
await t(() => crypto.subtle.digest("SHA-256"));
const key = await crypto.subtle.importKey("raw", enc.encode("secret"), {name: "HMAC", hash: "SHA-256"}, false, ["sign", "verify"]);
console.log(key, key.algorithm, key.usages, key.type, key.extractable, Object.prototype.toString.call(key));
const sig = await crypto.subtle.sign("HMAC", key, enc.encode("msg")); console.log(hex(sig), sig);
console.log(await crypto.subtle.verify("HMAC", key, sig, enc.encode("msg")), await crypto.subtle.verify({name: "HMAC"}, key, sig, enc.encode("msg2")));
const k2 = await crypto.subtle.importKey("raw", new Uint8Array(3), {name: "HMAC", hash: {name: "SHA-1"}, length: 24}, true, ["sign"]);
console.log(k2.algorithm, hex(await crypto.subtle.exportKey("raw", k2)));
await t(() => crypto.subtle.exportKey("raw", key));
await t(() => crypto.subtle.verify("HMAC", k2, sig, enc.encode("msg")));
await t(() => crypto.subtle.importKey("raw", enc.encode("s"), {name: "HMAC"}, false, ["sign"]));
await t(() => crypto.subtle.importKey("raw", enc.encode("s"), {name: "HMAC", hash: "SHA-256"}, false, ["encrypt"]));
await t(() => crypto.subtle.importKey("jwk", enc.encode("s"), {name: "HMAC", hash: "SHA-256"}, false, ["sign"]));
await t(() => crypto.subtle.importKey("raw", new Uint8Array(0), {name: "HMAC", hash: "SHA-256"}, false, ["sign"]));
await t(() => crypto.subtle.sign("HMAC", {}, enc.encode("x")));
const a = new Uint8Array(4); console.log(crypto.getRandomValues(a) === a);
t(() => crypto.getRandomValues(new Float32Array(2)));
t(() => crypto.getRandomValues(new Uint8Array(65537)));
t(() => crypto.getRandomValues([1]));
t(() => crypto.getRandomValues(new DataView(new ArrayBuffer(2))));
console.log(crypto.getRandomValues(new Uint32Array(0)), crypto.subtle === crypto.subtle, [key]);
})();
"""


def test_like_node() -> None:
    assert_same_as_node(PROGRAM)


def test_keys_and_signatures_survive_a_pause():
    assert_pause_transparent("""
const enc = new TextEncoder();
const key = await crypto.subtle.importKey("raw", enc.encode("k"), {name: "HMAC", hash: "SHA-512"}, true, ["verify", "sign"]);
const signing = crypto.subtle.sign("HMAC", key, enc.encode("body"));
const digesting = crypto.subtle.digest("SHA-1", enc.encode(""));
PAUSE
const hex = (b) => [...new Uint8Array(b)].map(x => x.toString(16).padStart(2, "0")).join("");
const sig = await signing;
console.log(key, hex(await digesting), hex(sig).slice(0, 16), await crypto.subtle.verify("HMAC", key, sig, enc.encode("body")));
console.log(hex(await crypto.subtle.exportKey("raw", key)));
""")


def test_random_values_are_drawn_once_and_kept_in_the_state():
    r = fetchflow.execute_code("""
const a = crypto.getRandomValues(new Uint32Array(4));
await fetch("https://a.com/");
Array.from(a)""", quiet=True)
    blob = r.state.to_bytes()
    outs = [fetchflow.resume_execution(blob, fetchflow.FetchResponse(r.fetch_request.id, True), quiet=True).result
            for _ in range(2)]
    assert outs[0] == outs[1] and len(set(outs[0])) == 4
