"""Property: pausing is invisible.  A generated program prints the same lines and completes
with the same value whether ``fetchflow.run`` answers its fetches, or the host answers them
one request at a time, each time resuming from ``state.to_bytes()``.

Programs come from a small statement grammar: ``let`` of arithmetic and string expressions,
fetches assigned to new or existing variables, ``for`` loops of 1-3 iterations with a fetch
in the body, ``if``/``else`` on earlier values, async functions defined and called later,
``Promise.all`` of two fetches, ``try``/``catch`` around a fetch that may fail, and
``console.log``.  The fetcher's answer depends only on the URL.
"""
from __future__ import annotations

from typing import Callable, List

from hypothesis import HealthCheck, given, settings, strategies as st

import fetchflow
from fetchflow import FetchRequest, FetchResponse


def answer(req: FetchRequest) -> FetchResponse:
    """Deterministic: the same URL always gets the same answer; "fail" URLs are network errors."""
    if "fail" in req.url:
        return FetchResponse(req.id, False, 0, "", None, "network down for " + req.url)
    return FetchResponse(req.id, True, 200, "OK", "<" + req.url[-10:] + ">")


class ProgramGen:
    """Draws statements; ``vis`` is the list of variables in scope at the current point."""

    def __init__(self, draw: Callable) -> None:
        self.draw = draw
        self.n = 0
        self.funcs: List[str] = []
        self.called: set = set()

    def fresh(self, prefix: str = "v") -> str:
        self.n += 1
        return f"{prefix}{self.n}"

    def pick(self, xs: list):
        return self.draw(st.sampled_from(xs))

    def expr(self, vis: List[str]) -> str:
        forms = ["num", "str"] + (["var", "concat", "arith", "len", "cmp"] if vis else [])
        f = self.pick(forms)
        if f == "num":
            return str(self.draw(st.integers(0, 20)))
        if f == "str":
            return f'"s{self.draw(st.integers(0, 9))}"'
        a, b = self.pick(vis), self.pick(vis)
        return {"var": a,
                "concat": f"String({a} + {b}).slice(-24)",
                "arith": f"{a} * 3 - {b}",
                "len": f"String({a}).length",
                "cmp": f"({a} < {b} ? {a} : {b})"}[f]

    def url(self, vis: List[str], prefix: str = "u") -> str:
        k = self.draw(st.integers(0, 4))
        if vis and self.draw(st.booleans()):
            return f'"{prefix}{k}/" + String({self.pick(vis)}).length'
        return f'"{prefix}" + {k}'

    def fetch_text(self, vis: List[str], prefix: str = "u") -> str:
        return f"await (await fetch({self.url(vis, prefix)})).text()"

    def block(self, vis: List[str], depth: int, lo: int, hi: int) -> List[str]:
        vis = list(vis)   # lets declared in a block stay in it
        return [s for _ in range(self.draw(st.integers(lo, hi))) for s in self.stmt(vis, depth)]

    def stmt(self, vis: List[str], depth: int) -> List[str]:
        kinds = ["let", "fetch_let", "log", "all", "try"]
        targets = [v for v in vis if not v.startswith("i")]   # never touch a loop counter
        if targets:
            kinds += ["fetch_set", "set"]
        if depth < 2:
            kinds += ["loop", "if"]
        if depth == 0:
            kinds += ["func"]
        if self.funcs:
            kinds += ["call"]
        k = self.pick(kinds)
        if k == "let":
            name = self.fresh()
            out = [f"let {name} = {self.expr(vis)};"]
            vis.append(name)
            return out
        if k == "set":
            return [f"{self.pick(targets)} = {self.expr(vis)};"]
        if k == "fetch_let":
            name = self.fresh()
            out = [f"let {name} = {self.fetch_text(vis)};"]
            vis.append(name)
            return out
        if k == "fetch_set":
            return [f"{self.pick(targets)} = {self.fetch_text(vis)};"]
        if k == "log":
            args = [self.expr(vis) for _ in range(self.draw(st.integers(1, 3)))]
            return [f"console.log({', '.join(args)});"]
        if k == "all":
            a, b = self.fresh(), self.fresh()
            out = [f"let [{a}, {b}] = await Promise.all([fetch({self.url(vis)}).then(r => r.text()), "
                   f"fetch({self.url(vis, 'p')}).then(r => r.text())]);"]
            vis += [a, b]
            return out
        if k == "try":
            name = self.fresh()
            prefix = self.pick(["fail", "fail", "u"])
            out = [f"let {name};",
                   f"try {{ {name} = {self.fetch_text(vis, prefix)}; }}",
                   f"catch (e) {{ {name} = e.name + ': ' + e.message; }}"]
            vis.append(name)
            return out
        if k == "loop":
            i, tmp = self.fresh("i"), self.fresh()
            inner = vis + [i]
            body = [f"let {tmp} = await (await fetch(\"l\" + {i} + \"/\" + {self.url(vis)})).text();"]
            if targets:
                acc = self.pick(targets)
                body.append(f"{acc} = String({acc}).slice(-12) + {tmp};")
            body += self.block(inner + [tmp], depth + 1, 0, 2)
            n = self.draw(st.integers(1, 3))
            return [f"for (let {i} = 0; {i} < {n}; {i}++) {{", *body, "}"]
        if k == "if":
            cond = self.expr(vis) + (" % 2 === 0" if self.draw(st.booleans()) else "")
            return [f"if ({cond}) {{", *self.block(vis, depth + 1, 1, 2), "} else {",
                    *self.block(vis, depth + 1, 0, 2), "}"]
        if k == "func":
            name, param = self.fresh("f"), self.fresh("p")
            body = self.block(vis + [param], depth + 1, 1, 3)
            ret = self.expr(vis + [param])
            self.funcs.append(name)
            return [f"async function {name}({param}) {{", *body, f"return {ret};", "}"]
        assert k == "call"
        name, f = self.fresh(), self.pick(self.funcs)
        self.called.add(f)
        out = [f"let {name} = await {f}({self.expr(vis)});"]
        vis.append(name)
        return out


