// Array methods with callbacks: map, filter, reduce, forEach, some, sort with a comparator.
let seed = 12345;
const rnd = () => (seed = (seed * 16807) % 2147483647);

const data = [];
for (let i = 0; i < 3000; i++) data.push(rnd() % 10000);
const records = data.map((v, i) => ({ id: i, key: v % 100 }));

let total = 0;
for (let round = 0; round < 24; round++) {
  const mapped = data.map((v, i) => (v * 3 + i + round) % 10007);
  const filtered = mapped.filter(v => v % 3 !== 0);
  const sum = filtered.reduce((acc, v) => (acc + v) % 1000000007, 0);
  let fe = 0;
  filtered.forEach((v, i) => { fe = (fe + v * (i % 7)) % 1000000007; });
  const sorted = filtered.slice().sort((a, b) => a - b);
  const big = sorted.some(v => v > 10000 - round) ? 1 : 0;
  total = (total + sum + fe + big + sorted[0] + sorted[sorted.length >> 1] +
           sorted[sorted.length - 1]) % 1000000007;
}
// Ties broken by id, so every correct sort gives the same order.
const byKey = records.slice().sort((a, b) => a.key - b.key || b.id - a.id);
const weight = byKey.reduce((acc, r, pos) => (acc + r.id * (pos + 1)) % 1000000007, 0);
console.log("array_methods " + total + " " + weight);
