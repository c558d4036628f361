"""The global eval function (ES2017 18.2.1); the machine runs the code on its frame stack."""
from __future__ import annotations

from typing import Any

from ..natives import native
from ..values import C, W


@native("eval", 1, gen=True)
def eval_(this: Any, args: list) -> Any:  # pragma: no cover - dispatched by the machine
    raise AssertionError("eval is performed by Machine.start_eval")


def setup(realm: Any) -> None:
    f = realm.native("eval")
    realm.intr["eval"] = f
    realm.global_object.put_hidden("eval", f, W | C)
