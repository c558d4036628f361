"""Frame records: every pending evaluation of a running script is one of these, on the heap.

A frame's ``step(machine, frame)`` is a module-level function (it pickles by name);
``code`` is the compiled node it evaluates (pickled by reference to its program);
``scope`` is the run-time scope list; ``pc``, ``vals`` and ``x`` are its progress.

Those three slots are the saved layout of a frame (state_records "Frame"), so they keep
their generic names; what each step keeps in them:

=================  ==========================  ================  =========================
step               pc                          vals              x
=================  ==========================  ================  =========================
ops                operand kids done           operand values    -
ops_each           operand kids done           converted values  -
member_call        operand kids done           operand values    [callee] once read
chain              next link                   the link's        [value, this, waiting]
                                               key/arguments
logical_assign     reference kids done         their values      the reference (list)
block, function    statements done             -                 True: scope entered
body
var_decl           declarators done            -                 True: a value arrived;
                                                                 "pattern": bound on a frame
for, while         loop state (1 test, 3 ...)  -                 -
for_in_of          0 start, 1 iterating        keys, ArrayWalk   key index, "done",
                                               or iterator       "right"
switch             0, 1 matching, 2 running    discriminant      (case, waiting/statement)
try                0, 1 try, 2 catch,          -                 saved completion
                   3 finally
pattern            entry index                 [value, iterator, (phase, value[, member
                                               done]             reference])
class              operand kids done           operand values    True: class scope entered
class.statics      -                           -                 the class (statics ran)
class.init_        elements done (2i+1 next,   the receiver      ClassElements
elements           2i+2 value of i arrived)
class.static_block statements done             -                 -
private.update     0, 1 object arrived, 2 rhs  -                 [object, PrivateName, old]
assign.compound_   operand kids done           operand values    [object, key, old value]
member
await, yield       0, 1 operand, 2 suspended   -                 -
yield_star         see generators.py           method name       iterator record
async_yield,       see async_generators.py     -                 resumed: request mode
async_return
async_yield_star   see async_generators.py     iterator record   received mode
for_await          see async_generators.py     iterator record   "right"; closing: the
                                                                 completion to finish with
=================  ==========================  ================  =========================
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any
from .values import JSThrow

if TYPE_CHECKING:
    from .operations.promise_operations import JSPromise
    from .suspension import JSGenerator

BREAK = 1
CONTINUE = 2
RETURN = 3
THROW = 4

# FuncFrame kinds
K_CALL = 0
K_CONSTRUCT = 1
K_ASYNC = 2
K_GEN = 3
K_SCRIPT = 4
K_EVAL = 5
K_ASYNC_GEN = 6   # an async generator's body (ES2023 27.6): gen is its JSAsyncGenerator


class Frame:
    __slots__ = ("step", "code", "scope", "pc", "vals", "x")

    def __init__(self, step: Any, code: Any, scope: Any) -> None:
        self.step = step
        self.code = code
        self.scope = scope
        self.pc = 0
        self.vals: Any = None
        self.x: Any = None

    def on_abrupt(self, m: Any, kind: int, value: Any, label: Any) -> bool:
        """Intercept break/continue/return/throw passing through; True when handled."""
        code = self.code
        if code is None:
            return False
        ab = code.abrupt
        return ab is not None and ab(m, self, kind, value, label)

    def __getstate__(self) -> Any:
        return tuple(getattr(self, s, None) for s in _all_slots(type(self)))

    def __repr__(self) -> str:
        n = getattr(self.code, "node", None)
        return f"<{type(self).__name__} {getattr(n, 'type', '?')} pc={self.pc}>"


_SLOTS_CACHE: dict = {}


def _all_slots(cls: type) -> tuple:
    r = _SLOTS_CACHE.get(cls)
    if r is None:
        out: list = []
        for k in reversed(cls.__mro__):
            out.extend(getattr(k, "__slots__", ()))
        r = _SLOTS_CACHE[cls] = tuple(out)
    return r


class FuncFrame(Frame):
    """The frame of a function body: the unit of return, await and yield."""
    __slots__ = ("func", "kind", "this", "promise", "gen", "new_target")
    # set only by the kinds that read them (annotations only: no class attributes)
    this: Any               # K_CALL/K_CONSTRUCT: the this value; K_SCRIPT: script this; K_EVAL: saved completion
    promise: JSPromise      # K_ASYNC, K_SCRIPT
    gen: JSGenerator        # K_GEN
    new_target: Any

    def __init__(self, step: Any, code: Any, scope: Any, func: Any, kind: int) -> None:
        # this/promise/gen/new_target are set only by the kinds that read them
        self.step = step
        self.code = code
        self.scope = scope
        self.pc = 0
        self.x = None
        self.func = func
        self.kind = kind

    def on_abrupt(self, m: Any, kind: int, value: Any, label: Any) -> bool:
        if kind == RETURN:
            m.finish_function(self, value)
            return True
        if kind == THROW:
            return m.function_threw(self, value)
        return False


class BarrierFrame(Frame):
    """Bottom of a nested run: receiving a value ends the run; a throw leaves it."""
    __slots__ = ()

    def __init__(self) -> None:
        Frame.__init__(self, step_barrier, None, None)

    def on_abrupt(self, m: Any, kind: int, value: Any, label: Any) -> bool:
        if kind == THROW:
            m.stack.pop()
            raise RunThrow(value)
        return False


class RunExit(Exception):
    """A nested run reached its barrier with a value."""
    def __init__(self, value: Any) -> None:
        self.value = value


class RunThrow(Exception):
    """A throw unwound to a nested run's barrier."""
    def __init__(self, value: Any) -> None:
        self.value = value


def step_barrier(m: Any, f: Frame) -> None:
    m.stack.pop()
    raise RunExit(m.rv)


class NativeGenFrame(Frame):
    """A native written as a Python generator, waiting for the JS calls it requested.

    Never pickled: natives finish before the stack can empty, and pauses happen only
    with an empty stack.
    """
    __slots__ = ("gen",)

    def __init__(self, gen: Any) -> None:
        Frame.__init__(self, step_native_gen, None, None)
        self.gen = gen

    def on_abrupt(self, m: Any, kind: int, value: Any, label: Any) -> bool:
        if kind == THROW:
            # let the native see the exception (it may catch it to close an iterator)
            try:
                req = self.gen.throw(JSThrow(value))
            except StopIteration as e:
                m.stack.pop()
                m.rv = e.value
                return True
            except JSThrow:
                m.stack.pop()
                raise  # the unwinder continues with this (possibly new) exception
            m.native_request(self, req)
            return True
        return False


def step_native_gen(m: Any, f: NativeGenFrame) -> None:
    gen = f.gen
    stack = m.stack
    depth = len(stack)
    while True:
        try:
            req = gen.send(m.rv)
        except StopIteration as e:
            stack.pop()
            m.rv = e.value
            return
        m.native_request(f, req)
        if len(stack) != depth:
            return  # a frame was pushed: resume when it returns
        # the callee answered at once (a native or an inlined function): go on
