"""The ``stack`` of an error as V8 writes it: one "at ..." line per function on the JS stack.

Heap frames say which functions are running and which statement each one is in; V8 also
names the receiver's type (``at K.m``), the property a method was found under
(``at nm [as named]``), built-ins that called back (``at Array.map (<anonymous>)``), and
points at the exact operation: the property that could not be read, the called name, the
``new``.  Those finer positions are found when the trace is made (never on the hot path):
inside the running statement, the call to the next function up, or the operation the
error's message names.
"""
from __future__ import annotations

import re
import sys
from typing import Any, Callable, Iterator, Optional

from .frames import K_ASYNC, K_CALL, K_CONSTRUCT, K_EVAL, K_SCRIPT, FuncFrame, NativeGenFrame
from .functions import JSFunction
from .natives import NATIVES, JSBoundFunction, JSNativeFunction
from .operations import promise_operations as P
from .values import C, E, NULL, SYM_TO_STRING_TAG, W, Accessor, JSObject, JSSymbol
from .evaluation.bodies import step_function_body
from .builtins.array import _call_direct
from .evaluation.codegen_resumable import FILENAME as _GEN_FILE
from .evaluation.codegen_resumable import is_generated, line_node, site_node

MAX_LINES = 10   # V8's default Error.stackTraceLimit

_ERROR_CTORS = frozenset(("Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError",
                          "EvalError", "URIError", "AggregateError"))
# built-ins V8 runs without a frame of their own (call/apply forward to their target; the
# Symbol-named methods run inside the String method that called them)
_FRAMELESS = frozenset(("Function.prototype.call", "Function.prototype.apply"))
_FUNCTIONS = ("FunctionExpression", "FunctionDeclaration", "ArrowFunctionExpression")
_PRIMITIVE_TYPES = {str: "String", float: "Number", bool: "Boolean", JSSymbol: "Symbol",
                    int: "BigInt"}

# code objects the trace recognises on the Python stack (set by machine.py)
PUSH_CALL: list = []
_BODY = step_function_body.__code__
_CALL_DIRECT = _call_direct.__code__
_NATIVE_CODES: dict = {}


class Entry:
    """One line of the trace: a JS function (with the node it is at) or a built-in."""
    __slots__ = ("fn", "this", "kind", "node", "prog", "native")

    def __init__(self, fn: Any, this: Any, kind: int, node: Any = None, prog: Any = None,
                 native: str = "") -> None:
        self.fn = fn
        self.this = this
        self.kind = kind
        self.node = node
        self.prog = prog
        self.native = native


def stack_trace(m: Any, message: Optional[str] = None, ctor: Any = None) -> str:
    """The ``"\\n    at ..."`` lines of the machine's JS stack.  ``message``: the message of the
    engine-made error being created, which names the failing operation; ``ctor``: the
    new.target of the error constructor a script called (V8's trace starts below its frame)."""
    natives, inline, statements = _live_frames()
    while ctor is not None and natives and natives[0].native in _ERROR_CTORS:
        natives.pop(0)
    entries: list = natives + inline
    top_node = None
    last: Optional[FuncFrame] = None
    for f in reversed(m.stack):
        code = f.code
        if f.__class__ is NativeGenFrame:
            e = _native_gen_entry(f)
            if e is not None:
                entries.append(e)
            continue
        if code is not None and getattr(code, "node", None) is not None and top_node is None:
            top_node = code.node
            if f.__class__ is FuncFrame and f.step is step_function_body and code.kids:
                # the statement the body is running (as a closure, or the one whose frames
                # have finished when a call it made is on its way)
                i = statements.get(id(f), f.pc - 1)
                if i >= 0:
                    top_node = code.kids[min(i, len(code.kids) - 1)].node
            elif f.__class__ is FuncFrame and is_generated(f.step):
                # a generated body: the statement its Python frame is at, else its site
                top_node = statements.get(id(f)) or site_node(f) or top_node
        if f.__class__ is FuncFrame:
            node = top_node or (code.node if code is not None else None)
            entries.append(Entry(f.func, _receiver(f), f.kind, node, getattr(code, "prog", None)))
            top_node = None
            last = f
            if len(entries) >= MAX_LINES:
                break
    ctor_name = ""
    if ctor is not None:
        n = ctor.props.get("name", "") if isinstance(ctor, JSObject) else ""
        ctor_name = n if type(n) is str and n else "Error"
        for i, e in enumerate(entries):
            if e.fn is ctor:   # a subclass: its constructors' frames are left out too
                del entries[:i + 1]
                break
    lines = _format(m, entries[:MAX_LINES], message, ctor_name)
    if len(entries) < MAX_LINES and last is not None and last.kind == K_ASYNC:
        _async_trace(m, last, lines)
    return "".join("\n" + ln for ln in lines[:MAX_LINES])


