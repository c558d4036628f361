"""Headers, Request, Response and request bodies (Fetch Standard 5), against node 20, and
their survival across a pause."""
from __future__ import annotations

import pytest

import fetchflow
from fetchflow import FetchResponse
from fetchflow.state import load_machine
from tests.host.pause_check import assert_pause_transparent
from tests.node_oracle import assert_same_as_node

PROGRAMS = {
    "headers": r"""
const t = (f) => { try { console.log(f()); } catch (e) { console.log(e.name, e.code, e.message); } };
t(() => Response.error().headers.set("a", "b"));
t(() => Response.redirect("https://a.com/").headers.delete("location"));
t(() => new Request("https://a.com/", {headers: {Host: "x", "Set-Cookie": "a"}}).headers);
t(() => new Response("", {headers: {"Set-Cookie": "a"}}).headers);
const h = new Headers({Aa: "1"}); h.set("AA", "2"); h.append("b", "x"); h.set("aa", "3"); console.log(h);
t(() => new Headers().has("a b"));
t(() => new Headers().delete("a b"));
t(() => new Headers({a: "  x \t"}).get("a"));
t(() => new Headers({a: ""}).get("a"));
t(() => new Headers([["a", "1"]], 5));
t(() => new Headers(null));
t(() => new Headers(undefined));
t(() => new Headers("ab"));
t(() => new Headers([["ab"]]));
t(() => new Headers([5]));
t(() => new Headers({[Symbol()]: "x", a: 1}));
const hh = new Headers({"set-cookie": "a=1"}); hh.append("set-cookie", "b=2"); hh.forEach((v, k, o) => console.log(k, v, o === hh));
hh.delete("set-cookie"); console.log(hh.getSetCookie());
t(() => new Headers({"x": "é"}).get("x"));
t(() => new Headers({"x": "a\0b"}));
t(() => new Headers({"é": "a"}));
console.log(new Headers({a: "1", b: "2", c: "3", d: "4", e: "5", f: "6", g: "7", hhhhhhhhhhhhhhhhhhhhhh: "x".repeat(30)}));
t(() => new Headers().forEach(5));
console.log([...new Headers({b: "1", a: "2"}).keys()], [...new Headers({b: "1", a: "2"}).values()]);
t(() => String(new Headers()));
console.log([new Headers({a: "1"})], {h: new Headers({a: "1"})});
""",
    "errors": r"""
const t = (f) => { try { console.log(f()); } catch (e) { console.log(e.name, e.code, e.message); } };
t(() => new Headers({"a b": "1"}));
t(() => new Headers([["a"]]));
t(() => new Headers(5));
t(() => new Headers().append("x", "a\nb"));
t(() => new Headers().get("a b"));
t(() => new Headers().set("x", "é€"));
t(() => Headers.prototype.get.call({}, "a"));
t(() => new Request("/x"));
t(() => new Request("https://a.com/", {method: "GET", body: "x"}));
t(() => new Request("https://a.com/", {method: "CONNECT"}));
t(() => new Request("https://a.com/", {method: "bad method"}));
t(() => new Request("https://u:p@a.com/"));
t(() => new Request("https://a.com/", {mode: "navigate"}));
t(() => new Request("https://a.com/", {signal: 5}));
t(() => new Response("x", {status: 99}));
t(() => new Response("x", {status: 204}));
t(() => new Response("x", {statusText: "a\nb"}));
t(() => Response.redirect("https://a.com/", 200));
t(() => Response.redirect("nope"));
t(() => Response.json(undefined));
const r = new Response("abc");
r.text().then(x => { console.log(x, r.bodyUsed); return r.text(); }).catch(e => console.log(e.name, e.message));
t(() => { const q = new Response("a"); q.text(); return q.clone(); });
t(() => new Request(new Request("https://a.com/", {method: "PUT", body: "zz"})).method);
const req = new Request("https://a.com/", {method: "post", body: "zz"});
const r2 = new Request(req); console.log(req.bodyUsed, r2.bodyUsed);
t(() => new Request(req));
t(() => new Request("https://a.com/", {method: "patch"}).method);
t(() => new Request("https://a.com/", {method: "dElEtE"}).method);
t(() => new Request("https://a.com/", {method: "Options"}).method);
""",
    "bodies": r"""
for (const C of [Headers, Response, File, FormData]) console.log(C.name, C.length, Object.keys(C.prototype), Object.keys(C), Object.prototype.toString.call(C.prototype));
for (const C of [Request, Blob]) console.log(C.name, C.length, Object.prototype.toString.call(C.prototype));
const h = new Headers([["a","1"],["c","3"]]);
const it = h.entries(); h.append("b", "2"); console.log([...it]);
const it2 = h[Symbol.iterator](); console.log(it2.next()); h.delete("a"); console.log(it2.next(), it2.next());
console.log(Object.getPrototypeOf(it2), Object.getOwnPropertyNames(Object.getPrototypeOf(it2)));
(async () => {
  console.log(JSON.stringify(await new Response("\ufeffab\ud800").text()));
  const r = new Response(new Uint8Array([0xef,0xbb,0xbf,0x41,0xff]), {headers: {"content-type": "Text/HTML; Charset=x"}});
  const b = await r.blob(); console.log(b, JSON.stringify(await b.text()));
  console.log(new Response(new URLSearchParams("a=1&b=2")).headers.get("content-type"));
  console.log(new Response(new Blob(["x"], {type: "a/b"})).headers.get("content-type"));
  console.log(new Response(new ArrayBuffer(2)).headers.get("content-type"));
  const fr = new Response("a=1&b=%20x+y&a=3", {headers: {"content-type": "application/x-www-form-urlencoded"}});
  console.log(await fr.formData());
  try { await new Response("x").formData(); } catch (e) { console.log(e.name, e.message); }
  const fd = new FormData(); fd.append("t", "v\nw"); fd.append("f", new Blob(["B\0"], {type: "x/y"}), "a\"b.txt"); fd.append("g", new File(["q"], "q.txt"));
  const rr = new Response(fd); const ct = rr.headers.get("content-type"); console.log(ct.replace(/\d+$/, "N"));
  const text = await rr.text(); console.log(JSON.stringify(text.split(ct.split("boundary=")[1]).join("BND")));
  const back = await new Response(text, {headers: {"content-type": ct}}).formData(); console.log([...back.keys()], JSON.stringify(back.get("t")), back.get("f") instanceof File, back.get("f").name, back.get("f").type, back.get("g").size, JSON.stringify(await back.get("f").text()));
  console.log(await new Request("https://a.com/", {method: "POST", body: "x"}).arrayBuffer());
  console.log(new Response(null).body, new Request("https://a.com").body);
  const rq = new Request("https://a.com/", {method: "POST", body: "x"}); console.log(rq.bodyUsed); await rq.text(); console.log(rq);
})();
""",
    "request_response": r"""
(async () => {
const r = new Response("x"); await r.text(); console.log(r);
const r2 = new Response(""); console.log(r2.bodyUsed); await r2.text(); console.log(r2.bodyUsed);
const r3 = new Response(null); await r3.text(); console.log(r3.bodyUsed, await r3.text(), await new Response().arrayBuffer());
const c = new Response("abc", {status: 404, statusText: "Nope", headers: {x: "1"}}); const c2 = c.clone(); console.log(await c.text(), await c2.text(), c2.status, c2.statusText, c2.headers.get("x"));
console.log([new Response("x")], {deep: {deeper: {r: new Response("x")}}});
try { await new Response("{bad").json(); } catch (e) { console.log(e.name, e.message); }
console.log(await Response.json({a: [1, "é"]}, {status: 201, headers: {"X": "y"}}).text(), Response.json(5, {headers: {"content-type": "text/x"}}).headers.get("content-type"));
console.log(Response.redirect(new URL("http://a.com/ü?q"), 307).headers.get("location"));
const req = new Request("https://a.com/p", {method: "PUT", body: "x", headers: {a: "1"}, redirect: "manual", cache: "no-store", credentials: "include", mode: "same-origin", referrer: "", keepalive: true, integrity: "sha"});
console.log(req.redirect, req.cache, req.credentials, req.mode, req.referrer, req.keepalive, req.integrity, req.duplex);
const rc = req.clone(); console.log(rc.method, await rc.text(), req.bodyUsed, rc.bodyUsed);
console.log(new Request("https://a.com/p", {referrer: "https://b.com/x"}).referrer, new Request("https://a.com/p", {referrer: "about:client"}).referrer);
const ac = new AbortController(); const rs = new Request("https://a.com", {signal: ac.signal}); console.log(rs.signal === ac.signal, rs.signal.aborted); ac.abort("why"); console.log(rs.signal.aborted, rs.signal.reason);
console.log(new Request(new URL("https://a.com/a b")).url, new Request("https://a.com", {headers: [["x", "1"]]}).headers, new Request(rs, {method: "POST"}).signal.aborted);
const base = new Request("https://a.com", {method: "POST", body: "orig", headers: {h: "1"}});
const derived = new Request(base, {headers: {g: "2"}}); console.log(derived.headers, await derived.text(), base.bodyUsed);
console.log(new Response(new Uint8Array([1,2])).headers, new Request("http://a.com/", {method: "POST", body: new URLSearchParams({a: "b c"})}).headers);
console.log(Response.error().ok, Response.error().status);
})();
""",
    "console": r"""
const h = new Headers({"B": "2", "a": "1", "set-cookie": "x=1"});
h.append("Set-Cookie", "y=2"); h.append("a", "3");
console.log(h);
const r = new Request("https://a.com/x?y#z", {method: "post", body: "hi", headers: {"X-A": "1"}});
console.log(r);
console.log(new Response("hi", {status: 201, headers: {a: "b"}}));
console.log(Response.error(), Response.redirect("https://a.com/", 301), Response.json({a: 1}));
console.log(new Blob(["abc", new Uint8Array([100])], {type: "Text/Plain"}));
console.log(new File(["x"], "f.txt", {lastModified: 5}));
const fd = new FormData(); fd.append("a", "1"); fd.append("a", "2"); fd.append("f", new File(["zz"], "n.bin", {lastModified: 7}));
console.log(fd);
console.log([h.keys()], h.entries());
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_like_node(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])


def test_objects_mid_use_survive_a_pause():
    assert_pause_transparent("""
const h = new Headers({b: "2", a: "1", "set-cookie": "x=1"}); h.append("Set-Cookie", "y=2");
const it = h.entries(); const first = it.next().value;
const req = new Request("https://a.com/p", {method: "POST", body: "payload", headers: {"X-K": "v"}});
const derived = new Request(req, {method: "PUT"});
const res = new Response(new URLSearchParams({q: "a b"}), {status: 201, statusText: "Made"});
const twin = res.clone(); const used = new Response("gone"); await used.text();
const ac = new AbortController(); const signalled = new Request("https://a.com/", {signal: ac.signal});
PAUSE
console.log(first, [...it], h.getSetCookie(), h);
console.log(req.bodyUsed, derived.method, await derived.text(), derived.headers.get("x-k"));
console.log(await res.text(), await twin.formData(), res.bodyUsed, twin.status, twin.statusText);
console.log(used.bodyUsed, await used.text().catch(e => e.message));
ac.abort("stop"); console.log(signalled.signal.aborted, signalled.signal.reason, signalled);
""")


def _paused(src: str):
    r = fetchflow.execute_code(src, quiet=True)
    assert r.type == "paused"
    return r


def test_fetch_sends_bodies_with_nodes_content_types():
    cases = [
        ('"text"', "text", "text/plain;charset=UTF-8"),
        ('new URLSearchParams({a: "b c", d: "é"})', "a=b+c&d=%C3%A9", "application/x-www-form-urlencoded;charset=UTF-8"),
        ('new Blob(["blob"], {type: "Text/CSV"})', "blob", "text/csv"),
        ('new Blob(["untyped"])', "untyped", None),
        ('new Uint8Array([104, 105])', "hi", None),
        ('new Uint16Array([0x4241]).buffer', "AB", None),
        ('new DataView(new Uint8Array([1, 120, 121, 2]).buffer, 1, 2)', "xy", None),
        ('{toString() { return "obj"; }}', "obj", "text/plain;charset=UTF-8"),
    ]
    for expr, body, ctype in cases:
        r = _paused(f'await fetch("https://a.com/up", {{method: "POST", body: {expr}}})')
        q = r.fetch_request
        assert q.body == body, expr
        assert q.headers.get("content-type") == ctype, expr


def test_binary_bodies_reach_the_host_as_bytes():
    r = _paused('await fetch("https://a.com/up", {method: "PUT", body: new Uint8Array([0, 255, 104])})')
    m = load_machine(r.state.to_bytes())
    req = m.host.pending[r.fetch_request.id][0]
    assert req["body_bytes"] == b"\x00\xffh" and req["body"] == "\x00\ufffdh"
    r = _paused('await fetch("https://a.com/t", {method: "POST", body: "caf\u00e9"})')
    m = load_machine(r.state.to_bytes())
    assert "body_bytes" not in m.host.pending[r.fetch_request.id][0]


def test_fetch_sends_form_data_as_multipart():
    r = _paused("""
const fd = new FormData(); fd.append("name", "Ada"); fd.append("file", new Blob(["x\\u0000y"], {type: "a/b"}), "f.bin");
await fetch("https://a.com/form", {method: "POST", body: fd})""")
    q = r.fetch_request
    ctype = q.headers["content-type"]
    assert ctype.startswith("multipart/form-data; boundary=----formdata-undici-0")
    boundary = ctype.split("boundary=")[1]
    assert q.body == (f'--{boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nAda\r\n'
                      f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.bin"\r\n'
                      f'Content-Type: a/b\r\n\r\nx\x00y\r\n--{boundary}--\r\n')


def test_fetch_takes_a_request_and_init():
    r = _paused("""
const base = new Request("https://a.com/x#frag", {method: "post", body: "b", headers: {"X-A": "1"}});
await fetch(base, {headers: {"X-B": "2"}})""")
    q = r.fetch_request
    assert (q.url, q.method, q.headers, q.body) == ("https://a.com/x", "POST", {"x-b": "2"}, "b")
    r = _paused('await fetch(new Request("https://a.com/y", {method: "delete"}))')
    assert (r.fetch_request.url, r.fetch_request.method, r.fetch_request.body) == ("https://a.com/y", "DELETE", None)
    out = fetchflow.execute_code("""
const used = new Request("https://a.com/", {method: "POST", body: "x"}); await used.text();
const errs = [];
for (const f of [() => fetch(used), () => fetch("https://a.com/", {method: "GET", body: "x"}),
                 () => fetch("https://a.com/", {method: "TRACE"}), () => fetch("https://u:p@a.com/")]) {
  try { await f(); } catch (e) { errs.push(e.message); }
}
errs""", quiet=True)
    assert out.result == ["Cannot construct a Request with a Request object that has already been used.",
                          "Request with GET/HEAD method cannot have body.", "'TRACE' HTTP method is unsupported.",
                          "Request cannot be constructed from a URL that includes credentials: https://u:p@a.com/"]


def test_a_fetched_response_has_immutable_headers_and_a_readable_body():
    r = _paused("""
const res = await fetch("https://a.com/j");
let err; try { res.headers.set("x", "1"); } catch (e) { err = e.message; }
const copy = res.clone();
[err, res.type, res.url, res.status, res.statusText, res.headers.get("content-type"), await res.json(),
 res.bodyUsed, new Uint8Array(await copy.arrayBuffer()).length]""")
    q = r.fetch_request
    out = fetchflow.resume_execution(r.state.to_bytes(), FetchResponse(q.id, True, 200, "OK", {"k": "é"},
                                     headers={"Content-Type": "application/json"}), quiet=True)
    assert out.result == ["immutable", "default", "https://a.com/j", 200, "OK", "application/json", {"k": "é"},
                          True, 10]
