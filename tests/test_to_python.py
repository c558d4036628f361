"""fetchflow.to_python: JS values as Python values (the table in README "Using it")."""
from __future__ import annotations

import datetime

import fetchflow
from fetchflow.to_python import ErrorValue


def value(src: str) -> object:
    return fetchflow.evaluate(src)


def test_plain_values() -> None:
    assert value("[1, 1.5, 'a', true, null, undefined, -0]") == [1, 1.5, "a", True, None, None, 0]
    assert value("({a: 1, b: [2]})") == {"a": 1, "b": [2]}
    assert value("'\\ud83d\\ude00 \\ud800'") == "\U0001f600 \ufffd"


def test_maps_and_sets() -> None:
    assert value("new Map([[1, 'a'], ['b', {x: 1}]])") == {1: "a", "b": {"x": 1}}
    assert value("new Map([[{k: 1}, 'v']])") == [[{"k": 1}, "v"]]      # keys that a dict cannot hold
    assert value("new Map([[1, 'a'], ['1', 'b']])") == {1: "a", "1": "b"}
    assert value("new Set([3, 1, 3])") == {1, 3}
    assert value("new Set([[1], [2]])") == [[1], [2]]
    m = value("const m = new Map([[1, 1], [2, 2]]); m.delete(1); m")
    assert m == {2: 2}


def test_dates_regexps_boxed_primitives() -> None:
    assert value("new Date(Date.UTC(2020, 1, 29, 12, 30))") == \
        datetime.datetime(2020, 2, 29, 12, 30, tzinfo=datetime.timezone.utc)
    assert value("new Date(NaN)") is None
    assert value("/a+b/gi") == "/a+b/gi"
    assert value("[new Number(5), new String('s'), new Boolean(false)]") == [5, "s", False]


def test_errors_keep_name_message_stack_and_their_own_properties() -> None:
    e = value("const e = new TypeError('bad'); e.code = 7; e")
    assert isinstance(e, ErrorValue) and (e.name, e.message, e.props) == ("TypeError", "bad", {"code": 7})
    assert e.stack.startswith("TypeError: bad\n    at ") and str(e) == "TypeError: bad"


def test_getters_are_not_run() -> None:
    assert value("let n = 0; const o = {get x() { n++; return 1 }, y: 2}; [o, n]") == [{"x": None, "y": 2}, 0]
