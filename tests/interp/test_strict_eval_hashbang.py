"""Strict eval code may start with a hashbang comment too (ES2023 12.5; compiler.py parses
strict eval code behind a "use strict" directive, so the hashbang is kept as a comment)."""
from __future__ import annotations

from tests.node_oracle import assert_same_as_node


def test_like_node() -> None:
    assert_same_as_node("'use strict';\nconsole.log(eval('#!\\n'), eval('#!\\n1'), eval('#!2\\n'), eval('#! x\\n[2]'));\n"
                        "console.log((() => { 'use strict'; try { return eval(' #!\\n') } catch (e) { return e.name } })());")
