"""Differential tests of the web APIs against node: programs run through the public API
(``execute_code``, which installs the host objects) and print what node prints.

Node's output comes from tests/interp/node_oracle.py (fixtures under tests/fixtures/node/,
recorded only with ``pytest --update-node-fixtures``).
"""
from __future__ import annotations

import fetchflow
from tests.interp.node_oracle import node_output


def fetchflow_output(src: str) -> str:
    from fetchflow.interp.inspect_value import error_headline
    try:
        r = fetchflow.execute_code(src, quiet=True)
        lines = list(r.console)
    except fetchflow.JSError as e:
        lines = list(e.console) + ["UNCAUGHT " + (f"{e.name}: {e.message}" if e.name != "Uncaught"
                                                  else e.message)]
    _ = error_headline
    return "".join(ln + "\n" for ln in lines)


def assert_same_as_node(src: str) -> None:
    expected = node_output(src)
    got = fetchflow_output(src)
    assert got == expected, f"program:\n{src}\n--- node:\n{expected}\n--- fetchflow:\n{got}"
