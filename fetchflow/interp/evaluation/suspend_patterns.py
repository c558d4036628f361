"""Destructuring on a frame (ES2017 12.15.5, 13.3.3): patterns whose defaults contain `await`
or `yield`, and every pattern in frames-only mode.

A default may suspend the function, so such a pattern cannot be a Python closure:
``step_pattern`` walks the entries of patterns.pattern_entries (the description the closure
binder walks too), evaluating computed keys and defaults on frames of their own, and binds
with the same targets, property reads and iteration helpers as patterns.py.  A nested pattern
that needs a frame gets one of its own.
"""
from __future__ import annotations

from typing import Any

from ..compiler import Code, compiles
from ..frames import THROW, Frame
from ..operations.iteration import get_iterator
from ..operations.type_conversion import to_property_key
from .expressions import get_member
from .payloads import PatternPayload
from .patterns import (FrameMemberTarget, MemberTarget, PatternBinder, close_elements, contains_suspend, next_element,
                       pattern_entries, require_destructurable, rest_elements, rest_object)

__all__ = ["PatternBinder", "contains_suspend", "step_pattern", "pattern_abrupt"]


@compiles("ObjectPattern", "ArrayPattern")
def c_suspend_pattern(prog: Any, node: Any, code: Code) -> None:
    mode, strict = prog.info.pattern_mode.get(id(node), ("assign", False))
    code.kids = pattern_entries(prog, node, mode, strict, True)
    code.step = step_pattern
    code.abrupt = pattern_abrupt
    code.p = PatternPayload(node.type == "ArrayPattern")


# frame: vals = [value, iterator, iterator done] (patterns.next_element's state), for an object
# pattern [value, None, keys taken so far] (a rest property excludes them); pc = entry index;
# x = (phase, value got so far (phase 22: the target's object)[, prepared member reference
# [, the property key read (an object pattern whose target is a FrameMemberTarget)]])
def step_pattern(m: Any, f: Frame) -> None:
    code = f.code
    entries = code.kids
    is_array = code.p.is_array
    value = f.vals[0]
    s = f.scope
    if f.pc == 0 and f.x is None:
        if is_array:
            f.vals[1] = get_iterator(value)
        else:
            require_destructurable(value, code.node)
            f.vals[2] = []
        f.x = (0, None)
    while f.pc < len(entries):
        kind, ck, kc, target, dflt = entries[f.pc]
        x = f.x
        phase, got = x[0], x[1]
        ref = x[2] if len(x) > 2 else None
        pkey = x[3] if len(x) > 3 else ck
        if phase == 0 and target.__class__ is FrameMemberTarget and (is_array or kc is None):
            phase = 20  # the target's reference awaits or yields: on frames, before the value
        if phase == 0:  # the member target's reference first (ES2017 12.15.5.5 step 1), then the value
            if kind != "hole" and target.__class__ is MemberTarget and (is_array or kc is None):
                ref = target.prepare(s)
            if is_array:
                got = rest_elements(f.vals) if kind == "rest" else next_element(f.vals)
                phase = 1
            elif kind == "orest":
                got = rest_object(value, f.vals[2])
                phase = 1
            else:
                if kc is not None:
                    if kc.ev is None:
                        f.x = (10, None)
                        m.stack.append(Frame(kc.step, kc, s))
                        return
                    key = to_property_key(kc.ev(s))
                    if target.__class__ is FrameMemberTarget:
                        phase, pkey = 20, key
                    elif target.__class__ is MemberTarget:
                        ref = target.prepare(s)
                else:
                    key = ck
                if phase == 0:
                    f.vals[2].append(key)
                    got = get_member(value, key)
                    phase = 1
        elif phase == 10:  # a computed key arrived
            key = to_property_key(m.rv)
            if target.__class__ is FrameMemberTarget:
                phase, pkey = 20, key
            else:
                if target.__class__ is MemberTarget:
                    ref = target.prepare(s)
                f.vals[2].append(key)
                got = get_member(value, key)
                phase = 1
        elif phase == 11:  # a default arrived
            got = m.rv
            phase = 2
        elif phase == 12:  # a nested pattern finished
            f.pc += 1
            f.x = (0, None)
            continue
        if phase >= 20:  # a FrameMemberTarget's object, then its key, then the value
            if phase == 20:
                oc = target.obj
                if oc.ev is None:
                    f.x = (21, None, None, pkey)
                    m.stack.append(Frame(oc.step, oc, s))
                    return
                got = oc.ev(s)
            elif phase == 21:
                got = m.rv
            if phase != 22:
                kcode = target.key
                if kcode is None:
                    ref = (got, target.name)
                elif kcode.ev is None:
                    f.x = (22, got, None, pkey)
                    m.stack.append(Frame(kcode.step, kcode, s))
                    return
                else:
                    ref = (got, kcode.ev(s))
            else:
                ref = (got, m.rv)
            if is_array:
                got = rest_elements(f.vals) if kind == "rest" else next_element(f.vals)
            elif kind == "orest":
                got = rest_object(value, f.vals[2])
            else:
                f.vals[2].append(pkey)
                got = get_member(value, pkey)
            phase = 1
        if phase == 1:
            if got is None and dflt is not None:
                if dflt.ev is None:
                    f.x = (11, None, ref) if ref is not None else (11, None)
                    m.stack.append(Frame(dflt.step, dflt, s))
                    return
                got = dflt.ev(s)
        if kind == "hole":
            f.pc += 1
            f.x = (0, None)
            continue
        # phase 2: bind
        if target.__class__ is PatternBinder:
            f.x = (12, None)
            m.stack.append(target.frame(s, got))
            return
        if ref is not None:
            target.put(ref, got)
        else:
            target(s, got)
        f.pc += 1
        f.x = (0, None)
    if f.vals[1] is not None:
        close_elements(f.vals, False)
    m.stack.pop()
    m.rv = value


def pattern_abrupt(m: Any, f: Frame, kind: int, value: Any, label: Any) -> bool:
    """An abrupt completion leaving an array pattern closes its iterator (IteratorClose)."""
    if f.vals and f.vals[1] is not None:
        close_elements(f.vals, kind == THROW)
    return False
