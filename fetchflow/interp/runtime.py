"""The current machine and realm, for code that has no frame to ask (closures, natives)."""
from __future__ import annotations

from typing import Any


class _Context:
    __slots__ = ("machine", "realm")

    def __init__(self) -> None:
        self.machine: Any = None
        self.realm: Any = None


# One interpreter runs at a time per thread of control; the machine sets this on entry.
CTX = _Context()
