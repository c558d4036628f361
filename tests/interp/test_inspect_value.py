"""inspect_value: values built in Python, printed as node 20's console.log prints the
equivalent JS value (each expected string was produced by node; the JS is in the comment)."""
from __future__ import annotations

import math
from typing import Any, Callable

import pytest

from fetchflow.interp.builtins.console import to_output_text
from fetchflow.interp.inspect_format import format_args
from fetchflow.interp.inspect_text import get_string_width, str_escape
from fetchflow.interp.inspect_value import error_headline, inspect
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import (HOLE, NULL, SYM_ITERATOR, SYM_TO_STRING_TAG, JSObject,
                                     JSSymbol)

from .builtins.core_helpers import arr, nat, new, new_realm, obj


@pytest.fixture(autouse=True)
def realm() -> Any:
    old = CTX.realm
    r = new_realm()
    yield r
    CTX.realm = old


def log(*args: Any) -> str:
    return to_output_text(format_args(list(args)))


def _sparse() -> Any:
    a = arr(1, HOLE, 3)
    a.set("10", 5.0, a)
    a.set("foo", "bar", a)
    return a


def _circ() -> Any:
    c = obj(name="c")
    c.set("self", c, c)
    c.set("arr", arr(c), c)
    return c


def _circ2() -> Any:
    c2 = obj()
    c3 = obj(c2=c2)
    c2.set("c3", c3, c2)
    return arr(c2, c3)


def _define(o: JSObject, key: Any, **desc: Any) -> JSObject:
    nat("Object.defineProperty", None, o, key, obj(**desc))
    return o


def _accessors(r: Any) -> Any:
    f = r.intr["Object"]
    o = obj()
    _define(o, "a", get=f, enumerable=True)
    _define(o, "b", set=f, enumerable=True)
    _define(o, "c", get=f, set=f, enumerable=True)
    return o


def _err(kind: str, msg: str, stack: Any = "keep", **extra: Any) -> Any:
    e = new(kind, msg)
    if stack is None:
        e.delete("stack")
    elif stack != "keep":
        e.set("stack", stack, e)
    for k, v in extra.items():
        e.set(k, v, e)
    return e


