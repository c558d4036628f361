// ES5 variant of closures.js (function expressions; an IIFE gives each k its own binding).
function makeCounter(start) {
  var c = start;
  return { inc: function () { return ++c; }, get: function () { return c; } };
}
var compose = function (f, g) { return function (x) { return f(g(x)); }; };
var add = function (a) { return function (b) { return (a + b) % 1000003; }; };
var mul = function (a) { return function (b) { return (a * b) % 1000003; }; };
function memoize(f) {
  var cache = {};
  return function (n) { return n in cache ? cache[n] : (cache[n] = f(n)); };
}
var square = memoize(function (n) { return (n * n) % 1000003; });

var total = 0;
for (var i = 0; i < 10000; i++) {
  var ctr = makeCounter(i);
  for (var j = 0; j < 8; j++) ctr.inc();
  var f = compose(add(i), mul(i % 13 + 1));
  var fns = [];
  for (var k = 0; k < 4; k++) fns.push((function (k, i) { return function () { return k * i; }; })(k, i));
  var fsum = fns.reduce(function (acc, g) { return acc + g(); }, 0);
  total = (total + ctr.get() + f(i) + square(i % 200) + fsum) % 1000003;
}
console.log("closures " + total);
