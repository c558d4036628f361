"""Shared helpers for the language corpus: node-differential programs with classified marks.

A program either passes, or carries one of two marks:

* ``bug(src, why)``  -- fetchflow disagrees with node because of a language/interpreter
  bug (listed in FAILURES.md): ``xfail(strict=True)`` so the fix is noticed.
* ``needs(src, builtin)`` -- the program uses a builtin another engineer is still adding:
  ``xfail(strict=False)``.
"""
from __future__ import annotations

from typing import Any, Iterable

import pytest

from tests.node_oracle import assert_same_as_node


def bug(src: str, why: str) -> Any:
    return pytest.param(src, marks=pytest.mark.xfail(strict=True, reason=why))


def needs(src: str, builtin: str) -> Any:
    return pytest.param(src, marks=pytest.mark.xfail(strict=False, reason=f"needs {builtin}"))


def check(src: str) -> None:
    assert_same_as_node(src)


def src_of(p: Any) -> str:
    """The program text of a plain string or a ``pytest.param``."""
    return p if isinstance(p, str) else p.values[0]


def ids(programs: Iterable[Any], prefix: str) -> list:
    return [f"{prefix}{i}" for i, _ in enumerate(programs)]
