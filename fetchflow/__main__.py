"""Command line: ``python -m fetchflow <command> ...`` (``--help`` lists the commands).

Subcommands register themselves in ``COMMANDS`` via ``add_parser``-style setup functions.
Every failure a user can cause ends in a one-line message (``fetchflow: ...``) or the
script's own error and stack, and one of the exit codes in ``EXIT_CODES`` - never in a
Python traceback.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from typing import Any, Callable, Dict, List, Optional
import fetchflow
from .errors import JSSyntaxError
from .host.policy import PolicyPatternError
from .grammar.parser import parse
from .limits import Limits
from .host.policy import FetchPolicy
from .host.canned import CannedFetcher, CannedResponsesError
from .state import read_key_file
from .api import FetchResponse
from . import __version__

EXIT_OK, EXIT_SCRIPT, EXIT_BAD_INPUT, EXIT_UNSETTLED, EXIT_INTERRUPTED = 0, 1, 2, 13, 130
EXIT_CODES = """\
exit status:
  0    the script completed (exec and resume: or paused at fetch())
  1    the script threw an uncaught exception, has a syntax error, or a limit stopped it
  2    bad input: command-line usage, an unreadable or malformed script, state, key,
       responses or option value
  13   the script ended waiting on a top-level await that can never settle (as node)
  130  interrupted (Ctrl-C)"""

RESPONSES_HELP = """\
A canned-responses file is a JSON list of entries, tried in order; the first entry whose
method and url match (and that is not used up) answers the fetch:
  [{"method": "GET", "url": "https://api.example.com/users/*", "status": 200,
    "headers": {"x-a": "1"}, "body": {"name": "Ada"}},
   {"url": "https://api.example.com/flaky", "status": 503, "body": "busy", "times": 2},
   {"url": "https://offline.example.com/*", "error": "getaddrinfo ENOTFOUND"}]
url (required; each * matches any run of characters), method (default GET), status
(default 200), status_text, headers, body (a string is the text, anything else is sent
as JSON), error (the fetch rejects with TypeError(error)), times (answer N times, then
fall through to the next match; without it an entry answers forever).  A fetch nothing
matches rejects with "no canned response for METHOD URL"."""


class _CliError(Exception):
    """Bad input from the command line: printed as ``fetchflow: <message>``, exit 2."""


def _read_source(path: str) -> str:
    """The script at ``path`` (``-``: standard input)."""
    try:
        if path == '-':
            return sys.stdin.read()
        with open(path, encoding='utf-8') as f:
            return f.read()
    except OSError as e:
        raise _CliError(f'cannot read {path}: {e.strerror}') from None
    except UnicodeDecodeError as e:
        raise _CliError(f'cannot read {path}: not UTF-8 text ({e.reason} at byte {e.start})') from None


def _script_name(path: str) -> str:
    return '[stdin]' if path == '-' else path


def _print_syntax_error(file: str, e: Any) -> None:
    """``file:line:column: SyntaxError: message``, then the source line and a caret: the
    place once, the message once."""
    print(f'{file}:{e.line}:{e.column}: SyntaxError: {e.message}', file=sys.stderr)
    src = e.source_line or ''
    if src:
        lo = max(0, e.column - 100) if len(src) > 200 else 0
        print(src[lo:lo + 200], file=sys.stderr)
        print(' ' * max(0, e.column - 1 - lo) + '^', file=sys.stderr)


def _print_uncaught(file: str, e: Any) -> None:
    """``Uncaught Name: message``, then the JS stack (its positions name the script's file:
    the CLI runs it with ``filename``)."""
    print(f'Uncaught {e.name}: {e.message}' if e.name != 'Uncaught' else f'Uncaught {e.message}',
          file=sys.stderr)
    for ln in e.stack.split('\n')[1:]:
        if ln.strip():
            print(ln, file=sys.stderr)


def _report_failure(e: BaseException, file: str) -> int:
    """The message and exit code for an exception a run, exec or resume step raised, or
    raise it again when it is not the user's doing (a bug deserves its traceback)."""
    if isinstance(e, _CliError):
        print(f'fetchflow: {e}', file=sys.stderr)
        return EXIT_BAD_INPUT
    if isinstance(e, JSSyntaxError):
        _print_syntax_error(file, e)
        return EXIT_SCRIPT
    if isinstance(e, fetchflow.JSError):
        _print_uncaught(file, e)
        return EXIT_SCRIPT
    if isinstance(e, fetchflow.LimitExceeded):
        print(f'fetchflow: {e}', file=sys.stderr)
        return EXIT_SCRIPT
    if isinstance(e, (fetchflow.ResponseError, fetchflow.StateError, PolicyPatternError)):
        print(f'fetchflow: {e}', file=sys.stderr)
        return EXIT_BAD_INPUT
    raise e


