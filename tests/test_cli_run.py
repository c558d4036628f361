"""``python -m fetchflow run`` and the CLI's errors: no Python traceback for anything a user
can do, one message, a documented exit code; real HTTP against a local server."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from typing import Any, Iterator, Tuple

import pytest

from fetchflow.__main__ import main
from tests.durable.httpserver import LocalServer


def ff(*args: object, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fetchflow", *map(str, args)], capture_output=True,
                          text=True, timeout=60, input=stdin)


def cli(capsys: Any, monkeypatch: Any, *args: object, stdin: str = "") -> Tuple[int, str, str]:
    """``main(args)`` in this process (what the subprocess runs, without its start-up)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    capsys.readouterr()
    try:
        code = main([str(a) for a in args])
    except SystemExit as e:          # argparse's usage errors
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def no_traceback(p: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in p.stderr, p.stderr


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    s = LocalServer()
    try:
        yield s
    finally:
        s.close()


def test_help_lists_options_and_exit_codes(capsys, monkeypatch) -> None:
    code, out, _ = cli(capsys, monkeypatch, "run", "--help")
    assert code == 0
    for opt in ("--responses", "--timeout", "--max-concurrency", "--allow", "--deny", "--quiet",
                "--max-time", "--max-heap"):
        assert opt in out
    assert "exit status:" in out and "130" in out and '"times"' in out
    code, out, _ = cli(capsys, monkeypatch, "--help")
    assert "exit status:" in out and "run" in out
    v = ff("--version")
    assert v.returncode == 0 and v.stdout.startswith("fetchflow ")


def test_user_errors_are_one_line_with_exit_2(tmp_path, capsys, monkeypatch) -> None:
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
        (("inspect", tmp_path / "ok.js"), "bad state file"),
    ]
    for args, message in cases:
        code, _, err = cli(capsys, monkeypatch, *args)
        lines = err.strip().splitlines()
        assert code == 2 and message in lines[-1], (args, err)
        assert len(lines) == 1 or lines[0].startswith("usage:"), err   # argparse adds its usage
    p = ff("parse", tmp_path / "nope.js")                              # and as a process
    assert p.returncode == 2 and p.stderr == f"fetchflow: cannot read {tmp_path / 'nope.js'}: No such file or directory\n"


@pytest.fixture(scope="module")
def paused_state(tmp_path_factory: Any) -> Any:
    d = tmp_path_factory.mktemp("paused")
    (d / "a.js").write_text("const r = await fetch('https://example.com/'); r.status")
    assert ff("exec", d / "a.js", "--state-out", d / "s").returncode == 0
    return d / "s"


@pytest.mark.parametrize("response,message", [
    ({"id": "req_1", "status": "abc"}, '"status" must be an integer in 100..599, not "abc"'),
    ({"id": "req_1", "status": None}, "not null"),
    ({"id": "req_1", "status": 1000}, "not 1000"),
    ({"id": "req_1", "success": "yes"}, '"success" must be true or false'),
    ({"id": "req_1", "headers": {"a": 1}}, '"headers" must be an object of strings'),
    ({"id": "req_1", "headers": {"a b": "1"}}, "invalid header name"),
    ({"id": "req_1", "statusText": "OK"}, "unknown fields ['statusText']"),
])
def test_resume_rejects_bad_responses_with_a_message(tmp_path, capsys, monkeypatch, paused_state: Any,
                                                     response: dict, message: str) -> None:
    code, _, err = cli(capsys, monkeypatch, "resume", paused_state, "-", "--state-out", tmp_path / "s2",
                       stdin=json.dumps(response))
    assert code == 2 and message in err and err.count("\n") == 1, err


def test_script_errors_exit_1_with_the_file_name(tmp_path, capsys, monkeypatch) -> None:
    js = tmp_path / "boom.js"
    js.write_text("function f() {\n  null.x;\n}\nf();\n")
    p = ff("run", js)
    assert p.returncode == 1
    lines = p.stderr.splitlines()
    assert lines[0] == "Uncaught TypeError: Cannot read properties of null (reading 'x')"
    assert lines[1].startswith(f"    at f ({js}:") and "<anonymous>" not in p.stderr
    code, _, err = cli(capsys, monkeypatch, "run", "-", stdin="let x = ;")
    assert code == 1 and err.startswith("[stdin]:1:9: SyntaxError: ") and err.count("SyntaxError") == 1


