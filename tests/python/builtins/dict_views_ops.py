# dict views: keys/values/items are live views; set operations on keys and items views
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it, len(k), "a" in k, 2 in v, ("b", 2) in it, ("b", 3) in it)
d["d"] = 4
del d["a"]
print(list(k), list(v), list(it))
other = {"c": 30, "d": 4, "e": 5}
print(sorted(k & other.keys()), sorted(k | other.keys()), sorted(k - other.keys()), sorted(k ^ other.keys()))
print(sorted(k & {"b", "zz"}), sorted(k | ["x"]), sorted(it & other.items()), sorted(it - other.items()))
print(k == {"b", "c", "d"}, k <= {"b", "c", "d", "e"}, k < {"b", "c", "d"})
print(it == {("b", 2), ("c", 3), ("d", 4)}, v == v, list(v) == [2, 3, 4])
print(list(reversed(k)), sorted(v, reverse=True), [key for key, val in it if val % 2 == 0])
for key in list(d.keys()):
    if key != "c":
        del d[key]
print(d, list(k))
m = {1: "one", 2: "two"}
print(list(zip(m.keys(), m.values())) == list(m.items()), dict(m.items()) == m, {v: k for k, v in m.items()})
