"""Resource limits of a run (steps, time, call depth, heap, fetches) and their exception."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .errors import FetchflowError


class LimitExceeded(FetchflowError):
    """A run exceeded one of its limits; ``limit`` names it (e.g. ``"max_time"``)."""

    def __init__(self, limit: str, detail: str = "") -> None:
        super().__init__(f"limit exceeded: {limit}" + (f" ({detail})" if detail else ""))
        self.limit = limit


@dataclass
class Limits:
    """Per-run limits, carried inside the paused state (a resume can only tighten them).

    ``max_steps`` counts function calls, loop iterations and the elements that natives
    visit one by one; ``max_time`` is wall time per execute/resume call and
    ``max_total_time`` over the whole run; ``max_heap_bytes`` is approximate: the process's
    memory growth during the call (the larger of resident-set and malloc'd-bytes growth),
    checked every 1024 steps and whenever natives have built a quarter of the limit
    (``Machine.charge``), and a single allocation over the limit is refused before it is
    made.  Time is checked every 256 KiB that natives build, too.
    """
    max_steps: Optional[int] = None
    max_time: Optional[float] = None
    max_total_time: Optional[float] = None
    max_call_depth: int = 120000
    max_heap_bytes: Optional[int] = 1 << 30
    max_fetches: Optional[int] = None
    max_request_bytes: Optional[int] = None
    max_response_bytes: Optional[int] = None

    def tightened(self, other: Optional["Limits"]) -> "Limits":
        """The stricter of two limit sets, field by field."""
        if other is None:
            return self
        out = Limits()
        for name in self.__dataclass_fields__:
            a, b = getattr(self, name), getattr(other, name)
            setattr(out, name, a if b is None else b if a is None else min(a, b))
        return out


def resident_bytes() -> int:
    """The process's resident set size (Linux /proc; 0 where unavailable)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


try:
    import os as _os
    _PAGE = _os.sysconf("SC_PAGE_SIZE")
except (ValueError, OSError, AttributeError):  # pragma: no cover
    _PAGE = 4096


def malloc_in_use() -> int:
    """Bytes malloc has handed out and not had back (glibc's mallinfo2; 0 elsewhere).

    Memory a process freed but kept (the allocator's free lists) does not show as resident
    growth when it is used again; it does show here.  The heap limit takes the larger of
    the two growths."""
    f = _mallinfo2()
    if f is None:
        return 0
    m = f()
    return m.uordblks + m.hblkhd


_MALLINFO: list = []


def _mallinfo2():  # type: ignore[no-untyped-def]
    if not _MALLINFO:
        try:
            import ctypes

            class _MallInfo2(ctypes.Structure):
                _fields_ = [(n, ctypes.c_size_t) for n in (
                    "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                    "uordblks", "fordblks", "keepcost")]
            fn = ctypes.CDLL(None).mallinfo2
            fn.restype = _MallInfo2
            fn.argtypes = []
            _MALLINFO.append(fn)
        except (OSError, AttributeError, ImportError):  # not glibc >= 2.33
            _MALLINFO.append(None)
    return _MALLINFO[0]
