"""The text side of node 20's ``util.inspect`` (inspect_value.py walks the objects): the
inspect context, primitives and their escapes (formatPrimitive, strEscape), property keys,
prefixes, and how the pieces are laid out in lines (getStringWidth, groupArrayElements,
reduceToSingleString), ported function by function with node's names in snake_case."""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any, Optional

from .operations.number_format import number_to_string
from .operations.type_conversion import to_string
from .values import JSObject, JSSymbol

K_OBJECT_TYPE = 0
K_ARRAY_TYPE = 1
K_ARRAY_EXTRAS_TYPE = 2

K_MIN_LINE_LENGTH = 16

_KEY_STR_RE = re.compile(r"^[a-zA-Z_][a-zA-Z_0-9]*\Z")


_META = ([f"\\x{i:02X}" for i in range(32)] + [""] * (0x7F - 32) + ["\\x7F"]
         + [f"\\x{i:02X}" for i in range(0x80, 0xA0)])
_META[8], _META[9], _META[10], _META[12], _META[13] = "\\b", "\\t", "\\n", "\\f", "\\r"
_META[39] = "\\'"
_META[92] = "\\\\"


class Ctx:
    """node's inspect context (the subset of options this engine uses)."""
    __slots__ = ("seen", "circular", "indentation_lvl", "current_depth", "depth", "break_length",
                 "compact", "max_array_length", "max_string_length", "show_hidden", "show_proxy")

    def __init__(self, depth: Optional[float] = 2, show_hidden: bool = False,
                 break_length: int = 80, compact: int = 3, show_proxy: bool = False) -> None:
        self.seen: list = []
        self.circular: Optional[dict] = None  # id(obj) -> reference number
        self.indentation_lvl = 0
        self.current_depth = 0
        self.depth = math.inf if depth is None else depth
        self.break_length = break_length
        self.compact = compact
        self.max_array_length = 100
        self.max_string_length = 10000
        self.show_hidden = show_hidden
        self.show_proxy = show_proxy


def _get(o: JSObject, key: Any) -> Any:
    return o.get(key, o)


def _js_string(v: Any) -> str:
    """``String(v)`` without surprises for the display code."""
    if type(v) is JSSymbol:
        return symbol_to_string(v)
    return to_string(v)


def symbol_to_string(s: JSSymbol) -> str:
    return f"Symbol({s.description if s.description is not None else ''})"


def get_prefix(constructor: Optional[str], tag: str, fallback: str, size: str = "") -> str:
    """node's getPrefix."""
    if constructor is None:
        if tag != "" and fallback != tag:
            return f"[{fallback}{size}: null prototype] [{tag}] "
        return f"[{fallback}{size}: null prototype] "
    if tag != "" and constructor != tag:
        return f"{constructor}{size} [{tag}] "
    return f"{constructor}{size} "


def str_escape(s: str) -> str:
    """node's strEscape: quote and escape a string (s holds UTF-16 code units)."""
    single_quote = 39
    if "'" in s:
        if '"' not in s:
            single_quote = -1
        elif "`" not in s and "${" not in s:
            single_quote = -2
    out = []
    last = 0
    n = len(s)
    i = 0
    while i < n:
        point = ord(s[i])
        if point == single_quote or point == 92 or point < 32 or 126 < point < 160:
            out.append(s[last:i])
            out.append(_META[point])
            last = i + 1
        elif 0xD800 <= point <= 0xDFFF:
            if point <= 0xDBFF and i + 1 < n and 0xDC00 <= ord(s[i + 1]) <= 0xDFFF:
                i += 2
                continue
            out.append(s[last:i])
            out.append(f"\\u{point:x}")
            last = i + 1
        i += 1
    out.append(s[last:])
    r = "".join(out)
    if single_quote == -1:
        return f'"{r}"'
    if single_quote == -2:
        return f"`{r}`"
    return f"'{r}'"


def format_number(n: float) -> str:
    """node's formatNumber (no numeric separators)."""
    if n == 0 and math.copysign(1.0, n) < 0:
        return "-0"
    return number_to_string(n)


def format_primitive(value: Any, ctx: Ctx) -> str:
    """node's formatPrimitive."""
    t = type(value)
    if t is str:
        trailer = ""
        if len(value) > ctx.max_string_length:
            remaining = len(value) - ctx.max_string_length
            value = value[:ctx.max_string_length]
            trailer = f"... {remaining} more character{'s' if remaining > 1 else ''}"
        if len(value) > K_MIN_LINE_LENGTH and \
                len(value) > ctx.break_length - ctx.indentation_lvl - 4:
            parts = re.split(r"(?<=\n)", value)
            parts = [p for p in parts if p != ""] or [""]
            return (" +\n" + " " * (ctx.indentation_lvl + 2)).join(
                str_escape(p) for p in parts) + trailer
        return str_escape(value) + trailer
    if t is float:
        return format_number(value)
    if t is int:  # a BigInt
        return f"{to_string(value)}n"
    if t is bool:
        return "true" if value else "false"
    if value is None:
        return "undefined"
    if t is JSSymbol:
        return symbol_to_string(value)
    return str(value)


