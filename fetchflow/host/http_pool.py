"""Kept-alive HTTP connections for ``HTTPFetcher``, as node's fetch (undici) keeps them.

A connection whose response was read to its end and did not say ``Connection: close`` goes
back to the pool of its key (scheme, host, port, the address the policy check pinned, the
TLS context) and serves the next request to the same place, for up to ``IDLE_SECONDS``
(undici's keepAliveTimeout).  The server may close an idle connection at any moment: a
request that fails on a reused connection before any answer came back is sent again on a
new one — only when its method is idempotent, since the server may have acted on it.
Non-idempotent requests therefore never take a pooled connection.  Process-wide and
thread-safe: a batch's fetches run on several threads.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Dict, List, Optional, Tuple

IDLE_SECONDS = 4.0          # undici's default keepAliveTimeout
MAX_IDLE_PER_KEY = 8
IDEMPOTENT = frozenset(("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"))

_lock = threading.Lock()
_idle: Dict[Tuple, List[Tuple[float, Any]]] = {}


def take(key: Tuple) -> Optional[Any]:
    """A kept-alive connection for ``key`` that has not idled too long, or None."""
    now = time.monotonic()
    stale: list = []
    conn = None
    with _lock:
        conns = _idle.get(key)
        while conns:
            since, c = conns.pop()
            if now - since <= IDLE_SECONDS:
                conn = c
                break
            stale.append(c)
        if conns is not None and not conns:
            del _idle[key]
    for c in stale:
        c.close()
    return conn


def give(key: Tuple, conn: Any) -> None:
    """Keep ``conn`` (its last response read to the end) for the next request to ``key``."""
    with _lock:
        conns = _idle.setdefault(key, [])
        if len(conns) < MAX_IDLE_PER_KEY:
            conns.append((time.monotonic(), conn))
            return
    conn.close()


def clear() -> None:
    """Close every kept-alive connection."""
    with _lock:
        conns = [c for lst in _idle.values() for _, c in lst]
        _idle.clear()
    for c in conns:
        c.close()
