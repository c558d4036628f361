"""ES2017 front end: grammar, AST classes and parser."""
from .parser import parse

__all__ = ['parse']
