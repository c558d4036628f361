"""Installs the web platform APIs of issue 11 in a realm (URL, URLSearchParams, ...).

Importing this module registers their natives and console formatters, which a state
must have before it loads (fetchflow/host/__init__.py imports it).
"""
from __future__ import annotations

from typing import Any

from . import (abort, blob, crypto, dom_events, dom_exception, encoding, form_data, forgiving_base64, headers,
               inspect_web, performance, request, response, structured_clone, url, url_search_params)

__all__ = ["setup"]

_MODULES = (dom_exception, forgiving_base64, dom_events, abort, performance, crypto, url, url_search_params, encoding,
            headers, blob, form_data, request, response, structured_clone)
inspect_web.install()


def setup(realm: Any) -> None:
    for mod in _MODULES:
        mod.setup(realm)
