"""``Event`` and ``EventTarget`` (https://dom.spec.whatwg.org/#events), as node has them.

An event target's listeners live in its internal slot ``listeners``: ``{type: [entry]}``
with ``entry = [callback, capture, once, passive, removed]``.  There is no tree: an event
is dispatched at its target only (node's EventTarget), listeners in the order they were
added.  A listener that throws does not stop the dispatch; its exception is rethrown from
a job, so it ends the run as an uncaught exception, as it does in node.

``dispatch`` is a Python generator (it yields JS calls), so natives that fire events are
``gen=True`` natives and never recurse in Python.
"""
from __future__ import annotations

from typing import Any, Iterator, Optional

from ..interp.helpers import arg
from ..interp.natives import native
from ..interp.operations.type_conversion import to_boolean, to_string
from ..interp.runtime import CTX
from ..interp.values import E, NULL, JSObject, JSThrow, is_callable
from .dom_exception import dom_exception
from .platform_object import JSPlatformObject, new_platform_object, node_type_error, tag, this_object
from .performance import now_ms
from ..interp.operations.object_operations import get_prototype_from_constructor
from ..interp.operations.object_operations import create_array_from_list
from ..interp.operations.type_conversion import to_display

__all__ = ["new_event", "dispatch", "add_listener", "setup", "EVENT_TARGETS"]

NONE, CAPTURING_PHASE, AT_TARGET, BUBBLING_PHASE = 0, 1, 2, 3
# interfaces that inherit from EventTarget
EVENT_TARGETS = frozenset(["EventTarget", "AbortSignal"])
_EVENT_ATTRS = ("type", "target", "currentTarget", "srcElement", "eventPhase", "bubbles", "cancelable",
                "defaultPrevented", "composed", "isTrusted", "timeStamp", "returnValue", "cancelBubble")


def _now() -> float:
    return now_ms(CTX.machine)


def new_event(type_: str, bubbles: bool = False, cancelable: bool = False, composed: bool = False,
              trusted: bool = False, proto: Optional[JSObject] = None) -> JSPlatformObject:
    """DOM 2.2 create an event (initialized)."""
    return new_platform_object(CTX.realm, "Event", {
        "type": type_, "target": NULL, "current": NULL, "phase": NONE, "bubbles": bubbles,
        "cancelable": cancelable, "composed": composed, "canceled": False, "stop": False,
        "stop_immediate": False, "dispatching": False, "trusted": trusted, "time": _now(),
        "in_passive": False}, proto)


def this_target(v: Any) -> JSPlatformObject:
    if isinstance(v, JSPlatformObject) and v.cls in EVENT_TARGETS:
        return v
    raise node_type_error('Value of "this" must be of type EventTarget', "ERR_INVALID_THIS")


def _listeners(target: JSPlatformObject) -> dict:
    ls = target.internal.get("listeners")
    if ls is None:
        ls = target.internal["listeners"] = {}
    return ls


def add_listener(target: JSPlatformObject, type_: str, callback: Any, capture: bool = False,
                 once: bool = False, passive: bool = False) -> Optional[list]:
    """DOM 2.7 add an event listener; returns the new entry (None for a duplicate)."""
    lst = _listeners(target).setdefault(type_, [])
    for e in lst:
        if e[0] is callback and e[1] == capture and not e[4]:
            return None
    entry = [callback, capture, once, passive, False]
    lst.append(entry)
    return entry


def remove_listener_entry(target: JSPlatformObject, type_: str, entry: list) -> None:
    """DOM 2.7 remove an event listener."""
    entry[4] = True
    lst = _listeners(target).get(type_)
    if lst is not None:
        lst[:] = [e for e in lst if e is not entry]


def dispatch(target: JSPlatformObject, event: JSPlatformObject) -> Iterator[Any]:
    """DOM 2.9 dispatch (a target without parents): yields the listener calls; returns
    false if the event was canceled."""
    ev = event.internal
    ev["dispatching"] = True
    ev["target"] = target
    ev["current"] = target
    ev["phase"] = AT_TARGET
    lst = list(_listeners(target).get(ev["type"], ()))
    for entry in lst:
        if entry[4]:
            continue
        if entry[2]:
            remove_listener_entry(target, ev["type"], entry)
        callback = entry[0]
        if callback == "onabort":          # the event handler of AbortSignal.onabort
            callback = target.internal.get("onabort")
            if not is_callable(callback):
                continue
        # node lets a passive listener cancel the event too: ``in_passive`` stays false
        try:
            if is_callable(callback):
                yield (callback, target, [event])
            else:
                handle = callback.get("handleEvent", callback)
                if not is_callable(handle):
                    raise node_type_error("handleEvent is not a function")
                yield (handle, callback, [event])
        except JSThrow as e:
            _report_exception(e.value)
        if ev["stop_immediate"]:
            break
    ev["phase"] = NONE
    ev["current"] = NULL
    ev["dispatching"] = False
    ev["stop"] = ev["stop_immediate"] = False
    return not ev["canceled"]


