# sets of strs iterate in CPython's order (it depends on the strs' hashes)
print({"a", "b", "c", "d", "e", "f"})
print(set("abcdefghijklmnopqrstuvwxyz"))
print(set("ÀÁÂÃÄÅÆÇ"), set("αβγδεζηθ"), set(["日", "本", "語", "😀", "🎉"]))
names = ["alice", "bob", "carol", "dave", "eve", "frank", "grace", "heidi", "ivan", "judy"]
s = set()
for n in names:
    s.add(n)
    print(len(s), s)
s -= {"bob", "dave", "frank"}
print(s)
print({n.upper() for n in names})
print(set(n[:2] for n in names) & set(n[-2:] for n in names) | {"zz"})
print(frozenset(names), {(n, len(n)) for n in names[:4]})
