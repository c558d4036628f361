"""Class fields and static blocks (ES2022 15.7): their definition records, and running them
on a receiver at construction (instance elements) or at class definition (static ones).

A field initializer or static block runs in a function-like scope of its own (scope.
_class_elements): ``this`` is the receiver, ``super.x`` reads the home object's prototype,
new.target is undefined.  The spec makes each initializer a method object that is called;
no script can reach that object, so the initializer runs directly in a new scope list.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..compiler import Code, compiles
from ..frames import Frame
from ..functions import JSFunction
from ..operations.errors import type_error
from ..operations.object_operations import create_data_property, key_display
from ..values import JSObject
from .function_objects import make_function, set_function_name
from .private_names import PrivateName, private_field_add, private_method_or_accessor_add
from .statements import stmt
from ..scope import is_anonymous_function_definition


class ClassElements:
    """F.[[Fields]] and F.[[PrivateMethods]] of one class evaluation (ES2022 10.2, Table 30),
    or the static ones the definition runs on F.  ``fields`` holds (key, Code) pairs in
    source order: a property key or PrivateName with its PropertyDefinition's Code, or None
    with a StaticBlock's Code.  ``scope`` is the class scope, ``home`` the initializers' home
    object; ``default`` says the constructor is the default one."""
    __slots__ = ("default", "methods", "fields", "scope", "home")

    def __init__(self, default: bool, methods: list, fields: list, scope: Any, home: Any) -> None:
        self.default = default
        self.methods = methods
        self.fields = fields
        self.scope = scope
        self.home = home


@dataclass(slots=True)
class ElementPayload:
    """A field initializer's or static block's scope layout (and a field's value Code)."""
    template: list
    this_slot: int
    home_slot: int
    value: Optional[Code]          # a field's initializer; None: undefined / a static block
    named: bool                    # computed key + anonymous function: named at run time
    fdecls: list                   # a static block's function declarations: (slot, Code)


def _payload(prog: Any, node: Any, value: Optional[Code], named: bool, fdecls: list) -> ElementPayload:
    fs = prog.info.scopes[id(node)]
    b_this = fs.bindings.get("%this")
    b_home = fs.bindings.get("%home")
    return ElementPayload(fs.template(), b_this.slot if b_this else 0, b_home.slot if b_home else 0,
                          value, named, fdecls)


@compiles("PropertyDefinition")
def c_field(prog: Any, node: Any, code: Code) -> None:
    v = node.value
    named = node.computed and v is not None and is_anonymous_function_definition(v)
    code.p = _payload(prog, node, prog.code(v) if v is not None else None, named, [])


@compiles("StaticBlock")
def c_static_block(prog: Any, node: Any, code: Code) -> None:
    fs = prog.info.scopes[id(node)]
    fdecls = [(fs.bindings[st.id.name].slot, prog.code(st)) for st in node.body
              if st.type == "FunctionDeclaration"]
    code.kids = [stmt(prog, st) for st in node.body]
    code.p = _payload(prog, node, None, False, fdecls)


def _scope(m: Any, p: ElementPayload, el: ClassElements, o: Any) -> list:
    s = list(p.template)
    s[0] = el.scope
    if p.this_slot:
        s[p.this_slot] = o
    if p.home_slot:
        s[p.home_slot] = el.home
    for slot, fc in p.fdecls:
        s[slot] = make_function(m, fc, s)
    return s


def define_field(o: Any, key: Any, code: Code, value: Any) -> None:
    """ES2022 7.3.33 DefineField (after the initializer ran)"""
    if code.p.named:
        set_function_name(value, key.description if key.__class__ is PrivateName else key)
    if key.__class__ is PrivateName:
        private_field_add(o, key, value)
    elif not create_data_property(o, key, value):  # CreateDataPropertyOrThrow, V8's words
        if key not in o.props and not o.extensible:
            raise type_error(f"Cannot define property {key_display(key)}, object is not extensible")
        raise type_error(f"Cannot redefine property: {key_display(key)}")


def push_elements(m: Any, el: ClassElements, o: Any) -> None:
    """Run InitializeInstanceElements (ES2022 7.3.34) on a frame, or a class's static elements
    (15.7.14 steps 33-34): ``o`` None takes the receiver from the value the frame below it
    produces (what super() or the parent constructor returned).  The frame's value is ``o``."""
    f = Frame(step_init_elements, None, None)
    f.x = el
    f.vals = o
    m.stack.append(f)


def initialize_instance_elements(m: Any, F: Any, o: Any) -> None:
    """Push the instance elements of constructor ``F`` for ``o`` (nothing when F has none)."""
    el = F.fields if F.__class__ is JSFunction else None
    if el is not None and el.__class__ is ClassElements:
        push_elements(m, el, o)


def step_init_elements(m: Any, f: Frame) -> None:
    """pc 0: private methods first; 2i+1: start element i; 2i+2: element i's value arrived."""
    el: ClassElements = f.x
    o = f.vals
    if o is None:
        o = f.vals = m.rv
    pc = f.pc
    fields = el.fields
    if pc == 0:
        for pn in el.methods:
            private_method_or_accessor_add(o, pn)
        pc = 1
    elif not pc & 1:
        key, code = fields[(pc - 2) >> 1]
        if key is not None:
            define_field(o, key, code, m.rv)
        pc += 1
    n = len(fields)
    while (pc - 1) >> 1 < n:
        key, code = fields[(pc - 1) >> 1]
        p = code.p
        if key is None:  # a static block
            s = _scope(m, p, el, o)
            f.pc = pc + 1
            sf = Frame(step_static_block, code, s)
            m.stack.append(sf)
            return
        vc = p.value
        if vc is None:
            v = None
        elif vc.ev is not None:
            v = vc.ev(_scope(m, p, el, o))
        else:
            f.pc = pc + 1
            m.stack.append(Frame(vc.step, vc, _scope(m, p, el, o)))
            return
        define_field(o, key, code, v)
        pc += 2
    m.stack.pop()
    m.rv = o


def step_static_block(m: Any, f: Frame) -> None:
    """A static block's statements (ES2022 15.7.11 ClassStaticBlockDefinitionEvaluation: run
    as the body of a method called with this = the class)."""
    code = f.code
    s = f.scope
    stmts = code.kids
    i = f.pc
    n = len(stmts)
    while i < n:
        st = stmts[i]
        i += 1
        ex = st.ex
        if ex is not None:
            c = ex(s)
            if c is not None:
                f.pc = i
                m.unwind(c[0], c[1], c[2])
                return
        else:
            f.pc = i
            m.stack.append(Frame(st.fstep, st.fcode, s))
            return
    m.stack.pop()


def step_class_statics(m: Any, f: Frame) -> None:
    """The class frame once its static elements ran: bind a declaration, give the class."""
    F = f.x
    m.stack.pop()
    finish = f.code.p.decl_init
    if finish is not None:
        finish(f.scope, F)
        m.rv = None
    else:
        m.rv = F


def private_brand(node: Any, static: bool) -> str:
    """How V8 names a private method's receiver in its errors (the class's own name)."""
    name = node.id.name if node.id is not None else "anonymous"
    return f"class {name}" if static else f"an instance of class {name}"


def add_static_methods(F: JSObject, pns: list) -> None:
    for pn in pns:
        private_method_or_accessor_add(F, pn)
