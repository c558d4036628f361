"""DOMException, Event/EventTarget, AbortController/AbortSignal and fetch(url, {signal})."""
from __future__ import annotations

import subprocess
import sys

import pytest

import fetchflow
from fetchflow import FetchResponse
from tests.node_oracle import assert_same_as_node

PROGRAMS = {
    "dom_exception": r"""
const e = new DOMException("m", "AbortError");
console.log(e.code, e.name, e.message, String(e), Object.prototype.toString.call(e), e instanceof Error);
console.log(e.stack.split("\n")[0], Object.getOwnPropertyNames(e), DOMException.ABORT_ERR, DOMException.prototype.TIMEOUT_ERR);
const d = new DOMException(); console.log(d.name, d.message, d.code, new DOMException("x", "Foo").code);
console.log(new DOMException("q", "DataCloneError").code, new DOMException(1, 2).name, DOMException.length);
console.log(Object.getOwnPropertyNames(DOMException.prototype).slice(0, 5));
try { DOMException(); } catch (x) { console.log(x instanceof TypeError); }
class MyErr extends DOMException {} console.log(new MyErr("z", "NotFoundError").code, new MyErr() instanceof DOMException);
""",
    "events": r"""
const t = new EventTarget();
const log = [];
const f = (ev) => log.push("f:" + ev.type + ":" + (ev.target === t) + ":" + ev.eventPhase + ":" + ev.isTrusted);
t.addEventListener("x", f);
t.addEventListener("x", f);
t.addEventListener("x", {handleEvent(e) { log.push("obj:" + (this !== t)); }});
t.addEventListener("x", () => log.push("once"), {once: true});
t.addEventListener("x", (e) => { e.stopImmediatePropagation(); log.push("stop"); });
t.addEventListener("x", () => log.push("never"));
const ev = new Event("x", {cancelable: true});
console.log(t.dispatchEvent(ev), ev.eventPhase, ev.currentTarget, ev.target === t);
console.log(t.dispatchEvent(new Event("x")), log.join(" "));
t.removeEventListener("x", f); log.length = 0; t.dispatchEvent(new Event("x")); console.log(log.join(" "));
t.addEventListener("c", (e) => e.preventDefault());
console.log(t.dispatchEvent(new Event("c", {cancelable: true})), t.dispatchEvent(new Event("c")));
t.addEventListener("p", (e) => { e.preventDefault(); console.log("passive", e.defaultPrevented); }, {passive: true});
console.log(t.dispatchEvent(new Event("p", {cancelable: true})));
const ac = new AbortController();
t.addEventListener("s", () => console.log("with signal"), {signal: ac.signal});
t.dispatchEvent(new Event("s")); ac.abort(); t.dispatchEvent(new Event("s"));
const e2 = new Event("y", {bubbles: true});
console.log(e2.type, e2.bubbles, e2.cancelable, e2.composed, e2.defaultPrevented, e2.returnValue, e2.cancelBubble, e2.isTrusted);
console.log(Event.AT_TARGET, e2.BUBBLING_PHASE, e2.composedPath().length, typeof e2.timeStamp);
for (const bad of [() => new Event(), () => t.dispatchEvent({}), () => t.addEventListener("z", 5), () => t.addEventListener("z")]) {
  try { bad(); } catch (x) { console.log(x.name, x.code); }
}
console.log(new EventTarget(), Object.keys(EventTarget.prototype).join());
class Emitter extends EventTarget {} const em = new Emitter(); em.addEventListener("k", () => console.log("sub")); em.dispatchEvent(new Event("k"));
""",
    "abort": r"""
const ac = new AbortController();
const s = ac.signal;
console.log(s.aborted, s.reason, s.onabort, s, ac);
s.addEventListener("abort", (ev) => console.log("listener", ev.type, ev.isTrusted, s.reason.name, ev.target === s));
s.onabort = (ev) => console.log("onabort", ev.type);
ac.abort(); ac.abort("again");
console.log(s.aborted, s.reason.name, s.reason.message, s.reason.code, s);
try { s.throwIfAborted(); } catch (x) { console.log(x === s.reason); }
const c2 = new AbortController(); c2.abort("mine"); console.log(c2.signal.reason);
const pre = AbortSignal.abort(); console.log(pre.aborted, pre.reason.name);
console.log(AbortSignal.abort(42).reason);
try { new AbortSignal(); } catch (x) { console.log(x.name); }
const a1 = new AbortController(), a2 = new AbortController();
const any = AbortSignal.any([a1.signal, a2.signal]);
any.onabort = () => console.log("any aborted", any.reason);
a2.abort("second"); a1.abort("first"); console.log(any.reason);
console.log(AbortSignal.any([pre]).aborted, AbortSignal.any([]).aborted);
const t = AbortSignal.timeout(30);
t.addEventListener("abort", () => console.log("timeout", t.reason.name, t.reason.message, t.reason.code));
await new Promise(r => setTimeout(r, 60));
console.log(t.aborted);
""",
    "fetch_abort_before": r"""
globalThis.fetch = globalThis.fetch;
const ac = new AbortController(); ac.abort();
try { await fetch("https://example.com/", {signal: ac.signal}); } catch (e) { console.log(e.name, e.message); }
try { await fetch("https://example.com/", {signal: AbortSignal.abort("custom")}); } catch (e) { console.log(e); }
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_like_node(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])


def test_listener_exception_is_uncaught_after_dispatch():
    src = """const t = new EventTarget();
t.addEventListener("x", () => { throw new Error("boom"); });
t.addEventListener("x", () => console.log("second still runs"));
console.log(t.dispatchEvent(new Event("x")));"""
    with pytest.raises(fetchflow.JSError) as ei:
        fetchflow.execute_code(src, quiet=True)
    assert ei.value.message == "boom" and ei.value.console == ["second still runs", "true"]


SRC = """
const ac = new AbortController();
const slow = fetch("https://a.com/slow", {signal: ac.signal}).catch(e => "caught " + e.name);
const r = await fetch("https://a.com/fast");
ac.abort();
console.log(await slow, await r.text());
const t = AbortSignal.timeout(1000);
try { await fetch("https://a.com/t", {signal: t}); } catch (e) { console.log("timeout:", e.name); }
const t2 = AbortSignal.timeout(5000);
const ok = await fetch("https://a.com/quick", {signal: t2});
console.log(await ok.text(), t2.aborted);
"done"
"""


def _resume_in_fresh_process(blob: bytes, responses: list) -> dict:
    code = """
import json, sys, fetchflow
from fetchflow import FetchResponse
blob = sys.stdin.buffer.read()
rs = [FetchResponse(**r) for r in json.loads(sys.argv[1])]
r = fetchflow.resume_execution(blob, rs, quiet=True)
print(json.dumps({"type": r.type, "console": r.console, "requests": [[q.id, q.url, q.timestamp] for q in r.fetch_requests],
                  "cancelled": r.cancelled_requests, "result": r.result,
                  "state": r.state.to_bytes().hex() if r.state else None}))
"""
    import json
    p = subprocess.run([sys.executable, "-c", code, json.dumps(responses)], input=blob,
                       capture_output=True, timeout=60)
    assert p.returncode == 0, p.stderr.decode()
    return json.loads(p.stdout)


def test_fetch_abort_cancels_the_request_and_survives_pauses_in_fresh_processes():
    r = fetchflow.execute_code(SRC, quiet=True)
    ids = {q.url: q.id for q in r.fetch_requests}
    assert r.type == "paused" and set(ids) == {"https://a.com/slow", "https://a.com/fast"}
    assert r.cancelled_requests == []
    out = _resume_in_fresh_process(r.state.to_bytes(), [dict(id=ids["https://a.com/fast"], success=True,
                                                              status=200, status_text="OK", data="F")])
    assert out["console"] == ["caught AbortError F"]
    assert out["cancelled"] == [ids["https://a.com/slow"]]
    (tid, turl, ts), = out["requests"]
    assert turl == "https://a.com/t"
    # the cancelled request's late answer is ignored; the timed fetch took 2 s: its 1 s
    # timeout fires first (virtual time moves by the response's timestamps)
    out2 = _resume_in_fresh_process(bytes.fromhex(out["state"]), [
        dict(id=ids["https://a.com/slow"], success=True, status=200, status_text="OK", data="late"),
        dict(id=tid, success=True, status=200, status_text="OK", data="x", timestamp=ts + 2)])
    assert out2["console"] == ["timeout: TimeoutError"] and out2["cancelled"] == []
    (qid, qurl, qts), = out2["requests"]
    out3 = _resume_in_fresh_process(bytes.fromhex(out2["state"]), [
        dict(id=qid, success=True, status=200, status_text="OK", data="Q", timestamp=qts + 1)])
    assert out3 == {**out3, "type": "completed", "console": ["Q false"], "result": "done"}


def test_performance_now_and_crypto_random_uuid():
    src = """const t0 = performance.now();
const id = crypto.randomUUID();
await new Promise(r => setTimeout(r, 250));
const t1 = performance.now();
const res = await fetch("https://a.com/");
[t0, t1, performance.now(), id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
 performance.timeOrigin > 1.7e12, typeof performance.toJSON().timeOrigin]"""
    r = fetchflow.execute_code(src, quiet=True)
    q = r.fetch_request
    out = fetchflow.resume_execution(r.state.to_bytes(), FetchResponse(q.id, True, 200, "OK", "", timestamp=q.timestamp + 1.5),
                                     quiet=True)
    t0, t1, t2, uid, ok, origin, typ = out.result
    # one clock: it moves while the script runs, jumps to the timer, and by the declared 1.5 s
    assert 0 <= t0 < 100 and 250 <= t1 - t0 < 350 and 1500 <= t2 - t1 < 1600
    assert ok and origin and typ == "number"
    # the UUID drawn before the pause is part of the state: the same on every resume of it
    again = fetchflow.resume_execution(r.state.to_bytes(), FetchResponse(q.id, True, 200, "OK", ""), quiet=True)
    assert again.result[3] == uid
