"""Map, Set, WeakMap, WeakSet: natives called from Python (a stand-in machine drives the
generator natives), plus node-differential programs once the machine runs."""
from __future__ import annotations

import math
from typing import Any

import pytest

from tests.node_oracle import assert_same_as_node

from fetchflow.interp.operations.iteration import iterate_to_list
from fetchflow.interp.runtime import CTX
from fetchflow.interp.values import NULL, JSObject, JSThrow
from tests.interp.standin import A, PyFn, drive, invoke, standin_realm


# -- a stand-in machine (tests/interp/standin.py) ----------------------------------------------

@pytest.fixture(autouse=True)
def realm(request: Any) -> Any:
    if request.node.name.startswith("test_node"):  # api.run makes its own machine and realm
        yield None
        return
    with standin_realm() as r:
        yield r



def new(name: str, *args: Any) -> Any:
    f = CTX.realm.intr[name]
    return drive(f.fn(None, list(args), f))


def m(obj: Any, name: str, *args: Any) -> Any:
    f = obj.get(name, obj)
    return invoke(f, obj, list(args))


def keys_of(t: Any) -> list:
    return iterate_to_list(m(t, "keys"))


def error_name(e: JSThrow) -> str:
    return e.value.proto.get("name", e.value)


def obj() -> JSObject:
    return JSObject(CTX.realm.object_prototype)


def test_map_basics() -> None:
    mp = new("Map")
    o = obj()
    m(mp, "set", 1.0, "one")
    m(mp, "set", "1", "string one")
    m(mp, "set", True, "true")
    m(mp, "set", o, "obj")
    m(mp, "set", math.nan, "nan")
    m(mp, "set", -0.0, "zero")
    m(mp, "set", None, "undef")
    m(mp, "set", NULL, "null")
    assert m(mp, "get", 1.0) == "one"
    assert m(mp, "get", True) == "true"
    assert m(mp, "get", "1") == "string one"
    assert m(mp, "get", o) == "obj"
    assert m(mp, "get", obj()) is None
    assert m(mp, "get", float("nan")) == "nan"
    assert m(mp, "get", 0.0) == "zero"
    assert m(mp, "get", None) == "undef" and m(mp, "get", NULL) == "null"
    assert mp.get("size", mp) == 8.0
    ks = keys_of(mp)
    assert ks[5] == 0.0 and math.copysign(1, ks[5]) == 1.0  # -0 stored as +0
    assert m(mp, "delete", True) is True and m(mp, "delete", True) is False
    assert m(mp, "has", True) is False and m(mp, "has", 1.0) is True
    assert m(mp, "set", 2.0, 2.0) is mp
    m(mp, "clear")
    assert mp.get("size", mp) == 0.0


def test_set_basics_and_order() -> None:
    s = new("Set", A(3, 1, 3, 2, 1))
    assert keys_of(s) == [3.0, 1.0, 2.0]
    assert m(s, "add", 1.0) is s
    m(s, "delete", 3.0)
    m(s, "add", 3.0)
    assert keys_of(s) == [1.0, 2.0, 3.0]
    ents = iterate_to_list(m(s, "entries"))
    assert ents[0].elems == [1.0, 1.0]
    sp = CTX.realm.intr["SetPrototype"]
    assert sp.props["keys"] is sp.props["values"]
    from fetchflow.interp.values import SYM_ITERATOR, SYM_TO_STRING_TAG
    assert sp.props[SYM_ITERATOR] is sp.props["values"]
    mp = CTX.realm.intr["MapPrototype"]
    assert mp.props[SYM_ITERATOR] is mp.props["entries"]
    assert mp.props[SYM_TO_STRING_TAG] == "Map"


def test_map_from_entries() -> None:
    mp = new("Map", A(A("a", 1), A("b", 2), A("a", 3)))
    assert [e.elems for e in iterate_to_list(m(mp, "entries"))] == [["a", 3.0], ["b", 2.0]]
    with pytest.raises(JSThrow) as ei:
        new("Map", A(1))
    assert error_name(ei.value) == "TypeError"
    with pytest.raises(JSThrow):
        new("Map", 5.0)


