"""Compare fetchflow's ESTree output with esprima-python's (normalised)."""
from __future__ import annotations

from typing import Any

import esprima

from fetchflow import parse


def normalise(node: Any) -> Any:
    """Drop loc/range and smooth over esprima-python's known differences.

    * regex Literal: esprima-python puts a compiled ``re.Pattern`` (or None)
      in ``value``; ESTree JSON has ``null``.
    * Numbers: ints and floats compare equal in Python already.
    * esprima-python's ``toDict`` drops ``None`` fields (ESTree JSON, and our
      ``to_dict``, keep them as ``null``): None-valued keys are dropped.
    * esprima-python keeps astral characters whole; we split them into
      UTF-16 surrogate pairs (JS semantics): strings are re-joined.
    """
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k in ('loc', 'range') or v is None:
                continue
            out[k] = normalise(v)
        if out.get('type') == 'Literal' and 'regex' in out:
            out['value'] = None
        if out.get('type') == 'TemplateElement':
            out['value'] = dict(out['value'])
        return out
    if isinstance(node, list):
        return [normalise(x) for x in node]
    if isinstance(node, str):
        return node.encode('utf-16', 'surrogatepass').decode('utf-16', 'replace')
    return node


def esprima_tree(src: str) -> Any:
    return normalise(esprima.parseScript(src).toDict())


def our_tree(src: str) -> Any:
    return normalise(parse(src).to_dict())
