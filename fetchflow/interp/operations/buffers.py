"""ArrayBuffer, typed array and DataView objects and their abstract operations.

* ArrayBuffer objects            https://tc39.es/ecma262/#sec-arraybuffer-objects (ES2017 24.1)
* Integer-indexed exotic objects https://tc39.es/ecma262/#sec-integer-indexed-exotic-objects (9.4.5)
* TypedArray objects             https://tc39.es/ecma262/#sec-typedarray-objects (ES2017 22.2)
* DataView objects               https://tc39.es/ecma262/#sec-dataview-objects (ES2017 24.3)

A buffer's bytes are one ``bytearray`` (``data``; ``None`` once detached).  A typed array
reads and writes its elements through a ``memoryview`` of its slice of those bytes cast
to the element format (``view``, derived: rebuilt after a state load), so an element
access is one C-level index and no per-element Python object is kept.  Typed arrays use
the host's byte order (little-endian wherever node ships, as there); DataView takes the
order per call.  The integer-indexed semantics follow the current spec (ES2023: elements
are configurable, an invalid index reads undefined and [[HasProperty]] is false on a
detached buffer), which is what node 20 and test262 implement.

BigInt64 and BigUint64 elements (ES2020) are BigInts (Python ints): their content type is
BigInt (``is_bigint_kind``), so values are converted with ToBigInt, not ToNumber, and read
back as ints.
"""
from __future__ import annotations

import math
import struct
import sys
from typing import Any, Optional

from ..values import DEFAULT, JSObject, array_index, order_keys
from .errors import range_error
from .bigint import to_big_int
from .type_conversion import canonical_numeric_index_string, to_integer, to_number
from .number_format import number_to_string
from ..meter import charge

# element type name -> (bytes per element, struct/memoryview format)
ELEMENT_TYPES: dict[str, tuple[int, str]] = {
    "Int8": (1, "b"), "Uint8": (1, "B"), "Uint8Clamped": (1, "B"), "Int16": (2, "h"),
    "Uint16": (2, "H"), "Int32": (4, "i"), "Uint32": (4, "I"), "Float32": (4, "f"),
    "Float64": (8, "d"), "BigInt64": (8, "q"), "BigUint64": (8, "Q"),
}
TYPED_ARRAY_NAMES = tuple(k + "Array" for k in ELEMENT_TYPES)
NATIVE_LITTLE = sys.byteorder == "little"
MAX_SAFE = 2 ** 53 - 1
# node refuses typed arrays longer than 2**32 elements; buffers past 4 GiB we refuse too
# (node would try, and fail unless the host has the memory)
MAX_TYPED_ARRAY_LENGTH = 2 ** 32
MAX_BUFFER_BYTES = 2 ** 32
_NUMERIC_START = frozenset("-0123456789IN")  # first characters of canonical numeric strings


def _int_converter(bits: int, signed: bool) -> Any:
    mask = (1 << bits) - 1
    half = 1 << (bits - 1)
    full = 1 << bits

    def conv(n: float) -> int:
        """ES2017 7.1.5-7.1.10 ToInt8 ... ToUint32 of a Number."""
        if n != n or n in (math.inf, -math.inf):
            return 0
        i = int(n) & mask
        return i - full if signed and i >= half else i
    return conv


def _bigint_converter(bits: int, signed: bool) -> Any:
    mask = (1 << bits) - 1
    half = 1 << (bits - 1)
    full = 1 << bits

    def conv(n: int) -> int:
        """ES2023 7.1.16-7.1.17 ToBigInt64 / ToBigUint64 of a BigInt."""
        i = n & mask
        return i - full if signed and i >= half else i
    return conv


def is_bigint_kind(kind: str) -> bool:
    """ES2023 23.2.4.1 IsBigIntElementType: BigInt64 and BigUint64 (no other kind starts so)."""
    return kind[0] == "B"


