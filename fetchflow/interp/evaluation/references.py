"""Identifier references resolved at compile time (ES2017 8.1.2.1 GetIdentifierReference,
6.2.4.8 GetValue and 6.2.4.9 PutValue for environment references)."""
from __future__ import annotations

from typing import Any, Callable, Optional

from ..operations.errors import reference_error, type_error
from ..operations.operators import BIG_STRING, check_append
from ..runtime import CTX
from ..values import MISSING, TDZ, W, Accessor
from ..values import SYM_UNSCOPABLES, JSObject, JSSymbol
from ..operations.type_conversion import to_boolean, to_string
from ..values import NULL, JSArray
from ..builtins.error import JSError, error_to_string_safe
from ..builtins.function import function_source_text
from ..operations.object_operations import constructor_name_of

LEXICAL = ("let", "const", "class", "this", "let_function", "param_tdz")


def tdz_error(name: str) -> Exception:
    if name == "%this":
        return reference_error("Must call super constructor in derived class before accessing "
                               "'this' or returning from derived constructor")
    return reference_error(f"Cannot access '{name}' before initialization")


def _up(s: list, hops: int) -> list:
    for _ in range(hops):
        s = s[0]
    return s


def has_with_binding(o: Any, name: str) -> bool:
    """ES2017 8.1.1.2.1 HasBinding of an object environment record (with @@unscopables)."""
    if not o.has_property(name):
        return False
    u = o.get(SYM_UNSCOPABLES, o)
    if isinstance(u, JSObject) and to_boolean(u.get(name, u)):
        return False
    return True


def make_with_lookup(prog: Any, node: Any, name: str) -> Callable:
    """lookup(scope) -> the innermost with-object that has ``name``, or None."""
    withs = prog.res(node)[1]

    def lookup(s: list) -> Any:
        for hops, slot in withs:
            o = _up(s, hops)[slot]
            if o is not None and has_with_binding(o, name):
                return o
        return None
    return lookup


def make_get(prog: Any, node: Any, name: str) -> Callable:
    """A closure reading the binding ``node`` resolves to."""
    res = prog.res(node)
    if res[0] == "with":
        lookup = make_with_lookup(prog, node, name)
        base = make_get_res(prog, res[2], name)

        def ev_with(s: list) -> Any:
            o = lookup(s)
            if o is not None:
                return o.get(name, o)
            return base(s)
        return ev_with
    return make_get_res(prog, res, name)


def make_get_res(prog: Any, res: tuple, name: str) -> Callable:
    if res[0] == "slot":
        _, hops, slot, kind = res
        if kind in LEXICAL:
            if hops == 0:
                def ev(s: list) -> Any:
                    v = s[slot]
                    if v is TDZ:
                        raise tdz_error(name)
                    return v
            elif hops == 1:
                def ev(s: list) -> Any:
                    v = s[0][slot]
                    if v is TDZ:
                        raise tdz_error(name)
                    return v
            else:
                def ev(s: list) -> Any:
                    v = _up(s, hops)[slot]
                    if v is TDZ:
                        raise tdz_error(name)
                    return v
        else:
            if hops == 0:
                def ev(s: list) -> Any:
                    return s[slot]
            elif hops == 1:
                def ev(s: list) -> Any:
                    return s[0][slot]
            elif hops == 2:
                def ev(s: list) -> Any:
                    return s[0][0][slot]
            else:
                def ev(s: list) -> Any:
                    return _up(s, hops)[slot]
        return ev
    return make_global_get(prog.machine, res[1])


def make_global_get(m: Any, name: str) -> Callable:
    glex = m.global_lex
    gprops = m.realm.global_object.props

    def ev(s: list) -> Any:
        v = glex.get(name, MISSING)
        if v is MISSING:
            v = gprops.get(name, MISSING)
            if v is MISSING or v.__class__ is Accessor:
                return m.global_get_slow(name)
            return v
        if v is TDZ:
            raise tdz_error(name)
        return v
    return ev


