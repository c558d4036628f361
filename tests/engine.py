"""Running a script in a test the way every run goes: ``create_machine``, ``start``,
``run_until_blocked`` (fetchflow/interp/outcome.py), with the JS values at hand.

``run(src)`` returns the completion value (a JS value) and the console lines; an uncaught
error or a rejection nobody handled raises ``JSThrow`` carrying the console lines, as node
ends on them.  A script that waits for the host (a fetch) is reported as an AssertionError:
tests that pause use the public API.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from fetchflow.host.environment import MachineOptions, create_machine
from fetchflow.interp.machine import Machine
from fetchflow.interp.values import JSThrow


@dataclass
class RunResult:
    value: Any                      # completion value as a JS value
    console: list = field(default_factory=list)  # lines printed by console.*
    machine: Optional[Machine] = None


def run_on(m: Machine, source: str, unhandled: str = "error") -> RunResult:
    """Run ``source`` on ``m`` to completion (``unhandled="ignore"``: a rejection nobody
    handled is not an error, as the spec's host hook allows)."""
    m.console_lines = []
    m.start(source)
    out = m.run_until_blocked()
    if out.threw or (out.unhandled and unhandled == "error"):
        e = JSThrow(out.value if out.threw else out.unhandled[0])
        e.console = list(m.console_lines)  # type: ignore[attr-defined]
        raise e
    if out.blocked:
        raise AssertionError("the script waits for the host (a fetch, an event or a timer)")
    return RunResult(out.value, list(m.console_lines), m)


def run(source: str, options: Optional[MachineOptions] = None) -> RunResult:
    """Run ``source`` on a new machine (see the module docstring)."""
    return run_on(create_machine(options), source)
