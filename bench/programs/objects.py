# Object/property churn: dicts, a linked list, item reads/writes, dynamic keys.
def run(n):
    lst = []
    for i in range(n):
        o = {"id": i, "x": i % 17, "y": i % 23, "tag": "t" + str(i % 10), "next": None}
        if i > 0:
            lst[i - 1]["next"] = o
        lst.append(o)
    total = 0
    for r in range(4):
        p = lst[0]
        while p is not None:
            p["x"] = (p["x"] * 3 + p["y"] + r) % 1009
            total = (total + p["x"]) % 1000000007
            p = p["next"]
    bag = {}
    for j in range(n):
        key = "k" + str(j % 300) + lst[j]["tag"]
        bag[key] = bag.get(key, 0) + lst[j]["x"]
    keys = list(bag)
    ks = 0
    for q in range(len(keys)):
        ks = (ks + bag[keys[q]] * (q + 1)) % 1000000007
    return "%d %d %d" % (total, ks, len(keys))


print("objects " + run(72000))
