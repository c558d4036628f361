// String building: concatenation, fromCharCode, slice, join, split, indexOf, charCodeAt.
function run(rounds) {
  var total = 0;
  for (var round = 0; round < rounds; round++) {
    var s = "";
    for (var i = 0; i < 400; i++) {
      s += String.fromCharCode(97 + (i * 7 + round) % 26);
    }
    var parts = [];
    for (var j = 0; j < s.length; j += 5) parts.push(s.slice(j, j + 5));
    var joined = parts.join("-");
    var h = 0;
    for (var k = 0; k < joined.length; k++) {
      h = (h * 31 + joined.charCodeAt(k)) % 1000000007;
    }
    var upper = joined.toUpperCase();
    total = (total + h + joined.indexOf("hov") + 1 + joined.split("-").length +
             upper.charCodeAt(round % upper.length)) % 1000000007;
  }
  return total;
}
console.log("strings " + run(360));
