"""Formatters for host objects that node prints through ``util.inspect.custom``.

The host layer (fetchflow/host/inspect_web.py) registers a formatter per object class
name (``JSObject.cls``); ``inspect_value.format_value`` asks here before formatting an
object itself.  A formatter returns the text, or None to let the default formatting run
(node's custom inspectors return ``this`` when the depth is exhausted).
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Optional

__all__ = ["CUSTOM_INSPECT", "register"]

# cls -> formatter(ctx, value, recurse_times) -> Optional[str]
CUSTOM_INSPECT: Dict[str, Callable[[Any, Any, int], Optional[str]]] = {}


def register(cls: str, formatter: Callable[[Any, Any, int], Optional[str]]) -> None:
    CUSTOM_INSPECT[cls] = formatter
