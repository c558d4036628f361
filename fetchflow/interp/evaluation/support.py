"""Syntax the parser accepts (ES2023) that the evaluator does not run yet.

Such a program is refused when it is loaded, with a SyntaxError naming the feature and its
line:column, rather than run with the wrong meaning (``??`` as ``||``, ``10n`` as a Number)
or failing inside the compiler.  Each entry goes when its evaluation lands (issue 10).
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from ...errors import JSSyntaxError

_BY_TYPE = {
}


def unsupported_feature(node: Any) -> Optional[str]:
    """The name of the not-yet-evaluated feature ``node`` uses, else None."""
    t = node.type
    feature = _BY_TYPE.get(t)
    if feature is not None:
        return feature
    return None


def check_supported(nodes: Iterable[Any], source: str) -> None:
    """JSSyntaxError at the first node that uses a feature the evaluator cannot run yet."""
    for node in nodes:
        feature = unsupported_feature(node)
        if feature is not None:
            lines = source.splitlines() or [""]
            line = lines[node.line - 1] if 0 < node.line <= len(lines) else ""
            raise JSSyntaxError(f"fetchflow does not support {feature} yet", node.line,
                                node.column + 1, line)