def test_constructor_requires_new() -> None:
    f = CTX.realm.intr["Map"]
    with pytest.raises(JSThrow) as ei:
        drive(f.fn(None, [], None))
    assert "requires 'new'" in ei.value.value.props["message"]


def test_brand_checks() -> None:
    mp = new("Map")
    s = new("Set")
    with pytest.raises(JSThrow):
        invoke(CTX.realm.intr["SetPrototype"].props["add"], mp, [1.0])
    with pytest.raises(JSThrow):
        invoke(CTX.realm.intr["MapPrototype"].props["get"], s, [1.0])
    with pytest.raises(JSThrow):
        CTX.realm.intr["MapPrototype"].get("size", CTX.realm.intr["MapPrototype"])


def test_iteration_with_mutation() -> None:
    s = new("Set", A(1, 2, 3))
    it = m(s, "values")
    nxt = it.get("next", it)
    assert invoke(nxt, it, []).props["value"] == 1.0
    m(s, "delete", 2.0)
    m(s, "add", 4.0)
    assert invoke(nxt, it, []).props["value"] == 3.0
    assert invoke(nxt, it, []).props["value"] == 4.0
    r = invoke(nxt, it, [])
    assert r.props["done"] is True and r.props["value"] is None
    m(s, "add", 5.0)
    assert invoke(nxt, it, []).props["done"] is True  # exhausted iterators stay done


def test_clear_during_iteration() -> None:
    s = new("Set", A(1, 2, 3))
    it = m(s, "values")
    nxt = it.get("next", it)
    invoke(nxt, it, [])
    m(s, "clear")
    m(s, "add", 9.0)
    assert invoke(nxt, it, []).props["value"] == 9.0
    assert invoke(nxt, it, []).props["done"] is True


def test_foreach_mutation() -> None:
    s = new("Set", A(1, 2, 3))
    seen = []

    def cb(this: Any, args: list) -> Any:
        seen.append(args[0])
        assert args[1] == args[0] and args[2] is s
        if args[0] == 1.0:
            m(s, "delete", 2.0)
            m(s, "add", 4.0)
    m(s, "forEach", PyFn(cb))
    assert seen == [1.0, 3.0, 4.0]
    mp = new("Map", A(A("k", "v")))
    got = []
    m(mp, "forEach", PyFn(lambda this, args: got.append((args[0], args[1], this))), "T")
    assert got == [("v", "k", "T")]


def test_queue_usage_stays_small() -> None:
    mp = new("Map")
    for i in range(10000):
        m(mp, "set", float(i), float(i))
        if i >= 5:
            m(mp, "delete", float(i - 5))
    assert mp.get("size", mp) == 5.0
    assert len(mp.mkeys) < 100
    assert keys_of(mp) == [9995.0, 9996.0, 9997.0, 9998.0, 9999.0]
    assert m(mp, "get", 9997.0) == 9997.0


def test_compaction_scattered_deletes() -> None:
    s = new("Set")
    for i in range(1000):
        m(s, "add", float(i))
    for i in range(0, 1000, 3):
        if i:
            m(s, "delete", float(i))
    for i in range(1, 1000, 3):
        m(s, "delete", float(i))
    expected = [0.0] + [float(i) for i in range(2, 1000, 3)]
    assert keys_of(s) == expected
    assert len(s.mkeys) < 1000
    assert all(m(s, "has", x) for x in expected)


def test_live_iterator_blocks_compaction() -> None:
    s = new("Set")
    for i in range(200):
        m(s, "add", float(i))
    it = m(s, "values")
    nxt = it.get("next", it)
    for _ in range(100):
        invoke(nxt, it, [])
    for i in range(0, 200, 2):
        m(s, "delete", float(i))
    rest = []
    while True:
        r = invoke(nxt, it, [])
        if r.props["done"]:
            break
        rest.append(r.props["value"])
    assert rest == [float(i) for i in range(101, 200, 2)]


