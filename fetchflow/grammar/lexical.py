"""Lexical grammar helpers (ES2023 chapter 12): the values of tokens.

Strings are returned as Python ``str`` in JS's UTF-16 view: astral code
points are split into surrogate pairs, so ``len()`` equals the JS ``length``.
"""
from __future__ import annotations

import math
import re
from typing import Any, Optional, Tuple

_ASTRAL = re.compile('[\U00010000-\U0010ffff]')
_ESCAPE = re.compile(r'\\(u\{[0-9a-fA-F]*\}?|u[0-9a-fA-F]{0,4}|x[0-9a-fA-F]{0,2}|[0-7]{1,3}|\r\n|[\s\S])')
_SIMPLE = {'n': '\n', 't': '\t', 'r': '\r', 'b': '\b', 'f': '\f', 'v': '\v',
           '\n': '', '\r': '', '\r\n': '', '\u2028': '', '\u2029': ''}
LINE_TERMINATORS = '\n\r\u2028\u2029'


class LexicalError(Exception):
    """A malformed token; ``offset`` is relative to the token body."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def _split_astral(m: 're.Match[str]') -> str:
    cp = ord(m.group()) - 0x10000
    return chr(0xD800 + (cp >> 10)) + chr(0xDC00 + (cp & 0x3FF))


def to_utf16(s: str) -> str:
    """Split astral characters into surrogate pairs (JS string semantics)."""
    if s.isascii():
        return s
    return _ASTRAL.sub(_split_astral, s)


def code_point_to_utf16(cp: int) -> str:
    if cp > 0xFFFF:
        cp -= 0x10000
        return chr(0xD800 + (cp >> 10)) + chr(0xDC00 + (cp & 0x3FF))
    return chr(cp)


def _unicode_escape(esc: str) -> Optional[int]:
    """Value of the text after a backslash starting with 'u', or None if malformed."""
    if len(esc) > 1 and esc[1] == '{':
        if not esc.endswith('}') or len(esc) < 4:
            return None
        cp = int(esc[2:-1], 16)
        return cp if cp <= 0x10FFFF else None
    if len(esc) != 5:
        return None
    return int(esc[1:], 16)


def _code_point_too_big(esc: str) -> bool:
    """`\\u{110000}`: well formed, but past U+10FFFF (V8 words this one apart)."""
    return len(esc) > 3 and esc[1] == '{' and esc.endswith('}') and int(esc[2:-1], 16) > 0x10FFFF


def decode_string(body: str, template: bool = False) -> Tuple[Optional[str], Any]:
    """ES2023 12.9.4.2 SV / 12.9.6.1 TV of a string or template body.

    Returns ``(value, legacy)``: ``legacy`` is False, ``'octal'`` for a
    LegacyOctalEscapeSequence or ``'8or9'`` for a NonOctalDecimalEscapeSequence
    (ES2021; both are errors in strict code).  Malformed escapes raise
    LexicalError (for templates the caller may turn that into ``cooked = None``).
    """
    if '\\' not in body:
        return to_utf16(body), False
    legacy: Any = False
    out = []
    pos = 0
    for m in _ESCAPE.finditer(body):
        out.append(body[pos:m.start()])
        pos = m.end()
        esc = m.group(1)
        c = esc[0]
        if c in _SIMPLE:
            out.append(_SIMPLE[esc] if esc in _SIMPLE else _SIMPLE[c])
        elif c == 'u':
            cp = _unicode_escape(esc)
            if cp is None:
                raise LexicalError('Undefined Unicode code-point' if _code_point_too_big(esc)
                                   else 'Invalid Unicode escape sequence', m.start())
            out.append(code_point_to_utf16(cp))
        elif c == 'x':
            if len(esc) != 3:
                raise LexicalError('Invalid hexadecimal escape sequence', m.start())
            out.append(chr(int(esc[1:], 16)))
        elif c in '01234567':
            if esc == '0' and not (pos < len(body) and body[pos] in '89'):
                out.append('\0')
                continue
            if template:
                raise LexicalError('Octal escape sequences are not allowed in template strings.', m.start())
            # Annex B.1.2 LegacyOctalEscapeSequence: at most \377
            digits = esc if int(esc, 8) <= 0o377 else esc[:2]
            pos = m.start() + 1 + len(digits)
            out.append(chr(int(digits, 8)))
            legacy = 'octal'
        elif c in '89':
            if template:
                raise LexicalError('\\8 and \\9 are not allowed in template strings.', m.start())
            out.append(c)     # ES2021 NonOctalDecimalEscapeSequence
            if not legacy:
                legacy = '8or9'
        else:
            out.append(esc)
    out.append(body[pos:])
    return to_utf16(''.join(out)), legacy


def cook_template(raw_body: str, tagged: bool) -> Tuple[Optional[str], str]:
    """Return ``(cooked, raw)`` for a template chunk (11.8.6.1 TV and TRV).

    CR and CRLF are normalised to LF in both.  An invalid escape gives
    ``cooked = None`` for tagged templates and raises LexicalError otherwise.
    """
    if '\r' in raw_body:
        raw_body = raw_body.replace('\r\n', '\n').replace('\r', '\n')
    raw = to_utf16(raw_body)
    try:
        cooked, _ = decode_string(raw_body, template=True)
    except LexicalError:
        if tagged:
            return None, raw
        raise
    return cooked, raw


# ID_Start characters that Python's XID_Start leaves out (Other_ID_Start)
_OTHER_ID_START = frozenset('\u1885\u1886\u2118\u212e\u309b\u309c')


def is_id_start(ch: str) -> bool:
    """11.6 UnicodeIDStart, plus `$` and `_`."""
    return ch.isidentifier() or ch == '$' or ch in _OTHER_ID_START


def is_id_part(ch: str) -> bool:
    """11.6 UnicodeIDContinue, plus `$`, ZWNJ and ZWJ."""
    return ('a' + ch).isidentifier() or ch in '$\u200c\u200d' or ch in _OTHER_ID_START


def check_identifier(name: str) -> bool:
    """Exact check for a name the (over-approximating) lexer accepted."""
    if not name:
        return False
    if not is_id_start(name[0]):
        return False
    for ch in name[1:]:
        if not is_id_part(ch):
            return False
    return True


def decode_identifier(text: str) -> str:
    """ES2017 11.6.1.2 StringValue of an IdentifierName (with ``\\u`` escapes).

    Also the exact ID_Start/ID_Continue check for non-ASCII names, which
    the lexer's IDENTIFIER pattern over-approximates.
    """
    if '\\' not in text:
        if not text.isascii() and not check_identifier(text):
            raise LexicalError('Invalid or unexpected token', 0)
        return to_utf16(text)
    out = []
    pos = 0
    for m in re.finditer(r'\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4})', text):
        out.append(text[pos:m.start()])
        cp = _unicode_escape(m.group(1))
        if cp is None:
            raise LexicalError('Invalid Unicode escape sequence', m.start())
        ch = chr(cp)
        if not (is_id_start(ch) if m.start() == 0 else is_id_part(ch)):
            raise LexicalError('Invalid Unicode escape sequence', m.start())
        out.append(ch)
        pos = m.end()
    out.append(text[pos:])
    name = ''.join(out)
    if not name.isascii() and not check_identifier(name):
        raise LexicalError('Invalid or unexpected token', 0)
    return to_utf16(name)


def int_to_number(n: int) -> float:
    """An exact integer MV rounded to the nearest double (ties to even, as ES2017 11.8.3.1
    asks); Infinity past the largest double, where Python's ``float(n)`` raises."""
    try:
        return float(n)
    except OverflowError:
        return math.inf if n > 0 else -math.inf


