"""Inspecting a paused run without resuming it: ``VMState.inspect()`` -> ``StateReport``.

A paused machine is idle: every suspended computation is data.  An async function
stopped at ``await`` lives in an ``AsyncResume`` on the reactions of the promise it awaits;
a generator stopped at ``yield`` keeps its frames in the generator object.  The report
walks everything the state would pickle (the machine's fields, as ``state.dump_machine``
does), collects those continuations and JS objects, and reads each one's position
(the innermost frame's AST node) and bindings (the static ``Scope`` chain at that node,
mapped onto the run-time scope lists).  Nothing here calls JS code or mutates the machine:
values are previewed with node's ``util.inspect`` rules at depth 1, which reads data
properties only (accessors print as ``[Getter]``).

Columns in the report are 1-based, like node's stack traces.
"""
from __future__ import annotations

import json
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any, Optional, cast
from .interp.operations import promise_operations as P
from .host.events import pending_events
from .interp.operations.promise_operations import AsyncResume
from .interp.natives import JSNativeFunction
from .interp.operations.promise_operations import JSPromise
from .interp.values import JSObject
from .interp.compiler import Code, LoadedProgram
from .interp.machine import JSGenerator
from .state_records import machine_fields
from .interp.frames import K_SCRIPT
from .interp.inspect_value import inspect
from .interp.values import TDZ
from .interp.values import ACC

PREVIEW_WIDTH = 80


@dataclass
class Binding:
    name: str
    preview: str


@dataclass
class ScopeView:
    """One group of bindings: ``local`` (the function's own scopes at the current position)
    or ``closure`` (an enclosing function's or block's bindings)."""
    kind: str
    name: str
    bindings: list = field(default_factory=list)


@dataclass
class Suspended:
    """A suspended async function, generator or top-level script."""
    kind: str                   # "async" | "generator" | "script"
    name: str
    line: int
    column: int                 # 1-based
    source_line: str
    state: str                  # "awaiting <what>" | "suspended at yield" | "not started"
    this: Optional[str] = None
    locals: list = field(default_factory=list)     # [Binding]
    closures: list = field(default_factory=list)   # [ScopeView]

    @property
    def caret(self) -> str:
        """Spaces (tabs kept) up to the column, then ``^``."""
        pre = self.source_line[:max(0, self.column - 1)]
        return "".join(c if c == "\t" else " " for c in pre) + "^"


@dataclass
class Request:
    id: str
    method: str
    url: str
    headers: dict
    body: Optional[str]


@dataclass
class StateReport:
    """What a paused run is doing: ``str(report)`` is the text view, ``to_dict()`` the JSON form."""
    id: str
    status: str
    suspended: list             # [Suspended], awaiting chains innermost first, then generators
    globals: list               # [Binding]
    requests: list              # [Request]
    console: list               # every console line since the run started
    counters: dict
    events: list = field(default_factory=list)  # [{"id", "name", "timeout"}] awaited events

    def to_dict(self) -> dict:
        out = asdict(self)
        for s, d in zip(self.suspended, out["suspended"]):
            d["caret"] = s.caret
        return out

    def to_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def __str__(self) -> str:
        return format_report(self)


# -- building the report -------------------------------------------------------------------------

def inspect_state(state: Any) -> StateReport:
    """Describe the paused run in ``state`` (a ``VMState``) without resuming it."""
    m = state.restore()
    prev = m.enter()
    try:
        return _build(m, state.id, len(state.to_bytes()))
    finally:
        m.leave(prev)


def _build(m: Any, vm_id: str, nbytes: int) -> StateReport:
    host = m.host
    walk = _Walk(m)
    fetch_promise = {id(p): rid for rid, (_req, p) in host.pending.items()}
    owner: dict = {}        # id(promise of an async function) -> its AsyncResume
    for ar in walk.resumes:
        ff = ar.frames[0]
        p = getattr(ff, "promise", None)
        if p is not None:
            owner[id(p)] = ar
    # awaiting chains, innermost first: what a fetch's settlement flows into, breadth first
    ordered, settled_by = _flows(host.pending)
    seen = {id(ar) for ar in ordered}
    ordered.extend(ar for ar in walk.resumes if id(ar) not in seen)
    suspended = []
    for ar in ordered:
        awaited = walk.awaited.get(id(ar))
        suspended.append(_describe(m, ar.frames, "async", "awaiting " +
                                   _awaited_text(m, awaited, fetch_promise, owner, settled_by)))
    for gen in walk.generators:
        what = "not started" if gen.gen_state == "start" else "suspended at yield"
        suspended.append(_describe(m, gen.frames, "generator", what))
    sp = host.script_promise
    events = pending_events(m)
    status = "paused" if host.pending or events else "idle"
    if sp is not None and sp.state != P.PENDING:
        status += f" (script {sp.state})"
    counters = {"steps": m.steps, "pauses": host.pauses, "fetches": host.fetches,
                "pending_requests": len(host.pending), "heap_objects": walk.objects,
                "state_bytes": nbytes, "console_dropped": host.console_dropped}
    console = list(host.console_all)
    return StateReport(vm_id, status, suspended, _globals(m), _requests(m), console, counters, events)


