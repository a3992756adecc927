# .real/.imag/.numerator/.denominator, conjugate(), bit_count(), as_integer_ratio(),
# is_integer() of ints, bools, floats (and complex parts)
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for x in [0, 7, -7, 2 ** 70, -(2 ** 70), True, False]:
    print(repr(x), repr(x.real), repr(x.imag), repr(x.numerator), repr(x.denominator),
          repr(x.conjugate()), type(x.real).__name__, type(x.conjugate()).__name__,
          x.as_integer_ratio(), x.bit_count(), x.bit_length())
for x in [0.0, -0.0, 2.5, -2.5, 1e300, 5e-324, 0.1, 1 / 3, 3.0, -4.0, float("inf"), float("nan")]:
    print(repr(x), repr(x.real), repr(x.imag), repr(x.conjugate()), x.is_integer())
for x in [0.0, -0.0, 2.5, -2.5, 1e300, 5e-324, 0.1, 1 / 3, 3.0, -4.0, 2.0 ** -1074, 1.5e-310,
          2.0 * 2 ** 60, 123456789.123]:
    n, d = x.as_integer_ratio()
    print(repr(x), n, d, n / d == x)
show(lambda: float("inf").as_integer_ratio())
show(lambda: float("-inf").as_integer_ratio())
show(lambda: float("nan").as_integer_ratio())
z = 3 - 4j
print(z.real, z.imag, z.conjugate(), (1j).conjugate(), type(z.real).__name__)
print((255).bit_count(), (-255).bit_count(), (2 ** 100 - 1).bit_count(), (-(2 ** 100)).bit_count())
print(sum(n.bit_count() for n in range(1000)))
show(lambda: (5).conjugate(1))
show(lambda: (5).bit_count(1))
show(lambda: (5.0).as_integer_ratio(2))
show(lambda: (5).numerator.denominator.real)
show(lambda: (5).fraction)
show(lambda: (5.0).numerator)
x = 10
x_parts = [x.real, x.imag]
print(x_parts, [(-1.5).real, (-1.5).imag])
