"""Number to string conversions (ES2017 7.1.12.1 NumberToString and Number.prototype formats)."""
from __future__ import annotations

import math

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def number_to_string(x: float, radix: int = 10) -> str:
    """ES2017 7.1.12.1 NumberToString (radix 10), plus radix output for toString(radix)."""
    if x != x:
        return "NaN"
    if x == 0:
        return "0"
    if x == math.inf:
        return "Infinity"
    if x == -math.inf:
        return "-Infinity"
    if radix != 10:
        return _to_radix(x, radix)
    if x < 0:
        return "-" + number_to_string(-x)
    if x.is_integer() and x < 1e21:
        return str(int(x))
    r = repr(x)
    # split repr into digits and exponent: shortest round-trip digits s, exponent n (spec k, n)
    if "e" in r:
        mant, exp = r.split("e")
        e = int(exp)
    else:
        mant, e = r, 0
    if "." in mant:
        ip, fp = mant.split(".")
    else:
        ip, fp = mant, ""
    if fp == "0":
        fp = ""
    digits = (ip + fp).lstrip("0")
    lead_zeros = len(ip + fp) - len((ip + fp).lstrip("0"))
    n = len(ip) + e - lead_zeros
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    sign = "+" if n - 1 >= 0 else "-"
    if k == 1:
        return f"{digits}e{sign}{abs(n - 1)}"
    return f"{digits[0]}.{digits[1:]}e{sign}{abs(n - 1)}"


def _to_radix(x: float, radix: int) -> str:
    neg = x < 0
    x = abs(x)
    ip = int(x)
    fp = x - ip
    out = []
    if ip == 0:
        out.append("0")
    while ip > 0:
        ip, d = divmod(ip, radix)
        out.append(_DIGITS[d])
    s = "".join(reversed(out))
    if fp > 0:
        # emit fraction digits until the value is uniquely identified (as V8 does, approx.)
        frac = []
        delta = max(0.5 * (math.ulp(x)), 1e-300)
        while fp >= delta and len(frac) < 1100:
            fp *= radix
            delta *= radix
            d = int(fp)
            fp -= d
            if fp > 0.5 or (fp == 0.5 and d & 1):
                if fp + delta > 1:
                    # round up and stop
                    d += 1
                    while d == radix and frac:
                        d = _DIGITS.index(frac.pop()) + 1
                    frac.append(_DIGITS[min(d, radix - 1)])
                    break
            frac.append(_DIGITS[d])
            if fp < delta:
                break
        s += "." + "".join(frac).rstrip("0") if "".join(frac).rstrip("0") else ""
    return ("-" if neg else "") + s
