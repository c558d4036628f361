"""State format 3: the realm's built-ins are saved by name when untouched and as records
applied in place onto a fresh realm's objects when a script changed them
(fetchflow/interp/realm_snapshot.py, fetchflow/state.py)."""
from __future__ import annotations

import pytest

from fetchflow import FetchResponse, execute_code, resume_execution
from fetchflow.host.environment import create_machine
from fetchflow.interp.realm_snapshot import REALM_PATH, take_snapshot
from fetchflow.state import dump_machine, load_machine
from tests.host.pause_check import assert_pause_transparent
from tests.security.state_tools import read_stream, refs

API = "https://a.example/"


def across(before: str, after: str) -> object:
    """Run ``before``, pause on a fetch, resume from bytes (a fresh realm), run ``after``."""
    r = execute_code(f'{before}\nawait fetch("{API}");\n{after}', quiet=True)
    assert r.type == "paused"
    done = resume_execution(r.state.to_bytes(), FetchResponse(r.fetch_request.id, True, 200, "OK", "x"),
                            quiet=True)
    assert done.type == "completed", done
    return done.result


@pytest.mark.parametrize("before, after, expected", [
    # identity of built-ins held by the script
    ("const f = Array.prototype.push, o = Object.prototype, k = Map;",
     "[f === Array.prototype.push, o === Object.prototype, k === Map, Object.getPrototypeOf({}) === o]",
     [True, True, True, True]),
    ("const d = Object.getOwnPropertyDescriptor(Map.prototype, 'size');",
     "[d.get === Object.getOwnPropertyDescriptor(Map.prototype, 'size').get, d.get.name]",
     [True, "get size"]),
    ("const it = [][Symbol.iterator];", "it === Array.prototype.values", True),
    # an object a built-in keeps in an internal slot
    ("const s = crypto.subtle;", "[s === crypto.subtle, typeof s.digest]", [True, "function"]),
    # a property added, replaced, deleted; a user function on a built-in
    ("Array.prototype.sum = function () { return this.reduce((a, b) => a + b, 0); };",
     "[[1, 2, 3].sum(), Object.keys(Array.prototype).length]", [6, 1]),
    ("const push = Array.prototype.push; Array.prototype.push = function (x) { return push.call(this, x * 2); };",
     "const a = []; a.push(4); [a[0], Array.prototype.push !== push, push.name]", [8, True, "push"]),
    ("delete Math.max; const keep = Math.min;", "[typeof Math.max, keep === Math.min]", ["undefined", True]),
    ("const f = JSON.stringify; delete JSON.stringify;",
     "[JSON.stringify, f({a: 1}), Object.getOwnPropertyNames(JSON).includes('stringify')]",
     [None, '{"a":1}', False]),
    # the same value written back is still the same
    ("Math.PI2 = Math.PI * 2; Math.PI2 = Math.PI * 2;", "Math.PI2", 6.283185307179586),
    # prototype, extensibility, attributes
    ("Object.freeze(Math);", "[Object.isFrozen(Math), (() => { 'use strict'; try { Math.x = 1; } catch (e) { return e.constructor === TypeError; } })()]",
     [True, True]),
    ("Object.setPrototypeOf(Math, Array.prototype);", "[Object.getPrototypeOf(Math) === Array.prototype, typeof Math.map]",
     [True, "function"]),
    ("Object.defineProperty(Array.prototype.push, 'name', {value: 'shove'});",
     "[Array.prototype.push.name, [].push.name]", ["shove", "shove"]),
    # the internals of an exotic built-in (Array.prototype is an array)
    ("Array.prototype.push.call(Array.prototype, 7, 8);", "[Array.prototype.length, [][1]]", [2, 8]),
    # globals
    ("globalThis.answer = 42; var v = 1; function g() { return v + answer; }", "g()", 43),
    ("const realConsole = console; globalThis.console = {log() {}}; ", "[realConsole !== console, typeof realConsole.log]",
     [True, "function"]),
    ("JSON.alias = Math; globalThis.Math = JSON;", "[Math === JSON, JSON.alias.max(1, 2), JSON.alias === Object.getPrototypeOf(JSON.alias) ]",
     [True, 2, False]),
    # a getter replaced, a Symbol.toStringTag set, a private element stamped on a built-in
    ("Object.defineProperty(Map.prototype, 'size', {get() { return -1; }, configurable: true});",
     "new Map([[1, 2]]).size", -1),
    ("class Stamp extends (function (o) { return o; }) { #tag = 'stamped'; static read(o) { return o.#tag; } }"
     "new Stamp(Math);", "Stamp.read(Math)", "stamped"),
    # Math.random's state and the symbol registry travel with the realm
    ("const k = Symbol.for('app.key'); const o = {[k]: 1};", "[Symbol.for('app.key') === k, o[Symbol.for('app.key')]]",
     [True, 1]),
    # changes == cannot see: -0 for 0, true for 1, a key deleted and added again (its order)
    ("Object.defineProperty(Array.prototype.keys, 'length', {value: -0});",
     "[Object.is(Array.prototype.keys.length, -0), Object.is([].keys.length, -0)]", [True, True]),
    ("Object.defineProperty(Array.prototype.at, 'length', {value: true});", "typeof Array.prototype.at.length", "boolean"),
    ("const d = Object.getOwnPropertyDescriptor(Math, 'max'); delete Math.max; Object.defineProperty(Math, 'max', d);",
     "const n = Object.getOwnPropertyNames(Math); [n.indexOf('max') === n.length - 1, Math.max(1, 2)]", [True, 2]),
    # RegExp legacy statics live in a built-in's internal data
    ("/(a)(b)/.exec('xab');", "[RegExp.$1, RegExp.$2, RegExp.lastMatch]", ["a", "b", "ab"]),
])
def test_builtins_survive_a_pause(before: str, after: str, expected: object) -> None:
    assert across(before, after) == expected


