"""``crypto.getRandomValues`` and the part of ``crypto.subtle`` (https://w3c.github.io/webcrypto/)
that signs API requests and checks webhooks: ``digest`` (SHA-1/256/384/512) and HMAC
``importKey``/``exportKey`` (raw), ``sign`` and ``verify``, on hashlib and hmac.

A CryptoKey is a platform object: ``type``, ``extractable``, ``algorithm`` (the JS object
its getter returns, made once), ``usages`` (a JS array, likewise) and ``key`` (the bytes).
Random values come from the operating system and, once drawn, are part of the state like
any other value.  The SubtleCrypto methods return promises already settled (errors as
rejections), so an ``await`` on them is an ordinary await and survives a pause.
"""
from __future__ import annotations

import hashlib
import hmac
import os
from typing import Any

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.buffers import JSTypedArray
from ..interp.operations.object_operations import create_array_from_list, get
from ..interp.operations.type_conversion import to_boolean, to_number, to_string
from ..interp.runtime import CTX
from ..interp.values import C, E, W, JSObject, JSThrow
from .blob import rejected, resolved
from .byte_values import buffer_source_bytes, new_array_buffer
from .dom_exception import dom_exception
from .platform_object import JSPlatformObject, new_platform_object, node_type_error, tag, this_object
from ..interp.operations.iteration import iterate_to_list

__all__ = ["setup"]

