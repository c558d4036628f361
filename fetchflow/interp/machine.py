"""The machine: a frame stack, a run loop, unwinding, calls, await/yield and the job queue.

Only the machine touches the stack structure between steps and unwinds
break/continue/return/throw.  A JS-to-JS call pushes a ``FuncFrame``; it never
recurses in Python.  When the job queue is empty and the stack is empty, no Python
frame of the interpreter is live: the whole run is data (see ``state.py``).
"""
from __future__ import annotations

import sys
import time
from collections import deque
from typing import Any, Optional

# the modules whose @compiles register the compiler of each node type
from .evaluation import assignment as _assignment  # noqa: F401
from .evaluation import calls as _calls  # noqa: F401
from .evaluation import classes as _classes  # noqa: F401
from .evaluation import exceptions as _exceptions  # noqa: F401
from .evaluation import expressions as _expressions  # noqa: F401
from .evaluation import functions as _functions  # noqa: F401
from .evaluation import loops as _loops  # noqa: F401
from .evaluation import statements as _statements  # noqa: F401
from .evaluation import suspend_patterns as _suspend_patterns  # noqa: F401
from .evaluation import unary as _unary  # noqa: F401
from .evaluation import codegen as _codegen  # noqa: F401
from .evaluation import codegen_resumable as _codegen_resumable  # noqa: F401
from .evaluation.functions import make_function
from .evaluation.class_elements import initialize_instance_elements
from .evaluation.bodies import step_concise_body, step_function_body  # noqa: F401  (their old home)
from .frames import (BREAK, CONTINUE, K_ASYNC, K_CALL, K_CONSTRUCT, K_EVAL, K_GEN, K_SCRIPT, THROW,
                     BarrierFrame, Frame, FuncFrame, NativeGenFrame, RunExit, RunThrow)
from .functions import (ARROW, ASYNC, ASYNC_ARROW, ASYNC_GENERATOR, CLASS_BASE, CLASS_DERIVED,
                        GENERATOR, JSFunction)
from .builtins.async_generator import (ASYNC_GEN_METHODS, JSAsyncGenerator, async_generator_body_done,
                                       async_generator_method)
from .frames import K_ASYNC_GEN
from .natives import JSBoundFunction, JSNativeFunction
from .operations import promise_operations as P
from .operations.errors import range_error, reference_error, type_error
from .operations.type_conversion import to_object, to_display
from .host_state import HostState
from .jobs import JobsMixin
from .outcome import RunMixin
from .realm import Realm
from .script import ScriptMixin
from .suspension import JSGenerator, SuspensionMixin  # noqa: F401  (JSGenerator: pickled path)
from .runtime import CTX
from .stack_trace import PUSH_CALL, stack_trace
from .values import NULL, TDZ, Accessor, JSArray, JSObject, JSThrow
from ..limits import LimitExceeded
from ..limits import malloc_in_use, resident_bytes
from .arguments import create_arguments_object
from .operations.object_operations import ordinary_create_from_constructor
from .operations.object_operations import get_prototype_from_constructor
from .operations.proxy_objects import (JSCallableProxy, construct_trap_run, proxy_call_parts,
                                       proxy_construct_parts)
from .builtins.regexp import create_regexp
from .values import SYM_ITERATOR

DEFAULT_MAX_CALL_DEPTH = 120000
MAX_NESTED_RUNS = 400
NESTED_CHECK_FROM = 16  # nested runs below this depth skip the Python stack check
NESTED_HEADROOM = 250   # Python frames kept free for unwinding after a refused nested run
CHECK_EVERY = 1024  # steps between limit checks
CHARGE_EVERY = 1 << 18  # bytes built by natives between limit checks (a few ms of their work)

GEN_RESUME = {"Generator.prototype.next": "next", "Generator.prototype.return": "return",
              "Generator.prototype.throw": "throw"}


def _python_depth() -> int:
    """The number of Python frames on the current thread's stack."""
    n = 0
    f: Any = sys._getframe(1)
    while f is not None:
        n += 1
        f = f.f_back
    return n


