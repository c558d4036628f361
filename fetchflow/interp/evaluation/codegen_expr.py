"""Python source for call-free expressions (see codegen.py): the closures' fast paths written
inline, their slow paths calls to the very helpers the closures call.

Every ``expr`` method appends statements to the function being written and returns an
operand: a temporary, a bound constant or a finite float literal, all of which keep their
value while later statements run (so operands are evaluated in the closures' order).  No
text of the program ever reaches the source: names, keys, labels and strings are bound
constants (``K<n>``), slot numbers and hops are ints of the scope analysis.
"""
from __future__ import annotations

import math
from typing import Any

from ..operations.errors import reference_error
from ..operations.object_operations import get_v
from ..operations.operators import (BIG_STRING, BINARY, big_string, js_add, js_bitnot,
                                   js_increment, js_mul, js_neg, js_sub)
from ..operations.type_conversion import to_boolean, to_number, to_property_key, to_string, type_of
from ..values import HOLE, MISSING, NULL, TDZ, Accessor, JSArray, JSObject
from .expressions import get_computed, get_member, get_named, is_named_key, put_computed, put_member
from .logical_assignment import LOGICAL_OPS
from .private_names import is_private_member
from .assignment import _statement_expressions
from .references import (LEXICAL, append_in_place, cannot_read, coercible, make_init, make_place,
                         make_put, make_typeof_get, tdz_error)

# names every generated function finds in its globals (the rest are numbered constants)
BASE_GLOBALS: dict[str, Any] = {
    "MISSING": MISSING, "NULL": NULL, "TDZ": TDZ, "Accessor": Accessor, "JSObject": JSObject,
    "JSArray": JSArray, "HOLE": HOLE,
    "INF": math.inf, "to_boolean": to_boolean, "to_number": to_number, "type_of": type_of,
    "to_property_key": to_property_key, "tdz_error": tdz_error, "cannot_read": cannot_read,
    "coercible": coercible, "get_v": get_v, "get_named": get_named, "get_member": get_member,
    "get_computed": get_computed, "put_member": put_member, "put_computed": put_computed,
    "js_add": js_add, "js_sub": js_sub, "js_mul": js_mul, "js_neg": js_neg, "js_bitnot": js_bitnot,
    "js_increment": js_increment, "BIG_STRING": BIG_STRING, "append_in_place": append_in_place,
    "big_string": big_string, "to_string": to_string, "join_strings": "".join,
}

# deeper nesting of generated blocks calls the subtree's closure instead (Python's parser
# limits indentation to 100 levels)
MAX_INDENT = 40

# ToInt32 is int() for floats in this range (truncation, no wrap-around)
_I32 = "-2147483648.0 <= {0} <= 2147483647.0"


def _unary_plus(v: Any) -> Any:
    return v if type(v) is float else to_number(v)


