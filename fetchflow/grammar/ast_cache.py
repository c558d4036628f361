"""Parsed programs kept on disk, so that a fresh process resuming a saved state does not
parse its program again (issue 14: the parser's tables and scanners cost a fresh process
more than the rest of a resume).

``store(text, program)`` is called when a state is saved (fetchflow/state.py): only the
programs of paused machines are written, not every script ever run.  ``parse_cached(text,
context)`` answers a parse from the cache when it can (scripts only: an eval's parse
depends on its context) and parses otherwise.

A cache file is never trusted blindly: it lives in the private per-user cache directory
(the rules of grammar/tables.py: owned by this user, not writable by others), its name is
a hash of the source and of the parser's own files (a changed parser misses), it holds
the source it was made from (compared in full) and a SHA-256 of its payload, and it is
plain data (a pickle whose loader resolves no global at all; ``decode`` checks that the
nodes form one tree of known node types holding plain values).  A file that fails any
check, or fails to load, is ignored (and removed): the program is parsed as usual.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import stat
import sys
from typing import Any, Optional

from . import ast as A
from .parser import parse
from .tables import _private_cache_dir, write_private_bytes

MAGIC = b"FFAST1\n"
MAX_SOURCE = 4 << 20          # larger programs are parsed every time (their pickles are big)
_NODE_CLASSES = {name: cls for name, cls in vars(A).items()
                 if isinstance(cls, type) and issubclass(cls, A.Node)}
MAX_FILES = 4000              # past this many files, a process's first store drops the older half


class _Cache:
    """Where the cache is, for this process (one instance: its fields change, not it)."""
    __slots__ = ("dir", "looked", "code", "stored", "pruned", "names", "writes")

    def __init__(self) -> None:
        self.dir: Optional[str] = None
        self.looked = False          # dir is known (None: no private cache directory)
        self.code: Optional[str] = None
        self.stored: set = set()     # file names this process wrote or found
        self.pruned = False
        self.names: dict = {}        # source -> its file name (a state is saved again and again)
        self.writes = True           # False: store() writes nothing (set_writes)


_CACHE = _Cache()


def _code_key() -> str:
    """What the parse depends on besides the source: the parser's files (name, size, mtime)
    and the Python version (the pickle's node layout)."""
    key = _CACHE.code
    if key is None:
        here = os.path.dirname(os.path.abspath(__file__))
        h = hashlib.sha256(sys.version.encode())
        for name in sorted(os.listdir(here)):
            if name.endswith((".py", ".lark", ".json")):
                try:
                    st = os.stat(os.path.join(here, name))
                except OSError:
                    continue
                h.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
        key = _CACHE.code = h.hexdigest()
    return key


def _dir(create: bool) -> Optional[str]:
    d = _CACHE.dir
    if d is None and (create or not _CACHE.looked):
        base = _private_cache_dir(create)
        d = None
        if base is not None:
            d = os.path.join(base, "ast")
            try:
                if create:
                    os.makedirs(d, mode=0o700, exist_ok=True)
                st = os.lstat(d)
                if not stat.S_ISDIR(st.st_mode) or st.st_mode & 0o077 or (
                        hasattr(os, "geteuid") and st.st_uid != os.geteuid()):
                    d = None
            except OSError:
                d = None
        if d is not None or not create:
            _CACHE.dir, _CACHE.looked = d, True
    return d


def _name(text: str) -> str:
    names = _CACHE.names
    name = names.get(text)
    if name is None:
        h = hashlib.sha256(_code_key().encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        name = h.hexdigest()[:40] + ".ast"
        if len(names) >= 64:
            names.clear()
        names[text] = name
    return name


def _slot_names(cls: type) -> tuple:
    return tuple(s for k in reversed(cls.__mro__) for s in getattr(k, "__slots__", ()) if s != "_cache")


# node class -> its slots but ``_cache``, in a fixed order (every class up front: no module
# data changes while the process runs)
_SLOTS: dict = {cls: _slot_names(cls) for cls in _NODE_CLASSES.values()}


def _slots(cls: type) -> tuple:
    return _SLOTS[cls]


def encode(program: A.Program) -> list:
    """Plain data: the nodes in pre-order, each [type, slot values...], a node held by a
    slot or a list written as the 1-tuple of its position (tuples occur nowhere else)."""
    nodes = list(program.walk())
    pos = {id(n): i for i, n in enumerate(nodes)}
    out = []
    for n in nodes:
        row: list = [type(n).__name__]
        for s in _slots(type(n)):
            v = getattr(n, s, None)
            if isinstance(v, A.Node):
                v = (pos[id(v)],)
            elif type(v) is list:
                v = [(pos[id(x)],) if isinstance(x, A.Node) else x for x in v]
            row.append(v)
        out.append(row)
    return out


_PLAIN = (str, int, float, bool, type(None))


def decode(rows: list) -> A.Program:
    """The tree ``encode`` wrote; ValueError for anything else (a node held twice, a
    reference backwards, an unknown type, a value that is not plain)."""
    if type(rows) is not list or not rows:
        raise ValueError("no nodes")
    nodes = []
    for row in rows:
        cls = _NODE_CLASSES.get(row[0]) if type(row) is list and row else None
        if cls is None or len(row) != len(_slots(cls)) + 1:
            raise ValueError("bad node")
        nodes.append(cls.__new__(cls))
    held = [False] * len(nodes)

    def ref(v: tuple, i: int) -> A.Node:
        if len(v) != 1 or type(v[0]) is not int or not i < v[0] < len(nodes) or held[v[0]]:
            raise ValueError("bad node reference")
        held[v[0]] = True
        return nodes[v[0]]

    for i, (node, row) in enumerate(zip(nodes, rows)):
        for s, v in zip(_slots(type(node)), row[1:]):
            t = type(v)
            if t is tuple:
                v = ref(v, i)
            elif t is list:
                v = [ref(x, i) if type(x) is tuple else x for x in v]
                if not all(isinstance(x, (A.Node, type(None))) for x in v):
                    raise ValueError("bad list")
            elif t is dict:
                if not all(type(k) is str and type(x) in _PLAIN for k, x in v.items()):
                    raise ValueError("bad value")
            elif t not in _PLAIN:
                raise ValueError("bad value")
            setattr(node, s, v)
        node._cache = None
    if type(nodes[0]) is not A.Program or not all(held[1:]) or \
            not all(n._id == i for i, n in enumerate(nodes[0].walk())):
        raise ValueError("not one tree in pre-order")
    return nodes[0]


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"an AST cache file names {module}.{name}")


def _read(path: str) -> Optional[bytes]:
    """A regular file owned by this user and not writable by others, or None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o022 or (
                hasattr(os, "geteuid") and st.st_uid != os.geteuid()):
            return None
        return f.read()


def load(text: str) -> Optional[A.Program]:
    """The cached parse of ``text``, or None (absent, stale, corrupt: never an error)."""
    d = _dir(create=False)
    if d is None or len(text) > MAX_SOURCE:
        return None
    name = _name(text)
    path = os.path.join(d, name)
    data = _read(path)
    if data is None:
        return None
    try:
        if data[:len(MAGIC)] != MAGIC:
            raise ValueError("magic")
        digest, payload = data[len(MAGIC):len(MAGIC) + 32], data[len(MAGIC) + 32:]
        if hashlib.sha256(payload).digest() != digest:
            raise ValueError("digest")
        f = io.BytesIO(payload)
        source, rows = _Unpickler(f).load()
        if source != text or f.read(1):
            raise ValueError("not this program")
        program = decode(rows)
    except Exception:  # noqa: BLE001 - whatever is wrong with the file, parse instead
        try:
            os.unlink(path)
        except OSError:
            pass
        return None
    _CACHE.stored.add(name)
    return program


def set_writes(on: bool) -> None:
    """Whether this process's saves write parsed programs to the cache (they do by default).
    The durable worker turns this off: its runs resume in workers, long-lived processes
    that have their parser loaded, and a file per run's source cost it ~0.3 ms a run."""
    _CACHE.writes = bool(on)


def store(text: str, program: Any) -> None:
    """Keep ``program`` (the parse of ``text``) for later processes; never an error."""
    if not _CACHE.writes or len(text) > MAX_SOURCE or type(program) is not A.Program:
        return
    name = _name(text)
    if name in _CACHE.stored:
        return
    _CACHE.stored.add(name)
    d = _dir(create=True)
    if d is None or os.path.exists(os.path.join(d, name)):
        return
    if not _CACHE.pruned:
        _CACHE.pruned = True
        _prune(d)
    try:
        payload = pickle.dumps((text, encode(program)), protocol=5)
    except (RecursionError, pickle.PicklingError, TypeError, ValueError, KeyError):
        return
    write_private_bytes(d, name, MAGIC + hashlib.sha256(payload).digest() + payload)


def _prune(d: str) -> None:
    """Keep the directory bounded: past MAX_FILES files, remove the older half."""
    try:
        names = [n for n in os.listdir(d) if n.endswith(".ast")]
        if len(names) <= MAX_FILES:
            return
        paths = sorted((os.path.join(d, n) for n in names), key=os.path.getmtime)
        for path in paths[:len(paths) // 2]:
            os.unlink(path)
    except OSError:
        pass


def parse_cached(text: str, context: Optional[dict] = None,
                 nodes: Optional[list] = None) -> A.Program:
    """``parser.parse`` (same arguments), answered from the disk cache for a script
    stored there."""
    if context is None:
        program = load(text)
        if program is not None:
            if nodes is not None:
                nodes.extend(program.walk())
            return program
    return parse(text, context, nodes)
