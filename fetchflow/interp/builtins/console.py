"""The ``console`` object (WHATWG Console Standard, as node 20 prints it).

Each call formats its arguments like node's ``util.format`` (``inspect_value.format_args``)
and appends one entry (which may contain newlines) to ``CTX.machine.console_lines``.
Node writes ``warn``/``error``/``trace``/``assert`` to stderr: they go to the machine's
``stderr_lines`` when it has that list, else to ``console_lines`` too.  Without a machine
(unit tests of natives) output goes to the module-level ``FALLBACK_LINES``.
"""
from __future__ import annotations

from typing import Any

from ..helpers import arg
from ..inspect_format import format_args
from ..inspect_value import inspect
from ..natives import native
from ..operations.type_conversion import to_boolean, to_string
from ..runtime import CTX
from ..values import JSObject, JSSymbol
from .error import capture_frames

FALLBACK_LINES: list = []


def to_output_text(s: str) -> str:
    """UTF-16 code units to a Python string: pairs joined, lone surrogates as U+FFFD."""
    if s.isascii():
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _state(name: str, default: Any) -> Any:
    """Per-run console state (group indentation, counters) kept on the machine."""
    m = CTX.machine
    holder = m if m is not None else _FALLBACK_STATE
    st = getattr(holder, "console_state", None)
    if st is None:
        st = {}
        try:
            setattr(holder, "console_state", st)
        except AttributeError:  # a machine with __slots__: keep it module-level
            st = _FALLBACK_STATE.console_state
    if name not in st:
        st[name] = default
    return st[name]


class _FallbackState:
    console_state: dict = {}


_FALLBACK_STATE = _FallbackState()


def write(text: str, stderr: bool = False) -> None:
    """Append one console entry, indented by the current console.group level."""
    indent = _state("group_indent", [""])[0]
    if indent:
        text = indent + text.replace("\n", "\n" + indent)
    text = to_output_text(text)
    m = CTX.machine
    if m is None:
        FALLBACK_LINES.append(text)
        return
    lines = getattr(m, "stderr_lines", None) if stderr else None
    if lines is None:
        lines = m.console_lines
    lines.append(text)
    if getattr(m, "echo", False):  # the host asked for live output (execute_code without quiet)
        import sys
        print(text, file=sys.stderr if stderr else sys.stdout, flush=True)


@native("console.log", 0)
def console_log(this: Any, args: list) -> Any:
    write(format_args(args))
    return None


@native("console.info", 0)
def console_info(this: Any, args: list) -> Any:
    write(format_args(args))
    return None


@native("console.debug", 0)
def console_debug(this: Any, args: list) -> Any:
    write(format_args(args))
    return None


@native("console.warn", 0)
def console_warn(this: Any, args: list) -> Any:
    write(format_args(args), stderr=True)
    return None


@native("console.error", 0)
def console_error(this: Any, args: list) -> Any:
    write(format_args(args), stderr=True)
    return None


@native("console.trace", 0)
def console_trace(this: Any, args: list) -> Any:
    msg = format_args(args)
    write("Trace" + (": " + msg if msg else "") + capture_frames(), stderr=True)
    return None


@native("console.dir", 0)
def console_dir(this: Any, args: list) -> Any:
    write(inspect(arg(args, 0)))
    return None


@native("console.assert", 0)
def console_assert(this: Any, args: list) -> Any:
    if to_boolean(arg(args, 0)):
        return None
    rest = list(args[1:])
    if rest:
        first = rest[0]
        shown = f"Symbol({first.description or ''})" if type(first) is JSSymbol else to_string(first)
        rest[0] = "Assertion failed: " + shown
    else:
        rest = ["Assertion failed"]
    write(format_args(rest), stderr=True)
    return None


def _label(args: list) -> str:
    v = arg(args, 0)
    return "default" if v is None else to_string(v)


@native("console.count", 0)
def console_count(this: Any, args: list) -> Any:
    label = _label(args)
    counts = _state("counts", {})
    counts[label] = counts.get(label, 0) + 1
    write(f"{label}: {counts[label]}")
    return None


@native("console.countReset", 0)
def console_count_reset(this: Any, args: list) -> Any:
    label = _label(args)
    counts = _state("counts", {})
    if label in counts:
        counts[label] = 0
    else:
        write(f"Count for '{label}' does not exist", stderr=True)
    return None


@native("console.group", 0)
def console_group(this: Any, args: list) -> Any:
    if args:
        write(format_args(args))
    box = _state("group_indent", [""])
    box[0] += "  "
    return None


@native("console.groupEnd", 0)
def console_group_end(this: Any, args: list) -> Any:
    box = _state("group_indent", [""])
    box[0] = box[0][:-2]
    return None


_METHODS = ("log", "warn", "dir", "debug", "error", "info", "trace", "group", "groupEnd",
            "count", "countReset", "assert")


def setup(realm: Any) -> None:
    console = JSObject(realm.object_prototype)
    for name in _METHODS:
        realm.method(console, name, "console." + name)
    console.put_hidden("groupCollapsed", console.props["group"])
    realm.intr["console"] = console
    realm.global_object.put_hidden("console", console)
