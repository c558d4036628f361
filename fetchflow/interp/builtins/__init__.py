"""The built-in objects, one module per global object.

How a builtin module is written (read this before adding one)
==============================================================

Each module defines natives with ``@native(name, length, ...)`` (see ``interp/natives.py``)
and a ``setup(realm)`` function that creates the objects and installs them; ``Realm``
imports every module listed in ``realm.BUILTIN_MODULES`` in order.

Values: undefined is ``None``, null is ``NULL``, numbers are always ``float``, strings
are ``str`` of UTF-16 code units, symbols ``JSSymbol``, objects ``JSObject`` (see
``interp/values.py``).  Never return a Python ``int`` to JS.

A native: ``def f(this, args)`` (``args`` is a list; read missing ones as ``None`` with
``arg(args, i)``).  Throw with ``raise type_error("...")`` (``operations/errors.py``).
Abstract operations keep spec names: ``to_string``, ``to_number``, ``to_object``,
``to_property_key``, ``to_integer``, ``to_length``, ``same_value``, ``get``, ``get_v``,
``create_data_property``, ``define_property_or_throw``, ``create_array_from_list``,
``species_constructor``... in ``operations/``.

Calling JS functions from a native:
* a callback the spec calls in a loop (map/forEach/sort/reduce/JSON replacer,
  Function.prototype.call/apply) must not recurse in Python: register the native
  with ``gen=True`` and write it as a generator: ``r = yield (f, this_arg, [args])``.
* implicit calls (getters, valueOf via ``to_primitive``) use ``operations.calls.call``.

Setup helpers on ``Realm``: ``realm.native(name)`` makes the function object (with
``length``/``name``), ``realm.method(obj, key, name)`` installs a method,
``realm.getter(obj, key, name)`` an accessor, ``realm.constructor(Name, native_name,
proto)`` a constructor with its prototype on the global object; intrinsics go in
``realm.intr["ArrayPrototype"]`` etc.
"""
