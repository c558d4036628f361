"""Sites: the expressions of a generated resumable body (codegen_resumable.py) and the
points where it may leave Python and come back.

``SiteGen`` writes operands in evaluation order, each guarded so a resume skips what ran
before its site; a *site* is a call of a JS function (its frame pushed inline, as
Machine.push_call's fast path does), a call of any other callable, or a node this module
does not write, run on its own frames.  A site saves the temporaries still needed after it
(``live``) and its number in the frame before a frame may be pushed, and restores them
when the frame is stepped again.  Statements are codegen_resumable.py's.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from ..functions import JSFunction
from .codegen import MAX_INDENT, StmtGen
from .operands import call_checked
from .logical_assignment import LOGICAL_OPS
from .chains import callee_text


class Unsupported(Exception):
    """The body cannot be written (it keeps its frames)."""


PUSHED = object()   # call_slow's answer when the callee's frame was pushed


def call_slow(m: Any, f: Any, fn: Any, this: Any, args: list, text: str, k: int,
              saved: Optional[tuple]) -> Any:
    """A call site's general path (a generated step calls it): Machine.push_call (which
    may evaluate the callee in place) or call_checked for any other callable, with the
    site's number and saved values in the frame first; PUSHED when a frame was pushed."""
    if saved is not None:
        f.vals = saved
    f.pc = k
    stack = m.stack
    if fn.__class__ is JSFunction:
        m.push_call(fn, this, args)
    else:
        call_checked(m, fn, this, args, text)
    return PUSHED if stack[-1] is not f else m.rv


