# min / max with key, default, several arguments and ties (first wins)
words = ["pear", "fig", "banana", "kiwi", "apple", "date"]
print(min(words), max(words), min(words, key=len), max(words, key=len))
print(max(words, key=lambda w: w[-1]), min(words, key=lambda w: (len(w), w)))
print(min([3, 1, 1.0, 2]), max([1, 3, 3.0]), max(1.0, 1), min(1, 1.0), max([True, 1]))
print(min([], default=0), max((), default="none"), min([5], default=0), max([], key=len, default=[]))
print(min(4, 2, 8, key=lambda x: -x), max("a", "bb", "c", key=len), min("hello"))
pairs = [(1, "b"), (1, "a"), (0, "z"), (2, "a")]
print(min(pairs), max(pairs), min(pairs, key=lambda p: p[1]), max(pairs, key=lambda p: p[1]))
d = {"x": 3, "y": 9, "z": 1}
print(max(d), max(d, key=d.get), min(d.items(), key=lambda kv: kv[1]), max(d.values()))
print(max(range(10), key=lambda n: n % 4), min(iter([7, 3, 9])), max(x * x for x in range(-5, 3)))
for bad in [lambda: min([]), lambda: max(), lambda: max(1), lambda: min(1, 2, default=0)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
