"""Stepping: a host callback between statements, for debugger UIs.

``execute_code(src, on_step=fn)`` (also ``resume_execution``, ``FetchVM``) calls ``fn(event)``
before each statement runs, with a ``StepEvent``; ``breakpoints={line, ...}`` limits the calls
to statements starting on those lines.  The callback runs synchronously, so a UI can block in
it (show the position, wait for "next") and the script waits.  The hook is not part of the
state: pass it again to ``resume_execution`` to keep stepping across a fetch pause.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional
from ..interp.frames import FuncFrame


@dataclass(frozen=True)
class StepEvent:
    line: int          # 1-based line of the statement about to run
    column: int        # 1-based column
    kind: str          # ESTree type of the statement ("ExpressionStatement", ...)
    source_line: str   # the source line
    function: str      # name of the running function ("" at top level)


class FrozenClock:
    """A Date.now() that stays at ``ms`` (pickles with the state)."""
    __slots__ = ("ms",)

    def __init__(self, ms: float) -> None:
        self.ms = float(ms)

    def __call__(self) -> float:
        return self.ms

    def __getstate__(self) -> Any:
        return self.ms


class Stepper:
    """The machine's view of the hook: decides per statement and builds the event."""
    __slots__ = ("fn", "lines")

    def __init__(self, fn: Callable[[StepEvent], Any], lines: Optional[set] = None) -> None:
        self.fn = fn
        self.lines = set(lines) if lines is not None else None

    def wants(self, line: int) -> bool:
        return self.lines is None or line in self.lines

    def fire(self, m: Any, code: Any) -> None:
        node = code.node
        text = code.prog.text.split("\n")
        src = text[node.line - 1] if 0 < node.line <= len(text) else ""
        self.fn(StepEvent(node.line, node.column + 1, node.type, src, _function_name(m)))


def _function_name(m: Any) -> str:
    for f in reversed(m.stack):
        if f.__class__ is FuncFrame:
            fn = f.func
            if fn is None:
                return ""
            n = fn.props.get("name", "")
            return n if type(n) is str else ""
    return ""
