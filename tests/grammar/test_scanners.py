"""The lexer groups' scanners (grammar/scanners.py): a group answered by the root scanner
lexes exactly as its own compiled alternation does."""
from __future__ import annotations

from typing import Iterator

import pytest

from fetchflow.errors import JSSyntaxError
from fetchflow.grammar import parser, scanners
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
    'label: { break label } a?.b?.[c]?.(d) ?? e; f ||= g; h **= 2',
    'var \\u0061b = "\\u{1F600}", ℮ = 1; ℮++',
    'a = b\n(c)\n[d]\n`e`',
]
BAD = ['a = 1 @ 2', 'for (x of) {}', 'class { }', '"unterminated', 'a ==> b', 'x = `${']


def _parse_all(budget: int, root: bool) -> Iterator[str]:
    saved_budget, saved_check, saved_engine = (scanners.RootView.BUDGET, parser.is_root_subsequence,
                                               parser._engine)
    scanners.RootView.BUDGET = budget
    if not root:
        parser.is_root_subsequence = lambda alts, root_alts: False
    try:
        for src in SOURCES + BAD:
            parser._engine = None     # a fresh engine: every group starts from scratch
            try:
                yield repr(parser.parse(src).to_dict(loc=True))
            except JSSyntaxError as e:
                yield f'{e.line}:{e.column} {e.message}'
    finally:
        scanners.RootView.BUDGET, parser.is_root_subsequence, parser._engine = (
            saved_budget, saved_check, saved_engine)


@pytest.mark.parametrize('budget', [3, 10 ** 9])
def test_root_answered_groups_lex_as_their_own_scanners(budget: int) -> None:
    assert list(_parse_all(budget, root=True)) == list(_parse_all(budget, root=False))


def test_only_groups_with_the_roots_alternatives_use_the_root() -> None:
    tables = load()
    root = {name: (i, text, flags)
            for i, (name, text, flags) in enumerate(scanners.alternatives(tables.root_group[0]))}
    refused = []
    for sources, _keywords in tables.groups:
        alts = scanners.alternatives(sources)
        assert ''.join(text for _, text, _ in alts) == ''.join(src for src, _ in sources).replace(
            '|(?P<', '(?P<'), 'alternatives() must cover the whole source'
        if not scanners.is_root_subsequence(alts, root):
            refused.append(sorted(name for name, _, _ in alts if name not in root))
    # the groups that spell keywords out (states that accept no identifier) keep their own
    assert refused and all(names for names in refused)
    assert len(refused) < len(tables.groups) // 4


def test_a_group_compiles_its_own_scanner_for_a_terminal_the_root_answers_otherwise() -> None:
    engine = parser._Engine()
    engine.lock.acquire()
    try:
        saved = parser._engine
        parser._engine = engine
        parser.parse('a = /x/')   # IDENTIFIER, EQUAL, REGEX: all from the root, one group each
        assert any(sc.__class__ is scanners.RootView for sc in engine.scanners.values())
        parser.parse('for (k in o) ;')      # `in` where no identifier is accepted: own scanner
        assert any(sc.__class__ is scanners.Scanner for sc in engine.scanners.values())
    finally:
        parser._engine = saved
        engine.lock.release()
