"""The Proxy constructor (ES2023 28.2 Proxy Objects).

https://tc39.es/ecma262/2023/#sec-proxy-objects

The proxy objects themselves and their internal methods: operations/proxy_objects.py.
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.errors import type_error
from ..operations.object_operations import create_data_property_or_throw, ordinary_object
from ..operations.proxy_objects import proxy_create, revoke
from ..runtime import CTX
from ..values import W, C


@native("Proxy", 2, ctor=True)
def proxy_constructor(this: Any, args: list, new_target: Any) -> Any:
    """ES2023 28.2.1.1 Proxy ( target, handler )."""
    if new_target is None:
        raise type_error("Constructor Proxy requires 'new'")
    return proxy_create(arg(args, 0), arg(args, 1))


@native("Proxy.revocable", 2)
def proxy_revocable(this: Any, args: list) -> Any:
    """ES2023 28.2.2.1 Proxy.revocable ( target, handler )."""
    p = proxy_create(arg(args, 0), arg(args, 1))
    revoker = CTX.realm.native("Proxy.revoker", "", data=p)
    result = ordinary_object()
    create_data_property_or_throw(result, "proxy", p)
    create_data_property_or_throw(result, "revoke", revoker)
    return result


@native("Proxy.revoker", 0, callee=True)
def proxy_revoker(this: Any, args: list, callee: Any) -> Any:
    """ES2023 28.2.2.1.1 Proxy Revocation Functions."""
    p = callee.data
    if p is None:
        return None
    callee.data = None
    revoke(p)
    return None


def setup(realm: Any) -> None:
    # ES2023 28.2.2: the constructor has no "prototype" property
    ctor = realm.native("Proxy")
    realm.method(ctor, "revocable", "Proxy.revocable")
    realm.intr["Proxy"] = ctor
    realm.global_object.put_hidden("Proxy", ctor, W | C)
