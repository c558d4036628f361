"""Error, the NativeError constructors and AggregateError (ES2017 19.5; ES2021 20.5.7
AggregateError, ES2022 20.5.8.1 the ``cause`` option).

https://tc39.es/ecma262/2017/#sec-error-objects

Error objects are ``JSError`` instances (cls ``"Error"``, the [[ErrorData]] slot).
Their ``stack`` property follows V8: the call-stack lines are captured when the
error is created, but the ``"Name: message"`` header is computed on the first read
of ``stack`` (so ``this.name = "MyError"`` in a subclass constructor shows up in
the stack, as in node).
"""
from __future__ import annotations

from typing import Any, Optional

from ..helpers import arg
from ..natives import native
from ..operations import errors as _errors
from ..operations.errors import type_error
from ..operations.iteration import iterate_to_list
from ..operations.object_operations import create_array_from_list, get_prototype_from_constructor
from ..operations.type_conversion import to_string
from ..runtime import CTX
from ..values import C, DEFAULT, NULL, JSObject, JSSymbol, W
from ..values import JSThrow
from ..operations.object_operations import constructor_name_of

NATIVE_ERRORS = ("EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError",
                 "URIError")


class LazyStack:
    """Placeholder stored in an error's ``props["stack"]`` until it is first read."""
    __slots__ = ("frames",)

    def __init__(self, frames: str) -> None:
        self.frames = frames

    def __getstate__(self) -> Any:
        return self.frames


class JSError(JSObject):
    """An object with an [[ErrorData]] internal slot (ES2017 19.5.1.1 step 2)."""
    __slots__ = ()

    EXOTIC = True
    NAMED_SAFE = False  # "stack" is materialized on first read

    def __init__(self, proto: Optional[JSObject]) -> None:
        JSObject.__init__(self, proto, "Error")

    def get_own_property(self, key: Any) -> Optional[tuple]:
        v = self.props.get(key, None)
        if v.__class__ is LazyStack:
            self.props[key] = v = error_to_string_safe(self) + v.frames
        return JSObject.get_own_property(self, key)


def capture_frames(message: Optional[str] = None, ctor: Any = None) -> str:
    """The ``"\\n    at ..."`` lines of the current call stack (empty without a machine);
    ``message``: an engine-made error's message, ``ctor``: the error constructor JS called."""
    m = CTX.machine
    if m is None:
        return ""
    st = getattr(m, "stack_trace", None)
    if st is None:
        return ""
    try:
        return st(message, ctor) or ""
    except Exception:  # a trace is best effort, never a reason to fail
        return ""


def new_error_object(proto: JSObject, message: Any = None, ctor: Any = None) -> JSError:
    """A fresh error: own ``stack`` (lazy header) then ``message`` when given, like V8.
    ``ctor``: the constructor a script called (None: the engine made this error)."""
    err = JSError(proto)
    frames = capture_frames(message if type(message) is str else None) if ctor is None else \
        capture_frames(None, ctor)
    err._store("stack", LazyStack(frames), W | C)
    if message is not None:
        err._store("message", message, W | C)
    return err


_errors.NEW_ERROR_OBJECT[:] = [new_error_object]  # make_error's real errors (see there)


def error_to_string(o: Any) -> str:
    """ES2017 19.5.3.4 Error.prototype.toString steps 3-9."""
    name = o.get("name", o)
    name = "Error" if name is None else to_string(name)
    msg = o.get("message", o)
    msg = "" if msg is None else to_string(msg)
    if name == "":
        return msg
    if msg == "":
        return name
    return name + ": " + msg


def error_to_string_safe(o: Any) -> str:
    """The stack header; a throwing ``name``/``message`` getter gives a plain header."""
    try:
        return error_to_string(o)
    except JSThrow:
        return "Error"


def receiver_display(v: Any) -> str:
    """How V8 names a bad receiver in messages: ``1``, ``abc``, ``#<Object>``."""
    if isinstance(v, JSObject):
        return f"#<{constructor_name_of(v)}>"
    if type(v) is JSSymbol:
        return f"Symbol({v.description or ''})"
    if v is None:
        return "undefined"
    if v is NULL:
        return "null"
    return to_string(v)


