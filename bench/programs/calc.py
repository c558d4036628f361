# A small language: generated assignment statements are tokenized (ord loop), parsed by
# recursive descent into AST dicts, and evaluated by an if-chain tree walker.
M = 1000003
seed = 99


def rnd(n):
    global seed
    seed = (seed * 16807) % 2147483647
    return seed % n


NAMES = ["a", "b", "c", "d", "e"]


def gen_expr(depth):
    r = rnd(10)
    if depth <= 0 or r < 2:
        return str(rnd(1000))
    if r < 3:
        return NAMES[rnd(5)]
    if r < 4:
        return "(" + gen_expr(depth - 1) + ")"
    if r < 5:
        return "-" + gen_expr(depth - 1)
    left = gen_expr(depth - 1)
    op = "+-*"[rnd(3)]
    return left + " " + op + " " + gen_expr(depth - 1)


def gen_program(n):
    lines = [NAMES[i] + " = " + str(i + 1) + ";" for i in range(len(NAMES))]
    for _ in range(n):
        name = NAMES[rnd(5)]
        lines.append(name + " = " + gen_expr(5) + ";")
    return "\n".join(lines)


def tokenize(src):
    toks = []
    i, n = 0, len(src)
    while i < n:
        c = ord(src[i])
        if c == 32 or c == 10:
            i += 1
            continue
        if 48 <= c <= 57:
            v = 0
            while i < n and 48 <= ord(src[i]) <= 57:
                v = v * 10 + (ord(src[i]) - 48)
                i += 1
            toks.append({"t": "num", "v": v})
        elif 97 <= c <= 122:
            start = i
            while i < n and 97 <= ord(src[i]) <= 122:
                i += 1
            toks.append({"t": "id", "v": src[start:i]})
        else:
            toks.append({"t": "op", "v": src[i]})
            i += 1
    toks.append({"t": "eof", "v": ""})
    return toks


class Parser:
    def __init__(self, toks):
        self.toks = toks
        self.pos = 0

    def peek(self):
        return self.toks[self.pos]

    def next(self):
        t = self.toks[self.pos]
        self.pos += 1
        return t

    def expect(self, v):
        t = self.next()
        if t["v"] != v:
            raise SyntaxError("expected %s got %s" % (v, t["v"]))

    def program(self):
        stmts = []
        while self.peek()["t"] != "eof":
            name = self.next()["v"]
            self.expect("=")
            e = self.expr()
            self.expect(";")
            stmts.append({"type": "assign", "name": name, "expr": e})
        return stmts

    def expr(self):
        left = self.term()
        while self.peek()["v"] in ("+", "-"):
            op = self.next()["v"]
            left = {"type": "bin", "op": op, "left": left, "right": self.term()}
        return left

    def term(self):
        left = self.unary()
        while self.peek()["v"] == "*":
            self.next()
            left = {"type": "bin", "op": "*", "left": left, "right": self.unary()}
        return left

    def unary(self):
        if self.peek()["v"] == "-":
            self.next()
            return {"type": "neg", "arg": self.unary()}
        return self.primary()

    def primary(self):
        t = self.next()
        if t["t"] == "num":
            return {"type": "num", "value": t["v"]}
        if t["t"] == "id":
            return {"type": "var", "name": t["v"]}
        if t["v"] == "(":
            e = self.expr()
            self.expect(")")
            return e
        raise SyntaxError("unexpected " + t["v"])


def evaluate(node, env):
    typ = node["type"]
    if typ == "num":
        return node["value"]
    if typ == "var":
        return env[node["name"]]
    if typ == "neg":
        return (-evaluate(node["arg"], env)) % M
    l = evaluate(node["left"], env)
    r = evaluate(node["right"], env)
    op = node["op"]
    if op == "+":
        return (l + r) % M
    if op == "-":
        return (l - r) % M
    return (l * r) % M


src = gen_program(800)
stmts = Parser(tokenize(src)).program()
env = {}
for _ in range(6):
    for st in stmts:
        env[st["name"]] = evaluate(st["expr"], env)
print("calc %d %d %d %d %d %d %d" % (len(src), len(stmts), env["a"], env["b"], env["c"], env["d"], env["e"]))
