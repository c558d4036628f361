"""VMState.inspect(): a paused run described without resuming it."""
from __future__ import annotations

import io
import json
import textwrap

import fetchflow
from fetchflow import FetchResponse
from fetchflow import state as S
from fetchflow.interp.values import JSObject
from fetchflow.state_records import machine_fields


def pause(src, *answers):
    """Run ``src``, answer the first pauses with ``answers`` (data per request) and return the
    paused result."""
    r = fetchflow.execute_code(textwrap.dedent(src), quiet=True)
    for data in answers:
        assert r.type == "paused"
        r = fetchflow.resume_execution(r.state, [FetchResponse(q.id, True, 200, "OK", data)
                                                 for q in r.fetch_requests], quiet=True)
    assert r.type == "paused"
    return r


def by_name(report, name):
    hits = [s for s in report.suspended if s.name == name]
    assert len(hits) == 1, [s.name for s in report.suspended]
    return hits[0]


def local_map(s):
    return {b.name: b.preview for b in s.locals}


NESTED = """
    const base = "https://api.test";
    async function leaf(path, n) {
      const url = base + path;
      const res = await fetch(url, { method: "POST", headers: { "x-n": String(n) }, body: "n=" + n });
      return res.text();
    }
    async function middle(k) {
      const doubled = k * 2;
      const got = await leaf("/m", doubled);
      return got;
    }
    async function top() {
      console.log("starting");
      return await middle(21);
    }
    top();
"""


def test_nested_awaits_form_a_chain_innermost_first():
    r = pause(NESTED)
    rep = r.state.inspect()
    assert [s.name for s in rep.suspended] == ["leaf", "middle", "top"]
    leaf, middle, top = rep.suspended
    assert (leaf.kind, leaf.line, leaf.column) == ("async", 5, 15)
    assert leaf.source_line.strip().startswith("const res = await fetch(url")
    assert leaf.caret == " " * 14 + "^"
    assert leaf.state == "awaiting fetch req_1 (POST https://api.test/m)"
    assert local_map(leaf) == {"path": "'/m'", "n": "42", "url": "'https://api.test/m'",
                               "res": "<uninitialized>"}
    assert middle.state == "awaiting leaf()" and middle.line == 10
    assert local_map(middle) == {"k": "21", "doubled": "42", "got": "<uninitialized>"}
    assert top.state == "awaiting middle()" and top.line == 15
    assert {b.name: b.preview for b in rep.globals} == {
        "leaf": "[AsyncFunction: leaf]", "middle": "[AsyncFunction: middle]",
        "top": "[AsyncFunction: top]", "base": "'https://api.test'"}
    [q] = rep.requests
    # a string body gets node's content-type
    assert (q.id, q.method, q.url, q.headers, q.body) == (
        "req_1", "POST", "https://api.test/m", {"x-n": "42", "content-type": "text/plain;charset=UTF-8"},
        "n=42")
    assert rep.console == ["starting"]
    assert rep.status == "paused"


def test_counters_and_heap_count_match_the_state_table():
    r = pause(NESTED)
    rep = r.state.inspect()
    c = rep.counters
    assert c["pauses"] == 1 and c["fetches"] == 1 and c["pending_requests"] == 1
    assert c["state_bytes"] == len(r.state.to_bytes())
    assert c["steps"] >= 1
    # the objects the state format writes are exactly the ones the report counts
    m = r.state.restore()
    p = S._Pickler(io.BytesIO(), m)
    p.dump(machine_fields(m))
    k = 0
    while k < len(p.objects):
        rec, obj = p.objects[k]
        p.dump(rec.save(obj))
        k += 1
    # the table holds every JS object but untouched built-in functions, which are written by
    # name (and records that are not JS objects: frames, accessors, ...)
    js = sum(isinstance(o, JSObject) for _rec, o in p.objects)
    natives = sum(pid[0] == "N" for pid in p.pids.values())
    assert c["heap_objects"] == js + natives


def test_loop_state_and_console_accumulate_across_steps():
    src = """
        const seen = [];
        async function crawl(pages) {
          let sum = 0;
          for (let i = 0; i < pages.length; i++) {
            const r = await fetch(pages[i]);
            const v = await r.json();
            sum += v;
            seen.push(v);
            console.log("page", i, v);
          }
          return sum;
        }
        await crawl(["/a", "/b", "/c"]);
    """
    r = pause(src, 10, 20)
    rep = r.state.inspect()
    crawl = by_name(rep, "crawl")
    assert crawl.line == 6
    loc = local_map(crawl)
    assert loc["i"] == "2" and loc["sum"] == "30" and loc["pages"] == "[ '/a', '/b', '/c' ]"
    assert rep.requests[0].url == "/c" and rep.requests[0].id == "req_3"
    assert rep.console == ["page 0 10", "page 1 20"]
    assert rep.counters["pauses"] == 3 and rep.counters["fetches"] == 3
    script = by_name(rep, "(top level)")
    assert script.kind == "script" and script.state == "awaiting crawl()" and script.line == 14
    assert {b.name: b.preview for b in rep.globals}["seen"] == "[ 10, 20 ]"


def test_paused_inside_finally():
    src = """
        async function withLock(name) {
          let held = true;
          try {
            throw new Error("bad " + name);
          } catch (err) {
            const msg = err.message;
            await fetch("/log?m=" + msg);
          } finally {
            held = false;
            const bye = await fetch("/unlock/" + name);
          }
        }
        withLock("db");
    """
    r = pause(src)
    rep = r.state.inspect()
    s = by_name(rep, "withLock")
    assert s.line == 8 and local_map(s)["msg"] == "'bad db'"
    assert local_map(s)["err"].startswith("Error: bad db")
    r = pause(src, "ok")
    s = by_name(r.state.inspect(), "withLock")
    assert s.line == 11 and s.source_line.strip().startswith("const bye = await fetch")
    loc = local_map(s)
    assert loc["held"] == "false" and loc["bye"] == "<uninitialized>" and loc["name"] == "'db'"
    assert "msg" not in loc   # the catch block's bindings are out of scope in finally