class ExprGen:
    """Writes one generated module: its lines, constants and temporaries."""

    def __init__(self, prog: Any) -> None:
        self.prog = prog
        self.m = prog.machine
        self.lines: list[str] = []
        self.consts: dict[str, Any] = {}
        self._const_ids: dict[int, str] = {}
        self.ntmp = 0
        self.bools: set[str] = set()   # temporaries known to hold a Python bool
        self.inlined = 0               # nodes written inline (not called through a closure)

    # -- plumbing ---------------------------------------------------------------------------

    def const(self, v: Any) -> str:
        """The name a value is bound to in the generated globals."""
        name = self._const_ids.get(id(v))
        if name is None:
            name = f"K{len(self.consts)}"
            self.consts[name] = v
            self._const_ids[id(v)] = name
        return name

    def tmp(self) -> str:
        self.ntmp += 1
        return f"t{self.ntmp}"

    def emit(self, ind: int, line: str) -> None:
        self.lines.append("    " * ind + line)

    def fallback(self, node: Any, ind: int, sv: str) -> str:
        """The node's own closure, called."""
        ev = self.prog.code(node).ev
        t = self.tmp()
        self.emit(ind, f"{t} = {self.const(ev)}({sv})")
        return t

    def var(self, v: str, ind: int) -> str:
        """``v`` as a name: a literal operand compared with ``is`` goes into a temporary
        (CPython warns about ``is`` with a literal)."""
        if v[0].isdigit() or v in ("True", "False"):
            t = self.tmp()
            self.emit(ind, f"{t} = {v}")
            return t
        return v

    def truthy(self, v: str, ind: int) -> str:
        if v in self.bools or v in ("True", "False"):
            return v
        v = self.var(v, ind)
        return f"({v} is True or ({v} is not False and to_boolean({v})))"

    # -- expressions ------------------------------------------------------------------------

    def expr(self, node: Any, ind: int, sv: str) -> str:
        code = self.prog.code(node)
        if code.ev is None:
            raise AssertionError("codegen of an expression without a closure")
        if ind > MAX_INDENT:
            return self.fallback(node, ind, sv)
        meth = getattr(self, "x_" + node.type, None)
        if meth is None:
            return self.fallback(node, ind, sv)
        r = meth(node, ind, sv)
        if r is None:
            return self.fallback(node, ind, sv)
        if node.type != "Literal":   # a closure calls no literal's ev on its fast paths
            self.inlined += 1
        return r

    def x_Literal(self, node: Any, ind: int, sv: str) -> Any:
        if node.regex is not None:
            return None
        v = node.value
        if v is None:
            return "NULL"
        if v is True or v is False:
            return repr(v)
        if type(v) in (int, float) and node.bigint is None:
            f = float(v)
            if math.isfinite(f) and not (f == 0 and math.copysign(1.0, f) < 0):
                return repr(f)
            return self.const(f)
        return self.const(v)   # a string or a BigInt: never source text

    def slot_path(self, sv: str, hops: int, slot: int) -> str:
        return sv + "[0]" * hops + f"[{int(slot)}]"

    def x_Identifier(self, node: Any, ind: int, sv: str) -> Any:
        res = self.prog.res(node)
        t = self.tmp()
        if res[0] == "slot":
            _, hops, slot, kind = res
            self.emit(ind, f"{t} = {self.slot_path(sv, hops, slot)}")
            if kind in LEXICAL:
                self.emit(ind, f"if {t} is TDZ: raise tdz_error({self.const(node.name)})")
            return t
        if res[0] == "global":
            # references.make_global_get, inline
            n = self.const(res[1])
            glex = self.const(self.m.global_lex)
            gprops = self.const(self.m.realm.global_object.props)
            self.emit(ind, f"{t} = {glex}.get({n}, MISSING)")
            self.emit(ind, f"if {t} is MISSING:")
            self.emit(ind + 1, f"{t} = {gprops}.get({n}, MISSING)")
            self.emit(ind + 1, f"if {t} is MISSING or {t}.__class__ is Accessor: "
                               f"{t} = {self.const(self.m)}.global_get_slow({n})")
            self.emit(ind, f"elif {t} is TDZ: raise tdz_error({n})")
            return t
        return None

    def x_ThisExpression(self, node: Any, ind: int, sv: str) -> Any:
        res = self.prog.res(node)
        if res[0] != "slot":
            return None
        t = self.tmp()
        self.emit(ind, f"{t} = {self.slot_path(sv, res[1], res[2])}")
        if res[3] in LEXICAL:
            self.emit(ind, f"if {t} is TDZ: raise tdz_error({self.const('%this')})")
        return t

    def put_identifier(self, node: Any, strict: bool, v: str, ind: int, sv: str) -> None:
        """PutValue to an identifier (references.make_put)."""
        res = self.prog.res(node)
        if res[0] == "slot" and res[3] not in ("const", "fname"):
            self.inlined += 1   # the put closure is not called
            _, hops, slot, kind = res
            if kind in LEXICAL:
                env = self.tmp()
                self.emit(ind, f"{env} = {sv}{'[0]' * hops}")
                self.emit(ind, f"if {env}[{int(slot)}] is TDZ: raise tdz_error({self.const(node.name)})")
                self.emit(ind, f"{env}[{int(slot)}] = {v}")
            else:
                self.emit(ind, f"{self.slot_path(sv, hops, slot)} = {v}")
            return
        put = make_put(self.prog, node, node.name, strict)
        self.emit(ind, f"{self.const(put)}({sv}, {v})")

    def init_identifier(self, node: Any, v: str, ind: int, sv: str) -> None:
        """InitializeBinding (references.make_init)."""
        res = self.prog.res(node)
        if res[0] == "with":
            res = res[2]
        if res[0] == "slot":
            self.emit(ind, f"{self.slot_path(sv, res[1], res[2])} = {v}")
            return
        init = make_init(self.prog, node, node.name)
        self.emit(ind, f"{self.const(init)}({sv}, {v})")

    def binop(self, op: str, a: str, b: str, ind: int, bconst: bool = False) -> str:
        """``a op b`` of two evaluated operands (binary.binary_closure's semantics)."""
        r = self.tmp()
        e = self.emit
        fa = f"type({a}) is float"
        both = fa if bconst else f"{fa} and type({b}) is float"
        if op in ("<", ">", "<=", ">=", "===", "!==", "==", "!="):
            self.bools.add(r)   # js_lt & co., strict_equals and loose_equals give bools
        if op in ("+", "-", "*", "<", ">", "<=", ">="):
            slow = {"+": "js_add", "-": "js_sub", "*": "js_mul"}.get(op) or self.const(BINARY[op])
            e(ind, f"{r} = {a} {op} {b} if {both} else {slow}({a}, {b})")
            return r
        if op == "/":
            # js_div divides two floats with Python's / unless the divisor is zero
            e(ind, f"{r} = {a} / {b} if {both} and {b} else {self.const(BINARY[op])}({a}, {b})")
            return r
        if op == "%":
            # js_mod of a finite positive float by a positive float is Python's % (fmod of
            # operands of one sign; a zero result is +0 either way)
            e(ind, f"{r} = {a} % {b} if {both} and 0.0 < {a} < INF and {b} > 0.0 "
                   f"else {self.const(BINARY[op])}({a}, {b})")
            return r
        if op in ("&", "|", "^"):
            # ToInt32 of floats in the int32 range is int(); the result stays in range
            e(ind, f"{r} = float(int({a}) {op} int({b})) if {both} and {_I32.format(a)} and "
                   f"{_I32.format(b)} else {self.const(BINARY[op])}({a}, {b})")
            return r
        if op in ("===", "!==", "==", "!="):
            a = self.var(a, ind)
            b = self.var(b, ind)
        if op in ("===", "!=="):
            ta = self.tmp()
            e(ind, f"{ta} = type({a})")
            e(ind, f"if {ta} is not type({b}): {r} = False")
            e(ind, f"elif {ta} is float or {ta} is str or {ta} is bool: {r} = {a} == {b}")
            e(ind, f"else: {r} = {a} is {b} or ({ta} is int and {a} == {b})")
            if op == "!==":
                e(ind, f"{r} = not {r}")
            return r
        if op in ("==", "!="):
            ta = self.tmp()
            e(ind, f"{ta} = type({a})")
            e(ind, f"if {ta} is type({b}) and ({ta} is float or {ta} is str or {ta} is bool): "
                   f"{r} = {a} == {b}")
            e(ind, f"else: {r} = {self.const(BINARY['=='])}({a}, {b})")
            if op == "!=":
                e(ind, f"{r} = not {r}")
            return r
        e(ind, f"{r} = {self.const(BINARY[op])}({a}, {b})")
        return r

    def x_BinaryExpression(self, node: Any, ind: int, sv: str) -> Any:
        if node.left.type == "PrivateIdentifier":
            return None
        op = node.operator
        rn = node.right
        a = self.expr(node.left, ind, sv)
        if op in ("==", "!=") and rn.type == "Literal" and rn.value is None and rn.raw == "null":
            a = self.var(a, ind)
            r = self.tmp()
            self.bools.add(r)
            self.emit(ind, f"{r} = {a} is None or {a} is NULL")
            if op == "!=":
                self.emit(ind, f"{r} = not {r}")
            return r
        bconst = rn.type == "Literal" and type(rn.value) in (int, float) and rn.bigint is None
        b = self.expr(rn, ind, sv)
        return self.binop(op, a, b, ind, bconst)

    def x_LogicalExpression(self, node: Any, ind: int, sv: str) -> Any:
        op = node.operator
        r = self.tmp()
        v = self.var(self.expr(node.left, ind, sv), ind)
        if op == "&&":
            self.emit(ind, f"if {self.truthy(v, ind)}:")
        elif op == "||":
            self.emit(ind, f"if not {self.truthy(v, ind)}:")
        else:
            self.emit(ind, f"if {v} is None or {v} is NULL:")
        w = self.expr(node.right, ind + 1, sv)
        self.emit(ind + 1, f"{r} = {w}")
        self.emit(ind, "else:")
        self.emit(ind + 1, f"{r} = {v}")
        return r

    def x_ConditionalExpression(self, node: Any, ind: int, sv: str) -> Any:
        r = self.tmp()
        v = self.expr(node.test, ind, sv)
        self.emit(ind, f"if {self.truthy(v, ind)}:")
        a = self.expr(node.consequent, ind + 1, sv)
        self.emit(ind + 1, f"{r} = {a}")
        self.emit(ind, "else:")
        b = self.expr(node.alternate, ind + 1, sv)
        self.emit(ind + 1, f"{r} = {b}")
        return r

    def x_SequenceExpression(self, node: Any, ind: int, sv: str) -> Any:
        r = "None"
        for e in node.expressions:
            r = self.expr(e, ind, sv)
        return r

    def x_TemplateLiteral(self, node: Any, ind: int, sv: str) -> Any:
        """expressions.c_template: each substitution made a string before the next runs."""
        cooked = [q.value["cooked"] for q in node.quasis]
        if any(type(c) is not str for c in cooked):
            return None
        vals = []
        for x in node.expressions:
            v = self.var(self.expr(x, ind, sv), ind)
            t = self.tmp()
            self.emit(ind, f"{t} = {v} if type({v}) is str else to_string({v})")
            vals.append(t)
        parts = [self.const(cooked[0])]
        for v, c in zip(vals, cooked[1:]):
            parts.append(v)
            parts.append(self.const(c))
        r = self.tmp()
        self.emit(ind, f"{r} = join_strings(({', '.join(parts)},))")
        self.emit(ind, f"if len({r}) >= BIG_STRING: {r} = big_string({r})")
        return r

    def x_ArrayExpression(self, node: Any, ind: int, sv: str) -> Any:
        """expressions.c_array without holes or spreads: the elements, then a new array."""
        if any(x is None or x.type == "SpreadElement" for x in node.elements):
            return None
        vals = [self.expr(x, ind, sv) for x in node.elements]
        r = self.tmp()
        self.emit(ind, f"{r} = JSArray({self.const(self.m)}.realm.array_prototype, "
                       f"[{', '.join(vals)}])")
        return r

    def x_UnaryExpression(self, node: Any, ind: int, sv: str) -> Any:
        op = node.operator
        if op == "delete":
            return None
        if op == "typeof" and node.argument.type == "Identifier":
            arg = node.argument
            if self.prog.res(arg)[0] == "slot":   # make_typeof_get reads a slot as make_get
                v = self.x_Identifier(arg, ind, sv)
            else:
                v = self.tmp()
                self.emit(ind, f"{v} = {self.const(make_typeof_get(self.prog, arg, arg.name))}({sv})")
            r = self.tmp()
            self.emit(ind, f"{r} = type_of({v})")
            return r
        v = self.expr(node.argument, ind, sv)
        r = self.tmp()
        if op == "-":
            self.emit(ind, f"{r} = -{v} if type({v}) is float else js_neg({v})")
        elif op == "!":
            self.bools.add(r)
            self.emit(ind, f"{r} = not {self.truthy(v, ind)}")
        elif op == "+":
            self.emit(ind, f"{r} = {self.const(_unary_plus)}({v})")
        elif op == "~":
            self.emit(ind, f"{r} = js_bitnot({v})")
        elif op == "typeof":
            self.emit(ind, f"{r} = type_of({v})")
        elif op == "void":
            self.emit(ind, f"{r} = None")
        else:
            raise AssertionError(op)
        return r

    def add_assign(self, node: Any, target: Any, strict: bool, a: str, b: str, ind: int,
                   sv: str) -> str:
        """``x += b`` (assignment.ev_addset): two strings append in place when the binding
        is a plain store, so ``a`` (a temporary, the expression's value in every branch)
        must hold the only other reference when ``a += b`` runs."""
        e = self.emit
        place = make_place(self.prog, target, target.name)
        e(ind, f"if type({a}) is float and type({b}) is float:")
        e(ind + 1, f"{a} = {a} + {b}")
        self.put_identifier(target, strict, a, ind + 1, sv)
        if place is not None:
            whole = id(node) in _statement_expressions(self.prog)
            res = self.prog.res(target)
            e(ind, f"elif type({a}) is str and type({b}) is str:")
            if res[0] == "slot":
                box, key = self.tmp(), str(int(res[2]))
                e(ind + 1, f"{box} = {sv}{'[0]' * res[1]}")
                i2 = ind + 1
            else:
                w, box, key = self.tmp(), self.tmp(), self.tmp()
                e(ind + 1, f"{w} = {self.const(place)}({sv})")
                e(ind + 1, f"if {w} is None:")
                e(ind + 2, f"{a} = {a} + {b} if len({a}) + len({b}) < BIG_STRING else js_add({a}, {b})")
                self.put_identifier(target, strict, a, ind + 2, sv)
                e(ind + 1, "else:")
                e(ind + 2, f"{box}, {key} = {w}")
                i2 = ind + 2
            e(i2, f"if {box}[{key}] is {a}:")
            e(i2 + 1, f"{a} = None")
            e(i2 + 1, f"{a} = append_in_place({box}, {key}, {b}, {whole})")
            e(i2, "else:")
            e(i2 + 1, f"{a} = {a} + {b} if len({a}) + len({b}) < BIG_STRING else js_add({a}, {b})")
            self.put_identifier(target, strict, a, i2 + 1, sv)
        e(ind, "else:")
        e(ind + 1, f"{a} = js_add({a}, {b})")
        self.put_identifier(target, strict, a, ind + 1, sv)
        return a

    def x_MemberExpression(self, node: Any, ind: int, sv: str) -> Any:
        if node.property.type == "PrivateIdentifier" or node.object.type == "Super":
            return None
        o = self.var(self.expr(node.object, ind, sv), ind)
        k = self.var(self.expr(node.property, ind, sv), ind) if node.computed else None
        return self.member_read(node, o, k, ind)

    def member_read(self, node: Any, o: str, k: Any, ind: int) -> str:
        """``o.name`` / ``o[k]`` of evaluated operands (``k`` None: the node's named key)."""
        r = self.tmp()
        if k is not None:
            # get_computed's dense-array path, inline
            el = self.tmp()
            self.emit(ind, f"{el} = {o}.elems if {o}.__class__ is JSArray else None")
            self.emit(ind, f"if {el} is None or type({k}) is not float or not 0.0 <= {k} < len({el}) or "
                           f"int({k}) != {k} or ({r} := {el}[int({k})]) is HOLE: {r} = get_computed({o}, {k})")
            return r
        name = node.property.name
        key = self.const(name)
        e = self.emit
        e(ind, f"if {o}.__class__ is JSObject:")
        e(ind + 1, f"{r} = {o}.props.get({key}, MISSING)")
        if is_named_key(name):
            e(ind + 1, f"if {r} is MISSING or {r}.__class__ is Accessor: {r} = get_named({o}, {key})")
            # a string's method: a named key is never a string's own property, so String.prototype's
            # data property is the answer (get_v's lookup, first step inline)
            sp = self.const(self.m.realm.intr["StringPrototype"])
            e(ind, f"elif type({o}) is str:")
            e(ind + 1, f"{r} = {sp}.props.get({key}, MISSING)")
            e(ind + 1, f"if {r} is MISSING or {r}.__class__ is Accessor: {r} = get_named({o}, {key})")
            e(ind, f"else: {r} = get_named({o}, {key})")
            return r
        e(ind + 1, f"if {r} is MISSING or {r}.__class__ is Accessor: {r} = {o}.get({key}, {o})")
        if name == "length":
            e(ind, f"elif type({o}) is str: {r} = float(len({o}))")
        e(ind, f"elif {o} is None or {o} is NULL: raise cannot_read({o}, {key})")
        e(ind, f"else: {r} = get_v({o}, {key})")
        return r

    def member_put(self, target: Any, o: str, k: Any, v: str, strict: bool, ind: int) -> None:
        """PutValue to ``o.name`` / ``o[k]`` of evaluated operands (``k`` None: named)."""
        e = self.emit
        if k is None:
            e(ind, f"put_member({o}, {self.const(target.property.name)}, {v}, {strict})")
            return
        # put_computed's dense-array path, inline
        k = self.var(k, ind)
        el = self.tmp()
        e(ind, f"{el} = {o}.elems if {o}.__class__ is JSArray and {o}.flags is None else None")
        e(ind, f"if {el} is not None and type({k}) is float and 0.0 <= {k} < len({el}) and "
               f"int({k}) == {k} and {el}[int({k})] is not HOLE: {el}[int({k})] = {v}")
        e(ind, f"else: put_computed({o}, {k}, {v}, {strict})")

    def x_UpdateExpression(self, node: Any, ind: int, sv: str) -> Any:
        target = node.argument
        if is_private_member(target):
            return None
        delta = "1.0" if node.operator == "++" else "-1.0"
        strict = self.prog.info.strict_of(node)
        e = self.emit
        if target.type == "Identifier":
            if self.prog.res(target)[0] == "with":
                return None
            old = self.x_Identifier(target, ind, sv)
            if old is None:
                return None
            new = self.tmp()
            if node.prefix:
                e(ind, f"{new} = {old} + {delta} if type({old}) is float else js_increment({old}, {delta})[1]")
                self.put_identifier(target, strict, new, ind, sv)
                return new
            e(ind, f"if type({old}) is float: {new} = {old} + {delta}")
            e(ind, f"else: {old}, {new} = js_increment({old}, {delta})")
            self.put_identifier(target, strict, new, ind, sv)
            return old
        if target.type != "MemberExpression" or target.object.type == "Super":
            return None
        o = self.var(self.expr(target.object, ind, sv), ind)
        old, new = self.tmp(), self.tmp()
        if target.computed:
            k0 = self.expr(target.property, ind, sv)
            k = self.tmp()
            e(ind, f"coercible({o}, {k0})")
            e(ind, f"{k} = to_property_key({k0})")
            e(ind, f"{old}, {new} = js_increment(get_computed({o}, {k}), {delta})")
            e(ind, f"put_computed({o}, {k}, {new}, {strict})")
        else:
            key = self.const(target.property.name)
            e(ind, f"{old}, {new} = js_increment(get_member({o}, {key}) if {o} is not None "
                   f"else get_computed({o}, {key}), {delta})")
            e(ind, f"put_member({o}, {key}, {new}, {strict})")
        return new if node.prefix else old

    def x_AssignmentExpression(self, node: Any, ind: int, sv: str) -> Any:
        op = node.operator
        target = node.left
        if is_private_member(target) or op in LOGICAL_OPS:
            return None
        strict = self.prog.info.strict_of(node)
        if target.type == "Identifier":
            if self.prog.res(target)[0] == "with":
                return None
            if op == "=":
                v = self.expr(node.right, ind, sv)
                self.put_identifier(target, strict, v, ind, sv)
                return v
            a = self.x_Identifier(target, ind, sv)
            if a is None:
                return None
            b = self.expr(node.right, ind, sv)
            if op == "+=":
                return self.add_assign(node, target, strict, a, b, ind, sv)
            v = self.binop(op[:-1], a, b, ind)
            self.put_identifier(target, strict, v, ind, sv)
            return v
        if target.type != "MemberExpression" or target.object.type == "Super":
            return None
        o = self.var(self.expr(target.object, ind, sv), ind)
        k = self.expr(target.property, ind, sv) if target.computed else None
        if op == "=":
            v = self.expr(node.right, ind, sv)
            self.member_put(target, o, k, v, strict, ind)
            return v
        old, key = self.member_old(target, o, k, ind)
        b = self.expr(node.right, ind, sv)
        return self.member_update(target, op[:-1], o, key, old, b, strict, ind)

    def member_old(self, target: Any, o: str, k: Any, ind: int) -> tuple:
        """A compound assignment's read of ``o.name`` / ``o[k]``: (the old value, the key to
        store back under; a computed key is made a property key once, before the read)."""
        e = self.emit
        old = self.tmp()
        if k is None:
            key = self.const(target.property.name)
            e(ind, f"{old} = get_member({o}, {key}) if {o} is not None else get_computed({o}, {key})")
        else:
            key = self.tmp()
            e(ind, f"coercible({o}, {k})")
            e(ind, f"{key} = to_property_key({k})")
            e(ind, f"{old} = get_computed({o}, {key})")
        return old, key

    def member_update(self, target: Any, op: str, o: str, key: str, old: str, b: str,
                      strict: bool, ind: int) -> str:
        """A compound assignment's ``old op b`` stored back under ``key`` (see member_old)."""
        v = self.tmp()
        self.emit(ind, f"{v} = {self.const(BINARY[op])}({old}, {b})")
        put = "put_computed" if target.computed else "put_member"
        self.emit(ind, f"{put}({o}, {key}, {v}, {strict})")
        return v


_ = reference_error
