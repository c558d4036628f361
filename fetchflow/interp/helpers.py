"""Small helpers shared by natives."""
from __future__ import annotations

from typing import Any


def arg(args: list, i: int) -> Any:
    """The i-th argument, or undefined."""
    return args[i] if i < len(args) else None
