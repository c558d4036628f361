"""The lexer groups' scanners (grammar/scanners.py): dispatching on the first character lexes
exactly as each group's own whole alternation does, and first_chars.py over-approximates."""
from __future__ import annotations

import re

import pytest

from fetchflow.grammar import parser, scanners
from fetchflow.grammar.first_chars import ANY, first_chars
from fetchflow.grammar.tables import load

SOURCES = [
    'console.log("hi")',
    'a = b / c / d; e = /re[/]x/g.test(f) ? `t${g}u${h}` : 1e3',
    'for (x in y) {} for (const [a, b] of c) {} for await (const v of w) {}',
    'if (a instanceof B && "k" in o) do x++; while (0)',
    'class A extends B { static #p = 1; get x() { return this.#p } static { } }',
    'try { f() } catch { g() } finally { h() }',
    'switch (x) { case 1: break; default: }',
    'let\nx = 1\nreturn_ = a\n++b\nvar y = async x => await x, z = function* () { yield* q }',
    'x = 1 <!-- comment\n--> also a comment\ny = 0x1F + 0o7 + 0b1 + 1_000n + .5e-3',
    'label: { break label } a?.b?.[c]?.(d) ?? e; f ||= g; h **= 2 >>>= 1 >>> 2 !== 3',
    'var \\u0061b = "\\u{1F600}", ℮ = 1; ℮++ /* \u2028 */ // x\u00a0\ufeff y',
    'a = b\n(c)\n[d]\n`e`',
    'a = 1 @ 2 # "unterminated \'x ... . .. ?.5 0.5.toString() 09.5 08 0_1 \x00 \u00e9t\u00e9',
]


def _whole(group: tuple) -> re.Pattern:
    """The group's alternation as Lark compiles it (the reference)."""
    (source, flags), = group[0]
    return re.compile(source, flags)


def test_every_group_lexes_as_its_whole_alternation() -> None:
    tables = load()
    compiled: dict = {}
    for group in [tables.root_group] + list(tables.groups):
        whole = _whole(group)
        sc = scanners.Scanner(group, tables.first_chars, compiled)
        for src in SOURCES:
            for pos in range(len(src) + 1):
                a, b = sc.match(src, pos), whole.match(src, pos)
                assert (a and (a.lastgroup, a.end())) == (b and (b.lastgroup, b.end())), (src, pos)


def test_the_small_alternations_are_shared_between_groups() -> None:
    tables = load()
    compiled: dict = {}
    for group in tables.groups:
        sc = scanners.Scanner(group, tables.first_chars, compiled)
        for ch in ';(a1/ ':
            sc[ch]
    assert len(compiled) < len(tables.groups)
    assert compiled[(('(?P<SEMICOLON>;)', re.UNICODE),)] is not None


def test_parses_agree_with_a_parser_using_the_whole_alternations(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse_all() -> list:
        parser._engine = None
        out = []
        for src in SOURCES:
            try:
                out.append(repr(parser.parse(src).to_dict(loc=True)))
            except Exception as e:  # noqa: BLE001 - the error is part of the answer
                out.append(f'{type(e).__name__}: {e}')
        return out

    saved = parser._engine
    try:
        fast = parse_all()
        # every terminal "may begin with anything": each character gets the whole alternation
        monkeypatch.setattr(parser, 'load_tables', lambda: _without_firsts(load()))
        slow = parse_all()
    finally:
        parser._engine = saved
    assert fast == slow


def _without_firsts(tables: object) -> object:
    tables.first_chars = {}      # type: ignore[attr-defined]
    return tables


@pytest.mark.parametrize('pattern, expected', [
    (';', (';', False)),
    ('a|b', ('ab', False)),
    ('x?y', ('xy', False)),
    ('(?:ab)*c', ('ac', False)),
    (r'(?=q)r', ('r', False)),               # lookahead consumes nothing: skipped
    (r'\d', ('0123456789', True)),
    ('[^a]', (ANY[0].replace('a', ''), True)),
    ('[\u00e9]', ('', True)),
    ('(?>0x|1)', ('01', False)),
])
def test_first_chars(pattern: str, expected: tuple) -> None:
    assert first_chars(pattern, re.UNICODE) == expected


@pytest.mark.parametrize('pattern, flags', [
    ('a*', 0),                  # can match the empty string: anywhere
    ('a', re.IGNORECASE),
    ('(?i:a)', 0),
    (r'\b*a', 0),
    (r'()\1a', 0),              # a back reference is not modelled
])
def test_first_chars_in_doubt(pattern: str, flags: int) -> None:
    assert first_chars(pattern, flags) == ANY
