# anagram classes and shared letters with sets of strs and frozensets
words = """listen silent enlist tinsel inlets google banana stone tones notes onset
seton angel glean angle evil vile live veil stop pots tops spot post opts""".split()
classes = {}
for w in words:
    classes.setdefault(frozenset(w), set()).add(w)
for key in classes:
    print("".join(sorted(key)), classes[key])
letters = set()
for w in words:
    letters |= set(w)
print(len(letters), letters)
common = set(words[0])
for w in words[1:5]:
    common &= set(w)
print(common)
seen = set()
dupes = set()
for w in words:
    k = "".join(sorted(w))
    if k in seen:
        dupes.add(k)
    seen.add(k)
print(dupes, len(seen))
print(set(words) - {w for w in words if "o" in w})
