"""fetchflow: a pure-Python ES2017 interpreter whose fetch() pauses the VM."""
from .api import (ExecutionResult, FetchRequest, FetchResponse, FetchVM, FetchflowError, JSError,
                  UnknownRequestError, VMState, execute_code, resume_execution, to_python)
from .errors import JSSyntaxError
from .grammar.parser import parse
from .limits import LimitExceeded, Limits
from .state import StateError

__all__ = ['parse', 'JSSyntaxError', 'execute_code', 'resume_execution', 'FetchVM', 'ExecutionResult',
           'VMState', 'FetchRequest', 'FetchResponse', 'JSError', 'FetchflowError', 'UnknownRequestError',
           'StateError', 'Limits', 'LimitExceeded', 'to_python']
