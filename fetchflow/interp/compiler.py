"""From AST nodes to ``Code`` records: closures for call-free subtrees, step functions elsewhere.

A ``Code`` is the compiled form of one AST node for one machine.  Expressions whose
subtree contains no call, ``new``, ``await``, ``yield`` or tagged template (and is not
too deep) get ``ev(scope) -> value``, a Python closure evaluated without frames;
statements likewise get ``ex(scope) -> completion`` (``None`` for normal completion, else
``(kind, value, label)``).  Other nodes get a ``step`` function run on a heap frame.
What a step function needs beyond its kids is the Code's ``p``, a record of
evaluation/payloads.py per node kind.

Frames-only mode (``Machine.closures`` False, see LoadedProgram.closures) compiles every
composite node to its step path: the two paths must print alike, and the node tests run
both.  Semantics both paths need (NamedEvaluation, destructuring, member reads) live in
one helper that both call.

Codes are never pickled by value: a Code pickles as (program key, node index), and
the closures are rebuilt from the AST on first use after loading.
"""
from __future__ import annotations

import gc
import hashlib
from typing import Any, Callable, Optional

from .evaluation.operands import inline_ops, step_ops
from .evaluation.support import check_supported
from .scope import ProgramInfo, analyze, eval_context
from .values import refuse_build
from ..grammar.ast_cache import parse_cached

MAX_CLOSURE_HEIGHT = 120  # deeper call-free expressions use frames (bounded Python recursion)
# operand frames of expressions up to this height are stepped inside their parent's step
# (see operands.inline_ops): the Python recursion this costs stays bounded
MAX_INLINE_HEIGHT = 40
STRICT_PREFIX = '"use strict";'

COMPILERS: dict[str, Callable] = {}
# closures mode: what to do with a node's Code once compiled, by node type
# (evaluation/codegen.py: generated Python for call-free loops and subtrees)
CLOSURE_HOOKS: dict[str, Callable] = {}


def compiles(*types: str) -> Callable:
    """Register the compiler of the given AST node types."""
    def deco(fn: Callable) -> Callable:
        for t in types:
            COMPILERS[t] = fn
        return fn
    return deco


class Code:
    __slots__ = ("node", "prog", "ev", "ex", "step", "kids", "fin", "p", "abrupt",
                 "fstep", "fcode", "sc", "ready")

    def __init__(self, node: Any, prog: "LoadedProgram") -> None:
        self.node = node
        self.prog = prog
        self.ev: Optional[Callable] = None
        self.ex: Optional[Callable] = None
        self.step: Optional[Callable] = None
        self.kids: Any = None
        # fin(m, frame, values): what step_ops does once the operand kids have values
        self.fin: Optional[Callable] = None
        # the facts only this node's step reads: a record of evaluation/payloads.py, or the
        # FuncData of a function node
        self.p: Any = None
        # abrupt(m, frame, kind, value, label) -> handled: a completion passing this frame
        self.abrupt: Optional[Callable] = None
        self.fstep: Any = None   # what a statement list pushes for this statement
        self.fcode: Any = None
        self.sc: Optional[Callable] = None  # sc(m, scope): make this call directly, no frame
        self.ready = False

    # a state names a Code by (program, node index) (see state.py); never by value
    __setstate__ = refuse_build

    def __repr__(self) -> str:
        return f"<Code {self.node.type} {self.node.line}:{self.node.column}>"


def _code_ref(prog: "LoadedProgram", index: int) -> Code:
    """A Code named by a state: a shell now, compiled when the machine is complete (after_load)."""
    node = prog.nodes[index]
    c = prog.codes.get(id(node))
    if c is None:
        c = Code(node, prog)
        prog.codes[id(node)] = c
        prog.shells.append(c)
    return c


_PARSE_CACHE: dict[str, tuple] = {}
PARSE_CACHE_SIZE = 256
PROGRAM_KINDS = ("script", "eval", "function")


def parse_key(source: str, kind: str, outer: Optional[dict], strict: bool) -> str:
    """The parse cache key: a hash of everything the parse and analysis depend on (never a
    key read from a state)."""
    scope = "" if outer is None else repr(sorted(outer.items()))
    return source_key(f"{kind}:{int(strict)}:{scope}:{source}")


def _parse(source: str, kind: str = "script", outer: Optional[dict] = None, strict: bool = False,
           remember: bool = True) -> tuple:
    """(ast, info, nodes, parsed text), from the process-wide cache when the same
    source was parsed the same way; ``remember=False`` leaves the cache untouched."""
    key = parse_key(source, kind, outer, strict)
    hit: Optional[tuple] = _PARSE_CACHE.get(key)
    if hit is None:
        # parsing, the early errors and the analysis make a few objects per node of a tree
        # the collector would rescan at every full collection while it grows (a third of a
        # big library's load): the tree holds no cycles to collect, so it runs afterwards
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            hit = _parse_uncached(source, kind, outer, strict)
        finally:
            if gc_was_enabled:
                if hit is not None and len(hit[2]) >= AGE_TREES_FROM:
                    _age_new_objects()
                gc.enable()
        if remember:
            _remember(key, hit)
    return hit


# trees of at least this many nodes go straight to the collector's oldest generation: big
# programs are parsed rarely, while doing it for every small eval would keep young cyclic
# garbage out of reach of the young collections
AGE_TREES_FROM = 10000


