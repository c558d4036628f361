"""The current machine and realm, for code that has no frame to ask (closures, natives)."""
from __future__ import annotations

import threading
from typing import Any


class _Context(threading.local):
    """Per-thread: each thread of control runs its own machine (``Machine.enter``/``leave``).

    Machines run synchronously between ``enter`` and ``leave``, never across an ``await`` of
    the host, so a thread-local is enough for asyncio too: overlapping ``arun`` calls each
    run their steps in an executor thread, one step at a time per thread."""

    def __init__(self) -> None:
        self.machine: Any = None
        self.realm: Any = None


CTX = _Context()
