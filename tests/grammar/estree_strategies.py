"""Hypothesis strategies for ES2017 ESTree ASTs (as to_dict()-shaped dicts).

The trees are valid scripts by construction: binding names are fresh
(`$bind` placeholders renamed v1, v2, ... by `finish`), break/continue only
appear where they have a target, yield/await only in generators/async bodies,
and nothing that strict class bodies forbid (with, delete x, octals) is made.
"""

from __future__ import annotations

import functools
from typing import Any, Optional

from hypothesis import strategies as st

def _parser_ok(src: str) -> bool:
    """Feature probe: parser bugs known at the time of writing switch off the
    generation of the construct they break (each has an xfail test in
    test_roundtrip.py, so a fix is noticed and the probe turns it back on)."""
    try:
        from fetchflow.grammar.parser import parse
        parse(src)
        return True
    except Exception:  # noqa: BLE001
        return False


SWITCH_OK = _parser_ok("switch (a) { case 1: b; default: }")
ASYNC_METHOD_AFTER_METHOD_OK = _parser_ok("class A { m() {} async n() {} }")
FOR_IN_RIGHT_OK = (_parser_ok("for (a in (b) => 1);") and _parser_ok("for (a in b = c);")
                   and _parser_ok("for (a in b == c);"))


def _for_right_ok(kind: str, right: dict[str, Any]) -> bool:
    return FOR_IN_RIGHT_OK or kind != "ForInStatement" or right["type"] in (
        "Identifier", "Literal", "ThisExpression", "MemberExpression", "CallExpression",
        "ArrayExpression", "ObjectExpression", "TemplateLiteral")

REFS = ["a", "b", "c", "x", "y", "foo", "$", "_q", "undefined", "of", "get", "set"]
PROP_NAMES = ["a", "b", "length", "get", "set", "static", "if", "class", "default", "new",
              "async", "of", "in", "typeof"]
BINARY_OPS = ["==", "!=", "===", "!==", "<", "<=", ">", ">=", "<<", ">>", ">>>", "+", "-",
              "*", "/", "%", "|", "^", "&", "in", "instanceof", "**"]
ASSIGN_OPS = ["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", ">>>=", "|=", "^=", "&=", "**="]
TEXT = "abc xyz019_-"


def ident(name: str) -> dict[str, Any]:
    return {"type": "Identifier", "name": name}


def bind() -> dict[str, Any]:
    return ident("$bind")


def _num(raw: str) -> dict[str, Any]:
    value = int(raw, 16) if raw.lower().startswith("0x") else float(raw)
    return {"type": "Literal", "value": value, "raw": raw}


numbers = st.sampled_from(["0", "1", "42", "1.5", "0x1F", "1e3", ".5", "0.25", "3e-7"]).map(_num)
strings = st.builds(
    lambda s, q: {"type": "Literal", "value": s, "raw": q + s + q},
    st.text(alphabet=TEXT, max_size=5), st.sampled_from(['"', "'"]))
keywords = st.sampled_from([
    {"type": "Literal", "value": True, "raw": "true"},
    {"type": "Literal", "value": False, "raw": "false"},
    {"type": "Literal", "value": None, "raw": "null"},
    {"type": "Literal", "value": None, "raw": "/ab+c/gi", "regex": {"pattern": "ab+c", "flags": "gi"}},
    {"type": "Literal", "value": None, "raw": "/[/]\\//", "regex": {"pattern": "[/]\\/", "flags": ""}},
    {"type": "ThisExpression"},
])
refs = st.sampled_from(REFS).map(ident)
leaves = st.one_of(refs, numbers, strings, keywords)


def _fn(kind: str, params: list, body: Any, gen: bool = False, asy: bool = False,
        name: Optional[dict] = None, expression: bool = False) -> dict[str, Any]:
    return {"type": kind, "id": name, "params": params, "body": body, "generator": gen,
            "expression": expression, "async": asy}


def _block(stmts: list) -> dict[str, Any]:
    return {"type": "BlockStatement", "body": stmts}


