// A small language: generated assignment statements are tokenized (charCodeAt loop),
// parsed by recursive descent into AST objects, and evaluated by a switch-based tree walker.
var M = 1000003;
var seed = 99;
function rnd(n) {
  seed = (seed * 16807) % 2147483647;
  return seed % n;
}
var NAMES = ["a", "b", "c", "d", "e"];
function genExpr(depth) {
  var r = rnd(10);
  if (depth <= 0 || r < 2) return "" + rnd(1000);
  if (r < 3) return NAMES[rnd(5)];
  if (r < 4) return "(" + genExpr(depth - 1) + ")";
  if (r < 5) return "-" + genExpr(depth - 1);
  return genExpr(depth - 1) + " " + "+-*"[rnd(3)] + " " + genExpr(depth - 1);
}
function genProgram(n) {
  var lines = [];
  for (var i = 0; i < NAMES.length; i++) lines.push(NAMES[i] + " = " + (i + 1) + ";");
  for (var j = 0; j < n; j++) lines.push(NAMES[rnd(5)] + " = " + genExpr(5) + ";");
  return lines.join("\n");
}

function tokenize(src) {
  var toks = [];
  var i = 0, n = src.length;
  while (i < n) {
    var c = src.charCodeAt(i);
    if (c === 32 || c === 10) { i++; continue; }
    if (c >= 48 && c <= 57) {
      var v = 0;
      while (i < n && (c = src.charCodeAt(i)) >= 48 && c <= 57) { v = v * 10 + (c - 48); i++; }
      toks.push({ t: "num", v: v });
    } else if (c >= 97 && c <= 122) {
      var start = i;
      while (i < n && (c = src.charCodeAt(i)) >= 97 && c <= 122) i++;
      toks.push({ t: "id", v: src.slice(start, i) });
    } else {
      toks.push({ t: "op", v: src.charAt(i) });
      i++;
    }
  }
  toks.push({ t: "eof", v: "" });
  return toks;
}

function Parser(toks) { this.toks = toks; this.pos = 0; }
Parser.prototype.peek = function () { return this.toks[this.pos]; };
Parser.prototype.next = function () { return this.toks[this.pos++]; };
Parser.prototype.expect = function (v) {
  var t = this.next();
  if (t.v !== v) throw new Error("expected " + v + " got " + t.v);
};
Parser.prototype.program = function () {
  var stmts = [];
  while (this.peek().t !== "eof") {
    var name = this.next().v;
    this.expect("=");
    var e = this.expr();
    this.expect(";");
    stmts.push({ type: "assign", name: name, expr: e });
  }
  return stmts;
};
Parser.prototype.expr = function () {
  var left = this.term();
  while (this.peek().v === "+" || this.peek().v === "-") {
    var op = this.next().v;
    left = { type: "bin", op: op, left: left, right: this.term() };
  }
  return left;
};
Parser.prototype.term = function () {
  var left = this.unary();
  while (this.peek().v === "*") {
    this.next();
    left = { type: "bin", op: "*", left: left, right: this.unary() };
  }
  return left;
};
Parser.prototype.unary = function () {
  if (this.peek().v === "-") {
    this.next();
    return { type: "neg", arg: this.unary() };
  }
  return this.primary();
};
Parser.prototype.primary = function () {
  var t = this.next();
  if (t.t === "num") return { type: "num", value: t.v };
  if (t.t === "id") return { type: "var", name: t.v };
  if (t.v === "(") {
    var e = this.expr();
    this.expect(")");
    return e;
  }
  throw new Error("unexpected " + t.v);
};

function mod(x) { return ((x % M) + M) % M; }
function evaluate(node, env) {
  switch (node.type) {
    case "num": return node.value;
    case "var": return env[node.name];
    case "neg": return mod(-evaluate(node.arg, env));
    case "bin":
      var l = evaluate(node.left, env), r = evaluate(node.right, env);
      switch (node.op) {
        case "+": return mod(l + r);
        case "-": return mod(l - r);
        default: return mod(l * r);
      }
  }
  throw new Error("bad node " + node.type);
}

var src = genProgram(800);
var stmts = new Parser(tokenize(src)).program();
var env = {};
for (var round = 0; round < 6; round++) {
  for (var s = 0; s < stmts.length; s++) env[stmts[s].name] = evaluate(stmts[s].expr, env);
}
console.log("calc " + src.length + " " + stmts.length + " " +
            env.a + " " + env.b + " " + env.c + " " + env.d + " " + env.e);
