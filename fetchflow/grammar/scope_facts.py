"""Static facts about each function's scope, for the interpreter.

`scope_facts(node)` answers, for a Program or any function node
(FunctionDeclaration, FunctionExpression, ArrowFunctionExpression):

- `var_names`: VarDeclaredNames of the body (ES2017 14.1.16 / 15.1.5), in
  source order, including the function declarations of the top level
  (TopLevelVarDeclaredNames).
- `lexical_names`: LexicallyDeclaredNames of the top level without function
  declarations (let, const, class), in source order; `const_names` is the
  subset bound by `const`.
- `param_names`: BoundNames of the formal parameters, in order, duplicates kept.
- `function_declarations`: the top-level FunctionDeclaration nodes to
  instantiate (FunctionDeclarationInstantiation step 20: the last one of each
  name wins, in reverse source order of last appearance - here source order of
  the winners).
- `annex_b_function_names`: sloppy-mode function declarations in blocks that
  B.3.3.1 also binds as a `var` of the function (when a `var` of that name
  would cause no early error and it is not a parameter name).
- `uses_arguments`, `uses_this`, `has_direct_eval`, `contains_with`: seen in
  the function's own code *or in nested arrow functions* (arrows share their
  enclosing function's `this`, `arguments`, and, for eval and with, the
  function's variable environment). `uses_this` also counts `super` (which
  needs the this binding). A direct eval is a call whose callee is the
  Identifier `eval` (parentheses are not kept in the AST; `(eval)(x)` is a
  direct eval per ES2017 12.3.4.1 too).
- `inner_direct_eval`: some nested function (any depth, arrows included) has
  a direct eval; names of this function may then be looked up dynamically.
- `is_strict`, `is_simple_params`: as in the spec.

Facts are computed for a whole tree in one iterative pass and cached by
`id(node)`, holding the node to keep the id valid.
"""

from __future__ import annotations

from typing import Any, Optional

from fetchflow.grammar.early_errors import (
    _get, _is_async, bound_names, has_use_strict, is_simple_params, node_type,
)

__all__ = ["ScopeFacts", "scope_facts", "analyze"]

_FUNCS = frozenset(("FunctionDeclaration", "FunctionExpression",
                    "ArrowFunctionExpression"))


class ScopeFacts:
    __slots__ = ("var_names", "lexical_names", "const_names", "param_names",
                 "function_declarations", "annex_b_function_names",
                 "uses_arguments", "uses_this", "has_direct_eval",
                 "contains_with", "inner_direct_eval", "is_strict",
                 "is_simple_params", "is_arrow")

    def __init__(self) -> None:
        self.var_names: tuple[str, ...] = ()
        self.lexical_names: tuple[str, ...] = ()
        self.const_names: frozenset[str] = frozenset()
        self.param_names: tuple[str, ...] = ()
        self.function_declarations: tuple[Any, ...] = ()
        self.annex_b_function_names: tuple[str, ...] = ()
        self.uses_arguments = False
        self.uses_this = False
        self.has_direct_eval = False
        self.contains_with = False
        self.inner_direct_eval = False
        self.is_strict = False
        self.is_simple_params = True
        self.is_arrow = False

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__
                           if k != "function_declarations")
        return f"ScopeFacts({fields})"


# Cache: id(node) -> (node, facts).  Keeping the node alive keeps its id unique.
_CACHE: dict[int, tuple[Any, ScopeFacts]] = {}
_CACHE_LIMIT = 100_000


def scope_facts(node: Any) -> ScopeFacts:
    """The ScopeFacts of a Program or function node (computed on first use for
    the whole subtree rooted at `node`).  Ask for the Program first: a nested
    function analysed on its own cannot know that an enclosing function or
    class made it strict."""
    hit = _CACHE.get(id(node))
    if hit is not None and hit[0] is node:
        return hit[1]
    analyze(node)
    return _CACHE[id(node)][1]


