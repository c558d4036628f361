"""Generated step functions for function bodies that call: one resumable Python function
per hot body instead of a frame per statement and operand.

codegen.py writes call-free code; a body with calls runs on frames (step_function_body,
step_ops, step_for ...), several Python calls and a frame object per operation.  Here a
hot body's statements are written as one ``step(m, f)`` for its FuncFrame: call-free
parts exactly as codegen.py writes them, and every *site* (a call of a JS function, or a
node this module does not write, evaluated on frames as before) as a resumable point:

- before pushing the callee, the site saves the temporaries still needed after it
  (``f.vals``) and its number (``f.pc``), then returns to the run loop;
- when the callee returns, the run loop steps the frame again: ``pc`` is the site's
  number, every piece of code before the site is skipped by its guard (``if not pc:``
  for call-free pieces, ``if not pc or lo <= pc <= hi:`` for pieces holding sites lo..hi),
  the site restores its temporaries, takes ``m.rv`` and sets ``pc`` to 0.

A plain built-in (``fn.plain``) or a callee evaluated inline answers at once and the body
goes on without leaving Python.  So the frame holds only picklable progress (``pc``,
``vals``), like every other frame: a state saves it under the step name "gen" and a load
regenerates the same function (the site numbering depends on the tree alone).

Operands and sites are codegen_sites.py's; this module writes the statements (if, blocks,
loops, switch, declarations, return, throw) and installs the results.  A body is written
only when every statement is one of these kinds or can run as a site (a statement with a
``break``/``continue`` inside a written loop cannot); else it keeps step_function_body.
A function's body is written on its HOT-th call (its first when it is small and holds a
loop, which may run long in that call); a script's when it loops at its top level and never
awaits there.
Generators and async functions keep their frames.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Optional

from ..frames import K_CALL, Frame, FuncFrame
from ..functions import CLASS_BASE, JSFunction
from ..natives import JSNativeFunction
from .bodies import step_concise_body, step_function_body
from .codegen import BUILTINS, STMT_GLOBALS
from .codegen_sites import PUSHED, SiteGen, Unsupported, call_slow
from .operands import call_checked
from .statements import stmt as statement_code
from ..operations.comparison import strict_equals
from ..operations.errors import type_error
from .functions import BODY_HOOKS
from .loops import step_for_in_of
from .patterns import PatternBinder

ENABLED = not (os.environ.get("FETCHFLOW_NO_CODEGEN") or os.environ.get("FETCHFLOW_NO_RESUMABLE"))
# calls before a body is written (generating and compiling one costs ~1-5 ms, a call on
# frames ~2-10 us more than a generated one); bodies that loop, up to LOOP_BODY_NODES nodes,
# are written on their first call
HOT = int(os.environ.get("FETCHFLOW_CODEGEN_HOT") or 8)
LOOP_BODY_NODES = 400
_COMPILED: dict[str, Any] = {}   # generated source -> code object
COMPILED_CACHE_SIZE = 512
RAISE_ERRORS = bool(os.environ.get("FETCHFLOW_CODEGEN_RAISE"))   # tests: a failure raises
FILENAME = "<fetchflow step>"
_FUNCTION_TYPES = frozenset(("FunctionExpression", "FunctionDeclaration", "ArrowFunctionExpression",
                             "ClassDeclaration", "ClassExpression"))
_BODY_TYPES = ("BlockStatement", "Program")
_LOOP_TYPES = frozenset(("ForStatement", "WhileStatement", "DoWhileStatement", "ForInStatement",
                         "ForOfStatement"))
_AWAITS = frozenset(("AwaitExpression",))
GEN_GLOBALS = dict(STMT_GLOBALS, JSFunction=JSFunction, JSNativeFunction=JSNativeFunction,
                   FuncFrame=FuncFrame, CLASS_BASE=CLASS_BASE, isinstance=isinstance,
                   strict_equals=strict_equals, type_error=type_error,
                   STEP_FOR_IN_OF=step_for_in_of, call_slow=call_slow, PUSHED=PUSHED,
                   Frame=Frame, call_checked=call_checked, K_CALL=K_CALL)


def _jumps(node: Any) -> bool:
    """Whether ``node`` holds a break or continue (not inside a nested function)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in ("BreakStatement", "ContinueStatement"):
            return True
        if n is not node and n.type in _FUNCTION_TYPES:
            continue
        stack.extend(n.iter_children())
    return False


