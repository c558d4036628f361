"""The paused-VM byte format: a machine saved flat, checked and signed.

Layout: ``b"FFVM"`` | format version (1 byte) | flags (1 byte: 1 = HMAC-SHA256 signed) |
digest (32 bytes: HMAC-SHA256 with the caller's key, else SHA-256) | zlib(payload).

The payload is a stream of pickles sharing one memo, holding plain data only (str, float,
int, bool, None, bytes, bytearray, tuple, list, dict, set) and *references*:

* ``(i, "Array")``: entry i of the state's object table, a record of that registry name;
* ``("N", name, display)``: a built-in function, rebuilt from the natives registry;
* ``("C", program key, node index)``: compiled code, recompiled from the program source;
* ``("W", name)`` a well-known symbol, ``("V", name)`` an internal sentinel;
* format 3: ``("I", path)``: a built-in object the script left untouched, named by its path
  in the realm (interp/realm_snapshot.py: ``"ArrayPrototype/.push"``), bound on load to the
  same object of a realm made afresh (``create_machine``);
* format 3: ``(i, "Array", path)``: a built-in object the script changed: entry i of the
  table, whose record is applied in place onto the fresh realm's object of that path (so
  ``Array.prototype.push === saved`` stays true); the realm itself is ``(i, "RealmState",
  "realm")``, its own state only.

A realm made without a snapshot (a Machine built outside ``create_machine``) and every
format-2 state save the whole realm as records; format 3 loads both.

Saving a state also keeps its script's parse in the private per-user cache
(grammar/ast_cache.py), so that a fresh process resuming it need not start the parser; the
state itself does not depend on that cache.

The stream is: a header (format facts and the sources of every program the machine
loaded), the machine record, then the fields of each table entry in order, then None.
(Format 3: entry 0 is the realm's state, whose last field lists the changed built-ins.)
The loader resolves no Python global at all (every ``find_class`` is refused), builds
table entries empty, and sets their fields only after the whole stream is read, each
field checked against ``state_records`` (which names records, frame steps and fields:
the state names no module or class).  A tampered state is rejected before anything in it
runs, and a failed load leaves nothing behind in the process.
"""
from __future__ import annotations

import hashlib
import hmac
import io
import pickle
import zlib
from collections import deque
from typing import Any, Optional

from . import state_records as R
from .errors import FetchflowError
from .version import __version__
from .interp.compiler import PROGRAM_KINDS, Code, LoadedProgram, _code_ref
from .interp.machine import DEFAULT_MAX_CALL_DEPTH, Machine
from .interp.natives import NATIVES, JSNativeFunction
from .interp.values import C, JSSymbol, _Null, _Sentinel
from .host import environment as _environment  # noqa: F401  (host natives and hooks before a load)
from .interp.realm import import_builtins
from .interp.realm_snapshot import REALM_PATH
from .grammar import ast_cache

MAGIC = b"FFVM"
VERSION = 3
READS = (2, 3)   # format 2: the whole realm as records (loaded as before)
FLAG_SIGNED = 1
MAX_STATE_BYTES = 1 << 30  # decompressed: a few KB of zlib must not inflate to all of memory


class StateError(FetchflowError, ValueError):
    """The bytes are not a valid fetchflow state (corrupt, tampered, wrong key or version)."""


def check_key(key: Optional[bytes]) -> Optional[bytes]:
    """A signing key: None (unsigned states) or non-empty bytes."""
    if key is None:
        return None
    if not isinstance(key, (bytes, bytearray)):
        raise TypeError(f"a state key must be bytes, not {type(key).__name__}")
    if not key:
        raise ValueError("a state key must not be empty (an empty HMAC key signs nothing)")
    return bytes(key)


def read_key_file(path: str) -> bytes:
    """The signing key stored in a file (one trailing newline dropped); ``ValueError`` naming
    the file when it cannot be read or is empty (an empty HMAC key signs nothing)."""
    try:
        with open(path, "rb") as f:
            key = f.read().rstrip(b"\r\n")
    except OSError as e:
        raise ValueError(f"cannot read key file {path}: {e.strerror}") from None
    if not key:
        raise ValueError(f"key file {path} is empty: a signing key must not be empty")
    return key