class _Fn:
    __slots__ = ("node", "facts", "vars", "lex", "consts", "fdecls", "annexb",
                 "parent", "arrow_parent")

    def __init__(self, node: Any, parent: Optional["_Fn"]) -> None:
        self.node = node
        self.facts = ScopeFacts()
        self.vars: dict[str, None] = {}
        self.lex: dict[str, None] = {}
        self.consts: set[str] = set()
        self.fdecls: dict[str, Any] = {}
        self.annexb: dict[str, None] = {}
        self.parent = parent
        # For an arrow: the nearest function whose `this`/`arguments` it shares
        # (the arrow itself gets the facts too).
        self.arrow_parent = parent if node_type(node) == "ArrowFunctionExpression" else None


class _Block:
    """Lexical names of one block, to decide Annex B function hoisting."""

    __slots__ = ("names", "parent", "is_fn_top")

    def __init__(self, parent: Optional["_Block"], is_fn_top: bool) -> None:
        self.names: set[str] = set()
        self.parent = parent
        self.is_fn_top = is_fn_top


def _lexical_in(stmts: list[Any]) -> set[str]:
    names: set[str] = set()
    for s in stmts:
        t = node_type(s)
        if t == "VariableDeclaration" and _get(s, "kind") in ("let", "const"):
            for d in _get(s, "declarations") or []:
                names.update(_get(i, "name") for i in bound_names(_get(d, "id")))
        elif t in ("ClassDeclaration", "FunctionDeclaration"):
            ident = _get(s, "id")
            if ident is not None:
                names.add(_get(ident, "name"))
    return names


_EXIT = object()


def analyze(root: Any) -> None:
    """Compute and cache ScopeFacts for `root` and every function inside it."""
    if len(_CACHE) > _CACHE_LIMIT:
        _CACHE.clear()
    outer_strict = False
    # (marker, node, fn, block, strict, top) items; _EXIT closes a function.
    stack: list[Any] = []
    fn = _start_function(root, None, outer_strict, stack)
    _finish = _finish_function
    while stack:
        item = stack.pop()
        if item[0] is _EXIT:
            _finish(item[1])
            continue
        node, fn, block, strict, top = item
        if node is None:
            continue
        t = node_type(node)
        if t in _FUNCS:
            if t == "FunctionDeclaration":
                _declare_function(node, fn, block, strict, top)
            _start_function(node, fn, strict, stack)
            continue
        if t == "Identifier":
            if _get(node, "name") == "arguments":
                _mark(fn, "uses_arguments")
            continue
        if t == "ThisExpression" or t == "Super":
            _mark(fn, "uses_this")
            continue
        if t == "WithStatement":
            _mark(fn, "contains_with")
        elif t == "CallExpression":
            callee = _get(node, "callee")
            if node_type(callee) == "Identifier" and _get(callee, "name") == "eval":
                _mark(fn, "has_direct_eval")
        elif t == "VariableDeclaration":
            kind = _get(node, "kind")
            for d in _get(node, "declarations") or []:
                names = [_get(i, "name") for i in bound_names(_get(d, "id"))]
                if kind == "var":
                    for n in names:
                        fn.vars.setdefault(n, None)
                elif top:
                    for n in names:
                        fn.lex.setdefault(n, None)
                        if kind == "const":
                            fn.consts.add(n)
        elif t == "ClassDeclaration" and top:
            ident = _get(node, "id")
            if ident is not None:
                fn.lex.setdefault(_get(ident, "name"), None)
        # Children.  Blocks open a _Block for Annex B bookkeeping.
        if t in ("BlockStatement", "SwitchStatement"):
            if t == "BlockStatement":
                stmts = _get(node, "body") or []
                nb = _Block(block, False)
                nb.names = _lexical_in(stmts)
                for s in reversed(stmts):
                    stack.append((s, fn, nb, strict, False))
            else:
                cases = _get(node, "cases") or []
                allst = [s for c in cases for s in (_get(c, "consequent") or [])]
                nb = _Block(block, False)
                nb.names = _lexical_in(allst)
                for c in reversed(cases):
                    for s in reversed(_get(c, "consequent") or []):
                        stack.append((s, fn, nb, strict, False))
                    stack.append((_get(c, "test"), fn, block, strict, False))
                stack.append((_get(node, "discriminant"), fn, block, strict, False))
            continue
        if t in ("ForStatement", "ForInStatement", "ForOfStatement"):
            head = _get(node, "init") if t == "ForStatement" else _get(node, "left")
            nb = block
            if head is not None and node_type(head) == "VariableDeclaration" \
                    and _get(head, "kind") in ("let", "const"):
                nb = _Block(block, False)
                for d in _get(head, "declarations") or []:
                    nb.names.update(_get(i, "name") for i in bound_names(_get(d, "id")))
            for child in reversed(_children(node)):
                stack.append((child, fn, nb, strict, False))
            continue
        if t == "CatchClause":
            nb = _Block(block, False)
            param = _get(node, "param")
            if param is not None and node_type(param) != "Identifier":
                # B.3.5: only a simple catch parameter may be shadowed by var.
                nb.names.update(_get(i, "name") for i in bound_names(param))
            stack.append((_get(node, "body"), fn, nb, strict, False))
            stack.append((param, fn, nb, strict, False))
            continue
        if t in ("ClassDeclaration", "ClassExpression"):
            strict = True
        # A labelled function at the top level is still top-level (ES2017
        # 13.13.7 TopLevelVarDeclaredNames).
        ctop = top and t == "LabeledStatement"
        for child in reversed(_children(node)):
            stack.append((child, fn, block, strict, ctop))


