# hashes of strs as CPython's with PYTHONHASHSEED=0: siphash13 over the internal form
for s in ["", "a", "abc", "abcdefgh", "abcdefghi", "hello world!", "é", "café", "ÿ", "Ā",
          "αβγ", "日本語", "\u20ac100", "😀", "😀x", "a😀b", "\x00", "x" * 100]:
    print(repr(s), hash(s))
print(hash("abc") == hash("ab" + "c"), hash(("a", "b")), hash(("a", 1, 2.5, True)))
print(hash((1, ("x", (2,)))), hash(frozenset({"a"})), hash(1.5), hash(-1), hash(2**100))
d = {}
for w in "one two three".split():
    d[hash(w) % 97] = w
print(d)
