"""From AST nodes to ``Code`` records: closures for call-free subtrees, step functions elsewhere.

A ``Code`` is the compiled form of one AST node for one machine.  Expressions whose
subtree contains no call, ``new``, ``await``, ``yield`` or tagged template (and is not
too deep) get ``ev(scope) -> value``, a Python closure evaluated without frames;
statements likewise get ``ex(scope) -> completion`` (``None`` for normal completion, else
``(kind, value, label)``).  Other nodes get a ``step`` function run on a heap frame.

Codes are never pickled by value: a Code pickles as (program key, node index), and
the closures are rebuilt from the AST on first use after loading.
"""
from __future__ import annotations

import hashlib
from typing import Any, Callable, Optional

from .scope import ProgramInfo, analyze

MAX_CLOSURE_HEIGHT = 120  # deeper call-free expressions use frames (bounded Python recursion)
STRICT_PREFIX = '"use strict";'

COMPILERS: dict[str, Callable] = {}


def compiles(*types: str) -> Callable:
    """Register the compiler of the given AST node types."""
    def deco(fn: Callable) -> Callable:
        for t in types:
            COMPILERS[t] = fn
        return fn
    return deco


class Code:
    __slots__ = ("node", "prog", "ev", "ex", "step", "kids", "a", "b", "c", "d", "ab",
                 "fstep", "fcode", "sc", "ready")

    def __init__(self, node: Any, prog: "LoadedProgram") -> None:
        self.node = node
        self.prog = prog
        self.ev: Optional[Callable] = None
        self.ex: Optional[Callable] = None
        self.step: Optional[Callable] = None
        self.kids: Any = None
        self.a: Any = None
        self.b: Any = None
        self.c: Any = None
        self.d: Any = None
        self.ab: Optional[Callable] = None
        self.fstep: Any = None   # what a statement list pushes for this statement
        self.fcode: Any = None
        self.sc: Optional[Callable] = None  # sc(m, scope): make this call directly, no frame
        self.ready = False

    def __reduce__(self) -> Any:
        return (_code_ref, (self.prog, self.prog.index_of(self.node)))

    def __repr__(self) -> str:
        return f"<Code {self.node.type} {self.node.line}:{self.node.column}>"


def _code_ref(prog: "LoadedProgram", index: int) -> Code:
    """Unpickling a Code: a shell now, compiled when the machine is complete (after_load)."""
    node = prog.nodes[index]
    c = prog.codes.get(id(node))
    if c is None:
        c = Code(node, prog)
        prog.codes[id(node)] = c
        prog.shells.append(c)
    return c


_PARSE_CACHE: dict[str, tuple] = {}


def _parse(source: str, key: str, kind: str = "script", outer: Optional[dict] = None,
           strict: bool = False) -> tuple:
    hit = _PARSE_CACHE.get(key)
    if hit is None:
        from ..grammar.parser import parse
        text = source
        if kind == "eval" and strict:
            # eval code in strict code is strict (ES2017 10.2.1): parse it under a directive
            # (same line, so positions stay readable) and drop the directive afterwards
            text = STRICT_PREFIX + source
        ast = parse(text)
        if text is not source:
            ast.body.pop(0)
            ast.strict = True
        info = analyze(ast, "eval" if kind == "eval" else "script", outer, strict)
        nodes = list(ast.walk())
        index = {id(n): i for i, n in enumerate(nodes)}
        hit = (ast, info, nodes, index, text)
        if len(_PARSE_CACHE) > 256:
            _PARSE_CACHE.clear()
        _PARSE_CACHE[key] = hit
    return hit


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
        key, kind, source, outer, strict = header
        prog = cls.__new__(cls)
        prog.source, prog.kind, prog.outer, prog.strict, prog.key = source, kind, outer, strict, key
        prog.machine = machine
        prog._load()
        return prog

    def _load(self) -> None:
        self.ast, self.info, self.nodes, self._index, self.text = _parse(
            self.source, self.key, self.kind, self.outer, self.strict)
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
        return self._index[id(node)]

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
        c.ready = True
        return c

    def compile_shells(self) -> None:
        """Compile the codes created while unpickling (see _code_ref)."""
        shells, self.shells = self.shells, []
        for c in shells:
            self.code(c.node)

    def has_calls(self, node: Any) -> bool:
        return id(node) in self.info.calls or self.info.height.get(id(node), 1) > MAX_CLOSURE_HEIGHT

    def res(self, node: Any) -> tuple:
        return self.info.res[id(node)]
