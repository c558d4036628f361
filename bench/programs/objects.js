// Object/property churn: object literals, a linked list, property reads/writes, dynamic keys.
function run(n) {
  var list = [];
  for (var i = 0; i < n; i++) {
    var o = { id: i, x: i % 17, y: i % 23, tag: "t" + (i % 10), next: null };
    if (i > 0) list[i - 1].next = o;
    list.push(o);
  }
  var sum = 0;
  for (var r = 0; r < 4; r++) {
    var p = list[0];
    while (p !== null) {
      p.x = (p.x * 3 + p.y + r) % 1009;
      sum = (sum + p.x) % 1000000007;
      p = p.next;
    }
  }
  var bag = {};
  for (var j = 0; j < n; j++) {
    var key = "k" + (j % 300) + list[j].tag;
    bag[key] = (bag[key] || 0) + list[j].x;
  }
  var keys = Object.keys(bag);
  var ks = 0;
  for (var q = 0; q < keys.length; q++) ks = (ks + bag[keys[q]] * (q + 1)) % 1000000007;
  return sum + " " + ks + " " + keys.length;
}
console.log("objects " + run(72000));