def _size(node: Any) -> int:
    """The number of nodes under ``node`` (ids are pre-order: its last descendant's id)."""
    last = node
    while True:
        kids = list(last.iter_children())
        if not kids:
            return last._id - node._id + 1
        last = kids[-1]


def _has_loop(node: Any) -> bool:
    """Whether ``node`` holds a loop (not inside a nested function)."""
    return _has_kind(node, _LOOP_TYPES)


def _has_kind(node: Any, kinds: frozenset) -> bool:
    """Whether ``node`` holds a node of one of ``kinds`` (not inside a nested function)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in kinds or (n.type == "ForOfStatement" and getattr(n, "isAwait", False)
                               and "AwaitExpression" in kinds):
            return True
        if n is not node and n.type in _FUNCTION_TYPES:
            continue
        stack.extend(n.iter_children())
    return False


class _Switch:
    """The ``loop`` of statements written directly in a switch: ``break`` leaves the
    switch; ``continue`` sets ``flag`` and leaves it, and the code after it continues
    ``outer``."""
    __slots__ = ("flag", "outer")

    def __init__(self, flag: str, outer: Any) -> None:
        self.flag = flag
        self.outer = outer


def _in_loop(loop: Any) -> bool:
    """Whether a written loop encloses the (switch) context ``loop``."""
    while isinstance(loop, _Switch):
        loop = loop.outer
    return loop is not None


class ResGen(SiteGen):
    """A body's statements, written resumable (see codegen_sites.SiteGen for operands and
    sites)."""

    # -- statements ---------------------------------------------------------------------------

    def body(self, nodes: list, ind: int, sv: str, loop: Optional[frozenset]) -> None:
        for st in nodes:
            self.rstmt(st, ind, sv, loop)

    def rstmt(self, node: Any, ind: int, sv: str, loop: Optional[frozenset]) -> None:
        saved = self.cur
        if self.in_step:
            self.cur = node
        try:
            if not self.has_sites(node):
                if self.later_sites():
                    at = self.open(ind, "if not pc:")
                    self.stmt(node, ind + 1, sv, loop)
                    self.close(at)
                else:
                    self.stmt(node, ind, sv, loop)
                return
            self.emit(ind, self.guard(node) or "if True:")
            if id(node) in self.prog.completion_wrapped:   # statements.step_reset_completion
                self.emit(ind + 1, f"if not pc: {self.const(self.m)}.completion = None")
            self.tracked(node, lambda: self.rstmt_sites(node, ind + 1, sv, loop))
        finally:
            self.cur = saved

    def rstmt_sites(self, node: Any, ind: int, sv: str, loop: Optional[frozenset]) -> None:
        meth = getattr(self, "q_" + node.type, None)
        if meth is None or meth(node, ind, sv, loop) is False:
            self.stmt_site(node, ind, sv, loop)

    def stmt_site(self, node: Any, ind: int, sv: str, loop: Optional[frozenset]) -> None:
        """A statement run on its own frames (as step_function_body runs it)."""
        if loop is not None and _jumps(node):
            raise Unsupported("break/continue out of a statement on frames")
        st = statement_code(self.prog, node)
        if st.fstep is None:
            raise Unsupported(node.type)
        ks = self.const(st)

        def call(i: int, r: str) -> None:
            self.suspend(i)
            self.emit(i, f"if {ks}.fcode.sc is None: stack.append(Frame({ks}.fstep, {ks}.fcode, {sv}))")
            self.emit(i, f"else: {ks}.fcode.sc(m, {sv})")
            self.emit(i, "if stack[-1] is not f: return")
        self.site(node, ind, call)

    def q_ExpressionStatement(self, node: Any, ind: int, sv: str, loop: Any) -> Any:
        v = self.expr(node.expression, ind, sv)
        if id(node) in self.prog.info.script_level:   # the script's completion value
            self.emit(ind, f"{self.const(self.m)}.completion = {v}")
        self.emit(ind, "pass")

    def q_ReturnStatement(self, node: Any, ind: int, sv: str, loop: Any) -> Any:
        self.finish(self.expr(node.argument, ind, sv), ind)

    def finish(self, v: str, ind: int) -> None:
        """Return ``v``: Machine.finish_function, its K_CALL case inline."""
        e = self.emit
        e(ind, "if f.kind == K_CALL:")
        e(ind + 1, "stack.pop()")
        e(ind + 1, "m.depth -= 1")
        e(ind + 1, f"m.rv = {v}")
        e(ind, f"else: m.finish_function(f, {v})")
        e(ind, "return")

    def q_ThrowStatement(self, node: Any, ind: int, sv: str, loop: Any) -> Any:
        v = self.expr(node.argument, ind, sv)
        self.emit(ind, f"raise JSThrow({v})")

    def q_VariableDeclaration(self, node: Any, ind: int, sv: str, loop: Any) -> Any:
        if any(d.id.type != "Identifier" for d in node.declarations):
            return False
        decls = [d for d in node.declarations if d.init is not None or node.kind != "var"]
        for d in decls:
            # each declarator (value and binding) is a piece: a resume at a later one skips it
            g = self.guard(d.init) if d.init is not None else \
                ("if not pc:" if self.later_sites() else None)
            i = ind + 1 if g else ind
            if g:
                self.emit(ind, g)
            v = "None" if d.init is None else self.expr(d.init, i, sv)
            if node.kind == "var":
                self.put_identifier(d.id, self.prog.info.strict_of(node), v, i, sv)
            else:
                self.init_identifier(d.id, v, i, sv)
        self.emit(ind, "pass")

    def q_IfStatement(self, node: Any, ind: int, sv: str, loop: Any) -> Any:
        t = self.operand(node.test, ind, sv)
        c = self.choice(self.truthy(t, ind), ind)
        self.when(c, node.consequent, ind)
        self.rstmt(node.consequent, ind + 1, sv, loop)
        self.emit(ind + 1, "pass")
        if node.alternate is not None:
            self.emit(ind, "else:")
            self.rstmt(node.alternate, ind + 1, sv, loop)
            self.emit(ind + 1, "pass")

    def q_BlockStatement(self, node: Any, ind: int, sv: str, loop: Any) -> Any:
        code = self.prog.code(node)
        if code.p is not None:   # a scope of its own: entered once, then saved at each site
            ns = self.tmp()
            self.emit(ind, f"if not pc: {ns} = {self.const(code.p.setup)}({sv})")
            sv = ns
            self.live.append(ns)
        self.body(node.body, ind, sv, loop)
        if code.p is not None:
            self.live.pop()
        self.emit(ind, "pass")

    def site_range(self, nodes: list) -> tuple:
        """The numbers of the sites the written ``nodes`` will hold (in writing order)."""
        lo = self.nsite + 1
        n = sum(self.count(x) for x in nodes if x is not None and self.has_sites(x))
        return lo, lo + n - 1

    def q_WhileStatement(self, node: Any, ind: int, sv: str, loop: Any) -> Any:
        if id(node) in self.prog.loop_labels:
            return False
        labels = frozenset()
        e = self.emit
        m = self.const(self.m)
        do = node.type == "DoWhileStatement"
        n, first = self.tmp(), self.tmp()   # the loop's own: nested loops have theirs
        e(ind, f"{n} = 0")
        if do:
            tlo, thi = self.site_range([node.test])
            e(ind, f"{first} = not (pc and {tlo} <= pc <= {thi})")
        e(ind, "try:")
        e(ind + 1, "while True:")
        i = ind + 2
        e(i, f"{n} += 1")
        e(i, f"if {n} == POLL: {n} = 0; {m}.poll(POLL)")
        if do:
            e(i, f"if {first}: {first} = False")
            e(i, "else:")
            self.loop_test(node.test, i + 1, sv)
        else:
            self.loop_test(node.test, i, sv)
        self.rstmt(node.body, i, sv, labels)
        e(ind, "finally:")
        e(ind + 1, f"if {n}: {m}.poll({n})")

    q_DoWhileStatement = q_WhileStatement

    def q_ForOfStatement(self, node: Any, ind: int, sv: str, loop: Any) -> Any:
        """loops.step_for_in_of for a for-of: over an Array whose iteration is untouched,
        a loop written here (an array iterator needs no closing); over anything else, the
        loop's own frame, given the value of its right side."""
        code = self.prog.code(node)
        p = code.p
        if id(node) in self.prog.loop_labels or getattr(node, "isAwait", False) or \
                p.bind.__class__ is PatternBinder:
            return False
        e = self.emit
        m = self.const(self.m)
        rs = self.tmp()   # the right side sees the loop's bindings in their TDZ
        e(ind, f"if not pc: {rs} = {self.const(p.enter)}({sv})")
        self.live.append(rs)
        r = self.operand(node.right, ind, rs)
        self.live.pop()
        if r[0] != "t":   # a bound constant: the loop keeps its own temporary
            t = self.tmp()
            e(ind, f"if not pc: {t} = {r}")
            r = t
        walk, i, n, v = self.tmp(), self.tmp(), self.tmp(), self.tmp()
        e(ind, f"if not pc: {walk} = {r}.__class__ is JSArray and {m}.array_iteration_pristine({r})")
        kc = self.const(code)
        self.nsite += 1   # the frames path: one site
        k = self.nsite
        self.sites.append((node, len(self.saved())))
        e(ind, f"if (not pc and not {walk}) or pc == {k}:")
        e(ind + 1, "if not pc:")
        self.suspend(ind + 2)
        e(ind + 2, f"fr = Frame(STEP_FOR_IN_OF, {kc}, {sv})")
        e(ind + 2, "fr.x = 'right'")
        e(ind + 2, f"m.rv = {r}")
        e(ind + 2, "stack.append(fr)")
        e(ind + 2, "return")
        self.restore(ind + 1, self.saved())
        lo, hi = self.site_range([node.body])
        e(ind, f"elif not pc or ({lo} <= pc <= {hi}):")
        i1 = ind + 1
        e(i1, f"if not pc: {i} = 0")
        e(i1, f"{n} = 0")
        self.live.extend((r, i))
        e(i1, "try:")
        e(i1 + 1, "while True:")
        i3 = i1 + 2
        ns = self.tmp()
        e(i3, "if not pc:")
        e(i3 + 1, f"if {i} >= {r}.length: break")
        e(i3 + 1, f"{v} = {r}.elems")
        e(i3 + 1, f"{v} = (None if {v}[{i}] is HOLE else {v}[{i}]) if {v} is not None "
                  f"else {r}.get(str({i}), {r})")
        e(i3 + 1, f"{i} += 1")
        e(i3 + 1, f"{n} += 1")
        e(i3 + 1, f"if {n} == POLL: {n} = 0; {m}.poll(POLL)")
        e(i3 + 1, f"{ns} = {self.const(p.enter)}({sv})")
        e(i3 + 1, f"{self.const(p.bind)}({ns}, {v})")
        self.live.append(ns)
        self.rstmt(node.body, i3, ns, frozenset())
        self.live.pop()
        e(i1, "finally:")
        e(i1 + 1, f"if {n}: {m}.poll({n})")
        self.live.pop()
        self.live.pop()

    def loop_test(self, test: Any, ind: int, sv: str) -> None:
        if test is None:
            return
        t = self.operand(test, ind, sv)
        self.emit(ind, f"if not pc and not {self.truthy(t, ind)}: break")

    def q_ForStatement(self, node: Any, ind: int, sv: str, loop: Any) -> Any:
        if id(node) in self.prog.loop_labels:
            return False
        code = self.prog.code(node)
        e = self.emit
        m = self.const(self.m)
        bs = self.prog.info.block_scope.get(id(node))
        scoped = bs is not None and (bs.materialized or bs.lexical_slots)
        if scoped:
            ns = self.tmp()
            e(ind, f"if not pc: {ns} = {self.const(code.p.enter)}({sv})")
            sv = ns
            self.live.append(ns)
        init = node.init
        if init is not None:
            if init.type == "VariableDeclaration":
                self.rstmt(init, ind, sv, None)
            else:
                self.operand(init, ind, sv)
        # written in this order: update, test, body
        ulo, uhi = self.site_range([node.update])
        tlo, thi = self.site_range([node.update, node.test])
        blo, bhi = thi + 1, self.site_range([node.update, node.test, node.body])[1]
        n, first = self.tmp(), self.tmp()   # the loop's own: nested loops have theirs
        if self.counts is None:
            e(ind, f"{first} = True")
        else:
            e(ind, f"{first} = not (pc and ({ulo} <= pc <= {uhi} or {blo} <= pc <= {bhi}))")
        e(ind, f"{n} = 0")
        e(ind, "try:")
        e(ind + 1, "while True:")
        i = ind + 2
        e(i, f"if {first}: {first} = False")
        e(i, "else:")
        if code.p.per_iteration:
            e(i + 1, f"if not pc: {sv} = list({sv})")
        if node.update is not None:
            self.operand(node.update, i + 1, sv)
        e(i + 1, f"{n} += 1")
        e(i + 1, f"if {n} == POLL: {n} = 0; {m}.poll(POLL)")
        self.loop_test(node.test, i, sv)
        self.rstmt(node.body, i, sv, frozenset())
        e(ind, "finally:")
        e(ind + 1, f"if {n}: {m}.poll({n})")
        if scoped:
            self.live.pop()

    # -- call-free statements inside the step function ------------------------------------

    def complete(self, c: str, ind: int, loop: Any) -> None:
        if not self.in_step:
            return super().complete(c, ind, loop)
        if loop is not None:
            self.emit(ind, f"if {c}[0] == BREAK and {c}[2] is None: break")
            self.emit(ind, f"if {c}[0] == CONTINUE and {c}[2] is None:")
            self.jump_continue(ind + 1, loop)
        self.emit(ind, f"if {c}[0] == RETURN:")
        self.finish(f"{c}[1]", ind + 1)
        self.emit(ind, f"raise AssertionError({c})")

    def s_ReturnStatement(self, node: Any, code: Any, ind: int, sv: str, loop: Any) -> Any:
        if not self.in_step:
            return super().s_ReturnStatement(node, code, ind, sv, loop)
        self.finish("None" if node.argument is None else self.expr(node.argument, ind, sv), ind)

    def s_BreakStatement(self, node: Any, code: Any, ind: int, sv: str, loop: Any) -> Any:
        if not self.in_step:
            return super().s_BreakStatement(node, code, ind, sv, loop)
        if node.label is not None or loop is None:
            raise Unsupported("labelled jump")
        if node.type == "BreakStatement":
            self.emit(ind, "break")
        else:
            self.jump_continue(ind, loop)

    def jump_continue(self, ind: int, loop: Any) -> None:
        """``continue`` of the innermost loop: out of a switch's one-pass loop first."""
        if isinstance(loop, _Switch):
            if not _in_loop(loop):
                raise Unsupported("continue outside a written loop")
            self.emit(ind, f"{loop.flag} = True")
            self.emit(ind, "break")
        else:
            self.emit(ind, "continue")

    def q_SwitchStatement(self, node: Any, ind: int, sv: str, loop: Any) -> Any:
        """loops.step_switch: the discriminant, the case scope, the tests in order until one
        is strictly equal (else default), then the consequents from there, falling through,
        in a one-pass Python loop that ``break`` leaves."""
        if id(node) in self.prog.loop_labels:
            return False
        code = self.prog.code(node)
        e = self.emit
        d = self.operand(node.discriminant, ind, sv)
        if d.startswith("t"):
            self.live.append(d)
        setup = code.p.setup
        if setup is not None:
            ns = self.tmp()
            e(ind, f"if not pc: {ns} = {self.const(setup)}({sv})")
            sv = ns
            self.live.append(ns)
        idx = self.tmp()
        e(ind, f"{idx} = -1")
        default = -1
        for j, case in enumerate(node.cases):
            if case.test is None:
                default = j
                continue
            n = self.count(case.test) if self.has_sites(case.test) else 0
            lo, hi = self.nsite + 1, self.nsite + n
            e(ind, f"if (not pc and {idx} < 0)" + (f" or (pc and {lo} <= pc <= {hi}):" if n else ":"))
            t = self.var(self.expr(case.test, ind + 1, sv), ind + 1)
            e(ind + 1, f"if strict_equals({d}, {t}): {idx} = {j}")
        if d.startswith("t"):
            self.live.remove(d)
        if default >= 0:
            e(ind, f"if not pc and {idx} < 0: {idx} = {default}")
        ctx = _Switch(self.tmp(), loop)
        e(ind, f"{ctx.flag} = False")
        e(ind, "while True:")
        for j, case in enumerate(node.cases):
            if not case.consequent:
                continue
            n = sum(self.count(x) for x in case.consequent if self.has_sites(x))
            lo, hi = self.nsite + 1, self.nsite + n
            e(ind + 1, f"if (not pc and 0 <= {idx} <= {j})" +
              (f" or (pc and {lo} <= pc <= {hi}):" if n else ":"))
            e(ind + 2, f"{idx} = {j}")   # resumed here: the cases after it fall through
            self.body(case.consequent, ind + 2, sv, ctx)
        e(ind + 1, "break")
        if setup is not None:
            self.live.pop()
        if _in_loop(loop):   # a continue inside may have left the switch
            e(ind, f"if {ctx.flag}:")
            self.jump_continue(ind + 1, loop)

    s_ContinueStatement = s_BreakStatement

    def module_source(self) -> str:
        """The functions' text, with each ``if not pc:`` block that directly follows another
        at the same depth merged into it (``pc`` does not change inside either)."""
        lines, nodes = self.funcs[0], self.line_nodes
        out: list[str] = []
        out_nodes: list = []
        open_at: dict[int, bool] = {}   # depth -> the last block header there is ``if not pc:``
        for i, ln in enumerate(lines):
            body = ln.lstrip(" ")
            depth = len(ln) - len(body)
            for d in [d for d in open_at if d >= depth]:
                if not (d == depth and body == "if not pc:" and open_at[d]):
                    del open_at[d]
            if body == "if not pc:" and open_at.get(depth):
                continue
            open_at[depth] = body == "if not pc:"
            out.append(ln)
            out_nodes.append(nodes[i] if i < len(nodes) else None)
        self.funcs[0] = out
        self.line_nodes = out_nodes
        return super().module_source()

    def loop_function(self, node: Any) -> str:
        was, self.in_step = self.in_step, False
        try:
            return super().loop_function(node)
        finally:
            self.in_step = was