def _awaited_text(m: Any, p: Any, fetch_promise: dict, owner: dict, settled_by: dict) -> str:
    if p is None:
        return "a promise"
    rid = fetch_promise.get(id(p))
    if rid is not None:
        req = m.host.pending[rid][0]
        return f"fetch {rid} ({req['method']} {req['url']})"
    ar = owner.get(id(p))
    if ar is not None:
        return _function_name(ar.frames[0]) + "()"
    rids = settled_by.get(id(p))
    if rids:
        return f"a promise that waits on {', '.join(rids)}"
    for wid, w in (m.host.events or {}).items():
        if w["promise"] is p:
            return f"event {w['name']!r} ({wid})"
    return "a promise no pending fetch settles"


def _flows(pending: dict) -> tuple:
    """Follow each pending fetch's promise forward through what its settlement triggers:
    reactions' derived promises, promises held by native handlers (Promise.all elements,
    resolving functions) and, for an awaiting async function, the promise it will settle.
    Returns the AsyncResumes met (breadth first, so innermost first) and, per promise id,
    the request ids that flow into it."""
    ordered: list = []
    seen: set = set()
    settled_by: dict = {}
    for rid, (_req, p) in pending.items():
        todo = deque([p])
        visited = {id(p)}
        while todo:
            q = todo.popleft()
            settled_by.setdefault(id(q), []).append(rid)
            for r in list(q.fulfill_reactions or ()) + list(q.reject_reactions or ()):
                h = r.handler
                if h.__class__ is AsyncResume:
                    if id(h) not in seen:
                        seen.add(id(h))
                        ordered.append(h)
                    nxt = [getattr(h.frames[0], "promise", None)]
                else:
                    nxt = _promises_in([r.capability, h])
                for n in nxt:
                    if n is not None and id(n) not in visited:
                        visited.add(id(n))
                        todo.append(n)
    return ordered, settled_by


def _promises_in(roots: list, limit: int = 64) -> list:
    """Promises held by capabilities and native functions' data (not inside other JS objects)."""
    out: list = []
    seen: set = set()
    todo = list(roots)
    while todo and len(seen) < limit:
        o = todo.pop()
        if o is None or id(o) in seen or isinstance(o, (str, float, int, bool)):
            continue
        seen.add(id(o))
        if isinstance(o, JSPromise):
            out.append(o)
        elif isinstance(o, JSNativeFunction):
            todo.append(o.data)
        elif isinstance(o, (list, tuple)):
            todo.extend(o)
        elif not isinstance(o, JSObject) and not callable(o):
            todo.extend(_attrs(o))
    return out


