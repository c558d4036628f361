"""Number formatting against node: NumberToString, radix output, toFixed/toExponential/toPrecision.

Each hypothesis example is a batch of doubles sent to one node process (passed as raw
IEEE bits so nothing is lost), then compared digit for digit.
"""
from __future__ import annotations

import json
import shutil
import struct
import subprocess

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from fetchflow.interp.operations.number_format import (number_to_string, to_exponential,
                                                        to_fixed, to_locale_string, to_precision)

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node not on PATH")

_PRELUDE = """
const inp = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = inp.map(([h, a]) => { const x = Buffer.from(h, 'hex').readDoubleBE(0);
  try { return String(F(x, a)); } catch (e) { return 'ERR ' + e.message; } });
process.stdout.write(JSON.stringify(out));
"""


def node_map(fn_src: str, items: list) -> list:
    """Apply JS function ``F(x, a)`` to each (double, arg) pair in one node run."""
    payload = json.dumps([[struct.pack(">d", x).hex(), a] for x, a in items])
    p = subprocess.run([NODE, "-e", f"const F = {fn_src};" + _PRELUDE], input=payload,
                       capture_output=True, text=True, timeout=60, check=True)
    return json.loads(p.stdout)


doubles = st.floats(allow_nan=True, allow_infinity=True)
# each example is a batch of hundreds of numbers checked by one node process: large inputs are meant
BATCHED = [HealthCheck.data_too_large, HealthCheck.too_slow]

# doubles near "interesting" magnitudes: exponent thresholds, integers, halves
nice = st.one_of(
    doubles,
    st.integers(-10**22, 10**22).map(float),
    st.builds(lambda m, e: m * 10.0 ** e, st.integers(-999999, 999999), st.integers(-30, 30)),
    st.builds(lambda m, e: m / 2.0 ** e, st.integers(-2**20, 2**20), st.integers(0, 60)),
)


@needs_node
@settings(max_examples=15, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=BATCHED)
@given(st.lists(nice, min_size=200, max_size=400))
def test_number_to_string_matches_node(xs: list) -> None:
    got = [number_to_string(x) for x in xs]
    assert got == node_map("(x) => String(x)", [(x, 0) for x in xs])


finite = nice.filter(lambda x: x == x and abs(x) != float("inf") and x != 0)


@needs_node
@settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=BATCHED)
@given(st.lists(st.tuples(finite, st.integers(2, 36)), min_size=100, max_size=200))
def test_radix_matches_node(items: list) -> None:
    got = [number_to_string(x, r) for x, r in items]
    assert got == node_map("(x, r) => x.toString(r)", items)


@needs_node
@settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=BATCHED)
@given(st.lists(st.tuples(nice, st.integers(0, 100)), min_size=100, max_size=200))
def test_to_fixed_matches_node(items: list) -> None:
    got = [to_fixed(x, f) for x, f in items]
    assert got == node_map("(x, f) => x.toFixed(f)", items)


def _py_exp(x: float, f: object) -> str:
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "-Infinity" if x < 0 else "Infinity"
    return to_exponential(x, f)  # type: ignore[arg-type]


@needs_node
@settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=BATCHED)
@given(st.lists(st.tuples(nice, st.one_of(st.none(), st.integers(0, 100))), min_size=100,
                max_size=200))
def test_to_exponential_matches_node(items: list) -> None:
    got = [_py_exp(x, f) for x, f in items]
    assert got == node_map("(x, f) => x.toExponential(f === null ? undefined : f)", items)


@needs_node
@settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=BATCHED)
@given(st.lists(st.tuples(finite, st.integers(1, 100)), min_size=100, max_size=200))
def test_to_precision_matches_node(items: list) -> None:
    got = [to_precision(x, p) for x, p in items]
    assert got == node_map("(x, p) => x.toPrecision(p)", items)


@needs_node
@settings(max_examples=5, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=BATCHED)
@given(st.lists(nice, min_size=100, max_size=200))
def test_to_locale_string_matches_node(xs: list) -> None:
    got = [to_locale_string(x) for x in xs]
    assert got == node_map("(x) => x.toLocaleString()", [(x, 0) for x in xs])


@pytest.mark.parametrize("x, expected", [
    (0.0, "0"), (-0.0, "0"), (1e21, "1e+21"), (1e-7, "1e-7"), (1e-6, "0.000001"),
    (123e-20, "1.23e-18"), (2.0 ** 53, "9007199254740992"), (-1.5, "-1.5"),
    (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    (float("nan"), "NaN"), (float("-inf"), "-Infinity"), (0.1 + 0.2, "0.30000000000000004"),
])
def test_number_to_string_table(x: float, expected: str) -> None:
    assert number_to_string(x) == expected


@pytest.mark.parametrize("x, radix, expected", [
    (0.5, 2, "0.1"), (255.0, 16, "ff"), (-3.75, 36, "-3.r"), (-255.0, 2, "-11111111"),
    (2.0 ** 60, 2, "1" + "0" * 60), (0.1, 3, "0.0022002200220022002200220022002201"),
])
def test_radix_table(x: float, radix: int, expected: str) -> None:
    assert number_to_string(x, radix) == expected


@pytest.mark.parametrize("call, expected", [
    (lambda: to_fixed(1.005, 2), "1.00"), (lambda: to_fixed(1e21, 2), "1e+21"),
    (lambda: to_fixed(-0.0001, 2), "-0.00"), (lambda: to_fixed(-0.0, 2), "0.00"),
    (lambda: to_fixed(0.5, 0), "1"), (lambda: to_fixed(2.5, 0), "3"),
    (lambda: to_exponential(1.25, 1), "1.3e+0"), (lambda: to_exponential(0.0, None), "0e+0"),
    (lambda: to_exponential(0.0, 2), "0.00e+0"), (lambda: to_exponential(123.456, None), "1.23456e+2"),
    (lambda: to_precision(123.456, 2), "1.2e+2"), (lambda: to_precision(1e-7, 3), "1.00e-7"),
    (lambda: to_precision(0.00001, 1), "0.00001"), (lambda: to_precision(99.99, 3), "100"),
    (lambda: to_precision(0.0, 3), "0.00"), (lambda: to_locale_string(1234.5), "1,234.5"),
    (lambda: to_locale_string(-0.0), "-0"), (lambda: to_locale_string(float("inf")), "\u221e"),
])
def test_formats_table(call: object, expected: str) -> None:
    assert call() == expected  # type: ignore[operator]
