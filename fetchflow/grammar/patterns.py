"""Reinterpreting expressions as patterns (cover grammars).

ES2018 object rest properties, ES2017 12.14.5 AssignmentPattern (destructuring assignment), 14.2
ArrowParameters (CoverParenthesizedExpressionAndArrowParameterList) and
14.7 async arrow heads (CoverCallExpressionAndAsyncArrowHead) are parsed as
expressions first; these helpers turn them into ESTree patterns and reject
what is not a valid target.
"""
from __future__ import annotations

from typing import Any, Dict, List, NoReturn

from . import ast as A
from ..errors import JSSyntaxError


def check_simple_target(b: Any, node: Any, message: str) -> None:
    """12.14.1 / 12.4.1: only identifiers and member expressions (maybe parenthesized)."""
    t = type(node)
    if t is not A.Identifier and t is not A.MemberExpression:
        b.error(message, node.start)


class Patterns:
    """Mixin for the Builder: pattern conversion with access to parse state."""

    src: str
    parens: Dict[int, Any]
    cover_inits: Dict[int, Any]
    spread_comma: Dict[int, Any]

    def error(self, message: str, offset: int) -> NoReturn:
        raise JSSyntaxError.at(message, self.src, offset)

    def to_target(self, node: Any, binding: bool = False) -> Any:
        """Expression -> assignment/binding target (ArrayPattern, ObjectPattern, ...)."""
        t = type(node)
        paren = id(node) in self.parens
        if t is A.Identifier:
            if binding and paren:
                self.error('Invalid destructuring assignment target', node.start)
            return node
        if t is A.MemberExpression:
            if binding:
                self.error('Invalid destructuring assignment target', node.start)
            return node
        if paren:
            self.error('Invalid destructuring assignment target', node.start)
        if t is A.ArrayExpression or t is A.ArrayPattern:
            bad = self.spread_comma.get(id(node))
            if bad is not None:
                self.error('Rest element must be last element', bad[1])
            elements: List[Any] = []
            items = node.elements
            last = len(items) - 1
            for i, el in enumerate(items):
                if el is None:
                    elements.append(None)
                elif type(el) is A.SpreadElement or type(el) is A.RestElement:
                    if i != last:
                        self.error('Rest element must be last element', el.start)
                    arg = el.argument
                    if type(arg) is A.AssignmentExpression or type(arg) is A.AssignmentPattern:
                        self.error('Invalid destructuring assignment target', arg.start)
                    elements.append(A.RestElement(el.start, el.end, self.to_target(arg, binding)))
                else:
                    elements.append(self.to_element(el, binding))
            return A.ArrayPattern(node.start, node.end, elements)
        if t is A.ObjectExpression or t is A.ObjectPattern:
            bad = self.spread_comma.get(id(node))
            if bad is not None:
                self.error('Rest element must be last element', bad[1])
            props: List[Any] = []
            last = len(node.properties) - 1
            for i, p in enumerate(node.properties):
                if type(p) is A.SpreadElement or type(p) is A.RestElement:
                    # ES2018 13.15.5.1 / 14.3.3.1 AssignmentRestProperty, BindingRestProperty
                    if i != last:
                        self.error('Rest element must be last element', p.start)
                    arg = p.argument
                    ta = type(arg)
                    if binding and ta is A.MemberExpression:
                        self.error('Illegal property in declaration context', arg.start)
                    if binding and (ta is not A.Identifier or id(arg) in self.parens):
                        self.error('`...` must be followed by an identifier in declaration '
                                   'contexts', arg.start)
                    if not binding and ta is not A.Identifier and ta is not A.MemberExpression:
                        self.error('`...` must be followed by an assignable reference in '
                                   'assignment contexts', arg.start)
                    props.append(A.RestElement(p.start, p.end, arg))
                    continue
                if p.kind != 'init' or p.method:
                    self.error('Invalid destructuring assignment target', p.start)
                self.cover_inits.pop(id(p), None)
                value = self.to_element(p.value, binding)
                props.append(A.Property(p.start, p.end, p.key, p.computed, value, 'init', False,
                                        p.shorthand))
            return A.ObjectPattern(node.start, node.end, props)
        if t is A.AssignmentPattern and not binding:
            return node
        self.error('Invalid destructuring assignment target'
                   if binding or (t is not A.CallExpression and t is not A.ChainExpression)
                   else 'Invalid left-hand side in assignment', node.start)

    def to_element(self, node: Any, binding: bool) -> Any:
        """An element of a pattern: a target with an optional default."""
        t = type(node)
        if (t is A.AssignmentExpression and node.operator == '=' and id(node) not in self.parens) \
                or t is A.AssignmentPattern:
            left = self.to_target(node.left, binding)
            return A.AssignmentPattern(node.start, node.end, left, node.right)
        return self.to_target(node, binding)

    def cover_params(self, cover: Any) -> List[Any]:
        """Arrow parameters from a parenthesized cover `( ... )`."""
        e = cover.expr
        if e is None:
            items: List[Any] = []
        elif type(e) is A.SequenceExpression and id(e) not in self.parens:
            items = list(e.expressions)
        else:
            items = [e]
        params = [self.to_element(x, True) for x in items]
        if cover.rest is not None:
            rest = cover.rest
            params.append(A.RestElement(rest.start, rest.end, self.to_target(rest.argument, True)))
        return params

    def args_to_params(self, args: List[Any]) -> List[Any]:
        """Async arrow parameters from call arguments `async(a, ...b)`."""
        params = []
        last = len(args) - 1
        for i, a in enumerate(args):
            if type(a) is A.SpreadElement:
                if i != last:
                    self.error('Rest parameter must be last formal parameter', a.start)
                params.append(A.RestElement(a.start, a.end, self.to_target(a.argument, True)))
            else:
                params.append(self.to_element(a, True))
        return params
