"""Destructuring: BindingInitialization (ES2017 13.3.3.5) and DestructuringAssignmentEvaluation
(ES2017 12.15.5.2), compiled to a Python function ``bind(scope, value)``.

``pattern_entries`` is the one description of a pattern; the closure binder here and the
pattern frame (suspend_patterns.py) both walk it, with the same targets, property reads
and iteration helpers.  In the closure binder, keys and defaults that contain calls run as
implicit (nested) calls: it never suspends, so patterns whose defaults await or yield
(and every pattern in frames-only mode, where a caller asks for frames) get the frame.
"""
from __future__ import annotations

from typing import Any, Callable, cast, Optional

from ..frames import Frame
from ..operations.errors import syntax_error, type_error
from ..operations.iteration import get_iterator, iterator_close, iterator_step, iterator_value
from ..operations.number_format import number_to_string
from ..operations.object_operations import copy_data_properties
from ..operations.type_conversion import to_object, to_property_key
from ..runtime import CTX
from ..values import NULL, JSArray, JSObject, JSThrow
from .expressions import get_computed, get_member, put_computed, put_member
from .private_names import PrivateName, private_name_getter, private_set
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


def contains_suspend(node: Any) -> bool:
    for n in node.walk():
        if n.type in ("AwaitExpression", "YieldExpression"):
            return True
    return False


class PatternBinder:
    """A pattern bound on a frame (step_pattern in suspend_patterns.py): push
    ``frame(scope, value)``.  What compile_pattern gives when the pattern's defaults await
    or yield, or when the machine runs frames only."""
    __slots__ = ("code",)

    def __init__(self, code: Any) -> None:
        self.code = code

    def frame(self, scope: Any, value: Any) -> Frame:
        f = Frame(self.code.step, self.code, scope)
        f.vals = [value, None, None]  # [value destructured, iterator or None, done flag]
        return f


def compile_pattern(prog: Any, pattern: Any, mode: str, strict: bool, frames: bool = False) -> Any:
    """Return ``bind(scope, value)``; mode is "init" (declarations), "assign" or "var".
    With ``frames``, a pattern whose defaults await or yield (any pattern in frames-only
    mode) gives a PatternBinder instead (the caller pushes its frame)."""
    if frames and pattern.type in ("ObjectPattern", "ArrayPattern") and \
            (not prog.closures or contains_suspend(pattern)):
        return PatternBinder(prog.code(pattern))
    if contains_suspend(pattern):
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
        if node.property.type == "PrivateIdentifier":  # key: the PrivateName (private_names.py)
            return MemberTarget(_value_of(prog, node.object), private_name_getter(prog, node.property),
                                None, strict)
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
            if ref[1].__class__ is PrivateName:
                private_set(ref[0], ref[1], v)
                return
            put_computed(ref[0], ref[1], v, self.strict)
        else:
            put_member(ref[0], ref[1], v, self.strict)

    def __call__(self, s: list, v: Any) -> None:
        self.put(self.prepare(s), v)


class FrameMemberTarget:
    """A member expression target whose object or key awaits or yields (``[x[yield]] = v``):
    step_pattern evaluates its reference on frames, before the value; ``put`` as MemberTarget."""
    __slots__ = ("obj", "key", "name", "strict")

    def __init__(self, prog: Any, node: Any, strict: bool) -> None:
        self.obj = prog.code(node.object)
        # a private name's Code gives its PrivateName, read like a computed key
        keyed = node.computed or node.property.type == "PrivateIdentifier"
        self.key = prog.code(node.property) if keyed else None
        self.name = None if keyed else node.property.name
        self.strict = strict

    def put(self, ref: tuple, v: Any) -> None:
        if self.key is not None:
            if ref[1].__class__ is PrivateName:
                private_set(ref[0], ref[1], v)
                return
            put_computed(ref[0], ref[1], v, self.strict)
        else:
            put_member(ref[0], ref[1], v, self.strict)