def construct_error(kind: str, args: list, new_target: Any) -> JSError:
    """ES2022 20.5.1.1 Error ( message [ , options ] ) / 20.5.6.1.1 NativeError ( message
    [ , options ] )."""
    if new_target is None:
        new_target = CTX.realm.intr[kind]
    proto = get_prototype_from_constructor(new_target, kind + "Prototype")
    message = arg(args, 0)
    err = new_error_object(proto, None if message is None else to_string(message), new_target)
    install_error_cause(err, arg(args, 1))
    return err


def install_error_cause(o: JSObject, options: Any) -> None:
    """ES2022 20.5.8.1 InstallErrorCause ( O, options )."""
    if isinstance(options, JSObject) and options.has_property("cause"):
        cause = options.get("cause", options)
        o.define_own_property("cause", {"value": cause, "writable": True, "enumerable": False,
                                        "configurable": True})


@native("AggregateError", 2, ctor=True)
def aggregate_error(this: Any, args: list, new_target: Any) -> Any:
    """ES2021 20.5.7.1.1 AggregateError ( errors, message [ , options ] )."""
    if new_target is None:
        new_target = CTX.realm.intr["AggregateError"]
    proto = get_prototype_from_constructor(new_target, "AggregateErrorPrototype")
    message = arg(args, 1)
    err = new_error_object(proto, None if message is None else to_string(message), new_target)
    install_error_cause(err, arg(args, 2))
    errors = create_array_from_list(iterate_to_list(arg(args, 0)))
    err.define_own_property("errors", {"value": errors, "writable": True, "enumerable": False,
                                       "configurable": True})
    return err


def _register(kind: str) -> None:
    def ctor(this: Any, args: list, new_target: Any) -> Any:
        return construct_error(kind, args, new_target)
    ctor.__name__ = ctor.__qualname__ = kind
    native(kind, 1, ctor=True)(ctor)


for _kind in ("Error",) + NATIVE_ERRORS:
    _register(_kind)


@native("Error.prototype.toString", 0)
def error_prototype_to_string(this: Any, args: list) -> Any:
    """ES2017 19.5.3.4 Error.prototype.toString ( )."""
    if not isinstance(this, JSObject):
        raise type_error(f"Method Error.prototype.toString called on incompatible receiver "
                         f"{receiver_display(this)}")
    return error_to_string(this)


@native("Error.captureStackTrace", 2)
def error_capture_stack_trace(this: Any, args: list) -> Any:
    """V8's Error.captureStackTrace(targetObject): installs a ``stack`` property."""
    target = arg(args, 0)
    if not isinstance(target, JSObject):
        raise type_error("Invalid argument")
    header = error_to_string_safe(target)
    target.define_own_property("stack", {"value": header + capture_frames(), "writable": True,
                                         "enumerable": False, "configurable": True})
    return None


def setup(realm: Any) -> None:
    error_proto = JSObject(realm.object_prototype)
    error_ctor = realm.constructor("Error", "Error", error_proto)
    error_proto.put_hidden("name", "Error")
    error_proto.put_hidden("message", "")
    realm.method(error_proto, "toString", "Error.prototype.toString")
    realm.method(error_ctor, "captureStackTrace", "Error.captureStackTrace")
    error_ctor._store("stackTraceLimit", 10.0, DEFAULT)
    for kind in NATIVE_ERRORS:
        proto = JSObject(error_proto)
        ctor = realm.constructor(kind, kind, proto)
        ctor.proto = error_ctor  # ES2017 19.5.6.2: [[Prototype]] is %Error%
        proto.put_hidden("name", kind)
        proto.put_hidden("message", "")
    # ES2021 20.5.7: AggregateError, whose [[Prototype]] is %Error% too
    proto = JSObject(error_proto)
    ctor = realm.constructor("AggregateError", "AggregateError", proto)
    ctor.proto = error_ctor
    proto.put_hidden("name", "AggregateError")
    proto.put_hidden("message", "")
