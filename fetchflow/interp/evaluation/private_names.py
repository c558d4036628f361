"""Private names and private elements (ES2022 6.2.12, 7.3.26-7.3.32) and the expressions
that use them: ``o.#x`` reads, writes, updates and calls, ``#x in o``, ``#x`` destructuring
targets.

A class evaluation makes one ``PrivateName`` per private identifier it declares (a getter
and setter pair share one); it lives in the class scope under the binding ``#x`` (see
scope._class_elements), so a ``PrivateIdentifier`` resolves like a variable.  An object's
[[PrivateElements]] is its ``private`` slot: a dict PrivateName -> value, None until the
first element is added (most objects never get one).  Methods and accessors are the same
for every instance of one class evaluation, so they live on the PrivateName and the
object's entry is only its brand.  Messages are V8's (node 20).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from ..compiler import Code, compiles
from ..frames import Frame
from ..operations.calls import call
from ..operations.errors import type_error
from ..operations.operators import BINARY, js_increment
from ..operations.type_conversion import to_boolean, to_display
from ..values import NULL, JSObject
from .operands import call_checked, flatten, step_ops
from .references import _up, cannot_read


class PrivateName:
    """ES2022 6.2.12 Private Name, with what its class declared for it: a field, a method
    (``value``) or an accessor (``get``/``set``); ``brand`` words V8's receiver error."""
    __slots__ = ("description", "kind", "value", "get", "set", "brand")

    def __init__(self, description: str) -> None:
        self.description = description
        self.kind = "field"
        self.value: Optional[JSObject] = None
        self.get: Optional[JSObject] = None
        self.set: Optional[JSObject] = None
        self.brand = ""

    def __repr__(self) -> str:
        return f"<PrivateName {self.description}>"


def _elements(o: Any) -> Optional[dict]:
    return o.private if isinstance(o, JSObject) else None


def private_field_add(o: JSObject, pn: PrivateName, value: Any) -> None:
    """ES2022 7.3.28 PrivateFieldAdd"""
    d = _elements(o)
    if d is None:
        o.private = d = {}  # type: ignore[attr-defined]
    elif pn in d:
        raise type_error(f"Cannot initialize {pn.description} twice on the same object")
    d[pn] = value


def private_method_or_accessor_add(o: JSObject, pn: PrivateName) -> None:
    """ES2022 7.3.29 PrivateMethodOrAccessorAdd (the entry is the brand; the function is
    on the PrivateName)"""
    d = _elements(o)
    if d is None:
        o.private = d = {}  # type: ignore[attr-defined]
    elif pn in d:
        raise type_error(f"Cannot initialize private methods of {pn.brand.replace('an instance of ', '')} "
                         "twice on the same object")
    d[pn] = None


def _missing(pn: PrivateName, reading: bool) -> Exception:
    if pn.kind != "field":
        return type_error(f"Receiver must be {pn.brand}")
    if reading:
        return type_error(f"Cannot read private member {pn.description} from an object whose "
                          "class did not declare it")
    return type_error(f"Cannot write private member {pn.description} to an object whose class "
                      "did not declare it")


def private_get(o: Any, pn: PrivateName) -> Any:
    """ES2022 7.3.31 PrivateGet (after GetValue's ToObject: undefined and null throw, other
    primitives have no private elements)"""
    d = _elements(o)
    if d is None or pn not in d:
        if o is None or o is NULL:
            raise cannot_read(o, pn.description)
        raise _missing(pn, True)
    k = pn.kind
    if k == "field":
        return d[pn]
    if k == "method":
        return pn.value
    if pn.get is None:
        raise type_error(f"'{pn.description}' was defined without a getter")
    return call(pn.get, o, [])


def private_set(o: Any, pn: PrivateName, value: Any) -> None:
    """ES2022 7.3.32 PrivateSet"""
    d = _elements(o)
    if d is None or pn not in d:
        if o is None or o is NULL:
            raise type_error(f"Cannot set properties of {'undefined' if o is None else 'null'} "
                             f"(setting '{pn.description}')")
        raise _missing(pn, False)
    k = pn.kind
    if k == "field":
        d[pn] = value
    elif k == "method":
        raise type_error(f"Private method '{pn.description}' is not writable")
    elif pn.set is None:
        raise type_error(f"'{pn.description}' was defined without a setter")
    else:
        call(pn.set, o, [value])


