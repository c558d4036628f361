"""%TypedArray% and the nine typed array constructors (ES2017 22.2).

https://tc39.es/ecma262/#sec-typedarray-objects

Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
Uint32Array, Float32Array, Float64Array, and (ES2020) BigInt64Array and BigUint64Array, whose
elements are BigInts; the two content types never mix.  The objects themselves (the
integer-indexed exotic object over a ``bytearray``) are in ``operations/buffers.py``;
the prototype methods in ``typed_array_methods.py``.

The constructor reads a user iterable through the machine (a generator native), so
``new Uint8Array(gen())`` runs the generator's code on the frame stack.
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..natives import native
from ..operations.bigint import mix_error
from ..operations.buffers import (CONVERTERS, ELEMENT_TYPES, MAX_TYPED_ARRAY_LENGTH, JSArrayBuffer,
                                  JSTypedArray, is_bigint_kind, to_index)
from ..operations.errors import range_error, type_error
from ..operations.iteration import call_gen, get_iterator_record, iterator_step_value_gen
from ..operations.object_operations import (get_method, get_prototype_from_constructor,
                                            length_of_array_like)
from ..operations.type_conversion import to_object
from ..operations.typed_array_create import (_length_error, typed_array_create,  # noqa: F401
                                             typed_array_create_from_constructor,
                                             typed_array_species_create)
from ..meter import CHUNK, poll
from ..runtime import CTX
from ..values import (MISSING, SYM_ITERATOR, SYM_SPECIES, SYM_TO_STRING_TAG, JSObject, is_callable,
                      is_constructor)
from ..operations.iteration import iterate_to_list, iteration_untouched
from .map_set import value_display
from .typed_array_methods import METHODS


# -- creating typed arrays -------------------------------------------------------------------------

def write_values(ta: JSTypedArray, start: int, values: list) -> None:
    """Set(O, k, v, true) for consecutive indices from ``start`` (ToNumber may run JS)."""
    conv = CONVERTERS[ta.kind]
    ready = int if is_bigint_kind(ta.kind) else float   # values the converter takes as they are
    for k, v in enumerate(values, start):
        if type(v) is ready and ta.buffer.data is not None and k < ta.length:
            ta.view[k] = conv(v)  # type: ignore[index]
        else:
            ta.set_index(k, v)
        if not k & (CHUNK - 1) and k:
            poll(CHUNK)


# -- the constructors -------------------------------------------------------------------------------

@native("TypedArray", 0, ctor=True)
def typed_array_intrinsic(this: Any, args: list, new_target: Any) -> Any:
    """ES2017 22.2.1.1 %TypedArray% ( ): always throws."""
    raise type_error("Abstract class TypedArray not directly constructable")


def _construct(kind: str, args: list, new_target: Any):  # type: ignore[no-untyped-def]
    """ES2017 22.2.4.1-22.2.4.5 TypedArray ( ... ) for one element type."""
    name = kind + "Array"
    if new_target is None:
        raise type_error(f"Constructor {name} requires 'new'")
    first = arg(args, 0)
    if not isinstance(first, JSObject):
        n = to_index(first, "Invalid typed array length: {}")
        proto = get_prototype_from_constructor(new_target, name + "Prototype")
        return typed_array_create(kind, n, proto)
    proto = get_prototype_from_constructor(new_target, name + "Prototype")
    if type(first) is JSTypedArray:
        return _from_typed_array(kind, proto, first)
    if type(first) is JSArrayBuffer:
        return _from_array_buffer(kind, proto, first, arg(args, 1), arg(args, 2))
    using_iterator = get_method(first, SYM_ITERATOR)
    if using_iterator is not None:
        values = yield from iterator_to_list(first, using_iterator)
    else:
        n = length_of_array_like(first)
        if n > MAX_TYPED_ARRAY_LENGTH:
            raise _length_error(n)
        ta = typed_array_create(kind, n, proto)
        for k in range(n):
            ta.set_index(k, first.get(str(k), first))
            if not k & (CHUNK - 1) and k:
                poll(CHUNK)
        return ta
    ta = typed_array_create(kind, len(values), proto)
    write_values(ta, 0, values)
    return ta


def iterator_to_list(items: Any, method: Any):  # type: ignore[no-untyped-def]
    """IteratorToList(GetIteratorFromMethod(items, method)), calling JS through the machine;
    a plain array iterated by the untouched built-in iterator is read directly."""
    if iteration_untouched(items):
        return iterate_to_list(items)
    if type(items) is JSTypedArray and items.buffer.data is not None and _values_untouched(method):
        return items.values_list()
    rec = get_iterator_record(items, method)
    out: list = []
    while True:
        v = yield from iterator_step_value_gen(rec)
        if v is MISSING:
            return out
        out.append(v)


def _values_untouched(method: Any) -> bool:
    """``method`` is %TypedArray%.prototype.values and array iterators' ``next`` is the
    original: iterating a typed array runs no JS code."""
    intr = CTX.realm.intr
    aip = intr["ArrayIteratorPrototype"]
    return (method is intr["TypedArrayPrototype"].props.get("values") and
            aip.props.get("next") is intr.get("ArrayIteratorPrototype_next"))


def _from_typed_array(kind: str, proto: JSObject, src: JSTypedArray) -> JSTypedArray:
    """ES2017 22.2.4.3 InitializeTypedArrayFromTypedArray."""
    if src.buffer.data is None:
        raise type_error("Cannot perform Construct on a detached ArrayBuffer")
    n = src.length
    if is_bigint_kind(kind) != is_bigint_kind(src.kind):   # ES2023 23.2.5.1.2 step 10 (node's words)
        raise mix_error()
    ta = typed_array_create(kind, n, proto)
    if src.kind == kind:
        size = ELEMENT_TYPES[kind][0]
        ta.buffer.data[:] = src.buffer.data[src.offset:src.offset + n * size]  # type: ignore[index]
    else:
        conv = CONVERTERS[kind]
        view = ta.view
        for i, v in enumerate(src.values_list()):
            view[i] = conv(v)  # type: ignore[index]
    return ta


def _from_array_buffer(kind: str, proto: JSObject, buf: JSArrayBuffer, byte_offset: Any,
                       length: Any) -> JSTypedArray:
    """ES2017 22.2.4.5 InitializeTypedArrayFromArrayBuffer."""
    name = kind + "Array"
    size = ELEMENT_TYPES[kind][0]
    offset = to_index(byte_offset, "Start offset {} is outside the bounds of the buffer")
    if offset % size:
        raise range_error(f"start offset of {name} should be a multiple of {size}")
    new_length = 0
    if length is not None:
        new_length = to_index(length, "Invalid typed array length: {}")
    if buf.data is None:
        raise type_error("Cannot perform Construct on a detached ArrayBuffer")
    buffer_length = len(buf.data)
    if length is None:
        if buffer_length % size:
            raise range_error(f"byte length of {name} should be a multiple of {size}")
        new_byte_length = buffer_length - offset
        if new_byte_length < 0:
            raise range_error(f"Start offset {offset} is outside the bounds of the buffer")
        new_length = new_byte_length // size
    elif offset + new_length * size > buffer_length:
        raise _length_error(new_length)
    return JSTypedArray(proto, kind, buf, offset, new_length)


def _make_constructor(kind: str) -> None:
    @native(kind + "Array", 3, ctor=True, gen=True)
    def ctor(this: Any, args: list, new_target: Any):  # type: ignore[no-untyped-def]
        return (yield from _construct(kind, args, new_target))
    ctor.__doc__ = f"ES2017 22.2.4 {kind}Array ( ...args )."


for _kind in ELEMENT_TYPES:
    _make_constructor(_kind)


# -- %TypedArray% functions --------------------------------------------------------------------------

@native("TypedArray.from", 1, gen=True)
def typed_array_from(this: Any, args: list):  # type: ignore[no-untyped-def]
    """ES2017 22.2.2.1 %TypedArray%.from ( source [ , mapfn [ , thisArg ] ] )."""
    c = this
    if not is_constructor(c):
        raise type_error(f"{_display(c)} is not a constructor")
    source, mapfn, t = arg(args, 0), arg(args, 1), arg(args, 2)
    if mapfn is not None and not is_callable(mapfn):
        raise type_error(f"{_display(mapfn)} is not a function")
    using_iterator = get_method(source, SYM_ITERATOR)
    if using_iterator is not None:
        values = yield from iterator_to_list(source, using_iterator)
        n = len(values)
        target = typed_array_create_from_constructor(c, [float(n)], "%TypedArray%.from")
        for k, v in enumerate(values):
            if mapfn is not None:
                v = yield from call_gen(mapfn, t, [v, float(k)])
            target.set_index(k, v)
        return target
    array_like = to_object(source)
    n = length_of_array_like(array_like)
    target = typed_array_create_from_constructor(c, [float(n)], "%TypedArray%.from")
    for k in range(n):
        v = array_like.get(str(k), array_like)
        if mapfn is not None:
            v = yield from call_gen(mapfn, t, [v, float(k)])
        target.set_index(k, v)
    return target


@native("TypedArray.of", 0)
def typed_array_of(this: Any, args: list) -> Any:
    """ES2017 22.2.2.2 %TypedArray%.of ( ...items )."""
    if not is_constructor(this):
        raise type_error(f"{_display(this)} is not a constructor")
    target = typed_array_create_from_constructor(this, [float(len(args))], "%TypedArray%.of")
    for k, v in enumerate(args):
        target.set_index(k, v)
    return target


@native("get TypedArray.[Symbol.species]", 0)
def typed_array_species(this: Any, args: list) -> Any:
    """ES2017 22.2.2.4 get %TypedArray% [ @@species ]."""
    return this


def _display(v: Any) -> str:
    return value_display(v)


# -- %TypedArray%.prototype accessors ------------------------------------------------------------------

def _this_typed_array(this: Any, getter: str) -> JSTypedArray:
    if type(this) is not JSTypedArray:
        shown = "[object Object]"
        if isinstance(this, JSObject):
            shown = f"[object {'Array' if this.cls == 'Array' else 'Object'}]"
        elif this is not None:
            shown = _display(this)
        else:
            shown = "undefined"
        raise type_error(f"Method get TypedArray.prototype.{getter} called on incompatible receiver "
                         f"{shown}")
    return this


@native("get TypedArray.prototype.buffer", 0)
def typed_array_buffer(this: Any, args: list) -> Any:
    """ES2017 22.2.3.1 get %TypedArray%.prototype.buffer."""
    return _this_typed_array(this, "buffer").buffer


@native("get TypedArray.prototype.byteLength", 0)
def typed_array_byte_length(this: Any, args: list) -> Any:
    """ES2017 22.2.3.2 get %TypedArray%.prototype.byteLength (0 once detached)."""
    o = _this_typed_array(this, "byteLength")
    return float(o.array_length() * o.element_size)


@native("get TypedArray.prototype.byteOffset", 0)
def typed_array_byte_offset(this: Any, args: list) -> Any:
    """ES2017 22.2.3.3 get %TypedArray%.prototype.byteOffset (0 once detached)."""
    o = _this_typed_array(this, "byteOffset")
    return 0.0 if o.buffer.data is None else float(o.offset)


@native("get TypedArray.prototype.length", 0)
def typed_array_length(this: Any, args: list) -> Any:
    """ES2017 22.2.3.18 get %TypedArray%.prototype.length (0 once detached)."""
    return float(_this_typed_array(this, "length").array_length())


@native("get TypedArray.prototype.[Symbol.toStringTag]", 0)
def typed_array_to_string_tag(this: Any, args: list) -> Any:
    """ES2017 22.2.3.32 get %TypedArray%.prototype [ @@toStringTag ]."""
    if type(this) is not JSTypedArray:
        return None
    return this.kind + "Array"


from . import typed_array_methods  # noqa: E402,F401  (%TypedArray%.prototype natives)


def setup(realm: Any) -> None:
    proto = JSObject(realm.object_prototype)
    ta = realm.native("TypedArray")
    ta.put_hidden("prototype", proto, 0)
    proto.put_hidden("constructor", ta)
    realm.intr["TypedArray"] = ta
    realm.intr["TypedArrayPrototype"] = proto
    realm.method(ta, "from", "TypedArray.from")
    realm.method(ta, "of", "TypedArray.of")
    realm.getter(ta, SYM_SPECIES, "get TypedArray.[Symbol.species]")
    for name in ("buffer", "byteLength", "byteOffset", "length"):
        realm.getter(proto, name, f"get TypedArray.prototype.{name}")
    realm.getter(proto, SYM_TO_STRING_TAG, "get TypedArray.prototype.[Symbol.toStringTag]")
    for name in METHODS:
        realm.method(proto, name, f"TypedArray.prototype.{name}")
    proto.put_hidden("toString", realm.intr["ArrayProto_toString"])
    proto.put_hidden(SYM_ITERATOR, proto.props["values"])
    for kind, (size, _fmt) in ELEMENT_TYPES.items():
        name = kind + "Array"
        p = JSObject(proto)
        ctor = realm.native(name, name, proto=ta)
        ctor.put_hidden("prototype", p, 0)
        p.put_hidden("constructor", ctor)
        ctor.put_hidden("BYTES_PER_ELEMENT", float(size), 0)
        p.put_hidden("BYTES_PER_ELEMENT", float(size), 0)
        realm.intr[name] = ctor
        realm.intr[name + "Prototype"] = p
        realm.global_object.put_hidden(name, ctor)


__all__ = ["typed_array_create", "typed_array_species_create", "typed_array_create_from_constructor",
           "write_values", "iterator_to_list"]
