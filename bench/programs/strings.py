# String building: concatenation, chr, slicing, join, split, find, ord.
def run(rounds):
    total = 0
    for rnd in range(rounds):
        s = ""
        for i in range(400):
            s += chr(97 + (i * 7 + rnd) % 26)
        parts = []
        for j in range(0, len(s), 5):
            parts.append(s[j:j + 5])
        joined = "-".join(parts)
        h = 0
        for k in range(len(joined)):
            h = (h * 31 + ord(joined[k])) % 1000000007
        upper = joined.upper()
        total = (total + h + joined.find("hov") + 1 + len(joined.split("-")) +
                 ord(upper[rnd % len(upper)])) % 1000000007
    return total


print("strings " + str(run(360)))
