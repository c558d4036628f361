"""Generated Python for call-free code: one Python function instead of a tree of closures.

A call-free subtree compiles to closures, one per node (``ev(scope)`` / ``ex(scope)``:
binary.py, references.py, assignment.py, statements.py, loops.py ...), so evaluating it
costs a Python call per node.  In closures mode this module puts a counter in place of
the closure of every call-free loop and of every other call-free expression or statement
of the kinds it writes (compiler.CLOSURE_HOOKS); a loop on its first run, another subtree
on its ROOT_HOT-th, is written out as Python source (codegen_expr.py writes expressions),
compiled, and put in the Code in place of the counter.  The closures' fast paths become
inline code and their slow paths calls to the very helpers the closures call, so both
behave alike to the last TDZ check, getter call and poll of the step budget.  A node kind
not written here is called through its own closure (a bound constant), so coverage can
grow without being wrong.  Frames-only mode never comes here.

Each loop is a Python function of its own (nested loops call theirs and get back the
closures' completions, which the caller handles like the closure would), so a Python
``break``/``continue`` always belongs to the loop it was written for.  No program text
reaches the source (see codegen_expr.py), so a program cannot inject Python.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Optional

from ..compiler import CLOSURE_HOOKS, Code
from ..frames import BREAK, CONTINUE, RETURN
from ..values import JSThrow
from .codegen_expr import BASE_GLOBALS, MAX_INDENT, ExprGen
from .loops import POLL

# off: every node keeps its closures (A/B measurements; FETCHFLOW_NO_CODEGEN=1 in the
# environment turns it off for a whole process)
ENABLED = not os.environ.get("FETCHFLOW_NO_CODEGEN")
RAISE_ERRORS = False    # tests: a generation failure raises instead of keeping the closure
LOOPS = ("ForStatement", "WhileStatement", "DoWhileStatement")
# call-free subtrees that become generated functions of their own once hot
EXPR_ROOTS = frozenset(("BinaryExpression", "LogicalExpression", "ConditionalExpression",
                        "AssignmentExpression", "UpdateExpression", "UnaryExpression",
                        "MemberExpression", "SequenceExpression", "TemplateLiteral"))
STMT_ROOTS = frozenset(("ExpressionStatement", "IfStatement", "BlockStatement",
                        "VariableDeclaration", "ReturnStatement", "ThrowStatement"))
# runs of a subtree's closure before its function is generated (FETCHFLOW_CODEGEN_HOT=1:
# every subtree on its first run, a stress setting for test runs)
ROOT_HOT = int(os.environ.get("FETCHFLOW_CODEGEN_HOT") or 8)
# the only builtins generated code names
BUILTINS = {"type": type, "float": float, "int": int, "list": list, "bool": bool, "len": len,
            "str": str}

_COMPILED: dict[str, Any] = {}   # generated source -> code object (one shape, many programs)
COMPILED_CACHE_SIZE = 512

STMT_GLOBALS = dict(BASE_GLOBALS, BREAK=BREAK, CONTINUE=CONTINUE, RETURN=RETURN, JSThrow=JSThrow,
                    POLL=POLL)


class StmtGen(ExprGen):
    """Statements and loops; ``loop`` is the labels of the Python loop a statement is
    written in (None outside one)."""

    def __init__(self, prog: Any) -> None:
        super().__init__(prog)
        self.funcs: list[list[str]] = []

    def stmt(self, node: Any, ind: int, sv: str, loop: Optional[frozenset]) -> None:
        code = self.prog.code(node)
        if code.ex is None:
            raise AssertionError("codegen of a statement without a closure")
        nid = id(node)
        meth = getattr(self, "s_" + node.type, None)
        if meth is None or ind > MAX_INDENT or nid in self.prog.completion_wrapped or \
                nid in self.prog.step_wrapped or meth(node, code, ind, sv, loop) is False:
            self.call_stmt(code.ex, ind, sv, loop)
        else:
            self.inlined += 1

    def call_stmt(self, ex: Callable, ind: int, sv: str, loop: Optional[frozenset]) -> None:
        c = self.tmp()
        self.emit(ind, f"{c} = {self.const(ex)}({sv})")
        self.emit(ind, f"if {c} is not None:")
        self.complete(c, ind + 1, loop)

    def complete(self, c: str, ind: int, loop: Optional[frozenset]) -> None:
        """An abrupt completion ``c`` reaching this point: what the enclosing loop closure
        does with it (loops._breaks/_continues), or hand it to the caller."""
        if loop is not None:
            lbl = self.const(loop)
            self.emit(ind, f"if {c}[0] == BREAK and ({c}[2] is None or {c}[2] in {lbl}): break")
            self.emit(ind, f"if {c}[0] == CONTINUE and ({c}[2] is None or {c}[2] in {lbl}): continue")
        self.emit(ind, f"return {c}")

    # -- simple statements ------------------------------------------------------------------

    def s_ExpressionStatement(self, node: Any, code: Code, ind: int, sv: str, loop: Any) -> Any:
        v = self.expr(node.expression, ind, sv)
        if id(node) in self.prog.info.script_level:
            self.emit(ind, f"{self.const(self.m)}.completion = {v}")

    def s_EmptyStatement(self, node: Any, code: Code, ind: int, sv: str, loop: Any) -> Any:
        self.emit(ind, "pass")

    def s_IfStatement(self, node: Any, code: Code, ind: int, sv: str, loop: Any) -> Any:
        v = self.expr(node.test, ind, sv)
        self.emit(ind, f"if {self.truthy(v, ind)}:")
        self.stmt(node.consequent, ind + 1, sv, loop)
        self.emit(ind + 1, "pass")
        if node.alternate is not None:
            self.emit(ind, "else:")
            self.stmt(node.alternate, ind + 1, sv, loop)
            self.emit(ind + 1, "pass")

    def s_BlockStatement(self, node: Any, code: Code, ind: int, sv: str, loop: Any) -> Any:
        if code.p is not None:   # a scope of its own: entered as compile_stmt_list does
            ns = self.tmp()
            self.emit(ind, f"{ns} = {self.const(code.p.setup)}({sv})")
            sv = ns
        for st in node.body:
            self.stmt(st, ind, sv, loop)
        self.emit(ind, "pass")

    def s_VariableDeclaration(self, node: Any, code: Code, ind: int, sv: str, loop: Any) -> Any:
        decls = [d for d in node.declarations if d.init is not None or node.kind != "var"]
        strict = self.prog.info.strict_of(node)
        for d, (bind, _) in zip(decls, code.kids):
            v = "None" if d.init is None else self.expr(d.init, ind, sv)
            if d.id.type != "Identifier":
                self.emit(ind, f"{self.const(bind)}({sv}, {v})")
            elif node.kind == "var":
                self.put_identifier(d.id, strict, v, ind, sv)
            else:
                self.init_identifier(d.id, v, ind, sv)
        self.emit(ind, "pass")

    def s_ReturnStatement(self, node: Any, code: Code, ind: int, sv: str, loop: Any) -> Any:
        if node.argument is None:
            self.emit(ind, f"return {self.const((RETURN, None, None))}")
            return
        v = self.expr(node.argument, ind, sv)
        self.emit(ind, f"return (RETURN, {v}, None)")

    def s_ThrowStatement(self, node: Any, code: Code, ind: int, sv: str, loop: Any) -> Any:
        v = self.expr(node.argument, ind, sv)
        self.emit(ind, f"raise JSThrow({v})")

    def s_BreakStatement(self, node: Any, code: Code, ind: int, sv: str, loop: Any) -> Any:
        kind = BREAK if node.type == "BreakStatement" else CONTINUE
        label = node.label.name if node.label is not None else None
        if loop is not None and (label is None or label in loop):
            self.emit(ind, "break" if kind == BREAK else "continue")
            return
        self.emit(ind, f"return {self.const((kind, None, label))}")

    s_ContinueStatement = s_BreakStatement

    # -- loops --------------------------------------------------------------------------------

    def s_ForStatement(self, node: Any, code: Code, ind: int, sv: str, loop: Any) -> Any:
        self.call_stmt_name(self.loop_function(node), ind, sv, loop)

    s_WhileStatement = s_DoWhileStatement = s_ForStatement

    def call_stmt_name(self, fname: str, ind: int, sv: str, loop: Optional[frozenset]) -> None:
        c = self.tmp()
        self.emit(ind, f"{c} = {fname}({sv})")
        self.emit(ind, f"if {c} is not None:")
        self.complete(c, ind + 1, loop)

    def loop_function(self, node: Any) -> str:
        """Write ``def f<n>(s)``, the loop's closure (loops.c_for / c_while) as one function."""
        code = self.prog.code(node)
        name = f"f{len(self.funcs)}"
        saved = self.lines
        self.lines = []
        self.funcs.append(self.lines)
        e = self.emit
        e(0, f"def {name}(s):")
        labels = self.prog.loop_labels.get(id(node), frozenset())
        per_iteration = False
        update = None
        if node.type == "ForStatement":
            bs = self.prog.info.block_scope.get(id(node))
            per_iteration = code.p.per_iteration
            if bs is not None and (bs.materialized or bs.lexical_slots):
                e(1, f"s = {self.const(code.p.enter)}(s)")
            init = node.init
            if init is not None:
                if init.type == "VariableDeclaration":
                    self.stmt(init, 1, "s", None)
                else:
                    self.expr(init, 1, "s")
            update = node.update
        m = self.const(self.m)
        e(1, "n = 0")
        e(1, "first = True")
        e(1, "try:")
        e(2, "while True:")
        e(3, "if first:")
        e(4, "first = False")
        e(3, "else:")
        if per_iteration:
            e(4, "s = list(s)")
        if update is not None:
            self.expr(update, 4, "s")
        e(4, "n += 1")
        e(4, "if n == POLL:")
        e(5, "n = 0")
        e(5, f"{m}.poll(POLL)")
        test = node.test
        if test is not None:
            tind = 4 if node.type == "DoWhileStatement" else 3
            v = self.expr(test, tind, "s")
            e(tind, f"if not {self.truthy(v, tind)}: return None")
        self.stmt(node.body, 3, "s", labels)
        e(1, "finally:")
        e(2, f"if n: {m}.poll(n)")
        self.lines = saved
        return name

    def module_source(self) -> str:
        return "\n".join("\n".join(f) for f in self.funcs) + "\n"


