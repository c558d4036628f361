"""Function definitions, await and yield (ES2017 9.2, 14.1-14.4, 14.6); classes are in
classes.py, calls in calls.py."""
from __future__ import annotations

from typing import Any, Callable, Optional

from ..compiler import Code, compiles
from ..frames import Frame
from ..functions import ARROW, ASYNC_ARROW
from ..operations.type_conversion import to_property_key
from .expressions import kid
from .function_objects import (define_method_property, make_function,  # noqa: F401
                               set_function_name)
from .operands import Spread
from ..scope import pattern_names
from .patterns import compile_pattern
from ..values import JSArray
from .bodies import step_concise_body, step_function_body
from .generators import step_yield_star, yield_star_abrupt
from .async_generators import (async_yield_star_abrupt, in_async_generator, step_async_yield,
                               step_async_yield_star)


# hook(prog, fd, node) run once a function's call parts are filled in (codegen_resumable.install)
BODY_HOOKS: list = []


class FuncData:
    """Per function node: scope layout and parameter facts, computed once per program.

    What making the function object reads (``strict``, ``length``, ``name``, ``src``) is
    set when the function node is compiled; everything else, the body's Code above all, is
    filled in by ``complete_func_data`` on the first read of an unset slot (``__getattr__``:
    the first call, construct or generator start), so a big library pays nothing for the
    bodies it never runs.  After that first read every field is a plain slot."""
    __slots__ = ("template", "simple", "nparams", "this_slot", "nt_slot", "home_slot", "func_slot",
                 "args_slot", "fname_slot", "hoisted", "body", "expr_body", "strict", "length",
                 "name", "bind_params", "param_names", "mapped_args", "fast", "body_step", "inline",
                 "src", "varenv", "pending")
    template: list                      # the scope list a call copies
    simple: bool                        # plain, distinct identifier parameters in slots 1..n
    nparams: int
    this_slot: int                      # 0: none (also for the slots below)
    nt_slot: int
    home_slot: int
    func_slot: int
    args_slot: int
    fname_slot: int
    hoisted: list[tuple[int, Code]]     # (slot, function declaration)
    body: Code
    expr_body: bool
    strict: bool
    length: int
    name: str
    bind_params: Optional[Callable[[Any, list, list], None]]
    param_names: list[str]
    mapped_args: bool
    fast: int
    body_step: Callable[[Any, Any], None]
    inline: Optional[Callable[[list], Any]]
    src: Optional[tuple[int, int]]      # (start, end) of the source text when wider than the node
    varenv: Optional[tuple]             # (template, [(var slot, param slot)]) of a separate var scope
    pending: Optional[tuple]            # (program, function node) until the call parts are filled

    def __getattr__(self, name: str) -> Any:
        # only reached for an unset slot (the first use by a call) or a missing name; copy
        # and pickle probes compile nothing (nor does a record made without __init__)
        if name[:2] == "__" or name == "pending":
            raise AttributeError(name)
        pending = self.pending
        if pending is None:
            raise AttributeError(name)
        self.pending = None
        try:
            complete_func_data(pending[0], pending[1], self)
        except BaseException:
            for slot in _CALL_SLOTS:   # no half-filled record: the next call tries again
                if hasattr(self, slot):
                    delattr(self, slot)
            self.pending = pending
            raise
        return getattr(self, name)


_EAGER_SLOTS = ("strict", "length", "name", "src", "pending")
_CALL_SLOTS = tuple(s for s in FuncData.__slots__ if s not in _EAGER_SLOTS)


def func_data(prog: Any, node: Any) -> FuncData:
    """What making a function object from ``node`` needs; the rest waits for the first call."""
    fd = FuncData()
    fd.src = None  # (start, end) of the source text when wider than the function node
    fd.strict = prog.info.scopes[id(node)].strict
    length = 0
    for p in node.params:
        if p.type == "AssignmentPattern" or p.type == "RestElement":
            break
        length += 1
    fd.length = length
    fd.name = definition_name(prog, node)
    fd.pending = (prog, node)
    return fd


