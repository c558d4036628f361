"""ECMAScript function objects (ES2017 9.2) for user code."""
from __future__ import annotations

from typing import Any, Optional

from .values import JSObject

# function kinds ([[FunctionKind]] and [[ConstructorKind]] folded together)
NORMAL = 0
ARROW = 1
METHOD = 2
GENERATOR = 3
ASYNC = 4
ASYNC_ARROW = 5
CLASS_BASE = 6
CLASS_DERIVED = 7
ASYNC_GENERATOR = 8   # after the class kinds: saved states keep their numbers


class JSFunction(JSObject):
    """A function object whose code is a compiled AST function node."""
    __slots__ = ("code", "scope", "kind", "home", "strict", "ctor_ok", "fields")

    call_kind = "user"

    def __init__(self, proto: Optional[JSObject], code: Any, scope: Any, kind: int,
                 strict: bool, home: Any = None) -> None:
        JSObject.__init__(self, proto, "Function")
        self.code = code        # Code record of the function node
        self.scope = scope      # the run-time scope list it closes over
        self.kind = kind
        self.strict = strict
        self.home = home
        self.ctor_ok = kind in (NORMAL, CLASS_BASE, CLASS_DERIVED)
        self.fields: Optional[str] = None  # "default": a default class constructor

    @property
    def can_construct(self) -> bool:  # type: ignore[override]
        return self.ctor_ok

    def source_text(self) -> str:
        """The source text of the function (Function.prototype.toString)."""
        node = self.code.node
        src = self.code.prog.text
        fd = self.code.p
        r = getattr(fd, "src", None)
        if r is not None:
            return src[r[0]:r[1]]
        return src[node.start:node.end]

    def __repr__(self) -> str:
        n = self.props.get("name")
        return f"<JSFunction {n!r}>"
