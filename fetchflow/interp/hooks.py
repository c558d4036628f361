"""Calls from the machine up into the host environment.

The machine layer imports nothing above it; what only the host knows (how a fetch response
becomes a JS Response, how an event reaches its waiter) is installed here by
``fetchflow.host.environment`` when it is imported.  The hooks are plain module functions,
shared by every machine in the process and never saved in a state.
"""
from __future__ import annotations

from typing import Any, Callable, Optional


class HostHooks:
    __slots__ = ("answer_fetches", "deliver_events")

    def __init__(self) -> None:
        # answer_fetches(machine, responses): check every response, then settle their fetches
        self.answer_fetches: Optional[Callable[[Any, list], None]] = None
        # deliver_events(machine, [(name, payload), ...]): resolve waiters, keep the rest
        self.deliver_events: Optional[Callable[[Any, Any], None]] = None


HOOKS = HostHooks()