def generate_loop(prog: Any, node: Any) -> Callable:
    """The generated function of a call-free loop statement."""
    g = StmtGen(prog)
    return _load(g, g.loop_function(node))


def generate_root(prog: Any, node: Any, attr: str) -> Optional[Callable]:
    """The generated function of a maximal call-free expression (``attr`` "ev") or
    statement ("ex"), or None when it would inline too little to be worth a function."""
    g = StmtGen(prog)
    g.funcs.append(g.lines)
    g.emit(0, "def r(s):")
    code = prog.code(node)
    if attr == "ev":
        v = getattr(g, "x_" + node.type)(node, 1, "s")
        if v is None:
            return None
        g.emit(1, f"return {v}")
    else:
        if getattr(g, "s_" + node.type)(node, code, 1, "s", None) is False:
            return None
        g.emit(1, "return None")
    if g.inlined < 1:
        return None
    return _load(g, "r")


def _load(g: StmtGen, name: str) -> Callable:
    src = g.module_source()
    co = _COMPILED.get(src)
    if co is None:
        co = compile(src, "<fetchflow codegen>", "exec")
        if len(_COMPILED) >= COMPILED_CACHE_SIZE:
            _COMPILED.clear()
        _COMPILED[src] = co
    env = dict(STMT_GLOBALS)
    env.update(g.consts)
    env["__builtins__"] = BUILTINS
    exec(co, env)
    return env[name]