CASES: list[tuple[str, Callable[[Any], list], str]] = [
    # console.log({ '1': 4, 'a-b': 1, $x: 2, _y: 3, "it's": 7, 'a"b\'c': 8, [Symbol('s')]: 5, [Symbol()]: 6 })
    ("keys", lambda r: [obj(("1", 4), ("a-b", 1), ("$x", 2), ("_y", 3), ("it's", 7),
                            ("a\"b'c", 8), (JSSymbol("s"), 5), (JSSymbol(None), 6))],
     "{\n  '1': 4,\n  'a-b': 1,\n  '$x': 2,\n  _y: 3,\n  \"it's\": 7,\n  `a\"b'c`: 8,\n"
     "  [Symbol(s)]: 5,\n  [Symbol()]: 6\n}"),
    # console.log(['a\nb', "it's", 'x"y\'z', 'x"y\'z`', '\x01\x7f\u0085\ud800', 'é😀'])
    ("quotes", lambda r: [arr("a\nb", "it's", "x\"y'z", "x\"y'z`", "\x01\x7f\x85\ud800",
                              "é\ud83d\ude00")],
     "[ 'a\\nb', \"it's\", `x\"y'z`, 'x\"y\\'z`', '\\x01\\x7F\\x85\\ud800', 'é😀' ]"),
    # console.log({ s: 'a'.repeat(100) + '\nline2\nline3' })
    ("long string", lambda r: [obj(s="a" * 100 + "\nline2\nline3")],
     "{\n  s: '" + "a" * 100 + "\\n' +\n    'line2\\n' +\n    'line3'\n}"),
    # const sp = [1,,3]; sp[10] = 5; sp.foo = 'bar'; console.log(sp, [,], [,,1], [undefined, null])
    ("holes", lambda r: [_sparse(), arr(HOLE), arr(HOLE, HOLE, 1), arr(None, NULL)],
     "[ 1, <1 empty item>, 3, <7 empty items>, 5, foo: 'bar' ] [ <1 empty item> ] "
     "[ <2 empty items>, 1 ] [ undefined, null ]"),
    # console.log(-0, [-0], 0.1, 1e21, 1e-7, NaN, [NaN, Infinity, -Infinity])
    ("numbers", lambda r: [-0.0, arr(-0.0), 0.1, 1e21, 1e-7, math.nan,
                           arr(math.nan, math.inf, -math.inf)],
     "-0 [ -0 ] 0.1 1e+21 1e-7 NaN [ NaN, Infinity, -Infinity ]"),
    # console.log(Array.from({length: 30}, (_, i) => i))
    ("grouped numbers", lambda r: [arr(*range(30))],
     "[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,\n   9, 10, 11, 12, 13, 14, 15, 16, 17,\n"
     "  18, 19, 20, 21, 22, 23, 24, 25, 26,\n  27, 28, 29\n]"),
    # console.log(Array.from({length: 120}, (_, i) => i * 3))
    ("more items", lambda r: [arr(*[i * 3 for i in range(120)])],
     "[\n    0,   3,   6,   9,  12,  15,  18,  21,  24,  27,  30,  33,\n"
     "   36,  39,  42,  45,  48,  51,  54,  57,  60,  63,  66,  69,\n"
     "   72,  75,  78,  81,  84,  87,  90,  93,  96,  99, 102, 105,\n"
     "  108, 111, 114, 117, 120, 123, 126, 129, 132, 135, 138, 141,\n"
     "  144, 147, 150, 153, 156, 159, 162, 165, 168, 171, 174, 177,\n"
     "  180, 183, 186, 189, 192, 195, 198, 201, 204, 207, 210, 213,\n"
     "  216, 219, 222, 225, 228, 231, 234, 237, 240, 243, 246, 249,\n"
     "  252, 255, 258, 261, 264, 267, 270, 273, 276, 279, 282, 285,\n"
     "  288, 291, 294, 297,\n  ... 20 more items\n]"),
    # console.log(Array.from({length: 10}, (_, i) => 'str' + i))
    ("grouped strings", lambda r: [arr(*["str%d" % i for i in range(10)])],
     "[\n  'str0', 'str1',\n  'str2', 'str3',\n  'str4', 'str5',\n  'str6', 'str7',\n"
     "  'str8', 'str9'\n]"),
    # console.log(Array.from({length: 27}, (_, i) => 'x'.repeat(i % 7)))
    ("padEnd", lambda r: [arr(*["x" * (i % 7) for i in range(27)])],
     "[\n  '',       'x',      'xx',     'xxx',\n  'xxxx',   'xxxxx',  'xxxxxx', '',\n"
     "  'x',      'xx',     'xxx',    'xxxx',\n  'xxxxx',  'xxxxxx', '',       'x',\n"
     "  'xx',     'xxx',    'xxxx',   'xxxxx',\n  'xxxxxx', '',       'x',      'xx',\n"
     "  'xxx',    'xxxx',   'xxxxx'\n]"),
    # console.log({ arr: Array.from({length: 8}, (_, i) => ({ id: i })) })
    ("nested grouping", lambda r: [obj(arr=arr(*[obj(id=i) for i in range(8)]))],
     "{\n  arr: [\n    { id: 0 }, { id: 1 },\n    { id: 2 }, { id: 3 },\n    { id: 4 }, { id: 5 },\n"
     "    { id: 6 }, { id: 7 }\n  ]\n}"),
    # console.log(Symbol('x'), Symbol(), Symbol.iterator, [Symbol('a b')])
    ("symbols", lambda r: [JSSymbol("x"), JSSymbol(None), SYM_ITERATOR, arr(JSSymbol("a b"))],
     "Symbol(x) Symbol() Symbol(Symbol.iterator) [ Symbol(a b) ]"),
    # console.log({a:{b:{c:{d:{e:1}}}}}, [[[[[1]]]]])
    ("depth", lambda r: [obj(a=obj(b=obj(c=obj(d=obj(e=1))))), arr(arr(arr(arr(arr(1)))))],
     "{ a: { b: { c: [Object] } } } [ [ [ [Array] ] ] ]"),
    # const circ = {name: 'c'}; circ.self = circ; circ.arr = [circ]; console.log(circ)
    ("circular", lambda r: [_circ()],
     "<ref *1> { name: 'c', self: [Circular *1], arr: [ [Circular *1] ] }"),
    # const c2 = {}; const c3 = {c2}; c2.c3 = c3; console.log([c2, c3])
    ("two cycles", lambda r: [_circ2()],
     "[\n  <ref *1> { c3: { c2: [Circular *1] } },\n  <ref *2> { c2: <ref *1> { c3: [Circular *2] } }\n]"),
    # console.log(Object.create(null), Object.create(Object.create(null)))
    ("null proto", lambda r: [nat("Object.create", None, NULL),
                              nat("Object.create", None, nat("Object.create", None, NULL))],
     "[Object: null prototype] {} Object <[Object: null prototype] {}> {}"),
    # console.log({ __proto__: null, a: 1 })
    ("null proto keys", lambda r: [obj(proto=None, a=1)], "[Object: null prototype] { a: 1 }"),
    # console.log({ [Symbol.toStringTag]: 'Tagged', a: 1 }, Object.defineProperty({}, Symbol.toStringTag, {value: 'T2'}))
    ("toStringTag", lambda r: [obj((SYM_TO_STRING_TAG, "Tagged"), a=1),
                               _define(obj(), SYM_TO_STRING_TAG, value="T2")],
     "{ a: 1, [Symbol(Symbol.toStringTag)]: 'Tagged' } Object [T2] {}"),
    # console.log(Object.defineProperty({}, 'hidden', {value: 1, enumerable: false}))
    ("non-enumerable", lambda r: [_define(obj(), "hidden", value=1)], "{}"),
    # console.log({get a(){return 1}, set b(v){}, get c(){return 1}, set c(v){}})
    ("accessors", lambda r: [_accessors(r)], "{ a: [Getter], b: [Setter], c: [Getter/Setter] }"),
    # console.log([new Boolean(true), new Number(-0), Object(Symbol('q'))])
    ("boxed", lambda r: [arr(new("Boolean", True), nat("Object", None, -0.0),
                             nat("Object", None, JSSymbol("q")))],
     "[ [Boolean: true], [Number: -0], [Symbol: Symbol(q)] ]"),
    # console.log(Error, TypeError, [Error])
    ("error ctors", lambda r: [r.intr["Error"], r.intr["TypeError"], arr(r.intr["Error"])],
     "[Function: Error] { stackTraceLimit: 10 } [Function: TypeError] "
     "[ [Function: Error] { stackTraceLimit: 10 } ]"),
    # const e = new Error("x"); delete e.stack; console.log(e, [e])
    ("error without stack", lambda r: [_err("Error", "x", None)] * 1 + [arr(_err("Error", "x", None))],
     "[Error: x] [ [Error: x] ]"),
    # const e2 = new TypeError("bad"); e2.stack = "TypeError: bad"; console.log(e2, {e2})
    ("error no frames", lambda r: [_err("TypeError", "bad", "TypeError: bad"),
                                   obj(e2=_err("TypeError", "bad", "TypeError: bad"))],
     "[TypeError: bad] { e2: [TypeError: bad] }"),
    # e3.stack = "Error: m\n    at foo (x.js:1:1)"; console.log(e3)
    ("error frames", lambda r: [_err("Error", "m", "Error: m\n    at foo (x.js:1:1)")],
     "Error: m\n    at foo (x.js:1:1)"),
    # console.log({e3, a: 1})
    ("nested error", lambda r: [obj(e3=_err("Error", "m", "Error: m\n    at foo (x.js:1:1)"), a=1)],
     "{\n  e3: Error: m\n      at foo (x.js:1:1),\n  a: 1\n}"),
    # e4.extra = 5; console.log(e4)
    ("error extra keys", lambda r: [_err("Error", "m", "Error: m\n    at foo (x.js:1:1)", extra=5.0)],
     "Error: m\n    at foo (x.js:1:1) {\n  extra: 5\n}"),
    # const e8 = new Error(""); e8.stack = "Error\n    at foo"; console.log(e8)
    ("error empty message", lambda r: [_err("Error", "", "Error\n    at foo")], "Error\n    at foo"),
    # const e9 = new RangeError("r"); e9.name = "Custom"; e9.stack = "RangeError: r\n    at foo"; console.log(e9)
    ("error renamed", lambda r: [_err("RangeError", "r", "RangeError: r\n    at foo", name="Custom")],
     "RangeError: r\n    at foo {\n  name: 'Custom'\n}"),
    # console.log(Object.create(Error.prototype))
    ("error-like", lambda r: [nat("Object.create", None, r.intr["ErrorPrototype"])], "[Error]"),
    # console.log(Reflect, Math.max)-ish: a native function and a tagged namespace
    ("Reflect", lambda r: [r.intr["Reflect"], r.intr["parseInt"]],
     "Object [Reflect] {} [Function: parseInt]"),
    # console.log(Object.keys, Function.prototype)
    ("functions", lambda r: [r.intr["Object"].get("keys", None), r.function_prototype],
     "[Function: keys] [Function (anonymous)]"),
]


