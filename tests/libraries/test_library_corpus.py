"""The extended library corpus: 28 more libraries from npm, run only with
FETCHFLOW_SLOW_TESTS=1 (a few minutes; mathjs's 730 KB bundle alone takes ~20 s per mode).

Same machinery as test_libraries.py (corpus.py, library_oracle.py, npm_cache.py); record
node's output with ``FETCHFLOW_SLOW_TESTS=1 python -m pytest --update-node-fixtures
tests/libraries/test_library_corpus.py``.
"""
from __future__ import annotations

import pytest

from .corpus import Library, check, params

CORPUS = [
    Library("underscore@1.13.6", "underscore-umd-min.js", r"""
console.log(_.map([1, 2, 3], n => n * 3), _.countBy([1, 2, 3, 4], n => n % 2 ? 'odd' : 'even'));
console.log(_.template('<% _.each(xs, function (x) { %><b><%- x %></b><% }); %>')({xs: ['a', '<']}));
console.log(_.chain([3, 1, 2]).sortBy().map(n => n * 10).value(), _.intersection([1, 2, 3], [2, 3, 4]));
console.log(_.invert({a: 'x', b: 'y'}), _.defaults({a: 1}, {a: 2, b: 3}), _.isMatch({a: 1, b: 2}, {a: 1}));
"""),
    Library("moment@2.29.4", "min/moment.min.js", r"""
var m = moment.utc('2021-03-04T05:06:07.089Z');
console.log(m.format(), m.format('dddd, MMMM Do YYYY, h:mm:ss a'), m.toISOString(), m.valueOf());
console.log(m.clone().add(7, 'days').format('L'), m.clone().startOf('quarter').format('LLL'), m.week(), m.isoWeekday());
console.log(moment.duration(90061000).humanize(), moment.duration('P1Y2M3DT4H').asHours(), m.from(moment.utc('2021-05-01')));
console.log(moment.utc('2020-02-30', 'YYYY-MM-DD').isValid(), moment.utc('31/12/2020', 'DD/MM/YYYY').dayOfYear());
"""),
    Library("mathjs@11.11.0", "lib/browser/math.js", r"""
console.log(math.evaluate('sqrt(3^2 + 4^2)'), math.evaluate('12.7 cm to inch').toString(), math.round(math.pi, 4));
console.log(math.format(math.fraction(1, 3)), math.multiply([[1, 2], [3, 4]], [[5], [6]]), math.det([[1, 2], [3, 4]]));
console.log(math.derivative('x^2 + 3x', 'x').toString(), math.simplify('2x + x').toString(), math.std([2, 4, 4, 4, 5, 5, 7, 9]));
console.log(math.complex(2, 3).mul(math.complex(1, -1)).toString(), math.bignumber('0.1').plus('0.2').toString());
"""),
    Library("ramda@0.29.1", "dist/ramda.min.js", r"""
var inc = R.add(1), pipeline = R.pipe(R.map(inc), R.filter(n => n % 2 === 0), R.sum);
console.log(pipeline([1, 2, 3, 4, 5]), R.groupBy(R.prop('k'), [{k: 'a', v: 1}, {k: 'b', v: 2}, {k: 'a', v: 3}]));
console.log(R.assocPath(['a', 'b'], 1, {}), R.sortWith([R.descend(R.prop('n'))], [{n: 1}, {n: 3}, {n: 2}]));
console.log(R.lensProp('x') && R.over(R.lensProp('x'), R.negate, {x: 1, y: 2}), R.curry((a, b, c) => a + b + c)(1)(2)(3));
console.log(R.toString({a: [1, 'b', null]}), R.equals([1, {a: 2}], [1, {a: 2}]), R.range(0, 4), R.zipObj(['a', 'b'], [1, 2]));
"""),
    Library("decimal.js@10.4.3", "decimal.js", r"""
var a = new Decimal('0.1'), b = new Decimal('0.2');
console.log(a.plus(b).toString(), new Decimal(2).sqrt().toSignificantDigits(30).toString(), Decimal.pow(2, 100).toFixed());
console.log(new Decimal('1e-7').toString(), new Decimal('123.456').toDecimalPlaces(1, Decimal.ROUND_DOWN).toString(),
            new Decimal(1).div(3).toPrecision(25), Decimal.exp(1).toFixed(40), new Decimal('-0').isNegative());
"""),
    Library("big.js@6.2.1", "big.js", r"""
console.log(new Big('0.1').plus('0.2').toString(), new Big(2).sqrt().toFixed(20), new Big('1e21').toFixed(),
            new Big('123.4567').round(2, Big.roundDown).toString(), new Big(10).div(3).toPrecision(15));
"""),
    Library("bignumber.js@9.1.2", "bignumber.js", r"""
var x = new BigNumber('123456789.123456789');
console.log(x.times(2).toString(), x.toFormat(3), new BigNumber(255).toString(16), new BigNumber('ff', 16).toString(),
            new BigNumber(1).div(7).toString(), BigNumber.maximum(1, 5, 3).toString(), new BigNumber(NaN).isNaN());
"""),
    Library("crypto-js@4.2.0", "crypto-js.js", r"""
console.log(CryptoJS.MD5('hello').toString(), CryptoJS.SHA1('hello').toString(), CryptoJS.SHA256('hello').toString());
console.log(CryptoJS.SHA512('x').toString().slice(0, 32), CryptoJS.HmacSHA256('msg', 'key').toString(CryptoJS.enc.Base64));
var key = CryptoJS.enc.Hex.parse('000102030405060708090a0b0c0d0e0f'), iv = CryptoJS.enc.Hex.parse('0f0e0d0c0b0a09080706050403020100');
var enc = CryptoJS.AES.encrypt('secret message', key, {iv: iv});
console.log(enc.toString(), CryptoJS.AES.decrypt(enc, key, {iv: iv}).toString(CryptoJS.enc.Utf8));
console.log(CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse('Ünï ✓')), CryptoJS.PBKDF2('pw', 'salt', {keySize: 4, iterations: 10}).toString());
"""),
    Library("fuse.js@7.0.0", "dist/fuse.min.js", r"""
var books = [{title: "Old Man's War", author: 'John Scalzi'}, {title: 'The Lock Artist', author: 'Steve Hamilton'},
             {title: 'HTML5', author: 'Remy Sharp'}, {title: 'Right Ho Jeeves', author: 'P.G. Wodehouse'}];
var fuse = new Fuse(books, {keys: ['title', 'author'], includeScore: true, includeMatches: true});
console.log(JSON.stringify(fuse.search('jon')), fuse.search('wodehose').map(r => r.item.title));
console.log(new Fuse(['apple', 'banana', 'cherry']).search('banan'), new Fuse(books, {keys: ['author'], useExtendedSearch: true}).search("'Sharp").length);
"""),
    Library("ajv@6.12.6", "dist/ajv.min.js", r"""
var ajv = new Ajv({allErrors: true});
var validate = ajv.compile({type: 'object', properties: {id: {type: 'integer', minimum: 1}, tags: {type: 'array', items: {type: 'string'}, uniqueItems: true},
                           email: {type: 'string', format: 'email'}}, required: ['id'], additionalProperties: false});
console.log(validate({id: 3, tags: ['a', 'b'], email: 'a@b.co'}), validate.errors);
console.log(validate({id: 0, tags: ['a', 'a'], extra: 1, email: 'nope'}), JSON.stringify(validate.errors));
console.log(ajv.validate({enum: [1, 'x']}, 'x'), ajv.errorsText([{dataPath: '.a', message: 'bad'}]));
"""),
    Library("acorn@8.11.3", "dist/acorn.js", r"""
var ast = acorn.parse('const f = async (a, {b, ...c}) => a?.b ?? await c; class K { #p = 1; static { } }', {ecmaVersion: 2022});
console.log(JSON.stringify(ast.body.map(n => n.type)), ast.body[0].declarations[0].init.body.type);
console.log(JSON.stringify(acorn.parse('for (x in s = o);', {ecmaVersion: 5}).body[0].right));
try { acorn.parse('let let = 1', {ecmaVersion: 2020}); } catch (e) { console.log(e.name, e.message, e.pos); }
var toks = []; for (var t of acorn.tokenizer('a = /re/g + `t${1}`', {ecmaVersion: 2020})) toks.push(t.type.label);
console.log(toks.join(' '));
"""),
    Library("esprima@4.0.1", "dist/esprima.js", r"""
console.log(JSON.stringify(esprima.parseScript('var a = function b(c) { return c * 2; };', {range: true}).body[0].declarations[0]));
console.log(esprima.tokenize('x = 1 + "s"').map(t => t.type + ':' + t.value).join(' '));
try { esprima.parseScript('var 1a'); } catch (e) { console.log(e.description, e.index, e.lineNumber); }
"""),
    Library("he@1.2.0", "he.js", r"""
console.log(he.encode('foo © bar ≠ baz 𝌆 qux <&>'), he.decode('foo &copy; bar &ne; baz &#x1D306; &amp;lt; &notit; &#0;'));
console.log(he.escape('<img src="x">'), he.encode('\xa9', {useNamedReferences: true}), he.unescape('&lt;b&gt;'));
"""),
    Library("sprintf-js@1.1.3", "dist/sprintf.min.js", prelude="var window = globalThis;", battery=r"""
console.log(sprintf('%s is %d years and %.2f m, %05d %x %o %b %e %+d %j', 'Ann', 42.9, 1.7, 42, 255, 8, 5, 12345.678, 3, {a: 1}));
console.log(sprintf('%(name)s/%(n)05d', {name: 'x', n: 42}), vsprintf('%2$s %1$s', ['a', 'b']), sprintf('|%-6s|%\'*8s|', 'left', 'pad'));
"""),
    Library("numeral@2.0.6", "min/numeral.min.js", r"""
console.log(numeral(1000.234).format('0,0.00'), numeral(0.974).format('0%'), numeral(1230974).format('0.0a'),
            numeral(100).format('$0,0.00'), numeral(3467479682787).format('0.00b'), numeral(-5.5).format('(0.0)'));
console.log(numeral('1,234.5').value(), numeral(1.5).add(2).multiply(3).value(), numeral(63).format('0o'), numeral(null).value());
"""),
    Library("tinycolor2@1.6.0", "dist/tinycolor-min.js", r"""
var c = tinycolor('#ff8800');
console.log(c.toRgbString(), c.toHslString(), c.lighten(20).toHexString(), c.isDark(), c.getBrightness(), tinycolor('red').complement().toHex());
console.log(tinycolor.readability('#000', '#fff'), tinycolor.mix('red', 'blue', 50).toHexString(), tinycolor('hsl(120, 50%, 50%)').toName(),
            tinycolor('rgba(10, 20, 30, 0.5)').toHex8String(), tinycolor('nonsense').isValid());
"""),
    Library("seedrandom@3.0.5", "seedrandom.min.js", r"""
var rng = new Math.seedrandom('hello.');
console.log(rng(), rng(), rng.int32(), rng.quick(), new Math.seedrandom('x')().toFixed(10));
"""),
    Library("jszip@3.10.1", "dist/jszip.min.js", r"""
var zip = new JSZip();
zip.file('hello.txt', 'Hello World\n', {date: new Date(0)});
zip.folder('sub').file('data.json', JSON.stringify({a: [1, 2]}), {date: new Date(0)});
zip.generateAsync({type: 'uint8array', compression: 'DEFLATE'}).then(function (u8) {
  console.log(u8.length, Array.from(u8.slice(0, 4)));
  return JSZip.loadAsync(u8);
}).then(function (z) {
  console.log(Object.keys(z.files));
  return z.file('sub/data.json').async('string');
}).then(function (s) { console.log(s); }, function (e) { console.log('error', e.message); });
"""),
    Library("immutable@4.3.4", "dist/immutable.min.js", r"""
var m = Immutable.Map({a: 1, b: Immutable.List([1, 2])});
var m2 = m.set('a', 2).updateIn(['b', 0], x => x * 10);
console.log(m.toJS(), m2.toJS(), m.equals(Immutable.fromJS({a: 1, b: [1, 2]})), Immutable.is(m2.get('b'), Immutable.List([10, 2])));
console.log(Immutable.Range(0, 10, 3).toArray(), Immutable.Set([1, 2, 2, 3]).size, Immutable.List([3, 1, 2]).sort().toString(),
            Immutable.Seq({x: 1, y: 2}).map(v => v * 2).toObject(), Immutable.OrderedMap([['z', 1], ['a', 2]]).keySeq().toArray());
"""),
    Library("rxjs@7.8.1", "dist/bundles/rxjs.umd.min.js", r"""
var {of, from, range, operators: {map, filter, reduce, scan, take, mergeMap, toArray}} = rxjs;
range(1, 10).pipe(filter(n => n % 2), map(n => n * n), reduce((a, b) => a + b, 0)).subscribe(v => console.log('sum', v));
of('a', 'b').pipe(mergeMap(x => from([x + 1, x + 2])), toArray()).subscribe(v => console.log(v));
new rxjs.Subject().pipe(take(1)).subscribe({complete: () => console.log('completed')});
rxjs.firstValueFrom(of(1, 2).pipe(scan((a, b) => a + b))).then(v => console.log('first', v));
"""),
    Library("js-base64@3.7.5", "base64.js", r"""
console.log(Base64.encode('dankogai ✓ 😀'), Base64.decode('ZGFua29nYWkg4pyTIPCfmIA='), Base64.encodeURI('小飼弾'),
            Base64.isValid('aGVsbG8='), Array.from(Base64.toUint8Array('AQID')), Base64.fromUint8Array(new Uint8Array([255, 254])));
"""),
    Library("date-fns@3.6.0", "cdn.min.js", prelude="var window = globalThis;", battery=r"""
var DF = dateFns, d = new Date(Date.UTC(2021, 2, 4, 5, 6, 7, 89));
console.log(DF.format(d, "yyyy-MM-dd'T'HH:mm:ss.SSS EEEE do MMMM Q"), DF.addBusinessDays(d, 3).toISOString(), DF.differenceInCalendarWeeks(d, new Date(0)));
console.log(DF.formatDistanceStrict(d, new Date(Date.UTC(2021, 5, 1))), DF.isLeapYear(d), DF.eachDayOfInterval({start: d, end: DF.addDays(d, 2)}).length,
            DF.parseISO('2020-02-29T12:00:00Z').toISOString(), DF.formatISO(d, {representation: 'date'}), DF.getISOWeek(d));
console.log(DF.parse('04/03/2021', 'dd/MM/yyyy', new Date(0)).toISOString(), DF.intervalToDuration({start: 0, end: 90061000}));
"""),
    Library("zod@3.22.4", "lib/index.umd.js", r"""
var z = Zod.z;
var User = z.object({id: z.number().int().positive(), name: z.string().min(2), email: z.string().email().optional(),
                     tags: z.array(z.string()).default([]), role: z.enum(['admin', 'user'])});
console.log(User.parse({id: 1, name: 'Ann', role: 'user'}));
var bad = User.safeParse({id: -1, name: 'A', email: 'x', role: 'root'});
console.log(bad.success, bad.error.issues.map(i => i.path.join('.') + ':' + i.code));
console.log(z.union([z.string(), z.number()]).parse(3), z.string().transform(s => s.length).parse('abcd'),
            z.object({a: z.string()}).strict().safeParse({a: 'x', b: 1}).error.issues[0].message);
"""),
    Library("d3-array@3.2.4", "dist/d3-array.min.js", r"""
console.log(d3.extent([3, 1, 4, 1, 5]), d3.mean([1, 2, 3, 4]), d3.median([5, 3, 1, 4]), d3.deviation([2, 4, 4, 4, 5, 5, 7, 9]));
console.log(d3.group([{k: 'a', v: 1}, {k: 'b', v: 2}, {k: 'a', v: 3}], d => d.k), d3.rollup([1, 2, 3, 4], v => v.length, d => d % 2));
console.log(d3.bin().thresholds(3)([1, 2, 3, 4, 5, 6, 7, 8, 9]).map(b => b.length), d3.ticks(0, 1, 5), d3.bisect([1, 2, 3], 2.5),
            Array.from(d3.cross([1, 2], 'ab')), d3.quantile([1, 2, 3, 4], 0.25), d3.fsum([0.1, 0.2, 0.3]), d3.InternMap.name);
"""),
    Library("d3-format@3.1.0", "dist/d3-format.min.js", r"""
console.log(d3.format('.2f')(3.14159), d3.format(',')(1234567.891), d3.format('$,.2f')(-1234.5), d3.format('.0%')(0.123),
            d3.format('.3s')(42e6), d3.format('+08.3e')(12345), d3.format('#x')(255), d3.format('~g')(0.00001234), d3.format('^20')('mid'));
"""),
    Library("xregexp@5.1.1", "xregexp-all.js", r"""
var date = XRegExp('(?<year>[0-9]{4}) -? (?<month>[0-9]{2})', 'x');
var m = XRegExp.exec('2021-03', date);
console.log(m.groups.year, m.groups.month, XRegExp.replace('2021-03', date, '$<month>/$<year>'));
console.log(XRegExp('^\\p{L}+$').test('Ünïcödé'), XRegExp.matchRecursive('(a(b)c)(d)', '\\(', '\\)', 'g'),
            XRegExp.escape('a.b*c'), XRegExp.union(['a+b', /c/]).source, XRegExp.split('a1b2c', /\d/));
"""),
    Library("js-sha256@0.11.0", "build/sha256.min.js", prelude="var window = globalThis;", battery=r"""
console.log(sha256('hello'), sha224(''), sha256.hmac('key', 'msg'), sha256.array('ü').length, sha256(new Uint8Array([1, 2, 3])));
"""),
    Library("htm@3.1.1", "dist/htm.umd.js", r"""
var h = (type, props, ...children) => ({type, props, children});
var html = htm.bind(h);
console.log(JSON.stringify(html`<div class="a" ...${{id: 1}}><b>${'x'}</b> text <${'Comp'} p=${2} /></div>`));
console.log(JSON.stringify(html`<a/><b href='q' />`));
"""),
]


@pytest.fixture(scope="module")
def sources() -> dict:
    """Each library's text, read once per module (fetched by npm on first use)."""
    return {}


@pytest.mark.parametrize("lib", params(CORPUS, slow=True))
def test_library_like_node(sources: dict, lib: Library) -> None:
    check(sources, lib)
