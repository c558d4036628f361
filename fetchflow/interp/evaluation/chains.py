"""Optional chains (ES2020 13.3.9 OptionalExpression; ES2023 13.3.9): ``a?.b``, ``a?.[k]``,
``a?.()``, ``a.b?.()``, ``delete a?.b`` and parenthesised chains used as callees.

A chain compiles flat: one base expression, then its links (``.name``, ``[key]``, ``(args)``)
from the innermost out.  A link marked optional that meets undefined or null skips to the
end of its chain (``end``) with the value undefined: for ``a?.b.c(x)`` nothing after ``a``
is evaluated, arguments included.  A parenthesised chain inside an outer one is a group of
links with an earlier ``end``: ``(a?.b).c`` short-circuits only ``.b`` and then reads ``.c``
of undefined.  The object a member link read from is kept as the ``this`` of a call link
that follows it (``a.b?.()`` calls with ``this`` = ``a``), as EvaluateCall does with the
chain's Reference.

Both compile modes run the same links: ``chain_value`` for a call-free chain (a closure),
``step_chain`` on a heap frame otherwise.  The frame keeps its progress in its slots: ``pc``
the next link, ``vals`` the operand values (key or arguments) of the link in progress, ``x``
``[value, this, waiting]`` where ``waiting`` says what the value arriving in ``m.rv`` is.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from ..compiler import Code, compiles
from ..frames import Frame
from ..operations.errors import type_error
from ..operations.type_conversion import to_object, to_property_key
from ..values import NULL
from .expressions import (_super_base, get_computed, get_member, get_named, is_named_key, is_strict,
                          kid, read_member)
from .operands import call_checked, flatten
from .private_names import private_get, private_name_getter
from .references import make_get, make_with_lookup

DOT, INDEX, CALL, DELETE, APPLY = range(5)

W_NONE, W_BASE, W_OPERAND, W_CALL = range(4)


@dataclass(slots=True)
class ChainLink:
    """One ``.name`` / ``[key]`` / ``(args)`` of a chain (or the final delete of ``delete a?.b``)."""
    kind: int
    optional: bool              # ``?.`` before it: undefined or null skips to ``end``
    end: int                    # the index of the first link after its chain
    name: Any = None            # DOT / DELETE of a constant key
    getter: Optional[Callable] = None   # DOT: get_named or get_member (read_member's choice)
    kids: tuple = ()            # INDEX / DELETE: (key,); CALL: the argument Codes
    spread: bool = False        # CALL: an argument is ``...x``
    text: str = ""              # CALL: the callee's source text, for "is not a function"
    strict: bool = False        # DELETE: a failed delete throws
    fn: Optional[Callable] = None  # APPLY: fn(scope, value) -> value (e.g. a private name read)


@dataclass(slots=True)
class ChainPayload:
    """A chain on a frame (step_chain) or in its closure (chain_value)."""
    base: Code                  # the innermost non-chain expression
    pair: Optional[Callable]    # pair(scope) -> (value, this): a base whose Reference gives this
    base_this: Optional[Callable]  # this_of(scope) for a ``super.x`` base
    links: tuple
    short: Any                  # the value of the whole chain when it short-circuits


def _is_link(n: Any) -> bool:
    t = n.type
    if t == "MemberExpression":
        return n.object.type != "Super"
    if t == "CallExpression":
        # ``f()`` keeps its own compiler (direct eval, calls through ``with``) unless optional
        return n.callee.type != "Super" and (n.optional or n.callee.type != "Identifier")
    return t == "ChainExpression"


def _flatten(top: Any) -> tuple:
    """(base node, [(member or call node, group)] innermost first, group count)."""
    out: list = []
    group = 0
    groups = 1
    n = top
    while _is_link(n):
        if n.type == "ChainExpression":
            group = groups
            groups += 1
            n = n.expression
            continue
        out.append((n, group))
        n = n.object if n.type == "MemberExpression" else n.callee
    out.reverse()
    return n, out, groups


def compile_chain(prog: Any, top: Any, code: Code, delete: bool = False) -> None:
    """Compile ``top`` (a ChainExpression, or a call whose callee is one) as a flat chain;
    ``delete``: ``top`` is the operand of ``delete`` and ends in a member access."""
    base_node, flat, groups = _flatten(top)
    last: dict[int, int] = {}
    for i, (_n, g) in enumerate(flat):
        last[g] = i
    # a group's links are contiguous and an outer group ends after every inner one
    links = []
    strict = is_strict(prog, top)
    for i, (n, g) in enumerate(flat):
        end = last[g] + 1
        opt = bool(n.optional)
        if n.type == "CallExpression":
            links.append(ChainLink(CALL, opt, end, kids=tuple(kid(prog, a) for a in n.arguments),
                                   spread=any(a.type == "SpreadElement" for a in n.arguments),
                                   text=callee_text(prog, n.callee)))
            continue
        is_last = i == len(flat) - 1
        if n.property.type == "PrivateIdentifier":
            # ``a?.#x``: PrivateGet of the class evaluation (private_names); ``delete a?.#x``
            # is an early error
            links.append(ChainLink(APPLY, opt, end, fn=_private_reader(prog, n.property)))
            continue
        if delete and is_last:
            if n.computed:
                links.append(ChainLink(DELETE, opt, end, kids=(kid(prog, n.property),),
                                       strict=strict))
            else:
                links.append(ChainLink(DELETE, opt, end, name=n.property.name, strict=strict))
        elif n.computed:
            links.append(ChainLink(INDEX, opt, end, kids=(kid(prog, n.property),)))
        else:
            name = n.property.name
            links.append(ChainLink(DOT, opt, end, name=name,
                                   getter=get_named if is_named_key(name) else get_member))
    pair = base_this = None
    if base_node.type == "Identifier" and prog.res(base_node)[0] == "with":
        pair = _with_pair(prog, base_node)
    elif base_node.type == "MemberExpression":   # super.x / super[k]
        base_this = _super_base(prog, base_node.object)[1]
    base = kid(prog, base_node)
    code.p = ChainPayload(base, pair, base_this, tuple(links),
                          True if delete and top.type == "ChainExpression" else None)
    p = code.p
    all_ev = base.ev is not None and all(k.ev is not None for ln in links for k in ln.kids)
    if prog.closures and not prog.has_calls(top) and all_ev:
        code.ev = lambda s: chain_value(p, s)
        return
    code.step = step_chain
    if prog.closures and all_ev and links and links[-1].kind == CALL and \
            all(ln.kind != CALL for ln in links[:-1]):
        # ``a?.b.c(x)`` with call-free parts: made directly, no frame (step_ops, bodies)
        code.sc = lambda m, s: chain_call(m, p, s)


def _private_reader(prog: Any, node: Any) -> Callable[[list, Any], Any]:
    pn = private_name_getter(prog, node)
    return lambda s, v: private_get(v, pn(s))


def callee_text(prog: Any, n: Any) -> str:
    """The callee as V8 prints it in "... is not a function" (its CallPrinter): names,
    ``this``, literals and member chains (a string key as ``.key``), a call as ``f(...)``,
    anything else (a parenthesised chain, a function expression) ``(intermediate value)``."""
    t = n.type
    if t == "Identifier":
        return n.name
    if t == "ThisExpression":
        return "this"
    if t == "ChainExpression":
        return "(intermediate value)"
    if t == "CallExpression":
        return callee_text(prog, n.callee) + ("?.(...)" if n.optional else "(...)")
    if t == "MemberExpression" and n.object.type != "Super":
        o = callee_text(prog, n.object)
        dot = "?." if n.optional else "."
        key = n.property
        if not n.computed:
            return o + dot + key.name
        if key.type == "Literal" and type(key.value) is str:
            return o + dot + key.value
        if key.type in ("Identifier", "ThisExpression", "MemberExpression", "CallExpression",
                        "Literal"):
            shown = callee_text(prog, key)
        else:
            shown = prog.text[key.start:key.end]
            if key.type in ("BinaryExpression", "LogicalExpression"):
                shown = f"({shown})"
        return o + ("?.[" if n.optional else "[") + shown + "]"
    if t == "Literal" and n.regex is None and n.bigint is None:   # V8 prints no BigInt literal
        return prog.text[n.start:n.end]
    return "(intermediate value)"


def _with_pair(prog: Any, node: Any) -> Callable:
    """An identifier inside ``with``: its value and, found on a with-object, that object as
    ``this`` (ES2017 12.3.4.1 step 4.b.ii; the chain keeps the Reference)."""
    name = node.name
    lookup = make_with_lookup(prog, node, name)
    get = make_get(prog, node, name)

    def pair(s: list) -> tuple:
        o = lookup(s)
        if o is not None:
            return o.get(name, o), o
        return get(s), None
    return pair


def _delete(ln: ChainLink, o: Any, key: Any) -> bool:
    """ES2017 12.5.3.2 delete of a property reference (the end of ``delete a?.b``)."""
    if key is None:
        key = ln.name
    else:
        key = to_property_key(key)
    ok = to_object(o).delete(key)
    if not ok and ln.strict:
        raise type_error(f"Cannot delete property '{key if type(key) is str else key}' of object")
    return ok


def chain_value(p: ChainPayload, s: list) -> Any:
    """A call-free chain's value (its links are DOT, INDEX and DELETE)."""
    v = p.pair(s)[0] if p.pair is not None else p.base.ev(s)
    links = p.links
    n = len(links)
    i = 0
    while i < n:
        ln = links[i]
        if ln.optional and (v is None or v is NULL):
            i = ln.end
            v = p.short if i == n else None
            continue
        kind = ln.kind
        if kind == DOT:
            v = read_member(v, ln.name, ln.getter)
        elif kind == INDEX:
            v = get_computed(v, ln.kids[0].ev(s))
        elif kind == DELETE:
            v = _delete(ln, v, ln.kids[0].ev(s) if ln.kids else None)
        else:
            v = ln.fn(s, v)
        i += 1
    return v


