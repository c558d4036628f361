"""fetchflow: a pure-Python JavaScript interpreter whose fetch() pauses the VM."""
from .version import __version__
from .api import (ExecutionResult, FetchRequest, FetchResponse, FetchVM, FetchflowError, JSError,
                  ResponseError, UnknownRequestError, VMState, execute_code, resume_execution,
                  to_python)
from .errors import JSSyntaxError
from .host.drivers import arun, http_fetcher, run
from .host.http_fetch import HTTPFetcher
from .host.policy import FetchPolicy
from .grammar.parser import parse
from .limits import LimitExceeded, Limits
from .state import StateError

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