# -- patterns ------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def binding(depth: int) -> st.SearchStrategy:
    """A binding target: identifier or destructuring pattern with defaults."""
    if depth <= 0:
        return st.just(None).map(lambda _: bind())
    sub = binding(depth - 1)
    dflt = expr(0, False, False)
    elem = st.one_of(sub, st.builds(lambda l, r: {"type": "AssignmentPattern", "left": l, "right": r},
                                    sub, dflt))
    array = st.builds(
        lambda els, rest: {"type": "ArrayPattern",
                           "elements": els + ([{"type": "RestElement", "argument": rest}] if rest else [])},
        st.lists(st.one_of(st.none(), elem), max_size=3), st.one_of(st.none(), sub))
    prop = st.builds(
        lambda k, v: {"type": "Property", "key": ident(k), "computed": False, "value": v,
                      "kind": "init", "method": False, "shorthand": False},
        st.sampled_from(PROP_NAMES), elem)
    short = st.just(None).map(lambda _: {
        "type": "Property", "key": bind(), "computed": False, "value": None,
        "kind": "init", "method": False, "shorthand": True})
    obj = st.builds(lambda ps: {"type": "ObjectPattern", "properties": ps},
                    st.lists(st.one_of(prop, short), max_size=3))
    return st.one_of(sub, array, obj)


def target(depth: int, gen: bool, asy: bool) -> st.SearchStrategy:
    """A simple assignment target: identifier or member expression."""
    obj = expr(max(depth - 1, 0), gen, asy)
    member = st.builds(lambda o, p: {"type": "MemberExpression", "computed": False,
                                     "object": o, "property": ident(p)},
                       obj, st.sampled_from(PROP_NAMES))
    return st.one_of(refs, member)


def assign_pattern(depth: int, gen: bool, asy: bool) -> st.SearchStrategy:
    t = target(depth, gen, asy)
    arr = st.builds(lambda els: {"type": "ArrayPattern", "elements": els},
                    st.lists(st.one_of(st.none(), t), min_size=1, max_size=3))
    obj = st.builds(lambda ps: {"type": "ObjectPattern", "properties": [
        {"type": "Property", "key": ident(k), "computed": False, "value": v, "kind": "init",
         "method": False, "shorthand": False} for k, v in ps]},
        st.lists(st.tuples(st.sampled_from(PROP_NAMES), t), max_size=3))
    return st.one_of(arr, obj)


# -- expressions ---------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def expr(depth: int, gen: bool, asy: bool, fn: bool = False) -> st.SearchStrategy:
    """Expressions; gen/asy allow yield/await; fn allows new.target."""
    if depth <= 0:
        return leaves
    sub = expr(depth - 1, gen, asy, fn)
    options = [
        leaves,
        st.builds(lambda op, l, r: {"type": "BinaryExpression", "operator": op, "left": l, "right": r},
                  st.sampled_from(BINARY_OPS), sub, sub),
        st.builds(lambda op, l, r: {"type": "LogicalExpression", "operator": op, "left": l, "right": r},
                  st.sampled_from(["||", "&&"]), sub, sub),
        st.builds(lambda op, a: {"type": "UnaryExpression", "operator": op, "argument": a, "prefix": True},
                  st.sampled_from(["-", "+", "!", "~", "typeof", "void"]), sub),
        st.builds(lambda a: {"type": "UnaryExpression", "operator": "delete", "prefix": True,
                             "argument": a}, target(depth, gen, asy).filter(
                                 lambda t: t["type"] == "MemberExpression")),
        st.builds(lambda op, p, a: {"type": "UpdateExpression", "operator": op, "argument": a, "prefix": p},
                  st.sampled_from(["++", "--"]), st.booleans(), target(depth, gen, asy)),
        st.builds(lambda op, l, r: {"type": "AssignmentExpression", "operator": op, "left": l, "right": r},
                  st.sampled_from(ASSIGN_OPS), target(depth, gen, asy), sub),
        st.builds(lambda l, r: {"type": "AssignmentExpression", "operator": "=", "left": l, "right": r},
                  assign_pattern(depth, gen, asy), sub),
        st.builds(lambda t, c, a: {"type": "ConditionalExpression", "test": t, "consequent": c,
                                   "alternate": a}, sub, sub, sub),
        st.builds(lambda c, a: {"type": "CallExpression", "callee": c, "arguments": a},
                  sub, st.lists(st.one_of(sub, spread(sub)), max_size=3)),
        st.builds(lambda c, a: {"type": "NewExpression", "callee": c, "arguments": a},
                  sub, st.lists(sub, max_size=2)),
        st.builds(lambda o, p: {"type": "MemberExpression", "computed": False, "object": o,
                                "property": ident(p)}, sub, st.sampled_from(PROP_NAMES)),
        st.builds(lambda o, p: {"type": "MemberExpression", "computed": True, "object": o,
                                "property": p}, sub, sub),
        st.builds(lambda es: {"type": "SequenceExpression", "expressions": es},
                  st.lists(sub, min_size=2, max_size=3)),
        st.builds(lambda es: {"type": "ArrayExpression", "elements": es},
                  st.lists(st.one_of(st.none(), sub, spread(sub)), max_size=3)),
        obj_expr(depth, gen, asy),
        template(sub),
        st.builds(lambda t, q: {"type": "TaggedTemplateExpression", "tag": t, "quasi": q},
                  st.one_of(refs, st.builds(lambda o, p: {"type": "MemberExpression", "computed": False,
                                                          "object": o, "property": ident(p)},
                                            refs, st.sampled_from(PROP_NAMES))), template(sub)),
        arrow(depth, gen, asy),
        func_expr(depth),
        class_expr(depth, gen, asy, False),
    ]
    if gen:
        options.append(st.builds(lambda a, d: {"type": "YieldExpression", "argument": a,
                                               "delegate": d and a is not None},
                                 st.one_of(st.none(), sub), st.booleans()))
    if asy:
        options.append(st.builds(lambda a: {"type": "AwaitExpression", "argument": a}, sub))
    if fn:
        options.append(st.just({"type": "MetaProperty", "meta": ident("new"),
                                "property": ident("target")}))
    return st.one_of(options)


