d = {"one": 1, "two": 2}
d["three"] = 3
print(d, len(d), d["two"], "one" in d, "four" in d, d.get("four"), d.get("four", 4))
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, "->", v)
print(list(d.keys()), list(d.values()), d.keys(), d.values(), d.items())
del d["one"]; print(d)
print(d.pop("two"), d, d.pop("zz", "missing"), d.setdefault("x", 10), d)
d.update({"y": 20}, z=30); print(d)
e = dict(a=1, b=2); f = dict([("k", "v")]); print(e, f, dict(e), e == {"b": 2, "a": 1})
d2 = {1: "int", 1.5: "float", (1, 2): "tuple", None: "none", True: "bool?"}
print(d2, d2[1], d2[(1, 2)])
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print({**e, "c": 3}, d2.copy() == d2)
