"""What a saved state may contain, by stable name: record types, frame steps, shared values.

A state never names a Python module or class.  Every object of the machine's heap that
is not plain data (str, float, int, bool, None, bytes, tuple, list, dict, set) is a
*record*: an entry of this registry, written as its stable name and a tuple of its
fields in the order listed here.  Loading creates the record empty and sets exactly these
fields, each checked against its type, then rebuilds derived data (a native's Python
function, a Map's index, a RegExp's compiled matcher).  Frame steps are written by their
names in ``STEPS``; the shared sentinels and well-known symbols by name too.

This table *is* the state format: renaming or moving a class or a step function changes
nothing, and adding a field is a format change (bump ``state.VERSION``, keep the old
reference states loading or say why not).  ``tests/security/test_state_loader.py`` checks
that every slot of every record class is either listed here or derived.
"""
from __future__ import annotations

import math
from operator import attrgetter
from typing import Any, Callable, Optional

from .interp.builtins.error import LazyStack
from .interp.builtins.iterators import JSArrayIterator, JSMapIterator, JSStringIterator
from .interp.builtins.map_set import JSMapObject
from .interp.builtins.object import JSImmutablePrototypeObject
from .interp.builtins.promise import _AllState
from .interp.operations.buffers import ELEMENT_TYPES, JSArrayBuffer, JSDataView, JSTypedArray
from .interp.builtins.regexp import JSRegExp, JSSubclassRegExp, compile_pattern
from .interp.builtins.string_all_matches import JSRegExpStringIterator
from .interp.builtins.weak_refs import JSFinalizationRegistry, JSWeakRef
from .interp.builtins.date import JSDate
from .interp.builtins.error import JSError
from .interp.compiler import Code
from .interp.evaluation import async_generators, chains, logical_assignment
from .interp.builtins.async_from_sync import JSAsyncFromSyncIterator
from .interp.builtins.async_generator import STATES as ASYNC_GEN_STATES, AsyncGenRequest, JSAsyncGenerator
from .interp.evaluation import class_elements, private_names
from .interp.evaluation import codegen_resumable
from .interp.evaluation.class_elements import ClassElements
from .interp.evaluation.private_names import PrivateName
from .interp.evaluation import (assignment, bodies, calls, classes, exceptions, expressions, functions,
                                generators, loops, operands, statements, suspend_patterns)
from .interp.arguments import JSArguments
from .interp.frames import Frame, FuncFrame
from .interp.functions import JSFunction
from .interp.natives import NATIVES, JSBoundFunction, JSNativeFunction
from .interp.operations.iteration import IteratorRecord
from .interp.operations.proxy_objects import JSCallableProxy, JSProxy
from .interp.operations.promise_operations import (FULFILLED, PENDING, REJECTED, AsyncResume,
                                                   Capability, JSPromise, Reaction, ResolvingState)
from .interp.realm import Realm
from .interp.suspension import JSGenerator
from .interp.values import (HOLE, MISSING, NULL, TDZ, WELL_KNOWN, Accessor, JSArray, JSObject,
                            JSPrimitiveObject, JSSymbol, _Null)
from .host.debug import FrozenClock
from .host.web import JSHeaders, JSResponse
from .host.platform_object import INTERFACES, JSPlatformObject, check_internal
from .interp.host_state import FIELD_NAMES as HOST_FIELD_NAMES, HostState  # noqa: F401  (state.py)
from .limits import Limits
from .interp.operations.date_time import set_timezone


class RecordError(ValueError):
    """A record in a state is malformed (state.load_machine reports it as StateError)."""


NoneType = type(None)
ANY = object
JS_VALUE = (NoneType, bool, float, int, str, JSSymbol, _Null, JSObject)   # int: a BigInt
OPT_OBJECT = (JSObject, NoneType)
OPT_LIST = (list, NoneType)
OPT_STR = (str, NoneType)
NUMBER = (int, float)


