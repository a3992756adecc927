# jitgen-bench: smoke-size=40
"""A regular-expression workload with the re module.

Exercises: compiling patterns (the cache is purged so every iteration compiles
them again), findall, finditer with groups, sub with a template and with a
function, match and fullmatch per line, split, search with flags, and
backreferences, over a text generated from a vocabulary with a seeded linear
congruential generator.  SIZE is the number of generated lines; the checksum
is a polynomial hash over all results.
"""

import re
import sys
import time

MOD = 1000000007

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
         "hotel", "india", "juliet", "kilo", "lima", "mike", "november",
         "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform",
         "victor", "whiskey", "xray", "yankee", "zulu", "the", "a", "of", "and"]
DOMAINS = ["example", "mail", "corp", "uni", "net4u"]
TLDS = ["com", "org", "net", "io"]
KEYS = ["Subject", "From", "Date", "Note", "Status"]


class Rng:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state >> 8) % n


def make_text(lines, rng):
    out = []
    for _ in range(lines):
        parts = []
        if rng.below(3) == 0:
            parts.append(KEYS[rng.below(len(KEYS))] + ":")
        for _ in range(6 + rng.below(10)):
            kind = rng.below(20)
            if kind == 0:
                parts.append("%s.%s@%s.%s" % (WORDS[rng.below(26)], WORDS[rng.below(26)],
                                              DOMAINS[rng.below(5)], TLDS[rng.below(4)]))
            elif kind == 1:
                parts.append("%04d-%02d-%02d" % (1990 + rng.below(35), 1 + rng.below(12),
                                                 1 + rng.below(28)))
            elif kind == 2:
                parts.append("%d.%02d" % (rng.below(2000) - 1000, rng.below(100)))
            elif kind == 3:
                parts.append("#%06x" % rng.below(16777216))
            elif kind == 4:
                w = WORDS[rng.below(len(WORDS))]
                parts.append(w + " " + w)
            elif kind == 5:
                parts.append("(%03d) %03d-%04d" % (rng.below(1000), rng.below(1000),
                                                   rng.below(10000)))
            else:
                w = WORDS[rng.below(len(WORDS))]
                if rng.below(5) == 0:
                    w = w.capitalize()
                parts.append(w)
        end = ".!?;"[rng.below(4)]
        out.append(" ".join(parts) + end)
    return out


def text_hash(h, s):
    for ch in s:
        h = (h * 257 + ord(ch)) % MOD
    return h


def shout(m):
    return m.group(0).upper()


def run(lines):
    re.purge()
    email = re.compile(r"\b([a-z]+)\.([a-z]+)@([a-z0-9]+)\.(com|org|net|io)\b")
    date = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
    number = re.compile(r"-?\b\d+\.\d+\b")
    colour = re.compile(r"#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})\b")
    doubled = re.compile(r"\b(\w+) \1\b")
    capital = re.compile(r"\b[A-Z][a-z]+\b")
    phone = re.compile(r"\(\d{3}\) \d{3}-\d{4}")
    header = re.compile(r"^(Subject|From|Date|Note|Status):\s*(.*)$")
    five = re.compile(r"\b[a-z]{5}\b")
    sentence_end = re.compile(r"[.!?;]\s*")
    vowels = re.compile(r"[aeiou]{2,}", re.IGNORECASE)

    h = 0
    counts = [0] * 10
    for line in lines:
        for user, host, dom, tld in email.findall(line):
            counts[0] += 1
            h = text_hash(h, host + tld)
        for m in date.finditer(line):
            counts[1] += 1
            h = (h * 31 + int(m.group(1)) * 400 + int(m.group(2)) * 31 + int(m.group(3))) % MOD
        line2 = date.sub(r"\3/\2/\1", line)
        for num in number.findall(line2):
            counts[2] += 1
            h = text_hash(h, num)
        for m in colour.finditer(line2):
            counts[3] += 1
            h = (h * 31 + int(m.group(1), 16) + int(m.group(2), 16) + int(m.group(3), 16)) % MOD
        line3, n = doubled.subn(r"\1", line2)
        counts[4] += n
        counts[5] += len(capital.findall(line3))
        line4 = phone.sub("<phone>", line3)
        m = header.match(line4)
        if m:
            counts[6] += 1
            h = text_hash(h, m.group(1))
        line5 = five.sub(shout, line4)
        for piece in sentence_end.split(line5):
            if piece:
                h = text_hash(h, piece[:8])
        if vowels.search(line5):
            counts[7] += 1
        if re.fullmatch(r"[A-Za-z0-9 .:;!?@#()/<>-]*", line5):
            counts[8] += 1
        counts[9] += len(line5)
    return h, counts


def bench(size):
    text = make_text(size, Rng(4242))
    h, counts = run(text)
    checksum = h
    for c in counts:
        checksum = (checksum * 1009 + c) % MOD
    lines = ["lines: %d" % size,
             "emails %d, dates %d, numbers %d, colours %d, doubled %d" % tuple(counts[:5]),
             "capitalized %d, headers %d, vowel runs %d, clean %d, chars %d"
             % tuple(counts[5:])]
    return lines, checksum


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 2500
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