_HASHES = {"SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512"}
_BLOCK_BITS = {"SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024}
_INTEGER_KINDS = frozenset(["Int8", "Uint8", "Uint8Clamped", "Int16", "Uint16", "Int32", "Uint32",
                            "BigInt64", "BigUint64"])


@native("Crypto.prototype.getRandomValues", 1)
def crypto_get_random_values(this: Any, args: list) -> Any:
    """WebCrypto 10.1.1 getRandomValues(array): filled from the OS, in place."""
    this_object(this, "Crypto")
    a = arg(args, 0)
    if not isinstance(a, JSTypedArray) or a.kind not in _INTEGER_KINDS:
        raise dom_exception("The data argument must be an integer-type TypedArray", "TypeMismatchError")
    n = a.array_length() * a.element_size
    if n > 65536:
        raise dom_exception("The requested length exceeds 65,536 bytes", "QuotaExceededError")
    data = a.buffer.data
    if data is not None and n:
        data[a.offset:a.offset + n] = os.urandom(n)
    return a


@native("get Crypto.prototype.subtle")
def crypto_subtle(this: Any, args: list) -> Any:
    return this_object(this, "Crypto").internal["subtle"]


def _hash_name(alg: Any, op: str) -> str:
    """WebCrypto 18.4 normalize an algorithm for a digest: its recognised SHA name."""
    name = get(alg, "name") if isinstance(alg, JSObject) else alg
    if name is None:
        raise node_type_error("Algorithm: name: Missing or not a string", "ERR_MISSING_OPTION")
    text = to_string(name).upper()
    if text not in _HASHES:
        raise dom_exception("Unrecognized algorithm name", "NotSupportedError")
    return text


def _data(v: Any, op: str, position: str) -> bytes:
    data = buffer_source_bytes(v)
    if data is None:
        raise node_type_error(f"Failed to execute '{op}' on 'SubtleCrypto': {position} argument is not "
                              f"instance of ArrayBuffer, Buffer, TypedArray, or DataView.", "ERR_INVALID_ARG_TYPE")
    return data


def _need(args: list, n: int, op: str) -> None:
    if len(args) < n:
        raise node_type_error(f"Failed to execute '{op}' on 'SubtleCrypto': {n} arguments required, but only "
                              f"{len(args)} present.", "ERR_MISSING_ARGS")


def _promise(fn: Any) -> Any:
    """A SubtleCrypto operation: its value or its error as a settled promise."""
    def run(this: Any, args: list) -> Any:
        try:
            this_object(this, "SubtleCrypto")
            return resolved(fn(args))
        except JSThrow as e:
            return rejected(e.value)
    return run


def _digest(args: list) -> Any:
    """WebCrypto 14.3.5 digest(algorithm, data)."""
    _need(args, 2, "digest")
    name = _hash_name(args[0], "digest")
    return new_array_buffer(hashlib.new(_HASHES[name], _data(args[1], "digest", "2nd")).digest())


def _plain(pairs: list) -> JSObject:
    o = JSObject(CTX.realm.object_prototype)
    for k, v in pairs:
        o.put_hidden(k, v, W | E | C)
    return o


def _hmac_key(v: Any, op: str) -> JSPlatformObject:
    if not (isinstance(v, JSPlatformObject) and v.cls == "CryptoKey"):
        raise node_type_error(f"Failed to execute '{op}' on 'SubtleCrypto': 2nd argument is not of type "
                              f"CryptoKey.", "ERR_INVALID_ARG_TYPE")
    return v


def _import_key(args: list) -> Any:
    """WebCrypto 14.3.9 importKey(format, keyData, algorithm, extractable, usages): HMAC, raw."""
    _need(args, 5, "importKey")
    fmt = to_string(args[0])
    alg = args[2]
    name = get(alg, "name") if isinstance(alg, JSObject) else alg
    if name is None or to_string(name).upper() != "HMAC":
        raise dom_exception("Unrecognized algorithm name", "NotSupportedError")
    hv = get(alg, "hash") if isinstance(alg, JSObject) else None
    if hv is None:
        raise node_type_error("Failed to normalize algorithm: passed algorithm can not be converted to "
                              "'HmacImportParams' because 'hash' is required in 'HmacImportParams'.",
                              "ERR_MISSING_OPTION")
    hash_name = _hash_name(hv, "importKey")
    usages = [to_string(u) for u in iterate_to_list(args[4])]
    if any(u not in ("sign", "verify") for u in usages):
        raise dom_exception("Unsupported key usage for an HMAC key", "SyntaxError")
    if fmt != "raw":
        if fmt == "jwk":
            raise dom_exception("Invalid keyData", "DataError")
        raise dom_exception(f"Unable to import HMAC key with format {fmt}", "NotSupportedError")
    key = _data(args[1], "importKey", "2nd")
    if not key:
        raise dom_exception("Zero-length key is not supported", "DataError")
    lv = get(alg, "length")
    length = len(key) * 8 if lv is None else int(to_number(lv))
    if length == 0 or length > len(key) * 8 or length <= len(key) * 8 - 8:
        raise dom_exception("Invalid key length", "DataError")
    algorithm = _plain([("name", "HMAC"), ("hash", _plain([("name", hash_name)])), ("length", float(length))])
    return new_platform_object(CTX.realm, "CryptoKey", {
        "type": "secret", "extractable": to_boolean(args[3]), "algorithm": algorithm,
        "usages": create_array_from_list(sorted(set(usages), key=("sign", "verify").index)),
        "usage_list": sorted(set(usages)), "key": key,
        "hash": hash_name})


def _usable(key: JSPlatformObject, alg: Any, usage: str) -> None:
    name = get(alg, "name") if isinstance(alg, JSObject) else alg
    if name is None or to_string(name).upper() != "HMAC":
        raise dom_exception("Unrecognized algorithm name", "NotSupportedError")
    if usage not in key.internal["usage_list"]:
        raise dom_exception(f"Unable to use this key to {usage}", "InvalidAccessError")


def _sign(args: list) -> Any:
    """WebCrypto 14.3.3 sign(algorithm, key, data): HMAC."""
    _need(args, 3, "sign")
    key = _hmac_key(args[1], "sign")
    data = _data(args[2], "sign", "3rd")
    _usable(key, args[0], "sign")
    return new_array_buffer(hmac.new(key.internal["key"], data, _HASHES[key.internal["hash"]]).digest())


def _verify(args: list) -> Any:
    """WebCrypto 14.3.4 verify(algorithm, key, signature, data): HMAC, in constant time."""
    _need(args, 4, "verify")
    key = _hmac_key(args[1], "verify")
    sig = _data(args[2], "verify", "3rd")
    data = _data(args[3], "verify", "4th")
    _usable(key, args[0], "verify")
    mac = hmac.new(key.internal["key"], data, _HASHES[key.internal["hash"]]).digest()
    return hmac.compare_digest(mac, sig)


def _export_key(args: list) -> Any:
    """WebCrypto 14.3.10 exportKey(format, key): raw."""
    _need(args, 2, "exportKey")
    key = _hmac_key(args[1], "exportKey")
    if not key.internal["extractable"]:
        raise dom_exception("key is not extractable", "InvalidAccessException")
    if to_string(args[0]) != "raw":
        raise dom_exception("Unsupported export format", "NotSupportedError")
    return new_array_buffer(key.internal["key"])


native("SubtleCrypto.prototype.digest", 2)(_promise(_digest))
native("SubtleCrypto.prototype.importKey", 5)(_promise(_import_key))
native("SubtleCrypto.prototype.exportKey", 2)(_promise(_export_key))
native("SubtleCrypto.prototype.sign", 3)(_promise(_sign))
native("SubtleCrypto.prototype.verify", 4)(_promise(_verify))


def _key_getter(name: str) -> Any:
    @native(f"get CryptoKey.prototype.{name}")
    def getter(this: Any, args: list) -> Any:
        return this_object(this, "CryptoKey").internal[name]
    return getter


for _name in ("type", "extractable", "algorithm", "usages"):
    _key_getter(_name)


def setup(realm: Any) -> None:
    sp = JSObject(realm.object_prototype)
    realm.intr["SubtleCryptoPrototype"] = sp
    for name in ("sign", "verify", "digest", "importKey", "exportKey"):
        realm.method(sp, name, f"SubtleCrypto.prototype.{name}")
        sp.flags[name] |= E  # type: ignore[index]
    tag(sp, "SubtleCrypto")
    kp = JSObject(realm.object_prototype)
    realm.intr["CryptoKeyPrototype"] = kp
    for name in ("type", "extractable", "algorithm", "usages"):
        realm.getter(kp, name, f"get CryptoKey.prototype.{name}")
        kp.flags[name] |= E  # type: ignore[index]
    tag(kp, "CryptoKey")
    cp = realm.intr["CryptoPrototype"]
    realm.getter(cp, "subtle", "get Crypto.prototype.subtle")
    realm.method(cp, "getRandomValues", "Crypto.prototype.getRandomValues")
    for name in ("subtle", "getRandomValues", "randomUUID"):
        cp.flags[name] |= E  # type: ignore[index]
    crypto = realm.global_object.props["crypto"]
    crypto.internal["subtle"] = new_platform_object(realm, "SubtleCrypto")