def _unsettled(r: Any, file: str) -> int:
    """Exit 13 with node's warning when the result says a top-level await never settled."""
    if getattr(r, 'unsettled', False):
        print(f'Warning: Detected unsettled top-level await at {file}', file=sys.stderr)
        return EXIT_UNSETTLED
    return EXIT_OK


def _cmd_parse(args: argparse.Namespace) -> int:
    try:
        source = _read_source(args.file)
    except _CliError as e:
        print(f'fetchflow: {e}', file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        program = parse(source)
    except JSSyntaxError as e:
        _print_syntax_error(_script_name(args.file), e)
        return EXIT_SCRIPT
    tree = program.to_dict(loc=args.loc, range=args.range)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 100000))   # json.dumps recurses over deep trees
    try:
        sys.stdout.write(json.dumps(tree, indent=2))
    finally:
        sys.setrecursionlimit(old)
    sys.stdout.write('\n')
    return EXIT_OK


def _setup_parse(sub: 'argparse._SubParsersAction') -> None:
    p = _subparser(sub, 'parse', 'print the ESTree JSON of a script')
    p.add_argument('file', help='the script ("-" reads standard input)')
    p.add_argument('--loc', action='store_true', help='include loc (line/column)')
    p.add_argument('--range', action='store_true', help='include range (offsets)')
    p.set_defaults(func=_cmd_parse)


# -- options shared by run, exec and resume --------------------------------------------------

_SIZE = re.compile(r'(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\Z', re.I)


def _size(text: str) -> int:
    """``--max-heap`` values: bytes, or with a K/M/G/T suffix (powers of 1024)."""
    m = _SIZE.match(text.strip())
    if m is None or float(m.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f'{text!r} is not a size (e.g. 512M, 2G, 1000000)')
    return int(float(m.group(1)) * 1024 ** ' kmgt'.index((m.group(2) or ' ').lower()))


def _seconds(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        v = -1.0
    if not 0 < v < 1e9:
        raise argparse.ArgumentTypeError(f'{text!r} is not a positive number of seconds')
    return v


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f'{text!r} is not a whole number >= 1')
    return int(text)


def _add_limit_options(p: argparse.ArgumentParser, whole_run: bool) -> None:
    p.add_argument('--quiet', action='store_true', help="do not echo the script's console output")
    p.add_argument('--max-time', type=_seconds, metavar='SECONDS',
                   help='stop the script after this much wall time '
                        + ('over the whole run, waits for responses and timers included'
                           if whole_run else 'in this step') + ' (exit 1)')
    p.add_argument('--max-heap', type=_size, metavar='SIZE',
                   help='stop the script when it grows the process by more than SIZE '
                        '(bytes, or 512M, 2G; default 1G) (exit 1)')


def _limits(args: argparse.Namespace, whole_run: bool) -> Any:
    """The Limits of the options (``run`` enforces --max-time itself, as wall time over
    the whole run, waits for responses included)."""
    max_time = None if whole_run else args.max_time
    if max_time is None and args.max_heap is None:
        return None
    lim = Limits()
    if max_time is not None:
        lim.max_time = max_time
    if args.max_heap is not None:
        lim.max_heap_bytes = args.max_heap
    return lim