def _age_new_objects() -> None:
    """Move every object the collector tracks into its oldest generation (freeze, then
    unfreeze), so a new tree of ~10^5 long-lived nodes is not scanned twice as young
    objects nor counted towards the next full collection.  Skipped when the host keeps
    objects frozen (gc.freeze before fork): unfreezing would undo that."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def _parse_uncached(source: str, kind: str, outer: Optional[dict], strict: bool) -> tuple:
    text = source
    if kind == "eval" and strict:
        # eval code in strict code is strict (ES2017 10.2.1): parse it under a directive
        # (same line, so positions stay readable) and drop the directive afterwards
        # a hashbang stays a comment behind the directive (hashbang: strict eval of '#!\n')
        text = STRICT_PREFIX + ("//" + source[2:] if source.startswith("#!") else source)
    nodes: list = []
    ast = parse_cached(text, eval_context(outer) if kind == "eval" else None, nodes)
    if text is not source:
        ast.body.pop(0)
        ast.strict = True
        nodes = list(ast.walk())
        for i, n in enumerate(nodes):
            n._id = i   # a node's index is its pre-order position in the tree as run
    check_supported(nodes, text)   # ES2018+ syntax not evaluated yet: a SyntaxError
    info = analyze(ast, "eval" if kind == "eval" else "script", outer, strict, nodes)
    return (ast, info, nodes, text)


def _remember(key: str, parsed: tuple) -> None:
    if len(_PARSE_CACHE) >= PARSE_CACHE_SIZE:
        _PARSE_CACHE.clear()
    _PARSE_CACHE.setdefault(key, parsed)


def source_key(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()


class LoadedProgram:
    """A parsed and analysed script, compiled lazily for one machine."""

    def __init__(self, machine: Any, source: str, kind: str = "script", outer: Optional[dict] = None,
                 strict: bool = False, site: str = "") -> None:
        self.source = source
        self.kind = kind
        self.outer = outer
        self.strict = strict
        self.key = source_key(f"{kind}:{site}:{int(strict)}:{source}")
        self.machine = machine
        self._load()

    def header(self) -> tuple:
        """What the state format stores to rebuild this program."""
        return (self.key, self.kind, self.source, self.outer, self.strict)

    @classmethod
    def restore(cls, machine: Any, header: tuple) -> "LoadedProgram":
        """A program named in a state.  Its key is only this state's name for it; the parse is
        not cached until the whole state has loaded (``remember``)."""
        key, kind, source, outer, strict = header
        prog = cls.__new__(cls)
        prog.source, prog.kind, prog.outer, prog.strict, prog.key = source, kind, outer, strict, key
        prog.machine = machine
        prog._load(remember=False)
        return prog

    def remember(self) -> None:
        """Offer this program's parse to the process-wide cache (under its computed key)."""
        _remember(parse_key(self.source, self.kind, self.outer, self.strict),
                  (self.ast, self.info, self.nodes, self.text))

    def _load(self, remember: bool = True) -> None:
        self.ast, self.info, self.nodes, self.text = _parse(
            self.source, self.kind, self.outer, self.strict, remember)
        self.codes: dict[int, Code] = {}
        self.loop_labels: dict[int, frozenset] = {}
        self.shells: list[Code] = []
        self.completion_wrapped: set[int] = set()
        self.step_wrapped: set[int] = set()
        self.step_targets: dict[int, tuple] = {}  # hooked statement -> its own (fstep, fcode)

    def __reduce__(self) -> Any:
        # only the state module pickles programs (by persistent id, see state.py)
        raise TypeError("LoadedProgram pickles only by reference inside a machine state")

    def index_of(self, node: Any) -> int:
        return node._id

    @property
    def analysis(self) -> ProgramInfo:
        return self.info

    def code(self, node: Any) -> Code:
        c = self.codes.get(id(node))
        if c is None:
            c = Code(node, self)
            self.codes[id(node)] = c
        elif c.ready:
            return c
        try:
            COMPILERS[node.type](self, node, c)
        except BaseException:
            if not c.ready and c not in self.shells:
                del self.codes[id(node)]
            raise
        hook = CLOSURE_HOOKS.get(node.type)
        if hook is not None and self.closures:
            hook(self, c)   # codegen: generated Python for call-free loops and subtrees
        if c.step is step_ops and c.sc is None and self.closures and \
                self.info.height_of(node) <= MAX_INLINE_HEIGHT:
            c.sc = inline_ops(c)
        c.ready = True
        return c

    def compile_shells(self) -> None:
        """Compile the codes created while unpickling (see _code_ref)."""
        shells, self.shells = self.shells, []
        for c in shells:
            self.code(c.node)

    @property
    def closures(self) -> bool:
        """False: frames-only mode (``Machine.closures``, read when compiling): every
        composite node compiles to its step path, with no direct-call (``sc``) or inlined
        body shortcut.  Leaves (nodes that evaluate no child: literals, identifiers,
        ``this``, ``new.target``, function expressions, ``super.x``, ``typeof x``, ``x++``,
        ``delete x``, break, continue, ``return;``, empty statements) keep their closure:
        each has one implementation only, so a frame would test nothing the closure does
        not.  A state paused in one mode must resume in the same mode: its frames name
        step functions that the other mode may not compile."""
        return getattr(self.machine, "closures", True)

    def has_calls(self, node: Any) -> bool:
        """Whether ``node`` must run on frames: it contains a call (or is too deep), or the
        machine runs frames only."""
        return not self.closures or self.info.has_call(node) or \
            self.info.height_of(node) > MAX_CLOSURE_HEIGHT

    def res(self, node: Any) -> tuple:
        return self.info.res[id(node)]
