"""Shared parts of the early-error checker (early_errors.py): the rules' constants, the
context records that travel down the walk, and helpers reading ESTree nodes."""

from __future__ import annotations

from typing import Any, Iterator, NoReturn, Optional


# ES2017 11.6.2.2 / 12.1.1: words reserved only in strict mode code.
STRICT_RESERVED = frozenset(
    ("implements", "interface", "let", "package", "private", "protected",
     "public", "static", "yield")
)
_EVAL_ARGS = frozenset(("eval", "arguments"))
_LOOPS = frozenset(("ForStatement", "ForInStatement", "ForOfStatement",
                    "WhileStatement", "DoWhileStatement"))
_FUNCS = frozenset(("FunctionDeclaration", "FunctionExpression",
                    "ArrowFunctionExpression"))

_type_cache: dict[type, str] = {}


def node_type(node: Any) -> str:
    """ESTree type name of a node: its `type` attribute, else its class name."""
    if isinstance(node, dict):
        return node["type"]
    cls = type(node)
    name = _type_cache.get(cls)
    if name is None:
        t = getattr(node, "type", None)
        name = t if isinstance(t, str) else cls.__name__
        _type_cache[cls] = name
    return name


def _get(node: Any, field: str, default: Any = None) -> Any:
    if isinstance(node, dict):
        return node.get(field, default)
    return getattr(node, field, default)


class _Early(Exception):
    """Internal: an early error at a node; `check` turns it into JSSyntaxError."""

    def __init__(self, message: str, node: Any) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


def _error(message: str, node: Any) -> _Early:
    return _Early(message, node)


def _raise(message: str, node: Any) -> NoReturn:
    raise _Early(message, node)


def _is_async(node: Any) -> bool:
    """ast.py names the flag `isAsync` (a Python keyword otherwise); dicts
    from to_dict() call it `async`."""
    if isinstance(node, dict):
        return bool(node.get("async"))
    return bool(getattr(node, "isAsync", False) or getattr(node, "async", False))


# ---------------------------------------------------------------------------
# Context records
# ---------------------------------------------------------------------------


class _Fn:
    """What the innermost function (or the script) allows."""

    __slots__ = ("node", "is_program", "is_arrow", "is_async", "is_generator",
                 "strict", "super_call", "super_prop", "new_target", "no_arguments")

    def __init__(self, node: Any, is_program: bool, is_arrow: bool,
                 is_async: bool, is_generator: bool, strict: bool,
                 super_call: bool, super_prop: bool, new_target: bool,
                 no_arguments: bool = False) -> None:
        # no_arguments: a class field initializer or static block (ES2022 15.7.1)
        self.no_arguments = no_arguments
        self.node = node
        self.is_program = is_program
        self.is_arrow = is_arrow
        self.is_async = is_async
        self.is_generator = is_generator
        self.strict = strict
        self.super_call = super_call
        self.super_prop = super_prop
        self.new_target = new_target


class _Scope:
    """A declarative scope: script/function top level, block, case block,
    for-head, or catch parameter.  Names map to the declaring node's kind."""

    __slots__ = ("kind", "parent", "lexical", "vars", "params",
                 "catch_params", "catch_simple")

    def __init__(self, kind: str, parent: Optional["_Scope"]) -> None:
        self.kind = kind            # "function" | "block" | "catch"
        self.parent = parent
        self.lexical: dict[str, str] = {}   # name -> "let"/"const"/"class"/"function"/...
        self.vars: set[str] = set()         # VarDeclaredNames seen so far in this scope
        self.params: set[str] = set()       # function parameters (function scopes)
        self.catch_params: set[str] = set()  # catch scopes
        self.catch_simple = False


class _Labels:
    __slots__ = ("name", "is_loop", "parent")

    def __init__(self, name: str, is_loop: bool, parent: Optional["_Labels"]) -> None:
        self.name = name
        self.is_loop = is_loop
        self.parent = parent


