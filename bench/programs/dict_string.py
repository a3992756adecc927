# jitgen-bench: smoke-size=300
# Dicts and strings: words from a seeded LCG are joined into a text, split again, counted in
# a dict, walked in insertion order, deleted, re-inserted, reversed, sliced, grouped by first
# letter and looked up. SIZE = number of words. Twin: dict_string.toy.
import sys
import time

MODULUS = 1000000007
LETTERS = "etaoinshrd"


class Rng:
    def __init__(self, seed):
        self.state = seed

    def next(self, n):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state // 65536) % n


def str_hash(s):
    h = 7
    i = 0
    while i < len(s):
        h = (h * 131 + ord(s[i])) % MODULUS
        i = i + 1
    return h


def make_word(rng):
    # short words are frequent, long ones rare: 2 + (0..3) letters, skewed towards the
    # first letters of LETTERS
    n = 2 + rng.next(4)
    w = ""
    i = 0
    while i < n:
        k = rng.next(len(LETTERS))
        if k > 5:
            k = rng.next(len(LETTERS))
        w = w + LETTERS[k]
        i = i + 1
    return w


def reverse(s):
    r = ""
    i = len(s) - 1
    while i >= 0:
        r = r + s[i]
        i = i - 1
    return r


def run(nwords):
    rng = Rng(42)
    words = []
    i = 0
    while i < nwords:
        words.append(make_word(rng))
        i = i + 1
    text = " ".join(words)
    parts = text.split(" ")
    if len(parts) != nwords:
        raise Exception("split lost words")

    # word frequencies, in order of first occurrence
    freq = {}
    i = 0
    while i < len(parts):
        w = parts[i]
        freq[w] = freq.get(w, 0) + 1
        i = i + 1
    distinct = len(freq)
    ks = list(freq.keys())
    h = 0
    best = ""
    best_count = 0
    smallest = ks[0]
    largest = ks[0]
    i = 0
    while i < len(ks):
        k = ks[i]
        c = freq[k]
        h = (h * 31 + str_hash(k) * c) % MODULUS
        if c > best_count:
            best = k
            best_count = c
        if k < smallest:
            smallest = k
        if k > largest:
            largest = k
        i = i + 1

    # drop the words seen once, then re-insert every third of them (they go to the end)
    removed = []
    i = 0
    while i < len(ks):
        k = ks[i]
        if freq[k] == 1:
            del freq[k]
            removed.append(k)
        i = i + 1
    after_delete = len(freq)
    i = 0
    while i < len(removed):
        freq[removed[i]] = 100 + i
        i = i + 3

    # words whose reverse is also a word
    mirrored = 0
    ks = list(freq.keys())
    i = 0
    while i < len(ks):
        if reverse(ks[i]) in freq:
            mirrored = mirrored + 1
        i = i + 1

    # order-sensitive walk over keys and values together
    vs = list(freq.values())
    ks = list(freq.keys())
    order = 0
    i = 0
    while i < len(ks):
        order = (order * 17 + str_hash(ks[i]) + vs[i] * (i + 1)) % MODULUS
        i = i + 1

    # group by first letter (a dict of arrays), join each group, count substrings
    groups = {}
    i = 0
    while i < len(parts):
        w = parts[i]
        f = w[0]
        if f in groups:
            groups[f].append(w)
        else:
            groups[f] = [w]
        i = i + 1
    gk = list(groups.keys())
    joined_len = 0
    with_tea = 0
    g = 0
    while g < len(gk):
        line = ",".join(groups[gk[g]])
        joined_len = joined_len + len(line)
        if "tea" in line:
            with_tea = with_tea + 1
        g = g + 1

    # prefixes and suffixes via slices; int keys built from them
    ends = {}
    i = 0
    while i < len(parts):
        w = parts[i]
        key = w[0:2] + "-" + w[-2:len(w)]
        ends[key] = ends.get(key, 0) + len(w)
        i = i + 1
    ek = list(ends.keys())
    nums = []
    i = 0
    while i < len(ek):
        nums.append(str(ends[ek[i]] * 7 % 1000))
        i = i + 1
    numtext = ";".join(nums)
    back = numtext.split(";")
    by_num = {}
    i = 0
    while i < len(back):
        v = int(back[i])
        by_num[v] = by_num.get(v, 0) + 1
        i = i + 1
    hits = 0
    v = 0
    while v < 1000:
        if v in by_num:
            hits = hits + by_num[v] * v
        v = v + 1

    res = []
    res.append("words: " + str(nwords) + " chars: " + str(len(text)))
    res.append("distinct: " + str(distinct) + " after delete: " + str(after_delete) + " final: " + str(len(freq)))
    res.append("most frequent: " + best + " " + str(best_count))
    res.append("smallest: " + smallest + " largest: " + largest)
    res.append("mirrored: " + str(mirrored))
    res.append("groups: " + str(len(gk)) + " joined: " + str(joined_len) + " with tea: " + str(with_tea))
    res.append("ends: " + str(len(ends)) + " numbers: " + str(len(by_num)) + " hits: " + str(hits))
    res.append("checksum: " + str((h * 7 + order * 3 + hits) % MODULUS))
    return res


def main():
    iterations = 10
    size = 20000
    if len(sys.argv) > 1:
        iterations = int(sys.argv[1])
    if len(sys.argv) > 2:
        size = int(sys.argv[2])
    first = None
    it = 1
    while it <= iterations:
        t0 = time.perf_counter()
        res = run(size)
        t1 = time.perf_counter()
        print("iteration " + str(it) + ": " + str(t1 - t0))
        sys.stdout.flush()
        if first is None:
            first = res
        elif res[len(res) - 1] != first[len(first) - 1]:
            sys.stderr.write("checksum mismatch in iteration " + str(it) + "\n")
            sys.exit(1)
        it = it + 1
    i = 0
    while i < len(first):
        print(first[i])
        i = i + 1


main()