def _digest(payload: bytes, key: Optional[bytes]) -> bytes:
    if key is not None:
        return hmac.new(key, payload, hashlib.sha256).digest()
    return hashlib.sha256(payload).digest()


_PLAIN = frozenset((str, float, int, bool, tuple, list, dict, set, frozenset, type(None), bytes,
                    bytearray))
_SENTINEL_IDS = {id(v): ("V", k) for k, v in R.SENTINELS.items()}
# types persistent_id handles before the record table (each needs a look at the object)
_SPECIAL = frozenset((JSSymbol, Code, _Sentinel, _Null))
_NATIVE_FLAGS = {"length": C, "name": C}
_REALM_STATE = R.RECORDS["RealmState"]
# zlib level: 3 compresses a typical state ~6% larger than level 6 in a quarter of the time
# (the format does not depend on it: any level inflates alike)
ZLIB_LEVEL = 3


class _Pickler(pickle.Pickler):
    """Writes the payload stream.  ``persistent_id`` runs for every object pickled (7,800
    times for the README example: mostly property names and attribute ints), so it is a
    closure over locals, set on the instance before the C pickler looks it up."""

    def __init__(self, f: Any, machine: Any) -> None:
        self.machine = machine
        self.objects: list = []   # the object table: (record, object)
        self.pids: dict = {}      # id(object) -> its reference (one tuple: the memo shares it)
        self.persistent_id = _persistent_id(self.objects, self.pids, machine.realm)
        self.patches = len(self.objects)   # entries 1 .. patches-1 are the changed built-ins
        super().__init__(f, protocol=5)

    def reducer_override(self, obj: Any) -> Any:
        # persistent_id took every object a state may hold; nothing is saved by reduction
        raise TypeError(f"a {type(obj).__name__} cannot be saved in a state")


def _persistent_id(objects: list, pids: dict, realm: Any) -> Any:
    plain, special, by_class, lengths = _PLAIN, _SPECIAL, R.BY_CLASS, _NATIVE_LENGTHS
    seen = pids.get
    nflags = _NATIVE_FLAGS
    fproto = realm.function_prototype
    snap = getattr(realm, "snapshot", None)
    if snap is not None:
        # the realm is made afresh on load: only its own state is saved, and every built-in
        # the script changed (reachable or not: the fresh realm has it too), as a patch
        pids[id(realm)] = (0, "RealmState", REALM_PATH)
        objects.append((_REALM_STATE, realm))
        for i in snap.changed():
            obj, path = snap.objects[i], snap.path(i)
            rec = by_class.get(type(obj))
            if path is not None and rec is not None:
                pids[id(obj)] = (len(objects), rec.name, path)
                objects.append((rec, obj))
    intrinsic = snap.index.get if snap is not None else {}.get

    def persistent_id(obj: Any) -> Any:
        t = type(obj)
        if t in plain:
            return None
        pid = seen(id(obj))
        if pid is not None:
            return pid
        i = intrinsic(id(obj))
        if i is not None and snap.path(i) is not None:
            pid = ("I", snap.path(i))   # an untouched built-in (the changed ones are in pids)
        elif t is JSNativeFunction:
            # an untouched built-in function (as Realm.native made it: _pristine, inline
            # because a state refers to hundreds) is rebuilt from the natives registry on load
            if obj.data is None and obj.proto is fproto and obj.extensible and obj.flags == nflags:
                props = obj.props
                name = props.get("name")
                if len(props) == 2 and type(name) is str:
                    length = lengths.get(obj.native_name)
                    if length is None:
                        length = _native_length(obj.native_name)
                    v = props.get("length")
                    if v == length and type(v) is float:   # True == 1.0: a redefined length is no float
                        pid = ("N", obj.native_name, name)
        elif t in special:
            pid = _special_pid(obj, t)
        if pid is None:
            rec = by_class.get(t)
            if rec is None:
                raise TypeError(f"a {t.__module__}.{t.__qualname__} cannot be saved in a state "
                                "(register it in fetchflow/state_records.py)")
            pid = (len(objects), rec.name)
            objects.append((rec, obj))
        pids[id(obj)] = pid
        return pid
    return persistent_id


