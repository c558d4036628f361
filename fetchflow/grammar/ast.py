"""ESTree AST node classes for ES2023 scripts.

One slotted class per ESTree node type, with field names exactly as ESTree /
esprima use them (https://github.com/estree/estree/blob/master/es2017.md), and
the ES2018-ES2022 additions as acorn 8 gives them (ChainExpression,
PrivateIdentifier, PropertyDefinition, StaticBlock, ``optional`` on member
and call expressions, ``await`` on for-of, ``bigint`` on BigInt literals).
The exceptions are the ``async`` flag of functions and the ``await`` flag of
for-of: Python keywords, so the attributes are ``isAsync`` (as in
esprima-python) and ``isAwait``, and ``to_dict()`` emits them as ``"async"``
and ``"await"``.  ``optional`` (member and call expressions) and ``await``
(for-of) are emitted only when true: esprima's ES2017 output has no such
fields, acorn's has them always.

A BigInt literal (``12n``) is a Literal whose ``value`` is the exact Python
``int`` and whose ``bigint`` is its decimal digits as a string (as acorn gives
it: ``0x1_0n`` has ``bigint == "16"``).  ``bigint`` is None on every other
Literal, so an evaluator tells a BigInt from a Number by ``bigint``, never by
the Python type of ``value``.

Every node carries:

* ``start``/``end``: source offsets (``range`` in esprima),
* ``line``/``column``/``end_line``/``end_column``: 1-based lines, 0-based
  columns (``loc`` in esprima), filled in after the parse,
* ``_id``: the node's pre-order index within its Program, so the interpreter
  can name a node as (program hash, index),
* ``_cache``: a free slot for the interpreter (None after parsing).

This file was generated from a compact table; keep it regular.
"""
from __future__ import annotations

from typing import Any, Dict, Iterator, List