def test_run_reads_stdin_and_quiet_silences_console(capsys, monkeypatch) -> None:
    assert cli(capsys, monkeypatch, "run", "-", stdin="console.log('from stdin', 1 + 1)") == (0, "from stdin 2\n", "")
    assert cli(capsys, monkeypatch, "run", "--quiet", "-", stdin="console.log('x')") == (0, "", "")


def test_limits_stop_the_script_with_exit_1(capsys, monkeypatch) -> None:
    t0 = time.monotonic()
    code, _, err = cli(capsys, monkeypatch, "run", "--max-time", "0.3", "-", stdin="while (true) {}")
    assert code == 1 and err.startswith("fetchflow: limit exceeded") and time.monotonic() - t0 < 5
    p = ff("run", "--max-heap", "32M", "-", stdin="const a = []; while (true) a.push('x'.repeat(1000) + a.length)")
    assert p.returncode == 1 and "limit exceeded: max_heap_bytes" in p.stderr
    no_traceback(p)


def test_ctrl_c_exits_130_without_traceback(tmp_path) -> None:
    js = tmp_path / "spin.js"
    js.write_text('console.log("running"); let i = 0; while (true) i++;')
    # interrupted once the script runs (a fixed sleep raced start-up on a loaded machine)
    p = subprocess.Popen([sys.executable, "-m", "fetchflow", "run", str(js)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert p.stdout is not None and p.stdout.readline() == "running\n"
    time.sleep(0.2)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=30)
    assert p.returncode == 130 and err == "fetchflow: interrupted\n"


# -- real HTTP --------------------------------------------------------------------------------

def test_run_fetches_non_ascii_urls(server: LocalServer) -> None:
    src = f"const r = await fetch({server.url + '/echo?q=café &x=1'!r}); console.log((await r.json()).target)"
    p = ff("run", "-", stdin=src)
    assert (p.returncode, p.stdout, p.stderr) == (0, "/echo?q=caf%C3%A9%20&x=1\n", "")


def test_run_timeout_and_concurrency_options(server: LocalServer, capsys, monkeypatch) -> None:
    src = f"""try {{ await fetch({server.url + '/item/1?ms=3000'!r}); }}
    catch (e) {{ console.log(e.name, e.message.split(':')[0]); }}"""
    t0 = time.monotonic()
    assert cli(capsys, monkeypatch, "run", "--timeout", "0.3", "-", stdin=src)[1] == "TypeError fetch failed\n"
    assert time.monotonic() - t0 < 2.0
    batch = f"""const ns = await Promise.all([0, 1, 2, 3].map(i =>
        fetch({server.url!r} + '/item/' + i + '?ms=300').then(r => r.json())));
    console.log(ns.map(j => j.n).join())"""
    t0 = time.monotonic()
    one = cli(capsys, monkeypatch, "run", "--max-concurrency", "1", "-", stdin=batch)
    sequential = time.monotonic() - t0
    t0 = time.monotonic()
    default = cli(capsys, monkeypatch, "run", "-", stdin=batch)
    concurrent = time.monotonic() - t0
    assert one == default == (0, "0,1,2,3\n", "")
    assert sequential > 1.2 and concurrent < sequential - 0.6, (sequential, concurrent)   # 4 x 300 ms


def test_run_policy_applies_to_redirects(server: LocalServer, capsys, monkeypatch) -> None:
    port = server.server_address[1]
    to = server.url.replace("127.0.0.1", "localhost") + "/echo"
    src = f"""try {{ await fetch({server.url + '/redirect?to=' + to!r}); console.log('fetched'); }}
    catch (e) {{ console.log(e.name, e.message, e.cause.message); }}"""
    code, out, _ = cli(capsys, monkeypatch, "run", "--allow", f"http://127.0.0.1:{port}/**", "-", stdin=src)
    assert code == 0 and out.startswith("TypeError fetch failed") and "denied by policy" in out
    code, _, err = cli(capsys, monkeypatch, "run", "--allow", f"http://127.0.0.1:{port}/**", "-",
                       stdin=f"await fetch('http://localhost:{port}/echo')")
    assert code == 1 and "denied by policy" in err
