# JSON round trips: json.dumps/json.loads of nested dicts/lists, then walk the parsed tree.
import json


def build(depth, seed):
    if depth == 0:
        return {"id": seed, "name": "n" + str(seed), "vals": [seed % 7, seed % 11, seed % 13],
                "ok": seed % 2 == 0, "nil": None}
    kids = [build(depth - 1, seed * 3 + i) for i in range(3)]
    return {"id": seed, "label": "d\"" + str(depth), "kids": kids}


def walk(node):
    s = node["id"] % 1000
    if "kids" in node:
        for k in node["kids"]:
            s += walk(k)
        s += len(node["label"])
    else:
        v = node["vals"]
        s += v[0] + v[1] + v[2] + (1 if node["ok"] else 0) + len(node["name"])
    return s


total = 0
for r in range(64):
    text = json.dumps(build(5, r), separators=(",", ":"))
    back = json.loads(text)
    total = (total + len(text) + walk(back)) % 1000000007
print("json_roundtrip " + str(total))
