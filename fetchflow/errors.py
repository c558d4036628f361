"""The errors fetchflow raises to its caller: syntax errors, uncaught JS errors, bad responses."""
from __future__ import annotations

import re
from typing import Any, Optional

_LINE_BREAK = re.compile('\r\n|[\n\r\u2028\u2029]')

__all__ = ['JSSyntaxError', 'FetchflowError', 'ResponseError', 'UnknownRequestError', 'JSError']


class FetchflowError(Exception):
    """The base class of every error fetchflow raises: JSSyntaxError, JSError,
    LimitExceeded, StateError, ResponseError (and UnknownRequestError)."""


class JSSyntaxError(SyntaxError, FetchflowError):
    """An ECMAScript early or syntax error (spec 16: reported before evaluation).

    ``line`` is 1-based, ``column`` is 1-based (as printed "line:column"),
    ``offset`` is the 0-based source offset when known.
    """

    def __init__(self, message: str, line: int = 1, column: int = 1,
                 source_line: str = '', offset: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.source_line = source_line
        self.offset_in_source = offset

    @classmethod
    def at(cls, message: str, source: str, offset: int) -> 'JSSyntaxError':
        """Build the error for a 0-based offset into ``source``."""
        offset = max(0, min(offset, len(source)))
        line = 1
        line_start = 0
        m: Optional[re.Match[str]]
        for m in _LINE_BREAK.finditer(source, 0, offset):
            line += 1
            line_start = m.end()
        m = _LINE_BREAK.search(source, line_start)
        end = m.start() if m else len(source)
        return cls(message, line, offset - line_start + 1, source[line_start:end], offset)

    def __str__(self) -> str:
        text = f'SyntaxError: {self.message} (line {self.line}:{self.column})'
        if self.source_line or self.column:
            src = self.source_line
            if len(src) > 200:
                lo = max(0, self.column - 100)
                src = src[lo:lo + 200]
                caret = self.column - lo
            else:
                caret = self.column
            text += '\n' + src + '\n' + ' ' * max(0, caret - 1) + '^'
        return text


class ResponseError(FetchflowError, ValueError):
    """A response given to resume cannot be delivered (wrong type or fields, unknown id)."""


class UnknownRequestError(ResponseError, KeyError):
    """A FetchResponse names a request id that is not pending in the state."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown request"


class JSError(FetchflowError):
    """An uncaught JavaScript exception: ``name``, ``message``, ``stack`` and the JS ``value``
    (converted to Python)."""

    def __init__(self, name: str, message: str, stack: str, value: Any = None,
                 console: Optional[list] = None) -> None:
        super().__init__(f"{name}: {message}" if message else name)
        self.name = name
        self.message = message
        self.stack = stack
        self.value = value
        self.console = console or []