# -- frame steps ----------------------------------------------------------------------------------
# Every step function a saved frame can hold (frames of natives, jobs, barriers and generator
# resumption never outlive a pause).  The names are the format, not the function names.
STEPS: dict[str, Callable] = {
    "assign.compound_member": assignment.step_compound_member,
    "assign.ops_prefix": assignment.step_ops_prefix,
    "try": exceptions.step_try,
    "choose": expressions.step_choose,
    "chain": chains.step_chain,
    "logical_assign": logical_assignment.step_logical_assign,
    "class": classes.step_class,
    "class.statics": class_elements.step_class_statics,
    "class.init_elements": class_elements.step_init_elements,
    "class.static_block": class_elements.step_static_block,
    "private.update": private_names.step_private_update,
    "super_bind": calls.step_super_bind,
    "member_call": calls.step_member_call,
    "await": functions.step_await,
    "yield": functions.step_yield,
    "yield_star": generators.step_yield_star,
    "async_yield": async_generators.step_async_yield,
    "async_yield_star": async_generators.step_async_yield_star,
    "async_return": async_generators.step_async_return,
    "for_await": async_generators.step_for_await,
    "for_await.body_after_pattern": async_generators.step_body_after_await_pattern,
    "for": loops.step_for,
    "while": loops.step_while,
    "for_in_of": loops.step_for_in_of,
    "for_in_of.body_after_pattern": loops.step_body_after_pattern,
    "switch": loops.step_switch,
    "ops": operands.step_ops,
    "ops_each": operands.step_ops_each,
    "ev": operands.step_ev,
    "hooked": statements.step_hooked,
    "reset_completion": statements.step_reset_completion,
    "block": statements.step_block,
    "record": statements.step_record,
    "var_decl": statements.step_var_decl,
    "if": statements.step_if,
    "return": statements.step_return,
    "throw": statements.step_throw,
    "labeled": statements.step_labeled,
    "with": statements.step_with,
    "pattern": suspend_patterns.step_pattern,
    "function_body": bodies.step_function_body,
    "concise_body": bodies.step_concise_body,
    # a generated function body (codegen_resumable): regenerated from the tree on load
    "gen": codegen_resumable.step_gen,
}
STEP_NAMES: dict[Any, str] = {fn: name for name, fn in STEPS.items()}

# Shared values written by name: identity matters (``v is TDZ``), and they are the same
# objects in every machine of the process.
SENTINELS: dict[str, Any] = {"TDZ": TDZ, "HOLE": HOLE, "MISSING": MISSING, "NULL": NULL}


# -- records --------------------------------------------------------------------------------------

class Record:
    """One record type: its stable name, class, fields (name, accepted types) and the
    hook that rebuilds its derived data after the fields are set."""
    __slots__ = ("name", "cls", "fields", "types", "save", "after", "has_dict", "private")

    def __init__(self, name: str, cls: type, fields: tuple, after: Optional[Callable] = None,
                 optional: tuple = ()) -> None:
        self.name = name
        self.cls = cls
        # a JS object's [[PrivateElements]] (class elements): last, absent from states saved
        # before private names existed (they load with none)
        self.private = issubclass(cls, JSObject)
        if self.private:
            fields = fields + (("private", (dict, NoneType)),)
        self.fields = tuple(f for f, _t in fields)
        self.types = tuple(t for _f, t in fields)
        self.after = after
        self.has_dict = hasattr(cls, "__dictoffset__") and cls.__dictoffset__ != 0
        self.save: Callable[[Any], tuple]
        if optional:
            # fields a live object may lack (read with a default): saved and restored as None
            names = self.fields
            self.save = lambda o: tuple(getattr(o, f, None) for f in names)
        elif len(self.fields) == 1:
            one = attrgetter(self.fields[0])
            self.save = lambda o: (one(o),)
        else:
            self.save = attrgetter(*self.fields)

    def restore(self, obj: Any, st: Any, patch: bool = False) -> None:
        """Set ``obj``'s fields from a saved tuple, checking each one's type.  Runs after the
        whole stream is read, so nothing in the stream can change a field afterwards.
        ``patch``: ``obj`` is an object of the load's fresh realm, changed in place (its
        derived attributes kept)."""
        if type(st) is tuple and self.private and len(st) == len(self.fields) - 1:
            st = st + (None,)
        if type(st) is not tuple or len(st) != len(self.fields):
            raise RecordError(f"bad {self.name} record")
        if self.has_dict and not patch:
            obj.__dict__.clear()
        for name, t, v in zip(self.fields, self.types, st):
            if t is not ANY and not isinstance(v, t):
                raise RecordError(f"bad {self.name} record: {name} is a {type(v).__name__}")
            setattr(obj, name, v)
        if self.after is not None:
            self.after(obj)