_NATIVE_LENGTHS: dict = {}   # native name -> its "length" as a float (registrations never change)


def _native_length(name: Any) -> Any:
    entry = NATIVES.get(name)
    if entry is None:
        return None   # unknown: never pristine
    length = _NATIVE_LENGTHS[name] = float(entry[1])
    return length


def _special_pid(obj: Any, t: type) -> Any:
    """The by-name reference of a well-known symbol, code or a sentinel (None: save it as
    a record)."""
    if t is JSSymbol:
        return ("W", obj.wk) if obj.wk is not None else None
    if t is Code:
        return ("C", obj.prog.key, obj.prog.index_of(obj.node))
    return _SENTINEL_IDS[id(obj)]


def _pristine_native(f: Any, m: Any) -> bool:
    """A native function object exactly as Realm.native() made it (so it can be rebuilt)."""
    if f.data is not None or f.proto is not m.realm.function_prototype or not f.extensible \
            or f.flags != _NATIVE_FLAGS:
        return False
    props = f.props
    v = props.get("length")
    return len(props) == 2 and type(v) is float and v == _native_length(f.native_name) \
        and type(props.get("name")) is str


def dump_machine(m: Any, key: Optional[bytes] = None) -> bytes:
    """Serialize a machine that is idle (empty stack and job queue)."""
    key = check_key(key)
    if m.stack or m.jobs:
        raise RuntimeError("only an idle machine (empty stack and job queue) can be saved")
    buf = io.BytesIO()
    p = _Pickler(buf, m)
    header = {"version": VERSION, "fetchflow": __version__,
              "programs": [pr.header() for pr in m.programs.values()]}
    p.dump(header)
    p.dump(R.machine_fields(m))
    objects = p.objects
    k = 0
    while k < len(objects):   # the table grows while its entries are written
        rec, obj = objects[k]
        st = rec.save(obj)
        if k == 0 and rec is _REALM_STATE:
            # the changed built-ins: a patch no other record refers to must still be read
            st = st[:-1] + ([o for _r, o in objects[1:p.patches]],)
        p.dump(st)
        k += 1
    p.dump(None)
    for prog in m.programs.values():
        if prog.kind == "script":
            # a state is resumed, often in a fresh process: keep its parse on disk (once)
            ast_cache.store(prog.text, prog.ast)
    payload = zlib.compress(buf.getvalue(), ZLIB_LEVEL)
    flags = FLAG_SIGNED if key is not None else 0
    return MAGIC + bytes([VERSION, flags]) + _digest(payload, key) + payload


def _record_type(tag: int, name: Any) -> Any:
    """The records-registry entry a state's object ``tag`` names by ``name``; a
    StateError for a name the registry does not have (or a negative tag)."""
    rec = R.RECORDS.get(name) if type(name) is str else None
    if rec is None or tag < 0:
        raise StateError(f"state refers to an unknown record type {name!r}")
    return rec


