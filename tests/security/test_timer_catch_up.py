"""A pause's duration is virtual time that passes at resume.  An interval that fell due many
times during the pause fires once, as node runs an overdue interval once: a 1 ms interval over
a day-long pause used to queue 86 million calls (gigabytes) before the script ran again.
Found by the state fuzzer (a mutated interval over the hours since the reference states were
made).  A state whose clock or timers are not finite numbers is refused: the catch-up would
never end."""
from __future__ import annotations

import time

import pytest

import fetchflow
from fetchflow import FetchResponse, StateError

from .state_tools import read_stream, write_stream

SRC = """
let ticks = 0;
const id = setInterval(() => { ticks++; }, 1);
const r = await fetch('https://api.example.com/slow');
const seen = ticks;
await new Promise(res => setTimeout(res, 5));
clearInterval(id);
console.log(seen, ticks > seen, ticks - seen <= 6, await r.text());
"""


def _paused() -> fetchflow.ExecutionResult:
    r = fetchflow.execute_code(SRC, quiet=True)
    assert r.type == "paused"
    return r


@pytest.mark.parametrize("pause_s", [0.5, 86_400.0, 365 * 86_400.0])
def test_an_overdue_interval_fires_once_after_a_long_pause(pause_s: float) -> None:
    r = _paused()
    req = r.fetch_request
    t0 = time.monotonic()
    done = fetchflow.resume_execution(r.state.to_bytes(), FetchResponse(
        req.id, True, 200, "OK", "ok", timestamp=req.timestamp + pause_s), quiet=True)
    assert time.monotonic() - t0 < 2.0
    # the interval ran once for the pause (after its first tick before the fetch paused)
    assert done.console == ["1 true true ok"]


def _with_timers(edit) -> bytes:  # noqa: ANN001 - a function editing the timers dict
    r = _paused()
    parts = read_stream(r.state.to_bytes())
    edit(parts[1]["host"]["timers"])
    return write_stream(parts)


@pytest.mark.parametrize("edit", [
    lambda t: t.__setitem__("now", float("inf")),
    lambda t: t.__setitem__("now", float("nan")),
    lambda t: t["live"].__setitem__(next(iter(t["live"])), t["live"][next(iter(t["live"]))][:2] + (0.0,)),
    lambda t: t["live"].__setitem__(next(iter(t["live"])), t["live"][next(iter(t["live"]))][:2] + (float("nan"),)),
    lambda t: t["heap"].append((float("-inf"), 1)),
], ids=["now-inf", "now-nan", "every-0", "every-nan", "due-minus-inf"])
def test_a_state_with_a_clock_or_timer_that_is_not_finite_is_refused(edit) -> None:  # noqa: ANN001
    with pytest.raises(StateError):
        fetchflow.resume_execution(_with_timers(edit), [], quiet=True)
