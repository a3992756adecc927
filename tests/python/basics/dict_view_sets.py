# dict keys and items views as sets: |, &, -, ^ on either side, comparisons
d = {"a": 1, "b": 2, "c": 3, "d": 4}
e = {"c": 30, "d": 40, "e": 50}
print(d.keys() & e.keys(), d.keys() | e.keys(), d.keys() - e.keys(), d.keys() ^ e.keys())
print(d.keys() & {"a", "z"}, {"a", "z"} & d.keys(), {"a", "b", "c", "d", "q", "r"} & d.keys(), d.keys() & ["d", "a", "x"])
print({"x"} | d.keys(), {"a", "q"} - d.keys(), ["q", "a"] - d.keys() if False else 0, d.keys() - ["a"], d.keys() ^ {"a", "q"})
print(d.items() & {("a", 1), ("b", 5)}, d.items() - e.items(), e.items() | {("z", 0)})
print(d.keys() == {"a", "b", "c", "d"}, d.keys() != e.keys(), d.keys() >= {"a"}, {"a"} < d.keys(), d.keys() == ["a"], d.keys() <= d.keys())
print(d.items() == {("a", 1), ("b", 2), ("c", 3), ("d", 4)}, type(d.keys() & e.keys()).__name__)
big = {i: i for i in range(50)}
print(big.keys() & {3, 70, 5}, {3, 70, 5} & big.keys(), big.keys() & range(45, 60))
try:
    print(d.values() & {1})
except TypeError as ex:
    print("TypeError:", ex)
