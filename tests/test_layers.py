"""The layer contract: each module imports only its own layer and the layers below it.

The layers, lowest first (README, "Design"), by module-name prefix: the longest prefix that
matches a module decides its layer.  The contract reads the imports of every module with
``ast`` (no import is run) and checks that

* every module is in a layer;
* no import at module level goes up a layer, and module-level imports form no cycle;
* every import inside a function is listed in ``FUNCTION_IMPORTS`` with the reason it cannot
  be at module level (a cycle it would make is a design question, not a reason).
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, Optional

PACKAGE = Path(__file__).resolve().parent.parent / "fetchflow"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("leaves", ("fetchflow.version", "fetchflow.errors", "fetchflow.limits", "fetchflow.exchange",
                "fetchflow.interp.runtime", "fetchflow.interp.hooks", "fetchflow.interp.host_state",
                "fetchflow.interp.meter")),
    ("regex engine", ("fetchflow.interp.regex_parse", "fetchflow.interp.regex_charsets",
                      "fetchflow.interp.regex_analysis", "fetchflow.interp.regex_match",
                      "fetchflow.interp.regex_translate", "fetchflow.interp.regex_unicode",
                      "fetchflow.interp.regex_unicode_data")),
    ("grammar", ("fetchflow.grammar",)),
    ("VM core", ("fetchflow.interp.sameness", "fetchflow.interp.values", "fetchflow.interp.realm",
                 "fetchflow.interp.natives", "fetchflow.interp.frames", "fetchflow.interp.functions",
                 "fetchflow.interp.arguments", "fetchflow.interp.helpers")),
    ("abstract operations", ("fetchflow.interp.operations",)),
    ("builtins", ("fetchflow.interp.builtins", "fetchflow.interp.inspect_value",
                  "fetchflow.interp.inspect_buffers", "fetchflow.interp.inspect_custom",
                  "fetchflow.interp.inspect_text", "fetchflow.interp.inspect_errors",
                  "fetchflow.interp.inspect_format")),
    ("compile and evaluation", ("fetchflow.interp.compiler", "fetchflow.interp.scope",
                                "fetchflow.interp.scope_resolve",
                                "fetchflow.interp.evaluation")),
    ("machine", ("fetchflow.interp",)),
    ("host environment", ("fetchflow.host",)),
    ("persistence", ("fetchflow.state", "fetchflow.state_records", "fetchflow.inspect_state",
                     "fetchflow.to_python")),
    ("api", ("fetchflow.api",)),
    ("drivers and CLI", ("fetchflow", "fetchflow.host.drivers", "fetchflow.host.async_drivers",
                         "fetchflow.host.http_fetch", "fetchflow.host.http_transport",
                         "fetchflow.host.canned", "fetchflow.durable", "fetchflow.__main__")),
]

# every import inside a function, and why it is there
FUNCTION_IMPORTS: dict[tuple[str, str], str] = {
    ("fetchflow.interp.machine", "fetchflow.state"):
        "Machine.__reduce__: a plain pickle.dumps(machine) goes through the state format, a "
        "layer above the machine",
    ("fetchflow.durable.store", "fetchflow.durable.pgqueue"):
        "procrastinate is an optional extra (fetchflow[postgres]): loaded only by a PostgreSQL "
        "store that uses the queue",
    ("fetchflow.durable.worker", "fetchflow.durable.pgqueue"):
        "procrastinate is an optional extra (fetchflow[postgres]): loaded only by a worker of "
        "the procrastinate queue",
    ("fetchflow", "fetchflow.host.async_drivers"):
        "start-up cost: fetchflow.arun loads on first use (PEP 562), so import fetchflow and the "
        "command line do not load asyncio",
    ("fetchflow.host.http_fetch", "fetchflow.host.http_transport"):
        "start-up cost: HTTPFetcher loads http.client, ssl and socket at its first request, not "
        "at import",
    ("fetchflow.durable.cli", "fetchflow.durable.commands"):
        "start-up cost: every CLI start builds the durable subcommands' parsers; the store and "
        "the worker load only when one of those commands runs",
    ("fetchflow.api", "fetchflow.inspect_state"):
        "start-up cost: VMState.inspect() loads the report's module, which a run does not need",
    ("fetchflow.interp.regex_unicode", "fetchflow.interp.regex_unicode_data"):
        "start-up cost: the Unicode property tables (116 KB) load with the first \\p{...}, not "
        "with the parser",
}
MAX_FUNCTION_IMPORTS = 40


def _modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        parts = p.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


MODULES = _modules()


def layer_of(module: str) -> Optional[int]:
    best, best_len = None, -1
    for i, (_name, prefixes) in enumerate(LAYERS):
        for pre in prefixes:
            if (module == pre or module.startswith(pre + ".")) and len(pre) > best_len:
                best, best_len = i, len(pre)
    return best


def _target(module: str, node: ast.ImportFrom | ast.Import, is_package: bool) -> Iterator[str]:
    """The fetchflow modules an import statement loads (``from x import name`` counts as
    module ``x.name`` when that is a module, else ``x``)."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        if node.level:
            parts = module.split(".")
            if not is_package:
                parts = parts[:-1]
            parts = parts[:len(parts) - (node.level - 1)]
            base = ".".join(parts + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name.startswith("fetchflow"):
            yield name


def imports() -> tuple[dict[str, set], list[tuple[str, str, int]]]:
    """(module -> modules it imports at module level, [(module, target, line)] inside functions);
    ``if TYPE_CHECKING:`` blocks are not imports."""
    top: dict[str, set] = {m: set() for m in MODULES}
    inner: list[tuple[str, str, int]] = []
    for module, path in MODULES.items():
        is_package = path.name == "__init__.py"

        def visit(node: ast.AST, in_function: bool) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                    continue
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    for t in _target(module, child, is_package):
                        if t == module:
                            continue
                        if in_function:
                            inner.append((module, t, child.lineno))
                        else:
                            top[module].add(t)
                else:
                    visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                     ast.Lambda)))
        visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return top, inner


TOP, INNER = imports()


def test_every_module_is_in_a_layer() -> None:
    assert [m for m in MODULES if layer_of(m) is None] == []


def test_module_level_imports_go_down_only() -> None:
    up = sorted(f"{m} -> {t} ({LAYERS[layer_of(m)][0]} -> {LAYERS[layer_of(t)][0]})"  # type: ignore[index]
                for m, ts in TOP.items() for t in ts if layer_of(t) > layer_of(m))  # type: ignore[operator]
    assert up == []


def test_no_import_cycle_at_module_level() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set = set()
    cycles: list[list[str]] = []
    counter = [0]

    def connect(v: str) -> None:   # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in TOP[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))
    for v in sorted(MODULES):
        if v not in index:
            connect(v)
    assert cycles == []


def test_every_import_inside_a_function_has_a_reason() -> None:
    found = sorted({(m, t) for m, t, _line in INNER})
    assert [f for f in found if f not in FUNCTION_IMPORTS] == []
    assert [f for f in FUNCTION_IMPORTS if f not in found] == [], "a reason for an import that is gone"
    assert len(INNER) <= MAX_FUNCTION_IMPORTS


def test_the_contract_sees_an_upward_import(tmp_path: Path) -> None:
    """The reader finds imports where they are: a fake module importing up is caught."""
    src = "def f():\n    from ..api import execute_code\n"
    tree = ast.parse(src)
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))
    assert list(_target("fetchflow.interp.values", node, False)) == ["fetchflow.api"]
    assert layer_of("fetchflow.api") > layer_of("fetchflow.interp.values")  # type: ignore[operator]
