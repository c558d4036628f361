// Closures: counters, curried adders, composition, memoization, per-iteration let bindings.
function makeCounter(start) {
  let c = start;
  return { inc: () => ++c, get: () => c };
}
const compose = (f, g) => x => f(g(x));
const add = a => b => (a + b) % 1000003;
const mul = a => b => (a * b) % 1000003;
function memoize(f) {
  const cache = {};
  return n => (n in cache ? cache[n] : (cache[n] = f(n)));
}
const square = memoize(n => (n * n) % 1000003);

let total = 0;
for (let i = 0; i < 10000; i++) {
  const ctr = makeCounter(i);
  for (let j = 0; j < 8; j++) ctr.inc();
  const f = compose(add(i), mul(i % 13 + 1));
  const fns = [];
  for (let k = 0; k < 4; k++) fns.push(() => k * i);
  const fsum = fns.reduce((acc, g) => acc + g(), 0);
  total = (total + ctr.get() + f(i) + square(i % 200) + fsum) % 1000003;
}
console.log("closures " + total);
