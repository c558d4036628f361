# Closures: counters (nonlocal), curried adders, composition, memoization, captured loop values.
def make_counter(start):
    c = start

    def inc():
        nonlocal c
        c += 1
        return c

    def get():
        return c

    return inc, get


def compose(f, g):
    return lambda x: f(g(x))


def add(a):
    return lambda b: (a + b) % 1000003


def mul(a):
    return lambda b: (a * b) % 1000003


def memoize(f):
    cache = {}

    def m(n):
        if n in cache:
            return cache[n]
        r = cache[n] = f(n)
        return r

    return m


square = memoize(lambda n: (n * n) % 1000003)

total = 0
for i in range(10000):
    inc, get = make_counter(i)
    for j in range(8):
        inc()
    f = compose(add(i), mul(i % 13 + 1))
    fns = []
    for k in range(4):
        fns.append(lambda k=k, i=i: k * i)
    fsum = 0
    for g in fns:
        fsum += g()
    total = (total + get() + f(i) + square(i % 200) + fsum) % 1000003
print("closures " + str(total))
