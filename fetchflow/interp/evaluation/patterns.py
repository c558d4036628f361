"""Destructuring: BindingInitialization (ES2017 13.3.3.5) and DestructuringAssignmentEvaluation
(ES2017 12.15.5.2), compiled to a Python function ``bind(scope, value)``.

Iteration and default values that contain calls run as implicit (nested) calls: a
pattern never suspends, so this cannot hide an await or yield (patterns containing
those are rejected at compile time).
"""
from __future__ import annotations

from typing import Any, Callable, cast, Optional

from ..operations.errors import syntax_error, type_error
from ..operations.type_conversion import to_object, to_property_key
from ..values import NULL, JSArray, JSObject, JSThrow
from .expressions import get_computed, get_member, put_computed, put_member
from .references import make_init, make_put


def _value_of(prog: Any, node: Any) -> Callable:
    """A closure evaluating an expression, through a nested run if it contains calls."""
    code = prog.code(node)
    if code.ev is not None:
        return code.ev
    m = prog.machine

    def ev(s: list) -> Any:
        return m.eval_nested(code, s)
    return ev


def _contains_suspend(node: Any) -> bool:
    for n in node.walk():
        if n.type in ("AwaitExpression", "YieldExpression"):
            return True
    return False


def compile_pattern(prog: Any, pattern: Any, mode: str, strict: bool, frames: bool = False) -> Any:
    """Return ``bind(scope, value)``; mode is "init" (declarations), "assign" or "var".
    With ``frames``, a pattern whose defaults await or yield gives a PatternBinder instead
    (the caller pushes its frame)."""
    if frames and pattern.type in ("ObjectPattern", "ArrayPattern") and \
            (not prog.closures or _contains_suspend(pattern)):
        from .suspend_patterns import pattern_binder
        return pattern_binder(prog, pattern)
    if _contains_suspend(pattern):
        def bad(s: list, v: Any) -> None:
            raise syntax_error("await/yield inside a destructuring pattern is not supported yet")
        return bad
    return _compile(prog, pattern, mode, strict)


def _target(prog: Any, node: Any, mode: str, strict: bool) -> Callable:
    t = node.type
    if t == "Identifier":
        if mode == "assign" or mode == "var":
            return make_put(prog, node, node.name, strict)
        return make_init(prog, node, node.name)
    if t == "MemberExpression":
        return MemberTarget(_value_of(prog, node.object),
                            _value_of(prog, node.property) if node.computed else None,
                            None if node.computed else node.property.name, strict)
    return _compile(prog, node, mode, strict)


class MemberTarget:
    """A member expression as a destructuring target.  Its reference (object and key) is
    evaluated before the value is fetched (ES2017 12.15.5.5 step 1, 12.15.5.6 step 1):
    ``prepare(scope)`` then ``put(ref, value)``; calling it does both."""
    __slots__ = ("obj", "key", "name", "strict")

    def __init__(self, obj: Callable, key: Any, name: Any, strict: bool) -> None:
        self.obj = obj
        self.key = key
        self.name = name
        self.strict = strict

    def prepare(self, s: list) -> tuple:
        o = self.obj(s)
        return (o, self.key(s) if self.key is not None else self.name)

    def put(self, ref: tuple, v: Any) -> None:
        if self.key is not None:
            put_computed(ref[0], ref[1], v, self.strict)
        else:
            put_member(ref[0], ref[1], v, self.strict)

    def __call__(self, s: list, v: Any) -> None:
        self.put(self.prepare(s), v)


def _with_default(prog: Any, node: Any, mode: str, strict: bool) -> tuple:
    """(target binder, default closure or None, name for anonymous functions)."""
    if node.type == "AssignmentPattern":
        # an anonymous function default is named when made (scope.inferred_names)
        return _target(prog, node.left, mode, strict), _value_of(prog, node.right)
    return _target(prog, node, mode, strict), None


