"""Resource limits of a run (steps, time, call depth, heap, fetches) and their exception."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


class LimitExceeded(Exception):
    """A run exceeded one of its limits; ``limit`` names it (e.g. ``"max_time"``)."""

    def __init__(self, limit: str, detail: str = "") -> None:
        super().__init__(f"limit exceeded: {limit}" + (f" ({detail})" if detail else ""))
        self.limit = limit


@dataclass
class Limits:
    max_steps: Optional[int] = None
    max_time: Optional[float] = None
    max_call_depth: int = 120000
    max_heap_bytes: Optional[int] = None
    max_fetches: Optional[int] = None
    max_request_bytes: Optional[int] = None
    max_response_bytes: Optional[int] = None
