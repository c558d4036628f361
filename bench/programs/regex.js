// Regex scanning: a tokenizer regex driven by an exec loop over generated source text,
// then replace with a callback, replace with a string, and split on a regex.
var pieces = ["let", "x1", "=", "42", "+", "foo_bar", "(", "baz", ",", "3.25", ")", ";",
              "\"str \\\"ing\"", "// note\n", "if", "while", "*", "7", "-", "return"];
var seed = 7;
var parts = [];
for (var i = 0; i < 30000; i++) {
  seed = (seed * 16807) % 2147483647;
  parts.push(pieces[seed % pieces.length]);
}
var text = parts.join(" ");

var re = /\s+|(\/\/[^\n]*)|([A-Za-z_]\w*)|(\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*")|([=+\-*\/(),;])/g;
var counts = [0, 0, 0, 0, 0, 0];
var h = 0;
var m;
while ((m = re.exec(text)) !== null) {
  for (var g = 1; g <= 5; g++) {
    if (m[g] !== undefined) {
      counts[g]++;
      h = (h * 31 + m[g].length + g) % 1000000007;
      break;
    }
  }
}
var replaced = text.replace(/\d+/g, function (d) { return "<" + d.length + ">"; });
var devoweled = text.replace(/[aeiou]/g, "");
var words = text.split(/\s+/);
console.log("regex " + counts.join(",") + " " + h + " " + replaced.length + " " +
            devoweled.length + " " + words.length);