class _Unpickler(pickle.Unpickler):
    """Plain data and references only: no global is ever resolved."""

    def __init__(self, f: Any) -> None:
        super().__init__(f)
        self.programs: Optional[dict] = None   # None while reading the header
        self.version = VERSION
        self.table: dict = {}                  # i -> (record, empty object)
        self.natives: dict = {}                # (name, display) -> function
        self.patched: set = set()              # table entries that are objects of the fresh realm
        self.patched_ids: set = set()          # and the ids of those objects
        self.fresh: Any = None                 # format 3: the realm made for this load
        self.named: Optional[dict] = None      # its objects by path
        self.born: Any = None                  # the globals it was born with

    def intrinsic(self, path: Any) -> Any:
        """The fresh realm's object (or the realm itself) of a path named in the state."""
        if self.version < 3 or type(path) is not str:
            raise StateError(f"bad reference to a built-in object: {path!r}")
        if self.fresh is None:
            made = _environment.create_machine()
            self.fresh = made.realm
            self.born = made.host.builtin_globals
            self.named = self.fresh.snapshot.by_path()
        if path == REALM_PATH:
            return self.fresh
        obj = self.named.get(path)
        if obj is None:
            raise StateError(f"state refers to an unknown built-in object {path!r}")
        return obj

    def find_class(self, module: str, name: str) -> Any:
        raise StateError(f"state refers to the Python global {module}.{name}: a state names no "
                         "Python objects")

    def persistent_load(self, pid: Any) -> Any:
        if self.programs is None:
            raise StateError("state header contains objects")
        if type(pid) is not tuple or not pid:
            raise StateError("bad reference in state")
        tag = pid[0]
        if type(tag) is int and len(pid) == 3:
            # a changed built-in: its record is applied onto the fresh realm's object
            entry = self.table.get(tag)
            if entry is None:
                rec = _record_type(tag, pid[1])
                obj = self.intrinsic(pid[2])
                if type(obj) is not rec.cls or id(obj) in self.patched_ids \
                        or (obj is self.fresh) != (rec.name == "RealmState"):
                    raise StateError(f"state patches the built-in {pid[2]!r} as a {rec.name}")
                entry = self.table[tag] = (rec, obj)
                self.patched.add(tag)
                self.patched_ids.add(id(obj))
            elif tag not in self.patched or entry[0].name != pid[1] or self.intrinsic(pid[2]) is not entry[1]:
                raise StateError(f"state object {tag} is referenced as two different objects")
            return entry[1]
        if tag == "I" and len(pid) == 2:
            if pid[1] == REALM_PATH:   # the realm is no value: only its patch names it
                raise StateError("state refers to the realm as a value")
            return self.intrinsic(pid[1])
        if type(tag) is int and len(pid) == 2:
            entry = self.table.get(tag)
            if entry is None:
                rec = _record_type(tag, pid[1])
                entry = self.table[tag] = (rec, rec.cls.__new__(rec.cls))
            elif entry[0].name != pid[1] or tag in self.patched:
                raise StateError(f"state object {tag} is referenced as {entry[0].name} and {pid[1]!r}")
            return entry[1]
        if tag == "C" and len(pid) == 3:
            prog = self.programs.get(pid[1]) if type(pid[1]) is str else None
            if prog is None:
                raise StateError("state refers to an unknown program")
            i = pid[2]
            if type(i) is not int or not 0 <= i < len(prog.nodes):
                raise StateError("state refers to code outside its program")
            return _code_ref(prog, i)
        if tag == "N" and len(pid) == 3:
            key = (pid[1], pid[2])
            f = self.natives.get(key)
            if f is None:
                if type(pid[1]) is not str or type(pid[2]) is not str or pid[1] not in NATIVES:
                    raise StateError(f"state refers to an unknown native {pid[1]!r}")
                f = self.natives[key] = JSNativeFunction.__new__(JSNativeFunction)
            return f
        if tag == "W" and len(pid) == 2:
            return R.well_known(pid[1])
        if tag == "V" and len(pid) == 2:
            v = R.SENTINELS.get(pid[1]) if type(pid[1]) is str else None
            if v is None:
                raise StateError(f"state refers to an unknown value {pid[1]!r}")
            return v
        raise StateError(f"bad reference in state: {pid[:3]!r}")


def _build_native(f: JSNativeFunction, name: str, display: str, proto: Any) -> None:
    """Set every field of a pristine built-in function (as Realm.native makes it)."""
    # the slots JSObject.__init__ and JSNativeFunction._bind set, inline: a state holds
    # hundreds of these and they are rebuilt on every load
    fn, length, ctor, callee, gen = NATIVES[name]
    f.proto = proto
    f.props = {"length": float(length), "name": display}
    f.flags = {"length": C, "name": C}
    f.extensible = True
    f.cls = "Function"
    f.native_name = name
    f.data = None
    f.fn = fn
    f.ctor = ctor
    f.pass_callee = callee
    f.gen = gen
    f.plain = None if ctor or callee or gen else fn