def spread(sub: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(lambda a: {"type": "SpreadElement", "argument": a}, sub)


def template(sub: st.SearchStrategy) -> st.SearchStrategy:
    def build(parts: list[str], exprs: list) -> dict[str, Any]:
        n = len(exprs)
        parts = (parts + [""] * (n + 1))[:n + 1]
        return {"type": "TemplateLiteral", "expressions": exprs, "quasis": [
            {"type": "TemplateElement", "value": {"raw": p, "cooked": p}, "tail": i == n}
            for i, p in enumerate(parts)]}
    return st.builds(build, st.lists(st.text(alphabet=TEXT, max_size=4), max_size=3),
                     st.lists(sub, max_size=2))


def key_and_computed(depth: int, gen: bool, asy: bool) -> st.SearchStrategy:
    return st.one_of(
        st.sampled_from(PROP_NAMES).map(lambda k: (ident(k), False)),
        strings.filter(lambda s: s["value"] != "__proto__").map(lambda s: (s, False)),
        numbers.map(lambda n: (n, False)),
        expr(max(depth - 1, 0), gen, asy).map(lambda e: (e, True)),
    )


def method_fn(depth: int, kind: str, in_class: bool = False) -> st.SearchStrategy:
    """(FunctionExpression value, method kind) of an object/class method."""
    body = stmts(depth - 1, True, False, False, True)
    if kind == "get":
        return st.builds(lambda b: _fn("FunctionExpression", [], _block(b)), body)
    if kind == "set":
        return st.builds(lambda p, b: _fn("FunctionExpression", [p], _block(b)), binding(1), body)
    return st.builds(
        lambda ps, g_a, b: _fn("FunctionExpression", ps, _block(b), gen=g_a == "gen",
                               asy=g_a == "async"),
        st.lists(binding(1), max_size=2),
        st.sampled_from(["plain", "gen", "async"] if ASYNC_METHOD_AFTER_METHOD_OK or not in_class
                        else ["plain", "gen"]), body)


def obj_expr(depth: int, gen: bool, asy: bool) -> st.SearchStrategy:
    sub = expr(depth - 1, gen, asy)
    init = st.builds(lambda kc, v: {"type": "Property", "key": kc[0], "computed": kc[1], "value": v,
                                    "kind": "init", "method": False, "shorthand": False},
                     key_and_computed(depth, gen, asy), sub)
    short = st.sampled_from(REFS).map(lambda n: {"type": "Property", "key": ident(n), "computed": False,
                                                 "value": ident(n), "kind": "init", "method": False,
                                                 "shorthand": True})
    meth = st.builds(lambda kc, k, f: {"type": "Property", "key": kc[0], "computed": kc[1], "value": f,
                                       "kind": k, "method": k == "init", "shorthand": False},
                     key_and_computed(depth, gen, asy), st.sampled_from(["init", "get", "set"]),
                     st.none()).flatmap(
        lambda p: method_fn(depth, p["kind"] if p["kind"] != "init" else "method").map(
            lambda f: {**p, "value": f}))
    return st.builds(lambda ps: {"type": "ObjectExpression", "properties": ps},
                     st.lists(st.one_of(init, short, meth), max_size=3))


def arrow(depth: int, gen: bool, asy: bool) -> st.SearchStrategy:
    def build(params: list, body: Any, is_async: bool) -> dict[str, Any]:
        if isinstance(body, list):
            return _fn("ArrowFunctionExpression", params, _block(body), asy=is_async)
        return _fn("ArrowFunctionExpression", params, body, asy=is_async, expression=True)
    return st.booleans().flatmap(lambda a: st.builds(
        build, st.lists(binding(1), max_size=2),
        st.one_of(expr(depth - 1, False, a), stmts(depth - 1, True, False, a, False)),
        st.just(a)))


def func_expr(depth: int) -> st.SearchStrategy:
    return st.sampled_from([(False, False), (True, False), (False, True)]).flatmap(
        lambda ga: st.builds(
            lambda name, ps, b: _fn("FunctionExpression", ps, _block(b), gen=ga[0], asy=ga[1],
                                    name=name),
            st.one_of(st.none(), st.just(None).map(lambda _: bind())),
            st.lists(binding(1), max_size=2),
            stmts(depth - 1, True, ga[0], ga[1], True)))


def class_expr(depth: int, gen: bool, asy: bool, declaration: bool) -> st.SearchStrategy:
    def member(kc: tuple, static: bool, kind: str, value: dict) -> dict[str, Any]:
        return {"type": "MethodDefinition", "key": kc[0], "computed": kc[1], "value": value,
                "kind": kind, "static": static}
    keys = key_and_computed(depth, gen, asy).filter(
        lambda kc: kc[1] or kc[0].get("name", kc[0].get("value")) not in ("constructor", "prototype"))
    m = st.sampled_from(["method", "get", "set"]).flatmap(lambda k: st.builds(
        member, keys, st.booleans(), st.just(k), method_fn(depth, k, True)))
    ctor = st.builds(lambda b: [member((ident("constructor"), False), False, "constructor",
                                       _fn("FunctionExpression", [], _block(b)))],
                     stmts(depth - 1, True, False, False, True))
    return st.builds(
        lambda name, sup, c, ms: {"type": "ClassDeclaration" if declaration else "ClassExpression",
                                  "id": name, "superClass": sup,
                                  "body": {"type": "ClassBody", "body": c + ms}},
        st.just(None).map(lambda _: bind()) if declaration else st.one_of(
            st.none(), st.just(None).map(lambda _: bind())),
        st.one_of(st.none(), refs),
        st.one_of(st.just([]), ctor),
        st.lists(m, max_size=2))


# -- statements ----------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def stmts(depth: int, fn: bool, gen: bool, asy: bool, nt: bool = False,
          loop: bool = False, brk: bool = False) -> st.SearchStrategy:
    return st.lists(stmt(depth, fn, gen, asy, nt, loop, brk, True), max_size=3)


