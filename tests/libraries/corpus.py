"""One library of the corpus: which bundle, the battery run after it, and what is known."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, Optional

import pytest

from .library_oracle import assert_library_like_node
from .npm_cache import library_source

# the extended corpus (test_library_corpus.py) runs only when this is set: it takes minutes
SLOW = os.environ.get("FETCHFLOW_SLOW_TESTS") == "1"


@dataclass(frozen=True)
class Library:
    spec: str            # name@version, pinned
    path: str            # the script bundle inside the package
    battery: str         # calls whose console output node and fetchflow must agree on
    xfail: Optional[str] = None   # the root cause, while it fails
    prelude: str = ""    # run before the library (e.g. a `window` for its browser export)

    @property
    def name(self) -> str:
        return self.spec.rsplit("@", 1)[0]


def params(libraries: list, *, slow: bool = False) -> list:
    out = []
    for lib in libraries:
        marks = []
        if lib.xfail:
            marks.append(pytest.mark.xfail(strict=True, reason=lib.xfail))
        if slow:
            marks.append(pytest.mark.skipif(not SLOW, reason="extended library corpus: set "
                                                             "FETCHFLOW_SLOW_TESTS=1"))
        out.append(pytest.param(lib, id=lib.spec, marks=marks))
    return out


def check(sources: Dict[str, str], lib: Any) -> None:
    """Load ``lib`` (its text read once per module into ``sources``) and run its battery."""
    if lib.spec not in sources:
        sources[lib.spec] = library_source(lib.spec, lib.path)
    assert_library_like_node(f"{lib.spec}/{lib.path}", sources[lib.spec], lib.battery, lib.prelude)
