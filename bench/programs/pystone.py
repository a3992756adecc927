# jitgen-bench: smoke-size=500
"""A synthetic "systems programming" mix in the spirit of Dhrystone/pystone.

Exercises: small record objects linked to each other and copied, module
globals read and written from procedures, enumeration-like integer constants
in if/elif chains, one-character and whole-string comparisons, string
building, and a 1-D and a 2-D array of integers.  SIZE is the number of
rounds through the main loop; the checksum is computed from the final state
(globals, records and arrays).
"""

import sys
import time

# enumeration values
RED, GREEN, BLUE, CYAN, MAGENTA = 0, 1, 2, 3, 4
ARRAY_LEN = 40


class Record:
    def __init__(self, link=None, kind=RED, number=0, text="", letter="A"):
        self.link = link
        self.kind = kind
        self.number = number
        self.text = text
        self.letter = letter

    def clone(self):
        return Record(self.link, self.kind, self.number, self.text, self.letter)


class State:
    """Holds what Dhrystone keeps in globals."""

    def __init__(self):
        self.counter = 0
        self.flag = False
        self.letter_a = "A"
        self.letter_b = "B"
        self.vector = [0] * ARRAY_LEN
        self.matrix = [[0] * ARRAY_LEN for _ in range(ARRAY_LEN)]
        self.head = None
        self.spare = None


G = State()


def next_kind(kind):
    if kind == RED:
        return GREEN
    elif kind == GREEN:
        return BLUE
    elif kind == BLUE:
        return CYAN
    elif kind == CYAN:
        return MAGENTA
    return RED


def kind_matches(kind, value):
    """Procedure with several exits depending on an enumeration."""
    if kind == RED:
        return value > 0
    if kind == GREEN:
        return value > 50
    if kind == BLUE:
        return G.counter > 100
    if kind == CYAN:
        return not G.flag
    return value % 3 == 0


def letter_class(a, b):
    """Compares two one-character strings."""
    if a == b:
        G.letter_b = a
        return GREEN
    if a < b:
        return RED
    return BLUE


def strings_differ(s1, s2):
    """Character-wise scan then a whole-string comparison."""
    i = 2
    kind = RED
    while i <= 2:
        if letter_class(s1[i], s2[i + 1]) == RED:
            kind = CYAN
            i += 1
        else:
            break
    if kind == CYAN and "W" <= s1[0] <= "Z":
        return True
    if s1 > s2:
        G.counter += 7
        return True
    return False


def fill_arrays(vector, matrix, a, b):
    where = a + 5
    vector[where] = b
    vector[where + 1] = vector[where]
    vector[where + 10] = where
    row = matrix[where]
    for k in range(where, where + 2):
        row[k] = where
    row[where - 1] += 1
    matrix[where + 10][where] = vector[where]
    G.counter = 5


def adjust(value):
    """A procedure taking a value and returning an adjusted one."""
    k = value + 10
    while True:
        if G.letter_a == "A":
            k -= 1
            return k - G.counter
        k += 3
        if k > value + 20:
            return k // 2


def with_link(rec):
    """Works through a record and its link, copying and updating fields."""
    nxt = rec.link
    saved = nxt.clone()
    nxt.number = rec.number
    nxt.link = rec.link
    rec.number = 5
    nxt.number = rec.number
    nxt.link = rec.link
    nxt.link = G.head.link if G.head is not None else rec.link
    if nxt.kind == RED:
        nxt.number = 6
        nxt.kind = next_kind(rec.kind)
        nxt.link = G.head.link
        nxt.number = (nxt.number + 10) % 97
    else:
        rec.number = saved.number
        rec.kind = saved.kind
        rec.text = saved.text
    return nxt


def set_letters():
    G.flag = G.letter_a == "A"
    G.letter_b = "B"


def round_of(index, names):
    set_letters()
    a = 2
    b = 3
    c = 0
    name1 = names[index % len(names)]
    name2 = "WORK UNIT NUMBER %03d, ALPHA" % (index % 1000)
    kind = BLUE
    G.flag = not strings_differ(name1, name2)
    while a < b:
        c = 5 * a - b
        c = adjust(c) + a
        a += 1
    fill_arrays(G.vector, G.matrix, a + index % 7, c)
    nxt = with_link(G.head)
    if kind_matches(nxt.kind, c):
        G.counter += 1
    letter = "A"
    while letter <= G.letter_b:
        if kind == letter_class(letter, "C"):
            kind = RED
            name2 = "WORK UNIT NUMBER %03d, GAMMA" % (index % 1000)
        letter = chr(ord(letter) + 1)
    b = b * a
    a = b // c if c != 0 else b
    b = 7 * (b - c) - a
    a = adjust(a)
    G.letter_a = "A" if a % 2 == 0 else "B"
    return (a + b + c + len(name2)) % 1000


def text_hash(s):
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % 1000000007
    return h


def bench(size):
    global G
    G = State()
    G.spare = Record(None, GREEN, 17, "SPARE RECORD, FIRST STRING", "S")
    G.head = Record(G.spare, RED, 40, "HEAD RECORD, FIRST STRING", "H")
    names = ["WORK UNIT NUMBER %03d, ALPHA" % k for k in range(0, 40, 3)] + \
            ["XRAY UNIT NUMBER %03d, BETA" % k for k in range(5)]
    acc = 0
    for index in range(size):
        acc = (acc * 3 + round_of(index, names)) % 1000000007
    checksum = acc
    checksum = (checksum * 31 + G.counter) % 1000000007
    checksum = (checksum * 31 + sum(G.vector)) % 1000000007
    for row in G.matrix:
        checksum = (checksum * 31 + sum(row)) % 1000000007
    for rec in (G.head, G.head.link, G.spare):
        checksum = (checksum * 31 + rec.kind * 1000 + rec.number) % 1000000007
        checksum = (checksum * 31 + text_hash(rec.text + rec.letter)) % 1000000007
    lines = ["rounds: %d" % size,
             "counter: %d, flag: %s, letters: %s%s" % (G.counter, G.flag, G.letter_a, G.letter_b),
             "head: kind %d number %d" % (G.head.kind, G.head.number),
             "matrix sum: %d" % sum(sum(row) for row in G.matrix)]
    return lines, checksum


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 36000
    first = None
    for i in range(1, iterations + 1):
        start = time.perf_counter()
        result = bench(size)
        print("iteration %d: %r" % (i, time.perf_counter() - start), flush=True)
        if first is None:
            first = result
        elif result != first:
            sys.exit("iteration %d: result %r differs from the first %r" % (i, result, first))
    lines, checksum = first
    for line in lines:
        print(line)
    print("checksum: %s" % checksum)


if __name__ == "__main__":
    main()
