"""Annex B.1.1 HTML-like comments in scripts: `<!--` starts a comment anywhere, `-->` only
first on its line (after whitespace or comments); compared with node."""
from __future__ import annotations

import pytest

from fetchflow import JSSyntaxError
from fetchflow.grammar.parser import parse
from tests.node_oracle import assert_same_as_node

PROGRAMS = [
    "var x = 1 <!-- the rest of the line is a comment\nconsole.log(x);",
    "  --> a comment at the start of the script\nconsole.log(2);",
    "var a = 3;\na\n--> a comment: `-->` begins its line\nconsole.log(a);",
    "var a = 3, b = 1;\nconsole.log(a-->b, a);   // mid-line: a-- > b",
    "/*\n*/ --> after a multi-line comment holding a line break\nconsole.log(4);",
    "<!-- x\nvar s = '<!--', t = `-->`, r = /<!--/.source;\nconsole.log(s, t, r);",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_html_comments_like_node(src: str) -> None:
    assert_same_as_node(src)


def test_close_comment_mid_line_is_no_comment() -> None:
    with pytest.raises(JSSyntaxError):
        parse("var x = 1; /* */ --> c")
