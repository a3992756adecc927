d = {}
for k in ["z", "a", "m", "b"]:
    d[k] = len(d)
del d["a"]
d["a"] = 99
d["z"] = -1
print(d, list(d), list(d.values()))
e = {3: "c", 1: "a", 2: "b"}
print(sorted(e), sorted(e.items()), min(e), max(e.values()))
keys = list(e.keys())
for k in keys:
    if k % 2:
        del e[k]
print(e)