def _with_default(prog: Any, node: Any, mode: str, strict: bool) -> tuple:
    """(target binder, default closure or None, name for anonymous functions)."""
    if node.type == "AssignmentPattern":
        # an anonymous function default is named when made (scope.inferred_names)
        return _target(prog, node.left, mode, strict), _value_of(prog, node.right)
    return _target(prog, node, mode, strict), None


def pattern_entries(prog: Any, node: Any, mode: str, strict: bool, frames: bool) -> list:
    """The one description of an object or array pattern that both binders walk: per property
    or element, (kind, constant key, key Code, target, default Code); kind is "one", "rest"
    (an array's rest element), "orest" (an object's rest property) or "hole" (an elision).  A nested pattern is a closure binder, or with ``frames`` (and it
    suspends, or the machine runs frames only) a PatternBinder."""
    out: list = []
    is_object = node.type == "ObjectPattern"
    for p in (node.properties if is_object else node.elements):
        if p is None:
            out.append(("hole", None, None, None, None))
            continue
        ck: Any = None
        kc = None
        value = p
        if is_object:
            if p.type == "RestElement":
                # ES2023 14.3.3.4 RestBindingInitialization / 13.15.5.4: a plain target only
                out.append(("orest", None, None, _target(prog, p.argument, mode, strict), None))
                continue
            if p.computed:
                kc = prog.code(p.key)
            else:
                k = p.key
                ck = k.name if k.type == "Identifier" else to_property_key(
                    float(k.value) if type(k.value) in (int, float) else k.value)
            value = p.value
        kind = "one"
        if value.type == "RestElement":
            kind = "rest"
            value = value.argument
        dflt = None
        if value.type == "AssignmentPattern":
            # an anonymous function default is named when made (scope.inferred_names)
            dflt = prog.code(value.right)
            value = value.left
        nested = value.type in ("ObjectPattern", "ArrayPattern")
        if frames and nested and (not prog.closures or contains_suspend(value)):
            target: Any = PatternBinder(prog.code(value))
        elif frames and value.type == "MemberExpression" and contains_suspend(value):
            target = FrameMemberTarget(prog, value, strict)  # `[x[yield]] = v`: evaluated on frames
        elif frames and contains_suspend(value):
            target = _unsupported_target
        else:
            target = _target(prog, value, mode, strict)
        out.append((kind, ck, kc, target, dflt))
    return out


def _unsupported_target(s: list, v: Any) -> None:
    raise syntax_error("await/yield inside a destructuring target is not supported yet")


def rest_object(value: Any, excluded: list) -> JSObject:
    """ES2023 14.3.3.4 RestBindingInitialization steps 2-3: a new object with ``value``'s own
    enumerable properties (CopyDataProperties, through the internal methods, so a Proxy
    sees every trap) except the keys the pattern already took."""
    return copy_data_properties(JSObject(CTX.realm.object_prototype), value, tuple(excluded))


def require_destructurable(value: Any, pattern: Any = None) -> None:
    """ES2017 12.15.5.2 / 13.3.3.5 step 1 of an object pattern: RequireObjectCoercible (worded
    as V8 words it: the pattern's first property, when it has a plain name)."""
    if value is None or value is NULL:
        u = "undefined" if value is None else "null"
        key = _first_key(pattern)
        if key is not None:
            raise type_error(f"Cannot destructure property '{key}' of '{u}' as it is {u}.")
        raise type_error(f"Cannot destructure '{u}' as it is {u}.")


def _first_key(pattern: Any) -> Optional[str]:
    props = getattr(pattern, "properties", None)
    if not props or props[0].type != "Property" or props[0].computed:
        return None
    k = props[0].key
    if k.type == "Identifier":
        return k.name
    v = getattr(k, "value", None)
    if type(v) is float:
        return number_to_string(v)
    return v if type(v) is str else None


# An array pattern's iteration state is the list [value, iterator record, done] (a pattern
# frame keeps it as its ``vals``); done: the iterator finished or threw, so it is not closed
# (ES2017 12.15.5.3 / 13.3.3.6 IteratorDestructuringAssignmentEvaluation).