def _report_exception(value: Any) -> None:
    """node rethrows a listener's exception on the next tick (process 'error')."""
    m = CTX.machine
    m.enqueue_job(("call", CTX.realm.native("EventTarget.rethrow"), None, [value]))


@native("EventTarget.rethrow", 1)
def event_target_rethrow(this: Any, args: list) -> Any:
    raise JSThrow(arg(args, 0))


# -- Event ---------------------------------------------------------------------------------------

@native("Event", 1, ctor=True)
def event_ctor(this: Any, args: list, new_target: Any) -> Any:
    """DOM 2.2 new Event(type, eventInitDict)."""
    if new_target is None:
        raise node_type_error("Class constructor Event cannot be invoked without 'new'")
    if not args:
        raise node_type_error('The "type" argument must be specified', "ERR_MISSING_ARGS")
    proto = get_prototype_from_constructor(new_target, "EventPrototype")
    init = arg(args, 1)
    flags = {}
    for key in ("bubbles", "cancelable", "composed"):
        v = init.get(key, init) if isinstance(init, JSObject) else None
        flags[key] = to_boolean(v)
    return new_event(to_string(args[0]), flags["bubbles"], flags["cancelable"], flags["composed"],
                     False, proto)


def _ev(this: Any) -> dict:
    return this_object(this, "Event").internal


def _event_getter(name: str) -> None:
    @native(f"get Event.prototype.{name}")
    def get(this: Any, args: list) -> Any:
        ev = _ev(this)
        if name in ("target", "srcElement"):
            return ev["target"]
        if name == "currentTarget":
            return ev["current"]
        if name == "eventPhase":
            return float(ev["phase"])
        if name == "defaultPrevented":
            return ev["canceled"]
        if name == "returnValue":
            return not ev["canceled"]
        if name == "cancelBubble":
            return ev["stop"]
        if name == "isTrusted":
            return ev["trusted"]
        if name == "timeStamp":
            return ev["time"]
        return ev[name]


for _n in _EVENT_ATTRS:
    _event_getter(_n)


@native("set Event.prototype.returnValue", 1)
def event_set_return_value(this: Any, args: list) -> Any:
    ev = _ev(this)
    if not to_boolean(arg(args, 0)) and ev["cancelable"] and not ev["in_passive"]:
        ev["canceled"] = True
    return None


@native("set Event.prototype.cancelBubble", 1)
def event_set_cancel_bubble(this: Any, args: list) -> Any:
    if to_boolean(arg(args, 0)):
        _ev(this)["stop"] = True
    return None


@native("Event.prototype.preventDefault", 0)
def event_prevent_default(this: Any, args: list) -> Any:
    ev = _ev(this)
    if ev["cancelable"] and not ev["in_passive"]:
        ev["canceled"] = True
    return None


@native("Event.prototype.stopPropagation", 0)
def event_stop_propagation(this: Any, args: list) -> Any:
    _ev(this)["stop"] = True
    return None


@native("Event.prototype.stopImmediatePropagation", 0)
def event_stop_immediate(this: Any, args: list) -> Any:
    ev = _ev(this)
    ev["stop"] = ev["stop_immediate"] = True
    return None


@native("Event.prototype.composedPath", 0)
def event_composed_path(this: Any, args: list) -> Any:
    ev = _ev(this)
    return create_array_from_list([ev["current"]] if ev["dispatching"] else [])


@native("Event.prototype.initEvent", 1)
def event_init_event(this: Any, args: list) -> Any:
    ev = _ev(this)
    if not ev["dispatching"]:
        ev.update(type=to_string(arg(args, 0)), bubbles=to_boolean(arg(args, 1)),
                  cancelable=to_boolean(arg(args, 2)), canceled=False, stop=False,
                  stop_immediate=False, target=NULL)
    return None


# -- EventTarget ---------------------------------------------------------------------------------

@native("EventTarget", 0, ctor=True)
def event_target_ctor(this: Any, args: list, new_target: Any) -> Any:
    if new_target is None:
        raise node_type_error("Class constructor EventTarget cannot be invoked without 'new'")
    proto = get_prototype_from_constructor(new_target, "EventTargetPrototype")
    return new_platform_object(CTX.realm, "EventTarget", {"listeners": {}}, proto)