def make_typeof_get(prog: Any, node: Any, name: str) -> Callable:
    """Like make_get, but an unresolvable global reads as undefined (typeof x)."""
    res = prog.res(node)
    if res[0] == "with":
        lookup = make_with_lookup(prog, node, name)
        m0 = prog.machine

        def ev_with(s: list) -> Any:
            o = lookup(s)
            if o is not None:
                return o.get(name, o)
            base = res[2]
            if base[0] == "global" and not (name in m0.global_lex or
                                            m0.realm.global_object.has_property(name)):
                return None
            return make_get_res(prog, base, name)(s)
        return ev_with
    if res[0] == "slot":
        return make_get(prog, node, name)
    m = prog.machine

    def ev(s: list) -> Any:
        if name in m.global_lex or m.realm.global_object.has_property(name):
            return m.global_get_slow(name)
        return None
    return ev


def make_put(prog: Any, node: Any, name: str, strict: bool) -> Callable:
    """A closure ``put(scope, value)`` assigning to the binding (PutValue)."""
    res = prog.res(node)
    if res[0] == "with":
        lookup = make_with_lookup(prog, node, name)
        base = make_put_res(prog, res[2], name, strict)

        def put_with(s: list, v: Any) -> None:
            o = lookup(s)
            if o is not None:
                o.set(name, v, o)
                return
            base(s, v)
        return put_with
    return make_put_res(prog, res, name, strict)


def make_put_res(prog: Any, res: tuple, name: str, strict: bool) -> Callable:
    if res[0] == "slot":
        _, hops, slot, kind = res
        if kind == "const":
            def put(s: list, v: Any) -> None:
                if _up(s, hops)[slot] is TDZ:
                    raise tdz_error(name)
                raise type_error("Assignment to constant variable.")
            return put
        if kind == "fname":
            def put(s: list, v: Any) -> None:
                if strict:
                    raise type_error("Assignment to constant variable.")
            return put
        if kind in LEXICAL:
            def put(s: list, v: Any) -> None:
                t = _up(s, hops)
                if t[slot] is TDZ:
                    raise tdz_error(name)
                t[slot] = v
            return put
        if hops == 0:
            def put(s: list, v: Any) -> None:
                s[slot] = v
        elif hops == 1:
            def put(s: list, v: Any) -> None:
                s[0][slot] = v
        else:
            def put(s: list, v: Any) -> None:
                _up(s, hops)[slot] = v
        return put
    m = prog.machine
    gname = res[1]
    glex = m.global_lex
    box = _global_box(m, gname)

    # same signature as the slot cases above (mypy objects to any second def of a name)
    def put(s: list, v: Any) -> None:  # type: ignore[no-redef]
        b = box()
        if b is not None:
            b[gname] = v
            return
        cur = glex.get(gname, MISSING)
        if cur is TDZ:
            raise tdz_error(gname)
        if cur is not MISSING:
            raise type_error("Assignment to constant variable.")
        m.global_set_slow(gname, v, strict)
    return put


def _global_box(m: Any, gname: str) -> Callable:
    """``box() -> container`` holding global ``gname`` when assigning it is a plain store
    (a declared let/var not in its TDZ and not const, or a writable own data property of
    the global object), else None: the one test of make_put_res's and make_place's fast
    paths."""
    glex = m.global_lex
    gobj = m.realm.global_object
    gprops = gobj.props

    def box() -> Any:
        cur = glex.get(gname, MISSING)
        if cur is not MISSING:
            return None if cur is TDZ or gname in m.global_const else glex
        cur = gprops.get(gname, MISSING)
        if cur is not MISSING and cur.__class__ is not Accessor and \
                (gobj.flags is None or gobj.flags.get(gname, W) & W):
            return gprops   # a writable own data property
        return None
    return box


def make_place(prog: Any, node: Any, name: str) -> Optional[Callable]:
    """``place(scope) -> (container, key)`` where the binding's value sits when assigning it
    is a plain store (no TDZ, const, setter or attribute to honour), else None; None when the
    binding is never such (``with``, const, a function expression's own name).  Lets
    ``s += t`` drop the binding's reference so CPython appends to ``s`` in place."""
    res = prog.res(node)
    if res[0] == "slot":
        _, hops, slot, kind = res
        if kind in ("const", "fname"):
            return None
        if hops == 0:
            return lambda s: (s, slot)
        if hops == 1:
            return lambda s: (s[0], slot)
        return lambda s: (_up(s, hops), slot)
    if res[0] != "global":
        return None
    gname = res[1]
    box = _global_box(prog.machine, gname)

    def place(s: list) -> Optional[tuple]:
        b = box()
        return None if b is None else (b, gname)
    return place


