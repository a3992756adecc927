# floor division, modulo and divmod with every sign combination, ints and floats
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, 5), (1, 7), (-1, 7)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b), a // b * b + a % b == a)
for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2.0), (0.5, 0.25), (-0.0, 1.0)]:
    print(a, b, a // b, a % b, divmod(a, b))
big = 10 ** 30 + 7
for b in [3, -3, 10 ** 15, -(10 ** 15 + 1)]:
    q, r = divmod(big, b)
    print(q, r, q * b + r == big)
    q, r = divmod(-big, b)
    print(q, r, q * b + r == -big)
print(-1 % 10 ** 20, (-(10 ** 20)) // 7, 5 % -(2 ** 70))
for a, b in [(1, 0), (1.0, 0), (1, 0.0), (10 ** 30, 0)]:
    for op in ("//", "%"):
        try:
            if op == "//":
                a // b
            elif op == "%":
                a % b
            else:
                divmod(a, b)
        except ZeroDivisionError as e:
            print(op, type(a).__name__, type(b).__name__, "ZeroDivisionError:", e)