@pytest.mark.parametrize("name,make,expected", CASES, ids=[c[0] for c in CASES])
def test_console_log_like_node(realm: Any, name: str, make: Any, expected: str) -> None:
    assert log(*make(realm)) == expected


@pytest.mark.parametrize("s,expected", [
    ("abc", "'abc'"), ("it's", "\"it's\""), ("'\"", "`'\"`"), ("'\"`", "'\\'\"`'"),
    ("'\"${", "'\\'\"${'"), ("\\", "'\\\\'"), ("\t\r\n\b\f\v\0", "'\\t\\r\\n\\b\\f\\x0B\\x00'"),
    ("\x9f\xa0", "'\\x9F\xa0'"), ("\udc00x", "'\\udc00x'"),
])
def test_str_escape(s: str, expected: str) -> None:
    assert str_escape(s) == expected


@pytest.mark.parametrize("args,expected", [
    (["%s|%s", "a", 1.0], "a|1"),
    (["%d+%i", "42.5", "42.5"], "42.5+42"),
    (["%f", "3.5abc"], "3.5"),
    (["%c%s", "color: red", "x"], "x"),
    (["100%%", 1.0], "100% 1"),
    (["%s"], "%s"),
    (["%s %s", "only"], "only %s"),
    (["%x", 1.0], "%x 1"),
    (["a", "b", 3.0], "a b 3"),
    ([1.0, "%s", "x"], "1 %s x"),
    (["%o", 1.0], "1"),
    (["%O", "s"], "'s'"),
    (["%d", JSSymbol("x")], "NaN"),
    (["%i", -0.0], "0"),
    ([], ""),
    ([None, NULL, True], "undefined null true"),
])
def test_format_specifiers(realm: Any, args: list, expected: str) -> None:
    assert log(*args) == expected