OBJECT_FIELDS = (("proto", OPT_OBJECT), ("props", dict), ("flags", (dict, NoneType)),
                 ("extensible", bool), ("cls", str))


def _check_props(o: JSObject) -> None:
    """Property values are JS values or accessor records (an error's stack may be lazy);
    attributes are small ints."""
    for v in o.props.values():
        if not isinstance(v, _PROP_VALUE):
            raise RecordError(f"bad object record: a property value is a {type(v).__name__}")
    f = o.flags
    if f is not None:
        for a in f.values():
            if type(a) is not int:
                raise RecordError("bad object record: property attributes")
    pe = o.private
    if pe is not None:
        for k, v in pe.items():
            if k.__class__ is not PrivateName or not isinstance(v, JS_VALUE):
                raise RecordError("bad object record: private elements")


_PROP_VALUE = JS_VALUE + (Accessor, LazyStack)


def _after_proxy(p: JSProxy) -> None:
    """A proxy is live (target and handler) or revoked (neither); it has no own storage."""
    _check_props(p)
    if (p.target is None) != (p.handler is None) or p.props or p.proto is not None:
        raise RecordError("bad Proxy record")


def _after_array(a: JSArray) -> None:
    _check_props(a)
    e = a.elems
    if e is not None:
        for v in e:
            if not isinstance(v, JS_VALUE) and v is not HOLE:
                raise RecordError(f"bad Array record: an element is a {type(v).__name__}")
    elif type(a.sparse_len) is not int or a.sparse_len < 0:
        raise RecordError("bad Array record: sparse length")


def _after_native(f: JSNativeFunction) -> None:
    _check_props(f)
    if type(f.native_name) is not str or f.native_name not in NATIVES:
        raise RecordError(f"state refers to an unknown native {f.native_name!r}")
    f._bind()


def _after_map(o: JSMapObject) -> None:
    _check_props(o)
    o._reindex()


def _after_regexp(o: JSRegExp) -> None:
    _check_props(o)
    o.compiled = None
    o.ngroups = 0
    if o.source is not None:
        o.compiled, o.ngroups = compile_pattern(o.source, o.original_flags)


def _after_registry(r: JSFinalizationRegistry) -> None:
    """A FinalizationRegistry's cells are [held value, unregister token or None] pairs."""
    _check_props(r)
    for cell in r.cells:
        if not (type(cell) is list and len(cell) == 2 and all(isinstance(v, JS_VALUE) for v in cell)):
            raise RecordError("bad FinalizationRegistry record: a cell")


def _after_promise(p: JSPromise) -> None:
    _check_props(p)
    if p.state not in (PENDING, FULFILLED, REJECTED):
        raise RecordError(f"bad Promise record: state {p.state!r}")


def _after_async_generator(g: JSAsyncGenerator) -> None:
    _check_props(g)
    if g.ag_state not in ASYNC_GEN_STATES or not all(type(r) is AsyncGenRequest for r in g.queue):
        raise RecordError("bad AsyncGenerator record")


def _after_async_gen_request(r: AsyncGenRequest) -> None:
    if r.mode not in ("next", "return", "throw"):
        raise RecordError(f"bad AsyncGenRequest record: mode {r.mode!r}")


