"""Installs the web platform APIs of issue 11 in a realm (URL, URLSearchParams, ...).

Importing this module registers their natives and console formatters, which a state
must have before it loads (fetchflow/host/__init__.py imports it).
"""
from __future__ import annotations

from typing import Any

from . import (abort, dom_events, dom_exception, encoding, forgiving_base64, inspect_web, performance, url,
               url_search_params)

__all__ = ["setup"]

_MODULES = (dom_exception, forgiving_base64, dom_events, abort, performance, url, url_search_params, encoding)
inspect_web.install()


def setup(realm: Any) -> None:
    for mod in _MODULES:
        mod.setup(realm)
