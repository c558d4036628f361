"""What the host keeps about a machine, travelling with it in every state: pending fetches,
counters, timers, waits for events, the fetch policy and the retained console."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Optional


@dataclass(slots=True)
class HostState:
    seq: int = 0                     # last request number handed out (ids are "req_<seq>")
    pending: dict = field(default_factory=dict)   # request id -> (request dict, its promise)
    pauses: int = 0
    fetches: int = 0
    builtin_globals: set = field(default_factory=set)   # globals the realm was born with
    meta: Optional[dict] = None      # {"id", "code", "timestamp"} of the last pause
    console_all: list = field(default_factory=list)     # the latest console lines (inspection)
    console_dropped: int = 0
    script_promise: Any = None       # the promise of the script being run (a JSPromise)
    policy: Optional[dict] = None    # FetchPolicy.to_data(), checked by fetch()
    timers: Optional[dict] = None    # {"heap", "seq", "now", "live"}: see builtins/timers.py
    real_time: bool = False          # timers run on the wall clock (the VM pauses until due)
    cancelled: list = field(default_factory=list)       # aborted request ids (answers ignored)
    cancelled_new: list = field(default_factory=list)   # aborted during the current step
    events: dict = field(default_factory=dict)          # wait id -> wait (host/events.py)
    event_inbox: list = field(default_factory=list)     # [[name, payload JSON]] not yet awaited
    event_seq: int = 0
    time_origin: Optional[float] = None  # performance.timeOrigin, ms since the epoch
    filename: Optional[str] = None   # the script's file name in stack traces

    def to_data(self) -> dict:
        """The saved form: the fields that differ from a fresh HostState (the first four
        always), as the dict that state format 2 has always stored."""
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name in _ALWAYS or v != _DEFAULTS[f.name]:
                out[f.name] = v
        return out

    @classmethod
    def from_data(cls, data: dict) -> "HostState":
        """The inverse of ``to_data`` (``data`` already checked by state_records)."""
        h = cls()
        for k, v in data.items():
            setattr(h, k, v)
        return h


_ALWAYS = ("seq", "pending", "pauses", "fetches")
_DEFAULTS = {f.name: getattr(HostState(), f.name) for f in fields(HostState)}
FIELD_NAMES = frozenset(_DEFAULTS)
