# int / int for big ints: correctly rounded (half to even), subnormal, underflowing and
# overflowing results; float repr picks the closest of the shortest digits
state = 12345
def bits(n):
    global state
    out = 0
    for _ in range(n // 60 + 1):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2 ** 64
        out = out << 60 | state >> 4
    return out >> (60 - n % 60) if n % 60 else out >> 60

cases = []
for i in range(300):
    a = bits(1 + (i * 37) % 1200)
    b = bits(1 + (i * 53) % 1200) or 1
    cases.append((a if i % 3 else -a, b))
cases += [(1, 2 ** 1074), (1, 2 ** 1075), (3, 2 ** 1076), (1, 2 ** 1075 - 1), (2 ** 1024, 1),
          (2 ** 1024 - 2 ** 970, 1), (2 ** 1024 - 2 ** 969, 1), (10 ** 400, 10 ** 100),
          (-(2 ** 60) + 1, 3), (2 ** 53 + 1, 1), (2 ** 54 + 3, 2), (1, 3 ** 700), (0, 2 ** 100),
          (-(2 ** 100), 2 ** 100 + 1), (2 ** 2000, 2 ** 1990 + 1), (1, -(2 ** 1074))]
for a, b in cases:
    try:
        print(repr(a / b))
    except OverflowError as e:
        print("OverflowError", e)
print(1039463976739899.25, 1250000000000000.25, 0.125e16 + 0.75, 2.0 ** 52 + 0.5)