def _after_platform(o: JSPlatformObject) -> None:
    """A web API object (fetchflow/host/platform_object.py): a known interface, plain slots."""
    _check_props(o)
    if o.cls not in INTERFACES or not check_internal(o.internal):
        raise RecordError(f"bad PlatformObject record ({o.cls!r})")


def _after_typed_array(t: JSTypedArray) -> None:
    """A typed array's own fields; its bounds against the buffer are checked in LATE_CHECKS."""
    _check_props(t)
    size = ELEMENT_TYPES.get(t.kind, (0,))[0]
    if not size or t.cls != t.kind + "Array" or t.offset < 0 or t.length < 0 or t.offset % size:
        raise RecordError("bad TypedArray record")
    t.view = None


def _late_typed_array(t: JSTypedArray) -> None:
    d = t.buffer.data
    if d is not None and t.offset + t.length * ELEMENT_TYPES[t.kind][0] > len(d):
        raise RecordError("bad TypedArray record: the view lies outside its buffer")
    t.rebuild_view()


def _after_data_view(v: JSDataView) -> None:
    _check_props(v)
    if v.offset < 0 or v.byte_length < 0:
        raise RecordError("bad DataView record")


def _late_data_view(v: JSDataView) -> None:
    d = v.buffer.data
    if d is not None and v.offset + v.byte_length > len(d):
        raise RecordError("bad DataView record: the view lies outside its buffer")


# checks that read another record (a view's buffer): run once every record is restored
LATE_CHECKS: dict[type, Callable[[Any], None]] = {
    JSTypedArray: _late_typed_array, JSDataView: _late_data_view,
}


def _after_symbol(s: JSSymbol) -> None:
    if s.wk is not None:
        raise RecordError("a well-known symbol is saved by name, not as a record")


def _after_frame(f: Frame) -> None:
    step = STEPS.get(f.step)  # saved by name (see _frame_state)
    if step is None:
        raise RecordError(f"state refers to an unknown frame step {f.step!r}")
    f.step = step
    if f.pc < 0:
        raise RecordError("bad Frame record: negative pc")


def _after_limits(lim: Limits) -> None:
    for name in LIMIT_FIELDS:
        v = getattr(lim, name)
        if v is not None and (type(v) is bool or v < 0 or isinstance(v, float) and not math.isfinite(v)):
            raise RecordError(f"bad Limits record: {name} = {v!r}")
    if lim.max_call_depth is None:
        raise RecordError("bad Limits record: max_call_depth is None")


def _after_realm(r: Realm) -> None:
    for name in ("intr",):
        if any(type(k) is not str for k in r.intr):
            raise RecordError(f"bad Realm record: {name} keys")
    _after_realm_state(r)


def _after_realm_state(r: Realm) -> None:
    """The realm's own state (format 3 saves only this: its objects come from a fresh realm)."""
    st = r.random_state
    if st is not None and not (type(st) is tuple and len(st) == 2 and
                               all(type(x) is int and 0 <= x < 1 << 64 for x in st)):
        raise RecordError("bad Realm record: random_state")
    for name in ("symbol_registry", "template_cache"):
        d = getattr(r, name)
        if any(type(k) is not str for k in d):
            raise RecordError(f"bad Realm record: {name} keys")
    if r.timezone is not None:
        try:
            set_timezone(r, r.timezone)
        except Exception:  # noqa: BLE001 - any refusal of the zone name
            raise RecordError(f"bad Realm record: time zone {r.timezone!r}") from None


def _after_realm_patch(r: Realm) -> None:
    r.__dict__.pop("patched", None)
    _after_realm_state(r)


LIMIT_FIELDS = ("max_steps", "max_time", "max_total_time", "max_call_depth", "max_heap_bytes",
                "max_fetches", "max_request_bytes", "max_response_bytes")
OPT_NUMBER = (int, float, NoneType)

