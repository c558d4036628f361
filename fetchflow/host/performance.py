"""``performance.now()``/``performance.timeOrigin`` (https://w3c.github.io/hr-time/) and
``crypto.randomUUID()`` (https://w3c.github.io/webcrypto/#Crypto-method-randomUUID).

The clock is the VM's one clock (fetchflow/interp/operations/clock.py), which Date.now() and
the timers read too: it starts at 0 when the script starts, moves with the host's clock while
the script runs, jumps to each timer it runs in virtual time and moves by the length of each
pause on resume.  ``timeOrigin`` is the wall time the script started at, kept in the state.
"""
from __future__ import annotations

import os
from typing import Any

from ..interp.natives import native
from ..interp.operations.clock import time_origin, vm_now
from ..interp.runtime import CTX
from ..interp.values import C, E, W, JSObject
from .platform_object import new_platform_object, tag, this_object

__all__ = ["now_ms", "setup"]


def now_ms(m: Any) -> float:
    """HR-Time 6 the current high resolution time, relative to the time origin."""
    return float(vm_now(m))


_time_origin = time_origin


@native("Performance.prototype.now", 0)
def performance_now(this: Any, args: list) -> Any:
    this_object(this, "Performance")
    return now_ms(CTX.machine)


@native("get Performance.prototype.timeOrigin")
def performance_time_origin(this: Any, args: list) -> Any:
    this_object(this, "Performance")
    return _time_origin(CTX.machine)


@native("Performance.prototype.toJSON", 0)
def performance_to_json(this: Any, args: list) -> Any:
    this_object(this, "Performance")
    o = JSObject(CTX.realm.object_prototype)
    o.put_hidden("timeOrigin", _time_origin(CTX.machine), W | E | C)
    return o


@native("Crypto.prototype.randomUUID", 0)
def crypto_random_uuid(this: Any, args: list) -> Any:
    """WebCrypto 10.1.2 randomUUID(): a version 4 UUID from the OS's randomness."""
    this_object(this, "Crypto")
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def setup(realm: Any) -> None:
    if CTX.machine is not None:
        _time_origin(CTX.machine)      # the script starts now
    pp = JSObject(realm.object_prototype)
    realm.intr["PerformancePrototype"] = pp
    realm.method(pp, "now", "Performance.prototype.now")
    realm.getter(pp, "timeOrigin", "get Performance.prototype.timeOrigin")
    realm.method(pp, "toJSON", "Performance.prototype.toJSON")
    tag(pp, "Performance")
    realm.global_object.put_hidden("performance", new_platform_object(realm, "Performance"), W | E | C)
    cp = JSObject(realm.object_prototype)
    realm.intr["CryptoPrototype"] = cp
    realm.method(cp, "randomUUID", "Crypto.prototype.randomUUID")
    tag(cp, "Crypto")
    realm.global_object.put_hidden("crypto", new_platform_object(realm, "Crypto"), W | E | C)