class SiteGen(StmtGen):
    """Writes one body's step function (its statements: codegen_resumable.ResGen).  Run
    twice: the first pass counts the sites under every node (``counts``), the second writes
    guards with the site ranges it now knows."""

    def __init__(self, prog: Any, counts: Optional[dict]) -> None:
        super().__init__(prog)
        self.counts = counts           # None: the counting pass
        self.found: dict[int, int] = {}
        self.nsite = 0
        self.total = 0                 # sites in the whole body (second pass)
        self.sites: list[tuple] = []   # (node, number of saved values)
        self.live: list[str] = []      # temporaries (and block scopes) needed after a site
        self.in_step = True            # False inside a call-free loop's own function
        self.line_nodes: list[Any] = []
        self.cur: Any = None           # the statement being written (stack traces)

    # -- plumbing ---------------------------------------------------------------------------

    def emit(self, ind: int, line: str) -> None:
        if ind > MAX_INDENT + 8:
            raise Unsupported("nesting")
        self.lines.append("    " * ind + line)
        if self.in_step:
            self.line_nodes.append(self.cur)

    def count(self, node: Any) -> int:
        return 1 if self.counts is None else self.counts.get(id(node), 0)

    def later_sites(self) -> bool:
        """Whether a site follows the code being written (then it runs only when not resuming)."""
        return self.counts is None or self.nsite < self.total

    def guard_for(self, node: Any) -> Optional[str]:
        """The guard of a piece holding ``node``'s sites (None: no sites)."""
        n = self.count(node)
        if n == 0:
            return None
        lo, hi = self.nsite + 1, self.nsite + n
        return f"if not pc or {lo} <= pc <= {hi}:" if lo != hi else f"if not pc or pc == {lo}:"

    def tracked(self, node: Any, fn: Callable[[], Any]) -> Any:
        before = self.nsite
        r = fn()
        if self.counts is None:
            self.found[id(node)] = self.nsite - before
        return r

    def has_sites(self, node: Any) -> bool:
        code = self.prog.code(node)
        return code.ev is None and code.ex is None

    # -- expressions --------------------------------------------------------------------------

    def expr(self, node: Any, ind: int, sv: str) -> str:
        """An operand: call-free by codegen_expr; with calls by the r_ methods (or a site)."""
        if not self.has_sites(node):
            return super().expr(node, ind, sv)
        return self.tracked(node, lambda: self.rexpr(node, ind, sv))

    def rexpr(self, node: Any, ind: int, sv: str) -> str:
        meth = getattr(self, "r_" + node.type, None)
        if meth is not None:
            r = meth(node, ind, sv)
            if r is not None:
                return r
        return self.node_site(node, ind, sv)

    def guard(self, node: Any) -> Optional[str]:
        """The guard of the code evaluating ``node``: its site range, else ``not pc`` when a
        site follows (a resume skips code that ran before it), else none."""
        g = self.guard_for(node) if self.has_sites(node) else None
        if g is None and self.later_sites():
            g = "if not pc:"
        return g

    def operand(self, node: Any, ind: int, sv: str) -> str:
        """Evaluate ``node`` as the next operand of a node with sites, guarded."""
        g = self.guard(node)
        if g is None:
            return self.var(self.expr(node, ind, sv), ind)
        at = self.open(ind, g)
        v = self.var(self.expr(node, ind + 1, sv), ind + 1)
        self.close(at)
        return v

    def open(self, ind: int, header: str) -> int:
        self.emit(ind, header)
        return len(self.lines)

    def close(self, at: int) -> None:
        """Drop a block header nothing was written under (a constant operand)."""
        if len(self.lines) == at:
            self.lines.pop()
            if self.in_step:
                self.line_nodes.pop()

    def operands(self, nodes: list, ind: int, sv: str) -> list:
        vals = []
        for n in nodes:
            v = self.operand(n, ind, sv)
            vals.append(v)
            if v.startswith("t"):
                self.live.append(v)
        for v in vals:
            if v.startswith("t"):
                self.live.pop()
        return vals

    def site(self, node: Any, ind: int, call: Callable[[int, str], None]) -> str:
        """A resumable point: ``call(ind, r)`` writes the code that pushes a frame (and
        returns) or puts the value in ``r``; resumed, ``r`` is ``m.rv``."""
        self.nsite += 1
        saved = self.saved()
        self.sites.append((node, len(saved)))
        r = self.tmp()
        e = self.emit
        e(ind, "if not pc:")
        call(ind + 1, r)
        e(ind, "else:")
        self.restore(ind + 1, saved)
        e(ind + 1, f"{r} = m.rv")
        return r

    def saved(self) -> list:
        """What a site saves: the live temporaries (bound constants need no saving)."""
        return [v for v in self.live if v[0] == "t"]

    def restore(self, ind: int, saved: list) -> None:
        """Resumed at a site: its saved temporaries back, and no longer resuming."""
        if saved:
            self.emit(ind, f"{', '.join(saved)}, = f.vals")
            self.emit(ind, "f.vals = None")
        self.emit(ind, "pc = 0")

    def suspend(self, ind: int) -> None:
        """Save this site's temporaries and number before a frame may be pushed."""
        saved = self.saved()
        if saved:
            self.emit(ind, f"f.vals = ({', '.join(saved)},)")
        self.emit(ind, f"f.pc = {self.nsite}")

    def node_site(self, node: Any, ind: int, sv: str) -> str:
        """Any node evaluated on its own frames, as step_ops evaluates an operand."""
        code = self.prog.code(node)
        if code.step is None and code.sc is None:
            raise Unsupported(node.type)
        kc = self.const(code)

        def call(i: int, r: str) -> None:
            self.suspend(i)
            self.emit(i, f"if {kc}.sc is None: stack.append(Frame({kc}.step, {kc}, {sv}))")
            self.emit(i, f"else: {kc}.sc(m, {sv})")
            self.emit(i, "if stack[-1] is not f: return")
            self.emit(i, f"{r} = m.rv")
        return self.site(node, ind, call)

    def r_CallExpression(self, node: Any, ind: int, sv: str) -> Optional[str]:
        callee = node.callee
        if any(a.type == "SpreadElement" for a in node.arguments) or getattr(node, "optional", False):
            return None
        e = self.emit
        this = "None"
        if callee.type == "Identifier":
            res = self.prog.res(callee)
            if callee.name == "eval" or res[0] == "with":
                return None
            fn = self.operand(callee, ind, sv)
        elif callee.type == "MemberExpression" and callee.object.type != "Super" and \
                callee.property.type != "PrivateIdentifier" and not getattr(callee, "optional", False):
            # the object (and key), then the function, before any argument (ES2017 12.3.4.1)
            o = self.operand(callee.object, ind, sv)
            self.live.append(o)
            k = None
            if callee.computed:
                k = self.operand(callee.property, ind, sv)
                self.live.append(k)
            e(ind, "if not pc:")   # the call's own site follows
            if k is None:
                e(ind + 1, f"if {o} is None or {o} is NULL: "
                           f"raise cannot_read({o}, {self.const(callee.property.name)})")
            else:
                self.live.pop()
            fn = self.member_read(callee, o, k, ind + 1)
            this = o
        elif callee.type in ("Super", "ChainExpression") or callee.type == "MemberExpression":
            return None
        else:
            fn = self.operand(callee, ind, sv)
        self.live.append(fn)
        args = self.operands(node.arguments, ind, sv)
        self.live.pop()
        if this != "None":
            self.live.pop()
        text = self.const(callee_text(self.prog, callee))

        def call(i: int, r: str) -> None:
            a = f"[{', '.join(args)}]"
            e(i, f"if {fn}.__class__ is JSNativeFunction and {fn}.plain is not None:")
            e(i + 1, f"{r} = {fn}.plain({this}, {a})")
            e(i, "else:")
            e(i + 1, f"if {fn}.__class__ is JSFunction:")
            self.push_frame(fn, this, args, i + 2)
            saved = self.saved()
            sv_ = f"({', '.join(saved)},)" if saved else "None"
            e(i + 1, f"{r} = call_slow(m, f, {fn}, {this}, {a}, {text}, {self.nsite}, {sv_})")
            e(i + 1, f"if {r} is PUSHED: return")
        return self.site(node, ind, call)

    def r_NewExpression(self, node: Any, ind: int, sv: str) -> Optional[str]:
        """calls.c_new: the callee, the arguments, then [[Construct]] on frames."""
        if any(a.type == "SpreadElement" for a in node.arguments):
            return None
        fn = self.operand(node.callee, ind, sv)
        if fn.startswith("t"):
            self.live.append(fn)
        args = self.operands(node.arguments, ind, sv)
        if fn.startswith("t"):
            self.live.pop()
        text = self.const(callee_text(self.prog, node.callee))

        def call(i: int, r: str) -> None:
            e = self.emit
            e(i, f"if not (isinstance({fn}, JSObject) and {fn}.can_construct): "
                 f"raise type_error({text} + ' is not a constructor')")
            self.suspend(i)
            e(i, f"m.construct_value({fn}, [{', '.join(args)}], {fn})")
            e(i, "if stack[-1] is not f: return")
            e(i, f"{r} = m.rv")
        return self.site(node, ind, call)

    def push_frame(self, fn: str, this: str, args: list, ind: int) -> None:
        """Machine.push_call's fast path, inline: a plain function (parameters in slots,
        ``this`` bound only when it needs no conversion) gets its frame pushed here, and
        the step returns to the run loop; an ``if`` whose ``else`` takes push_call."""
        e = self.emit
        e(ind, f"fd = {fn}.code.p")
        e(ind, f"fast = fd.fast if {fn}.kind < CLASS_BASE and fd.inline is None else 0")
        cond = "fast == 1" if this == "None" else \
            f"fast == 1 or (fast == 2 and ({fn}.strict or isinstance({this}, JSObject)))"
        e(ind, f"if ({cond}) and m.budget > 1 and m.depth < m.max_call_depth:")
        i = ind + 1
        e(i, "m.budget -= 1")
        e(i, "sc = fd.template.copy()")
        e(i, f"sc[0] = {fn}.scope")
        if args:
            e(i, f"if fd.nparams >= {len(args)}:")
            for j, v in enumerate(args):
                e(i + 1, f"sc[{j + 1}] = {v}")
            e(i, f"else: sc[1:fd.nparams + 1] = [{', '.join(args)}][:fd.nparams]")
        if this != "None":
            e(i, f"if fast == 2: sc[fd.this_slot] = {this}")
        self.suspend(i)
        e(i, f"ff = FuncFrame(fd.body_step, fd.body, sc, {fn}, K_CALL)")
        if this != "None":
            e(i, f"ff.this = {this}")
        e(i, "stack.append(ff)")
        e(i, "m.depth += 1")
        e(i, "return")

    def r_BinaryExpression(self, node: Any, ind: int, sv: str) -> Optional[str]:
        if node.left.type == "PrivateIdentifier":
            return None
        a, b = self.operands([node.left, node.right], ind, sv)
        return self.binop(node.operator, a, b, ind)

    def when(self, c: str, node: Any, ind: int) -> None:
        """``if`` the fresh path chose ``node`` (``c``) or a resume is inside it; the
        ``else`` that follows is the fresh path's other choice or a resume inside it."""
        n = self.count(node) if node is not None and self.has_sites(node) else 0
        if n:
            lo, hi = self.nsite + 1, self.nsite + n
            self.emit(ind, f"if {c} or (pc and {lo} <= pc <= {hi}):")
        else:
            self.emit(ind, f"if {c}:")

    def choice(self, test: str, ind: int) -> str:
        """The fresh path's branch (False while resuming: ``test`` is not evaluated)."""
        c = self.tmp()
        self.emit(ind, f"{c} = not pc and {test}")
        return c

    def chosen(self, c: str, node: Any, ind: int, sv: str, otherwise: Callable[[int], str]) -> str:
        """The value of ``node`` when ``c`` chose it (or a resume is inside it), else of
        ``otherwise(indent)``."""
        r = self.tmp()
        self.when(c, node, ind)
        self.emit(ind + 1, f"{r} = {self.expr(node, ind + 1, sv)}")
        self.emit(ind, "else:")
        self.emit(ind + 1, f"{r} = {otherwise(ind + 1)}")
        return r

    def r_ConditionalExpression(self, node: Any, ind: int, sv: str) -> Optional[str]:
        t = self.operand(node.test, ind, sv)
        c = self.choice(self.truthy(t, ind), ind)
        return self.chosen(c, node.consequent, ind, sv, lambda i: self.expr(node.alternate, i, sv))

    def r_LogicalExpression(self, node: Any, ind: int, sv: str) -> Optional[str]:
        v = self.operand(node.left, ind, sv)
        op = node.operator
        if op == "&&":
            test = self.truthy(v, ind)
        elif op == "||":
            test = f"not {self.truthy(v, ind)}"
        else:
            test = f"({v} is None or {v} is NULL)"
        return self.chosen(self.choice(test, ind), node.right, ind, sv, lambda i: v)

    def r_SequenceExpression(self, node: Any, ind: int, sv: str) -> Optional[str]:
        r = "None"
        for x in node.expressions:
            r = self.operand(x, ind, sv)
        return r

    def r_MemberExpression(self, node: Any, ind: int, sv: str) -> Optional[str]:
        if node.property.type == "PrivateIdentifier" or node.object.type == "Super" or \
                getattr(node, "optional", False):
            return None
        if node.computed:
            o, k = self.operands([node.object, node.property], ind, sv)
        else:
            o, k = self.operand(node.object, ind, sv), None
        return self.member_read(node, o, k, ind)

    def r_UnaryExpression(self, node: Any, ind: int, sv: str) -> Optional[str]:
        if node.operator in ("delete", "typeof") and node.argument.type != "CallExpression":
            return None
        return self.x_UnaryExpression(node, ind, sv)

    def r_AssignmentExpression(self, node: Any, ind: int, sv: str) -> Optional[str]:
        target = node.left
        op = node.operator
        strict = self.prog.info.strict_of(node)
        if target.type == "Identifier":
            if self.prog.res(target)[0] == "with" or op not in ("=", "+=", "-=", "*=", "|=", "&="):
                return None
            if op == "=":
                v = self.operand(node.right, ind, sv)
                self.put_identifier(target, strict, v, ind, sv)
                return v
            at = self.open(ind, "if not pc:")   # read before the right side runs
            a = self.x_Identifier(target, ind + 1, sv)
            self.close(at)
            if a is None:
                return None
            self.live.append(a)
            b = self.operand(node.right, ind, sv)
            self.live.pop()
            if op == "+=":
                return self.add_assign(node, target, strict, a, b, ind, sv)
            v = self.binop(op[:-1], a, b, ind)
            self.put_identifier(target, strict, v, ind, sv)
            return v
        if target.type != "MemberExpression" or target.object.type == "Super" or \
                target.property.type == "PrivateIdentifier" or op in LOGICAL_OPS:
            return None
        if op != "=":
            return self.member_compound(node, target, op[:-1], strict, ind, sv)
        parts = [target.object] + ([target.property] if target.computed else []) + [node.right]
        vals = self.operands(parts, ind, sv)
        k = vals[1] if target.computed else None
        self.member_put(target, vals[0], k, vals[-1], strict, ind)
        return vals[-1]

    def member_compound(self, node: Any, target: Any, op: str, strict: bool, ind: int,
                        sv: str) -> str:
        """``o.k op= v`` / ``o[k] op= v`` (codegen_expr's order): the reference and its old
        value before the right side runs, then the operator and the store."""
        o = self.operand(target.object, ind, sv)
        self.live.append(o)
        k0 = self.operand(target.property, ind, sv) if target.computed else None
        if k0 is not None:
            self.live.append(k0)
        self.emit(ind, "if not pc:")
        old, key = self.member_old(target, o, k0, ind + 1)
        if k0 is not None:
            self.live[-1] = key   # the property key replaces the raw key
        self.live.append(old)
        b = self.operand(node.right, ind, sv)
        self.live.pop()
        if k0 is not None:
            self.live.pop()
        self.live.pop()
        return self.member_update(target, op, o, key, old, b, strict, ind)

    def r_ObjectExpression(self, node: Any, ind: int, sv: str) -> Optional[str]:
        """expressions.c_object: the keys and values in order (a computed key made a key,
        a spread's properties copied, as each arrives), then the literal's own build."""
        code = self.prog.code(node)
        p = code.p
        vals = []
        for kc, conv in zip(code.kids, p.convert):
            v = self.operand(kc.node, ind, sv)
            if conv is not None:
                t = self.tmp()
                at = self.open(ind, "if not pc:")
                self.emit(ind + 1, f"{t} = {self.const(conv)}({v})")
                self.close(at)
                v = t
            vals.append(v)
            if v[0] == "t":
                self.live.append(v)
        for v in vals:
            if v[0] == "t":
                self.live.pop()
        r = self.tmp()
        self.emit(ind, f"{r} = {self.const(p.build)}([{', '.join(vals)}])")
        return r

    def r_ArrayExpression(self, node: Any, ind: int, sv: str) -> Optional[str]:
        if any(x is None or x.type == "SpreadElement" for x in node.elements):
            return None
        vals = self.operands(node.elements, ind, sv)
        r = self.tmp()
        self.emit(ind, f"{r} = JSArray({self.const(self.m)}.realm.array_prototype, [{', '.join(vals)}])")
        return r

    def r_TemplateLiteral(self, node: Any, ind: int, sv: str) -> Optional[str]:
        """expressions.c_template: each substitution made a string as it arrives, before the
        next one runs (ES2023 13.2.8.6)."""
        cooked = [q.value["cooked"] for q in node.quasis]
        if any(type(c) is not str for c in cooked):
            return None
        strs = []
        for x in node.expressions:
            v = self.operand(x, ind, sv)
            t = self.tmp()
            at = self.open(ind, "if not pc:")
            self.emit(ind + 1, f"{t} = {v} if type({v}) is str else to_string({v})")
            self.close(at)
            strs.append(t)
            self.live.append(t)
        for _ in strs:
            self.live.pop()
        parts = [self.const(cooked[0])]
        for t, c in zip(strs, cooked[1:]):
            parts += [t, self.const(c)]
        r = self.tmp()
        self.emit(ind, f"{r} = join_strings(({', '.join(parts)},))")
        self.emit(ind, f"if len({r}) >= BIG_STRING: {r} = big_string({r})")
        return r
