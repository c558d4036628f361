"""Destructuring whose default values contain `await` or `yield` (ES2017 12.15.5, 13.3.3).

Such a pattern cannot be a Python closure (a default may suspend the function), so it runs
on a frame: ``PatternFrame`` walks the pattern's properties or elements, evaluating defaults
and computed keys on frames of their own and binding targets with the closure binders of
patterns.py.  Iteration (array patterns) uses implicit calls; nested patterns that suspend
get a frame of their own.  Patterns without await/yield never come here.
"""
from __future__ import annotations

from typing import Any

from ..compiler import Code, compiles
from ..frames import Frame
from ..operations.errors import type_error
from ..operations.type_conversion import to_property_key
from ..values import NULL, JSArray, JSThrow
from .expressions import get_computed, get_member


def contains_suspend(node: Any) -> bool:
    for n in node.walk():
        if n.type in ("AwaitExpression", "YieldExpression"):
            return True
    return False


class PatternBinder:
    """What compile_pattern returns for a suspending pattern: push ``frame(scope, value)``."""
    __slots__ = ("code",)

    def __init__(self, code: Code) -> None:
        self.code = code

    def frame(self, scope: Any, value: Any) -> Frame:
        f = Frame(self.code.step, self.code, scope)
        f.vals = [value, None, None]  # [value destructured, iterator or None, done flag]
        return f


def _unsupported_target(s: list, v: Any) -> None:
    from ..operations.errors import syntax_error
    raise syntax_error("await/yield inside a destructuring target is not supported yet")


def pattern_binder(prog: Any, pattern: Any) -> PatternBinder:
    return PatternBinder(prog.code(pattern))


def _entries(prog: Any, node: Any, mode: str, strict: bool) -> list:
    """One entry per property/element: (kind, const key, key Code, target, default Code)."""
    from .patterns import _target
    out = []
    items = node.properties if node.type == "ObjectPattern" else node.elements
    for p in items:
        if p is None:
            out.append(("hole", None, None, None, None))
            continue
        if node.type == "ObjectPattern":
            if p.computed:
                ck, kc = None, prog.code(p.key)
            else:
                k = p.key
                ck = k.name if k.type == "Identifier" else to_property_key(
                    float(k.value) if type(k.value) in (int, float) else k.value)
                kc = None
            value = p.value
        else:
            ck = kc = None
            value = p
        kind = "one"
        if value.type == "RestElement":
            kind = "rest"
            value = value.argument
        dflt = None
        if value.type == "AssignmentPattern":
            dflt = prog.code(value.right)
            value = value.left
        if value.type in ("ObjectPattern", "ArrayPattern") and \
                (not prog.closures or contains_suspend(value)):
            target: Any = pattern_binder(prog, value)
        elif contains_suspend(value):
            target = _unsupported_target  # `[...{}[yield]] = v`: the target itself suspends
        else:
            target = _target(prog, value, mode, strict)
        out.append((kind, ck, kc, target, dflt))
    return out


@compiles("ObjectPattern", "ArrayPattern")
def c_suspend_pattern(prog: Any, node: Any, code: Code) -> None:
    mode, strict = prog.info.pattern_mode.get(id(node), ("assign", False))
    code.kids = _entries(prog, node, mode, strict)
    code.step = step_pattern
    code.ab = pattern_abrupt
    code.b = node.type == "ArrayPattern"


# frame: vals = [value, iterator, iterator done]; pc = entry index; x = (phase, partial value)
def step_pattern(m: Any, f: Frame) -> None:
    code = f.code
    entries = code.kids
    is_array = code.b
    value, it, _done = f.vals
    s = f.scope
    if f.pc == 0 and f.x is None:
        if value is None or value is NULL:
            if not is_array:
                raise type_error(f"Cannot destructure '{'undefined' if value is None else 'null'}' as "
                                 f"it is {'undefined' if value is None else 'null'}.")
        if is_array:
            from ..operations.iteration import get_iterator
            f.vals[1] = get_iterator(value)
        f.x = (0, None)
    while f.pc < len(entries):
        kind, ck, kc, target, dflt = entries[f.pc]
        phase, got = f.x
        if phase == 0:  # fetch the element / property value
            if is_array:
                got = _next_value(f, kind)
            else:
                if kc is not None:
                    if kc.ev is None:
                        f.x = (10, None)
                        m.stack.append(Frame(kc.step, kc, s))
                        return
                    key = to_property_key(kc.ev(s))
                else:
                    key = ck
                got = get_member(value, key)
            phase = 1
        elif phase == 10:  # a computed key arrived
            got = get_member(value, to_property_key(m.rv))
            phase = 1
        elif phase == 11:  # a default arrived
            got = m.rv
            phase = 2
        elif phase == 12:  # a nested pattern finished
            f.pc += 1
            f.x = (0, None)
            continue
        if phase == 1:
            if got is None and dflt is not None:
                if dflt.ev is None:
                    f.x = (11, None)
                    m.stack.append(Frame(dflt.step, dflt, s))
                    return
                got = dflt.ev(s)
            phase = 2
        if kind == "hole":
            f.pc += 1
            f.x = (0, None)
            continue
        # phase 2: bind
        if target.__class__ is PatternBinder:
            f.x = (12, None)
            m.stack.append(target.frame(s, got))
            return
        target(s, got)
        f.pc += 1
        f.x = (0, None)
    it = f.vals[1]
    if it is not None and not f.vals[2]:
        from ..operations.iteration import iterator_close
        f.vals[2] = True
        iterator_close(it, False)
    m.stack.pop()
    m.rv = value


def _next_value(f: Frame, kind: str) -> Any:
    from ..operations.iteration import iterator_step, iterator_value
    it = f.vals[1]
    if kind == "rest":
        rest = []
        while not f.vals[2]:
            v = _step_one(f, it, iterator_step, iterator_value)
            if not f.vals[2]:
                rest.append(v)
        from ..runtime import CTX
        return JSArray(CTX.realm.array_prototype, rest)
    if f.vals[2]:
        return None
    return _step_one(f, it, iterator_step, iterator_value)


def _step_one(f: Frame, it: Any, iterator_step: Any, iterator_value: Any) -> Any:
    try:
        r = iterator_step(it)
        if r is False:
            f.vals[2] = True
            return None
        return iterator_value(r)
    except JSThrow:
        f.vals[2] = True  # the iterator failed: not closed
        raise


def pattern_abrupt(m: Any, f: Frame, kind: int, value: Any, label: Any) -> bool:
    """An abrupt completion leaving an array pattern closes its iterator (IteratorClose)."""
    it = f.vals[1] if f.vals else None
    if it is not None and not f.vals[2]:
        from ..operations.iteration import iterator_close
        f.vals[2] = True
        if kind == 4:
            try:
                iterator_close(it, True)
            except JSThrow:
                pass
        else:
            iterator_close(it, False)
    return False


_ = get_computed