class Node:
    """Base class of every ESTree node."""

    __slots__ = ('start', 'end', 'line', 'column', 'end_line', 'end_column', '_cache', '_id')
    type = 'Node'
    #: field names in ESTree order (what ``to_dict`` emits)
    _fields: tuple = ()
    #: fields that may hold a Node or a list of Nodes
    _children: tuple = ()

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    _cache: Any
    _id: int

    def iter_children(self) -> Iterator['Node']:
        """Yield the direct child nodes in source order (skipping None holes)."""
        for name in self._children:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, list):
                for item in value:
                    if item is not None:
                        yield item
            else:
                yield value

    def walk(self) -> Iterator['Node']:
        """Yield this node and all descendants in pre-order (iteratively)."""
        stack: List[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            kids = list(node.iter_children())
            kids.reverse()
            stack.extend(kids)

    def to_dict(self, loc: bool = False, range: bool = False) -> Dict[str, Any]:
        """ESTree JSON as esprima produces it (``loc``/``range`` only when asked).

        Iterative, so 5,000-deep trees do not hit Python's recursion limit.
        """
        holder: List[Any] = [None]
        stack: List[tuple] = [(self, holder, 0)]
        while stack:
            node, container, key = stack.pop()
            d: Dict[str, Any] = {'type': node.type}
            container[key] = d
            for name in node._fields:
                value = getattr(node, name)
                if isinstance(value, Node):
                    d[name] = None
                    stack.append((value, d, name))
                elif isinstance(value, list):
                    items: List[Any] = [None] * len(value)
                    d[name] = items
                    for i, item in enumerate(value):
                        if item is not None:
                            stack.append((item, items, i))
                elif name == 'isAsync':
                    d['async'] = value
                elif name == 'isAwait':
                    if value:
                        d['await'] = value
                elif value is None and (name == 'directive' or name == 'regex' or name == 'bigint'):
                    continue
                elif name == 'optional' and not value:
                    continue
                elif name == 'value' and isinstance(value, float):
                    d[name] = int(value) if value.is_integer() and abs(value) < 2 ** 53 else value
                elif isinstance(value, dict):
                    d[name] = dict(value)
                else:
                    d[name] = value
            if range:
                d['range'] = [node.start, node.end]
            if loc:
                d['loc'] = {
                    'start': {'line': getattr(node, 'line', None), 'column': getattr(node, 'column', None)},
                    'end': {'line': getattr(node, 'end_line', None), 'column': getattr(node, 'end_column', None)},
                }
        return holder[0]

    def __repr__(self) -> str:
        return f'<{self.type} {self.start}:{self.end}>'


class Program(Node):
    __slots__ = ('body', 'sourceType', 'source', 'strict')
    type = 'Program'
    _fields = ('body', 'sourceType')
    _children = ('body',)
    def __init__(self, start: int, end: int, body: Any, sourceType: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.body, self.sourceType = body, sourceType
        self.strict = False
        self.source = ''


class Identifier(Node):
    __slots__ = ('name',)
    type = 'Identifier'
    _fields = ('name',)
    _children = ()
    def __init__(self, start: int, end: int, name: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.name = name


class Literal(Node):
    __slots__ = ('value', 'raw', 'regex', 'bigint')
    type = 'Literal'
    _fields = ('value', 'raw', 'regex', 'bigint')
    _children = ()
    def __init__(self, start: int, end: int, value: Any, raw: Any, regex: Any = None,
                 bigint: Any = None) -> None:
        self.start, self.end, self._cache = start, end, None
        self.value, self.raw, self.regex, self.bigint = value, raw, regex, bigint


class ExpressionStatement(Node):
    __slots__ = ('expression', 'directive')
    type = 'ExpressionStatement'
    _fields = ('expression', 'directive')
    _children = ('expression',)
    def __init__(self, start: int, end: int, expression: Any, directive: Any = None) -> None:
        self.start, self.end, self._cache = start, end, None
        self.expression, self.directive = expression, directive


class BlockStatement(Node):
    __slots__ = ('body',)
    type = 'BlockStatement'
    _fields = ('body',)
    _children = ('body',)
    def __init__(self, start: int, end: int, body: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.body = body


class EmptyStatement(Node):
    __slots__ = ()
    type = 'EmptyStatement'
    _fields = ()
    _children = ()
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end, self._cache = start, end, None


class DebuggerStatement(Node):
    __slots__ = ()
    type = 'DebuggerStatement'
    _fields = ()
    _children = ()
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end, self._cache = start, end, None


class WithStatement(Node):
    __slots__ = ('object', 'body')
    type = 'WithStatement'
    _fields = ('object', 'body')
    _children = ('object', 'body')
    def __init__(self, start: int, end: int, object: Any, body: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.object, self.body = object, body


class ReturnStatement(Node):
    __slots__ = ('argument',)
    type = 'ReturnStatement'
    _fields = ('argument',)
    _children = ('argument',)
    def __init__(self, start: int, end: int, argument: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.argument = argument


class LabeledStatement(Node):
    __slots__ = ('label', 'body')
    type = 'LabeledStatement'
    _fields = ('label', 'body')
    _children = ('label', 'body')
    def __init__(self, start: int, end: int, label: Any, body: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.label, self.body = label, body


class BreakStatement(Node):
    __slots__ = ('label',)
    type = 'BreakStatement'
    _fields = ('label',)
    _children = ('label',)
    def __init__(self, start: int, end: int, label: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.label = label


class ContinueStatement(Node):
    __slots__ = ('label',)
    type = 'ContinueStatement'
    _fields = ('label',)
    _children = ('label',)
    def __init__(self, start: int, end: int, label: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.label = label


class IfStatement(Node):
    __slots__ = ('test', 'consequent', 'alternate')
    type = 'IfStatement'
    _fields = ('test', 'consequent', 'alternate')
    _children = ('test', 'consequent', 'alternate')
    def __init__(self, start: int, end: int, test: Any, consequent: Any, alternate: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.test, self.consequent, self.alternate = test, consequent, alternate


class SwitchStatement(Node):
    __slots__ = ('discriminant', 'cases')
    type = 'SwitchStatement'
    _fields = ('discriminant', 'cases')
    _children = ('discriminant', 'cases')
    def __init__(self, start: int, end: int, discriminant: Any, cases: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.discriminant, self.cases = discriminant, cases


class SwitchCase(Node):
    __slots__ = ('test', 'consequent')
    type = 'SwitchCase'
    _fields = ('test', 'consequent')
    _children = ('test', 'consequent')
    def __init__(self, start: int, end: int, test: Any, consequent: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.test, self.consequent = test, consequent


class ThrowStatement(Node):
    __slots__ = ('argument',)
    type = 'ThrowStatement'
    _fields = ('argument',)
    _children = ('argument',)
    def __init__(self, start: int, end: int, argument: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.argument = argument


class TryStatement(Node):
    __slots__ = ('block', 'handler', 'finalizer')
    type = 'TryStatement'
    _fields = ('block', 'handler', 'finalizer')
    _children = ('block', 'handler', 'finalizer')
    def __init__(self, start: int, end: int, block: Any, handler: Any, finalizer: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.block, self.handler, self.finalizer = block, handler, finalizer


class CatchClause(Node):
    __slots__ = ('param', 'body')
    type = 'CatchClause'
    _fields = ('param', 'body')
    _children = ('param', 'body')
    def __init__(self, start: int, end: int, param: Any, body: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.param, self.body = param, body


class WhileStatement(Node):
    __slots__ = ('test', 'body')
    type = 'WhileStatement'
    _fields = ('test', 'body')
    _children = ('test', 'body')
    def __init__(self, start: int, end: int, test: Any, body: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.test, self.body = test, body


class DoWhileStatement(Node):
    __slots__ = ('body', 'test')
    type = 'DoWhileStatement'
    _fields = ('body', 'test')
    _children = ('body', 'test')
    def __init__(self, start: int, end: int, body: Any, test: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.body, self.test = body, test


class ForStatement(Node):
    __slots__ = ('init', 'test', 'update', 'body')
    type = 'ForStatement'
    _fields = ('init', 'test', 'update', 'body')
    _children = ('init', 'test', 'update', 'body')
    def __init__(self, start: int, end: int, init: Any, test: Any, update: Any, body: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.init, self.test, self.update, self.body = init, test, update, body


class ForInStatement(Node):
    __slots__ = ('left', 'right', 'body', 'each')
    type = 'ForInStatement'
    _fields = ('left', 'right', 'body', 'each')
    _children = ('left', 'right', 'body')
    def __init__(self, start: int, end: int, left: Any, right: Any, body: Any, each: Any = False) -> None:
        self.start, self.end, self._cache = start, end, None
        self.left, self.right, self.body, self.each = left, right, body, each


class ForOfStatement(Node):
    __slots__ = ('left', 'right', 'body', 'isAwait')
    type = 'ForOfStatement'
    _fields = ('left', 'right', 'body', 'isAwait')
    _children = ('left', 'right', 'body')
    def __init__(self, start: int, end: int, left: Any, right: Any, body: Any,
                 isAwait: Any = False) -> None:
        self.start, self.end, self._cache = start, end, None
        self.left, self.right, self.body, self.isAwait = left, right, body, isAwait


class FunctionDeclaration(Node):
    __slots__ = ('id', 'params', 'body', 'generator', 'expression', 'isAsync', 'strict')
    type = 'FunctionDeclaration'
    _fields = ('id', 'params', 'body', 'generator', 'expression', 'isAsync')
    _children = ('id', 'params', 'body')
    def __init__(self, start: int, end: int, id: Any, params: Any, body: Any, generator: Any, expression: Any, isAsync: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.id, self.params, self.body, self.generator, self.expression, self.isAsync = id, params, body, generator, expression, isAsync
        self.strict = False


class FunctionExpression(Node):
    __slots__ = ('id', 'params', 'body', 'generator', 'expression', 'isAsync', 'strict')
    type = 'FunctionExpression'
    _fields = ('id', 'params', 'body', 'generator', 'expression', 'isAsync')
    _children = ('id', 'params', 'body')
    def __init__(self, start: int, end: int, id: Any, params: Any, body: Any, generator: Any, expression: Any, isAsync: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.id, self.params, self.body, self.generator, self.expression, self.isAsync = id, params, body, generator, expression, isAsync
        self.strict = False


class ArrowFunctionExpression(Node):
    __slots__ = ('id', 'params', 'body', 'generator', 'expression', 'isAsync', 'strict')
    type = 'ArrowFunctionExpression'
    _fields = ('id', 'params', 'body', 'generator', 'expression', 'isAsync')
    _children = ('id', 'params', 'body')
    def __init__(self, start: int, end: int, id: Any, params: Any, body: Any, generator: Any, expression: Any, isAsync: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.id, self.params, self.body, self.generator, self.expression, self.isAsync = id, params, body, generator, expression, isAsync
        self.strict = False


class VariableDeclaration(Node):
    __slots__ = ('declarations', 'kind')
    type = 'VariableDeclaration'
    _fields = ('declarations', 'kind')
    _children = ('declarations',)
    def __init__(self, start: int, end: int, declarations: Any, kind: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.declarations, self.kind = declarations, kind


class VariableDeclarator(Node):
    __slots__ = ('id', 'init')
    type = 'VariableDeclarator'
    _fields = ('id', 'init')
    _children = ('id', 'init')
    def __init__(self, start: int, end: int, id: Any, init: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.id, self.init = id, init


class ClassDeclaration(Node):
    __slots__ = ('id', 'superClass', 'body')
    type = 'ClassDeclaration'
    _fields = ('id', 'superClass', 'body')
    _children = ('id', 'superClass', 'body')
    def __init__(self, start: int, end: int, id: Any, superClass: Any, body: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.id, self.superClass, self.body = id, superClass, body


class ClassExpression(Node):
    __slots__ = ('id', 'superClass', 'body')
    type = 'ClassExpression'
    _fields = ('id', 'superClass', 'body')
    _children = ('id', 'superClass', 'body')
    def __init__(self, start: int, end: int, id: Any, superClass: Any, body: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.id, self.superClass, self.body = id, superClass, body


class ClassBody(Node):
    __slots__ = ('body',)
    type = 'ClassBody'
    _fields = ('body',)
    _children = ('body',)
    def __init__(self, start: int, end: int, body: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.body = body


class MethodDefinition(Node):
    __slots__ = ('key', 'computed', 'value', 'kind', 'static')
    type = 'MethodDefinition'
    _fields = ('key', 'computed', 'value', 'kind', 'static')
    _children = ('key', 'value')
    def __init__(self, start: int, end: int, key: Any, computed: Any, value: Any, kind: Any, static: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.key, self.computed, self.value, self.kind, self.static = key, computed, value, kind, static


class ThisExpression(Node):
    __slots__ = ()
    type = 'ThisExpression'
    _fields = ()
    _children = ()
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end, self._cache = start, end, None


class Super(Node):
    __slots__ = ()
    type = 'Super'
    _fields = ()
    _children = ()
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end, self._cache = start, end, None


class ArrayExpression(Node):
    __slots__ = ('elements',)
    type = 'ArrayExpression'
    _fields = ('elements',)
    _children = ('elements',)
    def __init__(self, start: int, end: int, elements: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.elements = elements


class ObjectExpression(Node):
    __slots__ = ('properties',)
    type = 'ObjectExpression'
    _fields = ('properties',)
    _children = ('properties',)
    def __init__(self, start: int, end: int, properties: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.properties = properties


class Property(Node):
    __slots__ = ('key', 'computed', 'value', 'kind', 'method', 'shorthand')
    type = 'Property'
    _fields = ('key', 'computed', 'value', 'kind', 'method', 'shorthand')
    _children = ('key', 'value')
    def __init__(self, start: int, end: int, key: Any, computed: Any, value: Any, kind: Any, method: Any, shorthand: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.key, self.computed, self.value, self.kind, self.method, self.shorthand = key, computed, value, kind, method, shorthand


class UnaryExpression(Node):
    __slots__ = ('operator', 'prefix', 'argument')
    type = 'UnaryExpression'
    _fields = ('operator', 'prefix', 'argument')
    _children = ('argument',)
    def __init__(self, start: int, end: int, operator: Any, prefix: Any, argument: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.operator, self.prefix, self.argument = operator, prefix, argument


class UpdateExpression(Node):
    __slots__ = ('operator', 'argument', 'prefix')
    type = 'UpdateExpression'
    _fields = ('operator', 'argument', 'prefix')
    _children = ('argument',)
    def __init__(self, start: int, end: int, operator: Any, argument: Any, prefix: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.operator, self.argument, self.prefix = operator, argument, prefix


class BinaryExpression(Node):
    __slots__ = ('operator', 'left', 'right')
    type = 'BinaryExpression'
    _fields = ('operator', 'left', 'right')
    _children = ('left', 'right')
    def __init__(self, start: int, end: int, operator: Any, left: Any, right: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.operator, self.left, self.right = operator, left, right


class LogicalExpression(Node):
    __slots__ = ('operator', 'left', 'right')
    type = 'LogicalExpression'
    _fields = ('operator', 'left', 'right')
    _children = ('left', 'right')
    def __init__(self, start: int, end: int, operator: Any, left: Any, right: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.operator, self.left, self.right = operator, left, right


class AssignmentExpression(Node):
    __slots__ = ('operator', 'left', 'right')
    type = 'AssignmentExpression'
    _fields = ('operator', 'left', 'right')
    _children = ('left', 'right')
    def __init__(self, start: int, end: int, operator: Any, left: Any, right: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.operator, self.left, self.right = operator, left, right


class ConditionalExpression(Node):
    __slots__ = ('test', 'consequent', 'alternate')
    type = 'ConditionalExpression'
    _fields = ('test', 'consequent', 'alternate')
    _children = ('test', 'consequent', 'alternate')
    def __init__(self, start: int, end: int, test: Any, consequent: Any, alternate: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.test, self.consequent, self.alternate = test, consequent, alternate


class CallExpression(Node):
    __slots__ = ('callee', 'arguments', 'optional')
    type = 'CallExpression'
    _fields = ('callee', 'arguments', 'optional')
    _children = ('callee', 'arguments')
    def __init__(self, start: int, end: int, callee: Any, arguments: Any,
                 optional: Any = False) -> None:
        self.start, self.end, self._cache = start, end, None
        self.callee, self.arguments, self.optional = callee, arguments, optional


class NewExpression(Node):
    __slots__ = ('callee', 'arguments')
    type = 'NewExpression'
    _fields = ('callee', 'arguments')
    _children = ('callee', 'arguments')
    def __init__(self, start: int, end: int, callee: Any, arguments: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.callee, self.arguments = callee, arguments


class MemberExpression(Node):
    __slots__ = ('computed', 'object', 'property', 'optional')
    type = 'MemberExpression'
    _fields = ('computed', 'object', 'property', 'optional')
    _children = ('object', 'property')
    def __init__(self, start: int, end: int, computed: Any, object: Any, property: Any,
                 optional: Any = False) -> None:
        self.start, self.end, self._cache = start, end, None
        self.computed, self.object, self.property, self.optional = computed, object, property, optional


class SequenceExpression(Node):
    __slots__ = ('expressions',)
    type = 'SequenceExpression'
    _fields = ('expressions',)
    _children = ('expressions',)
    def __init__(self, start: int, end: int, expressions: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.expressions = expressions


class YieldExpression(Node):
    __slots__ = ('argument', 'delegate')
    type = 'YieldExpression'
    _fields = ('argument', 'delegate')
    _children = ('argument',)
    def __init__(self, start: int, end: int, argument: Any, delegate: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.argument, self.delegate = argument, delegate


class AwaitExpression(Node):
    __slots__ = ('argument',)
    type = 'AwaitExpression'
    _fields = ('argument',)
    _children = ('argument',)
    def __init__(self, start: int, end: int, argument: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.argument = argument


class TemplateLiteral(Node):
    __slots__ = ('quasis', 'expressions')
    type = 'TemplateLiteral'
    _fields = ('quasis', 'expressions')
    _children = ('quasis', 'expressions')
    def __init__(self, start: int, end: int, quasis: Any, expressions: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.quasis, self.expressions = quasis, expressions


class TaggedTemplateExpression(Node):
    __slots__ = ('tag', 'quasi')
    type = 'TaggedTemplateExpression'
    _fields = ('tag', 'quasi')
    _children = ('tag', 'quasi')
    def __init__(self, start: int, end: int, tag: Any, quasi: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.tag, self.quasi = tag, quasi


class TemplateElement(Node):
    __slots__ = ('value', 'tail')
    type = 'TemplateElement'
    _fields = ('value', 'tail')
    _children = ()
    def __init__(self, start: int, end: int, value: Any, tail: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.value, self.tail = value, tail


class SpreadElement(Node):
    __slots__ = ('argument',)
    type = 'SpreadElement'
    _fields = ('argument',)
    _children = ('argument',)
    def __init__(self, start: int, end: int, argument: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.argument = argument


class RestElement(Node):
    __slots__ = ('argument',)
    type = 'RestElement'
    _fields = ('argument',)
    _children = ('argument',)
    def __init__(self, start: int, end: int, argument: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.argument = argument


class AssignmentPattern(Node):
    __slots__ = ('left', 'right')
    type = 'AssignmentPattern'
    _fields = ('left', 'right')
    _children = ('left', 'right')
    def __init__(self, start: int, end: int, left: Any, right: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.left, self.right = left, right


class ArrayPattern(Node):
    __slots__ = ('elements',)
    type = 'ArrayPattern'
    _fields = ('elements',)
    _children = ('elements',)
    def __init__(self, start: int, end: int, elements: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.elements = elements


class ObjectPattern(Node):
    __slots__ = ('properties',)
    type = 'ObjectPattern'
    _fields = ('properties',)
    _children = ('properties',)
    def __init__(self, start: int, end: int, properties: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.properties = properties


class MetaProperty(Node):
    __slots__ = ('meta', 'property')
    type = 'MetaProperty'
    _fields = ('meta', 'property')
    _children = ('meta', 'property')
    def __init__(self, start: int, end: int, meta: Any, property: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.meta, self.property = meta, property


class ChainExpression(Node):
    """ES2020 optional chain: wraps the outermost member/call of `a?.b.c()`."""
    __slots__ = ('expression',)
    type = 'ChainExpression'
    _fields = ('expression',)
    _children = ('expression',)
    def __init__(self, start: int, end: int, expression: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.expression = expression


class PrivateIdentifier(Node):
    """ES2022 `#name` (``name`` without the `#`)."""
    __slots__ = ('name',)
    type = 'PrivateIdentifier'
    _fields = ('name',)
    _children = ()
    def __init__(self, start: int, end: int, name: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.name = name


class PropertyDefinition(Node):
    """ES2022 class field; ``value`` is None without an initializer."""
    __slots__ = ('key', 'value', 'computed', 'static')
    type = 'PropertyDefinition'
    _fields = ('key', 'value', 'computed', 'static')
    _children = ('key', 'value')
    def __init__(self, start: int, end: int, key: Any, value: Any, computed: Any, static: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.key, self.value, self.computed, self.static = key, value, computed, static


class StaticBlock(Node):
    """ES2022 class `static { ... }`."""
    __slots__ = ('body',)
    type = 'StaticBlock'
    _fields = ('body',)
    _children = ('body',)
    def __init__(self, start: int, end: int, body: Any) -> None:
        self.start, self.end, self._cache = start, end, None
        self.body = body


NODE_TYPES: Dict[str, type[Node]] = {cls.type: cls for cls in Node.__subclasses__()}
