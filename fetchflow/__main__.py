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
    fetcher = None
    if args.responses is not None:
        from .host.canned import CannedFetcher, CannedResponsesError
        try:
            fetcher = CannedFetcher.from_file(args.responses)
        except OSError as e:
            print(f'fetchflow: cannot read {args.responses}: {e.strerror}', file=sys.stderr)
            return 2
        except CannedResponsesError as e:
            print(f'fetchflow: {e}', file=sys.stderr)
            return 2
    try:
        fetchflow.run(source, fetcher)
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
    p = sub.add_parser('run', help='run a script; fetch() performs real HTTP requests '
                                   '(or answers from --responses)')
    p.add_argument('file')
    p.add_argument('--responses', metavar='RESPONSES.json',
                   help='answer fetches from this JSON list of canned responses instead of the '
                        'network (see fetchflow/host/canned.py for the format)')
    p.set_defaults(func=_cmd_run)


# -- pause by pause: exec / resume / inspect ---------------------------------------------------
# Each command prints the script's console output as it runs (unless --quiet), then one JSON
# object on the last line of stdout: {"type": "paused", "requests": [...], "state": PATH,
# "console": [...]} or {"type": "completed", "result": ..., "console": [...]}.
# Exit codes: 0 done or paused, 1 the script threw (or a limit stopped it), 2 bad input.

class _CliError(Exception):
    """Bad input from the command line: printed as ``fetchflow: <message>``, exit 2."""


def _read_key(path: Optional[str]) -> Optional[bytes]:
    if path is None:
        return None
    from .state import read_key_file
    try:
        return read_key_file(path)
    except ValueError as e:
        raise _CliError(str(e)) from None


def _load_state(path: str, key: Optional[bytes]) -> 'object':
    import fetchflow
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        raise _CliError(f'cannot read state file {path}: {e.strerror}') from None
    try:
        return fetchflow.VMState.from_bytes(data, key)
    except fetchflow.StateError as e:
        raise _CliError(f'bad state file {path}: {e}') from None


def _write_state(path: str, data: bytes) -> None:
    import os
    tmp = f'{path}.tmp{os.getpid()}'
    try:
        with open(tmp, 'wb') as f:
            f.write(data)
        os.replace(tmp, path)   # a reader never sees half a state
    except OSError as e:
        raise _CliError(f'cannot write state file {path}: {e.strerror}') from None


def _read_responses(path: str) -> list:
    from .api import FetchResponse
    try:
        if path == '-':
            raw = json.load(sys.stdin)
        else:
            with open(path, encoding='utf-8') as f:
                raw = json.load(f)
    except OSError as e:
        raise _CliError(f'cannot read {path}: {e.strerror}') from None
    except ValueError as e:
        raise _CliError(f'{path} is not JSON: {e}') from None
    items = raw if isinstance(raw, list) else [raw]
    out = []
    fields = ('id', 'success', 'status', 'status_text', 'data', 'error', 'headers')
    for i, r in enumerate(items):
        if not isinstance(r, dict) or not isinstance(r.get('id'), str):
            raise _CliError(f'{path}: response {i} must be an object with a string "id"')
        unknown = set(r) - set(fields) - {'timestamp'}
        if unknown:
            raise _CliError(f'{path}: response {r["id"]} has unknown fields {sorted(unknown)}')
        if r.get('headers') is not None and not isinstance(r['headers'], dict):
            raise _CliError(f'{path}: response {r["id"]}: "headers" must be an object')
        out.append(FetchResponse(r['id'], bool(r.get('success', True)), int(r.get('status', 200)),
                                 str(r.get('status_text') or ''), r.get('data'), r.get('error'),
                                 r.get('headers'), r.get('timestamp')))
    return out


def _report_result(r: 'object', state_out: str) -> None:
    """Write the state (when paused) and print the status line."""
    out: dict
    if r.type == 'paused':
        _write_state(state_out, r.state.to_bytes())
        reqs = [{'id': q.id, 'method': q.method, 'url': q.url, 'headers': q.headers, 'body': q.body}
                for q in r.fetch_requests]
        out = {'type': 'paused', 'requests': reqs, 'state': state_out, 'console': r.console}
    else:
        out = {'type': 'completed', 'result': r.result, 'console': r.console}
    sys.stdout.write(json.dumps(out, ensure_ascii=False, default=str) + '\n')


