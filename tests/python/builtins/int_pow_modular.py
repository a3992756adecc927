# pow with two and three arguments, negative exponents, modular inverse, huge powers
print(pow(2, 10), pow(2, -1), pow(-2, 3), pow(-2, -2), pow(0, 0), pow(2.0, 0.5))
print(2 ** 100, (-3) ** 41, 7 ** 0, 0 ** 5, (-1) ** 1001)
print(pow(2, 100, 1000), pow(3, 200, 7), pow(-3, 3, 5), pow(3, 3, -5), pow(5, 0, 1))
print(pow(12345678901234567890, 98765, 10 ** 9 + 7))
print(pow(7, 10 ** 20, 13), pow(10 ** 40, 3, 10 ** 21 + 1))
x = 3 ** 500
s = str(x)
print(len(s), s[:20], s[-20:], x.bit_length())
print(2 ** 64 - 1, 2 ** 64 % 1000007, -(2 ** 63), (2 ** 1000).bit_length())
print(10 ** 50 // 3 ** 40, 10 ** 50 % 3 ** 40)
print(2 ** 0.5 == pow(2, 0.5), 4 ** 0.5, 8 ** (1 / 3), (-8) ** 2, 2 ** -2)
for args in [(2, 3, 0), (2.0, 3, 5)]:
    try:
        print(pow(*args))
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