def _install(prog: Any, code: Code, attr: str, hot: int, gen: Callable) -> None:
    """Replace the closure in ``code.<attr>`` by a counter that, on run ``hot``, generates
    the node's function and puts it in its place (callers that captured the counter go
    on through it)."""
    closure = getattr(code, attr)
    runs = 0
    f: Optional[Callable] = None

    def first_runs(s: list) -> Any:
        nonlocal runs, f
        if f is not None:   # generated: callers that captured this counter come through here
            return f(s)
        runs += 1
        if runs < hot:
            return closure(s)
        try:
            g = gen(prog, code.node) or closure
        except Exception:
            if RAISE_ERRORS:
                raise
            g = closure
        f = g
        if getattr(code, attr) is first_runs:
            setattr(code, attr, g)
        return g(s)
    setattr(code, attr, first_runs)


def _gen_loop(prog: Any, node: Any) -> Callable:
    return generate_loop(prog, node)


def _gen_ev(prog: Any, node: Any) -> Optional[Callable]:
    return generate_root(prog, node, "ev")


def _gen_ex(prog: Any, node: Any) -> Optional[Callable]:
    return generate_root(prog, node, "ex")


def hook(prog: Any, code: Code) -> None:
    """CLOSURE_HOOKS entry: a call-free loop generates on its first run, another call-free
    expression or statement once it has run ROOT_HOT times.  The counter goes in at the
    node's own compile time, so a parent that captures its kids' closures (a call's
    ``sc``, a function's ``inline``) captures the counter; a call-free parent that is
    generated first writes the kid inline and never runs its counter again."""
    if not ENABLED:
        return
    t = code.node.type
    if code.ex is not None:
        if t in LOOPS:
            _install(prog, code, "ex", 1, _gen_loop)
        elif t in STMT_ROOTS:
            _install(prog, code, "ex", ROOT_HOT, _gen_ex)
    elif code.ev is not None and t in EXPR_ROOTS:
        _install(prog, code, "ev", ROOT_HOT, _gen_ev)


def _register() -> None:
    for t in LOOPS + tuple(EXPR_ROOTS) + tuple(STMT_ROOTS):
        CLOSURE_HOOKS[t] = hook


_register()