@functools.lru_cache(maxsize=None)
def stmt(depth: int, fn: bool, gen: bool, asy: bool, nt: bool = False, loop: bool = False,
         brk: bool = False, decl: bool = True) -> st.SearchStrategy:
    """A statement; fn: inside a function (return ok), loop/brk: continue/break
    ok, decl: declarations allowed (statement-list position)."""
    e = expr(max(depth - 1, 0), gen, asy, nt)
    expr_stmt = st.builds(lambda x: {"type": "ExpressionStatement", "expression": x}, e)
    options = [expr_stmt, st.just({"type": "EmptyStatement"}),
               st.builds(lambda a: {"type": "ThrowStatement", "argument": a}, e),
               st.just({"type": "DebuggerStatement"})]
    if fn:
        options.append(st.builds(lambda a: {"type": "ReturnStatement", "argument": a},
                                 st.one_of(st.none(), e)))
    if brk:
        options.append(st.builds(lambda up: {"type": "BreakStatement",
                                             "label": ident("$up") if up else None}, st.booleans()))
    if loop:
        options.append(st.builds(lambda up: {"type": "ContinueStatement",
                                             "label": ident("$loop") if up else None}, st.booleans()))
    var = vardecl(depth, gen, asy, nt, ("var",))
    options.append(var.map(lambda d: d))
    if decl:
        options.append(vardecl(depth, gen, asy, nt, ("let", "const")))
    if depth > 0:
        body_ok = stmt(depth - 1, fn, gen, asy, nt, loop, brk, False)
        in_loop = stmt(depth - 1, fn, gen, asy, nt, True, True, False)
        block = stmts(depth - 1, fn, gen, asy, nt, loop, brk).map(_block)
        options += [
            block,
            st.builds(lambda t, c, a: {"type": "IfStatement", "test": t, "consequent": c,
                                       "alternate": None if _open_if(c) else a},
                      e, body_ok, st.one_of(st.none(), body_ok)),
            st.builds(lambda t, b: {"type": "WhileStatement", "test": t, "body": b}, e, in_loop),
            st.builds(lambda t, b: {"type": "DoWhileStatement", "test": t, "body": b}, e, in_loop),
            st.builds(lambda i, t, u, b: {"type": "ForStatement", "init": i, "test": t, "update": u,
                                          "body": b},
                      st.one_of(st.none(), e, vardecl(depth, gen, asy, nt, ("var", "let", "const"))),
                      st.one_of(st.none(), e), st.one_of(st.none(), e), in_loop),
            st.builds(lambda kind, l, r, b: {"type": kind, "left": l, "right": r, "body": b,
                                             **({"each": False} if kind == "ForInStatement" else {})},
                      st.sampled_from(["ForInStatement", "ForOfStatement"]),
                      st.one_of(target(depth, gen, asy),
                                st.builds(lambda k, p: {"type": "VariableDeclaration", "kind": k,
                                                        "declarations": [{"type": "VariableDeclarator",
                                                                          "id": p, "init": None}]},
                                          st.sampled_from(["var", "let", "const"]), binding(1))),
                      e, in_loop).filter(lambda f: _for_right_ok(f["type"], f["right"])),
            st.builds(lambda b: {"type": "LabeledStatement", "label": ident("$label"), "body": b},
                      body_ok),
            st.builds(lambda d, cases: {"type": "SwitchStatement", "discriminant": d, "cases": cases}
                      if SWITCH_OK else {"type": "EmptyStatement"},
                      e, st.lists(st.builds(lambda t, c: {"type": "SwitchCase", "test": t, "consequent": c},
                                            st.one_of(st.none(), e),
                                            stmts(depth - 1, fn, gen, asy, nt, loop, True)),
                                  max_size=3).filter(lambda cs: sum(c["test"] is None for c in cs) <= 1)),
            st.builds(lambda b, h, f: {"type": "TryStatement", "block": _block(b), "handler": h,
                                       "finalizer": f},
                      stmts(depth - 1, fn, gen, asy, nt, loop, brk),
                      st.one_of(st.none(), st.builds(lambda p, b: {"type": "CatchClause", "param": p,
                                                                   "body": _block(b)},
                                                     binding(1), stmts(depth - 1, fn, gen, asy, nt, loop, brk))),
                      st.one_of(st.none(), stmts(depth - 1, fn, gen, asy, nt, loop, brk).map(_block)),
                      ).filter(lambda t: t["handler"] is not None or t["finalizer"] is not None),
        ]
        # Labelled loops, so labelled break/continue have targets.
        options.append(st.builds(lambda t, b: {"type": "LabeledStatement", "label": ident("$label"),
                                               "body": {"type": "WhileStatement", "test": t, "body": b}},
                                 e, in_loop))
        if decl:
            options.append(st.sampled_from([(False, False), (True, False), (False, True)]).flatmap(
                lambda ga: st.builds(
                    lambda ps, b: _fn("FunctionDeclaration", ps, _block(b), gen=ga[0], asy=ga[1],
                                      name=bind()),
                    st.lists(binding(1), max_size=2), stmts(depth - 1, True, ga[0], ga[1], True))))
            options.append(class_expr(depth, gen, asy, True))
    return st.one_of(options)


