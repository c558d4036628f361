"""The allocation meter, as natives use it (the meter itself is ``Machine.charge``).

A native whose result can outgrow its input (JSON.stringify, join, repeat, split, ...)
charges the bytes it builds, once per call or once per chunk of its loop, never per
element: the machine then checks the time and step limits every CHARGE_EVERY bytes and
probes the heap as the bytes add up (see ``Machine.charge``).  A bulk operation that
builds nothing (a search) counts its ``work`` on the same meter, for the time limit.
Element loops that run JS code (getters) count steps with ``poll`` instead, as the run
loop does.
"""
from __future__ import annotations

from typing import Any

from .runtime import CTX

SMALL = 4096  # results below this many bytes are left to the step count of their caller
CHUNK = 4096  # elements a native's loop handles between two charges
PTR = 8       # bytes per list slot
STR = 56      # bytes of a Python str besides its characters


def charge(nbytes: int) -> None:
    """Count ``nbytes`` built (or as much work done) by a native on the current machine's
    meter; an allocation that alone exceeds max_heap_bytes is refused."""
    m: Any = CTX.machine
    f = getattr(m, "check_allocation", None)  # (unit tests' stand-in machines have no meter)
    if f is not None:
        f(nbytes)


def work(nbytes: int) -> None:
    """Work a native did, in bytes of the data it went over (a search, a sort): counted on
    the meter for the time limit, never refused as an allocation."""
    m: Any = CTX.machine
    f = getattr(m, "charge", None)
    if f is not None:
        f(nbytes)


def poll(n: int) -> None:
    """``n`` elements visited by a native loop that may run JS code (getters): count them
    as steps, so ``String.raw({raw: {length: 2**53-1}})`` meets max_steps and max_time."""
    m: Any = CTX.machine
    f = getattr(m, "poll", None)
    if f is not None:
        f(n)


def bulk(n: int) -> None:
    """A C-speed list operation over ``n`` elements (indexOf, slice, concat, ...): charge
    it when it is large, so a short loop of such calls still meets max_time."""
    if n > SMALL:
        work(n * PTR)


__all__ = ["charge", "work", "poll", "bulk", "SMALL", "CHUNK", "PTR", "STR"]
