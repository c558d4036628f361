// ES5 variant of array_methods.js (function expressions instead of arrows, var instead of let/const).
var seed = 12345;
var rnd = function () { return (seed = (seed * 16807) % 2147483647); };

var data = [];
for (var i = 0; i < 3000; i++) data.push(rnd() % 10000);
var records = data.map(function (v, i) { return { id: i, key: v % 100 }; });

var total = 0;
for (var round = 0; round < 24; round++) {
  var mapped = data.map(function (v, i) { return (v * 3 + i + round) % 10007; });
  var filtered = mapped.filter(function (v) { return v % 3 !== 0; });
  var sum = filtered.reduce(function (acc, v) { return (acc + v) % 1000000007; }, 0);
  var fe = 0;
  filtered.forEach(function (v, i) { fe = (fe + v * (i % 7)) % 1000000007; });
  var sorted = filtered.slice().sort(function (a, b) { return a - b; });
  var big = sorted.some(function (v) { return v > 10000 - round; }) ? 1 : 0;
  total = (total + sum + fe + big + sorted[0] + sorted[sorted.length >> 1] +
           sorted[sorted.length - 1]) % 1000000007;
}
var byKey = records.slice().sort(function (a, b) { return a.key - b.key || b.id - a.id; });
var weight = byKey.reduce(function (acc, r, pos) { return (acc + r.id * (pos + 1)) % 1000000007; }, 0);
console.log("array_methods " + total + " " + weight);