def _escape_key(s: str) -> str:
    """strEscapeSequencesReplacer applied with escapeFn (no quotes)."""
    out = []
    n = len(s)
    i = 0
    while i < n:
        c = s[i]
        p = ord(c)
        if p < 32 or p == 39 or p == 92 or 0x7F <= p <= 0x9F:
            out.append(_META[p])
        elif 0xD800 <= p <= 0xDBFF and i + 1 < n and 0xDC00 <= ord(s[i + 1]) <= 0xDFFF:
            out.append(s[i:i + 2])
            i += 1
        elif 0xD800 <= p <= 0xDFFF:
            out.append(f"\\u{p:x}")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _is_full_width(code: int) -> bool:
    return unicodedata.east_asian_width(chr(code)) in ("W", "F")


def get_string_width(s: str) -> int:
    """node's getStringWidth (ICU build), approximated with unicodedata."""
    width = 0
    for i, ch in enumerate(s):
        code = ord(ch)
        if code >= 127:
            rest = s[i:].encode("utf-16", "surrogatepass").decode("utf-16", "replace")
            rest = unicodedata.normalize("NFC", rest)
            for c in rest:
                cp = ord(c)
                if cp < 32 or 0x7F <= cp <= 0x9F or unicodedata.combining(c) or \
                        unicodedata.category(c) in ("Mn", "Me", "Cf"):
                    continue
                width += 2 if _is_full_width(cp) else 1
            break
        width += 1 if code >= 32 else 0
    return width


def group_array_elements(ctx: Ctx, output: list, value: Any) -> list:
    """node's groupArrayElements: lay out many short array entries in columns."""
    total_length = 0
    max_length = 0
    output_length = len(output)
    if ctx.max_array_length < len(output):
        output_length -= 1  # the "... more items" entry
    separator_space = 2
    data_len = []
    for i in range(output_length):
        ln = get_string_width(output[i])
        data_len.append(ln)
        total_length += ln + separator_space
        if max_length < ln:
            max_length = ln
    actual_max = max_length + separator_space
    if actual_max * 3 + ctx.indentation_lvl < ctx.break_length and \
            (total_length / actual_max > 5 or max_length <= 6):
        approx_char_heights = 2.5
        average_bias = math.sqrt(actual_max - total_length / len(output))
        biased_max = max(actual_max - 3 - average_bias, 1)
        columns = min(
            _js_round(math.sqrt(approx_char_heights * biased_max * output_length) / biased_max),
            (ctx.break_length - ctx.indentation_lvl) // actual_max,
            ctx.compact * 4,
            15,
        )
        if columns <= 1:
            return output
        tmp = []
        max_line_length = []
        for i in range(columns):
            line_length = 0
            for j in range(i, len(output), columns):
                if j < output_length and data_len[j] > line_length:
                    line_length = data_len[j]
            max_line_length.append(line_length + separator_space)
        pad_start = True
        if value is not None:
            for i in range(len(output)):
                if type(_get(value, str(i))) is not float:
                    pad_start = False
                    break
        for i in range(0, output_length, columns):
            max_i = min(i + columns, output_length)
            parts = []
            j = i
            while j < max_i - 1:
                padding = max_line_length[j - i] + len(output[j]) - data_len[j]
                cell = f"{output[j]}, "
                parts.append(cell.rjust(padding) if pad_start else cell.ljust(padding))
                j += 1
            if pad_start:
                padding = max_line_length[j - i] + len(output[j]) - data_len[j] - separator_space
                parts.append(output[j].rjust(padding))
            else:
                parts.append(output[j])
            tmp.append("".join(parts))
        if ctx.max_array_length < len(output):
            tmp.append(output[output_length])
        output = tmp
    return output


def _js_round(x: float) -> int:
    """Math.round: halves go up."""
    return int(math.floor(x + 0.5))


def is_below_break_length(ctx: Ctx, output: list, start: int, base: str) -> bool:
    """node's isBelowBreakLength."""
    total_length = len(output) + start
    if total_length + len(output) > ctx.break_length:
        return False
    for entry in output:
        total_length += len(entry)
        if total_length > ctx.break_length:
            return False
    return base == "" or "\n" not in base


def reduce_to_single_string(ctx: Ctx, output: list, base: str, braces: list, extras_type: int,
                            recurse_times: int, value: Any = None) -> str:
    """node's reduceToSingleString (compact mode 3)."""
    entries = len(output)
    if extras_type == K_ARRAY_EXTRAS_TYPE and entries > 6:
        output = group_array_elements(ctx, output, value)
    if ctx.current_depth - recurse_times < ctx.compact and entries == len(output):
        start = len(output) + ctx.indentation_lvl + len(braces[0]) + len(base) + 10
        if is_below_break_length(ctx, output, start, base):
            joined = ", ".join(output)
            if "\n" not in joined:
                return f"{base + ' ' if base else ''}{braces[0]} {joined} {braces[1]}"
    indentation = "\n" + " " * ctx.indentation_lvl
    return (f"{base + ' ' if base else ''}{braces[0]}{indentation}  "
            f"{(',' + indentation + '  ').join(output)}{indentation}{braces[1]}")