def complete_func_data(prog: Any, node: Any, fd: FuncData) -> None:
    """The parts of ``fd`` a call reads: scope layout, parameter binding, the compiled body."""
    fs = prog.info.scopes[id(node)]
    b = fs.bindings
    fd.this_slot = b["%this"].slot if "%this" in b else 0
    fd.nt_slot = b["%nt"].slot if "%nt" in b else 0
    fd.home_slot = b["%home"].slot if "%home" in b else 0
    fd.func_slot = b["%func"].slot if "%func" in b else 0
    # a plain `var arguments` starts as the arguments object (ES2023 10.2.11 steps 18, 27)
    fd.args_slot = b["arguments"].slot if "arguments" in b and (
        b["arguments"].kind == "arguments" or b["arguments"].kind == "var"
        and node.type != "ArrowFunctionExpression") else 0
    fd.fname_slot = b[node.id.name].slot if node.type == "FunctionExpression" and node.id is not None \
        and b.get(node.id.name) is not None and b[node.id.name].kind == "fname" else 0
    params = node.params
    names = [p.name for p in params if p.type == "Identifier"]
    fd.simple = len(names) == len(params) and len(set(names)) == len(names) and \
        all(b[n].slot == i + 1 for i, n in enumerate(names))
    fd.nparams = len(params)
    fd.param_names = [n for p in params for n in pattern_names(p, [])]
    fd.mapped_args = fd.simple and not fd.strict and node.type != "ArrowFunctionExpression"
    t = fs.template()
    fd.template = t
    body = node.body
    fd.expr_body = body.type != "BlockStatement"
    fd.body = prog.code(body)
    vs = prog.info.varenv.get(id(node))
    fd.varenv = None
    hb = b
    if vs is not None and vs.materialized:
        hb = vs.bindings
        copies = [(vb.slot, b[n].slot) for n, vb in vs.bindings.items()
                  if vb.kind in ("var", "varfunction") and n in b and b[n].kind in ("param", "param_tdz")]
        fd.varenv = (vs.template(), copies)
    hoisted = []
    if not fd.expr_body:
        for st in body.body:
            if st.type == "FunctionDeclaration":
                hoisted.append((hb[st.id.name].slot, st))
    fd.hoisted = [(slot, prog.code(st)) for slot, st in hoisted]
    fd.bind_params = None
    if not fd.simple:
        binders = []
        for i, p in enumerate(params):
            if p.type == "RestElement":
                binders.append(("rest", compile_pattern(prog, p.argument, "init", fd.strict)))
            else:
                binders.append(("one", compile_pattern(prog, p, "init", fd.strict)))

        def bind_params(m: Any, scope: list, args: list) -> None:
            for i, (kind, bind) in enumerate(binders):
                if kind == "rest":
                    bind(scope, JSArray(m.realm.array_prototype, list(args[i:])))
                else:
                    bind(scope, args[i] if i < len(args) else None)
        fd.bind_params = bind_params
    fd.body_step = step_concise_body if fd.expr_body else step_function_body
    plain = fd.simple and fd.varenv is None and not (fd.nt_slot or fd.home_slot or fd.func_slot or fd.fname_slot or
                               fd.args_slot or fd.hoisted) and not node.generator and not node.isAsync
    # 1: nothing to set up but the parameters; 2: parameters and `this`; 0: the general path
    fd.fast = (2 if fd.this_slot else 1) if plain else 0
    # a fast function whose whole body is one call-free value (`x => x * 2`, `function (a, b)
    # { return a - b }`) is evaluated in place of the call: no frame at all
    fd.inline = None
    # stepping sees every statement; frames-only mode runs every body on its frame
    if fd.fast and getattr(prog.machine, "stepper", None) is None and prog.closures:
        if fd.expr_body:
            fd.inline = fd.body.ev
        elif len(body.body) == 1 and body.body[0].type == "ReturnStatement" and \
                body.body[0].argument is not None:
            fd.inline = prog.code(body.body[0].argument).ev
        elif all(k.ex is not None for k in fd.body.kids):
            fd.inline = _inline_body(fd.body.kids)
    for hook in BODY_HOOKS:
        hook(prog, fd, node)   # codegen_resumable: a generated body step once the function is hot


def _inline_body(kids: list) -> Callable[[list], Any]:
    """A call-free body of statements evaluated in place of its call: as
    step_function_body runs it (a ``return`` gives the value; break and continue cannot
    leave a function body), without a frame."""
    def run(s: list) -> Any:
        for k in kids:
            c = k.ex(s)   # read at each call: codegen.py puts generated functions there
            if c is not None:
                return c[1]
        return None
    return run


def definition_name(prog: Any, node: Any) -> str:
    """A function's or class's own name, else the one NamedEvaluation gives it where the
    source fixes it (scope.inferred_names), else ""."""
    if getattr(node, "id", None) is not None:
        return node.id.name
    name = prog.info.inferred_names.get(id(node), "")
    return name if type(name) is str else to_property_key(name)


@compiles("FunctionExpression", "ArrowFunctionExpression")
def c_function_expr(prog: Any, node: Any, code: Code) -> None:
    m = prog.machine
    code.p = func_data(prog, node)
    if node.type == "ArrowFunctionExpression":
        kind = ASYNC_ARROW if node.isAsync else ARROW
        code.ev = lambda s: make_function(m, code, s, None, kind)
    else:
        code.ev = lambda s: make_function(m, code, s)


@compiles("FunctionDeclaration")
def c_function_decl(prog: Any, node: Any, code: Code) -> None:
    code.p = func_data(prog, node)
    code.ex = lambda s: None  # hoisted: instantiated on entry to its scope


# -- classes -----------------------------------------------------------------------------------

# -- await and yield -------------------------------------------------------------------------

def step_await(m: Any, f: Frame) -> None:
    pc = f.pc
    if pc == 0:
        arg = f.code.kids[0]
        if arg.ev is None:
            f.pc = 1
            m.stack.append(Frame(arg.step, arg, f.scope))
            return
        v = arg.ev(f.scope)
    elif pc == 1:
        v = m.rv
    else:
        m.stack.pop()  # resumed: m.rv holds the awaited value
        return
    f.pc = 2
    m.await_(v)


@compiles("AwaitExpression")
def c_await(prog: Any, node: Any, code: Code) -> None:
    code.kids = [kid(prog, node.argument)]
    code.step = step_await


def step_yield(m: Any, f: Frame) -> None:
    pc = f.pc
    if pc == 0:
        arg = f.code.kids[0] if f.code.kids else None
        if arg is None:
            v = None
        elif arg.ev is None:
            f.pc = 1
            m.stack.append(Frame(arg.step, arg, f.scope))
            return
        else:
            v = arg.ev(f.scope)
    elif pc == 1:
        v = m.rv
    else:
        m.stack.pop()
        return
    f.pc = 2
    m.yield_(v)


@compiles("YieldExpression")
def c_yield(prog: Any, node: Any, code: Code) -> None:
    code.kids = [kid(prog, node.argument)] if node.argument is not None else []
    if in_async_generator(prog, node):
        code.step = step_async_yield_star if node.delegate else step_async_yield
        code.abrupt = async_yield_star_abrupt if node.delegate else None
        return
    if node.delegate:
        code.step = step_yield_star
        code.abrupt = yield_star_abrupt
        return
    code.step = step_yield


__all__ = ["make_function", "set_function_name", "define_method_property", "Spread"]
