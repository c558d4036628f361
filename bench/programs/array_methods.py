# Array methods with callbacks: the Python equivalents (map/filter/reduce with lambdas, sort with a key).
from functools import reduce

seed = 12345


def rnd():
    global seed
    seed = (seed * 16807) % 2147483647
    return seed


data = [rnd() % 10000 for _ in range(3000)]
records = [{"id": i, "key": v % 100} for i, v in enumerate(data)]

total = 0
for rnd_ in range(24):
    mapped = list(map(lambda iv: (iv[1] * 3 + iv[0] + rnd_) % 10007, enumerate(data)))
    filtered = list(filter(lambda v: v % 3 != 0, mapped))
    s = reduce(lambda acc, v: (acc + v) % 1000000007, filtered, 0)
    fe = 0
    for i, v in enumerate(filtered):
        fe = (fe + v * (i % 7)) % 1000000007
    srt = sorted(filtered)
    big = 1 if any(v > 10000 - rnd_ for v in srt) else 0
    total = (total + s + fe + big + srt[0] + srt[len(srt) >> 1] + srt[-1]) % 1000000007

by_key = sorted(records, key=lambda r: (r["key"], -r["id"]))
weight = reduce(lambda acc, pr: (acc + pr[1]["id"] * (pr[0] + 1)) % 1000000007, enumerate(by_key), 0)
print("array_methods %d %d" % (total, weight))
