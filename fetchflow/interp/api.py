"""Running a whole script on a fresh realm: the embedding entry points of the machine."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RunResult:
    value: Any                      # completion value as a JS value
    console: list = field(default_factory=list)  # lines printed by console.*


def run(source: str) -> RunResult:
    """Run ``source`` as a script on a new machine to completion."""
    from .machine import Machine
    m = Machine()
    value = m.run_script(source, unhandled_rejections="error")  # node's behaviour
    return RunResult(value, m.console_lines)