_RECORD_LIST = (
    # JS objects
    Record("Object", JSObject, OBJECT_FIELDS, _check_props),
    Record("ImmutablePrototypeObject", JSImmutablePrototypeObject, OBJECT_FIELDS, _check_props),
    Record("Array", JSArray, OBJECT_FIELDS + (("elems", OPT_LIST), ("sparse_len", int),
                                              ("len_writable", bool)), _after_array),
    Record("PrimitiveObject", JSPrimitiveObject, OBJECT_FIELDS + (("value", JS_VALUE),), _check_props),
    Record("Error", JSError, OBJECT_FIELDS, _check_props),
    Record("Function", JSFunction, OBJECT_FIELDS + (
        ("code", Code), ("scope", OPT_LIST), ("kind", int), ("home", OPT_OBJECT), ("strict", bool),
        ("ctor_ok", bool), ("fields", (str, NoneType, ClassElements))), _check_props),
    Record("NativeFunction", JSNativeFunction, OBJECT_FIELDS + (("native_name", str), ("data", ANY)),
           _after_native),
    Record("BoundFunction", JSBoundFunction, OBJECT_FIELDS + (
        ("target", JSObject), ("bound_this", JS_VALUE), ("bound_args", list)), _check_props),
    Record("Proxy", JSProxy, OBJECT_FIELDS + (("target", OPT_OBJECT), ("handler", OPT_OBJECT)),
           _after_proxy),
    Record("CallableProxy", JSCallableProxy, OBJECT_FIELDS + (
        ("target", OPT_OBJECT), ("handler", OPT_OBJECT), ("constructible", bool)), _after_proxy),
    Record("Arguments", JSArguments, OBJECT_FIELDS + (("scope", OPT_LIST), ("mapping", OPT_LIST)),
           _check_props),
    Record("Promise", JSPromise, OBJECT_FIELDS + (
        ("state", str), ("result", ANY), ("fulfill_reactions", OPT_LIST), ("reject_reactions", OPT_LIST),
        ("handled", bool)), _after_promise),
    Record("Generator", JSGenerator, OBJECT_FIELDS + (("gen_state", str), ("frames", OPT_LIST)),
           _check_props),
    Record("AsyncGenerator", JSAsyncGenerator, OBJECT_FIELDS + (
        ("ag_state", str), ("frames", OPT_LIST), ("queue", list)), _after_async_generator),
    Record("AsyncFromSyncIterator", JSAsyncFromSyncIterator, OBJECT_FIELDS + (
        ("sync_record", (IteratorRecord, NoneType)),), _check_props),
    Record("Date", JSDate, OBJECT_FIELDS + (("date_value", float),), _check_props),
    Record("RegExp", JSRegExp, OBJECT_FIELDS + (("source", OPT_STR), ("original_flags", str)),
           _after_regexp),
    Record("SubclassRegExp", JSSubclassRegExp, OBJECT_FIELDS + (("source", OPT_STR), ("original_flags", str)),
           _after_regexp),
    Record("MapObject", JSMapObject, OBJECT_FIELDS + (
        ("mkeys", list), ("mvals", OPT_LIST), ("moffset", int), ("mhead", int), ("mdead", int),
        ("miters", int)), _after_map),
    Record("ArrayIterator", JSArrayIterator, OBJECT_FIELDS + (
        ("iterated", OPT_OBJECT), ("index", NUMBER), ("kind", str)), _check_props),
    Record("StringIterator", JSStringIterator, OBJECT_FIELDS + (
        ("iterated", OPT_STR), ("position", int)), _check_props),
    Record("MapIterator", JSMapIterator, OBJECT_FIELDS + (
        ("table", (JSMapObject, NoneType)), ("pos", int), ("kind", str)), _check_props),
    Record("RegExpStringIterator", JSRegExpStringIterator, OBJECT_FIELDS + (
        ("iterating", OPT_OBJECT), ("iterated", OPT_STR), ("glob", bool), ("unicode", bool),
        ("done", bool)), _check_props),
    Record("WeakRef", JSWeakRef, OBJECT_FIELDS + (("target", (JSObject, JSSymbol)),), _check_props),
    Record("FinalizationRegistry", JSFinalizationRegistry, OBJECT_FIELDS + (
        ("cleanup", JSObject), ("cells", list)), _after_registry),
    Record("Headers", JSHeaders, OBJECT_FIELDS + (("items", list),), _check_props),
    Record("Response", JSResponse, OBJECT_FIELDS + (
        ("status", NUMBER), ("status_text", str), ("url", str), ("headers", (JSHeaders, NoneType)),
        ("body", ANY), ("body_used", bool), ("rtype", str)), _check_props),
    Record("PlatformObject", JSPlatformObject, OBJECT_FIELDS + (("internal", dict),), _after_platform),
    Record("ArrayBuffer", JSArrayBuffer, OBJECT_FIELDS + (("data", (bytearray, NoneType)),), _check_props),
    Record("TypedArray", JSTypedArray, OBJECT_FIELDS + (
        ("buffer", JSArrayBuffer), ("kind", str), ("offset", int), ("length", int)), _after_typed_array),
    Record("DataView", JSDataView, OBJECT_FIELDS + (
        ("buffer", JSArrayBuffer), ("offset", int), ("byte_length", int)), _after_data_view),
    # the rest of the heap
    Record("Symbol", JSSymbol, (("description", OPT_STR), ("registry_key", OPT_STR), ("wk", NoneType)),
           _after_symbol),
    Record("Accessor", Accessor, (("get", OPT_OBJECT), ("set", OPT_OBJECT))),
    Record("PrivateName", PrivateName, (("description", str), ("kind", str), ("value", OPT_OBJECT),
                                        ("get", OPT_OBJECT), ("set", OPT_OBJECT), ("brand", str))),
    Record("ClassElements", ClassElements, (("default", bool), ("methods", list), ("fields", list),
                                            ("scope", OPT_LIST), ("home", OPT_OBJECT))),
    Record("LazyStack", LazyStack, (("frames", str),)),
    Record("Frame", Frame, (("step", str), ("code", (Code, NoneType)), ("scope", OPT_LIST),
                            ("pc", int), ("vals", ANY), ("x", ANY)), _after_frame),
    Record("FuncFrame", FuncFrame, (
        ("step", str), ("code", (Code, NoneType)), ("scope", OPT_LIST), ("pc", int), ("vals", ANY),
        ("x", ANY), ("func", OPT_OBJECT), ("kind", int), ("this", ANY), ("promise", OPT_OBJECT),
        ("gen", (JSGenerator, JSAsyncGenerator, NoneType)), ("new_target", ANY)), _after_frame,
        optional=("this", "promise", "gen", "new_target")),
    Record("AsyncResume", AsyncResume, (("frames", list),)),
    Record("Capability", Capability, (("promise", ANY), ("resolve", OPT_OBJECT), ("reject", OPT_OBJECT))),
    Record("Reaction", Reaction, (("capability", (Capability, NoneType)), ("kind", str), ("handler", ANY))),
    Record("AsyncGenRequest", AsyncGenRequest, (("mode", str), ("value", ANY), ("promise", JSPromise)),
           _after_async_gen_request),
    Record("ResolvingState", ResolvingState, (("promise", JSPromise), ("done", bool))),
    Record("PromiseAllState", _AllState, (("values", list), ("remaining", int), ("cap", Capability))),
    Record("IteratorRecord", IteratorRecord, (("iterator", ANY), ("next_method", ANY), ("done", bool))),
    Record("ArrayWalk", loops._ArrayWalk, (("arr", JSArray), ("i", int))),
    Record("Spread", operands.Spread, (("items", list),)),   # ``...x`` among operand values
    Record("FrozenClock", FrozenClock, (("ms", float),)),
    Record("Realm", Realm, (
        ("intr", dict), ("object_prototype", JSObject), ("function_prototype", JSObject),
        ("global_object", JSObject), ("array_prototype", OPT_OBJECT), ("symbol_registry", dict),
        ("template_cache", dict), ("random_state", (tuple, NoneType)),
        ("clock", (FrozenClock, NoneType)), ("timezone", OPT_STR)), _after_realm,
        optional=("random_state", "clock", "timezone")),
    # format 3: a realm made afresh by the load (create_machine), only its own state saved
    Record("RealmState", Realm, (
        ("symbol_registry", dict), ("template_cache", dict), ("random_state", (tuple, NoneType)),
        ("clock", (FrozenClock, NoneType)), ("timezone", OPT_STR),
        # the built-ins the script changed (written by state.dump_machine, dropped on load):
        # each is a patch of its own table entry, read even when nothing else refers to it
        ("patched", (list, NoneType))), _after_realm_patch,
        optional=("random_state", "clock", "timezone", "patched")),
    Record("Limits", Limits, tuple((f, int if f == "max_call_depth" else OPT_NUMBER) for f in LIMIT_FIELDS),
           _after_limits),
)