def next_element(st: list) -> Any:
    """IteratorStep and IteratorValue for one element; undefined once the iterator is done."""
    if st[2]:
        return None
    try:
        r = iterator_step(st[1])
        if r is False:
            st[2] = True
            return None
        return iterator_value(r)
    except BaseException:
        st[2] = True  # the iterator itself failed: it is not closed
        raise


def rest_elements(st: list) -> JSArray:
    """The elements left, as a new array (a rest element)."""
    rest = []
    while not st[2]:
        v = next_element(st)
        if not st[2]:
            rest.append(v)
    return JSArray(CTX.realm.array_prototype, rest)


def close_elements(st: list, throwing: bool) -> None:
    """IteratorClose when the pattern ends (or an abrupt completion leaves it) before the
    iterator is done; a throw completion keeps the original exception."""
    it = st[1]
    if it is None or st[2]:
        return
    st[2] = True
    if throwing:
        try:
            iterator_close(it, True)
        except JSThrow:
            pass
    else:
        iterator_close(it, False)


def _closure(prog: Any, code: Any) -> Optional[Callable]:
    """A key or default Code as a closure, through a nested run if it contains calls."""
    if code is None:
        return None
    if code.ev is not None:
        return code.ev
    m = prog.machine
    return lambda s: m.eval_nested(code, s)


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
    if t not in ("ObjectPattern", "ArrayPattern"):
        raise NotImplementedError(t)
    entries = [(kind, ck, _closure(prog, kc), tgt, _closure(prog, dc))
               for kind, ck, kc, tgt, dc in pattern_entries(prog, pattern, mode, strict, False)]
    if t == "ObjectPattern":
        has_rest = any(e[0] == "orest" for e in entries)

        def bind_o(s: list, v: Any) -> None:
            require_destructurable(v, pattern)
            taken: Optional[list] = [] if has_rest else None
            for kind, ck, kf, tgt, dflt in entries:
                if kind == "orest":
                    ref = tgt.prepare(s) if tgt.__class__ is MemberTarget else None
                    x = rest_object(v, taken)  # type: ignore[arg-type]
                    if ref is not None:
                        tgt.put(ref, x)
                    else:
                        tgt(s, x)
                    continue
                key = ck if kf is None else to_property_key(kf(s))
                ref = tgt.prepare(s) if tgt.__class__ is MemberTarget else None
                if taken is not None:
                    taken.append(key)
                x = get_member(v, key)
                if x is None and dflt is not None:
                    x = dflt(s)
                if ref is not None:
                    tgt.put(ref, x)
                else:
                    tgt(s, x)
        return bind_o

    def bind_a(s: list, v: Any) -> None:
        if v.__class__ is JSArray and _plain_array_iteration(prog.machine, v):
            # nothing observable happens while iterating: read the elements directly
            items = v.elems
            i = 0
            for kind, _ck, _kf, tgt, dflt in entries:
                if kind == "hole":
                    i += 1
                    continue
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
        st = [v, get_iterator(v), False]
        try:
            for kind, _ck, _kf, tgt, dflt in entries:
                if kind == "hole":
                    next_element(st)
                    continue
                ref = tgt.prepare(s) if tgt.__class__ is MemberTarget else None
                if kind == "rest":
                    x: Any = rest_elements(st)
                else:
                    x = next_element(st)
                    if x is None and dflt is not None:
                        x = dflt(s)
                if ref is not None:
                    cast(MemberTarget, tgt).put(ref, x)
                else:
                    tgt(s, x)
        except JSThrow:
            close_elements(st, True)
            raise
        close_elements(st, False)
    return bind_a


def _plain_array_iteration(m: Any, a: JSArray) -> bool:
    """Whether iterating ``a`` can skip the iterator protocol (nothing observable changed)."""
    return a.elems is not None and m.array_iteration_pristine(a)


def to_object_checked(v: Any) -> JSObject:
    return to_object(v)