class Machine(RunMixin, SuspensionMixin, JobsMixin, ScriptMixin):
    def __init__(self, realm: Optional[Realm] = None, max_call_depth: int = DEFAULT_MAX_CALL_DEPTH) -> None:
        prev_m, prev_r = CTX.machine, CTX.realm
        CTX.machine = self
        try:
            self.realm = realm or Realm()
        finally:
            CTX.machine, CTX.realm = prev_m, prev_r
        self.stack: list = []
        self.rv: Any = None
        self.jobs: deque = deque()
        self.console_lines: list = []
        self.global_lex: dict = {}
        self.global_const: set = set()
        self.programs: dict = {}
        self.completion: Any = None
        self.depth = 0
        self.max_call_depth = max_call_depth
        self.nested = 0
        self.script_this: Any = self.realm.global_object
        self.pending_rejections: list = []
        self.steps = 0
        self.budget = CHECK_EVERY
        self.limits: Any = None
        self.elapsed = 0.0
        self.step_started = 0.0
        self.heap_base = 0
        self.charged = CHARGE_EVERY  # the allocation meter (see charge); never saved
        self.built = 0
        self.malloc_base = 0
        self.deadline: Optional[float] = None
        self.echo = False
        self.stepper: Any = None  # host step hook (fetchflow.host.debug.Stepper), never pickled
        # False: compile every node to its frame path, no closures (a test mode; never pickled)
        self.closures = True
        # host-side state that travels with the machine: pending fetches, counters
        self.host = HostState(builtin_globals=set(self.realm.global_object.props))

    def after_load(self) -> None:
        """Finish a machine rebuilt by state.load_machine."""
        self.deadline = None
        self.echo = False
        if not hasattr(self, "stepper"):
            self.stepper = None
        if not hasattr(self, "closures"):
            self.closures = True
        self.budget = CHECK_EVERY
        self.heap_base = 0
        self.malloc_base = 0
        self.charged = CHARGE_EVERY
        self.built = 0
        self.step_started = 0.0
        prev = self.enter()
        try:
            for prog in self.programs.values():
                prog.compile_shells()
        finally:
            self.leave(prev)

    def __reduce__(self) -> Any:
        from ..state import dump_machine, load_machine
        return (load_machine, (dump_machine(self),))

    # -- fetch ------------------------------------------------------------------------------------
    def register_fetch(self, req: dict, promise: Any) -> None:
        host = self.host
        lim = self.limits
        if lim is not None:
            if lim.max_fetches is not None and host.fetches >= lim.max_fetches:
                raise LimitExceeded("max_fetches", f"{host.fetches} fetches already made")
            raw, body = req.get("body_bytes"), req.get("body")
            size = len(raw) if raw is not None else \
                len(body.encode("utf-8", "surrogatepass")) if body is not None else 0
            if lim.max_request_bytes is not None and size > lim.max_request_bytes:
                raise LimitExceeded("max_request_bytes")
        host.fetches += 1
        host.seq += 1
        rid = f"req_{host.seq}"
        req["id"] = rid
        req["timestamp"] = time.time()
        host.pending[rid] = (req, promise)

    # -- entering ---------------------------------------------------------------------------
    def enter(self) -> tuple:
        prev = (CTX.machine, CTX.realm)
        CTX.machine = self
        CTX.realm = self.realm
        return prev

    def leave(self, prev: tuple) -> None:
        CTX.machine, CTX.realm = prev

    def _run(self, fn: Any) -> Any:
        try:
            return fn()
        except RunThrow as e:
            raise JSThrow(e.value)

    # -- the run loop -------------------------------------------------------------------------
    def _drive(self) -> Any:
        stack = self.stack
        while True:
            try:
                while True:
                    f = stack[-1]
                    f.step(self, f)
            except JSThrow as e:
                self.unwind(THROW, e.value, None)
            except RunExit as e:
                return e.value
            except RecursionError:
                self.unwind(THROW, range_error("Maximum call stack size exceeded").value, None)

    def unwind(self, kind: int, value: Any, label: Any) -> None:
        """Pop frames until one handles the abrupt completion."""
        stack = self.stack
        while stack:
            f = stack[-1]
            try:
                if f.on_abrupt(self, kind, value, label):
                    return
            except JSThrow as e:
                kind, value, label = THROW, e.value, None
                continue
            if stack and stack[-1] is f:
                stack.pop()
        raise RunThrow(value)

    def tick(self) -> None:
        """One loop iteration run on frames: counts against the step budget."""
        self.budget -= 1
        if self.budget <= 0:
            self.check_limits()

    def poll(self, n: int = 1) -> None:
        """``n`` steps done by a closure loop."""
        self.budget -= n
        if self.budget <= 0:
            self.check_limits()

    def check_limits(self, probe_heap: bool = True) -> None:
        """Account the steps since the last check; enforce steps, time and heap limits
        (``probe_heap=False``: leave the resident-memory probe to a later check)."""
        self.steps += CHECK_EVERY - self.budget
        self.budget = CHECK_EVERY
        lim = self.limits
        if lim is None:
            return
        if lim.max_steps is not None and self.steps > lim.max_steps:
            raise LimitExceeded("max_steps", f"{self.steps} steps")
        if self.deadline is not None:
            now = time.monotonic()
            if now > self.deadline:
                total = lim.max_total_time
                if total is not None and self.elapsed + (now - self.step_started) > total:
                    raise LimitExceeded("max_total_time", f"{self.elapsed + now - self.step_started:.3f} s in all")
                raise LimitExceeded("max_time", f"{now - self.step_started:.3f} s")
        if probe_heap and lim.max_heap_bytes is not None and self.heap_base:
            grown = max(resident_bytes() - self.heap_base, malloc_in_use() - self.malloc_base)
            if grown > lim.max_heap_bytes:
                raise LimitExceeded("max_heap_bytes", f"~{grown >> 20} MiB allocated")

    def charge(self, nbytes: int) -> None:
        """The allocation meter: a native built ``nbytes`` (or did as much work).

        Every native whose output can outgrow its input charges what it builds, once per
        call or per chunk, before or as it allocates.  Every CHARGE_EVERY bytes the time and
        step limits are checked, so one long native call, or a short loop of them, meets
        max_time; the process's resident memory is probed once a quarter of max_heap_bytes
        has been built since the last probe (it is the judge: built bytes that were freed
        again do not count).  ``check_allocation`` also refuses an allocation that alone
        exceeds max_heap_bytes; ``charge`` alone is for work (a search over a long list)."""
        self.charged -= nbytes
        if self.charged <= 0:
            self.metered(nbytes)

    def metered(self, nbytes: int) -> None:
        """A full meter (see ``charge``): check the limits."""
        self.built += CHARGE_EVERY - self.charged
        self.charged = CHARGE_EVERY
        lim = self.limits
        if lim is None:
            return
        heap = lim.max_heap_bytes
        probe = heap is not None and self.built >= heap >> 2
        if probe:
            self.built = 0
        self.check_limits(probe)

    def check_allocation(self, nbytes: int) -> None:
        """Refuse a single allocation that alone exceeds the heap limit; count it on the meter."""
        lim = self.limits
        if lim is not None and lim.max_heap_bytes is not None and nbytes > lim.max_heap_bytes:
            raise LimitExceeded("max_heap_bytes", f"a single allocation of ~{nbytes >> 20} MiB")
        self.charge(nbytes)

    def begin_step(self) -> None:
        """Start an execute/resume call: arm the time limits and the heap baseline."""
        lim = self.limits
        self.budget = CHECK_EVERY
        self.step_started = time.monotonic()
        self.deadline = None
        if lim is not None:
            # the limits are the one source of truth: max_call_depth is their per-call copy
            depth = lim.max_call_depth
            self.max_call_depth = depth if depth is not None else DEFAULT_MAX_CALL_DEPTH
            ends = []
            if lim.max_time is not None:
                ends.append(self.step_started + lim.max_time)
            if lim.max_total_time is not None:
                ends.append(self.step_started + max(0.0, lim.max_total_time - self.elapsed))
            self.deadline = min(ends) if ends else None
            self.heap_base = resident_bytes() if lim.max_heap_bytes is not None else 0
            self.malloc_base = malloc_in_use() if self.heap_base else 0
        self.charged = CHARGE_EVERY
        self.built = 0

    def end_step(self) -> None:
        self.steps += CHECK_EVERY - self.budget
        self.budget = CHECK_EVERY
        self.elapsed += time.monotonic() - self.step_started

    # -- calls ----------------------------------------------------------------------------------
    def call_value(self, f: Any, this: Any, args: list) -> None:
        """Call ``f``: push its frame, or set ``rv`` for natives."""
        cls = f.__class__
        if cls is JSFunction:
            self.push_call(f, this, args)
            return
        if cls is JSNativeFunction:
            if f.gen:
                name = f.native_name
                mode = GEN_RESUME.get(name)
                if mode is not None:
                    self.resume_generator(this, mode, args[0] if args else None)
                    return
                amode = ASYNC_GEN_METHODS.get(name)
                if amode is not None:
                    async_generator_method(self, this, amode, args[0] if args else None)
                    return
                if name == "eval":  # indirect eval: global scope
                    self.start_eval(args[0] if args else None)
                    return
                if f.ctor:
                    g = f.fn(this, args, None)
                else:
                    g = f.fn(this, args, f) if f.pass_callee else f.fn(this, args)
                fr = NativeGenFrame(g)
                self.rv = None
                self.stack.append(fr)
                return
            if f.ctor:
                self.rv = f.fn(this, args, None)
            elif f.pass_callee:
                self.rv = f.fn(this, args, f)
            else:
                self.rv = f.fn(this, args)
            return
        if cls is JSBoundFunction:
            self.call_value(f.target, f.bound_this, f.bound_args + list(args))
            return
        if cls is JSCallableProxy:  # ES2023 10.5.12 [[Call]]: the target or the apply trap
            self.call_value(*proxy_call_parts(f, this, args))
            return
        raise type_error(f"{to_display(f)} is not a function")

    def native_request(self, fr: NativeGenFrame, req: Any) -> None:
        """A generator native asked to call ``req = (f, this, args)``."""
        f, this, args = req
        self.call_value(f, this, args)

    def push_call(self, f: JSFunction, this: Any, args: list, kind: int = K_CALL,
                  new_target: Any = None) -> FuncFrame:
        fd = f.code.p
        self.budget -= 1
        if self.budget <= 0:
            self.check_limits()
        if kind == K_CALL and f.kind < CLASS_BASE and fd.fast:
            if self.depth >= self.max_call_depth:
                raise range_error("Maximum call stack size exceeded")
            scope = fd.template.copy()
            scope[0] = f.scope
            n = fd.nparams
            if n:
                la = len(args)
                if la >= n:
                    scope[1:n + 1] = args[:n] if la > n else args
                else:
                    scope[1:la + 1] = args
            if fd.fast == 2:
                if f.strict or f.kind == ARROW or isinstance(this, JSObject):
                    scope[fd.this_slot] = this
                elif this is None or this is NULL:
                    scope[fd.this_slot] = self.realm.global_object
                else:
                    scope[fd.this_slot] = to_object(this)
            inline = fd.inline
            if inline is not None:
                self.rv = inline(scope)  # the callee's value, with no frame pushed
                return None  # type: ignore[return-value]
            ff = FuncFrame(fd.body_step, fd.body, scope, f, K_CALL)
            ff.this = this   # the receiver, for the stack trace's "at Type.method"
            self.stack.append(ff)
            self.depth += 1
            return ff
        fk = f.kind
        if (fk == CLASS_BASE or fk == CLASS_DERIVED) and kind != K_CONSTRUCT:
            raise type_error(f"Class constructor {f.props.get('name', '')} cannot be invoked without 'new'")
        if self.depth >= self.max_call_depth:
            raise range_error("Maximum call stack size exceeded")
        if f.fields is not None and (f.fields.__class__ is str or f.fields.default):
            # a default class constructor
            return self._default_ctor(f, args, new_target)
        scope = fd.template.copy()
        scope[0] = f.scope
        if fd.simple:
            n = fd.nparams
            if n:
                la = len(args)
                if la >= n:
                    scope[1:n + 1] = args[:n] if la > n else args
                else:
                    scope[1:la + 1] = args
        slot = fd.this_slot
        if slot:
            if kind == K_CONSTRUCT:
                scope[slot] = TDZ if fk == CLASS_DERIVED else this
            elif f.strict or fk == ARROW:
                scope[slot] = this
            elif this is None or this is NULL:
                scope[slot] = self.realm.global_object
            elif isinstance(this, JSObject):
                scope[slot] = this
            else:
                scope[slot] = to_object(this)
        if fd.nt_slot:
            scope[fd.nt_slot] = new_target
        if fd.home_slot:
            scope[fd.home_slot] = f.home
        if fd.func_slot:
            scope[fd.func_slot] = f
        if fd.fname_slot:
            scope[fd.fname_slot] = f
        if fd.args_slot:
            scope[fd.args_slot] = create_arguments_object(self, f, fd, args, scope)
        if fd.varenv is None:
            for hslot, hcode in fd.hoisted:
                scope[hslot] = make_function(self, hcode, scope)
        if fk == GENERATOR:
            ff = FuncFrame(fd.body_step, fd.body, scope, f, K_GEN)
            if fd.bind_params is not None:
                fd.bind_params(self, scope, args)
            # ES2023 15.5.2 step 2: the prototype is read after the parameters are bound
            proto = f.get("prototype", f)
            if not isinstance(proto, JSObject):
                proto = self.realm.intr["GeneratorPrototype"]
            gen = JSGenerator(proto)
            ff.gen = gen
            gen.frames = [ff]
            if fd.varenv is not None:
                ff.scope = self._var_scope(fd, scope)
            self.rv = gen
            return ff
        if fk == ASYNC_GENERATOR:  # ES2023 27.6.3.2 AsyncGeneratorStart
            ff = FuncFrame(fd.body_step, fd.body, scope, f, K_ASYNC_GEN)
            ff.promise = None  # await_ answers with it: the resume frame below answers instead
            if fd.bind_params is not None:
                fd.bind_params(self, scope, args)
            # ES2023 15.6.2 step 2: the prototype is read after the parameters are bound
            proto = f.get("prototype", f)
            if not isinstance(proto, JSObject):
                proto = self.realm.intr["AsyncGeneratorPrototype"]
            agen = JSAsyncGenerator(proto)
            ff.gen = agen  # type: ignore[assignment]
            agen.frames = [ff]
            if fd.varenv is not None:
                ff.scope = self._var_scope(fd, scope)
            self.rv = agen
            return ff
        if fk == ASYNC or fk == ASYNC_ARROW:
            ff = FuncFrame(fd.body_step, fd.body, scope, f, K_ASYNC)
            ff.promise = P.new_intrinsic_promise()
            if fd.bind_params is not None:
                try:
                    fd.bind_params(self, scope, args)
                except JSThrow as e:
                    P.reject_promise(ff.promise, e.value)
                    self.rv = ff.promise
                    return ff
        else:
            ff = FuncFrame(fd.body_step, fd.body, scope, f, kind)
            ff.this = this
            if fd.bind_params is not None:
                fd.bind_params(self, scope, args)
        if fd.varenv is not None:
            ff.scope = self._var_scope(fd, scope)
        self.stack.append(ff)
        self.depth += 1
        return ff

    def _var_scope(self, fd: Any, scope: list) -> list:
        """ES2017 9.2.12 step 28: with parameter expressions, the body's vars live in a scope
        of their own (below the parameters), vars named like a parameter start with its value."""
        template, copies = fd.varenv
        vs = list(template)
        vs[0] = scope
        for vslot, pslot in copies:
            vs[vslot] = scope[pslot]
        for hslot, hcode in fd.hoisted:
            vs[hslot] = make_function(self, hcode, vs)
        return vs

    def _default_ctor(self, f: JSFunction, args: list, new_target: Any) -> Any:
        if f.kind == CLASS_DERIVED:
            sup = f.proto
            if not (isinstance(sup, JSObject) and sup.can_construct):
                raise type_error("Super constructor is not a constructor")
            initialize_instance_elements(self, f, None)  # on what the parent returns
            self.construct_value(sup, args, new_target)
            return None
        self.rv = o = ordinary_create_from_constructor(new_target, "ObjectPrototype")
        initialize_instance_elements(self, f, o)
        return None

    def construct_value(self, f: Any, args: list, new_target: Any) -> None:
        """ES2017 7.3.13 Construct on the frame stack."""
        cls = f.__class__
        if cls is JSFunction:
            if not f.ctor_ok:
                raise type_error(f"{f.props.get('name') or 'anonymous'} is not a constructor")
            if f.kind == CLASS_DERIVED:
                this = None
            else:
                this = JSObject(get_prototype_from_constructor(new_target, "ObjectPrototype"))
            ff = self.push_call(f, this, args, K_CONSTRUCT, new_target)
            if ff is not None:
                ff.this = this
                if f.fields is not None and this is not None:
                    # ES2022 10.2.2 step 6.b: a base class's fields, before its body runs
                    initialize_instance_elements(self, f, this)
            return
        if cls is JSNativeFunction:
            if not f.ctor:
                raise type_error(f"{f.props.get('name', '')} is not a constructor")
            if f.gen:
                self.stack.append(NativeGenFrame(f.fn(None, args, new_target)))
                self.rv = None
                return
            self.rv = f.fn(None, args, new_target)
            return
        if cls is JSBoundFunction:
            nt = f.target if new_target is f else new_target
            self.construct_value(f.target, f.bound_args + list(args), nt)
            return
        if cls is JSCallableProxy and f.constructible:  # ES2023 10.5.13 [[Construct]]
            g, trap_args = proxy_construct_parts(f, args, new_target)
            if trap_args is None:
                self.construct_value(g, args, new_target)
            else:
                self.stack.append(NativeGenFrame(construct_trap_run(g, *trap_args)))
                self.rv = None
            return
        raise type_error(f"{to_display(f)} is not a constructor")

    def finish_function(self, ff: FuncFrame, value: Any) -> None:
        """Normal or return completion of a function body (ff is on top of the stack)."""
        self.stack.pop()
        self.depth -= 1
        k = ff.kind
        if k == K_CALL:
            self.rv = value
        elif k == K_CONSTRUCT:
            if isinstance(value, JSObject):
                self.rv = value
                return
            f = ff.func
            if f.kind == CLASS_DERIVED:
                if value is not None:
                    raise type_error("Derived constructors may only return object or undefined")
                slot = f.code.p.this_slot
                this = ff.scope[slot] if slot else TDZ
                if this is TDZ:
                    raise reference_error("Must call super constructor in derived class before "
                                          "accessing 'this' or returning from derived constructor")
                self.rv = this
                return
            self.rv = ff.this
        elif k == K_ASYNC:
            P.resolve_promise(ff.promise, value)
            self.rv = ff.promise
        elif k == K_SCRIPT:
            self.settle_script(ff.promise, self.completion)
            self.rv = ff.promise
        elif k == K_EVAL:
            self.rv = self.completion
            self.completion = ff.this
        elif k == K_ASYNC_GEN:
            async_generator_body_done(self, ff.gen, False, value)
        else:  # K_GEN
            gen = ff.gen
            gen.gen_state = "done"
            gen.frames = None
            self.rv = self.iter_result(value, True)

    def function_threw(self, ff: FuncFrame, value: Any) -> bool:
        k = ff.kind
        self.depth -= 1
        if k == K_ASYNC or k == K_SCRIPT:
            self.stack.pop()
            P.reject_promise(ff.promise, value)
            self.rv = ff.promise
            return True
        if k == K_ASYNC_GEN:
            self.stack.pop()
            async_generator_body_done(self, ff.gen, True, value)
            return True
        if k == K_GEN:
            ff.gen.gen_state = "done"
            ff.gen.frames = None
        elif k == K_EVAL:
            self.completion = ff.this
        return False

    def iter_result(self, value: Any, done: bool) -> JSObject:
        o = JSObject(self.realm.object_prototype)
        o.props["value"] = value
        o.props["done"] = done
        return o

    # -- await and yield ------------------------------------------------------------------------
    # -- jobs ---------------------------------------------------------------------------------
    # -- nested runs (implicit calls from abstract operations) ---------------------------------
    def check_nested_room(self) -> None:
        """Refuse another nested run with a RangeError while there is still Python stack
        to unwind and run catch blocks with.  Each nested level costs ~8-20 Python frames,
        so Python's recursion limit (1000 by default), not MAX_NESTED_RUNS, is what deep
        getter/valueOf/toJSON recursion meets first; a RecursionError raised at an
        arbitrary point of the machine would skip its cleanups (an uncatchable RangeError,
        or a catch block silently not run)."""
        if self.nested >= MAX_NESTED_RUNS or \
                _python_depth() > sys.getrecursionlimit() - NESTED_HEADROOM:
            raise range_error("Maximum call stack size exceeded")

    def call_nested(self, f: Any, this: Any, args: list) -> Any:
        return self._run_nested(self.call_value, f, this, args)

    def construct_nested(self, f: Any, args: list, new_target: Any) -> Any:
        return self._run_nested(self.construct_value, f, args, new_target)

    def _run_nested(self, start: Any, *start_args: Any) -> Any:
        """A nested run above a barrier: ``start`` pushes the call (or answers at once)."""
        if self.nested >= NESTED_CHECK_FROM:
            self.check_nested_room()
        self.nested += 1
        stack = self.stack
        base = len(stack)
        stack.append(BarrierFrame())
        try:
            try:
                start(*start_args)
            except JSThrow:
                del stack[base:]
                raise
            return self._drive()
        except RunThrow as e:
            raise JSThrow(e.value)
        finally:
            self.nested -= 1

    def eval_nested(self, code: Any, scope: Any) -> Any:
        """Evaluate an expression containing calls from a closure (defaults in patterns)."""
        if self.nested >= NESTED_CHECK_FROM:
            self.check_nested_room()
        self.nested += 1
        stack = self.stack
        stack.append(BarrierFrame())
        stack.append(Frame(code.step, code, scope))
        try:
            return self._drive()
        except RunThrow as e:
            raise JSThrow(e.value)
        finally:
            self.nested -= 1

    # -- misc services ----------------------------------------------------------------------------
    def create_regexp(self, pattern: str, flags: str) -> Any:
        return create_regexp(pattern, flags)

    def array_iteration_pristine(self, a: JSArray) -> bool:
        """Whether iterating ``a`` with the iteration protocol would be unobservable."""
        if a.props and SYM_ITERATOR in a.props:
            return False
        ap: JSObject = self.realm.array_prototype
        if a.proto is not ap:
            return False
        it = ap.props.get(SYM_ITERATOR)
        pristine = self.realm.intr.get("ArrayValues")
        if it is not pristine or pristine is None:
            return False
        aip = self.realm.intr.get("ArrayIteratorPrototype")
        if aip is None:
            return False
        nxt = aip.props.get("next")
        return nxt is not None and nxt is self.realm.intr.get("ArrayIteratorNext")

    def stack_trace(self, message: Optional[str] = None, ctor: Any = None) -> str:
        """The JS stack as node prints it: "\\n    at name (file:line:col)" per function frame
        (see stack_trace.stack_trace for ``message`` and ``ctor``)."""
        return stack_trace(self, message, ctor)


_ = (BREAK, CONTINUE, Accessor, ARROW)


PUSH_CALL.append(Machine.push_call.__code__)