def chain_call(m: Any, p: ChainPayload, s: list) -> None:
    """A chain whose one call is its last link, its other parts call-free: the links run
    here, then the call is made (or ``m.rv`` is the short-circuit value)."""
    if p.pair is not None:
        v, this = p.pair(s)
    else:
        v = p.base.ev(s)
        this = p.base_this(s) if p.base_this is not None else None
    links = p.links
    n = len(links) - 1
    i = 0
    while i < n:
        ln = links[i]
        if ln.optional and (v is None or v is NULL):
            i = ln.end
            v = this = None
            continue
        this = v
        if ln.kind == DOT:
            v = read_member(v, ln.name, ln.getter)
        elif ln.kind == INDEX:
            v = get_computed(v, ln.kids[0].ev(s))
        else:
            v = ln.fn(s, v)
        i += 1
    last = links[n]
    if i > n or (last.optional and (v is None or v is NULL)):
        m.rv = p.short
        return
    args = [k.ev(s) for k in last.kids]
    call_checked(m, v, this, flatten(args) if last.spread else args, last.text)


def step_chain(m: Any, f: Frame) -> None:
    """A chain with calls (or any chain in frames-only mode), one link at a time."""
    p = f.code.p
    s = f.scope
    x = f.x
    if x is None:
        x = f.x = [None, None, W_NONE]
        if p.pair is not None:
            x[0], x[1] = p.pair(s)
        else:
            b = p.base
            if b.ev is None:
                x[2] = W_BASE
                _push(m, b, s)
                return
            x[0] = b.ev(s)
            if p.base_this is not None:
                x[1] = p.base_this(s)
    else:
        w = x[2]
        x[2] = W_NONE
        if w == W_OPERAND:
            f.vals.append(m.rv)
        elif w == W_CALL:
            x[0] = m.rv
            x[1] = None
            f.vals = None
            f.pc += 1
        elif w == W_BASE:
            x[0] = m.rv
            if p.base_this is not None:
                x[1] = p.base_this(s)
    links = p.links
    n = len(links)
    while f.pc < n:
        ln = links[f.pc]
        v = x[0]
        if f.vals is None:
            if ln.optional and (v is None or v is NULL):
                f.pc = ln.end
                x[0] = p.short if ln.end == n else None
                x[1] = None
                continue
            kind = ln.kind
            if kind == DOT:
                x[0] = read_member(v, ln.name, ln.getter)
                x[1] = v
                f.pc += 1
                continue
            if kind == APPLY:
                x[0] = ln.fn(s, v)
                x[1] = v
                f.pc += 1
                continue
            f.vals = []
        vals = f.vals
        kids = ln.kids
        while len(vals) < len(kids):
            k = kids[len(vals)]
            if k.ev is not None:
                vals.append(k.ev(s))
            else:
                x[2] = W_OPERAND
                _push(m, k, s)
                return
        kind = ln.kind
        if kind == CALL:
            args = flatten(vals) if ln.spread else list(vals)
            x[2] = W_CALL
            call_checked(m, v, x[1], args, ln.text)
            return
        f.vals = None
        f.pc += 1
        if kind == INDEX:
            x[0] = get_computed(v, vals[0])
        else:
            x[0] = _delete(ln, v, vals[0] if vals else None)
        x[1] = v
    m.stack.pop()
    m.rv = x[0]


def _push(m: Any, k: Code, s: list) -> None:
    """Evaluate ``k`` on the stack; its value comes back in ``m.rv`` (or at once from a direct
    call of a native, after which this frame is on top again)."""
    if k.sc is not None:
        k.sc(m, s)
    else:
        m.stack.append(Frame(k.step, k, s))


@compiles("ChainExpression")
def c_chain(prog: Any, node: Any, code: Code) -> None:
    compile_chain(prog, node, code)