RECORDS: dict[str, Record] = {r.name: r for r in _RECORD_LIST}
# records that only patch an object of the load's fresh realm (never a new object's record)
PATCH_ONLY = frozenset(("RealmState",))
BY_CLASS: dict[type, Record] = {r.cls: r for r in _RECORD_LIST if r.name not in PATCH_ONLY}

# derived data: rebuilt by a record's ``after`` hook, never saved
DERIVED: dict[type, tuple] = {
    JSTypedArray: ("view",),
    JSNativeFunction: ("fn", "ctor", "pass_callee", "gen", "plain"),
    JSMapObject: ("mindex",),
    JSRegExp: ("compiled", "ngroups"),
    JSSubclassRegExp: ("compiled", "ngroups"),
}


def _frame_saver(rec: Record) -> Callable[[Any], tuple]:
    """A frame's saved fields name its step."""
    get = rec.save

    def save(f: Frame) -> tuple:
        st = get(f)
        name = STEP_NAMES.get(st[0])
        if name is None and codegen_resumable.is_generated(st[0]):
            name = "gen"
        if name is None:
            raise TypeError(f"cannot save a frame whose step {st[0]!r} is not registered")
        return (name,) + st[1:]
    return save


for _r in (RECORDS["Frame"], RECORDS["FuncFrame"]):
    _r.save = _frame_saver(_r)