class _Walk:
    """Everything reachable from the machine fields the state format saves, in a stable order.

    Collects ``AsyncResume`` continuations (with the promise each awaits), suspended
    generators, and the number of JS objects (the state's object table)."""

    def __init__(self, m: Any) -> None:
        self.resumes: list = []
        self.awaited: dict = {}     # id(AsyncResume) -> promise
        self.generators: list = []
        self.objects = 0
        skip = (Code, LoadedProgram, type(m), str, float, int, bool, bytes, type(None))
        seen: set = set()
        todo = deque(machine_fields(m).values())
        # format 3 names the untouched built-ins (never written, not counted) and writes the
        # changed ones even when nothing refers to them
        snap = getattr(m.realm, "snapshot", None)
        named: set = set()
        if snap is not None:
            changed = set(snap.changed())
            named = {id(o) for i, o in enumerate(snap.objects) if i not in changed}
            todo.extend(snap.objects[i] for i in sorted(changed))
        while todo:
            o = todo.popleft()
            if isinstance(o, skip) or id(o) in seen or callable(o) and not isinstance(o, JSObject) \
                    or id(o) in named:
                continue
            seen.add(id(o))
            t = type(o)
            if t is JSObject:   # the common case, without building its state dict
                self.objects += 1
                todo.append(o.proto)
                todo.extend(o.props.values())
            elif isinstance(o, JSObject):
                self.objects += 1
                st = o.__getstate__()
                if type(o) is JSGenerator and o.frames and o.gen_state in ("start", "suspended"):
                    self.generators.append(o)
                if type(o) is JSPromise:
                    for r in o.fulfill_reactions or ():
                        if r.handler.__class__ is AsyncResume:
                            self.awaited[id(r.handler)] = o
                todo.extend(st.values() if isinstance(st, dict) else (st,))
            elif t is AsyncResume:
                self.resumes.append(o)
                todo.append(o.frames)
            elif t is dict:
                todo.extend(o.keys())
                todo.extend(o.values())
            elif t in (list, tuple, set, frozenset, deque):
                todo.extend(o)
            else:
                todo.extend(_attrs(o))


def _attrs(o: Any) -> list:
    out = []
    for k in type(o).__mro__:
        for s in getattr(k, "__slots__", ()):
            if s != "__weakref__" and hasattr(o, s):
                out.append(getattr(o, s))
    d = getattr(o, "__dict__", None)
    if d:
        out.extend(d.values())
    return out


def _describe(m: Any, frames: list, kind: str, what: str) -> Suspended:
    ff = frames[0]
    inner = next((f for f in reversed(frames) if getattr(f.code, "node", None) is not None), ff)
    code = inner.code
    node = code.node
    prog = code.prog
    if ff.kind == K_SCRIPT:
        kind = "script"
    lines = prog.text.split("\n")
    src = lines[node.line - 1].rstrip("\r") if 0 < node.line <= len(lines) else ""
    s = Suspended(kind, _function_name(ff), node.line, node.column + 1, src, what)
    _read_scopes(m, s, prog, node, inner.scope)
    return s


def _function_name(ff: Any) -> str:
    """``name``, or ``Class.name`` for methods (from the home object), as node's stack prints."""
    if ff.kind == K_SCRIPT:
        return "(top level)"
    fn = ff.func
    if fn is None:
        return "(eval)"
    name = fn.props.get("name", "")
    name = name if type(name) is str and name else "<anonymous>"
    home = getattr(fn, "home", None)
    if isinstance(home, JSObject):
        ctor = home.props.get("constructor", home)
        cname = ctor.props.get("name") if isinstance(ctor, JSObject) else None
        if type(cname) is str and cname and cname != name:
            return f"{cname}.{name}"
    return name


_PARENTS: dict = {}


def _static_scope(prog: Any, node: Any) -> Any:
    """The innermost static Scope around ``node``: the nearest ancestor creating one."""
    key = (id(prog.ast), prog.key)
    parents = _PARENTS.get(key)
    if parents is None:
        parents = {}
        for n in prog.nodes:
            for k in n.iter_children():
                parents[id(k)] = n
        if len(_PARENTS) > 32:
            _PARENTS.clear()
        _PARENTS[key] = parents
    info = prog.info
    n = node
    while n is not None:
        s = info.block_scope.get(id(n)) or info.scopes.get(id(n))
        if s is not None:
            return s
        n = parents.get(id(n))
    return info.scopes[id(prog.ast)]


def _read_scopes(m: Any, out: Suspended, prog: Any, node: Any, scope: Any) -> None:
    """Fill ``out.locals``, ``out.this`` and ``out.closures`` from the static chain at ``node``
    mapped onto the run-time list ``scope`` (slot 0 of each list is its parent list)."""
    s = _static_scope(prog, node)
    fs = s.func
    host = s.host()
    lst = scope
    if not isinstance(lst, list) or len(lst) != host.size:
        return  # the frame's list is not the one the analysis expects: show nothing wrong
    group: Optional[ScopeView] = None
    while s is not None and s.kind != "script" and isinstance(lst, list):
        if s.host() is not host:
            lst = lst[0]
            host = s.host()
            if not isinstance(lst, list) or len(lst) != host.size:
                break
        if s.kind == "block" and s.node.type in ("ClassDeclaration", "ClassExpression"):
            s = s.parent   # the class's own name binding: not worth a scope of its own
            continue
        local = s.func is fs
        if not local and (group is None or group.name != _scope_name(s.func)):
            group = ScopeView("closure", _scope_name(s.func))
            out.closures.append(group)
        for name, b in s.bindings.items():
            if b.host is not host or not 0 < b.slot < len(lst):
                continue
            if name == "%this" and local:
                out.this = preview(lst[b.slot])
            if name.startswith("%"):
                continue
            (out.locals if local else cast(ScopeView, group).bindings).append(Binding(name, preview(lst[b.slot])))
        s = s.parent


