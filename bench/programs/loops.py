# Numeric loops: a sieve of Eratosthenes over a list, then nested loops with arithmetic.
def sieve(n):
    flags = []
    for i in range(n + 1):
        flags.append(True)
    flags[0] = False
    flags[1] = False
    p = 2
    while p * p <= n:
        if flags[p]:
            for m in range(p * p, n + 1, p):
                flags[m] = False
        p += 1
    count = 0
    total = 0
    for k in range(n + 1):
        if flags[k]:
            count += 1
            total = (total + k) % 1000000007
    return "%d %d" % (count, total)


def nested(n):
    acc = 0
    for i in range(n):
        for j in range(n):
            acc = (acc + ((i * 31 + j * 17) ^ (i + j)) % 97) % 1000003
    return acc


print("loops " + sieve(300000) + " " + str(nested(450)))