def private_in(pn: PrivateName, o: Any) -> bool:
    """ES2022 13.10.1 RelationalExpression : PrivateIdentifier in ShiftExpression"""
    if not isinstance(o, JSObject):
        raise type_error(f"Cannot use 'in' operator to search for '{pn.description}' in "
                         f"{o if type(o) is str else to_display(o)}")
    d = _elements(o)
    return d is not None and pn in d


# -- compiling ----------------------------------------------------------------------------------

def private_name_getter(prog: Any, node: Any) -> Callable[[list], PrivateName]:
    """``scope -> PrivateName`` for a PrivateIdentifier (resolved like a variable)."""
    res = prog.res(node)
    if res[0] != "slot":
        name = node.name

        def undeclared(s: list) -> PrivateName:
            raise type_error(f"Private field '#{name}' must be declared in an enclosing class")
        return undeclared
    hops, slot = res[1], res[2]
    if hops == 0:
        return lambda s: s[slot]
    if hops == 1:
        return lambda s: s[0][slot]
    return lambda s: _up(s, hops)[slot]


@compiles("PrivateIdentifier")
def c_private_identifier(prog: Any, node: Any, code: Code) -> None:
    """A PrivateIdentifier as an operand evaluates to its PrivateName."""
    code.ev = private_name_getter(prog, node)


def is_private_member(node: Any) -> bool:
    return node.type == "MemberExpression" and node.property.type == "PrivateIdentifier"


def compile_private_member(prog: Any, node: Any, code: Code) -> None:
    """``o.#x`` (ES2022 13.3.2.1 MemberExpression : MemberExpression . PrivateIdentifier)."""
    obj = prog.code(node.object)
    pn = private_name_getter(prog, node.property)
    if prog.closures and obj.ev is not None:
        oev = obj.ev
        code.ev = lambda s: private_get(oev(s), pn(s))
        return
    code.kids = [obj]
    code.step = step_ops

    def fin(m: Any, f: Frame, vals: list) -> None:
        v = private_get(vals[0], pn(f.scope))
        m.stack.pop()
        m.rv = v
    code.fin = fin


def compile_private_in(prog: Any, node: Any, code: Code) -> None:
    """``#x in o``"""
    right = prog.code(node.right)
    pn = private_name_getter(prog, node.left)
    if prog.closures and right.ev is not None:
        rev = right.ev
        code.ev = lambda s: private_in(pn(s), rev(s))
        return
    code.kids = [right]
    code.step = step_ops

    def fin(m: Any, f: Frame, vals: list) -> None:
        v = private_in(pn(f.scope), vals[0])
        m.stack.pop()
        m.rv = v
    code.fin = fin


def compile_private_call(prog: Any, node: Any, code: Code) -> None:
    """``o.#m(args)``: this is o (ES2022 13.3.6.1 EvaluateCall with a private reference)."""
    callee = node.callee
    obj = prog.code(callee.object)
    pn = private_name_getter(prog, callee.property)
    args = [prog.code(a) for a in node.arguments]
    spread = any(a.type == "SpreadElement" for a in node.arguments)
    text = prog.text[callee.start:callee.end]
    code.kids = [obj] + args
    code.step = step_ops

    def fin(m: Any, f: Frame, vals: list) -> None:
        o = vals[0]
        fn = private_get(o, pn(f.scope))
        a = flatten(vals[1:]) if spread else vals[1:]
        m.stack.pop()
        call_checked(m, fn, o, a, text)
    code.fin = fin


# -- writes: =, op=, logical assignment, ++/-- ----------------------------------------------------

