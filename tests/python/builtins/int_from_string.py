# int() from strings with bases, prefixes, underscores, whitespace and signs; and int -> str
print(int("42"), int("-42"), int("+7"), int("  12  "), int("\t-3\n"), int("0"), int("000"))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0), int("0o17", 0), int("0b101", 0))
print(int("z", 36), int("10", 36), int("zz", 36), int("777", 8), int("1010", 2), int("-0x10", 0))
print(int("1_000_000"), int("0x_ff", 16), int("0b_1_0", 0), int("12", 3))
print(int("123456789012345678901234567890"), int("-" + "9" * 40))
print(int(3.99), int(-3.99), int(True), int(1e20), int("  0010  "))
for s, base in [("", 10), ("12a", 10), ("0x", 16), ("1__0", 10), ("_1", 10), ("9", 8), ("0b2", 0), ("08", 0), ("1.5", 10)]:
    try:
        print(repr(s), base, int(s, base))
    except ValueError as e:
        print("ValueError:", e)
try:
    int("5", 1)
except ValueError as e:
    print("ValueError:", e)
try:
    int(5, 10)
except TypeError as e:
    print("TypeError:", e)
for n in [0, 7, -7, 255, 2 ** 70, -(10 ** 25)]:
    print(str(n), repr(n), bin(n), oct(n), hex(n), int(str(n)) == n, int(hex(n), 16) == n)