def _mark(fn: _Fn, flag: str) -> None:
    setattr(fn.facts, flag, True)
    # Arrows share this/arguments/eval/with with their enclosing function.
    while fn.arrow_parent is not None:
        fn = fn.arrow_parent
        setattr(fn.facts, flag, True)


def _start_function(node: Any, parent: Optional[_Fn], outer_strict: bool,
                    stack: list[Any]) -> _Fn:
    fn = _Fn(node, parent)
    f = fn.facts
    t = node_type(node)
    if t == "Program":
        body = _get(node, "body") or []
        f.is_strict = has_use_strict(body) is not None
        stack.append((_EXIT, fn))
        top_block = _Block(None, True)
        for s in reversed(body):
            stack.append((s, fn, top_block, f.is_strict, True))
        return fn
    params = _get(node, "params") or []
    body = _get(node, "body")
    f.is_arrow = t == "ArrowFunctionExpression"
    expr_body = node_type(body) != "BlockStatement"
    stmts = [] if expr_body else (_get(body, "body") or [])
    f.is_strict = outer_strict or (not expr_body and has_use_strict(stmts) is not None)
    f.is_simple_params = is_simple_params(params)
    f.param_names = tuple(_get(i, "name") for p in params for i in bound_names(p))
    stack.append((_EXIT, fn))
    top = _Block(None, True)
    if expr_body:
        stack.append((body, fn, top, f.is_strict, False))
    else:
        for s in reversed(stmts):
            stack.append((s, fn, top, f.is_strict, True))
    # Parameter initialisers and computed keys: visit the patterns as trees;
    # their Identifiers only matter for `arguments` uses, so bound names are
    # skipped by visiting just defaults.
    for p in reversed(params):
        for e in _pattern_exprs(p):
            stack.append((e, fn, top, f.is_strict, False))
    return fn


def _pattern_exprs(p: Any) -> list[Any]:
    out: list[Any] = []
    st = [p]
    while st:
        x = st.pop()
        if x is None:
            continue
        t = node_type(x)
        if t == "AssignmentPattern":
            out.append(_get(x, "right"))
            st.append(_get(x, "left"))
        elif t == "ArrayPattern":
            st.extend(_get(x, "elements") or [])
        elif t == "ObjectPattern":
            for prop in _get(x, "properties") or []:
                if node_type(prop) == "RestElement":
                    st.append(_get(prop, "argument"))
                else:
                    if _get(prop, "computed"):
                        out.append(_get(prop, "key"))
                    st.append(_get(prop, "value"))
        elif t == "RestElement":
            st.append(_get(x, "argument"))
    return out