def _open_if(s: dict[str, Any]) -> bool:
    """Does the statement end in an `if` without `else` (dangling-else hazard)?"""
    while True:
        t = s["type"]
        if t == "IfStatement":
            if s["alternate"] is None:
                return True
            s = s["alternate"]
        elif t in ("LabeledStatement", "WhileStatement", "ForStatement", "ForInStatement",
                   "ForOfStatement", "WithStatement"):
            s = s["body"]
        else:
            return False


def vardecl(depth: int, gen: bool, asy: bool, nt: bool, kinds: tuple) -> st.SearchStrategy:
    e = expr(max(depth - 1, 0), gen, asy, nt)
    return st.sampled_from(kinds).flatmap(lambda k: st.builds(
        lambda ds: {"type": "VariableDeclaration", "kind": k, "declarations": ds},
        st.lists(st.builds(lambda p, i: {"type": "VariableDeclarator", "id": p, "init": i},
                           binding(1), e if k == "const" else st.one_of(st.none(), e)),
                 min_size=1, max_size=2)).map(_fix_patterns_need_init))


def _fix_patterns_need_init(decl: dict[str, Any]) -> dict[str, Any]:
    # `var [a];` is a syntax error: patterns need an initialiser.
    for d in decl["declarations"]:
        if d["init"] is None and d["id"]["type"] != "Identifier":
            d["init"] = ident("a")
    return decl


