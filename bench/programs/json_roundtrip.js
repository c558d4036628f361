// JSON round trips: stringify and parse nested objects/arrays, then walk the parsed tree.
function build(depth, seed) {
  if (depth === 0) {
    return { id: seed, name: "n" + seed, vals: [seed % 7, seed % 11, seed % 13],
             ok: seed % 2 === 0, nil: null };
  }
  var kids = [];
  for (var i = 0; i < 3; i++) kids.push(build(depth - 1, seed * 3 + i));
  return { id: seed, label: "d\"" + depth, kids: kids };
}

function walk(node) {
  var s = node.id % 1000;
  if (node.kids) {
    for (var i = 0; i < node.kids.length; i++) s += walk(node.kids[i]);
    s += node.label.length;
  } else {
    s += node.vals[0] + node.vals[1] + node.vals[2] + (node.ok ? 1 : 0) + node.name.length;
  }
  return s;
}

var total = 0;
for (var r = 0; r < 64; r++) {
  var text = JSON.stringify(build(5, r));
  var back = JSON.parse(text);
  total = (total + text.length + walk(back)) % 1000000007;
}
console.log("json_roundtrip " + total);