class _Ctx:
    __slots__ = ("fn", "scope", "labels", "in_loop", "in_breakable", "in_params")

    def __init__(self, fn: _Fn, scope: _Scope, labels: Optional[_Labels],
                 in_loop: bool, in_breakable: bool, in_params: bool) -> None:
        self.fn = fn
        self.scope = scope
        self.labels = labels
        self.in_loop = in_loop
        self.in_breakable = in_breakable
        self.in_params = in_params

    def with_(self, **kw: Any) -> "_Ctx":
        c = _Ctx(self.fn, self.scope, self.labels, self.in_loop,
                 self.in_breakable, self.in_params)
        for k, v in kw.items():
            setattr(c, k, v)
        return c


# ---------------------------------------------------------------------------
# Helpers on the AST
# ---------------------------------------------------------------------------


def _directives(body: list[Any]) -> Iterator[Any]:
    """The ExpressionStatements of a directive prologue (ES2017 14.1.1)."""
    for stmt in body:
        if node_type(stmt) != "ExpressionStatement":
            return
        expr = _get(stmt, "expression")
        if node_type(expr) != "Literal" or not isinstance(_get(expr, "value"), str):
            return
        yield stmt


def _directive_text(stmt: Any) -> str:
    # only the parser knows a directive from a parenthesized string: trust its field
    d = _get(stmt, "directive")
    return d if isinstance(d, str) else ""


def has_use_strict(body: list[Any]) -> Optional[Any]:
    """The "use strict" directive statement of a prologue, or None."""
    for stmt in _directives(body):
        if _directive_text(stmt) == "use strict":
            return stmt
    return None


def is_simple_params(params: list[Any]) -> bool:
    """ES2017 14.1.12 IsSimpleParameterList."""
    return all(node_type(p) == "Identifier" for p in params)


def bound_names(pattern: Any) -> list[Any]:
    """ES2017 13.3.3.1 BoundNames: the Identifier nodes a binding pattern binds."""
    out: list[Any] = []
    stack = [pattern]
    while stack:
        p = stack.pop()
        if p is None:
            continue
        t = node_type(p)
        if t == "Identifier":
            out.append(p)
        elif t == "ArrayPattern":
            stack.extend(reversed(_get(p, "elements") or []))
        elif t == "ObjectPattern":
            for prop in reversed(_get(p, "properties") or []):
                stack.append(_get(prop, "argument") if node_type(prop) == "RestElement"
                             else _get(prop, "value"))
        elif t == "AssignmentPattern":
            stack.append(_get(p, "left"))
        elif t == "RestElement":
            stack.append(_get(p, "argument"))
    return out


def _prop_key_name(prop: Any) -> Optional[str]:
    """PropName of a non-computed key (ES2017 12.2.6.5)."""
    if _get(prop, "computed"):
        return None
    key = _get(prop, "key")
    t = node_type(key)
    if t == "Identifier":
        return _get(key, "name")
    if t == "Literal" and isinstance(_get(key, "value"), str):
        return _get(key, "value")
    return None


def _has_legacy_octal_escape(raw: str) -> bool:
    """Does a string literal's source text hold a LegacyOctalEscapeSequence
    (B.1.2) or \\8 / \\9, all forbidden in strict mode code?"""
    i = raw.find("\\")
    n = len(raw)
    while 0 <= i < n - 1:
        c = raw[i + 1]
        if c in "1234567" or c in "89":
            return True
        if c == "0" and i + 2 < n and raw[i + 2] in "0123456789":
            return True
        i = raw.find("\\", i + 2)
    return False


def _template_bad_escape(raw: str) -> bool:
    """ES2017 templates allow \\0 (not before a digit) but no other digit escape: the escapes
    strict mode forbids in strings."""
    return _has_legacy_octal_escape(raw)


def _strip_labels(stmt: Any) -> Any:
    while stmt is not None and node_type(stmt) == "LabeledStatement":
        stmt = _get(stmt, "body")
    return stmt
