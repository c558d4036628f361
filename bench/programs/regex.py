# Regex scanning: a tokenizer regex driven by finditer over generated source text,
# then sub with a callback, sub with a string, and split on a regex.
import re

pieces = ["let", "x1", "=", "42", "+", "foo_bar", "(", "baz", ",", "3.25", ")", ";",
          "\"str \\\"ing\"", "// note\n", "if", "while", "*", "7", "-", "return"]
seed = 7
parts = []
for i in range(30000):
    seed = (seed * 16807) % 2147483647
    parts.append(pieces[seed % len(pieces)])
text = " ".join(parts)

tok = re.compile(r'\s+|(//[^\n]*)|([A-Za-z_]\w*)|(\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*")|([=+\-*/(),;])', re.ASCII)
counts = [0, 0, 0, 0, 0, 0]
h = 0
for m in tok.finditer(text):
    for g in range(1, 6):
        if m.group(g) is not None:
            counts[g] += 1
            h = (h * 31 + len(m.group(g)) + g) % 1000000007
            break
replaced = re.sub(r"\d+", lambda d: "<" + str(len(d.group(0))) + ">", text)
devoweled = re.sub(r"[aeiou]", "", text)
words = re.split(r"\s+", text, flags=re.ASCII)
print("regex %s %d %d %d %d" % (",".join(map(str, counts)), h, len(replaced), len(devoweled), len(words)))