def test_weak_collections() -> None:
    wm = new("WeakMap")
    k = obj()
    assert m(wm, "set", k, 1.0) is wm
    assert m(wm, "get", k) == 1.0 and m(wm, "has", k) is True
    assert m(wm, "has", 1.0) is False and m(wm, "get", "x") is None
    assert m(wm, "delete", 1.0) is False and m(wm, "delete", k) is True
    with pytest.raises(JSThrow) as ei:
        m(wm, "set", 1.0, 1.0)
    assert ei.value.value.props["message"] == "Invalid value used as weak map key"
    ws = new("WeakSet", A(k))
    assert m(ws, "has", k) is True
    with pytest.raises(JSThrow):
        m(ws, "add", "s")
    with pytest.raises(JSThrow):
        new("WeakMap", A(A(1, 2)))
    wp = CTX.realm.intr["WeakMapPrototype"]
    assert "size" not in wp.props and "forEach" not in wp.props


def test_custom_adder_is_called() -> None:
    """new Set(iterable) looks up and calls this.add (here replaced on Set.prototype)."""
    sp = CTX.realm.intr["SetPrototype"]
    calls = []
    orig = sp.props["add"]

    def add(this: Any, args: list) -> Any:
        calls.append(args[0])
        return invoke(orig, this, args)
    sp.props["add"] = PyFn(add)
    s = new("Set", A(1, 2))
    assert calls == [1.0, 2.0] and keys_of(s) == [1.0, 2.0]


def test_adder_throw_closes_iterator() -> None:
    from fetchflow.interp.operations.iteration import create_iter_result_object
    from fetchflow.interp.values import SYM_ITERATOR
    closed = []
    it = obj()
    it.props["next"] = PyFn(lambda this, args: create_iter_result_object(1.0, False))
    it.props["return"] = PyFn(lambda this, args: closed.append(1) or obj())
    iterable = obj()
    iterable.props[SYM_ITERATOR] = PyFn(lambda this, args: it)
    with pytest.raises(JSThrow):
        new("Map", iterable)  # 1 is not an entry object
    assert closed == [1]


def test_state_round_trip() -> None:
    """A Map (its index is derived data, rebuilt on load) and a live iterator over it survive
    a pause saved as a state."""
    import fetchflow
    r = fetchflow.execute_code("""
        const mp = new Map([[NaN, "n"], [true, "t"], ["k", "v"]]);
        mp.delete("k");
        const it = mp.keys();
        it.next();
        await fetch("https://example.test/");
        mp.set("z", 1);
        console.log(mp.get(NaN), mp.get(true), mp.has("k"), it.next().value, [...it].join());
    """, quiet=True)
    resp = fetchflow.FetchResponse(r.fetch_request.id, True, 200, "OK", "")
    done = fetchflow.resume_execution(r.state.to_bytes(), resp, quiet=True)
    assert done.console == ["n t false true z"]


def test_entries_list_for_display() -> None:
    mp = new("Map", A(A("a", 1), A("b", 2)))
    m(mp, "delete", "a")
    assert mp.entries_list() == [("b", 2.0)]
    s = new("Set", A("x"))
    assert s.entries_list() == [("x", "x")]


def test_species_and_names() -> None:
    from fetchflow.interp.values import SYM_SPECIES
    mc = CTX.realm.intr["Map"]
    acc = mc.props[SYM_SPECIES]
    assert acc.get.props["name"] == "get [Symbol.species]"
    assert invoke(acc.get, mc, []) is mc
    mp = CTX.realm.intr["MapPrototype"]
    assert mp.props["size"].get.props["name"] == "get size"
    from fetchflow.interp.values import SYM_ITERATOR
    assert mp.props[SYM_ITERATOR].props["name"] == "entries"


# -- node-differential programs -------------------------------------------------------------------