# -- the machine record ---------------------------------------------------------------------------
# (field, accepted types); the stack and the job queue of an idle machine are empty and not saved,
# and the call depth limit is derived from ``limits``.
MACHINE_FIELDS: tuple = (
    ("realm", Realm), ("rv", ANY), ("console_lines", list), ("global_lex", dict),
    ("global_const", set), ("completion", ANY), ("depth", int), ("nested", int),
    ("script_this", ANY), ("pending_rejections", list), ("steps", int), ("host", dict),
    ("limits", (Limits, NoneType)), ("elapsed", NUMBER),
)

# fields of the saved ``HostState`` (interp/host_state.py), with their types
HOST_FIELDS: dict[str, Any] = {
    "seq": int, "pending": dict, "pauses": int, "fetches": int, "builtin_globals": set,
    "meta": (dict, NoneType), "console_all": list, "console_dropped": int,
    "script_promise": (JSPromise, NoneType), "policy": (dict, NoneType),
    "timers": (dict, NoneType), "real_time": bool, "cancelled": list, "cancelled_new": list,
    "events": dict, "event_inbox": list, "event_seq": int, "time_origin": (float, NoneType),
    "filename": (str, NoneType),
}
assert set(HOST_FIELDS) == HOST_FIELD_NAMES


def machine_fields(m: Any) -> dict:
    """The machine record a state writes: MACHINE_FIELDS, the host as its saved dict.  With
    a realm made afresh on load (format 3), the globals the realm was born with are left
    out when they are the fresh realm's (state.py fills them in)."""
    fields = {k: (m.host.to_data() if k == "host" else getattr(m, k)) for k, _t in MACHINE_FIELDS}
    snap = getattr(m.realm, "snapshot", None)
    if snap is not None:
        host = fields["host"]
        born = m.host.builtin_globals
        if born == snap.global_keys:
            host.pop("builtin_globals", None)
        else:
            host["builtin_globals"] = born   # (even when empty: absent means the fresh ones)
    return fields


