"""The state writer's shortcuts (fetchflow/state.py): a built-in function is written by name
only when it is exactly as the realm made it, and the bytes still load as before."""
from __future__ import annotations

import pytest

from fetchflow import FetchResponse, execute_code, resume_execution
from fetchflow.state import _unsigned, dump_machine, load_machine


@pytest.mark.parametrize("change, read, expected", [
    # true == 1.0 in Python: a length redefined as true is not the registry's 1
    ('Object.defineProperty(f, "length", {value: true})', "[typeof f.length, f.length]",
     ["boolean", True]),
    ('Object.defineProperty(f, "length", {value: 7})', "f.length", 7),
    ('Object.defineProperty(f, "name", {value: "other"})', "f.name", "other"),
    ("f.extra = 1", "[f.extra, f.length]", [1, 1]),
    ("Object.preventExtensions(f)", "Object.isExtensible(f)", False),
    ("Object.setPrototypeOf(f, null)", "Object.getPrototypeOf(f)", None),
    ("", "[f.length, f.name, f === Array.prototype.push]", [1, "push", True]),
])
def test_a_changed_builtin_function_survives_a_pause(change: str, read: str, expected: object) -> None:
    r = execute_code(f"const f = Array.prototype.push; {change};\n"
                     f'await fetch("https://a.example/");\n{read}', quiet=True)
    done = resume_execution(r.state, FetchResponse(r.fetch_request.id, True, 200, "OK", "x"), quiet=True)
    assert done.result == expected


def test_save_load_save_is_stable() -> None:
    r = execute_code('const m = new Map([[1, {a: [1, 2]}]]); const p = fetch("https://a.example/"); '
                     'await p; m', quiet=True)
    m = load_machine(r.state.to_bytes())
    once = dump_machine(m)
    again = dump_machine(load_machine(once))
    # the same stream but for the order of sets (a rebuilt set may iterate differently)
    assert len(_unsigned(once, None)) == len(_unsigned(again, None))