def to_element_value(kind: str, value: Any) -> Any:
    """ToBigInt or ToNumber of ``value``, as the element type's content type asks."""
    if kind[0] == "B":
        return to_big_int(value)
    return value if type(value) is float else to_number(value)


def to_uint8_clamp(n: float) -> int:
    """ES2017 7.1.11 ToUint8Clamp of a Number (halves round to even, as ``round`` does)."""
    if n != n or n <= 0:
        return 0
    if n >= 255:
        return 255
    return round(n)


def _float_value(n: float) -> float:
    return n


CONVERTERS: dict[str, Any] = {
    "Int8": _int_converter(8, True), "Uint8": _int_converter(8, False),
    "Uint8Clamped": to_uint8_clamp, "Int16": _int_converter(16, True),
    "Uint16": _int_converter(16, False), "Int32": _int_converter(32, True),
    "Uint32": _int_converter(32, False), "Float32": _float_value, "Float64": _float_value,
    "BigInt64": _bigint_converter(64, True), "BigUint64": _bigint_converter(64, False),
}


def to_index(v: Any, message: str = "Invalid index") -> int:
    """ES2017 7.1.17 ToIndex; ``message`` is node's RangeError text, where ``{}`` stands for
    the integer."""
    if v is None:
        return 0
    i = to_integer(v)
    if i < 0 or i > MAX_SAFE:
        raise range_error(message.replace("{}", number_to_string(i)))
    return int(i)


# -- ArrayBuffer ----------------------------------------------------------------------------------

class JSArrayBuffer(JSObject):
    """An ArrayBuffer: [[ArrayBufferData]] is ``data`` (None when detached)."""
    __slots__ = ("data",)

    def __init__(self, proto: Optional[JSObject], data: bytearray) -> None:
        JSObject.__init__(self, proto, "ArrayBuffer")
        self.data: Optional[bytearray] = data

    @property
    def byte_length(self) -> int:
        d = self.data
        return 0 if d is None else len(d)


def create_byte_data_block(n: int) -> bytearray:
    """ES2017 6.2.6.1 CreateByteDataBlock: ``n`` zero bytes, charged to the allocation meter
    (a RangeError as node gives when the bytes cannot be had)."""
    if n > MAX_BUFFER_BYTES:
        raise range_error("Array buffer allocation failed")
    if n > 4096:
        charge(n)  # refuses it past max_heap_bytes (a LimitExceeded, as every allocation)
    try:
        return bytearray(n)
    except MemoryError:
        raise range_error("Array buffer allocation failed") from None


def allocate_array_buffer(proto: JSObject, n: int) -> JSArrayBuffer:
    """ES2017 24.1.1.1 AllocateArrayBuffer (the prototype already read from the constructor)."""
    return JSArrayBuffer(proto, create_byte_data_block(n))


def is_detached_buffer(buf: JSArrayBuffer) -> bool:
    """ES2017 24.1.1.2 IsDetachedBuffer."""
    return buf.data is None


def detach_array_buffer(buf: JSArrayBuffer) -> None:
    """ES2017 24.1.1.3 DetachArrayBuffer: the host's operation (a transfer); views of the
    buffer see length 0 and throw where the spec says so."""
    buf.data = None


def get_value_from_buffer(buf: JSArrayBuffer, index: int, kind: str, little: bool) -> float:
    """ES2017 24.1.1.5 GetValueFromBuffer (the caller checked detachment and bounds)."""
    size, fmt = ELEMENT_TYPES[kind]
    v = struct.unpack_from(("<" if little else ">") + fmt, buf.data, index)[0]  # type: ignore[arg-type]
    return v if kind[0] == "B" else float(v)


