"""Real libraries from npm, loaded as scripts (their UMD/browser bundles) and exercised with a
battery of calls, compared with node (issue 10 "Real libraries").

Each library is fetched once with ``npm pack`` into a cache outside the repo (npm_cache.py;
skipped with the reason when npm or the registry is unavailable); node's output is recorded
in test_libraries.node.json with ``python -m pytest --update-node-fixtures
tests/libraries/test_libraries.py``.  A battery runs in both modes (library_oracle.py).
Libraries that fail today are ``xfail(strict=True)`` naming the root cause.  More libraries
(slow, opt-in) are in test_library_corpus.py.
"""
from __future__ import annotations

import pytest

from .corpus import Library, check, params

LIBRARIES = [
    Library("lodash@4.17.21", "lodash.min.js", r"""
console.log(_.chunk([1, 2, 3, 4, 5], 2), _.uniq([2, 1, 2, 3, 1]), _.flattenDeep([1, [2, [3, [4]]]]));
console.log(_.groupBy(['one', 'two', 'three'], 'length'), _.keyBy([{id: 'a'}, {id: 'b'}], 'id'));
console.log(_.get({a: [{b: {c: 3}}]}, 'a[0].b.c'), _.set({}, 'x.y[1]', 5), _.pick({a: 1, b: 2, c: 3}, ['a', 'c']));
console.log(_.merge({a: {b: 1}}, {a: {c: 2}}), _.cloneDeep({d: new Date(0), r: /x/g, m: [1, {n: 2}]}));
console.log(_.camelCase('Foo Bar-baz'), _.kebabCase('fooBarBaz'), _.template('hi <%= who %>!')({who: 'you'}));
console.log(_.sortBy([{n: 3}, {n: 1}, {n: 2}], 'n').map(o => o.n), _.range(0, 10, 3), _.sum([1, 2, 3]));
console.log(_.isEqual({a: [1, 2]}, {a: [1, 2]}), _.debounce(() => 1, 10).cancel(), _.memoize(x => x * 2)(21));
console.log(_.zip([1, 2], ['a', 'b']), _.partition([1, 2, 3, 4], n => n % 2), _.escape('<a href="x">'));
"""),
    Library("marked@4.3.0", "marked.min.js", r"""
console.log(marked.parse('# Title\n\nSome *emphasis*, **strong** and `code`.\n\n- a\n- b\n\n1. one\n2. two'));
console.log(marked.parse('> quote\n\n```js\nvar x = 1;\n```\n\n[link](http://x.y "t") ![img](a.png)'));
console.log(marked.parse('| a | b |\n|---|:-:|\n| 1 | 2 |\n\nline  \nbreak ~~del~~ http://auto.link'));
console.log(marked.parseInline('a _b_ <span>c</span> &amp; d'), marked.lexer('# x\n\ny').map(t => t.type));
"""),
    Library("nunjucks@3.2.4", "browser/nunjucks.min.js", r"""
var env = new nunjucks.Environment();
console.log(env.renderString('Hello {{ name | upper }}! {% for x in xs %}[{{ loop.index }}:{{ x }}]{% endfor %}',
                             {name: 'world', xs: ['a', 'b']}));
console.log(env.renderString('{% set t = 0 %}{% for n in [1,2,3] %}{% set t = t + n %}{% endfor %}{{ t }} '
                             + '{{ "a,b" | replace(",", ";") }} {{ items | join("-") }} {{ 7 if x else 8 }}',
                             {items: [1, 2], x: false}));
console.log(env.renderString('{% macro f(a, b=2) %}{{ a * b }}{% endmacro %}{{ f(3) }} {{ f(3, 4) }} '
                             + '{{ d | dump }} {{ "<b>" }} {{ "<i>" | safe }}', {d: {k: [1]}}));
"""),
    Library("mustache@4.2.0", "mustache.min.js", r"""
console.log(Mustache.render('{{#items}}<li>{{name}}: {{&html}} {{html}}</li>{{/items}}{{^none}}empty{{/none}}',
                            {items: [{name: 'a', html: '<b>'}, {name: 'b', html: '&'}], none: []}));
console.log(Mustache.render('{{> part}} {{a.b.c}} {{#f}}x{{/f}}', {a: {b: {c: 42}}, f: () => (t, r) => r(t) + '!'},
                            {part: 'partial {{a.b.c}}'}));
console.log(JSON.stringify(Mustache.parse('a {{b}} {{#c}}d{{/c}}')));
"""),
    Library("handlebars@4.7.8", "dist/handlebars.min.js", r"""
Handlebars.registerHelper('shout', s => s.toUpperCase() + '!');
var t = Handlebars.compile('{{#each people}}{{@index}}:{{shout name}}{{#if admin}} (admin){{/if}};{{/each}} {{{raw}}} {{raw}}');
console.log(t({people: [{name: 'ann', admin: true}, {name: 'bob'}], raw: '<em>'}));
console.log(Handlebars.compile('{{#with a}}{{b}}{{/with}} {{lookup arr 1}} {{#unless x}}no x{{/unless}}')({a: {b: 5}, arr: ['p', 'q']}));
Handlebars.registerPartial('p', '[{{this}}]');
console.log(Handlebars.compile('{{#each xs}}{{> p}}{{/each}}')({xs: [1, 2]}));
"""),
    Library("dayjs@1.11.10", "dayjs.min.js", r"""
var d = dayjs('2021-03-04T05:06:07.089Z');
console.log(d.toISOString(), d.format('YYYY-MM-DD HH:mm:ss SSS [w]d A'), d.valueOf(), d.unix());
console.log(d.add(1, 'month').format(), d.subtract(3, 'day').startOf('week').format('ddd MMM D'), d.endOf('month').date());
console.log(d.diff(dayjs('2020-01-01'), 'day'), d.isBefore('2022-01-01'), d.daysInMonth(), dayjs('not a date').isValid());
console.log(dayjs(0).year(), dayjs.unix(86400).toJSON(), d.set('hour', 23).hour(), d.day(), d.isSame('2021-03-04', 'day'));
"""),
    Library("pako@2.1.0", "dist/pako.min.js", r"""
var input = 'hello hello hello hello, pako! ' + 'abcdefghij'.repeat(20);
var z = pako.deflate(input), back = pako.inflate(z, {to: 'string'});
console.log(z.length, Array.from(z.slice(0, 8)), back === input);
var g = pako.gzip('gzip me', {header: {mtime: 0}});
console.log(g.length, pako.ungzip(g, {to: 'string'}), Array.from(pako.deflateRaw(new Uint8Array([1, 2, 3, 1, 2, 3]))));
try { pako.inflate(new Uint8Array([1, 2, 3])); } catch (e) { console.log('error:', e); }
"""),
    Library("js-yaml@4.1.0", "dist/js-yaml.min.js", r"""
var doc = jsyaml.load('a: 1\nb: [x, y]\nc:\n  d: true\n  e: null\nf: 2001-12-14\ng: |\n  multi\n  line\nh: 0x1F\n');
console.log(doc, doc.f instanceof Date);
console.log(jsyaml.dump({name: 'x', list: [1, 'two', {three: 3}], nested: {deep: {er: 'yes'}}, s: 'a: b'}));
console.log(jsyaml.load('bin: !!binary aGVsbG8='));
try { jsyaml.load('a: [1, 2'); } catch (e) { console.log(e.name, e.reason); }
console.log(jsyaml.loadAll('--- 1\n--- two\n'), jsyaml.load('&a [1] \n'), jsyaml.load('x: &r {k: v}\ny: *r'));
"""),
    Library("lz-string@1.5.0", "libs/lz-string.min.js", r"""
var s = 'The quick brown fox jumps over the lazy dog. '.repeat(5) + 'Ünïcödé ✓ 😀';
var b64 = LZString.compressToBase64(s), uri = LZString.compressToEncodedURIComponent(s);
console.log(b64, LZString.decompressFromBase64(b64) === s, uri.length);
console.log(LZString.decompressFromEncodedURIComponent(uri) === s, LZString.compressToUTF16('abcabc').length);
var u8 = LZString.compressToUint8Array(s);
console.log(u8 instanceof Uint8Array, u8.length, LZString.decompressFromUint8Array(u8) === s);
"""),
    Library("immer@9.0.21", "dist/immer.umd.production.min.js", r"""
var base = {todos: [{id: 1, done: false}, {id: 2, done: false}], meta: {n: 2}};
var next = immer.produce(base, function (d) { d.todos[0].done = true; d.todos.push({id: 3, done: false}); d.meta.n++; });
console.log(next, base.todos[0].done, next.todos[1] === base.todos[1], Object.isFrozen(next));
var [n2, patches] = (immer.enablePatches(), immer.produceWithPatches(base, function (d) { delete d.meta; }));
console.log(n2, patches);
immer.enableMapSet();
console.log(immer.produce([1, 2, 3], d => { d.reverse(); }), immer.produce(new Map([[1, 'a']]), d => { d.set(2, 'b'); }));
"""),
    Library("showdown@2.1.0", "dist/showdown.min.js", r"""
var conv = new showdown.Converter({tables: true, strikethrough: true, tasklists: true});
console.log(conv.makeHtml('# Head\n\nText with *em* and __strong__, ~~gone~~.\n\n* [x] done\n* [ ] todo'));
console.log(conv.makeHtml('| a | b |\n|---|---|\n| 1 | 2 |\n\n    code block\n\n> q'));
console.log(conv.makeMarkdown ? typeof conv.makeMarkdown : 'none', showdown.getOption('tables'));
"""),
    Library("papaparse@5.4.1", "papaparse.min.js", r"""
var r = Papa.parse('a,b,c\n1,"x, y",3\n4,"say \"\"hi\"\"",6\n', {header: true, dynamicTyping: true, skipEmptyLines: true});
console.log(r.data, r.errors, r.meta.fields, r.meta.delimiter);
console.log(Papa.unparse([{a: 1, b: 'q"uote'}, {a: 2, b: 'new\nline'}]), Papa.parse('1;2\n3;4').data);
"""),
    Library("qs@6.11.2", "dist/qs.js", r"""
console.log(Qs.parse('a[b][c]=d&e[]=1&e[]=2&f=%20g&h'), Qs.stringify({a: {b: [1, 2]}, c: 'd e', u: undefined}));
console.log(Qs.stringify({a: [1, 2]}, {arrayFormat: 'brackets', encode: false}), Qs.parse('?x=1&y=2', {ignoreQueryPrefix: true}));
console.log(Qs.parse('a.b=c', {allowDots: true}), Qs.stringify({d: new Date(0)}), Qs.parse('a=1&a=2'));
"""),
    Library("validator@13.11.0", "validator.min.js", r"""
console.log(validator.isEmail('foo@bar.com'), validator.isEmail('foo@bar'), validator.isURL('https://x.y/z?q=1'),
            validator.isIP('192.168.0.1'), validator.isIP('::1', 6), validator.isUUID('not-a-uuid'));
console.log(validator.isISO8601('2020-01-01T00:00:00Z'), validator.isCreditCard('4111111111111111'),
            validator.escape('<a&b>'), validator.normalizeEmail('Foo.Bar+x@Gmail.com'), validator.isJSON('{"a":1}'));
console.log(validator.isStrongPassword('Abc!1234'), validator.isAlpha('abcÄ', 'de-DE'), validator.toInt('42'),
            validator.isMobilePhone('+14155552671', 'en-US'), validator.isBase64('aGVsbG8='), validator.trim('  x  '));
"""),
    Library("uuid@8.3.2", "dist/umd/uuid.min.js", r"""
console.log(uuid.v5('hello', uuid.v5.URL), uuid.v3('hello', uuid.v3.DNS), uuid.NIL);
console.log(uuid.validate(uuid.v4()), uuid.version(uuid.v4()), uuid.v4().length, uuid.validate('nope'));
console.log(Array.from(uuid.parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8')).join(','),
            uuid.stringify(uuid.parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8')));
try { uuid.stringify(new Uint8Array(16).fill(171)); } catch (e) { console.log(e.name, e.message); }
"""),
    Library("chance@1.1.11", "dist/chance.min.js", prelude="var window = {document: {}};", battery=r"""
var c = new window.Chance(42);
console.log(c.integer({min: 0, max: 100}), c.string({length: 8}), c.bool(), c.floating({min: 0, max: 1, fixed: 4}));
console.log(c.name(), c.email(), c.pickone(['a', 'b', 'c']), c.shuffle([1, 2, 3, 4, 5]), c.guid());
console.log(c.date({year: 2020}).toISOString(), c.sentence({words: 5}), c.hash({length: 10}), c.natural({max: 9}));
"""),
    Library("@msgpack/msgpack@2.8.0", "dist.es5+umd/msgpack.min.js", r"""
var MP = MessagePack, enc = MP.encode({a: 1, b: [true, null, 'str', 1.5, -2], c: new Uint8Array([1, 2]), big: 2 ** 40});
console.log(Array.from(enc).join(','), MP.decode(enc));
console.log(MP.decode(MP.encode(new Date(Date.UTC(2020, 0, 1)))), MP.decode(MP.encode('✓ ünï 😀')), MP.encode(-1e300).length);
"""),
    # ES2018+ bundles: canaries for the features in flight
    Library("@vue/reactivity@3.4.21", "dist/reactivity.global.js", r"""
var {reactive, ref, computed, effect, watch, toRaw, isReactive, readonly, shallowRef, triggerRef} = VueReactivity;
var state = reactive({count: 1, list: [1, 2], nested: {a: 1}, map: new Map([['k', 1]])});
var double = computed(() => state.count * 2), seen = [];
effect(() => seen.push('count=' + state.count + ' len=' + state.list.length + ' a=' + state.nested.a + ' k=' + state.map.get('k')));
state.count++; state.list.push(3); state.nested.a = 5; state.map.set('k', 9); delete state.nested.a;
console.log(seen, double.value, isReactive(state.nested), toRaw(state).list, Object.keys(state));
var r = ref(0); effect(() => seen.push('r=' + r.value)); r.value = 7;
var ro = readonly({x: 1});
console.log(seen.slice(-2), ro.x, JSON.stringify(state), Array.isArray(state.list), 'count' in state);
"""),
    Library("marked@12.0.2", "lib/marked.umd.js", r"""
console.log(marked.parse('# T\n\n*a* **b** `c` ~~d~~\n\n- [x] task\n\n| h |\n|---|\n| v |'));
var r = new marked.Renderer(); r.heading = (text, level) => '<H' + level + '>' + text + '\n';
console.log(marked.parse('## Custom', {renderer: r}), marked.lexer('> q\n\n```\ncode\n```').map(t => t.type));
console.log(new marked.Marked({gfm: false}).parse('www.example.com ~~x~~'));
"""),
    Library("mobx@6.12.3", "dist/mobx.umd.production.min.js", r"""
var {observable, autorun, reaction, toJS, runInAction, makeAutoObservable} = mobx;
var store = observable({items: [1, 2], get total() { return this.items.reduce((a, b) => a + b, 0); }});
autorun(() => console.log('total', store.total));
runInAction(() => { store.items.push(3); store.items[0] = 10; });
var c = makeAutoObservable({n: 0, inc() { this.n++; }, get double() { return this.n * 2; }});
reaction(() => c.double, d => console.log('double', d)); c.inc(); c.inc();
var m = observable.map({a: 1}); autorun(() => console.log('keys', Array.from(m.keys()).join())); m.set('b', 2);
console.log(toJS(store), mobx.isObservable(store.items), Array.isArray(store.items));
"""),
]


@pytest.fixture(scope="module")
def sources() -> dict:
    """Each library's text, read once per module (fetched by npm on first use)."""
    return {}


@pytest.mark.parametrize("lib", params(LIBRARIES))
def test_library_like_node(sources: dict, lib: Library) -> None:
    check(sources, lib)
