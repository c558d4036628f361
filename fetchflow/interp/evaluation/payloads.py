"""What a compiled node keeps for its step function: one slotted record per node kind.

A ``Code`` has slots for its behaviour, read by generic code on hot paths (``ev``, ``ex``,
``step``, ``kids``, ``fin`` the operand finisher of step_ops, ``abrupt``, ``sc``), and one
slot ``p`` for the facts only its own step function reads: one of the records below, or
``FuncData`` (evaluation/functions.py) for a function node.  Codes are never pickled (a
state names a Code by program and node index), so these records are free to change.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

# The records are compared and shown by identity (repr=False, eq=False): a generated
# __repr__ and __eq__ are two more compiles per record at import, 3 ms of every start.


@dataclass(slots=True, repr=False, eq=False)
class ChoosePayload:
    """LogicalExpression / ConditionalExpression on a frame (step_choose)."""
    op: str                     # "&&", "||", "??" or "?" (kids: test, then the branches)


@dataclass(slots=True, repr=False, eq=False)
class EachPayload:
    """Operand kids whose values are converted as they arrive (step_ops_each): an object
    literal's spreads copy their properties at once."""
    convert: list               # per kid: None or fn(value) -> what the finisher gets


@dataclass(slots=True, repr=False, eq=False)
class ObjectPayload(EachPayload):
    """An object literal with calls: its kids' conversions and ``build(values) -> object``
    (what its finisher makes; a generated body calls it too, codegen_sites.py)."""
    build: Any


@dataclass(slots=True, repr=False, eq=False)
class MemberCallPayload:
    """``o.m(args)`` / ``o[k](args)`` / ``o.m`x```` on a frame (step_member_call)."""
    read: Callable[[list, list], Any]         # (operand values (object[, key]), scope) -> callee
    after: int                                # operand kids before the read: 1, or 2 with a key


@dataclass(slots=True, repr=False, eq=False)
class CompoundMemberPayload:
    """``o.k op= v`` / ``o[k] op= v`` on a frame (step_compound_member)."""
    read: Callable[[Any, Any], Any]           # GetValue of the reference (object, key)
    store: Callable[[Any, Any, Any], None]    # PutValue (object, key, value)
    op_fn: Callable[[Any, Any], Any]          # the binary operator
    rhs: Any                                  # Code of the right-hand side
    has_key: bool                             # computed: kids are object and key


@dataclass(slots=True, repr=False, eq=False)
class BlockPayload:
    """A statement list with a scope of its own on a frame (step_block; a block without
    one has no payload)."""
    setup: Callable[[list], list]             # entry into the block's scope


@dataclass(slots=True, repr=False, eq=False)
class RecordPayload:
    """An expression statement on a frame (step_record)."""
    record: bool                # its value is the script's completion value


@dataclass(slots=True, repr=False, eq=False)
class LabeledPayload:
    """A labelled statement on a frame (step_labeled, labeled_abrupt)."""
    labels: frozenset


@dataclass(slots=True, repr=False, eq=False)
class WithPayload:
    """The with statement on a frame (step_with)."""
    enter: Callable[[list, Any], list]        # (scope, object value) -> the body's scope


@dataclass(slots=True, repr=False, eq=False)
class TryPayload:
    """The try statement on a frame (step_try, try_abrupt)."""
    enter_catch: Optional[Callable[[list, Any], list]]  # (scope, exception) -> catch scope


@dataclass(slots=True, repr=False, eq=False)
class ClassPayload:
    """A class on a frame (step_class): heritage and computed keys are its kids."""
    enter: Callable[[list], list]             # the class scope (ES2017 14.5.14 step 4)
    define: Callable[[list, list], Any]       # (class scope, kid values) -> (F, static elements)
    decl_init: Optional[Callable[[list, Any], None]]  # a declaration's binding: (class scope, F)


@dataclass(slots=True, repr=False, eq=False)
class LoopPayload:
    """What every loop frame has (loop_abrupt, for_abrupt, _run_body)."""
    labels: frozenset           # the labels a break or continue may name
    after: int                  # the pc where `continue` resumes


@dataclass(slots=True, repr=False, eq=False)
class ForPayload(LoopPayload):
    """``for (init; test; update)`` on a frame (step_for); kids: init, test, update, body."""
    enter: Callable[[list], list]             # the loop's scope
    per_iteration: bool                       # let bindings copied per iteration


@dataclass(slots=True, repr=False, eq=False)
class WhilePayload(LoopPayload):
    """while / do-while on a frame (step_while); kids: test, body."""
    do: bool


@dataclass(slots=True, repr=False, eq=False)
class ForInOfPayload(LoopPayload):
    """for-in / for-of (step_for_in_of, for_abrupt); kids: the iterated value, body."""
    enter: Callable[[list], list]             # a fresh scope per iteration
    bind: Any                                 # bind(scope, value) or a PatternBinder
    is_of: bool
    text: str                                 # the iterated expression, for "is not iterable"


@dataclass(slots=True, repr=False, eq=False)
class SwitchPayload:
    """The switch statement on a frame (step_switch); kids: the discriminant."""
    labels: frozenset
    cases: list                               # (test Code or None, [statement Codes])
    setup: Optional[Callable[[list], list]]   # the case block's scope


@dataclass(slots=True, repr=False, eq=False)
class PatternPayload:
    """A destructuring pattern on a frame (step_pattern); kids: patterns.pattern_entries."""
    is_array: bool