def test_class_method_shows_this_and_qualified_name():
    src = """
        class Client {
          constructor(root) { this.root = root; this.calls = 0; }
          async get(path) {
            this.calls++;
            const full = this.root + path;
            return (await fetch(full)).status;
          }
          static async ping(c) { return await c.get("/ping"); }
        }
        const c = new Client("https://svc");
        Client.ping(c);
    """
    rep = pause(src).state.inspect()
    get = by_name(rep, "Client.get")
    assert get.this == "Client { root: 'https://svc', calls: 1 }"
    assert local_map(get) == {"path": "'/ping'", "full": "'https://svc/ping'"}
    assert get.line == 7 and get.column == 13  # the `await`, 1-based
    ping = by_name(rep, "Client.ping")
    assert ping.state == "awaiting Client.get()" and local_map(ping) == {
        "c": "Client { root: 'https://svc', calls: 1 }"}


def test_generators_and_closures():
    src = """
        function makeCounter(start) {
          let count = start;
          const label = "ctr";
          return function* ticks(step) {
            while (true) {
              const before = count;
              count += step;
              yield before;
            }
          };
        }
        const gen = makeCounter(5)(2);
        gen.next(); gen.next();
        function* idle() { yield 1; }
        const fresh = idle();
        const r = await fetch("/x");
    """
    rep = pause(src).state.inspect()
    t = by_name(rep, "ticks")
    assert t.kind == "generator" and t.state == "suspended at yield" and t.line == 9
    # a named function expression's own name is a binding of its scope
    assert local_map(t) == {"before": "7", "step": "2", "ticks": "[GeneratorFunction: ticks]"}
    [cl] = t.closures
    assert cl.name == "makeCounter"
    assert {b.name: b.preview for b in cl.bindings} == {"start": "5", "count": "9", "label": "'ctr'"}
    idle = by_name(rep, "idle")
    assert idle.state == "not started" and idle.line == 15


def test_previews_are_short_one_line():
    src = """
        async function f() {
          const big = { text: "x".repeat(500), nested: { deep: { deeper: 1 } }, list: [1, 2, 3] };
          await fetch("/");
        }
        f();
    """
    [s] = pause(src).state.inspect().suspended
    p = local_map(s)["big"]
    assert len(p) <= 80 and "\n" not in p and p.endswith("...")


def test_text_and_json_views():
    r = pause(NESTED)
    rep = r.state.inspect()
    text = str(rep)
    assert "Pending requests (1):" in text and "req_1  POST https://api.test/m" in text
    assert "async leaf at line 5:15, awaiting fetch req_1" in text
    assert "    5 |   const res = await fetch(url" in text
    assert "      doubled = 42" in text and "  | starting" in text
    d = json.loads(rep.to_json())
    assert d["suspended"][0]["name"] == "leaf" and d["suspended"][0]["caret"].endswith("^")
    assert d["requests"][0]["body"] == "n=42" and d["counters"]["pauses"] == 1
    assert d["globals"][0] == {"name": "base", "preview": "'https://api.test'"} or \
        {"name": "base", "preview": "'https://api.test'"} in d["globals"]


def test_inspect_does_not_change_the_state():
    r = pause(NESTED)
    before = r.state.to_bytes()
    r.state.inspect()
    r2 = fetchflow.resume_execution(r.state, FetchResponse("req_1", True, 200, "OK", "done"), quiet=True)
    assert r.state.to_bytes() == before
    assert r2.type == "completed"


def test_signed_state_inspects_with_its_key():
    r = fetchflow.execute_code('const r = await fetch("/k")', quiet=True, key=b"secret")
    rep = fetchflow.VMState.from_bytes(r.state.to_bytes(), b"secret").inspect()
    assert rep.requests[0].url == "/k"


def test_promise_all_and_then_chains_name_the_requests_they_wait_on():
    src = """
        const p = fetch("/c").then(r => r.text());
        async function later() { const t = await p; return t; }
        later();
        const go = async (urls) => {
          const results = await Promise.all(urls.map(u => fetch(u)));
          return results.length;
        };
        {
          let x = 1;
          const w = await go(["/x", "/y"]);
        }
    """
    rep = pause(src).state.inspect()
    assert [q.id for q in rep.requests] == ["req_1", "req_2", "req_3"]
    assert by_name(rep, "later").state == "awaiting a promise that waits on req_1"
    go = by_name(rep, "go")
    assert go.state == "awaiting a promise that waits on req_2, req_3"
    assert local_map(go) == {"urls": "[ '/x', '/y' ]", "results": "<uninitialized>"}
    top = by_name(rep, "(top level)")
    assert top.state == "awaiting go()" and local_map(top) == {"x": "1", "w": "<uninitialized>"}
    # chains come out innermost first: go before the script that awaits it
    names = [s.name for s in rep.suspended]
    assert names.index("go") < names.index("(top level)")


def test_console_kept_in_the_state_is_capped():
    from fetchflow.api import CONSOLE_KEEP
    r = pause(f"for (let i = 0; i < {CONSOLE_KEEP + 5}; i++) console.log(i); await fetch('/');")
    rep = r.state.inspect()
    assert len(rep.console) == CONSOLE_KEEP and rep.console[0] == "5"
    assert rep.counters["console_dropped"] == 5
    assert "Console (1000 lines, 5 earlier dropped):" in str(rep)