def set_value_in_buffer(buf: JSArrayBuffer, index: int, kind: str, value: float, little: bool) -> None:
    """ES2017 24.1.1.6 SetValueInBuffer of a Number, or of a BigInt for the BigInt kinds (the
    caller checked detachment and bounds)."""
    size, fmt = ELEMENT_TYPES[kind]
    v = CONVERTERS[kind](value)
    if fmt == "f":
        # the C cast rounds to nearest-even and overflows to infinity, as ToFloat32 does
        # (struct.pack raises instead)
        one = memoryview(bytearray(4)).cast("f")
        one[0] = v
        raw = one.tobytes()
        if little != NATIVE_LITTLE:
            raw = raw[::-1]
        buf.data[index:index + 4] = raw  # type: ignore[index]
        return
    struct.pack_into(("<" if little else ">") + fmt, buf.data, index, v)  # type: ignore[arg-type]


# -- typed arrays: integer-indexed exotic objects ---------------------------------------------------

def element_view(data: bytearray, offset: int, length: int, kind: str) -> memoryview:
    """The elements [offset, offset + length * size) of ``data`` as a memoryview of ``kind``."""
    size, fmt = ELEMENT_TYPES[kind]
    return memoryview(data)[offset:offset + length * size].cast(fmt)


class JSTypedArray(JSObject):
    """An integer-indexed exotic object (ES2017 9.4.5): [[ViewedArrayBuffer]] ``buffer``,
    [[TypedArrayName]] ``kind + "Array"``, [[ByteOffset]] ``offset``, [[ArrayLength]]
    ``length``; ``view`` is derived (the elements as a memoryview)."""
    __slots__ = ("buffer", "kind", "offset", "length", "view")

    EXOTIC = True
    NAMED_SAFE = False  # canonical numeric keys ("-0", "1.5", "NaN") never reach the prototype
    PROTO_HOOKS = True

    def __init__(self, proto: Optional[JSObject], kind: str, buffer: JSArrayBuffer, offset: int,
                 length: int) -> None:
        JSObject.__init__(self, proto, kind + "Array")
        self.buffer = buffer
        self.kind = kind
        self.offset = offset
        self.length = length
        self.view: Optional[memoryview] = None
        self.rebuild_view()

    def rebuild_view(self) -> None:
        d = self.buffer.data
        self.view = None if d is None else element_view(d, self.offset, self.length, self.kind)

    @property
    def element_size(self) -> int:
        return ELEMENT_TYPES[self.kind][0]

    @property
    def detached(self) -> bool:
        return self.buffer.data is None

    def array_length(self) -> int:
        """[[ArrayLength]], 0 once the buffer is detached."""
        return 0 if self.buffer.data is None else self.length

    # -- element access -----------------------------------------------------------------------
    def get_index(self, i: int) -> Any:
        """IntegerIndexedElementGet for an integer index (undefined when out of range)."""
        if self.buffer.data is None or not 0 <= i < self.length:
            return None
        v = self.view[i]  # type: ignore[index]
        return v if self.kind[0] == "B" else float(v)

    def set_index(self, i: int, value: Any) -> None:
        """ES2023 TypedArraySetElement: convert first (may run JS and detach), then write."""
        n = value if type(value) is float and self.kind[0] != "B" else to_element_value(self.kind, value)
        if self.buffer.data is None or not 0 <= i < self.length:
            return
        self.view[i] = CONVERTERS[self.kind](n)  # type: ignore[index]

    def raw_list(self, lo: int = 0, hi: Optional[int] = None) -> list:
        """Elements [lo, hi) as Python numbers, charged to the allocation meter: a list
        costs ~32 bytes an element where the buffer holds 1 to 8."""
        if self.buffer.data is None:
            return []
        view = self.view
        n = len(view[lo:hi])  # type: ignore[index]
        if n > 4096:
            charge(n * 32)
        return view[lo:hi].tolist()  # type: ignore[index]

    def values_list(self, lo: int = 0, hi: Optional[int] = None) -> list:
        """Elements [lo, hi) as JS values (floats; ints for the BigInt kinds)."""
        vals = self.raw_list(lo, hi)
        return vals if self.kind[0] in "FB" else [float(x) for x in vals]

    def _numeric(self, key: Any) -> Any:
        """The canonical numeric index ``key`` denotes (an int when it may be valid, a float
        when it is numeric but never valid), or None for an ordinary key."""
        if type(key) is not str:
            return None
        i = array_index(key)
        if i >= 0:
            return i
        if key[:1] in _NUMERIC_START:
            n = canonical_numeric_index_string(key)
            if n is not None:
                if n.is_integer() and not (n == 0 and math.copysign(1, n) < 0):
                    return int(n)
                return n
        return None

    def valid_index(self, n: Any) -> bool:
        """IsValidIntegerIndex."""
        return type(n) is int and self.buffer.data is not None and 0 <= n < self.length

    # -- internal methods (ES2023 10.4.5) ---------------------------------------------------------
    def exotic_get(self, key: Any, receiver: Any) -> Any:
        n = self._numeric(key)
        if n is not None:
            return self.get_index(n) if type(n) is int else None
        return JSObject.exotic_get(self, key, receiver)

    def get_own_property(self, key: Any) -> Optional[tuple]:
        n = self._numeric(key)
        if n is not None:
            if self.valid_index(n):
                return (self.get_index(n), DEFAULT)
            return None
        return JSObject.get_own_property(self, key)

    def has_property(self, key: Any) -> bool:
        n = self._numeric(key)
        if n is not None:
            return self.valid_index(n)
        return JSObject.has_property(self, key)

    def define_own_property(self, key: Any, desc: dict) -> bool:
        n = self._numeric(key)
        if n is None:
            return JSObject.define_own_property(self, key, desc)
        if not self.valid_index(n):
            return False
        if desc.get("configurable", True) is False or desc.get("enumerable", True) is False:
            return False
        if "get" in desc or "set" in desc or desc.get("writable", True) is False:
            return False
        if "value" in desc:
            self.set_index(n, desc["value"])
        return True

    def set(self, key: Any, value: Any, receiver: Any) -> bool:
        n = self._numeric(key)
        if n is not None:
            if receiver is self:
                if type(n) is int:
                    self.set_index(n, value)
                else:
                    to_element_value(self.kind, value)
                return True
            if not self.valid_index(n):
                return True
        return JSObject.set(self, key, value, receiver)

    def delete(self, key: Any) -> bool:
        n = self._numeric(key)
        if n is not None:
            return not self.valid_index(n)
        return JSObject.delete(self, key)

    def own_property_keys(self) -> list:
        n = self.array_length()
        if n > 4096:  # a str and a list slot per index: charged before they are built
            charge(n * 64)
        keys = [str(i) for i in range(n)]
        return keys + order_keys(list(self.props)) if self.props else keys


# -- DataView -------------------------------------------------------------------------------------

class JSDataView(JSObject):
    """A DataView: [[ViewedArrayBuffer]] ``buffer``, [[ByteOffset]] ``offset``,
    [[ByteLength]] ``byte_length``."""
    __slots__ = ("buffer", "offset", "byte_length")

    def __init__(self, proto: Optional[JSObject], buffer: JSArrayBuffer, offset: int,
                 byte_length: int) -> None:
        JSObject.__init__(self, proto, "DataView")
        self.buffer = buffer
        self.offset = offset
        self.byte_length = byte_length


__all__ = ["ELEMENT_TYPES", "TYPED_ARRAY_NAMES", "CONVERTERS", "JSArrayBuffer", "JSTypedArray",
           "JSDataView", "to_index", "create_byte_data_block", "allocate_array_buffer",
           "is_detached_buffer", "detach_array_buffer", "get_value_from_buffer",
           "set_value_in_buffer", "element_view", "MAX_TYPED_ARRAY_LENGTH", "is_bigint_kind",
           "to_element_value",
           "MAX_SAFE"]
