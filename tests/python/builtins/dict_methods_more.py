# dict methods: get/setdefault/pop/popitem/update/fromkeys/copy/clear, and | and |= merges
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("a", 100), d.setdefault("c", 3), d.setdefault("d"))
print(d)
print(d.pop("d"), d.pop("zz", "dflt"), d)
d.update({"b": 20, "e": 5})
d.update([("f", 6), ("a", 10)])
d.update(g=7, b=21)
print(d)
del d["g"], d["f"]
print(d)
e = d.copy()
e["new"] = 1
print(d, e, d == e, len(e))
print(dict(a=1, b=2), dict([("k", "v")]), dict({"m": 1}, n=2), dict(zip("xy", (1, 2))))
e.clear()
print(e, bool(e), {} == dict())
for bad in [lambda: d.pop("nope"), lambda: d["missing"]]:
    try:
        bad()
    except KeyError as err:
        print("KeyError:", err)
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
