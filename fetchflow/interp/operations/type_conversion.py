"""Type conversion (ES2017 7.1; ES2020 BigInt: ToNumeric, and ints standing for BigInts)."""
from __future__ import annotations

import math
from typing import Any

from ..runtime import CTX
from ..values import NULL, OPS, SYM_TO_PRIMITIVE, JSObject, JSPrimitiveObject, JSSymbol
from ..values import is_callable
from .calls import call
from .errors import range_error, to_display, type_error  # noqa: F401  (to_display: its old home)
from .number_format import bigint_to_string, number_to_string

# JS WhiteSpace + LineTerminator (ES2017 11.2, 11.3) for StringToNumber and trim
WHITESPACE = ("\u0009\u000b\u000c\u0020\u00a0\ufeff\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
              "\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u000a\u000d\u2028\u2029")


def to_primitive(v: Any, hint: str = "default") -> Any:
    """ES2017 7.1.1 ToPrimitive."""
    if not isinstance(v, JSObject):
        return v
    exotic = v.get(SYM_TO_PRIMITIVE, v)   # GetMethod(input, @@toPrimitive) on an object
    if exotic is NULL:
        exotic = None
    if exotic is not None and not is_callable(exotic):
        raise type_error(f"{to_display(exotic)} is not a function")
    if exotic is not None:
        r = call(exotic, v, [hint])
        if isinstance(r, JSObject):
            raise type_error("Cannot convert object to primitive value")
        return r
    return ordinary_to_primitive(v, "string" if hint == "string" else "number")


def ordinary_to_primitive(o: JSObject, hint: str) -> Any:
    """ES2017 7.1.1.1 OrdinaryToPrimitive."""
    names = ("toString", "valueOf") if hint == "string" else ("valueOf", "toString")
    for name in names:
        m = o.get(name, o)
        if is_callable(m):
            r = call(m, o, [])
            if not isinstance(r, JSObject):
                return r
    raise type_error("Cannot convert object to primitive value")


def to_boolean(v: Any) -> bool:
    """ES2017 7.1.2 ToBoolean."""
    t = type(v)
    if t is bool:
        return v
    if t is float:
        return not (v == 0 or v != v)
    if t is str:
        return len(v) > 0
    if v is None or v is NULL:
        return False
    if t is int:  # a BigInt: 0n is falsy
        return v != 0
    return True


def to_number(v: Any) -> float:
    """ES2017 7.1.3 ToNumber."""
    t = type(v)
    if t is float:
        return v
    if t is str:
        return string_to_number(v)
    if t is bool:
        return 1.0 if v else 0.0
    if v is None:
        return math.nan
    if v is NULL:
        return 0.0
    if t is JSSymbol:
        raise type_error("Cannot convert a Symbol value to a number")
    if t is int:
        raise type_error("Cannot convert a BigInt value to a number")
    return to_number(to_primitive(v, "number"))


def to_numeric(v: Any) -> Any:
    """ES2023 7.1.3 ToNumeric: a Number (float) or a BigInt (int)."""
    t = type(v)
    if t is float or t is int:
        return v
    if isinstance(v, JSObject):
        v = to_primitive(v, "number")
        if type(v) is int:
            return v
    return to_number(v)


def string_to_number(s: str) -> float:
    """ES2017 7.1.3.1 ToNumber applied to the String type."""
    s = s.strip(WHITESPACE)
    if not s:
        return 0.0
    c = s[:2].lower()
    if c in ("0x", "0o", "0b"):
        digits = s[2:]
        # int() alone would take "_" separators and non-ASCII digits, which JS refuses
        if not (digits.isascii() and digits.isalnum()):
            return math.nan
        try:
            n = int(digits, {"0x": 16, "0o": 8, "0b": 2}[c])
        except ValueError:
            return math.nan
        try:
            return float(n)
        except OverflowError:  # past the largest double: the MV rounds to Infinity
            return math.inf
    body = s.lstrip("+-")
    if body == "Infinity":
        return -math.inf if s[0] == "-" else math.inf
    if not body or not (body[0].isdigit() or body[0] == "."):
        return math.nan
    if "_" in s or not s.isascii() or any(ch in "nNiI" for ch in body):
        return math.nan
    try:
        return float(s)
    except ValueError:
        return math.nan