def _run_step(step: Callable[[], 'object'], state_out: str, file: str = '') -> int:
    """Run one exec/resume step and map every failure to a message and an exit code."""
    import fetchflow
    from .errors import JSSyntaxError
    try:
        _report_result(step(), state_out)
    except _CliError as e:
        print(f'fetchflow: {e}', file=sys.stderr)
        return 2
    except fetchflow.UnknownRequestError as e:
        print(f'fetchflow: {e}', file=sys.stderr)
        return 2
    except JSSyntaxError as e:
        print(f'{file}:{e.line}:{e.column}', file=sys.stderr)
        print(str(e), file=sys.stderr)
        return 1
    except fetchflow.JSError as e:
        print(f'Uncaught {e.name}: {e.message}' if e.name != 'Uncaught' else f'Uncaught {e.message}',
              file=sys.stderr)
        for ln in e.stack.split('\n')[1:]:
            if ln.strip():
                print(ln, file=sys.stderr)
        return 1
    except fetchflow.LimitExceeded as e:
        print(f'fetchflow: {e}', file=sys.stderr)
        return 1
    return 0


def _cmd_exec(args: argparse.Namespace) -> int:
    import fetchflow
    try:
        key = _read_key(args.key_file)
        with open(args.file, encoding='utf-8') as f:
            source = f.read()
    except _CliError as e:
        print(f'fetchflow: {e}', file=sys.stderr)
        return 2
    except OSError as e:
        print(f'fetchflow: cannot read {args.file}: {e.strerror}', file=sys.stderr)
        return 2
    return _run_step(lambda: fetchflow.execute_code(source, quiet=args.quiet, key=key),
                     args.state_out, args.file)


def _cmd_resume(args: argparse.Namespace) -> int:
    import fetchflow

    def step() -> 'object':
        key = _read_key(args.key_file)
        st = _load_state(args.state, key)
        responses = _read_responses(args.responses)
        return fetchflow.resume_execution(st, responses, quiet=args.quiet, key=key)
    return _run_step(step, args.state_out, '<resumed>')


def _cmd_inspect(args: argparse.Namespace) -> int:
    try:
        st = _load_state(args.state, _read_key(args.key_file))
    except _CliError as e:
        print(f'fetchflow: {e}', file=sys.stderr)
        return 2
    report = st.inspect()
    sys.stdout.write((report.to_json() if args.json else str(report)) + '\n')
    return 0


def _setup_steps(sub: 'argparse._SubParsersAction') -> None:
    p = sub.add_parser('exec', help='run a script until it completes or pauses at fetch()')
    p.add_argument('file')
    p.add_argument('--state-out', required=True, metavar='S', help='where to write the paused state')
    p.add_argument('--quiet', action='store_true', help='do not echo console output')
    p.add_argument('--key-file', metavar='K', help='sign the state with the key in this file')
    p.set_defaults(func=_cmd_exec)
    p = sub.add_parser('resume', help='answer pending fetches and run until the next pause')
    p.add_argument('state', help='a state file written by exec or resume')
    p.add_argument('responses', metavar='RESPONSE.json',
                   help='one response object or a list ("-" reads stdin)')
    p.add_argument('--state-out', required=True, metavar='S2', help='where to write the next state')
    p.add_argument('--quiet', action='store_true', help='do not echo console output')
    p.add_argument('--key-file', metavar='K', help='the key the state is signed with')
    p.set_defaults(func=_cmd_resume)
    p = sub.add_parser('inspect', help='describe a paused state without resuming it')
    p.add_argument('state')
    p.add_argument('--json', action='store_true', help='print the report as JSON')
    p.add_argument('--key-file', metavar='K', help='the key the state is signed with')
    p.set_defaults(func=_cmd_inspect)


#: subcommand setup functions; add yours here
COMMANDS: List[Callable[['argparse._SubParsersAction'], None]] = [_setup_parse, _setup_run]
COMMANDS.append(_setup_steps)
from .durable.cli import setup as _setup_durable  # noqa: E402  (start, worker, runs)
COMMANDS.append(_setup_durable)


def build_arg_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog='fetchflow')
    sub = parser.add_subparsers(dest='command', required=True)
    for setup in COMMANDS:
        setup(sub)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = build_arg_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        # the reader went away (`... | head`): stop quietly, as Unix tools do
        import os
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == '__main__':
    sys.exit(main())