def check_machine_fields(fields: Any) -> dict:
    """The machine record: exactly the known fields, each of its type."""
    if type(fields) is not dict:
        raise RecordError("bad machine record")
    names = {f for f, _t in MACHINE_FIELDS}
    extra = set(fields) - names
    if extra:
        raise RecordError(f"machine record has unknown fields: {', '.join(sorted(map(repr, extra)))}")
    for name, t in MACHINE_FIELDS:
        if name not in fields:
            raise RecordError(f"machine record lacks {name!r}")
        v = fields[name]
        if t is not ANY and not isinstance(v, t):
            raise RecordError(f"bad machine record: {name} is a {type(v).__name__}")
    if fields["depth"] < 0 or fields["nested"] < 0:
        raise RecordError("bad machine record: negative depth")
    _check_host(fields["host"])
    return fields


def _check_host(host: dict) -> None:
    extra = set(host) - HOST_FIELD_NAMES
    if extra:
        raise RecordError(f"machine record has unknown host fields: {', '.join(sorted(map(repr, extra)))}")
    for k, t in HOST_FIELDS.items():
        if k in host and not isinstance(host[k], t):
            raise RecordError(f"bad machine record: host[{k!r}] is a {type(host[k]).__name__}")
    for k in ("seq", "pending", "pauses", "fetches"):
        if k not in host:
            raise RecordError(f"machine record lacks host[{k!r}]")
    for rid, entry in host["pending"].items():
        if not (type(rid) is str and type(entry) is tuple and len(entry) == 2 and
                type(entry[0]) is dict and type(entry[1]) is JSPromise):
            raise RecordError("bad machine record: a pending request")
        req = entry[0]
        headers = req.get("headers")
        if not (type(req.get("url")) is str and type(req.get("method")) is str and
                type(headers) is dict and all(type(k) is str and type(v) is str for k, v in headers.items())
                and isinstance(req.get("body"), OPT_STR) and isinstance(req.get("timestamp"), NUMBER)
                and isinstance(req.get("body_bytes"), (bytes, NoneType))
                and req.get("redirect") in (None, "manual", "error")):
            raise RecordError(f"bad machine record: pending request {rid!r}")
    meta = host.get("meta")
    if meta is not None and not (isinstance(meta.get("id", ""), str) and isinstance(meta.get("code", ""), str)
                                 and _finite(meta.get("timestamp", 0.0))):
        raise RecordError("bad machine record: host meta")
    if host.get("timers") is not None:
        _check_timers(host["timers"])


def _finite(x: Any) -> bool:
    return isinstance(x, NUMBER) and not isinstance(x, bool) and math.isfinite(x)


def _check_timers(t: dict) -> None:
    """The virtual clock and its timers: a clock or an interval that is not a finite number
    (or an interval under node's 1 ms) would make a resume's catch-up loop run forever."""
    heap, live = t.get("heap"), t.get("live")
    if not (type(heap) is list and type(live) is dict and type(t.get("seq")) is int
            and _finite(t.get("now"))):
        raise RecordError("bad machine record: timers")
    for e in heap:
        if not (type(e) is tuple and len(e) == 2 and _finite(e[0]) and type(e[1]) is int):
            raise RecordError("bad machine record: a timer's due time")
    for tid, e in live.items():
        if not (type(tid) is int and type(e) is tuple and len(e) == 3 and type(e[1]) is list
                and (e[2] is None or (_finite(e[2]) and e[2] >= 1))):
            raise RecordError("bad machine record: a timer")


def well_known(name: Any) -> JSSymbol:
    s = WELL_KNOWN.get(name) if type(name) is str else None
    if s is None:
        raise RecordError(f"state refers to an unknown well-known symbol {name!r}")
    return s
