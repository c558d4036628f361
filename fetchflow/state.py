"""The paused-VM byte format: a machine pickled flat, checked and signed.

Layout: ``b"FFVM"`` | version (1 byte) | flags (1 byte: 1 = HMAC-SHA256 signed) |
digest (32 bytes: HMAC-SHA256 with the caller's key, else SHA-256) | zlib(payload).

The payload is a stream of pickles sharing one memo: first a header (format facts and
the sources of every program the machine loaded), then the machine's attributes, then
one pickle per JS object.  JS objects are referenced by persistent ids, so a 200,000-long
linked list pickles without recursion; code is referenced by (program key, node index)
and recompiled from the source after loading.  Loading uses an unpickler that admits
only fetchflow's own classes and frame step functions: a tampered state is rejected
before anything in it runs.
"""
from __future__ import annotations

import hashlib
import hmac
import io
import pickle
import zlib
from typing import Any, Optional

from .interp.compiler import Code, LoadedProgram
from .interp.natives import JSNativeFunction
from .interp.values import JSObject

MAGIC = b"FFVM"
VERSION = 1
FLAG_SIGNED = 1
MAX_STATE_BYTES = 1 << 30  # decompressed: a few KB of zlib must not inflate to all of memory


class StateError(ValueError):
    """The bytes are not a valid fetchflow state (corrupt, tampered, wrong key or version)."""


def _digest(payload: bytes, key: Optional[bytes]) -> bytes:
    if key is not None:
        return hmac.new(key, payload, hashlib.sha256).digest()
    return hashlib.sha256(payload).digest()


class _Pickler(pickle.Pickler):
    def __init__(self, f: Any, machine: Any) -> None:
        super().__init__(f, protocol=5)
        self.machine = machine
        self.objects: list = []
        self.index: dict = {}
        self.natives_seen: set = set()  # pristine natives written by name, not in the table

    def persistent_id(self, obj: Any) -> Any:
        t = type(obj)
        if t in _PLAIN:
            return None
        if t is JSNativeFunction and _pristine_native(obj, self.machine):
            # an untouched built-in function: rebuilt from the natives registry on load
            self.natives_seen.add(id(obj))
            return ("N", obj.native_name, obj.props["name"])
        if isinstance(obj, JSObject):
            i = self.index.get(id(obj))
            if i is None:
                i = len(self.objects)
                self.index[id(obj)] = i
                self.objects.append(obj)
            return (i, type(obj))
        if type(obj) is LoadedProgram:
            return ("P", obj.key)
        if obj is self.machine:
            return ("M",)
        return None


_PLAIN = frozenset((str, float, int, bool, tuple, list, dict, type(None), bytes))


def _pristine_native(f: Any, m: Any) -> bool:
    """A native function object exactly as Realm.native() made it (so it can be rebuilt)."""
    from .interp.natives import NATIVES
    from .interp.values import C
    if f.data is not None or not f.extensible or f.proto is not m.realm.function_prototype:
        return False
    props = f.props
    if len(props) != 2 or f.flags != {"length": C, "name": C}:
        return False
    length = props.get("length")
    entry = NATIVES.get(f.native_name)
    return entry is not None and length == float(entry[1]) and type(props.get("name")) is str


_MACHINE_FIELDS = ("realm", "stack", "rv", "jobs", "console_lines", "global_lex", "global_const",
                   "completion", "depth", "max_call_depth", "nested", "script_this",
                   "pending_rejections", "steps", "host", "limits", "elapsed")


def dump_machine(m: Any, key: Optional[bytes] = None) -> bytes:
    """Serialize a machine that is idle (empty stack and job queue)."""
    if m.stack or m.jobs:
        raise RuntimeError("only an idle machine (empty stack and job queue) can be saved")
    buf = io.BytesIO()
    p = _Pickler(buf, m)
    from . import __version__
    header = {"version": VERSION, "fetchflow": __version__,
              "programs": [pr.header() for pr in m.programs.values()]}
    p.dump(header)
    p.dump({k: getattr(m, k, None) for k in _MACHINE_FIELDS})
    k = 0
    while k < len(p.objects):
        obj = p.objects[k]
        p.dump(obj.__getstate__())
        k += 1
    p.dump(None)
    payload = zlib.compress(buf.getvalue(), 6)
    flags = FLAG_SIGNED if key is not None else 0
    return MAGIC + bytes([VERSION, flags]) + _digest(payload, key) + payload


_ALLOWED_BUILTINS = {("collections", "deque"), ("builtins", "set"), ("builtins", "frozenset"),
                     ("builtins", "complex")}