def test_untouched_builtins_are_saved_by_name() -> None:
    r = execute_code(f'const f = Array.prototype.push, o = {{m: Math}}; await fetch("{API}"); [f, o]', quiet=True)
    items = read_stream(r.state.to_bytes())
    assert items[0]["version"] == 3
    pids = refs(items)
    names = {p[1] for p in pids if p[0] == "I"}
    assert {"ArrayProto_push", "Math", "global"} <= names   # push's first name: an intr alias
    kinds = [p[1] for p in pids if type(p[0]) is int]
    assert "NativeFunction" not in kinds and "Accessor" not in kinds
    assert (0, "RealmState", REALM_PATH) in pids


def test_a_changed_builtin_is_saved_as_a_patch_of_its_name() -> None:
    r = execute_code(f'Math.extra = 1; await fetch("{API}"); Math.extra', quiet=True)
    pids = refs(read_stream(r.state.to_bytes()))
    assert any(type(p[0]) is int and p[1:] == ("Object", "Math") for p in pids)


def test_save_load_save_keeps_the_names_and_the_size() -> None:
    r = execute_code(f'Array.prototype.x = 1; const m = new Map([[1, [Math]]]); await fetch("{API}"); m', quiet=True)
    once = r.state.to_bytes()
    again = dump_machine(load_machine(once))
    assert sorted(map(repr, refs(read_stream(once)))) == sorted(map(repr, refs(read_stream(again))))
    assert abs(len(again) - len(once)) < 64


def test_snapshots_of_two_realms_share_no_object_and_name_alike() -> None:
    a, b = create_machine().realm.snapshot, create_machine().realm.snapshot
    assert not set(map(id, a.objects)) & set(map(id, b.objects))
    paths = [a.path(i) for i in range(len(a.objects))]
    assert paths == [b.path(i) for i in range(len(b.objects))]
    assert None not in paths and len(set(paths)) == len(paths) and REALM_PATH not in paths
    assert a.changed() == []


def test_a_snapshot_made_by_following_the_last_walk_is_the_walk() -> None:
    """Realms after the first are snapshotted by following the first one's steps
    (realm_snapshot._follow): the same objects as a full walk of that realm."""
    from fetchflow.interp import realm_snapshot as RS
    create_machine()
    r = create_machine().realm
    full = RS.RealmSnapshot()
    RS._walk(r, full)
    assert r.snapshot.objects == full.objects and r.snapshot.keys == full.keys
    assert r.snapshot.parents == full.parents


def test_a_property_called_get_is_not_an_accessor_step() -> None:
    s = take_snapshot(create_machine().realm)
    named = s.by_path()
    assert named["Reflect/.get"].native_name == "Reflect.get"
    assert named["MapPrototype/.size/get"].native_name == "get Map.prototype.size"
    assert named["MapPrototype/.get"].native_name == "Map.prototype.get"


def test_pause_transparent_with_changed_builtins() -> None:
    assert_pause_transparent('''
        Array.prototype.total = function () { let s = 0; for (const x of this) s += x; return s; };
        const seen = new Set([Object.prototype, Array.prototype.push]);
        PAUSE
        String.prototype.shout = function () { return this.toUpperCase() + "!"; };
        console.log("hi".shout(), seen.has(Object.prototype), seen.has([].push), [1, 2].total());
    ''')


def test_changes_after_a_load_are_saved_again() -> None:
    """A loaded machine's realm is a fresh one with patches: its next state carries those
    patches and the new changes, and an undone change saves as untouched again."""
    r = execute_code('''
        Array.prototype.total = function () { let s = 0; for (const x of this) s += x; return s; };
        Math.seven = 7;
        const f = Array.prototype.push;
        await fetch("https://a.example/1");
        String.prototype.shout = function () { return this.toUpperCase() + "!"; };
        delete Math.seven;
        await fetch("https://a.example/2");
        [[1, 2].total(), "hi".shout(), "seven" in Math, f === [].push]
    ''', quiet=True)
    first = r.state.to_bytes()
    r = resume_execution(first, FetchResponse(r.fetch_request.id, True, 200, "OK", ""), quiet=True)
    second = r.state.to_bytes()
    patched = {p[2] for p in refs(read_stream(second)) if type(p[0]) is int and len(p) == 3}
    assert {"ArrayPrototype", "StringPrototype", "realm"} <= patched
    # Math was changed and changed back: its keys are as made, but its props dict is not
    # the same objects in the same order, so it may be saved either way; it must read right
    done = resume_execution(second, FetchResponse(r.fetch_request.id, True, 200, "OK", ""), quiet=True)
    assert done.result == [3, "HI!", False, True]


def test_the_globals_a_realm_was_born_with_travel_by_default() -> None:
    r = execute_code(f'globalThis.mine = 1; await fetch("{API}"); 1', quiet=True)
    b = r.state.to_bytes()
    assert "builtin_globals" not in read_stream(b)[1]["host"]   # the fresh realm's
    m = load_machine(b)
    assert m.host.builtin_globals == create_machine().host.builtin_globals
    assert "mine" not in m.host.builtin_globals and "fetch" in m.host.builtin_globals
    m.host.builtin_globals = {"only"}
    assert load_machine(dump_machine(m)).host.builtin_globals == {"only"}
    m.host.builtin_globals = set()
    assert load_machine(dump_machine(m)).host.builtin_globals == set()
