"""Pausing is invisible: a script answered through serialized states (each resume in a
fresh process) prints exactly what node prints with an equivalent in-process fetch."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

import fetchflow
from fetchflow import FetchResponse

from tests.node_oracle import node_output

# node gets a fetch() that answers like our test fetcher: body = "body:" + url
NODE_PRELUDE = ("globalThis.fetch = async (u, init) => new Response('body:' + u, "
                "{status: 200, headers: {'x-url': String(u)}});\n")


def body_for(req):
    return FetchResponse(req.id, True, 200, "OK", "body:" + req.url, headers={"x-url": req.url})


PROGRAMS = {
    "nested_calls": '''
        async function leaf(u) { const r = await fetch(u); return (await r.text()).length; }
        async function mid(u) { return 1 + await leaf(u + "/x"); }
        async function top() { let t = 0; for (const u of ["a", "bb"]) t += await mid(u); return t; }
        console.log("total", await top());
    ''',
    "loops_try_finally": '''
        const log = [];
        for (let i = 0; i < 3; i++) {
          try {
            if (i === 1) throw new Error("boom" + i);
            log.push(await (await fetch("u" + i)).text());
          } catch (e) { log.push("caught " + e.message); }
          finally { log.push("finally " + i); }
        }
        let j = 0;
        while (j < 2) { log.push((await fetch("w" + j)).headers.get("x-url")); j++; }
        console.log(log.join("|"));
    ''',
    "generator_and_class": '''
        function* ids() { let i = 0; while (true) { const reset = yield i++; if (reset) i = 0; } }
        class Repo {
          constructor(base) { this.base = base; this.cache = new Map(); }
          async get(id) {
            if (this.cache.has(id)) return this.cache.get(id);
            const v = await (await fetch(this.base + "/" + id)).text();
            this.cache.set(id, v);
            return v;
          }
        }
        const g = ids(), repo = new Repo("https://r");
        const a = await repo.get(g.next().value);
        const b = await repo.get(g.next().value);
        const c = await repo.get(g.next(true).value);
        console.log(a, b, c, repo.cache.size, [...repo.cache.keys()]);
    ''',
    "parallel_and_closures": '''
        const counters = {};
        const bump = (k) => () => (counters[k] = (counters[k] || 0) + 1);
        const fns = ["x", "y", "x"].map(bump);
        const rs = await Promise.all(["p", "q", "r"].map(async (u, i) => { fns[i](); return (await fetch(u)).text(); }));
        console.log(rs, JSON.stringify(counters));
        const [first] = await Promise.race([fetch("fast").then(r => r.text()).then(t => [t])]);
        console.log(first);
    ''',
    "values_survive": '''
        const sym = Symbol("tag"), re = /a(b+)/g, d = new Date(Date.UTC(2020, 1, 29));
        const obj = { [sym]: 1, nested: { arr: [1, , 3], set: new Set([1, 2]) } };
        const before = re.exec("abbb ab").index;
        await fetch("mid");
        console.log(before, re.lastIndex, re.exec("abbb ab")[1], d.toISOString(), obj[sym],
                    obj.nested.arr.length, 1 in obj.nested.arr, obj.nested.set.has(2));
    ''',
}


def run_paused_in_fresh_processes(src: str, tmp_path) -> str:
    """Run src pausing at every fetch; every resume happens in a new Python process."""
    r = fetchflow.execute_code(src, quiet=True)
    out = list(r.console)
    step = 0
    while r.type == "paused":
        step += 1
        sp = tmp_path / f"s{step}.bin"
        sp.write_bytes(r.state.to_bytes())
        resp = [vars(body_for(q)) for q in r.fetch_requests]
        child = textwrap.dedent(f'''
            import json, sys, fetchflow
            data = open({str(sp)!r}, "rb").read()
            rs = [fetchflow.FetchResponse(**d) for d in json.loads(sys.stdin.read())]
            r = fetchflow.resume_execution(data, rs, quiet=True)
            if r.type == "paused":
                open({str(sp)!r} + ".next", "wb").write(r.state.to_bytes())
            print(json.dumps({{"type": r.type, "console": r.console}}))
        ''')
        p = subprocess.run([sys.executable, "-c", child], input=json.dumps(resp), capture_output=True,
                           text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        res = json.loads(p.stdout.strip().splitlines()[-1])
        out += res["console"]
        if res["type"] == "completed":
            break
        r = fetchflow.resume_execution((tmp_path / f"s{step}.bin.next").read_bytes(), [], quiet=True)
        out += r.console
    return "".join(line + "\n" for line in out)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_paused_run_matches_node(name, tmp_path):
    src = textwrap.dedent(PROGRAMS[name])
    expected = node_output(NODE_PRELUDE + "(async () => {\n" + src + "\n})();")
    uninterrupted = fetchflow.run(src, body_for, quiet=True)
    assert "".join(x + "\n" for x in uninterrupted.console) == expected
    assert run_paused_in_fresh_processes(src, tmp_path) == expected
