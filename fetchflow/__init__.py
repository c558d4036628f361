"""fetchflow: a pure-Python JavaScript interpreter whose fetch() pauses the VM."""
from typing import TYPE_CHECKING, Any

import gc as _gc

# Importing the package makes some 200,000 long-lived objects and no garbage: the cyclic
# collector, started every 700 allocations, would only rescan them (20 ms of a command-line
# start).  It is off while the modules load; what they made then goes straight to the oldest
# generation (freeze, unfreeze: no scan), and the collector is back as it was found.
_gc_was_enabled = _gc.isenabled()
_gc.disable()
try:
    from .version import __version__
    from .api import (ExecutionResult, FetchRequest, FetchResponse, FetchVM, FetchflowError, JSError,
                      ResponseError, UnknownRequestError, VMState, execute_code, resume_execution,
                      to_python)
    from .errors import JSSyntaxError
    from .host.drivers import http_fetcher, run
    from .host.http_fetch import HTTPFetcher
    from .host.policy import FetchPolicy
    from .grammar.parser import parse
    from .limits import LimitExceeded, Limits
    from .state import StateError
finally:
    _gc.freeze()
    _gc.unfreeze()
    if _gc_was_enabled:
        _gc.enable()

if TYPE_CHECKING:
    from .host.async_drivers import arun

__all__ = ['parse', 'JSSyntaxError', 'execute_code', 'resume_execution', 'FetchVM', 'ExecutionResult',
           'VMState', 'FetchRequest', 'FetchResponse', 'JSError', 'FetchflowError', 'ResponseError',
           'UnknownRequestError',
           'StateError', 'Limits', 'LimitExceeded', 'to_python', 'run', 'arun', 'http_fetcher',
           'HTTPFetcher', 'FetchPolicy', 'evaluate', '__version__']


def evaluate(source: str) -> object:
    """Run a script that does not fetch and return its completion value as Python
    (undefined and null -> None, integral numbers -> int, arrays -> list, objects -> dict)."""
    r = execute_code(source, quiet=True)
    if r.type != "completed":
        raise FetchflowError("the script called fetch(): use fetchflow.run() or execute_code()")
    return r.result


def __getattr__(name: str) -> Any:
    """``arun`` on first use (PEP 562): it needs asyncio, which a plain ``import fetchflow``
    and the command line should not pay for."""
    if name == "arun":
        from .host.async_drivers import arun   # start-up cost: asyncio only for arun's callers
        globals()["arun"] = arun
        return arun
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