def _compile(prog: Any, pattern: Any, mode: str, strict: bool) -> Callable:
    t = pattern.type
    if t == "Identifier" or t == "MemberExpression":
        return _target(prog, pattern, mode, strict)
    if t == "AssignmentPattern":
        tgt, dflt = _with_default(prog, pattern, mode, strict)

        def bind_d(s: list, v: Any) -> None:
            if v is None:
                v = dflt(s)
            tgt(s, v)
        return bind_d
    if t == "ObjectPattern":
        props = []
        for p in pattern.properties:
            if p.type == "RestElement":
                raise NotImplementedError("object rest is ES2018")
            if p.computed:
                kf = _value_of(prog, p.key)
                ck = None
            else:
                kf = None
                k = p.key
                ck = k.name if k.type == "Identifier" else to_property_key(
                    float(k.value) if type(k.value) in (int, float) else k.value)
            tgt, dflt = _with_default(prog, p.value, mode, strict)
            props.append((ck, kf, tgt, dflt))

        def bind_o(s: list, v: Any) -> None:
            if v is None or v is NULL:
                raise type_error(f"Cannot destructure '{'undefined' if v is None else 'null'}' as it is "
                                 f"{'undefined' if v is None else 'null'}.")
            for ck, kf, tgt, dflt in props:
                key = ck if kf is None else to_property_key(kf(s))
                ref = tgt.prepare(s) if tgt.__class__ is MemberTarget else None
                x = get_member(v, key)
                if x is None and dflt is not None:
                    x = dflt(s)
                if ref is not None:
                    tgt.put(ref, x)
                else:
                    tgt(s, x)
        return bind_o
    if t == "ArrayPattern":
        elems: list[Optional[tuple[str, Callable, Optional[Callable]]]] = []  # None: an elision
        for e in pattern.elements:
            if e is None:
                elems.append(None)
            elif e.type == "RestElement":
                elems.append(("rest", _target(prog, e.argument, mode, strict), None))
            else:
                tgt, dflt = _with_default(prog, e, mode, strict)
                elems.append(("one", tgt, dflt))

        def bind_a(s: list, v: Any) -> None:
            from ..operations.iteration import (get_iterator, iterator_close, iterator_step,
                                                iterator_value)
            if v.__class__ is JSArray and _plain_array_iteration(prog.machine, v):
                # elems is a list here (_plain_array_iteration checked it); the ignores below
                # save a cast call per destructuring
                items = v.elems
                i = 0
                for el in elems:
                    if el is None:
                        i += 1
                        continue
                    kind, tgt, dflt = el
                    if kind == "rest":
                        tgt(s, JSArray(prog.machine.realm.array_prototype,
                                       [get_computed(v, float(j)) for j in range(i, len(v.elems))]))  # type: ignore[arg-type]
                        return
                    x = get_computed(v, float(i)) if i < len(items) else None  # type: ignore[arg-type]
                    i += 1
                    if x is None and dflt is not None:
                        x = dflt(s)
                    tgt(s, x)
                return
            it = get_iterator(v)
            state = [False]  # done: the iterator finished or threw (no IteratorClose then)

            def step() -> Any:
                try:
                    r = iterator_step(it)
                except BaseException:
                    state[0] = True
                    raise
                if r is False:
                    state[0] = True
                    return False
                try:
                    return iterator_value(r)
                except BaseException:
                    state[0] = True
                    raise
            try:
                for el in elems:
                    if el is None:
                        if not state[0]:
                            step()
                        continue
                    kind, tgt, dflt = el
                    ref = tgt.prepare(s) if tgt.__class__ is MemberTarget else None
                    if kind == "rest":
                        rest = []
                        while not state[0]:
                            x = step()
                            if not state[0]:
                                rest.append(x)
                        x = JSArray(prog.machine.realm.array_prototype, rest)
                    else:
                        x = None
                        if not state[0]:
                            x = step()
                            if state[0]:
                                x = None
                        if x is None and dflt is not None:
                            x = dflt(s)
                    if ref is not None:
                        cast(MemberTarget, tgt).put(ref, x)
                    else:
                        tgt(s, x)
            except JSThrow:
                if not state[0]:
                    try:
                        iterator_close(it, True)
                    except JSThrow:
                        pass
                raise
            if not state[0]:
                iterator_close(it, False)
        return bind_a
    raise NotImplementedError(t)


def _plain_array_iteration(m: Any, a: JSArray) -> bool:
    """Whether iterating ``a`` can skip the iterator protocol (nothing observable changed)."""
    return a.elems is not None and m.array_iteration_pristine(a)


def to_object_checked(v: Any) -> JSObject:
    return to_object(v)
