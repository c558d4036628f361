"""examples/durable/crawler.js: sleeps between pages, waits for approval, posts the report."""
from __future__ import annotations

from pathlib import Path

from fetchflow.durable import Store, Worker

ROOT = Path(__file__).resolve().parents[2]


def test_crawler_example(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sys
    sys.path.insert(0, str(ROOT))
    try:
        from examples.durable.canned import fetch
    finally:
        sys.path.remove(str(ROOT))
    s = Store(f"sqlite:///{tmp_path}/runs.db")
    rid = s.start((ROOT / "examples/durable/crawler.js").read_text())
    w = Worker(s, fetch, status_line=False)
    w.run(until_idle=True)
    d = s.show(rid)
    assert d["status"] == "waiting" and [e["name"] for e in d["pending_events"]] == ["approval"]
    s.send_event(rid, "approval", {"by": "ada", "ok": True})
    w.run(until_idle=True)
    d = s.show(rid)
    assert d["console"] == ["page 1: 3 items, 2 requests left", "page 2: 2 items, 1 requests left",
                            "5 orders, total 194.74: waiting for approval",
                            "report posted (201), approved by ada"]
    assert d["result"] == {"orders": 5, "total": 194.74, "approved": True}
    sleep = [h for h in s.history(rid) if h["wake_at"]][0]
    assert sleep["wake_at"] - sleep["finished"] > 0.9  # it really slept a second between pages
