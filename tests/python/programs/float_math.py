total = 0.0
for i in range(1, 11):
    total += 1 / i
print(total, round(total, 4), int(total * 1000))
x = 2.0
for _ in range(6):
    x = (x + 2 / x) / 2
print(x, x * x, abs(x * x - 2) < 1e-12)
print(0.1 * 3, 1.1 + 2.2, 3.0 * 1.1, 1e300 * 1e10, -1e300 * 1e10, 2.0 ** 0.5, 10 ** 0.5)
print(7.0 / 2, 7 // 2.0, -7 // 2.0, 7 % 2.5, 2 ** -2, 1.5 ** 2, (-8) ** 2, 4 ** 0.5)
print(float(2 ** 60), 2 ** 60 / 3, 10 ** 17 / 10, 123456789 * 1.5)
