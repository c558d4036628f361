"""Scripts, eval and dynamic functions (ES2017 15.1, 18.2.1, 19.2.1.1) and the global scope."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from . import compiler
from .scope import is_host_var
from .evaluation.bodies import step_function_body
from .evaluation.codegen_resumable import script_step
from .evaluation.functions import make_function
from .frames import K_EVAL, K_SCRIPT, FuncFrame
from .operations import promise_operations as P
from .operations.errors import range_error, reference_error, syntax_error, type_error
from .values import MISSING, TDZ, JSThrow
from ..errors import JSSyntaxError
from .evaluation.references import _up
from .values import JSObject as _O
from .operations.object_operations import get_prototype_from_constructor

if TYPE_CHECKING:
    from .realm import Realm


LEXICAL_KINDS = ("let", "const", "class", "let_function")


class ScriptMixin:
    """Machine methods for loading code and for the global environment."""
    # state that Machine.__init__ sets (annotations only: no class attributes are created)
    stack: list
    rv: Any
    depth: int
    max_call_depth: int
    realm: Realm
    programs: dict
    global_lex: dict
    global_const: set
    completion: Any
    script_this: Any

    def load(self, source: str, kind: str = "script", outer: Optional[dict] = None,
             strict: bool = False, site: str = "") -> compiler.LoadedProgram:
        key = compiler.source_key(f"{kind}:{site}:{int(strict)}:{source}")
        prog = self.programs.get(key)
        if prog is None:
            prog = compiler.LoadedProgram(self, source, kind, outer, strict, site)
            self.programs[prog.key] = prog
        return prog

    def _parse_or_throw(self, source: str, kind: str, outer: Optional[dict] = None,
                        strict: bool = False, site: str = "") -> compiler.LoadedProgram:
        try:
            return self.load(source, kind, outer, strict, site)
        except JSSyntaxError as e:
            raise syntax_error(getattr(e, "message", None) or str(e)) from None

    def start_eval(self, src: Any, caller_scope: Any = None, outer: Optional[dict] = None,
                   strict: bool = False, site: str = "") -> None:
        """ES2017 18.2.1.1 PerformEval: push the eval code's frame (its value arrives in rv)."""
        if type(src) is not str:
            self.rv = src
            return
        prog = self._parse_or_throw(src, "eval", outer, strict, site)
        code = prog.code(prog.ast)
        root = prog.info.scopes[id(prog.ast)]
        scope = root.template()
        scope[0] = caller_scope
        g = self.realm.global_object
        if outer is not None and not root.strict:
            self._check_eval_var_conflicts(root, outer)
        if outer is not None and "%evars" in outer and not root.strict:
            self._declare_eval_vars(prog, root, scope, caller_scope, outer)
        local = root.strict or (outer is not None and "%globalvars" not in outer)
        for name, b in root.bindings.items():
            if b.kind in ("var", "varfunction", "function") and not local:
                if name in self.global_lex:
                    raise syntax_error(f"Identifier '{name}' has already been declared")
                if g.get_own_property(name) is None:
                    g.define_own_property(name, {"value": None, "writable": True, "enumerable": True,
                                                 "configurable": True})
        for st in prog.ast.body:
            if st.type == "FunctionDeclaration":
                fn = make_function(self, prog.code(st), scope)
                b = root.bindings[st.id.name]
                if outer is not None and "%evars" in outer and not root.strict:
                    self._set_eval_var(st.id.name, fn, caller_scope, outer)
                elif local:
                    scope[b.slot] = fn
                else:
                    g.set(st.id.name, fn, g)
        if self.depth >= self.max_call_depth:
            raise range_error("Maximum call stack size exceeded")
        ff = FuncFrame(step_function_body, code, scope, None, K_EVAL)
        ff.this = self.completion  # restored when the eval code completes
        self.completion = None
        self.stack.append(ff)
        self.depth += 1

    @staticmethod
    def _check_eval_var_conflicts(root: Any, outer: dict) -> None:
        """ES2023 19.2.1.3 EvalDeclarationInstantiation step 3.d: a sloppy direct eval's var
        may not hoist over a lexical declaration between it and its var scope, nor over the
        parameters when it runs in parameter expressions (a simple catch parameter is fine:
        B.3.4)."""
        params = outer.get("%params")
        taken = params[2].split() if params is not None else ()
        ev = outer.get("%evars")
        for name, b in root.bindings.items():
            if b.kind not in ("var", "function", "varfunction"):
                continue
            e = outer.get(name)
            if name in taken or e is not None and e[2] in LEXICAL_KINDS and (
                    ev is None and "%globalvars" in outer or ev is not None and e[0] <= ev[0]):
                raise syntax_error(f"Identifier '{name}' has already been declared")

    def _declare_eval_vars(self, prog: Any, root: Any, scope: list, caller_scope: list,
                           outer: dict) -> None:
        """EvalDeclarationInstantiation for a sloppy direct eval in function code: new vars
        go into the caller function's eval-var object (ES2017 18.2.1.2 step 15)."""
        h, slot, _ = outer["%evars"]
        holder = _up(caller_scope, h)
        o = holder[slot]
        for name, b in root.bindings.items():
            if b.kind in ("var", "varfunction", "function") and not is_host_var(outer, name):
                if o is None:
                    o = holder[slot] = _O(None)
                if o.get_own_property(name) is None:
                    o.define_own_property(name, {"value": None, "writable": True,
                                                 "enumerable": True, "configurable": True})

    def _set_eval_var(self, name: str, v: Any, caller_scope: list, outer: dict) -> None:
        if is_host_var(outer, name):
            h, slot, _ = outer[name]
            _up(caller_scope, h)[slot] = v
            return
        h, slot, _ = outer["%evars"]
        o = _up(caller_scope, h)[slot]
        o.set(name, v, o)

    def create_dynamic_function(self, kind: str, params: list, body: str, new_target: Any) -> Any:
        """ES2017 19.2.1.1.1 CreateDynamicFunction (parsed as one function expression)."""
        prefix = {"normal": "function", "generator": "function*", "async": "async function",
                  "asyncGenerator": "async function*"}[kind]
        src = f"({prefix} anonymous({','.join(params)}\n) {{\n{body}\n}})"
        prog = self._parse_or_throw(src, "function")
        body_nodes = prog.ast.body
        if len(body_nodes) != 1 or body_nodes[0].type != "ExpressionStatement" or \
                body_nodes[0].expression.type != "FunctionExpression" or \
                body_nodes[0].expression.start != 1 or body_nodes[0].expression.end != len(src) - 1:
            raise syntax_error("Unexpected token in the Function constructor's source")
        fnode = body_nodes[0].expression
        root = prog.info.scopes[id(prog.ast)]
        scope = root.template()
        scope[0] = None
        f = make_function(self, prog.code(fnode), scope)
        f._store("name", "anonymous", 4)
        if new_target is not None and kind == "normal":
            f.proto = get_prototype_from_constructor(new_target, "FunctionPrototype")
        return f

    def start_script(self, source: str) -> P.JSPromise:
        """Instantiate a script (ES2017 15.1.11 GlobalDeclarationInstantiation) and push its frame."""
        prog = self.load(source)
        code = prog.code(prog.ast)
        root = prog.info.scopes[id(prog.ast)]
        self.completion = None
        self._global_declarations(prog, root)
        scope = root.template()
        scope[0] = None
        ff = FuncFrame(script_step(prog, code), code, scope, None, K_SCRIPT)
        ff.promise = P.new_intrinsic_promise()
        ff.promise.handled = True
        ff.this = self.script_this
        self.stack.append(ff)
        self.depth += 1
        return ff.promise

    def _global_declarations(self, prog: Any, root: Any) -> None:
        g = self.realm.global_object
        for name, b in root.bindings.items():
            if b.kind in ("let", "const", "class"):
                if name in self.global_lex:
                    raise JSThrow(syntax_error(f"Identifier '{name}' has already been declared").value)
                own = g.get_own_property(name)
                if own is not None and not own[1] & 4:
                    raise JSThrow(syntax_error(f"Identifier '{name}' has already been declared").value)
        for name, b in root.bindings.items():
            if b.kind in ("let", "const", "class"):
                self.global_lex[name] = TDZ
                if b.kind == "const":
                    self.global_const.add(name)
                else:
                    self.global_const.discard(name)
            elif b.kind in ("var", "varfunction", "function", "param"):
                if name in self.global_lex:
                    raise JSThrow(syntax_error(f"Identifier '{name}' has already been declared").value)
                if g.get_own_property(name) is None:
                    g.define_own_property(name, {"value": None, "writable": True,
                                                 "enumerable": True, "configurable": False})
        for st in prog.ast.body:
            if st.type == "FunctionDeclaration":
                fn = make_function(self, prog.code(st), None)
                own = g.get_own_property(st.id.name)
                if own is None or own[1] & 4:
                    g.define_own_property(st.id.name, {"value": fn, "writable": True,
                                                       "enumerable": True, "configurable": False})
                else:
                    g.set(st.id.name, fn, g)

    def direct_eval(self, args: list, scope: Any, strict: bool, outer: dict, site: str) -> None:
        """ES2017 18.2.1.1 PerformEval with direct=true: the caller's bindings are visible."""
        self.start_eval(args[0] if args else None, scope, outer, strict, site)

    def global_get_slow(self, name: str) -> Any:
        v = self.global_lex.get(name, MISSING)
        if v is not MISSING:
            if v is TDZ:
                raise reference_error(f"Cannot access '{name}' before initialization")
            return v
        g = self.realm.global_object
        if not g.has_property(name):
            raise reference_error(f"{name} is not defined")
        return g.get(name, g)

    def global_set_slow(self, name: str, v: Any, strict: bool) -> None:
        g = self.realm.global_object
        if not g.has_property(name):
            if strict:
                raise reference_error(f"{name} is not defined")
            g.set(name, v, g)
            return
        if not g.set(name, v, g) and strict:
            raise type_error(f"Cannot assign to read only property '{name}' of object '#<Object>'")

    def global_init(self, name: str, v: Any) -> None:
        if name in self.global_lex:
            self.global_lex[name] = v
        else:
            g = self.realm.global_object
            g.set(name, v, g)

    def global_delete(self, name: str) -> bool:
        if name in self.global_lex:
            return False
        g = self.realm.global_object
        return g.delete(name)

