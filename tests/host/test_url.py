"""URL and URLSearchParams: node differential tests, pickling across a pause."""
from __future__ import annotations

import pytest

import fetchflow
from fetchflow import FetchResponse
from tests.node_oracle import assert_same_as_node

PROGRAMS = {
    "url_basics": r"""
const u = new URL("https://user:pw@EXAMPLE.com:8080/a/./b/../c?x=1&y=%20z#frag");
console.log(u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname);
console.log(u.port, u.pathname, u.search, u.hash, String(u), JSON.stringify({u}));
console.log(new URL("../d?q", "http://h.com/a/b/c").href, new URL("//x.org/p", "https://b/").href);
console.log(new URL("file:///C:/dir/../x.txt").href, new URL("blob:https://a.com/uuid").origin);
console.log(new URL("mailto:Joe@Example.COM").pathname, new URL("data:text/plain,hi there").href);
console.log(new URL("http://[::FFFF:127.0.0.1]:80/").host, new URL("http://0x7f.1/").hostname);
console.log(new URL("http://münchen.de/straße").href, new URL("http://xn--mnchen-3ya.de").hostname);
console.log(URL.canParse("nope"), URL.canParse("/p", "http://a"), URL.parse("x"), URL.parse("a:b").href);
for (const bad of ["x", "http://a b/", "http://[::1/", "https://:443", "http://1.2.3.256/"]) {
  try { new URL(bad); } catch (e) { console.log(e.name, e.message, e.code, e.input, e instanceof TypeError); }
}
try { new URL("p", "not a base"); } catch (e) { console.log(e.code, e.base); }
console.log(Object.keys(URL.prototype).join(), URL.length, typeof URL.prototype.toJSON);
console.log(Object.prototype.toString.call(u), u instanceof URL);
try { URL.prototype.href; } catch (e) { console.log(e instanceof TypeError); }
""",
    "url_setters": r"""
const u = new URL("http://a.com/p?q=1#h");
u.protocol = "https"; u.username = "me"; u.password = "s e"; u.host = "b.org:81";
console.log(u.href);
u.hostname = "c.net"; u.port = "443"; u.pathname = "x y/z"; u.search = "a=b c"; u.hash = "top";
console.log(u.href, u.port);
u.port = ""; u.search = ""; u.hash = ""; u.protocol = "foo";
console.log(u.href);
u.href = "http://new.example/";
console.log(u.href, u.searchParams.toString());
try { u.href = "::"; } catch (e) { console.log(e.name, e.code); }
const o = new URL("mailto:x@y"); o.host = "z"; o.pathname = "q"; console.log(o.href);
""",
    "search_params": r"""
const p = new URLSearchParams("?a=1&b=2&a=3&c=%20x+y&=e&d");
console.log(p.toString(), p.get("a"), p.getAll("a"), p.get("zz"), p.has("d"), p.has("a", "3"), p.size);
p.append("e", "é & ?"); p.set("a", "9"); p.delete("b"); p.delete("a", "nope");
console.log(p.toString(), [...p.keys()].join(), [...p.values()].join("|"));
p.sort(); console.log(p.toString());
const seen = []; p.forEach((v, k, o) => seen.push(k + "=" + v + (o === p))); console.log(seen.join(" "));
console.log(new URLSearchParams({x: 1, y: [1, 2]}).toString(), new URLSearchParams([["k", "v"], ["k", "w"]]).toString());
console.log(new URLSearchParams(new Map([["m", "n"]])).toString(), new URLSearchParams(p).toString() === p.toString());
try { new URLSearchParams([["a"]]); } catch (e) { console.log(e.name, e.code); }
const u = new URL("https://h/p?x=1");
u.searchParams.append("y", "2 3"); console.log(u.href, u.search);
u.searchParams.delete("x"); u.searchParams.delete("y"); console.log(u.href);
u.search = "?k=v"; console.log(u.searchParams.get("k"), u.searchParams === u.searchParams);
const it = new URLSearchParams("a=1&b=2").entries(); console.log(it.next(), [...it]);
console.log(Object.prototype.toString.call(it), Object.keys(URLSearchParams.prototype).join());
for (const [k, v] of new URLSearchParams("q=1&r=2")) console.log(k, v);
const live = new URLSearchParams("a=1"); const li = live.keys(); live.append("b", "2"); console.log([...li]);
console.log(new URLSearchParams("x=\uD800").toString(), encodeURIComponent("~!*()'"), new URLSearchParams({s: "~!*()'"}).toString());
""",
    "url_console": r"""
const u = new URL("https://user:pw@a.com:8080/p/q?x=1&y=2#h");
console.log(u);
console.log(u.searchParams, new URLSearchParams());
console.log([u.searchParams], {u});
console.log({a: {b: {c: u}}});
const long = new URLSearchParams(); for (let i = 0; i < 8; i++) long.append("key" + i, "value" + i);
console.log(long);
const p = new URLSearchParams("a=1&b=2"); console.log(p.entries(), p.keys(), p.values());
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_like_node(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])


def test_url_objects_survive_a_pause_in_a_fresh_state():
    src = """
const u = new URL("https://api.example.com/items?page=1");
const p = u.searchParams;
const it = p.keys();
const r = await fetch(u);
p.set("page", "2");
console.log(u.href, [...it].join(), await r.text(), p.size);
"""
    r = fetchflow.execute_code(src, quiet=True)
    assert r.type == "paused" and r.fetch_request.url == "https://api.example.com/items?page=1"
    blob = r.state.to_bytes()
    out = fetchflow.resume_execution(blob, FetchResponse(r.fetch_request.id, True, 200, "OK", "body"),
                                     quiet=True)
    assert out.console == ["https://api.example.com/items?page=2 page body 1"]