MAP_SET_PROGRAMS = [
r"""const m = new Map(); const o = {}; m.set(1, 'one').set('1', 's1').set(true, 't').set(o, 'obj').set(NaN, 'nan').set(-0, 'z').set(undefined, 'u').set(null, 'n');
console.log(m.size, m.get(1), m.get('1'), m.get(true), m.get(o), m.get({}), m.get(NaN), m.get(0), m.get(-0), m.get(undefined), m.get(null), m.get(1n === undefined))""".replace(", m.get(1n === undefined)", ""),
r"""const m = new Map([[-0, 'a']]); console.log(Object.is([...m.keys()][0], 0), m.has(0), m.has(-0)); const s = new Set([-0]); console.log(Object.is([...s][0], 0))""",
r"""const m = new Map([['a', 1], ['b', 2], ['a', 3]]); console.log(JSON.stringify([...m]), m.size, m.delete('a'), m.delete('a'), m.has('a'), m.size); m.clear(); console.log(m.size, [...m].length)""",
r"""const s = new Set([3, 1, 3, 2, 1]); console.log([...s].join(), s.size, s.has(3), s.add(1) === s); s.delete(3); s.add(3); console.log([...s].join())""",
r"""const s = new Set('hello'); console.log([...s].join(''), new Set().size, new Set(null).size, new Set(undefined).size, new Map(null).size)""",
r"""for (const bad of [5, {}, true, 'ab']) { try { new Map(bad); console.log('ok') } catch (e) { console.log(e.constructor.name) } }""",
r"""try { new Map([1]) } catch (e) { console.log(e.constructor.name) } try { new Map([[1, 2], 'x']) } catch (e) { console.log(e.constructor.name) } console.log(new Map([['ab']]).get('ab'))""",
r"""for (const C of [Map, Set, WeakMap, WeakSet]) { try { C() } catch (e) { console.log(C.name, e.constructor.name) } }""",
r"""try { Map.prototype.get.call({}, 1) } catch (e) { console.log(e.constructor.name) } try { Set.prototype.add.call(new Map(), 1) } catch (e) { console.log(e.constructor.name) } try { Map.prototype.size } catch (e) { console.log(e.constructor.name) } try { Set.prototype.has.call(new WeakSet(), 1) } catch (e) { console.log(e.constructor.name) }""",
r"""const s = new Set([1, 2, 3]); const out = []; for (const x of s) { out.push(x); if (x === 1) { s.delete(2); s.add(4) } } console.log(out.join())""",
r"""const m = new Map([[1, 'a'], [2, 'b']]); const out = []; for (const [k, v] of m) { out.push(k + v); if (k === 1 && v === 'a') { m.delete(1); m.set(1, 'again') } } console.log(out.join())""",
r"""const s = new Set([1, 2, 3]); const it = s.values(); it.next(); s.clear(); s.add(9); console.log(JSON.stringify(it.next()), JSON.stringify(it.next())); s.add(10); console.log(it.next().done)""",
r"""const s = new Set([1, 2, 3]); const seen = []; s.forEach(function (v, k, set) { seen.push(v + '/' + k + '/' + (set === s) + '/' + this.t); if (v === 1) { s.delete(2); s.add(4) } }, {t: 'T'}); console.log(seen.join(' '))""",
r"""const m = new Map([['k', 'v']]); m.forEach((v, k, map) => console.log(v, k, map === m)); try { m.forEach(5) } catch (e) { console.log(e.constructor.name) }""",
r"""const m = new Map(); for (let i = 0; i < 20000; i++) { m.set(i, i); if (i >= 5) m.delete(i - 5) } console.log(m.size, [...m.keys()].join())""",
r"""const s = new Set(); for (let i = 0; i < 3000; i++) s.add(i); for (let i = 0; i < 3000; i += 2) s.delete(i); let t = 0; for (const x of s) t += x; console.log(s.size, t, s.has(1), s.has(2))""",
r"""const s = new Set(); for (let i = 0; i < 200; i++) s.add(i); const it = s.values(); for (let i = 0; i < 100; i++) it.next(); for (let i = 0; i < 200; i += 2) s.delete(i); const rest = [...it]; console.log(rest.length, rest[0], rest[rest.length - 1])""",
r"""const m = new Map([[1, 'a']]); const e = m.entries(); console.log(Object.prototype.toString.call(e), Object.prototype.toString.call(new Set().values()), Object.prototype.toString.call(m), String(new Set()))""",
r"""console.log(Map.prototype[Symbol.iterator] === Map.prototype.entries, Set.prototype[Symbol.iterator] === Set.prototype.values, Set.prototype.keys === Set.prototype.values, Map.prototype.entries.name, Set.prototype.keys.name)""",
r"""console.log(Map.length, Set.length, WeakMap.length, WeakSet.length, Map.prototype.set.length, Map.prototype.forEach.length, Object.getOwnPropertyDescriptor(Map.prototype, 'size').get.name, Map[Symbol.species] === Map)""",
r"""console.log(Object.getOwnPropertyNames(Map.prototype).sort().join(), Object.getOwnPropertyNames(Set.prototype).sort().join())""",
r"""console.log(Object.getOwnPropertyNames(WeakMap.prototype).sort().join(), Object.getOwnPropertyNames(WeakSet.prototype).sort().join(), WeakMap.prototype[Symbol.toStringTag])""",
r"""const wm = new WeakMap(); const k = {}; console.log(wm.set(k, 1) === wm, wm.get(k), wm.has(k), wm.has(1), wm.get('x'), wm.delete(1), wm.delete(k), wm.has(k))""",
r"""for (const bad of [1, 'a', null, undefined, true]) { try { new WeakMap().set(bad, 1) } catch (e) { console.log(e.constructor.name) } try { new WeakSet().add(bad) } catch (e) { console.log(e.constructor.name) } }""",
r"""const k = {}; const ws = new WeakSet([k]); console.log(ws.has(k), ws.has({})); try { new WeakSet([1]) } catch (e) { console.log(e.constructor.name) } try { new WeakMap([[1, 2]]) } catch (e) { console.log(e.constructor.name) }""",
r"""const orig = Set.prototype.add; const calls = []; Set.prototype.add = function (v) { calls.push(v); return orig.call(this, v) }; const s = new Set([1, 2]); Set.prototype.add = orig; console.log(calls.join(), s.size)""",
r"""Map.prototype.set = 5; try { new Map([[1, 2]]) } catch (e) { console.log(e.constructor.name) } console.log(new Map().size)""",
r"""let closed = 0; const it = { [Symbol.iterator]() { let i = 0; return { next() { return {value: i++ === 0 ? [1, 1] : 7, done: false} }, return() { closed++; return {} } } } }; try { new Map(it) } catch (e) { console.log(e.constructor.name, closed) }""",
r"""function* g() { yield ['a', 1]; yield ['b', 2] } const m = new Map(g()); console.log(m.get('b'), m.size); console.log(new Set(new Set([1, 2])).size, new Map(new Map([[1, 2]])).get(1))""",
r"""class M extends Map { constructor(it) { super(it); this.extra = true } } const m = new M([[1, 2]]); console.log(m.get(1), m.extra, m instanceof Map, m.size)""",
r"""class S extends Set { add(v) { return super.add(v * 10) } } const s = new S([1, 2]); console.log([...s].join())""",
r"""const m = new Map([[1, {a: 1}], ['k', [1, 2]]]); console.log(m); console.log(new Set([1, 'two', [3]])); console.log(new WeakMap(), new WeakSet(), new Map(), new Set())""",
r"""const m = new Map([[1, 'a'], [2, 'b']]); console.log(m.keys(), m.values(), m.entries()); const s = new Set([5]); console.log(s.values(), s.entries())""",
r"""const m = new Map([[1, 'a'], [2, 'b']]); const it = m.keys(); it.next(); console.log(it); console.log([...it], it)""",
r"""const s = new Set([NaN, NaN, 0, -0, '0', false, null, undefined, undefined]); console.log(s.size, [...s].map(String).join())""",
r"""const objs = Array.from({length: 100}, (_, i) => ({i})); const m = new Map(objs.map(o => [o, o.i])); let sum = 0; for (const o of objs) sum += m.get(o); console.log(sum, m.size, m.has({i: 1}))""",
r"""const m = new Map(); const keys = [1, '1', true, 'true', null, 'null', undefined, 'undefined', 1.5, NaN]; keys.forEach((k, i) => m.set(k, i)); console.log(keys.map(k => m.get(k)).join(), m.size)""",
r"""const m = new Map([[1, 2]]); const mi = m[Symbol.iterator](); console.log(mi[Symbol.iterator]() === mi, typeof mi.next, Object.getPrototypeOf(Object.getPrototypeOf(mi)) === Object.getPrototypeOf(Object.getPrototypeOf([].keys())))""",
r"""try { new Map().keys().next.call([].keys()) } catch (e) { console.log(e.constructor.name) } try { new Set().values().next.call(new Map().keys()) } catch (e) { console.log(e.constructor.name) }""",
r"""const s = new Set([1, 2, 3, 4, 5]); for (const x of s) { s.delete(x); if (x < 4) s.add(x + 10) } console.log([...s].join())""",
r"""const m = new Map(); m.set('a', 1); const it = m.entries(); m.delete('a'); m.set('a', 2); console.log(JSON.stringify([...it]))""",
]

