# float repr: shortest round-tripping repr, exponents, inf/nan, signed zero
vals = [0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 123456789.0, 1e-4, 1e-5, 0.5, 100.0, 1e22, 1e23,
        1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 9007199254740993.0, 3.141592653589793]
for v in vals:
    r = repr(v)
    print(r, str(v) == r, float(r) == v)
print(float("inf"), float("-inf"), float("nan"), -float("inf"), float("Infinity"), float("-iNF"))
print(-0.0, 0.0 * -1, repr(-0.0), -0.0 == 0.0, str(-0.0))
print(float("1e500"), float("-1e500"), float("1e-500"), float(" 1.5 "), float("1_0.5"), float("+.5"), float("5."))
print(1e308 * 10, -1e308 * 10, 2.0 ** 1023 * 2 == float("inf"))
n = float("nan")
print(n == n, n != n, n < 1, n > 1, [n] == [n], float("nan") in [n])
print(float(10 ** 20), float(2 ** 53 + 1), float(-(10 ** 30)), 10 ** 30 / 10 ** 10)
print(1.0, 1.5e300 * 1.5e-300, 0.1 * 3, 1 - 0.9, 4.35 * 100, 2.675 * 100)
for s in ["abc", "", "1e", "--1", "0x10"]:
    try:
        float(s)
    except ValueError as e:
        print("ValueError:", e)
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
