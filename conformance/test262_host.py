"""The host hooks test262 expects (INTERPRETING.md): ``print`` and ``$262``.

``print(x)`` appends ``String(x)`` to the machine's console lines (async tests
report through it).  ``$262`` has ``global`` and ``evalScript(src)``, which runs
``src`` as a new Script in the same realm (its global declarations become
global bindings, unlike indirect eval) and returns its completion value, and
``detachArrayBuffer(buffer)``, the host's DetachArrayBuffer.
Nothing else of ``$262`` exists: tests that need it are skipped.
"""
from __future__ import annotations

from typing import Any

from fetchflow.interp.helpers import arg
from fetchflow.interp.natives import NATIVES, native
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import JSObject




def _register() -> None:
    if "test262.print" in NATIVES:
        return

    @native("test262.print", 1)
    def _print(this: Any, args: list) -> Any:
        from fetchflow.interp.operations.type_conversion import to_string
        CTX.machine.console_lines.append(to_string(arg(args, 0)))
        return None

    @native("test262.detachArrayBuffer", 1)
    def _detach(this: Any, args: list) -> Any:
        """The host's DetachArrayBuffer (test262's $DETACHBUFFER)."""
        from fetchflow.interp.operations.buffers import JSArrayBuffer, detach_array_buffer
        from fetchflow.interp.operations.errors import type_error
        buf = arg(args, 0)
        if type(buf) is not JSArrayBuffer:
            raise type_error("detachArrayBuffer: not an ArrayBuffer")
        detach_array_buffer(buf)
        return None

    @native("test262.evalScript", 1)
    def _eval_script(this: Any, args: list) -> Any:
        from fetchflow import JSSyntaxError
        from fetchflow.interp.frames import BarrierFrame, RunThrow
        from fetchflow.interp.operations import promise_operations as P
        from fetchflow.interp.operations.errors import syntax_error
        from fetchflow.interp.operations.type_conversion import to_string
        from fetchflow.interp.values import JSThrow
        m = CTX.machine
        src = to_string(arg(args, 0))
        try:
            p = m.start_script(src)
        except JSSyntaxError as e:
            raise syntax_error(str(e).splitlines()[0] if str(e) else "invalid script")
        m.stack.insert(len(m.stack) - 1, BarrierFrame())
        m.nested += 1
        try:
            m._drive()
        except RunThrow as e:
            raise JSThrow(e.value)
        finally:
            m.nested -= 1
        if p.state == P.REJECTED:
            raise JSThrow(p.result)
        return p.result if p.state == P.FULFILLED else None


def install(m: Any) -> None:
    """Define ``print`` and ``$262`` on ``m``'s global object."""
    from fetchflow.interp import values
    _register()
    realm = m.realm
    prev = m.enter()
    try:
        g = realm.global_object
        wc = values.W | values.C
        g.put_hidden("print", realm.native("test262.print", "print"), wc)
        host = JSObject(realm.object_prototype)
        host.put_hidden("global", g, wc)
        host.put_hidden("evalScript", realm.native("test262.evalScript", "evalScript"), wc)
        host.put_hidden("detachArrayBuffer", realm.native("test262.detachArrayBuffer",
                                                          "detachArrayBuffer"), wc)
        g.put_hidden("$262", host, wc)
    finally:
        m.leave(prev)