def _write(prog: Any, body: Any, counts: Optional[dict]) -> ResGen:
    g = ResGen(prog, counts)
    if counts is not None:
        g.total = sum(v for k, v in counts.items() if k in g_top_ids(body))
    g.funcs.append(g.lines)
    g.emit(0, "def step(m, f):")
    g.emit(1, "s = f.scope")
    g.emit(1, "pc = f.pc")
    g.emit(1, "stack = m.stack")
    if body.type in _BODY_TYPES:
        g.body(body.body, 1, "s", None)
        g.cur = None
        g.finish("None", 1)
    else:   # an arrow's expression body
        g.cur = body
        g.finish(g.operand(body, 1, "s"), 1)
    return g


def g_top_ids(body: Any) -> set:
    if body.type in _BODY_TYPES:
        return {id(s) for s in body.body}
    return {id(body)}


def generate_body(prog: Any, body: Any) -> Optional[Callable]:
    """The step function of a function body with calls (None: it keeps its frames)."""
    first = _write(prog, body, None)
    counts = first.found
    g = _write(prog, body, counts)
    if g.nsite != sum(counts[i] for i in g_top_ids(body) if i in counts):
        raise AssertionError("site numbering differs between the passes")
    src = g.module_source()
    co = _COMPILED.get(src)   # the same body in another machine (or run) writes the same text
    if co is None:
        co = compile(src, FILENAME, "exec")
        if len(_COMPILED) >= COMPILED_CACHE_SIZE:
            _COMPILED.clear()
        _COMPILED[src] = co
    env = dict(GEN_GLOBALS)
    env.update(g.consts)
    env["__builtins__"] = BUILTINS
    env["SITES"] = tuple(g.sites)
    env["LINES"] = tuple(g.line_nodes)
    exec(co, env)
    return env["step"]


