// Numeric loops: a sieve of Eratosthenes over an array, then nested loops with arithmetic.
function sieve(n) {
  var flags = [];
  for (var i = 0; i <= n; i++) flags.push(true);
  flags[0] = false;
  flags[1] = false;
  for (var p = 2; p * p <= n; p++) {
    if (flags[p]) {
      for (var m = p * p; m <= n; m += p) flags[m] = false;
    }
  }
  var count = 0, sum = 0;
  for (var k = 0; k <= n; k++) {
    if (flags[k]) { count++; sum = (sum + k) % 1000000007; }
  }
  return count + " " + sum;
}

function nested(n) {
  var acc = 0;
  for (var i = 0; i < n; i++) {
    for (var j = 0; j < n; j++) {
      acc = (acc + ((i * 31 + j * 17) ^ (i + j)) % 97) % 1000003;
    }
  }
  return acc;
}

console.log("loops " + sieve(300000) + " " + nested(450));
