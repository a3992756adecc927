# comparisons and arithmetic mixing ints, floats, bools and big ints
print(1 == 1.0, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53, 2 ** 53 + 1 > 2.0 ** 53)
print(10 ** 400 > 1e308, -(10 ** 400) < -1e308, 10 ** 400 < float("inf"), 10 ** 400 == float("inf"))
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9, 1 < 1.5 < 2, 3 > 2.9999999)
print(True + True, True * 2.5, False - 1, 3 / 2, 4 / 2, -7 / 2, 1 / 3 * 3, type(4 / 2).__name__)
print(7 + 0.5, 7 - 0.5, 7 * 0.5, 7 / 0.5, 7 // 0.5, 7 % 0.5, 2 ** 0.5 * 2 ** 0.5)
print(10 ** 20 + 0.5, 10 ** 20 / 3, (10 ** 20 + 1) / 10 ** 20, 2 ** 100 * 1.0)
print(max(1, 1.0), max(1.0, 1), min(2, 2.0, True), sorted([3, 1.5, True, 2, 0.5, False]))
print(hash(1) == hash(1.0) == hash(True), hash(0.5) == hash(0.5), {1: "a", 1.0: "b", True: "c"})
print(int(2.5) + 2.5, float(3) + 3, 1e0 + 1, 5 // 2.0, -5 // 2.0, 5 % -2.0)
vals = [3, 2.5, -1, 10 ** 18, 1e18, float("inf"), -0.0]
for a in vals:
    print(a, [a < b for b in vals])
print(sum([0.1] * 10), sum([1, 2.5, True]), 1e18 + 1 == 1e18, 10 ** 18 + 1 == 10 ** 18)
print(float("nan") == 1, 1 == float("nan"), float("nan") != 1)
