"""``python -m fetchflow run`` and the CLI's errors: no Python traceback for anything a user
can do, one message, a documented exit code; real HTTP against a local server."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from typing import Iterator

import pytest

from tests.durable.httpserver import LocalServer


def ff(*args: object, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fetchflow", *map(str, args)], capture_output=True,
                          text=True, timeout=60, input=stdin)


def no_traceback(p: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in p.stderr, p.stderr


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    s = LocalServer()
    try:
        yield s
    finally:
        s.close()


def test_help_lists_options_and_exit_codes() -> None:
    p = ff("run", "--help")
    assert p.returncode == 0
    for opt in ("--responses", "--timeout", "--max-concurrency", "--allow", "--deny", "--quiet",
                "--max-time", "--max-heap"):
        assert opt in p.stdout
    assert "exit status:" in p.stdout and "130" in p.stdout and '"times"' in p.stdout
    top = ff("--help")
    assert "exit status:" in top.stdout and "run" in top.stdout
    v = ff("--version")
    assert v.returncode == 0 and v.stdout.startswith("fetchflow ")


def test_user_errors_are_one_line_with_exit_2(tmp_path) -> None:
    (tmp_path / "latin.js").write_bytes(b"'caf\xe9'")
    bad_responses = tmp_path / "r.json"
    bad_responses.write_text("[1]")
    (tmp_path / "ok.js").write_text("1")
    cases = [
        (("parse", tmp_path / "nope.js"), "cannot read"),
        (("run", tmp_path / "nope.js"), "cannot read"),
        (("run", tmp_path / "latin.js"), "not UTF-8"),
        (("run", "--allow", "ftp://x", tmp_path / "ok.js"), "bad policy pattern"),
        (("run", "--responses", bad_responses, tmp_path / "ok.js"), "entry 0"),
        (("run", "--max-heap", "lots", "x.js"), "is not a size"),
        (("run", "--timeout", "-1", "x.js"), "positive number"),
    ]
    for args, message in cases:
        p = ff(*args)
        no_traceback(p)
        lines = p.stderr.strip().splitlines()
        assert p.returncode == 2 and message in lines[-1], (args, p.stderr)
        assert len(lines) == 1 or lines[0].startswith("usage:"), p.stderr   # argparse adds its usage


@pytest.mark.parametrize("response,message", [
    ({"id": "req_1", "status": "abc"}, '"status" must be an integer in 100..599, not "abc"'),
    ({"id": "req_1", "status": None}, "not null"),
    ({"id": "req_1", "status": 1000}, "not 1000"),
    ({"id": "req_1", "success": "yes"}, '"success" must be true or false'),
    ({"id": "req_1", "headers": {"a": 1}}, '"headers" must be an object of strings'),
    ({"id": "req_1", "headers": {"a b": "1"}}, "invalid header name"),
    ({"id": "req_1", "statusText": "OK"}, "unknown fields ['statusText']"),
])
def test_resume_rejects_bad_responses_with_a_message(tmp_path, response: dict, message: str) -> None:
    (tmp_path / "a.js").write_text("const r = await fetch('https://example.com/'); r.status")
    assert ff("exec", tmp_path / "a.js", "--state-out", tmp_path / "s").returncode == 0
    p = ff("resume", tmp_path / "s", "-", "--state-out", tmp_path / "s2", stdin=json.dumps(response))
    no_traceback(p)
    assert p.returncode == 2 and message in p.stderr and p.stderr.count("\n") == 1, p.stderr


def test_script_errors_exit_1_with_the_file_name(tmp_path) -> None:
    js = tmp_path / "boom.js"
    js.write_text("function f() {\n  null.x;\n}\nf();\n")
    p = ff("run", js)
    assert p.returncode == 1
    lines = p.stderr.splitlines()
    assert lines[0] == "Uncaught TypeError: Cannot read properties of null (reading 'x')"
    assert lines[1].startswith(f"    at f ({js}:") and "<anonymous>" not in p.stderr
    p = ff("run", "-", stdin="let x = ;")
    assert p.returncode == 1 and p.stderr.startswith("[stdin]:1:9: SyntaxError: ")
    assert p.stderr.count("SyntaxError") == 1


def test_run_reads_stdin_and_quiet_silences_console() -> None:
    p = ff("run", "-", stdin="console.log('from stdin', 1 + 1)")
    assert (p.returncode, p.stdout) == (0, "from stdin 2\n")
    assert ff("run", "--quiet", "-", stdin="console.log('x')").stdout == ""


def test_limits_stop_the_script_with_exit_1(tmp_path) -> None:
    t0 = time.monotonic()
    p = ff("run", "--max-time", "0.5", "-", stdin="while (true) {}")
    assert p.returncode == 1 and "limit exceeded" in p.stderr and time.monotonic() - t0 < 10
    no_traceback(p)
    p = ff("run", "--max-heap", "32M", "-", stdin="const a = []; while (true) a.push('x'.repeat(1000) + a.length)")
    assert p.returncode == 1 and "limit exceeded: max_heap_bytes" in p.stderr
    no_traceback(p)


def test_ctrl_c_exits_130_without_traceback(tmp_path) -> None:
    js = tmp_path / "spin.js"
    js.write_text("let i = 0; while (true) i++;")
    p = subprocess.Popen([sys.executable, "-m", "fetchflow", "run", str(js)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=30)
    assert p.returncode == 130 and err == "fetchflow: interrupted\n"


# -- real HTTP --------------------------------------------------------------------------------

def test_run_fetches_non_ascii_urls(server: LocalServer) -> None:
    src = f"const r = await fetch({server.url + '/echo?q=café &x=1'!r}); console.log((await r.json()).target)"
    p = ff("run", "-", stdin=src)
    assert (p.returncode, p.stdout, p.stderr) == (0, "/echo?q=caf%C3%A9%20&x=1\n", "")


def test_run_timeout_and_concurrency_options(server: LocalServer) -> None:
    src = f"""try {{ await fetch({server.url + '/item/1?ms=3000'!r}); }}
    catch (e) {{ console.log(e.name, e.message.split(':')[0]); }}"""
    t0 = time.monotonic()
    p = ff("run", "--timeout", "0.3", "-", stdin=src)
    assert p.stdout == "TypeError fetch failed\n" and time.monotonic() - t0 < 2.5
    batch = f"""const ns = await Promise.all([0, 1, 2, 3].map(i =>
        fetch({server.url!r} + '/item/' + i + '?ms=400').then(r => r.json())));
    console.log(ns.map(j => j.n).join())"""
    t0 = time.monotonic()
    p = ff("run", "--max-concurrency", "1", "-", stdin=batch)
    sequential = time.monotonic() - t0
    t0 = time.monotonic()
    q = ff("run", "-", stdin=batch)
    concurrent = time.monotonic() - t0
    assert p.stdout == q.stdout == "0,1,2,3\n"
    assert sequential - concurrent > 0.9, (sequential, concurrent)   # 1.6 s of waits vs 0.4


def test_run_policy_applies_to_redirects(server: LocalServer) -> None:
    port = server.server_address[1]
    to = server.url.replace("127.0.0.1", "localhost") + "/echo"
    src = f"""try {{ await fetch({server.url + '/redirect?to=' + to!r}); console.log('fetched'); }}
    catch (e) {{ console.log(e.name, e.message); }}"""
    p = ff("run", "--allow", f"http://127.0.0.1:{port}/**", "-", stdin=src)
    assert p.returncode == 0 and p.stdout.startswith("TypeError fetch failed") and "denied by policy" in p.stdout
    p = ff("run", "--allow", f"http://127.0.0.1:{port}/**", "-",
           stdin=f"await fetch('http://localhost:{port}/echo')")
    assert p.returncode == 1 and "denied by policy" in p.stderr