def _scope_name(fs: Any) -> str:
    node = fs.node
    ident = getattr(node, "id", None)
    if ident is not None:
        return ident.name
    return "(anonymous)" if fs.kind == "function" else "(top level)"


def preview(v: Any, width: int = PREVIEW_WIDTH) -> str:
    """node's console rendering of ``v`` at depth 1 on one line, cut to ``width`` characters."""
    if v is TDZ:
        return "<uninitialized>"
    try:
        text = inspect(v, depth=1, break_length=1 << 30)
    except Exception:  # noqa: BLE001 - a report must never fail on one value
        return "<unavailable>"
    text = " ".join(part.strip() for part in text.split("\n"))
    return text if len(text) <= width else text[:width - 3] + "..."


def _globals(m: Any) -> list:
    builtin = m.host.builtin_globals
    out = []
    g = m.realm.global_object
    for k in list(g.props):
        if type(k) is str and k not in builtin:
            own = g.get_own_property(k)
            if own is not None:
                out.append(Binding(k, "[Getter/Setter]" if own[1] & ACC else preview(own[0])))
    for k, v in m.global_lex.items():
        out.append(Binding(k, preview(v)))
    return out


def _requests(m: Any) -> list:
    out = []
    for rid, (req, _p) in m.host.pending.items():
        body = req.get("body")
        if type(body) is str and len(body) > 200:
            body = body[:197] + "..."
        out.append(Request(rid, req["method"], req["url"], dict(req["headers"]), body))
    return out


# -- the text view -------------------------------------------------------------------------------

def format_report(r: StateReport) -> str:
    c = r.counters
    out = [f"VM {r.id}: {r.status}",
           f"  steps {c['steps']}, pauses {c['pauses']}, fetches {c['fetches']} "
           f"({c['pending_requests']} pending), heap objects {c['heap_objects']}, "
           f"state {c['state_bytes']} bytes", ""]
    out.append(f"Pending requests ({len(r.requests)}):")
    for q in r.requests:
        out.append(f"  {q.id}  {q.method} {q.url}")
        for k, v in q.headers.items():
            out.append(f"      {k}: {v}")
        if q.body is not None:
            out.append(f"      body: {q.body!r}" if len(q.body) < 60 else f"      body: {q.body}")
    if not r.requests:
        out.append("  (none)")
    out.append("")
    if r.events:
        out.append(f"Pending events ({len(r.events)}):")
        for e in r.events:
            t = f" (timeout {e['timeout']:g} ms)" if e.get("timeout") is not None else ""
            out.append(f"  {e['id']}  waitForEvent({json.dumps(e['name'])}){t}")
        out.append("")
    out.append(f"Suspended ({len(r.suspended)}):")
    for s in r.suspended:
        out.append(f"  {s.kind} {s.name} at line {s.line}:{s.column}, {s.state}")
        gutter = f"    {s.line} | "
        out.append(gutter + s.source_line)
        out.append(" " * len(gutter) + s.caret)
        if s.this is not None:
            out.append(f"      this = {s.this}")
        for b in s.locals:
            out.append(f"      {b.name} = {b.preview}")
        for g in s.closures:
            out.append(f"    closure {g.name}:")
            for b in g.bindings:
                out.append(f"      {b.name} = {b.preview}")
    if not r.suspended:
        out.append("  (none)")
    out.append("")
    out.append(f"Globals ({len(r.globals)}):")
    for b in r.globals:
        out.append(f"  {b.name} = {b.preview}")
    out.append("")
    n = len(r.console)
    dropped = c.get("console_dropped", 0)
    more = f", {dropped} earlier dropped" if dropped else ""
    out.append(f"Console ({n} line{'' if n == 1 else 's'}{more}):")
    for ln in r.console:
        out.append("  | " + ln.replace("\n", "\n  | "))
    return "\n".join(out)
