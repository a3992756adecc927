vals = [0.1, 0.2, 0.1 + 0.2, 1.0, -0.0, 1e16, 1e15, 123456789.0, 1e-4, 1e-5, 1.5e-7,
        3.141592653589793, 2.5, 1e22, 1e100, 12345678901234567.0, 0.5, 100.0, 1/3, 2/3]
for v in vals:
    print(v, repr(v), str(v))
print(float("inf"), float("-inf"), float("nan"), 1e308 * 10)
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1.23456, 3))
print(int(3.9), int(-3.9), float(7), float("  2.5 "), 7.0 // 2, 7.5 % 2, -7.5 % 2)