MAP_SET_PROGRAMS += [
r"""let gets = 0;
function mk() { let i = 0; const it = {}; Object.defineProperty(it, 'next', {get() { gets++; return () => i < 3 ? {value: [i, i++], done: false} : {done: true} }}); return {[Symbol.iterator]: () => it} }
Array.from(mk()); console.log('from', gets); gets = 0;
new Map(mk()); console.log('map', gets); gets = 0;
new Set(mk()); console.log('set', gets); gets = 0;
[...mk()]; console.log('spread', gets); gets = 0;
Array.from(mk(), x => x); console.log('from map', gets); gets = 0;""",
]

XFAIL: dict = {}  # program index -> reason (a difference outside this module)


@pytest.mark.parametrize("i", range(len(MAP_SET_PROGRAMS)))
def test_node(i: int) -> None:
    if i in XFAIL:
        pytest.xfail(XFAIL[i])
    assert_same_as_node(MAP_SET_PROGRAMS[i])


PAUSE_SRC = r'''
const m = new Map([[NaN, 'nan'], [true, 't'], ['k', 'v'], [1, 'one']]);
m.delete('k');
const s = new Set([1, 2, 3]);
const ws = new WeakMap(); const key = {}; ws.set(key, 'weak');
const mi = m.entries(); mi.next();
const si = s.values(); si.next();
const ai = [10, 20, 30][Symbol.iterator](); ai.next();
const stri = 'a\ud83d\ude00b'[Symbol.iterator](); stri.next();
const r = await fetch('https://e.x/a');
s.delete(2); s.add(4);
console.log(m.get(NaN), m.get(true), m.has('k'), m.size, JSON.stringify([...mi]), [...si].join(), [...ai].join(), [...stri].length, ws.get(key));
m.set('new', 1); console.log([...m.keys()].map(String).join());
'''


def test_node_collections_and_iterators_survive_a_pause() -> None:
    """Maps, sets, weak maps and live iterators pickle through a fetch pause (state bytes)."""
    import fetchflow
    from fetchflow import FetchResponse
    r = fetchflow.execute_code(PAUSE_SRC, quiet=True)
    assert r.type == "paused"
    r2 = fetchflow.resume_execution(r.state.to_bytes(),
                                    FetchResponse(r.fetch_request.id, True, 200, "OK", "x"), quiet=True)
    assert r2.type == "completed"
    assert r2.console == ['nan t false 3 [[true,"t"],[1,"one"]] 3,4 20,30 2 weak', "NaN,true,1,new"]
