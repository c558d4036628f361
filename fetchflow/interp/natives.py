"""Native (Python-implemented) functions, registered under stable names so they pickle by name.

A native is ``fn(this, args)`` returning a JS value, or raising ``JSThrow``.
Options given to ``@native``:

* ``ctor=True``: constructible; called as ``fn(this, args, new_target)``, where
  ``new_target`` is ``None`` for a plain call and the constructor for ``new``
  (``this`` is then ``None``: the native allocates its own object).
* ``callee=True``: called as ``fn(this, args, callee)``; ``callee.data`` holds the
  per-instance state of spec "closures" (promise resolving functions etc.).
* ``gen=True``: ``fn`` is a Python generator that may ``yield (f, this, args)`` to
  call JS function ``f`` on the machine's frame stack (no Python recursion) and
  receives the result; its ``return`` value is the call's result.  Such natives
  never survive a pause: a pause happens only when the frame stack is empty.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from .values import JSObject

NATIVES: dict[str, tuple] = {}  # name -> (fn, length, ctor, callee, gen)


def native(name: str, length: int = 0, *, ctor: bool = False, callee: bool = False,
           gen: bool = False) -> Callable:
    """Register a native function under ``name`` (e.g. ``"Array.prototype.push"``)."""
    def deco(fn: Callable) -> Callable:
        if name in NATIVES and NATIVES[name][0] is not fn:
            raise RuntimeError(f"native {name!r} registered twice")
        NATIVES[name] = (fn, length, ctor, callee, gen)
        return fn
    return deco


class JSNativeFunction(JSObject):
    """A built-in function object (ES2017 9.3)."""
    __slots__ = ("native_name", "fn", "ctor", "pass_callee", "gen", "data", "plain")

    call_kind = "native"

    def __init__(self, proto: Optional[JSObject], name: str, data: Any = None) -> None:
        JSObject.__init__(self, proto, "Function")
        self.native_name = name
        self.data = data
        self._bind()

    def _bind(self) -> None:
        fn, _length, ctor, callee, gen = NATIVES[self.native_name]
        self.fn = fn
        self.ctor = ctor
        self.pass_callee = callee
        self.gen = gen
        # fn itself when a call is just fn(this, args): the call sites' fast path
        self.plain = None if ctor or callee or gen else fn

    @property
    def can_construct(self) -> bool:  # type: ignore[override]
        return self.ctor

    def __getstate__(self) -> Any:
        st = JSObject.__getstate__(self)
        for k in ("fn", "ctor", "pass_callee", "gen", "plain"):
            st.pop(k, None)
        return st

    def __repr__(self) -> str:
        return f"<native {self.native_name}>"


class JSBoundFunction(JSObject):
    """A bound function exotic object (ES2017 9.4.1)."""
    __slots__ = ("target", "bound_this", "bound_args")

    call_kind = "bound"

    def __init__(self, proto: Optional[JSObject], target: JSObject, bound_this: Any,
                 bound_args: list) -> None:
        JSObject.__init__(self, proto, "Function")
        self.target = target
        self.bound_this = bound_this
        self.bound_args = bound_args

    @property
    def can_construct(self) -> bool:  # type: ignore[override]
        return self.target.can_construct
