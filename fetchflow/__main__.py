"""Command line: ``python -m fetchflow <command> ...``.

Subcommands register themselves in ``COMMANDS`` via ``add_parser``-style
setup functions, so others can add ``run`` etc. next to ``parse``.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Callable, Dict, List, Optional


def _cmd_parse(args: argparse.Namespace) -> int:
    from .errors import JSSyntaxError
    from .grammar.parser import parse
    with open(args.file, encoding='utf-8') as f:
        source = f.read()
    try:
        program = parse(source)
    except JSSyntaxError as e:
        print(f'{args.file}:{e.line}:{e.column}: {e}', file=sys.stderr)
        return 1
    tree = program.to_dict(loc=args.loc, range=args.range)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 100000))   # json.dumps recurses over deep trees
    try:
        sys.stdout.write(json.dumps(tree, indent=2))
    finally:
        sys.setrecursionlimit(old)
    sys.stdout.write('\n')
    return 0


def _setup_parse(sub: 'argparse._SubParsersAction') -> None:
    p = sub.add_parser('parse', help='print the ESTree JSON of a script')
    p.add_argument('file')
    p.add_argument('--loc', action='store_true', help='include loc (line/column)')
    p.add_argument('--range', action='store_true', help='include range (offsets)')
    p.set_defaults(func=_cmd_parse)


def _cmd_run(args: argparse.Namespace) -> int:
    import fetchflow
    from .errors import JSSyntaxError
    try:
        with open(args.file, encoding='utf-8') as f:
            source = f.read()
    except OSError as e:
        print(f'fetchflow: cannot read {args.file}: {e.strerror}', file=sys.stderr)
        return 2
    try:
        fetchflow.run(source)
    except JSSyntaxError as e:
        print(f'{args.file}:{e.line}:{e.column}', file=sys.stderr)
        print(str(e), file=sys.stderr)
        return 1
    except fetchflow.JSError as e:
        print(f'Uncaught {e.name}: {e.message}' if e.name != 'Uncaught' else f'Uncaught {e.message}',
              file=sys.stderr)
        stack_lines = [ln for ln in e.stack.split('\n')[1:] if ln.strip()]
        for ln in stack_lines:
            print(ln, file=sys.stderr)
        return 1
    except fetchflow.LimitExceeded as e:
        print(f'fetchflow: {e}', file=sys.stderr)
        return 1
    return 0


def _setup_run(sub: 'argparse._SubParsersAction') -> None:
    p = sub.add_parser('run', help='run a script; fetch() performs real HTTP requests')
    p.add_argument('file')
    p.set_defaults(func=_cmd_run)


#: subcommand setup functions; add yours here
COMMANDS: List[Callable[['argparse._SubParsersAction'], None]] = [_setup_parse, _setup_run]


def build_arg_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog='fetchflow')
    sub = parser.add_subparsers(dest='command', required=True)
    for setup in COMMANDS:
        setup(sub)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = build_arg_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == '__main__':
    sys.exit(main())
