"""Regenerate the shipped parser tables: ``python -m fetchflow.grammar.build_tables``.

``--check`` only reports whether the shipped file matches es2017.lark (exit status 1 if
not).  Lark numbers its states in set iteration order, so the build runs with a fixed
``PYTHONHASHSEED`` to make the file reproducible.
"""
from __future__ import annotations

import os
import subprocess
import sys
from .tables import is_fresh, write_shipped


def main(argv: list) -> int:
    if argv not in ([], ['--check']):
        print('usage: python -m fetchflow.grammar.build_tables [--check]', file=sys.stderr)
        return 2
    if argv == ['--check']:
        fresh = is_fresh()
        print('fresh' if fresh else 'stale: run python -m fetchflow.grammar.build_tables')
        return 0 if fresh else 1
    if os.environ.get('PYTHONHASHSEED') != '0':
        env = dict(os.environ, PYTHONHASHSEED='0')
        return subprocess.call([sys.executable, '-m', 'fetchflow.grammar.build_tables'], env=env)
    print(write_shipped())
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
