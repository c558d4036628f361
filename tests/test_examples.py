"""The scripts in examples/ run offline from their canned responses, through the CLI and
through ``fetchflow.run``, and print exactly what node prints for the same script with a
``fetch`` mocked from the same responses file.  Also the ``CannedFetcher`` itself."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import fetchflow
from fetchflow import FetchRequest
from fetchflow.host.canned import CannedFetcher, CannedResponsesError

from tests.node_oracle import node_output

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.js"))

# node's fetch, answering like CannedFetcher from its normalized entries.  Requests made while
# the microtask queue drains are answered together in one macrotask (setImmediate), in request
# order: that is when fetchflow pauses and what `fetchflow.run` then resumes with.
NODE_PRELUDE = r"""
const __entries = %s;
const __used = __entries.map(() => 0);
const __pattern = (u) => new RegExp("^" + u.split("*").map((s) =>
  s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s\\S]*") + "$");
let __batch = [];
function __answer() {
  const batch = __batch;
  __batch = [];
  for (const { method, url, resolve, reject, signal } of batch) {
    const i = __entries.findIndex((e, k) => e.method === method && __pattern(e.url).test(url) &&
                                            (e.times == null || __used[k] < e.times));
    if (i < 0) { reject(new TypeError(`no canned response for ${method} ${url}`)); continue; }
    __used[i]++;
    const e = __entries[i];
    const settle = () => {
      if ("error" in e) { reject(new TypeError(e.error)); return; }
      const res = new Response(e.body === "" ? null : e.body,
                               { status: e.status, statusText: e.status_text, headers: e.headers });
      Object.defineProperty(res, "url", { value: url });
      resolve(res);
    };
    if (e.delay == null) { settle(); continue; }
    const timer = setTimeout(settle, e.delay);   // "delay": answered later, unless aborted
    if (signal) signal.addEventListener("abort", () => clearTimeout(timer));
  }
}
globalThis.fetch = (input, init = {}) => new Promise((resolve, reject) => {
  const signal = init.signal;
  if (signal) {
    if (signal.aborted) { reject(signal.reason); return; }
    signal.addEventListener("abort", () => reject(signal.reason));   // as node's fetch rejects
  }
  if (__batch.length === 0) setImmediate(__answer);
  __batch.push({ method: String(init.method || "GET").toUpperCase(), url: String(input), resolve, reject,
                 signal });
});
"""


def responses_path(name: str) -> Path:
    return EXAMPLES / f"{name}.responses.json"


def fetcher_for(name: str) -> CannedFetcher:
    p = responses_path(name)
    return CannedFetcher.from_file(str(p)) if p.exists() else CannedFetcher.from_list([])


def node_expected(name: str) -> str:
    src = (EXAMPLES / f"{name}.js").read_text(encoding="utf-8")
    prelude = NODE_PRELUDE % json.dumps(fetcher_for(name).entries, indent=1)
    return node_output(prelude + "(async () => {\n" + src + "\n})();\n")


def test_examples_exist():
    assert {"hello", "github_user", "paginate", "parallel", "retry"} <= set(NAMES)
    for name in NAMES:
        if name != "hello":
            assert responses_path(name).exists(), name


@pytest.mark.parametrize("name", NAMES)
def test_example_cli_matches_node(name):
    cmd = [sys.executable, "-m", "fetchflow", "run", f"examples/{name}.js"]
    if responses_path(name).exists():
        cmd += ["--responses", f"examples/{name}.responses.json"]
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, encoding="utf-8")
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""                   # no "no canned response" warnings
    assert p.stdout == node_expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_example_in_process_matches_node(name):
    src = (EXAMPLES / f"{name}.js").read_text(encoding="utf-8")
    fetcher = fetcher_for(name)
    r = fetchflow.run(src, fetcher, quiet=True)
    assert r.type == "completed"
    assert "".join(line + "\n" for line in r.console) == node_expected(name)
    assert all(i is not None for _, _, i in fetcher.log), fetcher.log
    assert fetcher.unused() == [], "entries no request used: the responses file is stale"


# -- CannedFetcher --------------------------------------------------------------------------

def req(url: str, method: str = "GET", n: int = 1) -> FetchRequest:
    return FetchRequest(f"req_{n}", url, {"method": method, "headers": {}, "body": None}, 0.0)


def test_defaults_and_json_body():
    f = CannedFetcher.from_list([{"url": "https://a/x", "body": {"k": [1, "é"]}}])
    r = f(req("https://a/x"))
    assert (r.success, r.status, r.status_text, r.data) == (True, 200, "OK", '{"k":[1,"é"]}')
    assert r.headers == {"content-type": "application/json"}
    r = CannedFetcher.from_list([{"url": "u", "status": 404, "body": "nope",
                                  "headers": {"X-A": "1"}}])(req("u"))
    assert (r.status, r.status_text, r.data) == (404, "Not Found", "nope")
    assert r.headers == {"x-a": "1", "content-type": "text/plain;charset=UTF-8"}


def test_glob_method_and_order():
    f = CannedFetcher.from_list([
        {"method": "post", "url": "https://api/items", "status": 201, "body": "made"},
        {"url": "https://api/items?page=*", "body": "page"},
        {"url": "https://api/*", "body": "any"},
    ])
    assert f(req("https://api/items", "POST")).data == "made"
    assert f(req("https://api/items?page=2&x=[1]")).data == "page"   # ? and [ are not special
    assert f(req("https://api/items")).data == "any"
    assert f(req("https://api/a/b/c")).data == "any"                 # * spans slashes
    assert f(req("https://apixitems")).success is False               # . is literal


def test_times_falls_through_to_next_entry():
    f = CannedFetcher.from_list([
        {"url": "u", "status": 503, "times": 2},
        {"url": "u", "error": "reset", "times": 1},
        {"url": "u", "body": "ok"},
    ])
    got = [(r.success, r.status, r.error, r.data) for r in (f(req("u")) for _ in range(5))]
    assert got == [(True, 503, None, ""), (True, 503, None, ""), (False, 0, "reset", None),
                   (True, 200, None, "ok"), (True, 200, None, "ok")]
    assert f.log[2] == ("GET", "u", 1) and f.unused() == []


def test_no_match_warns_and_script_sees_type_error():
    warnings: list = []
    f = CannedFetcher.from_list([{"url": "https://a/known", "body": "k"}], warn=warnings.append)
    r = fetchflow.run('''
        try { await fetch("https://a/unknown", { method: "DELETE" }); }
        catch (e) { console.log(e.name, e.message); }
        console.log(await (await fetch("https://a/known")).text());
    ''', f, quiet=True)
    assert r.console == ["TypeError no canned response for DELETE https://a/unknown", "k"]
    assert warnings == ["no canned response for DELETE https://a/unknown"]
    assert f.log == [("DELETE", "https://a/unknown", None), ("GET", "https://a/known", 0)]


@pytest.mark.parametrize("entries, message", [
    ({"url": "u"}, "must be a JSON list"),
    (["u"], "entry 0: must be an object"),
    ([{"body": "x"}], 'entry 0: needs a "url"'),
    ([{"url": "u", "stauts": 200}], "unknown fields ['stauts']"),
    ([{"url": "u", "status": 99}], '"status" must be an integer in 200..599'),
    ([{"url": "u"}, {"url": "u", "times": 0}], 'entry 1: "times" must be a positive integer'),
    ([{"url": "u", "error": "x", "status": 500}], "cannot have ['status']"),
    ([{"url": "u", "headers": {"a": 1}}], '"headers" must be an object of strings'),
])
def test_bad_entries(entries, message):
    with pytest.raises(CannedResponsesError) as ei:
        CannedFetcher.from_list(entries)
    assert message in str(ei.value)


def test_cli_no_match_warning_and_bad_file(tmp_path):
    js = tmp_path / "s.js"
    js.write_text('try { await fetch("https://x/y"); } catch (e) { console.log("caught", e.message); }')
    empty = tmp_path / "r.json"
    empty.write_text("[]")
    run = [sys.executable, "-m", "fetchflow", "run", str(js), "--responses"]
    p = subprocess.run(run + [str(empty)], capture_output=True, text=True, timeout=120)
    assert (p.returncode, p.stdout) == (0, "caught no canned response for GET https://x/y\n")
    assert p.stderr == "fetchflow: warning: no canned response for GET https://x/y\n"
    bad = tmp_path / "bad.json"
    bad.write_text('[{"url": "u", "status": "200"}]')
    p = subprocess.run(run + [str(bad)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr == f'fetchflow: {bad}: entry 0: "status" must be an integer in 200..599, not \'200\'\n'
    p = subprocess.run(run + [str(tmp_path / "missing.json")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "cannot read" in p.stderr


def test_delay_answers_later_in_the_vms_time_and_is_checked():
    f = CannedFetcher.from_list([{"url": "u", "body": "late", "delay": 2500}])
    q = FetchRequest("req_1", "u", {"method": "GET", "headers": {}, "body": None}, 100.0)
    assert f(q).timestamp == 102.5
    src = """const t0 = Date.now(); const r = await fetch("u"); [await r.text(), Date.now() - t0 >= 2500]"""
    assert fetchflow.run(src, CannedFetcher.from_list([{"url": "u", "body": "late", "delay": 2500}]),
                         quiet=True).result == ["late", True]
    for bad in (-1, "1", True, 1e12):
        with pytest.raises(CannedResponsesError, match="delay"):
            CannedFetcher.from_list([{"url": "u", "delay": bad}])