def program(depth: int = 3, top_await: bool = False) -> st.SearchStrategy:
    return st.builds(lambda b: finish({"type": "Program", "sourceType": "script", "body": b}),
                     st.lists(stmt(depth, False, False, top_await, False, False, False, True),
                              min_size=1, max_size=4))


# -- naming pass ---------------------------------------------------------------

def finish(tree: dict[str, Any]) -> dict[str, Any]:
    """Give every `$bind` a fresh name and point `$up`/`$loop` labels at an
    enclosing label (or drop them)."""
    counter = [0]

    def walk(node: Any, labels: tuple) -> None:
        if isinstance(node, list):
            for x in node:
                walk(x, labels)
            return
        if not isinstance(node, dict):
            return
        t = node.get("type")
        if t == "Identifier":
            if node["name"] == "$bind":
                counter[0] += 1
                node["name"] = f"v{counter[0]}"
            return
        if t == "Property" and node.get("shorthand") and node["value"] is None:
            walk(node["key"], labels)
            node["value"] = dict(node["key"])
            return
        if t == "Property" and node.get("shorthand") and node["value"] is not None \
                and node["value"].get("type") == "AssignmentPattern":
            walk(node["value"], labels)
            node["key"] = dict(node["value"]["left"])
            return
        if t in ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"):
            labels = ()
        if t == "LabeledStatement":
            counter[0] += 1
            name = f"L{counter[0]}"
            node["label"]["name"] = name
            is_loop = node["body"].get("type") in ("WhileStatement", "DoWhileStatement",
                                                   "ForStatement", "ForInStatement", "ForOfStatement")
            walk(node["body"], labels + ((name, is_loop),))
            return
        if t in ("BreakStatement", "ContinueStatement") and node.get("label") is not None:
            want_loop = t == "ContinueStatement"
            found = [n for n, lp in reversed(labels) if lp or not want_loop]
            node["label"] = ident(found[0]) if found else None
            return
        for k, v in list(node.items()):
            if k != "type":
                walk(v, labels)

    walk(tree, ())
    return tree


def normalise(d: Any) -> Any:
    """to_dict() without locations, None-valued keys or regex values; floats
    that are integers become ints."""
    if isinstance(d, dict):
        out = {}
        for k, v in d.items():
            if k in ("loc", "range", "start", "end") or v is None:
                continue
            if k == "value" and "regex" in d:
                continue
            out[k] = normalise(v)
        return out
    if isinstance(d, list):
        return [normalise(x) for x in d]
    if isinstance(d, float) and d.is_integer():
        return int(d)
    return d