def hot_body(prog: Any, fd: Any, plain_step: Callable) -> Callable:
    """The body step a function starts with: ``plain_step``, until its HOT-th call writes
    the generated step (or finds it cannot) and puts it in ``fd.body_step``."""
    runs = 0
    # a loop may run long in the first call; a big body that loops is mostly a library's
    # one-off set-up, where writing it would cost more than it saves
    body = fd.body.node
    hot = 1 if HOT > 1 and _size(body) <= LOOP_BODY_NODES and _has_loop(body) else HOT

    def first_calls(m: Any, f: Any) -> None:
        nonlocal runs
        f.step = plain_step
        runs += 1
        if runs >= hot and fd.body_step is first_calls:
            fd.body_step = plain_step
            try:
                g = generate_body(prog, fd.body.node)
            except Unsupported:
                g = None
            except Exception:
                if RAISE_ERRORS:
                    raise
                g = None
            if g is not None:
                fd.body_step = g
                f.step = g   # this frame has not started: it can run the new step already
                g(m, f)
                return
        plain_step(m, f)
    return first_calls


def install(prog: Any, fd: Any, node: Any) -> None:
    """complete_func_data's hook: a plain function body written once hot."""
    if not ENABLED or not prog.closures or node.generator or node.isAsync or \
            getattr(prog.machine, "stepper", None) is not None:
        return
    if fd.body_step is step_function_body or fd.body_step is step_concise_body:
        if fd.body.ev is not None or fd.body.ex is not None:
            return   # call-free: the closures (and codegen.py) already run it without frames
        fd.body_step = hot_body(prog, fd, fd.body_step)


