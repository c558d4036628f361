"""Run one script with one in-process engine: ``python bench/drivers.py ENGINE FILE``.

The benchmark runner (``bench/run.py``) starts every measured run as a child process; the
engines that have no command line of their own (Js2Py, micro-javascript, fetchflow before its
``run`` subcommand exists) are started through this file so that each run pays the same
start-up the engine would pay in real use: import, parse, execute, print.

Exit status 0 on success; on an uncaught error the console output produced so far is
printed, then one ``ERROR: ...`` line goes to stderr and the status is 1.
"""
from __future__ import annotations

import sys
from typing import Callable, Dict


def _fail(message: str) -> int:
    sys.stdout.flush()
    first = message.strip().splitlines()[0] if message.strip() else '(no message)'
    print(f'ERROR: {first}', file=sys.stderr)
    return 1


def run_fetchflow(source: str) -> int:
    """fetchflow through its embedding API; console lines are collected, printed at the end."""
    from tests.engine import run
    from fetchflow.interp.values import JSThrow
    try:
        result = run(source)
    except JSThrow as e:
        lines = getattr(e, 'console', None) or []
        if lines:
            print('\n'.join(lines))
        value = e.value
        try:
            text = f"{value.get('name', value)}: {value.get('message', value)}"
        except Exception:   # a thrown primitive, or an object without get
            text = repr(value)
        return _fail(f'uncaught JS exception {text}')
    if result.console:
        print('\n'.join(result.console))
    return 0


def run_js2py(source: str) -> int:
    """Js2Py (ES5). Its host console.log prints repr() of each argument (``'fib 1'`` with
    quotes), so the driver swaps in a log that prints ToString of each argument, as node does."""
    import js2py
    from js2py.base import Js
    from js2py.host import console as host_console

    @Js
    def log() -> None:
        print(' '.join(a.to_string().value for a in arguments.to_list()))  # type: ignore[name-defined] # noqa: F821

    host_console.console.put('log', log)
    try:
        js2py.eval_js(source)
    except Exception as e:  # Js2Py raises JsException and assorted Python errors
        return _fail(f'{type(e).__name__}: {e}')
    return 0


def run_microjs(source: str) -> int:
    """micro-javascript: ``microjs.Context().eval(source)``; its console.log prints directly."""
    from microjs import Context
    try:
        Context().eval(source)
    except Exception as e:
        return _fail(f'{type(e).__name__}: {e}')
    return 0


DRIVERS: Dict[str, Callable[[str], int]] = {
    'fetchflow': run_fetchflow,
    'js2py': run_js2py,
    'microjs': run_microjs,
}


def main(argv: list) -> int:
    if len(argv) != 2 or argv[0] not in DRIVERS:
        print(f'usage: drivers.py {{{",".join(DRIVERS)}}} FILE.js', file=sys.stderr)
        return 2
    with open(argv[1], encoding='utf-8') as f:
        source = f.read()
    return DRIVERS[argv[0]](source)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