def append_in_place(box: Any, key: Any, b: str, whole: bool) -> str:
    """``box[key] += b`` for the string a binding holds (``make_place``), grown in place: the
    binding lets go of it first, so when nothing else holds it CPython appends instead of
    copying (``s += t`` in a loop is linear, not quadratic).  The caller must hold no
    reference of its own.  ``whole``: the assignment is a whole statement, whose value
    replaces the completion value at once, so a completion value that is this very string
    is let go too.  The limits are checked before anything changes."""
    a = box[key]
    if len(a) + len(b) >= BIG_STRING:
        check_append(a, b)
    if whole:
        m = CTX.machine
        if m is not None and m.completion is a:
            m.completion = None
    box[key] = None
    a += b
    box[key] = a
    return a


def make_init(prog: Any, node: Any, name: str) -> Callable:
    """A closure initializing a declared binding (InitializeBinding), ignoring TDZ/const."""
    res = prog.res(node)
    if res[0] == "with":
        res = res[2]
    if res[0] == "slot":
        _, hops, slot, kind = res
        if hops == 0:
            def init(s: list, v: Any) -> None:
                s[slot] = v
        else:
            def init(s: list, v: Any) -> None:
                _up(s, hops)[slot] = v
        return init
    m = prog.machine
    gname = res[1]

    # same signature as the slot cases above (mypy objects to any second def of a name)
    def init(s: list, v: Any) -> None:  # type: ignore[no-redef]
        m.global_init(gname, v)
    return init


def with_reference(prog: Any, target: Any, strict: bool) -> tuple:
    """(resolve(s) -> ref, get(ref, s), put(ref, s, v)) for an identifier inside `with`:
    the binding is found once, and PutValue uses it even if it vanished meanwhile
    (ES2017 12.15.4 step 1, 6.2.4.9)."""
    name = target.name
    base = prog.res(target)[2]
    lookup = make_with_lookup(prog, target, name)
    bget = make_get_res(prog, base, name)
    bput = make_put_res(prog, base, name, strict)

    def get(r: Any, s: list) -> Any:
        return r.get(name, r) if r is not None else bget(s)

    def put(r: Any, s: list, v: Any) -> None:
        if r is None:
            bput(s, v)
            return
        # SetMutableBinding of an object record (ES2023 9.1.1.2.5): a binding deleted
        # since it was found is a ReferenceError in strict code, else it is re-created
        if not r.has_property(name) and strict:
            raise reference_error(f"{name} is not defined")
        if not r.set(name, v, r) and strict:
            raise type_error(f"Cannot assign to read only property '{name}' of object")
    return lookup, get, put


def coercible(o: Any, k: Any) -> None:
    """RequireObjectCoercible(base) comes before ToPropertyKey (ES2017 12.3.2.1 steps 5-6)."""
    if o is None or o is NULL:
        raise cannot_read_key(o, k)


def cannot_read(o: Any, key: str) -> Exception:
    """The TypeError of reading a named property of undefined or null (V8's message)."""
    return type_error(f"Cannot read properties of {'undefined' if o is None else 'null'} (reading '{key}')")


def cannot_read_key(o: Any, k: Any) -> Exception:
    """cannot_read for a computed key, the key shown as V8 shows it (key_shown)."""
    shown = key_shown(k)
    if shown is None:
        return type_error(f"Cannot read properties of {'undefined' if o is None else 'null'}")
    return cannot_read(o, shown)


def cannot_set_key(o: Any, k: Any) -> Exception:
    """The TypeError of writing a computed key of undefined or null, before the key is
    converted (ES2023 PutValue step 3.a: ToObject of the base first)."""
    shown = key_shown(k)
    base = "undefined" if o is None else "null"
    if shown is None:
        return type_error(f"Cannot set properties of {base}")
    return type_error(f"Cannot set properties of {base} (setting '{shown}')")


def key_shown(k: Any) -> Optional[str]:
    """A key not converted yet, as V8's messages show it: None (no key at all) for arrays,
    regular expressions, dates and objects without a prototype."""
    if type(k) is JSSymbol:
        return f"Symbol({k.description or ''})"
    if not isinstance(k, JSObject):
        return to_string(k)
    if k.call_kind:
        return function_source_text(k)
    if isinstance(k, JSError):
        return error_to_string_safe(k)
    if k.PROXY:
        return "#<Object>"
    if isinstance(k, JSArray) or k.cls in ("RegExp", "Date") or k.proto is None:
        return None
    return f"#<{constructor_name_of(k)}>"
