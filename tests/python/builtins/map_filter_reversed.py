# map (one and several iterables), filter (function and None), reversed on built-in sequences
print(list(map(str, [1, 2, 3])), list(map(len, ["a", "bb", ""])), list(map(abs, (-1, 2, -3))))
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5])), list(map(pow, [2, 3], [3, 2], [5, 5])))
print(list(map(str.upper, "abc")), list(map(int, "123")), list(map(lambda s: s[::-1], ["ab", "cd"])))
print(list(filter(None, [0, 1, "", "a", None, [], [0], False, 2.5])))
print(list(filter(lambda x: x % 3 == 0, range(20))), list(filter(str.isalpha, "a1b2c3")))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(5))), list(reversed((1,))))
print(list(reversed(range(10, 0, -3))), "".join(reversed("stressed")), list(reversed([])))
r = reversed([1, 2, 3])
print(next(r), list(r))
print(sum(map(int, "12345")), max(map(len, ["a", "abc", "ab"])), list(filter(None, map(lambda x: x % 2, range(6)))))
words = ["level", "python", "noon", "jit", "racecar"]
print(list(filter(lambda w: w == "".join(reversed(w)), words)))
print(list(map(lambda w, n: w[:n], words, range(1, 10))), list(map(len, filter(lambda w: len(w) > 3, words))))
acc = []
for x in reversed(list(map(lambda v: v * v, range(5)))):
    acc.append(x)
print(acc, list(reversed(list(filter(None, [0, 3, 0, 7])))))