@st.composite
def programs(draw) -> str:
    g = ProgramGen(draw)
    vis: List[str] = []
    lines: List[str] = []
    for _ in range(draw(st.integers(2, 8))):
        lines += g.stmt(vis, 0)
    for f in g.funcs:
        if f not in g.called:
            lines.append(f"console.log(await {f}({g.expr(vis)}));")
    lines.append(f"[{', '.join(vis)}];")   # the completion value is the result
    return "\n".join(lines)


def paused_at_every_fetch(src: str):
    """Answer one pending request per resume, each time from the state's bytes."""
    r = fetchflow.execute_code(src, quiet=True)
    console = list(r.console)
    pauses = 0
    while r.type == "paused":
        pauses += 1
        blob = r.state.to_bytes()
        r = fetchflow.resume_execution(blob, answer(r.fetch_requests[0]), quiet=True)
        console += r.console
    return console, r.result, pauses


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(programs())
def test_pausing_is_invisible(src):
    whole = fetchflow.run(src, answer, quiet=True)
    console, result, pauses = paused_at_every_fetch(src)
    assert whole.type == "completed"
    assert console == whole.console, src
    assert repr(result) == repr(whole.result), src   # repr: NaN equals NaN


def test_generator_covers_the_grammar():
    """The derandomized examples include every statement kind and some multi-pause runs."""
    seen: List[str] = []

    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(programs())
    def collect(src):
        seen.append(src)
    collect()
    text = "\n".join(seen)
    for needle in ("await fetch(", "for (let i", "if (", "async function", "Promise.all",
                   "try {", "console.log(", '"fail"'):
        assert needle in text, needle
    assert any(paused_at_every_fetch(s)[2] >= 5 for s in seen)