def _declare_function(node: Any, fn: _Fn, block: _Block, strict: bool, top: bool) -> None:
    ident = _get(node, "id")
    if ident is None:
        return
    name = _get(ident, "name")
    if top:
        fn.vars.setdefault(name, None)
        fn.fdecls.pop(name, None)
        fn.fdecls[name] = node
        return
    # B.3.3.1: a plain function declaration in a block, in sloppy code, also
    # gets a var binding unless a `var name` here would clash with an
    # enclosing lexical declaration or the name is a parameter.
    if strict or _get(node, "generator") or _is_async(node):
        return
    if name in fn.facts.param_names:
        return
    b = block.parent  # the block holding the declaration itself is skipped
    while b is not None and not b.is_fn_top:
        if name in b.names:
            return
        b = b.parent
    if name in fn.lex:
        return
    fn.annexb.setdefault(name, None)


def _finish_function(fn: _Fn) -> None:
    f = fn.facts
    # Top-level lexical names are only known fully at the end; drop Annex B
    # names that clash with them.
    annexb = [n for n in fn.annexb if n not in fn.lex]
    for n in annexb:
        fn.vars.setdefault(n, None)
    f.annex_b_function_names = tuple(annexb)
    f.var_names = tuple(fn.vars)
    f.lexical_names = tuple(fn.lex)
    f.const_names = frozenset(fn.consts)
    f.function_declarations = tuple(fn.fdecls.values())
    if f.has_direct_eval or f.inner_direct_eval:
        p = fn.parent
        while p is not None and not p.facts.inner_direct_eval:
            p.facts.inner_direct_eval = True
            p = p.parent
    _CACHE[id(fn.node)] = (fn.node, f)


# Child fields per ESTree type, in source order.  Identifiers that are names
# rather than references (non-computed keys, labels, meta properties) are
# left out so that `uses_arguments` only counts references.
_CHILDREN: dict[str, tuple[str, ...]] = {
    "Program": ("body",),
    "ExpressionStatement": ("expression",),
    "BlockStatement": ("body",),
    "WithStatement": ("object", "body"),
    "ReturnStatement": ("argument",),
    "LabeledStatement": ("body",),
    "IfStatement": ("test", "consequent", "alternate"),
    "SwitchStatement": ("discriminant", "cases"),
    "SwitchCase": ("test", "consequent"),
    "ThrowStatement": ("argument",),
    "TryStatement": ("block", "handler", "finalizer"),
    "CatchClause": ("param", "body"),
    "WhileStatement": ("test", "body"),
    "DoWhileStatement": ("body", "test"),
    "ForStatement": ("init", "test", "update", "body"),
    "ForInStatement": ("left", "right", "body"),
    "ForOfStatement": ("left", "right", "body"),
    "VariableDeclaration": ("declarations",),
    "VariableDeclarator": ("id", "init"),
    "ClassDeclaration": ("superClass", "body"),
    "ClassExpression": ("superClass", "body"),
    "ClassBody": ("body",),
    "ArrayExpression": ("elements",),
    "ObjectExpression": ("properties",),
    "UnaryExpression": ("argument",),
    "UpdateExpression": ("argument",),
    "BinaryExpression": ("left", "right"),
    "LogicalExpression": ("left", "right"),
    "AssignmentExpression": ("left", "right"),
    "ConditionalExpression": ("test", "consequent", "alternate"),
    "CallExpression": ("callee", "arguments"),
    "NewExpression": ("callee", "arguments"),
    "SequenceExpression": ("expressions",),
    "YieldExpression": ("argument",),
    "AwaitExpression": ("argument",),
    "TemplateLiteral": ("expressions",),
    "TaggedTemplateExpression": ("tag", "quasi"),
    "SpreadElement": ("argument",),
    "RestElement": ("argument",),
    "ObjectPattern": ("properties",),
    "ArrayPattern": ("elements",),
    "AssignmentPattern": ("left", "right"),
}


def _children(node: Any) -> list[Any]:
    t = node_type(node)
    if t in ("Property", "MethodDefinition"):
        out = [_get(node, "key")] if _get(node, "computed") else []
        out.append(_get(node, "value"))
        return out
    if t == "MemberExpression":
        out = [_get(node, "object")]
        if _get(node, "computed"):
            out.append(_get(node, "property"))
        return out
    fields = _CHILDREN.get(t)
    if not fields:
        return []
    out = []
    for f in fields:
        v = _get(node, f)
        if isinstance(v, list):
            out.extend(v)
        elif v is not None:
            out.append(v)
    return out
