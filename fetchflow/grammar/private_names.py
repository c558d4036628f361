"""ES2022 private names: the names a class body declares (15.7.1 early errors).

Kept apart from early_errors.py (which walks the tree and owns the context
records) because the rule is self-contained: a private name is declared once
per class body, except that one getter and one setter of the same placement
(both static or both not) may share it.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, NoReturn, Optional, Tuple


def _get(node: Any, field: str) -> Any:
    return node.get(field) if isinstance(node, dict) else getattr(node, field, None)


def _type(node: Any) -> str:
    return node["type"] if isinstance(node, dict) else node.type


def private_key(member: Any) -> Optional[Any]:
    """The PrivateIdentifier key of a class element, or None."""
    if _type(member) == "StaticBlock":
        return None
    key = _get(member, "key")
    return key if key is not None and _type(key) == "PrivateIdentifier" else None


def declared_private_names(body: list, error: Callable[[str, Any], NoReturn]) -> Dict[str, Tuple[str, bool]]:
    """ES2022 15.7.1 ClassBody: PrivateBoundIdentifiers without duplicates.

    Returns name -> (kind, static); ``error(message, node)`` raises for a
    duplicate, worded as V8 words it.
    """
    names: Dict[str, Tuple[str, bool]] = {}
    for m in body:
        key = private_key(m)
        if key is None:
            continue
        name = _get(key, "name")
        static = bool(_get(m, "static"))
        kind = "field" if _type(m) == "PropertyDefinition" else _get(m, "kind")
        prev = names.get(name)
        if prev is None:
            names[name] = (kind, static)
            continue
        pkind, pstatic = prev
        if {pkind, kind} == {"get", "set"} and pstatic == static:
            names[name] = ("accessor pair", static)
            continue
        error(f"Identifier '#{name}' has already been declared", key)
    return names
