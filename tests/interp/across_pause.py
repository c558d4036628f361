"""Run a program across a saved pause: the state-bytes round trip tests of builtin objects."""
from __future__ import annotations

import fetchflow


def across_pause(before: str, after: str) -> list:
    """Run ``before``, pause at a fetch, resume from the state bytes and run ``after``;
    the console lines printed after the resume."""
    r = fetchflow.execute_code(before + '\nawait fetch("https://example.test/");\n' + after,
                               quiet=True)
    resp = fetchflow.FetchResponse(r.fetch_request.id, True, 200, "OK", "")
    return fetchflow.resume_execution(r.state.to_bytes(), resp, quiet=True).console