def _receiver(f: FuncFrame) -> Any:
    if f.kind == K_CALL or f.kind == K_CONSTRUCT:
        return getattr(f, "this", None)
    return None


def _native_gen_entry(f: NativeGenFrame) -> Optional[Entry]:
    g = f.gen
    if getattr(g, "gi_running", False):
        return None   # it is making this error: already found on the Python stack
    name = _native_codes().get(getattr(g, "gi_code", None))
    if name is None:
        return None
    fr = getattr(g, "gi_frame", None)
    this = fr.f_locals.get("this") if fr is not None else None
    return Entry(None, this, K_CALL, native=name)


def _native_codes() -> dict:
    if len(_NATIVE_CODES) != len(NATIVES):
        _NATIVE_CODES.clear()
        for name, rec in NATIVES.items():
            code = getattr(rec[0], "__code__", None)
            if code is not None:
                _NATIVE_CODES.setdefault(code, name)
        _NATIVE_CODES[None] = None   # the table is built (len matches once every code is in)
    return _NATIVE_CODES


def _live_frames() -> tuple:
    """What the heap frames cannot tell, read from the interpreter's own Python frames while an
    error is made: built-ins running above the top heap frame, the functions being evaluated
    inline (in place of their call, innermost first), and the statement each function body is
    running as a closure (FuncFrame id -> statement index; for a generated body, the
    statement node its step is at)."""
    natives: list = []
    inline: list = []
    statements: dict = {}
    codes = _native_codes()
    push_call = PUSH_CALL[0] if PUSH_CALL else None
    fr: Any = sys._getframe(2)
    above_heap = True
    while fr is not None:
        code = fr.f_code
        if code is push_call:
            loc = fr.f_locals
            above_heap = False
            if loc.get("inline") is not None and loc.get("fd") is not None:
                body = loc["fd"].body
                node = body.node
                if node.type == "BlockStatement" and len(node.body) == 1:   # { return <value> }
                    node = getattr(node.body[0], "argument", None) or node.body[0]
                inline.append(Entry(loc["f"], loc.get("this"), K_CALL, node, body.prog))
                nat = fr.f_back.f_back if fr.f_back is not None and \
                    fr.f_back.f_code is _CALL_DIRECT else None
                hops = 0
                while nat is not None and codes.get(nat.f_code) is None and hops < 4:
                    nat, hops = nat.f_back, hops + 1   # the built-in's helpers (sort's merge)
                if nat is not None and codes.get(nat.f_code) is not None:
                    # a built-in called it from Python (array._call_direct): the built-in's
                    # line follows, as when the run loop makes the call
                    inline.append(Entry(None, nat.f_locals.get("this"), K_CALL,
                                        native=codes[nat.f_code]))
        elif code is _BODY:
            above_heap = False
            loc = fr.f_locals
            ff, i = loc.get("f"), loc.get("i")
            if ff is not None and type(i) is int and i > 0:
                statements.setdefault(id(ff), i - 1)
        elif code.co_filename == _GEN_FILE:
            above_heap = False
            ff = fr.f_locals.get("f")
            node = line_node(fr.f_globals, fr.f_lineno)
            if ff is not None and node is not None:
                statements.setdefault(id(ff), node)
        elif above_heap:
            name = codes.get(code)
            if name is not None and codes.get(fr.f_back.f_code if fr.f_back else None) is None:
                natives.append(Entry(None, fr.f_locals.get("this"), K_CALL, native=name))
            elif code.co_name in ("_drive", "step_function_body", "step_concise_body"):
                above_heap = False
        fr = fr.f_back
    return natives, inline, statements


# -- naming ------------------------------------------------------------------------------------

