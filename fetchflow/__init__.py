"""fetchflow: a pure-Python ES2017 interpreter whose fetch() pauses the VM."""
from .errors import JSSyntaxError
from .grammar.parser import parse

__all__ = ['parse', 'JSSyntaxError']