def _policy(args: argparse.Namespace) -> Any:
    if not args.allow and not args.deny:
        return None
    try:
        return FetchPolicy(allow=args.allow or None, deny=args.deny or ())
    except PolicyPatternError as e:
        raise _CliError(f'bad policy pattern: {e}') from None


def _add_policy_options(p: argparse.ArgumentParser) -> None:
    p.add_argument('--allow', action='append', metavar='PATTERN',
                   help='only fetch URLs matching one of these patterns (repeatable; e.g. '
                        '"https://**.example.com/api/**"; IP and localhost hosts must be named); '
                        'checked on every redirect hop')
    p.add_argument('--deny', action='append', metavar='PATTERN',
                   help='never fetch URLs matching this pattern (repeatable)')


# -- run --------------------------------------------------------------------------------------

def _cmd_run(args: argparse.Namespace) -> int:
    file = _script_name(args.file)
    try:
        source = _read_source(args.file)
        fetcher = None
        if args.responses is not None:
            try:
                fetcher = CannedFetcher.from_file(args.responses)
            except OSError as e:
                raise _CliError(f'cannot read {args.responses}: {e.strerror}') from None
            except CannedResponsesError as e:
                raise _CliError(str(e)) from None
        options: Dict[str, Any] = {'quiet': args.quiet, 'filename': file}
        limits, policy = _limits(args, True), _policy(args)
        if limits is not None:
            options['limits'] = limits
        if policy is not None:
            options['policy'] = policy
        r = fetchflow.run(source, fetcher, timeout=args.timeout, max_concurrency=args.max_concurrency,
                          max_run_time=args.max_time, **options)
    except Exception as e:  # noqa: BLE001 - _report_failure re-raises what is not the user's
        return _report_failure(e, file)
    return _unsettled(r, file)