def _format(m: Any, entries: list, message: Optional[str], ctor: str) -> list:
    lines: list = []
    callee: Optional[Entry] = None
    via = ""
    for e in entries:
        if e.native and (e.native in _FRAMELESS or "[" in e.native):
            via = _short(e.native) if e.native in _FRAMELESS else via
            continue
        if e.native:
            lines.append(f"    at {_label(m, e) or _short(e.native)} (<anonymous>)")
            callee = e
            via = ""
            message = None
            ctor = ""
            continue
        where = _where(m, e, callee, message, ctor, via)
        via = ""
        message = None
        ctor = ""
        if e.kind == K_SCRIPT:
            lines.append(f"    at {where}")
        elif e.kind == K_EVAL:
            lines.append(f"    at eval ({where})")
        else:
            label = _label(m, e)
            lines.append(f"    at {label} ({where})" if label else f"    at {where}")
        callee = e
    return lines


def _short(native: str) -> str:
    return native.rsplit(".", 1)[-1]


def _function_name(e: Entry) -> str:
    if e.native:
        return _short(e.native)
    fn = e.fn
    if fn is None:
        return ""
    n = fn.props.get("name", "")
    return n if type(n) is str else ""


def _label(m: Any, e: Entry) -> str:
    """V8's CallSite serialisation of the function part (AppendMethodCall and friends)."""
    name = _function_name(e)
    if e.kind == K_CONSTRUCT:
        return "new " + (name or "<anonymous>")
    this = e.this
    if this is None or this is NULL or this is m.realm.global_object:
        return name   # a plain call: the name, or nothing (the line is only the place)
    type_name = _type_name(this)
    method = _method_name(this, e.fn, name) if e.fn is not None else name
    if name:
        prefix = "" if (not type_name or name.startswith(type_name) or "." in name or " " in name) \
            else type_name + "."
        out = prefix + name
        if method and method != name and not name.endswith("." + method):
            out += f" [as {method}]"
        return out
    return (type_name + "." if type_name else "") + (method or "<anonymous>")


def _chain(o: Any) -> Iterator[JSObject]:
    p = o if isinstance(o, JSObject) else None
    seen = 0
    while p is not None and seen < 1000:
        yield p
        p = p.proto
        seen += 1


def _data(o: Any, key: Any) -> Any:
    for p in _chain(o):
        props = getattr(p, "props", None)
        if props is not None and key in props:
            v = props[key]
            return None if v.__class__ is Accessor else v
    return None


def _type_name(this: Any) -> str:
    t = _PRIMITIVE_TYPES.get(type(this))
    if t is not None:
        return t
    if not isinstance(this, JSObject):
        return ""
    if this.__class__ in (JSFunction, JSNativeFunction, JSBoundFunction):
        n = this.props.get("name", "")
        if type(n) is str and n:
            return n      # a static method: the class's name
    tag = _data(this, SYM_TO_STRING_TAG)
    if type(tag) is str and tag:
        return tag
    ctor = _data(this, "constructor")
    if isinstance(ctor, JSObject):
        n = ctor.props.get("name", "")
        if type(n) is str and n:
            return n
    return "Object"


def _holds(v: Any, fn: Any) -> bool:
    if v is fn:
        return True
    return v.__class__ is Accessor and (v.get is fn or v.set is fn)


def _method_name(this: Any, fn: Any, name: str) -> str:
    """The property of the receiver (or its prototypes) holding ``fn``: its own name when that
    fits, else the one enumerable key that holds it."""
    holder = this if isinstance(this, JSObject) else None
    if holder is None:
        return ""
    key = name[4:] if name.startswith(("get ", "set ")) else name
    if key:
        for p in _chain(holder):
            props = getattr(p, "props", None)
            if props is not None and key in props:
                if _holds(props[key], fn):
                    return key
                break
    found = ""
    for p in _chain(holder):
        props = getattr(p, "props", None)
        if props is None:
            continue
        flags = getattr(p, "flags", None) or {}
        for k, v in props.items():
            if type(k) is str and _holds(v, fn) and flags.get(k, W | E | C) & E:
                if found and found != k:
                    return ""
                found = k
    return found


# -- positions ---------------------------------------------------------------------------------

def _where(m: Any, e: Entry, callee: Optional[Entry], message: Optional[str], ctor: str,
           via: str) -> str:
    name = m.host.filename or "<anonymous>"
    node = e.node
    if node is None:
        return name
    pos = None
    text = getattr(e.prog, "text", None)
    if text is not None:
        try:
            if ctor:
                pos = _call_position(text, _find_call(node, {ctor, "super"}, True))
            elif message is not None:
                pos = _operation_position(text, node, message)
            elif callee is not None:
                names = {via} if via else _call_names(callee)
                call = _find_call(node, names, callee.kind == K_CONSTRUCT)
                pos = _call_position(text, call) if call is not None else \
                    _accessor_position(text, node, callee)
        except Exception:  # a trace is best effort: fall back to the statement
            pos = None
    if pos is None:
        return f"{name}:{node.line}:{node.column + 1}"
    return f"{name}:{pos[0]}:{pos[1] + 1}"