_SEPARATOR_AT_END = 'Numeric separators are not allowed at the end of numeric literals'


def check_numeric_literal(raw: str) -> None:
    """ES2021 12.9.3 NumericLiteralSeparator and ES2020 BigInt suffix rules on a NUMBER
    token (which es2017.lark over-approximates); LexicalError with V8's message
    and the offset of the offending character."""
    body = raw[:-1] if raw[-1] == 'n' else raw
    bigint = body is not raw
    if '_' in body:
        hexa = body[:2] in ('0x', '0X')
        digits = '0123456789abcdefABCDEF' if hexa else '0123456789'
        if body[0] == '0' and body[1].isdigit():     # legacy octal / `08`: no separators
            raise LexicalError('Invalid or unexpected token', 0)
        for i, ch in enumerate(body):
            if ch != '_':
                continue
            nxt = body[i + 1] if i + 1 < len(body) else ''
            if nxt == '_':
                raise LexicalError('Only one underscore is allowed as numeric separator', i + 1)
            if i == 1 and body[0] == '0':
                raise LexicalError('Numeric separator can not be used after leading 0.', i)
            if body[i - 1] not in digits:      # `1._5`, `1e_5`, `0x_1`
                raise LexicalError('Invalid or unexpected token', i)
            if nxt == '' or nxt not in digits:     # `1_`, `1_.5`, `1_e5`
                raise LexicalError(_SEPARATOR_AT_END, i)
    if bigint:
        # ES2020 12.9.3: no fraction, exponent or legacy octal before `n`
        if body[0] == '0' and len(body) > 1 and body[1] not in 'xXoObB':
            raise LexicalError('Invalid or unexpected token', 0)
        if body[:2] not in ('0x', '0X') and ('.' in body or 'e' in body or 'E' in body):
            raise LexicalError('Invalid or unexpected token', 0)


