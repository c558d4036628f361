"""Reference states of state format 3, saved in tests/fixtures/states/ (see test_state_loader);
those of format 2 (the first four scenarios, saved by fetchflow 0.1 before format 3) are
kept in tests/fixtures/states/v2/ and must keep loading.

Each scenario is a script paused at a fetch.  Its ``NAME.state`` was saved by this release;
``NAME.json`` holds the source, the signing key (if any), how many console lines node prints
before the pause, and node's whole output for the script with a fetch that answers like
``respond`` below.  Tests load every saved state, resume it until it completes and compare
the output with node's: a change that stops an old state from loading or resuming the same
way is a format change (bump ``fetchflow.state.VERSION`` and say so in the README).

Regenerate (only when the format version changes, never from a test run):

    python -m tests.security.reference_states --write
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import fetchflow
from fetchflow import FetchResponse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "states"
V2_FIXTURES = FIXTURES / "v2"
V2_SCENARIOS = ("readme", "generators_closures", "promise_all", "signed")
TEST_KEY = b"fetchflow reference-state test key"

# node gets a fetch() answering like respond()
NODE_PRELUDE = ('globalThis.fetch = async (u) => new Response(JSON.stringify({id: 1, name: "Ada", '
                'url: String(u)}), {status: 200, statusText: "OK", '
                'headers: {"content-type": "application/json"}});\n')

SCENARIOS = {
    # the README example, paused on its fetch
    "readme": ('''
        const res = await fetch("https://api.example.com/user/1");
        const user = await res.json();
        console.log("hello", user.name);
        user.id
    ''', None),
    # generators, closures, a class with an accessor, Map/Set iteration, RegExp, Date, Symbol,
    # an Error and array holes, all live across two pauses inside for-of and try/finally
    "generators_closures": ('''
        function* ids(start) { let i = start; while (true) { const reset = yield i++; if (reset) i = start; } }
        const counters = new Map();
        const bump = (k) => () => counters.set(k, (counters.get(k) || 0) + 1);
        const fns = ["a", "b", "a"].map(bump);
        class Store {
          constructor(base) { this.base = base; this._hits = 0; }
          get hits() { return this._hits; }
          async load(id) {
            this._hits++;
            const r = await fetch(this.base + "/" + id);
            return (await r.json()).url.toUpperCase();
          }
        }
        const g = ids(10), store = new Store("https://api.example.com/items");
        const re = /(\\w)(\\d+)/g;
        re.exec("a1 b22");
        const sym = Symbol("tag"), when = new Date(Date.UTC(2020, 1, 29));
        const holes = [1, , 3], err = new TypeError("kept"), tagged = {[sym]: "symbol-keyed"};
        const out = [];
        outer: for (const k of new Set(["x", "y"])) {
          for (const f of fns) f();
          try {
            out.push(await store.load(k + g.next().value));
          } finally {
            out.push("finally " + k);
          }
          if (k === "z") break outer;
        }
        console.log(out.join("|"));
        console.log(g.next(true).value, [...counters].join(";"), store.hits, re.lastIndex, re.exec("a1 b22")[2]);
        console.log(when.toISOString(), holes.length, 1 in holes, err.message, err instanceof TypeError,
                    String(sym), tagged[sym]);
    ''', None),
    # Promise.all over two fetches: the state holds two pending requests
    "promise_all": ('''
        async function get(u) { const r = await fetch(u); const v = await r.json(); return r.status + ":" + v.url; }
        console.log("start");
        const [a, b] = await Promise.all([get("https://api.example.com/a"), get("https://api.example.com/b")]);
        console.log(a, b);
        const c = await Promise.race([get("https://api.example.com/c"), new Promise(() => {})]);
        console.log(c);
    ''', None),
    # built-ins the script changed (format 3 saves them as patches of the fresh realm's
    # objects): a method added, one replaced and kept, one deleted, a frozen namespace,
    # elements on Array.prototype, a getter replaced; and untouched ones held by the script
    "builtins_changed": ('''
        Array.prototype.total = function () { let s = 0; for (const x of this) s += x; return s; };
        const findLast = Array.prototype.findLast;
        Array.prototype.findLast = function (f) { return findLast.call(this, f) * 10; };
        const max = Math.max;
        delete Math.max;
        Object.freeze(JSON);
        Object.defineProperty(Map.prototype, "size", {get() { return "sized"; }, configurable: true});
        const keep = [Object.prototype, Array.prototype.map, Symbol.iterator, Promise];
        const r = await fetch("https://api.example.com/b");
        const a = [1, 2];
        console.log(a.total(), a.findLast(x => x < 2), typeof Math.max, max(3, 4), Object.isFrozen(JSON), new Map().size);
        console.log(keep[0] === Object.prototype, keep[1] === [].map, keep[2] === Symbol.iterator,
                    keep[3] === Promise, findLast.name, (await r.json()).name);
    ''', None),
    # a signed state (HMAC-SHA256 with TEST_KEY)
    "signed": ('''
        let total = 0;
        const add = (n) => { total += n; return total; };
        for (let i = 1; i <= 2; i++) {
          const r = await fetch("https://api.example.com/n/" + i);
          add((await r.json()).id * i);
        }
        console.log("total", total);
    ''', TEST_KEY),
}


def respond(req: fetchflow.FetchRequest) -> FetchResponse:
    body = json.dumps({"id": 1, "name": "Ada", "url": req.url}, separators=(",", ":"))
    return FetchResponse(req.id, True, 200, "OK", body, headers={"content-type": "application/json"})


def source(name: str) -> str:
    return textwrap.dedent(SCENARIOS[name][0]).strip() + "\n"


def resume_to_end(state: bytes, key: bytes | None) -> list:
    """Resume a saved state, answering every request with respond(), until it completes."""
    data: bytes | fetchflow.VMState = state
    st = fetchflow.VMState.from_bytes(state, key)
    lines: list = []
    reqs = st.pending_requests
    while True:
        r = fetchflow.resume_execution(data, [respond(q) for q in reqs], quiet=True, key=key)
        lines += r.console
        if r.type == "completed":
            return lines
        data, reqs = r.state, r.fetch_requests


def node_lines(src: str) -> list:
    node = shutil.which("node")
    if node is None:
        raise SystemExit("node is needed to record the reference output")
    p = subprocess.run([node, "-e", NODE_PRELUDE + "(async () => {\n" + src + "\n})();"],
                       capture_output=True, text=True, timeout=60, check=True)
    return p.stdout.splitlines()


def write() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, (_src, key) in SCENARIOS.items():
        src = source(name)
        r = fetchflow.execute_code(src, quiet=True, key=key)
        assert r.type == "paused", name
        expected = node_lines(src)
        assert r.console == expected[:len(r.console)], (name, r.console, expected)
        state = r.state.to_bytes()
        assert r.console + resume_to_end(state, key) == expected, name
        (FIXTURES / f"{name}.state").write_bytes(state)
        meta = {"source": src, "key": key.decode() if key else None,
                "lines_before_pause": len(r.console), "node_output": expected,
                "format_version": state[4], "fetchflow": fetchflow.__version__}
        (FIXTURES / f"{name}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: {len(state)} bytes, {len(expected)} lines")


if __name__ == "__main__":
    if "--write" not in sys.argv[1:]:
        raise SystemExit(__doc__)
    write()