def _call_names(e: Entry) -> set:
    names = {_function_name(e)}
    if e.fn is not None and isinstance(e.this, JSObject):
        names.add(_method_name(e.this, e.fn, _function_name(e)))
    if e.fn is not None and e.kind == K_CONSTRUCT:
        names.add("super")
    names.discard("")
    return names


def _accessor_position(text: str, node: Any, callee: Entry) -> Optional[tuple]:
    """A getter or setter runs where its property is read or written: V8 points at the key."""
    name = _function_name(callee)
    if not name.startswith(("get ", "set ")):
        return None
    key = name[4:]
    for n in _walk(node):
        if n.type == "MemberExpression" and _key_matches(n, key):
            return _member_key_position(text, n)
    return None


def _walk(node: Any) -> Iterator[Any]:
    """The nodes of one function's code under ``node``, in source order (nested functions'
    bodies are other frames' business)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if n is not node and n.type in _FUNCTIONS:
            continue
        kids = list(n.iter_children())
        kids.reverse()
        stack.extend(kids)


def _callee_name(callee: Any) -> str:
    t = callee.type
    if t == "Identifier":
        return callee.name
    if t == "Super":
        return "super"
    if t == "MemberExpression" and not callee.computed and callee.property.type == "Identifier":
        return callee.property.name
    if t == "ChainExpression":
        return _callee_name(callee.expression)
    return ""


def _find_call(node: Any, names: set, new: bool) -> Any:
    calls = [n for n in _walk(node) if n.type in ("CallExpression", "NewExpression")]
    for want_new in ((True, False) if new else (False, True)):
        for c in calls:
            if (c.type == "NewExpression") == want_new and _callee_name(c.callee) in names:
                return c
    return calls[0] if len(calls) == 1 else None


def _offset_pos(text: str, off: int) -> tuple:
    return text.count("\n", 0, off) + 1, off - (text.rfind("\n", 0, off) + 1)


def _node_pos(n: Any) -> tuple:
    return n.line, n.column


def _call_position(text: str, call: Any) -> Optional[tuple]:
    """Where V8 puts a call: ``new``; the called name when the token before ``(`` is a name
    (``f(``, ``o.m(``, ``super(``); else the ``(``."""
    if call is None:
        return None
    if call.type == "NewExpression":
        return _node_pos(call)
    callee = call.callee
    if callee.type == "ChainExpression":
        callee = callee.expression
    if callee.type in ("Identifier", "Super"):
        return _node_pos(callee)
    if callee.type == "MemberExpression" and not callee.computed:
        return _node_pos(callee.property)
    i = text.find("(", callee.end)
    return _offset_pos(text, i) if i >= 0 else _node_pos(call)


def _operator_position(text: str, left: Any, right: Any) -> tuple:
    i = left.end
    while i < right.start and text[i] in " \t\r\n)":
        i += 1
    return _offset_pos(text, i)


def _key_matches(member: Any, key: str) -> bool:
    p = member.property
    if not member.computed:
        return getattr(p, "name", None) == key
    if p.type == "Literal":
        v = p.value
        if type(v) is float and v.is_integer():
            v = str(int(v))
        return str(v) == key
    return False


def _member_key_position(text: str, member: Any) -> tuple:
    if not member.computed:
        return _node_pos(member.property)
    i = text.rfind("[", member.object.end, member.property.start)
    return _offset_pos(text, i) if i >= 0 else _node_pos(member.property)


def _source(text: str, n: Any) -> str:
    return text[n.start:n.end]


_READ = re.compile(r"Cannot read properties of .* \(reading '(.*)'\)$")
_SET = re.compile(r"Cannot set properties of .* \(setting '(.*)'\)$")
_NOT_DEFINED = re.compile(r"(.+) is not defined$")
_NOT_FUNCTION = re.compile(r"(.+) is not a function")
_NOT_ITERABLE = re.compile(r"(.+) is not iterable")
_DESTRUCTURE = re.compile(r"Cannot destructure property '(.*)' of")


def _operation_position(text: str, node: Any, message: str) -> Optional[tuple]:
    """The place of the operation an engine-made error's message names, inside ``node``."""
    finder = _finder_for(message)
    return finder(text, node) if finder is not None else None


def _first(node: Any, test: Callable[[Any], bool],
           where: Callable[[Any], tuple]) -> Optional[tuple]:
    """``where(n)`` of the first node under ``node`` (source order) that passes ``test``."""
    for n in _walk(node):
        if test(n):
            return where(n)
    return None


def _finder_for(message: str) -> Optional[Callable]:
    """``finder(text, node)``: where, inside ``node``, the operation ``message`` names is."""
    r = _READ.match(message)
    if r:
        key = r.group(1)

        def cannot_read(text: str, node: Any) -> Optional[tuple]:
            compound = set()
            for n in _walk(node):
                if n.type == "AssignmentExpression" and n.operator != "=":
                    compound.add(id(n.left))
                if n.type == "MemberExpression" and _key_matches(n, key):
                    if id(n) in compound:
                        # V8 places a compound assignment's read at its object
                        o = n.object
                        return _member_key_position(text, o) if o.type == "MemberExpression" \
                            else _node_pos(o)
                    return _member_key_position(text, n)
            return None
        return cannot_read
    r = _SET.match(message)
    if r:
        key = r.group(1)
        return lambda text, node: _first(
            node, lambda n: n.type == "AssignmentExpression" and n.left.type == "MemberExpression"
            and _key_matches(n.left, key), lambda n: _operator_position(text, n.left, n.right))
    if message == "Assignment to constant variable.":
        return lambda text, node: _first(
            node, lambda n: n.type == "AssignmentExpression" and n.left.type == "Identifier",
            lambda n: _operator_position(text, n.left, n.right))
    r = _NOT_DEFINED.match(message)
    if r:
        name = r.group(1)
        return lambda text, node: _first(
            node, lambda n: n.type == "Identifier" and n.name == name, _node_pos)
    r = _NOT_FUNCTION.match(message)
    if r:
        shown = r.group(1)

        def not_a_function(text: str, node: Any) -> Optional[tuple]:
            calls = [n for n in _walk(node) if n.type == "CallExpression"]
            for c in calls:
                if _source(text, c.callee) == shown:
                    return _call_position(text, c)
            return _call_position(text, calls[0]) if len(calls) == 1 else None
        return not_a_function
    if message.endswith("is not a constructor"):
        return lambda text, node: _first(node, lambda n: n.type == "NewExpression", _node_pos)
    r = _NOT_ITERABLE.match(message)
    if r:
        def not_iterable(text: str, node: Any) -> Optional[tuple]:
            for n in _walk(node):
                target = n.right if n.type == "ForOfStatement" else \
                    n.argument if n.type == "SpreadElement" else None
                if target is not None:
                    return _node_pos(target)
            return None
        return not_iterable
    r = _DESTRUCTURE.match(message)
    if r:
        key = r.group(1)
        return lambda text, node: _first(
            node, lambda n: n.type == "Property" and getattr(n.key, "name", None) == key,
            lambda n: _node_pos(n.key))
    if message.startswith(("Cannot mix BigInt", "Cannot convert a Symbol")):
        return lambda text, node: _first(
            node, lambda n: n.type == "BinaryExpression",
            lambda n: _operator_position(text, n.left, n.right))
    return None


# -- async -------------------------------------------------------------------------------------

def _async_trace(m: Any, ff: FuncFrame, lines: list) -> None:
    """Below a resumed async function: the async functions awaiting it, as node prints them
    ("at async name"), found through the await reactions on its promise."""
    name = m.host.filename or "<anonymous>"
    p: Optional[P.JSPromise] = ff.promise
    while len(lines) < MAX_LINES and p is not None and p.fulfill_reactions:
        waiter = None
        for r in p.fulfill_reactions:
            if r.handler.__class__ is P.AsyncResume and r.handler.frames:
                waiter = r.handler.frames
                break
        if waiter is None:
            return
        wf = waiter[0]
        fn = wf.func
        n = fn.props.get("name", "") if fn is not None else ""
        node = waiter[-1].code.node if waiter[-1].code is not None else None
        where = f"{name}:{node.line}:{node.column + 1}" if node is not None else name
        if wf.kind == K_SCRIPT:
            lines.append(f"    at async {where}")
            return
        lines.append(f"    at async {n if type(n) is str and n else '<anonymous>'} ({where})")
        p = getattr(wf, "promise", None)