def bigint_value(raw: str) -> int:
    """ES2023 12.9.3.2 the MV of a BigInt literal (``raw`` ends in `n`, already checked)."""
    body = raw[:-1].replace('_', '')
    if len(body) > 1 and body[0] == '0' and body[1] in 'xXoObB':
        return int(body[2:], {'x': 16, 'o': 8, 'b': 2}[body[1].lower()])
    return _decimal_int(body)


def bigint_text(n: int) -> str:
    """str(n) for a non-negative int of any size (the ESTree ``bigint`` field), in halves past
    Python's 4,300-digit conversion limit."""
    if n < _TEN_4000:
        return str(n)
    k = (len(bin(n)) * 3 // 10) // 2     # about half the decimal digits
    hi, lo = divmod(n, 10 ** k)
    return bigint_text(hi) + bigint_text(lo).zfill(k)


_TEN_4000 = 10 ** 4000


def _decimal_int(digits: str) -> int:
    """int(digits) in halves: Python refuses one conversion of more than 4,300 decimal digits
    (a process-wide setting we leave alone); powers of two bases are not limited."""
    if len(digits) <= 4000:
        return int(digits)
    k = len(digits) // 2
    return _decimal_int(digits[:-k]) * 10 ** k + _decimal_int(digits[-k:])


def number_value(raw: str) -> Tuple[float, bool]:
    """ES2023 12.9.3.1 MV of a NumericLiteral; returns ``(value, legacy)``.

    ``legacy`` is True for Annex B LegacyOctalIntegerLiteral (``017``) and
    NonOctalDecimalIntegerLiteral (``08``), both errors in strict code.
    Numeric separators must have been checked (``check_numeric_literal``).
    """
    if '_' in raw:
        raw = raw.replace('_', '')
    if len(raw) > 1 and raw[0] == '0':
        c = raw[1]
        if c in 'xX':
            return int_to_number(int(raw[2:], 16)), False
        if c in 'oO':
            return int_to_number(int(raw[2:], 8)), False
        if c in 'bB':
            return int_to_number(int(raw[2:], 2)), False
        if c.isdigit():
            if raw.isdigit() and '8' not in raw and '9' not in raw:
                return int_to_number(int(raw, 8)), True
            return float(raw), True
    if raw.isdigit() and len(raw) < 16:
        return float(int(raw)), False
    return float(raw), False
