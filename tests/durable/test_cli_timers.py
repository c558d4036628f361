"""The command line (start, worker, runs ...) and real timers held by no process."""
from __future__ import annotations

import json
import subprocess
import sys
import time

from fetchflow.durable import Store


def ff(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fetchflow", *args], capture_output=True, text=True,
                          timeout=60, check=check)


def test_cli_start_worker_show_send_event(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path}/runs.db"
    js = tmp_path / "w.js"
    js.write_text('console.log("waiting"); const e = await waitForEvent("go"); console.log("go", e.n); e.n + 1\n')
    out = ff("start", str(js), "--store", url)
    rid = out.stdout.strip().splitlines()[-1]
    ff("worker", "--store", url, "--until-idle")
    listed = json.loads(ff("runs", "list", "--store", url, "--json").stdout)
    assert [(r["id"], r["status"]) for r in listed] == [(rid, "waiting")]
    assert "waiting for event 'go'" in ff("runs", "show", rid, "--store", url).stdout
    ff("runs", "send-event", rid, "go", '{"n": 41}', "--store", url)
    w = ff("worker", "--store", url, "--until-idle", "--processes", "2")
    assert "completed" in w.stderr  # log lines when not on a terminal
    d = json.loads(ff("runs", "show", rid, "--json", "--store", url).stdout)
    assert {k: d[k] for k in ("id", "status", "console", "result", "error")} == \
        {"id": rid, "status": "completed", "console": ["waiting", "go 41"], "result": 42, "error": None}
    hist = ff("runs", "history", rid, "--store", url).stdout
    assert "<- event 'go' {\"n\": 41}" in hist and "| go 41" in hist
    assert 'await waitForEvent("go")' in ff("runs", "inspect", rid, "--step", "1", "--store", url).stdout
    assert ff("runs", "cancel", rid, "--store", url, check=False).returncode == 1
    bad = tmp_path / "bad.js"
    bad.write_text("let = ;")
    assert ff("start", str(bad), "--store", url, check=False).returncode == 2


def test_cli_cancel(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path}/runs.db"
    js = tmp_path / "w.js"
    js.write_text('await waitForEvent("never")\n')
    rid = ff("start", str(js), "--store", url).stdout.split()[-1]
    assert ff("runs", "cancel", rid, "--store", url).stdout.strip() == f"cancelled {rid}"
    assert json.loads(ff("runs", "show", rid, "--json", "--store", url).stdout)["status"] == "cancelled"


def test_a_sleeping_run_is_held_by_no_process_and_wakes_on_time(store_and_queue: tuple) -> None:
    store_url, queue = store_and_queue
    s = Store(store_url)
    rid = s.start('console.log("a"); await new Promise(r => setTimeout(r, 2000)); console.log("b"); 1')
    t0 = time.time()
    ff("worker", "--store", store_url, "--until-idle", *queue)  # runs step 1, exits: nothing due within 1 s
    d = s.show(rid)
    assert d["status"] == "waiting" and d["lease_owner"] is None and d["wake_at"] is not None
    due = d["wake_at"]
    assert time.time() < due  # the worker is gone while the run sleeps
    time.sleep(max(0.0, due - 0.9 - time.time()))
    ff("worker", "--store", store_url, "--until-idle", *queue)  # due within a second: waits, wakes it
    d = s.show(rid)
    assert d["status"] == "completed" and d["console"] == ["a", "b"]
    woke = s.history(rid)[-1]["started"]
    assert due <= woke < due + 0.5, (woke - due)
    assert due - t0 >= 1.9