@dataclass(slots=True)
class PrivateUpdatePayload:
    """``o.#x = v``, ``o.#x op= v``, ``o.#x &&= v`` ..., ``o.#x++`` on a frame."""
    obj: Code
    pn: Callable[[list], PrivateName]
    mode: str                       # "=", "op", "&&", "||", "??", "++"
    op: Optional[Callable]          # the binary operator of "op"
    rhs: Optional[Code]
    delta: float                    # ++/--: +1.0 or -1.0
    prefix: bool


def _short_circuits(mode: str, old: Any) -> bool:
    if mode == "&&":
        return not _truthy(old)
    if mode == "||":
        return _truthy(old)
    return old is not None and old is not NULL


def _truthy(v: Any) -> bool:
    return v if v.__class__ is bool else to_boolean(v)


def _update_value(p: PrivateUpdatePayload, old: Any) -> tuple:
    """++/--: (new value, expression value) from the old value (ES2022 13.4.2-13.4.5)."""
    n, new = js_increment(old, p.delta)
    return new, (new if p.prefix else n)


def compile_private_update(prog: Any, node: Any, code: Code) -> None:
    """An AssignmentExpression or UpdateExpression whose target is ``o.#x`` (ES2022 13.15.2:
    the object, then PrivateGet for compound forms, then the right-hand side, then PrivateSet)."""
    if node.type == "UpdateExpression":
        target, mode, op, rhs = node.argument, "++", None, None
        delta = 1.0 if node.operator == "++" else -1.0
    else:
        target, rhs = node.left, prog.code(node.right)
        delta = 0.0
        o = node.operator
        if o == "=":
            mode, op = "=", None
        elif o in ("&&=", "||=", "??="):
            mode, op = o[:-1], None
        else:
            mode, op = "op", BINARY[o[:-1]]
    p = PrivateUpdatePayload(prog.code(target.object), private_name_getter(prog, target.property),
                             mode, op, rhs, delta, getattr(node, "prefix", False))
    if prog.closures and p.obj.ev is not None and (rhs is None or rhs.ev is not None):
        oev, pn, rev = p.obj.ev, p.pn, (rhs.ev if rhs is not None else None)

        def ev(s: list) -> Any:
            o = oev(s)
            k = pn(s)
            if mode == "=":
                v = rev(s)  # type: ignore[misc]
                private_set(o, k, v)
                return v
            old = private_get(o, k)
            if mode == "++":
                new, out = _update_value(p, old)
                private_set(o, k, new)
                return out
            if mode != "op" and _short_circuits(mode, old):
                return old
            v = rev(s)  # type: ignore[misc]
            if mode == "op":
                v = op(old, v)  # type: ignore[misc]
            private_set(o, k, v)
            return v
        code.ev = ev
        return
    code.p = p
    code.step = step_private_update


def step_private_update(m: Any, f: Frame) -> None:
    """pc 0: evaluate the object; 1: the object arrived; 2: the right-hand side arrived.
    x = [object, PrivateName, old value]."""
    p: PrivateUpdatePayload = f.code.p
    s = f.scope
    if f.pc == 0:
        f.pc = 1
        if p.obj.ev is None:
            m.stack.append(Frame(p.obj.step, p.obj, s))
            return
        m.rv = p.obj.ev(s)
    if f.pc == 1:
        o = m.rv
        k = p.pn(s)
        mode = p.mode
        old = None
        if mode != "=":
            old = private_get(o, k)
            if mode == "++":
                new, out = _update_value(p, old)
                private_set(o, k, new)
                m.stack.pop()
                m.rv = out
                return
            if mode != "op" and _short_circuits(mode, old):
                m.stack.pop()
                m.rv = old
                return
        f.x = [o, k, old]
        f.pc = 2
        rhs = p.rhs
        if rhs.ev is None:  # type: ignore[union-attr]
            m.stack.append(Frame(rhs.step, rhs, s))  # type: ignore[union-attr]
            return
        m.rv = rhs.ev(s)  # type: ignore[union-attr]
    o, k, old = f.x
    v = m.rv
    if p.mode == "op":
        v = p.op(old, v)  # type: ignore[misc]
    private_set(o, k, v)
    m.stack.pop()
    m.rv = v