def to_integer(v: Any) -> float:
    """ES2017 7.1.4 ToInteger (as a float, keeping infinities)."""
    n = to_number(v)
    if n != n:
        return 0.0
    if n in (math.inf, -math.inf):
        return n
    return float(math.trunc(n))


def to_int32(v: Any) -> int:
    """ES2017 7.1.5 ToInt32."""
    n = v if type(v) is float else to_number(v)
    if n != n or n in (math.inf, -math.inf):
        return 0
    i = int(n) & 0xFFFFFFFF
    return i - 0x100000000 if i & 0x80000000 else i


def to_uint32(v: Any) -> int:
    """ES2017 7.1.6 ToUint32."""
    n = v if type(v) is float else to_number(v)
    if n != n or n in (math.inf, -math.inf):
        return 0
    return int(n) & 0xFFFFFFFF


def array_set_length_value(v: Any) -> float:
    """ES2017 9.4.2.4 ArraySetLength steps 3-5: the new length of an array, or a RangeError."""
    n = to_uint32(v)
    if n != to_number(v):
        raise range_error("Invalid array length")
    return float(n)


OPS.array_length = array_set_length_value


def to_uint16(v: Any) -> int:
    """ES2017 7.1.8 ToUint16."""
    n = to_number(v)
    if n != n or n in (math.inf, -math.inf):
        return 0
    return int(n) & 0xFFFF


def to_string(v: Any) -> str:
    """ES2017 7.1.12 ToString."""
    t = type(v)
    if t is str:
        return v
    if t is float:
        return number_to_string(v)
    if t is bool:
        return "true" if v else "false"
    if v is None:
        return "undefined"
    if v is NULL:
        return "null"
    if t is JSSymbol:
        raise type_error("Cannot convert a Symbol value to a string")
    if t is int:
        return bigint_to_string(v)
    return to_string(to_primitive(v, "string"))


def to_object(v: Any) -> JSObject:
    """ES2017 7.1.13 ToObject."""
    if isinstance(v, JSObject):
        return v
    realm = CTX.realm
    t = type(v)
    if t is str:
        return JSPrimitiveObject(realm.intr["StringPrototype"], "String", v)
    if t is float:
        return JSPrimitiveObject(realm.intr["NumberPrototype"], "Number", v)
    if t is bool:
        return JSPrimitiveObject(realm.intr["BooleanPrototype"], "Boolean", v)
    if t is JSSymbol:
        return JSPrimitiveObject(realm.intr["SymbolPrototype"], "Symbol", v)
    if t is int:
        return JSPrimitiveObject(realm.intr["BigIntPrototype"], "BigInt", v)
    raise type_error("Cannot convert undefined or null to object")  # V8's wording


def to_property_key(v: Any) -> Any:
    """ES2017 7.1.14 ToPropertyKey."""
    t = type(v)
    if t is str:
        return v
    if t is float:
        if v.is_integer() and 0 <= v < 1e21:
            return str(int(v))
        return number_to_string(v)
    if t is JSSymbol:
        return v
    k = to_primitive(v, "string")
    if type(k) is JSSymbol:
        return k
    return to_string(k)


def to_length(v: Any) -> int:
    """ES2017 7.1.15 ToLength."""
    n = to_integer(v)
    if n <= 0:
        return 0
    return int(min(n, 9007199254740991.0))


def canonical_numeric_index_string(s: str) -> Any:
    """ES2017 7.1.16 CanonicalNumericIndexString (None when not canonical)."""
    if s == "-0":
        return -0.0
    n = to_number(s)
    return n if to_string(n) == s else None


def type_of(v: Any) -> str:
    """ES2017 12.5.6 the typeof operator."""
    t = type(v)
    if t is float:
        return "number"
    if t is str:
        return "string"
    if t is bool:
        return "boolean"
    if v is None:
        return "undefined"
    if v is NULL:
        return "object"
    if t is JSSymbol:
        return "symbol"
    if t is int:
        return "bigint"
    return "function" if v.call_kind is not None else "object"
