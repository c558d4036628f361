"""Taking a saved state apart and putting it back together, as an attacker would.

``open_state`` decompresses the payload; ``read_stream`` reads its pickles as plain data
(references become ``Ref``); ``write_stream`` and ``seal`` rebuild the bytes with a
recomputed digest (SHA-256 for unsigned states: anyone can do it).  ``fingerprint`` takes
a snapshot of every fetchflow class's attributes and module globals, to show that a load
left nothing behind in the process.
"""
from __future__ import annotations

import hashlib
import hmac
import io
import pickle
import sys
import zlib
from typing import Any, Optional

from fetchflow import state as S


class Ref:
    """A reference (persistent id) read from a state stream."""
    __slots__ = ("pid",)

    def __init__(self, pid: Any) -> None:
        self.pid = pid

    def __repr__(self) -> str:
        return f"Ref{self.pid!r}"


def open_state(state: bytes) -> bytes:
    """The decompressed payload of a state."""
    return zlib.decompress(state[38:])


def seal(raw: bytes, key: Optional[bytes] = None, version: int = S.VERSION) -> bytes:
    """A state around a payload, with a correct digest (a checksum without a key)."""
    payload = zlib.compress(raw, 6)
    digest = (hmac.new(key, payload, hashlib.sha256).digest() if key is not None
              else hashlib.sha256(payload).digest())
    return S.MAGIC + bytes([version, 1 if key is not None else 0]) + digest + payload


class _Reader(pickle.Unpickler):
    def persistent_load(self, pid: Any) -> Any:
        return Ref(pid)

    def find_class(self, module: str, name: str) -> Any:
        raise AssertionError(f"a state names {module}.{name}")


class _Writer(pickle.Pickler):
    def persistent_id(self, obj: Any) -> Any:
        return obj.pid if type(obj) is Ref else None


def read_stream(state: bytes) -> list:
    """Every pickle of a state's stream (header, machine record, records, None)."""
    f = io.BytesIO(open_state(state))
    r = _Reader(f)
    out = []
    while True:
        out.append(r.load())
        if out[-1] is None and len(out) > 2:
            return out


def write_stream(items: list, key: Optional[bytes] = None) -> bytes:
    buf = io.BytesIO()
    w = _Writer(buf, protocol=5)
    for it in items:
        w.dump(it)
    return seal(buf.getvalue(), key)


def refs(obj: Any, out: Optional[list] = None) -> list:
    """Every Ref inside plain data."""
    out = [] if out is None else out
    todo = [obj]
    seen: set = set()
    while todo:
        o = todo.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        if type(o) is Ref:
            out.append(o.pid)
        elif type(o) is dict:
            todo.extend(o.keys())
            todo.extend(o.values())
        elif type(o) in (list, tuple, set, frozenset):
            todo.extend(o)
    return out


# -- fingerprint of the process -------------------------------------------------------------------

_CACHES = {"_PARSE_CACHE", "_ZONES", "_SLOTS_CACHE"}  # filled by honest runs too


def _digest_value(v: Any) -> Any:
    if isinstance(v, (dict, list, set, frozenset, tuple)):
        return (type(v).__name__, id(v), len(v))
    return (type(v).__name__, id(v))


def fingerprint() -> dict:
    """Every attribute of every class defined in a fetchflow module, the module globals that
    are data, and the fields of the objects shared by all machines (well-known symbols,
    sentinels, the natives registry)."""
    from fetchflow.interp.natives import NATIVES
    from fetchflow.interp.realm import import_builtins
    from fetchflow.interp.values import HOLE, MISSING, NULL, TDZ, WELL_KNOWN
    import fetchflow.host.web  # noqa: F401  (what a load imports, registering natives)
    import fetchflow.state_records  # noqa: F401
    import_builtins()
    fp: dict = {}
    for name, mod in list(sys.modules.items()):
        if not name.startswith("fetchflow") or mod is None:
            continue
        for k, v in list(vars(mod).items()):
            if isinstance(v, type) and getattr(v, "__module__", "") == name:
                fp[(name, k)] = {a: _digest_value(x) for a, x in vars(v).items()}
                df = vars(v).get("__dataclass_fields__")
                if df is not None:
                    fp[(name, k, "fields")] = sorted(df)
            elif not callable(v) and not isinstance(v, type(sys)) and k not in _CACHES:
                fp[(name, k)] = _digest_value(v)
    fp["natives"] = {k: tuple(map(id, e)) for k, e in NATIVES.items()}
    fp["well_known"] = {k: (s.description, s.registry_key, s.wk) for k, s in WELL_KNOWN.items()}
    fp["sentinels"] = [(s._name, s._text) for s in (HOLE, MISSING, NULL, TDZ)]
    return fp


def fingerprint_diff(before: dict, after: dict) -> list:
    """What changed or disappeared (modules imported in between only add entries)."""
    return sorted(str(k) for k in before if before[k] != after.get(k))
