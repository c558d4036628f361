"""The pause-by-pause commands: exec -> inspect -> resume ... -> completed, and their errors."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

SHOP = textwrap.dedent("""\
    async function getJSON(url) {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      return res.json();
    }
    async function main() {
      const user = await getJSON("https://api.example.com/users/7");
      console.log("user", user.name);
      let total = 0;
      for (const id of user.orders) {
        const order = await getJSON(`https://api.example.com/orders/${id}`);
        total += order.amount;
      }
      return { user: user.name, total };
    }
    main()
""")


def ff(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "fetchflow", *map(str, args)], capture_output=True,
                          text=True, timeout=120, input=stdin, cwd=cwd)


def status(proc):
    """The JSON status object on the last line of stdout."""
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture
def shop(tmp_path):
    p = tmp_path / "shop.js"
    p.write_text(SHOP)
    return p


def test_exec_inspect_resume_resume_completed(tmp_path, shop):
    s1, s2, s3 = tmp_path / "s1", tmp_path / "s2", tmp_path / "s3"
    p = ff("exec", shop, "--state-out", s1)
    assert p.returncode == 0, p.stderr
    st = status(p)
    assert st["type"] == "paused" and st["state"] == str(s1) and st["console"] == []
    assert st["requests"] == [{"id": "req_1", "method": "GET", "url": "https://api.example.com/users/7",
                               "headers": {}, "body": None}]
    assert s1.read_bytes()[:4] == b"FFVM"

    p = ff("inspect", s1)
    assert p.returncode == 0, p.stderr
    assert "async getJSON at line 2:15, awaiting fetch req_1" in p.stdout
    assert "async main at line 7:16, awaiting getJSON()" in p.stdout
    p = ff("inspect", s1, "--json")
    rep = json.loads(p.stdout)
    assert [s["name"] for s in rep["suspended"]] == ["getJSON", "main"]
    assert rep["requests"][0]["id"] == "req_1"

    (tmp_path / "r1.json").write_text(json.dumps(
        {"id": "req_1", "success": True, "status": 200, "data": {"name": "Ada", "orders": [11, 12]}}))
    p = ff("resume", s1, tmp_path / "r1.json", "--state-out", s2)
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines()[0] == "user Ada"          # console echoed live
    st = status(p)
    assert st["type"] == "paused" and st["requests"][0]["url"].endswith("/orders/11")
    assert st["console"] == ["user Ada"]

    rep = json.loads(ff("inspect", s2, "--json").stdout)
    main = rep["suspended"][1]
    assert main["name"] == "main" and main["line"] == 11
    assert {b["name"]: b["preview"] for b in main["locals"]}["id"] == "11"
    assert rep["console"] == ["user Ada"] and rep["counters"]["pauses"] == 2

    (tmp_path / "r2.json").write_text(json.dumps([{"id": "req_2", "data": {"amount": 30}}]))
    p = ff("resume", s2, tmp_path / "r2.json", "--state-out", s3, "--quiet")
    assert status(p)["requests"][0]["id"] == "req_3" and len(p.stdout.splitlines()) == 1

    p = ff("resume", s3, "-", "--state-out", tmp_path / "s4",
           stdin=json.dumps({"id": "req_3", "data": {"amount": 12.5}}))
    assert p.returncode == 0, p.stderr
    assert status(p) == {"type": "completed", "result": {"user": "Ada", "total": 42.5}, "console": []}
    assert not (tmp_path / "s4").exists()


def test_exec_completes_without_fetch(tmp_path):
    (tmp_path / "a.js").write_text('console.log("hi", 1 + 1); [1, 2]')
    p = ff("exec", tmp_path / "a.js", "--state-out", tmp_path / "s")
    assert p.returncode == 0
    assert p.stdout.splitlines()[0] == "hi 2"
    assert status(p) == {"type": "completed", "result": [1, 2], "console": ["hi 2"]}


def test_signed_states_need_the_key(tmp_path, shop):
    key = tmp_path / "k"
    key.write_text("sesame\n")
    s1 = tmp_path / "s1"
    assert ff("exec", shop, "--state-out", s1, "--key-file", key).returncode == 0
    p = ff("inspect", s1)
    assert p.returncode == 2 and "a key is required" in p.stderr
    assert ff("inspect", s1, "--key-file", key).returncode == 0


def test_error_exits(tmp_path, shop):
    s1 = tmp_path / "s1"
    bad = tmp_path / "bad"
    bad.write_bytes(b"not a state at all, just some bytes of junk here")
    p = ff("inspect", bad)
    assert p.returncode == 2 and p.stderr.startswith("fetchflow: bad state file")
    p = ff("inspect", tmp_path / "missing")
    assert p.returncode == 2 and "cannot read state file" in p.stderr

    assert ff("exec", shop, "--state-out", s1).returncode == 0
    tampered = bytearray(s1.read_bytes())
    tampered[-5] ^= 0xFF
    bad.write_bytes(bytes(tampered))
    r = tmp_path / "r.json"
    r.write_text(json.dumps({"id": "req_1", "data": "{}"}))
    p = ff("resume", bad, r, "--state-out", tmp_path / "s2")
    assert p.returncode == 2 and "checksum mismatch" in p.stderr

    r.write_text(json.dumps({"id": "req_9", "data": "{}"}))
    p = ff("resume", s1, r, "--state-out", tmp_path / "s2")
    assert p.returncode == 2 and "req_9" in p.stderr and "pending: req_1" in p.stderr
    r.write_text("{oops")
    p = ff("resume", s1, r, "--state-out", tmp_path / "s2")
    assert p.returncode == 2 and "is not JSON" in p.stderr

    # the script throws after a 500: Uncaught + JS stack on stderr, exit 1
    r.write_text(json.dumps({"id": "req_1", "status": 500, "data": "boom"}))
    p = ff("resume", s1, r, "--state-out", tmp_path / "s2")
    assert p.returncode == 1
    err = p.stderr.splitlines()
    assert err[0] == "Uncaught Error: https://api.example.com/users/7: 500"
    assert err[1].strip() == f"at getJSON ({shop}:3:22)"   # the state keeps the script's name


def test_exec_errors(tmp_path):
    (tmp_path / "t.js").write_text('function f() { throw new TypeError("nope"); }\nf();')
    p = ff("exec", tmp_path / "t.js", "--state-out", tmp_path / "s")
    assert p.returncode == 1 and p.stderr.splitlines()[0] == "Uncaught TypeError: nope"
    assert f"at f ({tmp_path / 't.js'}:1:" in p.stderr      # the file's name, not <anonymous>
    (tmp_path / "syn.js").write_text("let = = 1;")
    p = ff("exec", tmp_path / "syn.js", "--state-out", tmp_path / "s")
    assert p.returncode == 1
    head, line, caret = p.stderr.splitlines()         # the place once, the message once
    assert head.startswith(f"{tmp_path / 'syn.js'}:1:7: SyntaxError: Unexpected token")
    assert (line, caret) == ("let = = 1;", "      ^")
    p = ff("exec", tmp_path / "nope.js", "--state-out", tmp_path / "s")
    assert p.returncode == 2 and "cannot read" in p.stderr
