"""The ES2018-ES2023 library (issue 10) against node 20: each program prints the same lines
in fetchflow (both modes) as in node.  Programs use ES2017 syntax only.  Errors print as
``Name: message``; stacks are never printed (the call sites differ)."""
from __future__ import annotations

import pytest

from tests.node_oracle import assert_same_as_node

# `t` prints a value, or the error a thunk throws
T = "const t = (f) => { try { console.log(f()) } catch (e) { console.log(e.constructor.name + ': ' + e.message) } };\n"

PROGRAMS = {
    "array_flat": T + """
t(() => [1, [2, [3, [4]]]].flat());
t(() => [1, [2, [3, [4]]]].flat(2));
t(() => [1, [2, [3, [4]]]].flat(Infinity));
t(() => [1, [2, [3]]].flat(0));
t(() => [1, [2, [3]]].flat(-1));
t(() => [1, [2, [3]]].flat('1'));
t(() => [, 1, [, 2, , 3], , 4].flat());
t(() => Array.prototype.flat.call({length: 2, 0: [1, 2], 1: 'ab'}));
t(() => { const a = [1]; a.push(a); return a.flat(Infinity) });
t(() => [1, 2, 3].flatMap(x => [x, x * 10]));
t(() => [1, 2].flatMap(x => [[x]]));
t(() => ['a b', 'c'].flatMap(function (s, i, arr) { return s.split(' ').concat(this.tag, i, arr.length) }, {tag: '!'}));
t(() => [1].flatMap(1));
t(() => [1].flatMap());
t(() => { class A extends Array {}; const a = A.from([1, [2]]); return [a.flat() instanceof A, a.flatMap(x => x) instanceof A] });
t(() => [Array.prototype.flat.length, Array.prototype.flatMap.length, Array.prototype.flat.name]);
""",
    "array_at_find_last": T + """
t(() => [1, 2, 3].at(0) + ' ' + [1, 2, 3].at(-1) + ' ' + [1, 2, 3].at(3) + ' ' + [1, 2, 3].at(-4));
t(() => [[1, 2].at(1.7), [1, 2].at('-1'), [1, 2].at(NaN), [1, 2].at(-Infinity), [].at()]);
t(() => Array.prototype.at.call({length: 2, 0: 'x', 1: 'y'}, -1));
t(() => Array.prototype.at.call('abc', -1));
t(() => [1, 2, 3, 4].findLast(x => x % 2));
t(() => [1, 2, 3, 4].findLastIndex(x => x % 2));
t(() => [1, 2, 3].findLast(x => x > 5) + ' ' + [1, 2, 3].findLastIndex(x => x > 5));
t(() => { const seen = []; [5, , 7].findLast((v, i, a) => { seen.push([v, i, a.length]); return false }); return seen });
t(() => [1].findLast(1));
t(() => [1].findLastIndex());
t(() => [1, 2].findLast(function (x) { return x === this.v }, {v: 1}));
t(() => Array.prototype.findLastIndex.call({length: 3, 0: 'a', 2: 'c'}, x => x === undefined));
t(() => Object.keys(Array.prototype[Symbol.unscopables]));
""",
    "array_by_copy": T + """
const a = [3, 1, 2];
t(() => [a.toSorted(), a.toReversed(), a.toSpliced(1, 1), a.with(0, 9), a]);
t(() => [10, 9, 1, 100].toSorted());
t(() => [10, 9, 1, 100].toSorted((x, y) => x - y));
t(() => [undefined, 3, , 1].toSorted());
t(() => [, 1].toReversed());
t(() => [1, 2, 3, 4].toSpliced(1, 2, 'a', 'b', 'c'));
t(() => [1, 2, 3].toSpliced(-1));
t(() => [1, 2, 3].toSpliced());
t(() => [1, 2, 3].toSpliced(1, undefined, 'x'));
t(() => [1, 2, 3].with(-1, 'z'));
t(() => [1].with(5, 1));
t(() => [1].with(-2, 1));
t(() => [1].toSorted(1));
t(() => Array.prototype.toReversed.call({length: 2, 0: 'a', 1: 'b'}));
t(() => Array.prototype.toReversed.call({length: 2 ** 32}));
t(() => Array.prototype.toSpliced.call({length: 2 ** 53 - 1}, 0, 0, 1));
t(() => Array.prototype.with.call({length: 2 ** 32}, 0, 1));
t(() => { class A extends Array {}; return A.from([2, 1]).toSorted().constructor === Array });
t(() => { const s = [{k: 1, v: 'a'}, {k: 0, v: 'b'}, {k: 1, v: 'c'}, {k: 0, v: 'd'}]; return s.toSorted((x, y) => x.k - y.k).map(x => x.v).join('') });
t(() => [Array.prototype.toSpliced.length, Array.prototype.with.length, Array.prototype.toSorted.length]);
""",
    "array_sort_stable": T + """
const rows = []; for (let i = 0; i < 40; i++) rows.push({g: i % 4, i});
t(() => rows.slice().sort((x, y) => x.g - y.g).map(r => r.i).join(','));
t(() => ['b', 'a', 'B', 'A', '\\ud83d\\ude00', '\\uffff'].sort());
""",
    "object_from_entries_has_own": T + """
t(() => Object.fromEntries([['a', 1], ['b', 2]]));
t(() => Object.fromEntries(new Map([['x', 1], [Symbol.iterator, 2]])));
t(() => Object.fromEntries(Object.entries({p: 1, q: [2]}).map(([k, v]) => [k.toUpperCase(), v])));
t(() => Object.fromEntries([[1, 'one'], [{toString() { return 'k' }}, 'v']]));
t(() => Object.fromEntries([1]));
t(() => Object.fromEntries(null));
t(() => Object.fromEntries());
t(() => { let closed = 0; const it = {[Symbol.iterator]() { return {next() { return {value: 5, done: false} }, return() { closed++; return {} }} }}; try { Object.fromEntries(it) } catch (e) { return [e.constructor.name, closed] } });
t(() => { function* g() { yield ['a', 1]; yield ['b', 2] } return Object.fromEntries(g()) });
t(() => [Object.hasOwn({a: 1}, 'a'), Object.hasOwn({a: 1}, 'b'), Object.hasOwn(Object.create({a: 1}), 'a'), Object.hasOwn('ab', 1), Object.hasOwn([], 'length')]);
t(() => Object.hasOwn(null, 'a'));
t(() => [Object.fromEntries.length, Object.hasOwn.length, Object.hasOwn.name]);
""",
    "string_methods": T + """
t(() => '[' + '  a b  '.trimStart() + '][' + '  a b  '.trimEnd() + '][' + '\\u00a0\\ufeffx\\n'.trimStart() + ']');
t(() => [String.prototype.trimLeft === String.prototype.trimStart, String.prototype.trimRight === String.prototype.trimEnd, String.prototype.trimLeft.name, String.prototype.trimEnd.name]);
t(() => String.prototype.trimStart.call(null));
t(() => ['abc'.at(0), 'abc'.at(-1), 'abc'.at(5), 'abc'.at(-4), '\\ud83d\\ude00'.at(0).length]);
t(() => String.prototype.at.call(null));
t(() => 'a-b-c'.replaceAll('-', '+'));
t(() => 'aaa'.replaceAll('a', '$&$&'));
t(() => 'xyz'.replaceAll('', '_'));
t(() => 'a.b.c'.replaceAll('.', (m, i, s) => '[' + m + i + s.length + ']'));
t(() => 'abcabc'.replaceAll(/b/g, '$`'));
t(() => 'abc'.replaceAll(/b/, 'x'));
t(() => 'a1b2'.replaceAll(/(\\d)/g, (m, d) => d * 2));
t(() => String.prototype.replaceAll.call(null));
t(() => 'aXbX'.replaceAll({[Symbol.replace](s, r) { return s + '|' + r }}, 'r'));
t(() => 'q$q'.replaceAll('$', '$$'));
t(() => [String.prototype.replaceAll.length, String.prototype.matchAll.length]);
""",
    "string_match_all": T + """
t(() => [...'a1b22c333'.matchAll(/\\d+/g)].map(m => m[0] + '@' + m.index));
t(() => [...'a1b2'.matchAll(/([a-z])(\\d)/g)]);
t(() => [...'test'.matchAll('t')].map(m => m.index));
t(() => [...'a.b'.matchAll('.')].length);
t(() => 'abc'.matchAll(/b/));
t(() => String.prototype.matchAll.call(null, /a/g));
t(() => { const it = 'xx'.matchAll(/x/g); return [Object.prototype.toString.call(it), typeof it.next, it[Symbol.iterator]() === it] });
t(() => 'abab'.matchAll(/a/g));
t(() => { const re = /a/g; re.lastIndex = 2; return [[...'aaaa'.matchAll(re)].map(m => m.index), re.lastIndex] });
t(() => [...''.matchAll(/(?:)/g)].length + ' ' + [...'ab'.matchAll(/(?:)/g)].length);
t(() => [...'\\ud83d\\ude00'.matchAll(/(?:)/gu)].map(m => m.index));
t(() => { const it = 'a'.matchAll(/a/g); return [it.next(), it.next(), it.next()] });
t(() => Object.getPrototypeOf('a'.matchAll(/a/g)).next.call({}));
t(() => { class R extends RegExp { exec(s) { const m = super.exec(s); if (m) m[0] = m[0].toUpperCase(); return m } }; return [...'abab'.matchAll(new R('a', 'g'))].map(m => m[0]) });
t(() => [typeof Symbol.matchAll, typeof RegExp.prototype[Symbol.matchAll], RegExp.prototype[Symbol.matchAll].name]);
""",
    "symbol": T + """
t(() => [Symbol('x').description, Symbol().description, Symbol('').description, Symbol.for('k').description, Symbol.iterator.description]);
t(() => Object(Symbol('boxed')).description);
t(() => Object.getOwnPropertyDescriptor(Symbol.prototype, 'description').get.call(1));
t(() => [typeof Symbol.asyncIterator, String(Symbol.asyncIterator), Symbol.asyncIterator.description]);
t(() => Reflect.ownKeys(Symbol).filter(k => !['dispose', 'asyncDispose'].includes(k)));
t(() => Reflect.ownKeys(Symbol.prototype));
""",
    "errors": T + """
t(() => new Error('m', {cause: 'c'}).cause);
t(() => [Reflect.ownKeys(new Error('m', {cause: 1})), Reflect.ownKeys(new TypeError('m', {}))]);
t(() => new RangeError('x', {get cause() { return 7 }}).cause);
t(() => ['cause' in new Error('x', {}), 'cause' in new Error('x', 5), 'cause' in new Error('x', {cause: undefined})]);
t(() => Object.getOwnPropertyDescriptor(new SyntaxError('x', {cause: 0}), 'cause'));
t(() => { class E extends Error { constructor(m, o) { super(m, o) } }; return new E('e', {cause: 'why'}).cause });
t(() => { const a = new AggregateError([1, new Error('inner')], 'many', {cause: 'c'}); return [a.message, a.errors.length, a.errors[1].message, a.cause, a.name, a instanceof Error, Reflect.ownKeys(a)] });
t(() => AggregateError([1]).message);
t(() => new AggregateError(new Set(['s'])).errors);
t(() => [AggregateError.length, AggregateError.name, Object.getPrototypeOf(AggregateError) === Error, Object.getPrototypeOf(AggregateError.prototype) === Error.prototype, Object.getOwnPropertyNames(AggregateError.prototype)]);
t(() => String(new AggregateError([], 'text')));
t(() => Object.getOwnPropertyDescriptor(new AggregateError([]), 'errors'));
t(() => { const e = new AggregateError([1, 2], 'printed'); delete e.stack; return e });
t(() => { const e = new Error('with cause', {cause: {code: 42}}); delete e.stack; return e });
""",
    "promise": T + """
const log = (...a) => console.log(...a);
Promise.resolve(1).finally(() => log('finally 1')).then(v => log('then', v));
Promise.reject(new Error('r')).finally(() => log('finally 2')).catch(e => log('catch', e.message));
Promise.resolve(1).finally(() => { throw new Error('from finally') }).catch(e => log('replaced', e.message));
Promise.resolve(1).finally(() => Promise.reject('rej')).catch(e => log('rejected by finally', e));
Promise.resolve('kept').finally(() => 'ignored').then(v => log('kept value', v));
Promise.resolve('pass').finally(5).then(v => log('non-callable', v));
t(() => Promise.prototype.finally.call(1));
t(() => [Promise.prototype.finally.length, Promise.prototype.finally.name]);
Promise.allSettled([1, Promise.reject(2), new Promise(r => r(3))]).then(r => log('allSettled', r));
Promise.allSettled([]).then(r => log('allSettled empty', r));
Promise.allSettled(5).catch(e => log('allSettled bad', e.constructor.name));
t(() => Promise.allSettled.call(1, []));
Promise.any([Promise.reject(1), Promise.resolve(2), 3]).then(v => log('any', v));
Promise.any([Promise.reject(1), Promise.reject(2)]).catch(e => log('any rejected', e.constructor.name, e.message, e.errors));
Promise.any([]).catch(e => log('any empty', e.constructor.name, e.errors));
Promise.any(null).catch(e => log('any null', e.constructor.name));
t(() => Promise.any.call(undefined, []));
t(() => [Promise.allSettled.length, Promise.any.length, Object.getOwnPropertyNames(Promise)]);
class MyP extends Promise {}
log(MyP.allSettled([1]) instanceof MyP, MyP.any([1]) instanceof MyP, MyP.resolve(1).finally(() => {}) instanceof MyP);
Promise.any([Promise.reject(1), Promise.reject('two')]).catch(e => { delete e.stack; console.log(e) });
""",
    "weak_refs": T + """
const wm = new WeakMap(); const s = Symbol('s');
t(() => [wm.set(s, 1) === wm, wm.get(s), wm.has(s), wm.delete(s), wm.has(s)]);
t(() => wm.set(Symbol.iterator, 'wk').get(Symbol.iterator));
t(() => wm.set(Symbol.for('registered'), 1));
t(() => new WeakSet().add(Symbol.for('registered')));
t(() => [new WeakSet([Symbol('a')]).has(Symbol('a')), wm.has(Symbol.for('x')), wm.get(1)]);
const target = {name: 'target'};
const ref = new WeakRef(target);
t(() => [ref.deref() === target, ref.deref().name, new WeakRef(s).deref() === s]);
t(() => new WeakRef(1));
t(() => new WeakRef(Symbol.for('x')));
t(() => WeakRef({}));
t(() => WeakRef.prototype.deref.call({}));
t(() => [ref, Object.prototype.toString.call(ref), WeakRef.length, Object.getOwnPropertyNames(WeakRef.prototype)]);
const fr = new FinalizationRegistry(held => console.log('cleanup', held));
const token = {};
t(() => [fr.register({}, 'h1'), fr.register({}, 'h2', token), fr.register({}, 'h3', token), fr.unregister(token), fr.unregister(token), fr.unregister({})]);
t(() => fr.register(1));
t(() => { const o = {}; fr.register(o, o) });
t(() => fr.register({}, 1, 2));
t(() => fr.unregister(1));
t(() => new FinalizationRegistry(1));
t(() => FinalizationRegistry(() => {}));
t(() => FinalizationRegistry.prototype.register.call({}, {}));
t(() => [fr, Object.prototype.toString.call(fr), FinalizationRegistry.length, Object.getOwnPropertyNames(FinalizationRegistry.prototype)]);
""",
    "regexp_statics": T + """
const show = () => console.log(JSON.stringify([RegExp.$1, RegExp.$2, RegExp.$9, RegExp.lastMatch, RegExp['$&'], RegExp.lastParen, RegExp['$+'], RegExp.leftContext, RegExp['$`'], RegExp.rightContext, RegExp["$'"], RegExp.input, RegExp.$_]));
show();
/(a)(b)?/.exec('xaby'); show();
/(a)(c)?/.exec('xay'); show();
/nomatch/.exec('abc'); show();
'a1b2'.replace(/(\\d)/g, 'x'); show();
'a1b2c'.split(/(\\d)/); show();
/b/.test('abc'); show();
'q7'.search(/\\d/); show();
'a-b'.match(/(-)/); show();
[...'x1y2'.matchAll(/([a-z])\\d/g)]; show();
'(12)(34)'.replace(/\\((\\d)(\\d)\\)/g, (m, a, b) => { show(); return b + a });
/(1)(2)(3)(4)(5)(6)(7)(8)(9)(10)/.exec('12345678910'); show();
RegExp.input = 42; console.log(typeof RegExp.input, RegExp.$_);
RegExp.$_ = 'set'; console.log(RegExp.input);
// V8 gives $1-$9 and the others a setter that ignores the value; the proposal gives none
const d1 = Object.getOwnPropertyDescriptor(RegExp, '$1');
console.log(Object.getOwnPropertyNames(RegExp), d1.get.name, d1.enumerable, d1.configurable, Object.getOwnPropertyDescriptor(RegExp, 'input'));
console.log(delete RegExp.$1, RegExp.$1, 'lastMatch' in RegExp);
""",
    "json_well_formed": T + """
t(() => [JSON.stringify('\\ud800'), JSON.stringify('\\udc00x\\ud83d\\ude00'), JSON.stringify({'\\udead': '\\ud83d'}), JSON.stringify('\\udbff\\udfff\\ud800')]);
""",
    "function_to_string": T + """
function f(a, /* b */ b) { return a + b }
t(() => f.toString());
t(() => [(x => x * 2).toString(), String(class A { m() { return 1 } }), ({ m(a) { return a } }).m.toString(), (async function g() {}).toString()]);
t(() => [Math.max.toString(), function () {}.bind(null).toString(), Object.getOwnPropertyDescriptor(RegExp, '$1').get.toString()]);
""",
    "for_in_order": T + """
const proto = {b: 1, 2: 1, a: 1, 1: 1}; const o = Object.create(proto); o.z = 1; o[0] = 1; o.b = 2;
const keys = []; for (const k in o) keys.push(k); console.log(keys);
const sym = {c: 1, [Symbol('s')]: 1, 10: 1, '-1': 1, 1.5: 1}; const k2 = []; for (const k in sym) k2.push(k); console.log(k2);
const del = {a: 1, b: 2, c: 3}; const k3 = []; for (const k in del) { k3.push(k); delete del.b } console.log(k3);
""",
    "global_this": T + """
t(() => { const d = Object.getOwnPropertyDescriptor(globalThis, 'globalThis'); return [typeof globalThis, globalThis.globalThis === globalThis, d.value === globalThis, d.writable, d.enumerable, d.configurable] });
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_es2019_2023_like_node(name: str) -> None:
    assert_same_as_node(PROGRAMS[name])