def test_format_s_object(realm: Any) -> None:
    # console.log("%s", {a: {b: 1}}) -> { a: [Object] } (depth 0); arrays likewise
    assert log("%s", obj(a=obj(b=1))) == "{ a: [Object] }"
    assert log("%s", arr(1, arr(2))) == "[ 1, [Array] ]"
    assert log("%s", _err("Error", "m", "Error: m")) == "[Error: m]"


def test_inspect_quotes_top_level_strings(realm: Any) -> None:
    assert inspect("a") == "'a'"
    assert inspect(obj(a=1), depth=0) == "{ a: 1 }"
    assert inspect(obj(a=obj(b=1)), depth=0) == "{ a: [Object] }"
    assert inspect(obj(a=obj(b=obj(c=obj(d=1)))), depth=None) == \
        "{\n  a: { b: { c: { d: 1 } } }\n}"


def test_error_headline(realm: Any) -> None:
    assert error_headline(_err("TypeError", "x is not a function")) == "TypeError: x is not a function"
    e = _err("Error", "boom")
    e.set("name", "MyError", e)  # the stack header is computed on first read (V8)
    assert error_headline(e) == "MyError: boom"
    assert error_headline(1.0) == "Uncaught 1"
    assert error_headline("abc") == "Uncaught 'abc'"
    assert error_headline(obj(a=1)) == "Uncaught { a: 1 }"


def test_string_width() -> None:
    assert get_string_width("abc") == 3
    assert get_string_width("日本") == 4
    assert get_string_width("e\u0301") == 1
    assert get_string_width("\ud83d\ude00") == 2
