# round() with and without ndigits on ints and floats, banker's rounding, negative ndigits
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001, 1e20, -0.0]:
    r = round(v)
    print(v, r, type(r).__name__)
for v, nd in [(2.675, 2), (1.005, 2), (0.125, 2), (0.375, 2), (3.14159, 3), (1234.5678, -2), (1250.0, -2), (1350.0, -2), (-1.25, 1), (5.0, 0), (0.1, 20)]:
    r = round(v, nd)
    print(v, nd, r, type(r).__name__)
for v, nd in [(1234, -2), (1250, -2), (1350, -2), (-1250, -2), (15, -1), (25, -1), (7, 0), (7, 3), (10 ** 25 + 5 * 10 ** 5, -6)]:
    r = round(v, nd)
    print(v, nd, r, type(r).__name__)
print(round(7, None), round(2.5, None))
for bad in [float("inf"), float("nan")]:
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(round(float("inf"), 2), round(float("nan"), 1))