def _check_listener(callback: Any) -> None:
    if callback is NULL or isinstance(callback, JSObject):
        return
    raise node_type_error('The "listener" argument must be an instance of EventListener. Received '
                          f"type {_type_of(callback)} ({to_display(callback)})", "ERR_INVALID_ARG_TYPE")


def _type_of(v: Any) -> str:
    return {bool: "boolean", float: "number", str: "string"}.get(type(v), "undefined" if v is None else "symbol")


@native("EventTarget.prototype.addEventListener", 2)
def event_target_add(this: Any, args: list) -> Any:
    """DOM 2.7 addEventListener(type, callback, options) with node's capture/once/passive/signal."""
    target = this_target(this)
    if len(args) < 2:
        raise node_type_error('The "type" and "listener" arguments must be specified', "ERR_MISSING_ARGS")
    type_, callback, options = to_string(args[0]), args[1], arg(args, 2)
    _check_listener(callback)
    capture = once = passive = False
    signal = None
    if isinstance(options, JSObject):
        capture = to_boolean(options.get("capture", options))
        once = to_boolean(options.get("once", options))
        passive = to_boolean(options.get("passive", options))
        sv = options.get("signal", options)
        if sv is not None:
            if not (isinstance(sv, JSPlatformObject) and sv.cls == "AbortSignal"):
                raise node_type_error('The "options.signal" property must be an instance of AbortSignal.',
                                      "ERR_INVALID_ARG_TYPE")
            signal = sv
    elif options is not None:
        capture = to_boolean(options)
    if callback is NULL:
        return None
    if signal is not None and signal.internal["aborted"]:
        return None
    entry = add_listener(target, type_, callback, capture, once, passive)
    if entry is not None and signal is not None:
        signal.internal["algorithms"].append(["remove_listener", target, type_, entry])
    return None


@native("EventTarget.prototype.removeEventListener", 2)
def event_target_remove(this: Any, args: list) -> Any:
    """DOM 2.7 removeEventListener(type, callback, options)."""
    target = this_target(this)
    if len(args) < 2:
        raise node_type_error('The "type" and "listener" arguments must be specified', "ERR_MISSING_ARGS")
    type_, callback, options = to_string(args[0]), args[1], arg(args, 2)
    capture = to_boolean(options.get("capture", options)) if isinstance(options, JSObject) \
        else to_boolean(options)
    for entry in list(_listeners(target).get(type_, ())):
        if entry[0] is callback and entry[1] == capture:
            remove_listener_entry(target, type_, entry)
    return None


@native("EventTarget.prototype.dispatchEvent", 1, gen=True)
def event_target_dispatch(this: Any, args: list) -> Any:
    """DOM 2.7 dispatchEvent(event)."""
    target = this_target(this)
    event = arg(args, 0)
    if not (isinstance(event, JSPlatformObject) and event.cls == "Event"):
        raise node_type_error('The "event" argument must be an instance of Event. Received '
                              + ("an instance of Object" if isinstance(event, JSObject) else "undefined"),
                              "ERR_INVALID_ARG_TYPE")
    if event.internal["dispatching"]:
        raise dom_exception("The event is already being dispatched", "InvalidStateError")
    event.internal["trusted"] = False
    return (yield from dispatch(target, event))


def setup(realm: Any) -> None:
    tp = JSObject(realm.object_prototype)
    realm.constructor("EventTarget", "EventTarget", tp)
    for name in ("addEventListener", "removeEventListener", "dispatchEvent"):
        realm.method(tp, name, f"EventTarget.prototype.{name}")
        tp.flags[name] |= E  # type: ignore[index]
    tag(tp, "EventTarget")
    ep = JSObject(realm.object_prototype)
    ctor = realm.constructor("Event", "Event", ep)
    for name in ("initEvent", "stopImmediatePropagation", "preventDefault", "composedPath",
                 "stopPropagation"):
        realm.method(ep, name, f"Event.prototype.{name}")
    for name in _EVENT_ATTRS:
        setter = f"set Event.prototype.{name}" if name in ("returnValue", "cancelBubble") else None
        realm.getter(ep, name, f"get Event.prototype.{name}", setter)
    for key in list(ep.props):
        if key != "constructor" and type(key) is str:
            ep.flags[key] |= E  # type: ignore[index]
    for i, const in enumerate(("NONE", "CAPTURING_PHASE", "AT_TARGET", "BUBBLING_PHASE")):
        ctor.put_hidden(const, float(i), E)      # node has them on Event only
    tag(ep, "Event")
