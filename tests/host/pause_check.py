"""Pause transparency: a program paused at a fetch (``PAUSE``) and resumed from its state
bytes prints what the same program prints when nothing pauses it."""
from __future__ import annotations

import fetchflow
from fetchflow import FetchResponse


def assert_pause_transparent(src: str) -> list:
    """Run ``src`` with ``PAUSE`` as ``await null`` and as an awaited fetch resumed from
    bytes (twice: a state resumes the same way every time); the outputs must be equal.
    Returns the console lines."""
    plain = fetchflow.execute_code(src.replace("PAUSE", "await null;"), quiet=True)
    assert plain.type == "completed"
    r = fetchflow.execute_code(src.replace("PAUSE", 'await fetch("https://pause.test/");'), quiet=True)
    assert r.type == "paused"
    blob = r.state.to_bytes()
    for _ in range(2):
        out = fetchflow.resume_execution(blob, FetchResponse(r.fetch_request.id, True, 200, "OK", ""), quiet=True)
        assert out.type == "completed"
        assert r.console + out.console == plain.console
    return plain.console