def _unsigned(data: Any, key: Optional[bytes]) -> bytes:
    """Check magic, version and digest; return the decompressed payload."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"state must be bytes, not {type(data).__name__}")
    data = bytes(data)
    if len(data) < 38 or data[:4] != MAGIC:
        raise StateError("not a fetchflow state (bad magic)")
    version, flags = data[4], data[5]
    if version not in READS:
        raise StateError(f"state format version {version}, this fetchflow reads versions "
                         f"{', '.join(map(str, READS))}")
    digest, payload = data[6:38], data[38:]
    if flags & ~FLAG_SIGNED:
        raise StateError(f"unknown state flags {flags:#x}")
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
        if not d.eof or d.unused_data:
            raise StateError("state payload is truncated or has trailing data")
    except zlib.error as e:
        raise StateError(f"state payload is corrupt: {e}") from None
    return raw


def load_machine(data: bytes, key: Optional[bytes] = None, stepper: Any = None) -> Any:
    """Rebuild a machine from ``dump_machine`` bytes (raises StateError when invalid).
    ``stepper`` (a host step hook) is attached before the code is compiled."""
    key = check_key(key)
    import_builtins()
    raw = _unsigned(data, key)
    try:
        m = Machine.__new__(Machine)
        programs = _read(m, raw, stepper)
    except StateError:
        raise
    except R.RecordError as e:
        raise StateError(str(e)) from None
    except Exception as e:  # noqa: BLE001 - whatever a hostile stream makes fail is a bad state
        raise StateError(f"state could not be decoded: {type(e).__name__}: {e}") from None
    for prog in programs.values():
        prog.remember()   # only now: a failed load leaves no parse behind
    return m


def _read(m: Any, raw: bytes, stepper: Any) -> dict:
    f = io.BytesIO(raw)
    u = _Unpickler(f)
    programs, u.version = _programs(m, u.load())
    u.programs = programs
    fields = u.load()
    states = []
    while True:
        st = u.load()
        if st is None:
            break
        states.append(st)
    if f.read(1):
        raise StateError("state has data after its end")
    table = u.table
    if len(table) != len(states) or any(i not in table for i in range(len(states))):
        raise StateError(f"state object table is inconsistent ({len(table)} objects, "
                         f"{len(states)} records)")
    # fields are set only now: nothing later in the stream can change a checked field
    patched = u.patched
    for i, st in enumerate(states):
        rec, obj = table[i]
        rec.restore(obj, st, i in patched)
    late = R.LATE_CHECKS
    for rec, obj in table.values():  # checks across records (a view against its buffer)
        check = late.get(rec.cls)
        if check is not None:
            check(obj)
    R.check_machine_fields(fields)
    fields_host_keys = set(fields["host"])
    host = fields["host"] = R.HostState.from_data(fields["host"])
    if u.version >= 3 and u.fresh is not None and "builtin_globals" not in fields_host_keys:
        host.builtin_globals = set(u.born)
    for k, v in fields.items():
        setattr(m, k, v)
    fp = m.realm.function_prototype
    for (name, display), fn in u.natives.items():
        _build_native(fn, name, display, fp)
    m.stack = []
    m.jobs = deque()
    m.programs = programs
    m.stepper = stepper
    m.max_call_depth = m.limits.max_call_depth if m.limits is not None else DEFAULT_MAX_CALL_DEPTH
    m.after_load()
    return programs


def _programs(m: Any, header: Any) -> tuple:
    """Parse the programs the header lists (each checked; keys only name them in this state)."""
    if type(header) is not dict or set(header) != {"version", "fetchflow", "programs"}:
        raise StateError("bad state header")
    version = header["version"]
    if type(version) is not int or version not in READS:
        raise StateError(f"state format version {version!r}, this fetchflow reads versions "
                         f"{', '.join(map(str, READS))}")
    if type(header["programs"]) is not list:
        raise StateError("bad state header")
    programs: dict = {}
    for h in header["programs"]:
        if not (type(h) is tuple and len(h) == 5 and type(h[0]) is str and h[1] in PROGRAM_KINDS
                and type(h[2]) is str and _is_outer(h[3]) and type(h[4]) is bool):
            raise StateError("bad program record in state")
        if h[0] in programs:
            raise StateError("state names a program twice")
        programs[h[0]] = LoadedProgram.restore(m, h)
    return programs, version


def _is_outer(outer: Any) -> bool:
    """An eval's view of its enclosing scopes: name -> (hops, slot, kind)."""
    if outer is None:
        return True
    return type(outer) is dict and all(
        type(k) is str and type(v) is tuple and len(v) == 3 and type(v[0]) is int and
        type(v[1]) is int and type(v[2]) is str for k, v in outer.items())