def _subparser(sub: 'argparse._SubParsersAction', name: str, help: str,
               epilog: Optional[str] = None) -> argparse.ArgumentParser:
    import textwrap
    return sub.add_parser(name, help=help, description=textwrap.fill(help[0].upper() + help[1:] + '.', 79),
                          epilog=EXIT_CODES if epilog is None else epilog + '\n\n' + EXIT_CODES,
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def _setup_run(sub: 'argparse._SubParsersAction') -> None:
    p = _subparser(sub, 'run', 'run a script to its end; fetch() performs real HTTP requests, '
                               'as node\'s fetch does (or answers from --responses)',
                   RESPONSES_HELP)
    p.add_argument('file', help='the script ("-" reads standard input)')
    p.add_argument('--responses', metavar='RESPONSES.json',
                   help='answer fetches from this JSON list of canned responses instead of the '
                        'network (format below)')
    p.add_argument('--timeout', type=_seconds, metavar='SECONDS',
                   help='give up on a request after this long, redirects and body included '
                        '(default 30); the fetch rejects with TypeError: fetch failed')
    p.add_argument('--max-concurrency', type=_positive_int, metavar='N',
                   help='requests of one batch (Promise.all of fetches) in flight at once '
                        '(default 16)')
    _add_policy_options(p)
    _add_limit_options(p, whole_run=True)
    p.set_defaults(func=_cmd_run)


# -- pause by pause: exec / resume / inspect ---------------------------------------------------
# Each command prints the script's console output as it runs (unless --quiet), then one JSON
# object on the last line of stdout: {"type": "paused", "requests": [...], "state": PATH,
# "console": [...]} or {"type": "completed", "result": ..., "console": [...]}.
# Exit codes: EXIT_CODES.

def _read_key(path: Optional[str]) -> Optional[bytes]:
    if path is None:
        return None
    try:
        return read_key_file(path)
    except ValueError as e:
        raise _CliError(str(e)) from None


def _load_state(path: str, key: Optional[bytes]) -> 'object':
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
    """The responses of a ``resume``: one JSON object or a list, each checked field by
    field so a bad value is a one-line message (exit 2), not a traceback."""
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
    name = 'stdin' if path == '-' else path
    out = []
    fields = ('id', 'success', 'status', 'status_text', 'data', 'error', 'headers', 'timestamp')
    for i, r in enumerate(items):
        if not isinstance(r, dict) or not isinstance(r.get('id'), str):
            raise _CliError(f'{name}: response {i} must be an object with a string "id"')
        where = f'{name}: response {r["id"]}'
        unknown = set(r) - set(fields)
        if unknown:
            raise _CliError(f'{where} has unknown fields {sorted(unknown)} (known: {", ".join(fields)})')
        success = r.get('success', True)
        if not isinstance(success, bool):
            raise _CliError(f'{where}: "success" must be true or false, not {json.dumps(success)}')
        status = r.get('status', 200 if success else 0)
        if isinstance(status, bool) or not isinstance(status, int) or \
                (success and not 100 <= status <= 599):
            raise _CliError(f'{where}: "status" must be an integer in 100..599, not {json.dumps(status)}')
        for name in ('status_text', 'error'):
            if r.get(name) is not None and not isinstance(r[name], str):
                raise _CliError(f'{where}: "{name}" must be a string')
        headers = r.get('headers')
        if headers is not None and (not isinstance(headers, dict)
                                    or not all(isinstance(v, str) for v in headers.values())):
            raise _CliError(f'{where}: "headers" must be an object of strings')
        ts = r.get('timestamp')
        if ts is not None and (isinstance(ts, bool) or not isinstance(ts, (int, float))):
            raise _CliError(f'{where}: "timestamp" must be a number of seconds')
        out.append(FetchResponse(r['id'], success, status, r.get('status_text') or '',
                                 r.get('data'), r.get('error'), headers, ts))
    return out


def _report_result(r: Any, state_out: str) -> None:
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


def _run_step(step: Callable[[], Any], state_out: str, file: str = '') -> int:
    """Run one exec/resume step and map every failure to a message and an exit code."""
    try:
        r = step()
        _report_result(r, state_out)
    except Exception as e:  # noqa: BLE001 - _report_failure re-raises what is not the user's
        return _report_failure(e, file)
    return _unsettled(r, file) if r.type == 'completed' else EXIT_OK


def _cmd_exec(args: argparse.Namespace) -> int:
    file = _script_name(args.file)

    def step() -> Any:
        key = _read_key(args.key_file)
        source = _read_source(args.file)
        options: Dict[str, Any] = {'quiet': args.quiet, 'key': key, 'filename': file}
        limits, policy = _limits(args, False), _policy(args)
        if limits is not None:
            options['limits'] = limits
        if policy is not None:
            options['policy'] = policy
        return fetchflow.execute_code(source, **options)
    return _run_step(step, args.state_out, file)


def _cmd_resume(args: argparse.Namespace) -> int:

    def step() -> Any:
        key = _read_key(args.key_file)
        st = _load_state(args.state, key)
        responses = _read_responses(args.responses)
        return fetchflow.resume_execution(st, responses, quiet=args.quiet, key=key,
                                          limits=_limits(args, False))
    return _run_step(step, args.state_out, '')   # positions are in a script of unknown name


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
    p = _subparser(sub, 'exec', 'run a script until it completes or pauses at fetch()')
    p.add_argument('file', help='the script ("-" reads standard input)')
    p.add_argument('--state-out', required=True, metavar='S', help='where to write the paused state')
    p.add_argument('--key-file', metavar='K', help='sign the state with the key in this file')
    _add_policy_options(p)
    _add_limit_options(p, whole_run=False)
    p.set_defaults(func=_cmd_exec)
    p = _subparser(sub, 'resume', 'answer pending fetches and run until the next pause',
                   'RESPONSE.json is one object or a list of them, with FetchResponse\'s fields:\n'
                   '  {"id": "req_1", "success": true, "status": 200, "status_text": "OK",\n'
                   '   "headers": {"content-type": "application/json"}, "data": {"n": 1}}\n'
                   'id (required: a pending request\'s id), success (default true; false is a\n'
                   'network error: the fetch rejects with TypeError(error)), status (100..599,\n'
                   'default 200), status_text, headers (an object of strings), data (a string\n'
                   'is the body, anything else is sent as JSON), error, timestamp (seconds).')
    p.add_argument('state', help='a state file written by exec or resume')
    p.add_argument('responses', metavar='RESPONSE.json',
                   help='one response object or a list ("-" reads stdin; format below)')
    p.add_argument('--state-out', required=True, metavar='S2', help='where to write the next state')
    p.add_argument('--key-file', metavar='K', help='the key the state is signed with')
    _add_limit_options(p, whole_run=False)
    p.set_defaults(func=_cmd_resume)
    p = _subparser(sub, 'inspect', 'describe a paused state without resuming it')
    p.add_argument('state')
    p.add_argument('--json', action='store_true', help='print the report as JSON')
    p.add_argument('--key-file', metavar='K', help='the key the state is signed with')
    p.set_defaults(func=_cmd_inspect)


#: subcommand setup functions; add yours here
COMMANDS: List[Callable[['argparse._SubParsersAction'], None]] = [_setup_parse, _setup_run]
COMMANDS.append(_setup_steps)
from .durable.cli import setup as _setup_durable  # noqa: E402  (start, worker, runs)
COMMANDS.append(_setup_durable)


class _Unbuilt:
    """What a setup function gets for a subcommand ``build_arg_parser`` does not build: it
    takes every parser call (add_argument, set_defaults, add_subparsers, ...) and keeps
    nothing."""

    def __getattr__(self, name: str) -> Callable[..., '_Unbuilt']:
        return lambda *args, **kwargs: self


class _OneCommand:
    """The subparsers action as the setup functions see it when only ``name`` is built."""

    def __init__(self, sub: 'argparse._SubParsersAction', name: str) -> None:
        self.sub, self.name = sub, name

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        return self.sub.add_parser(name, **kwargs) if name == self.name else _Unbuilt()


def build_arg_parser(command: Optional[str] = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, the parser of that subcommand only (the
    others cost milliseconds of every start to build, through argparse's gettext lookups).
    A parser built for one command parses that command's argument lists exactly as the
    whole parser does; ``main`` falls back to the whole parser for anything else."""
    parser = argparse.ArgumentParser(
        prog='fetchflow', formatter_class=argparse.RawDescriptionHelpFormatter,
        description='A JavaScript interpreter whose fetch() calls can pause the script as bytes.',
        epilog=EXIT_CODES + "\n\n'fetchflow COMMAND --help' describes a command's options.")
    parser.add_argument('--version', action='version', version=f'fetchflow {__version__}')
    sub = parser.add_subparsers(dest='command', required=True, metavar='COMMAND')
    target: Any = sub if command is None else _OneCommand(sub, command)
    for setup in COMMANDS:
        setup(target)
    if command is not None and command not in sub.choices:
        return build_arg_parser()   # not a command: the whole parser says so, listing them
    return parser


def _parser_for(argv: Optional[List[str]]) -> argparse.ArgumentParser:
    """The parser ``main`` needs: only the named subcommand's when the first argument names
    one (anything else before it, such as ``-h`` or ``--version``, needs the whole parser)."""
    args = sys.argv[1:] if argv is None else argv
    if args and not args[0].startswith('-'):
        return build_arg_parser(args[0])
    return build_arg_parser()


class _CliLogFormat(logging.Formatter):
    """``fetchflow: warning: message``, as the CLI's own messages read."""

    def format(self, record: logging.LogRecord) -> str:
        return f"fetchflow: {record.levelname.lower()}: {record.getMessage()}"


def _log_to_stderr() -> None:
    """The library logs to the ``fetchflow`` logger; the command line shows its warnings."""
    logger = logging.getLogger("fetchflow")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_CliLogFormat())
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def main(argv: Optional[List[str]] = None) -> int:
    _log_to_stderr()
    try:
        args = _parser_for(argv).parse_args(argv)
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print('fetchflow: interrupted', file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (`... | head`): stop quietly, as Unix tools do
        import os
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == '__main__':
    code = main()
    if code == EXIT_INTERRUPTED:
        # fetches still in flight in worker threads would hold the exit until they time out
        import os
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