def is_generated(step: Any) -> bool:
    code = getattr(step, "__code__", None)
    return code is not None and code.co_filename == FILENAME


def step_gen(m: Any, f: Any) -> None:
    """A loaded frame that was running a generated step: generate it again (the same tree
    gives the same sites) and go on."""
    fd = f.func.code.p if f.func is not None else None
    g = fd.body_step if fd is not None else None
    if not is_generated(g):
        g = generate_body(f.code.prog, f.code.node)
        if fd is not None:
            fd.body_step = g
    f.step = g
    g(m, f)


def script_step(prog: Any, code: Any) -> Callable:
    """The step of a script's frame: generated when the script loops at its top level (it
    runs once: a loop is what makes it worth it) and never awaits there (so the frame is
    never saved in a state); else step_function_body."""
    node = code.node
    if not ENABLED or not prog.closures or getattr(prog.machine, "stepper", None) is not None or \
            not _has_loop(node) or _has_kind(node, _AWAITS):
        return step_function_body
    try:
        return generate_body(prog, node) or step_function_body
    except Unsupported:
        return step_function_body
    except Exception:
        if RAISE_ERRORS:
            raise
        return step_function_body


def site_node(f: Any) -> Any:
    """The node a suspended generated frame is waiting at (stack traces, inspection)."""
    sites = f.step.__globals__.get("SITES", ())
    k = f.pc
    return sites[k - 1][0] if 0 < k <= len(sites) else None


def line_node(step_globals: dict, lineno: int) -> Any:
    lines = step_globals.get("LINES", ())
    return lines[lineno - 1] if 0 < lineno <= len(lines) else None


BODY_HOOKS.append(install)
