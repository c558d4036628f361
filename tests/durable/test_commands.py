"""The ``runs`` subcommands' ``--json`` output: one JSON document each, non-ASCII text as itself."""
from __future__ import annotations

import json

from fetchflow.__main__ import main
from fetchflow.durable import Store, Worker


def test_every_json_output_is_one_document_with_text_as_itself(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path}/runs.db"
    store = Store(url)
    rid = store.start('console.log("héllo ✓"); const e = await waitForEvent("go"); e')
    Worker(store, status_line=False).run(until_idle=True)
    capsys.readouterr()

    def out(*args: str) -> tuple:
        assert main(["runs", *args, "--store", url, "--json"]) == 0
        text = capsys.readouterr().out
        return json.loads(text), text

    listed, _ = out("list")
    assert [(r["id"], r["status"]) for r in listed] == [(rid, "waiting")]
    shown, text = out("show", rid)
    assert shown["console"] == ["héllo ✓"] and "héllo ✓" in text
    hist, text = out("history", rid)
    assert [h["step"] for h in hist] == [0, 1] and "héllo ✓" in text
    rep, text = out("inspect", rid)
    assert isinstance(rep, dict) and text.startswith("{\n  ")   # indented, as before