class _Unpickler(pickle.Unpickler):
    def __init__(self, f: Any, machine: Any, programs: dict) -> None:
        super().__init__(f)
        self.machine = machine
        self.programs = programs
        self.table: dict = {}
        self.natives: dict = {}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED_BUILTINS:
            return super().find_class(module, name)
        if not module.startswith("fetchflow.") or "." in name:
            raise StateError(f"state refers to a forbidden global {module}.{name}")
        obj = super().find_class(module, name)
        if isinstance(obj, type):
            # only classes fetchflow defines: a module's imports (typing.Any, decimal.Decimal,
            # the module type via __class__) are reachable by name too
            if (getattr(obj, "__module__", None) or "").startswith("fetchflow."):
                return obj
            raise StateError(f"state refers to a forbidden global {module}.{name}")
        if module == "fetchflow.interp.values" and name in ("TDZ", "MISSING", "NULL", "HOLE"):
            return obj
        if callable(obj) and (name.startswith("step_") or name in ("_code_ref", "well_known")):
            return obj
        raise StateError(f"state refers to a forbidden global {module}.{name}")

    def persistent_load(self, pid: Any) -> Any:
        if type(pid) is tuple and len(pid) == 2 and type(pid[0]) is int:
            i, cls = pid
            o = self.table.get(i)
            if o is None:
                if not (isinstance(cls, type) and issubclass(cls, JSObject)):
                    raise StateError("bad object reference in state")
                o = cls.__new__(cls)
                self.table[i] = o
            return o
        if type(pid) is tuple and len(pid) == 3 and pid[0] == "N":
            key = (pid[1], pid[2])
            f = self.natives.get(key)
            if f is None:
                f = _rebuild_native(pid[1], pid[2])
                self.natives[key] = f
            return f
        if pid == ("M",):
            return self.machine
        if type(pid) is tuple and len(pid) == 2 and pid[0] == "P":
            prog = self.programs.get(pid[1])
            if prog is None:
                raise StateError("state refers to an unknown program")
            return prog
        raise StateError("bad persistent reference in state")


def _rebuild_native(name: Any, display: Any) -> Any:
    from .interp.natives import NATIVES
    from .interp.values import C
    if type(name) is not str or type(display) is not str or name not in NATIVES:
        raise StateError(f"state refers to an unknown native {name!r}")
    f = JSNativeFunction.__new__(JSNativeFunction)
    JSObject.__init__(f, None, "Function")
    f.native_name = name
    f.data = None
    f._bind()
    f.props = {"length": float(NATIVES[name][1]), "name": display}
    f.flags = {"length": C, "name": C}
    return f


def load_machine(data: bytes, key: Optional[bytes] = None, stepper: Any = None) -> Any:
    """Rebuild a machine from ``dump_machine`` bytes (raises StateError when invalid).
    ``stepper`` (a host step hook) is attached before the code is compiled."""
    from .interp.machine import Machine
    from . import host as _host  # noqa: F401  (registers host natives before objects load)
    from .host import web as _web  # noqa: F401
    from .interp.realm import import_builtins
    import_builtins()
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"state must be bytes, not {type(data).__name__}")
    data = bytes(data)
    if len(data) < 38 or data[:4] != MAGIC:
        raise StateError("not a fetchflow state (bad magic)")
    version, flags = data[4], data[5]
    if version != VERSION:
        raise StateError(f"unsupported state version {version}")
    digest, payload = data[6:38], data[38:]
    if flags & FLAG_SIGNED:
        if key is None:
            raise StateError("state is signed: a key is required to load it")
        if not hmac.compare_digest(digest, _digest(payload, key)):
            raise StateError("state signature mismatch (tampered or wrong key)")
    else:
        if key is not None:
            raise StateError("state is not signed but a key was given")
        if not hmac.compare_digest(digest, _digest(payload, None)):
            raise StateError("state checksum mismatch (corrupt or tampered)")
    try:
        d = zlib.decompressobj()
        raw = d.decompress(payload, MAX_STATE_BYTES)
        if d.unconsumed_tail:
            raise StateError(f"state payload inflates past {MAX_STATE_BYTES} bytes")
        if not d.eof:
            raise StateError("state payload is truncated")
    except zlib.error as e:
        raise StateError(f"state payload is corrupt: {e}") from None
    m = Machine.__new__(Machine)
    f = io.BytesIO(raw)
    try:
        header = _read_header(f)
        programs = {}
        for h in header["programs"]:
            if not (isinstance(h, tuple) and len(h) == 5 and isinstance(h[2], str)):
                raise StateError("bad program record in state")
            prog = LoadedProgram.restore(m, h)
            programs[prog.key] = prog
        f.seek(0)
        u = _Unpickler(f, m, programs)
        u.load()  # the header again, now through the restricted unpickler
        fields = u.load()
        if not isinstance(fields, dict):
            raise StateError("bad machine record in state")
        k = 0
        while True:
            st = u.load()
            if st is None:
                break
            obj = u.table.get(k)
            if obj is None:
                raise StateError("state object table is inconsistent")
            obj.__setstate__(st)
            k += 1
    except StateError:
        raise
    except Exception as e:
        raise StateError(f"state could not be decoded: {type(e).__name__}: {e}") from None
    for k, v in fields.items():
        setattr(m, k, v)
    fp = m.realm.function_prototype
    for f in u.natives.values():
        f.proto = fp
    m.programs = programs
    m.stepper = stepper
    m.after_load()
    return m


def _read_header(f: Any) -> dict:
    """Read the first pickle (plain data only) to learn the programs before the rest."""
    class _HeaderUnpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            raise StateError("state header contains objects")
    h = _HeaderUnpickler(f).load()
    if not isinstance(h, dict) or h.get("version") != VERSION or not isinstance(h.get("programs"), list):
        raise StateError("bad state header")
    return h


_ = Code
