# the math module: constants, functions, CPython's errors
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.exp(1), math.exp(-1000), math.expm1(1e-10))
print(math.log(100), math.log(8, 2), math.log(100, 10), math.log2(1024), math.log10(1e-5))
print(math.log(2 ** 1000), math.log2(2 ** 1000), math.log10(10 ** 400), math.log1p(1e-10))
print(math.log(2 ** 5000), math.log2(3 ** 1000), math.log(10 ** 20, 10), math.log(7 ** 900, 7 ** 3))
print(math.pow(2, 10), math.pow(2, -1), math.pow(-8, 3), math.pow(1, math.nan), math.pow(math.nan, 0))
print(math.sin(1), math.cos(1), math.tan(1), math.asin(0.5), math.acos(0.5), math.atan(1))
print(math.atan2(1, -1), math.sinh(1), math.cosh(1), math.tanh(1), math.hypot(3, 4))
print(math.hypot(), math.hypot(-5), math.hypot(1, 2, 2), math.fabs(-3), math.copysign(2, -0.0))
print(math.hypot(1e300, 1e300), math.hypot(3e-320, 4e-320), math.hypot(1.1, 2.2, 3.3), math.hypot(0.1, 0.7))
print(math.floor(2.7), math.floor(-2.5), math.ceil(2.1), math.ceil(-2.9), math.trunc(-3.7))
print(math.floor(7), math.floor(True), math.floor(1e20), type(math.ceil(2.0)).__name__)
print(math.isfinite(1.0), math.isinf(math.inf), math.isnan(math.nan), math.isnan(5))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0.0, 1e-12, abs_tol=1e-9))
print(math.gcd(12, 18), math.gcd(-12, 18, 8), math.gcd(), math.gcd(0, 0), math.lcm(4, 6), math.lcm())
print(math.gcd(2 ** 100, 6 ** 50))
print(math.factorial(0), math.factorial(20), math.factorial(30))
print(math.isqrt(0), math.isqrt(99), math.isqrt(10 ** 40), math.fmod(7, 3), math.fmod(-7, 3))
print(math.degrees(math.pi), math.radians(180), math.modf(2.5), math.modf(-2.5), math.modf(-2.0))
print(math.frexp(8.0), math.frexp(0.1), math.frexp(0.0), math.frexp(-3), math.frexp(5e-324))
print(math.ldexp(0.5, 4), math.ldexp(1, -1074), math.ldexp(3.0, 0), math.ldexp(1.0, -2000))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100]), math.fsum([]))
print(math.fsum([1, 2, 3]), math.fsum([math.inf, 1.0]))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([2.5, 2]), math.prod([2, 3], start=10))
print(math.comb(5, 2), math.comb(52, 5), math.comb(3, 5), math.comb(100, 50))
print(math.perm(5, 2), math.perm(5), math.perm(3, 5), math.perm(5, None))

tests = [
    ("sqrt(-1)", lambda: math.sqrt(-1)),
    ("log(0)", lambda: math.log(0)),
    ("log(-1.5)", lambda: math.log(-1.5)),
    ("log(-(2 ** 1000))", lambda: math.log(-(2 ** 1000))),
    ("log(10, 1)", lambda: math.log(10, 1)),
    ("log()", lambda: math.log()),
    ("exp(1000)", lambda: math.exp(1000)),
    ("pow(0, -1)", lambda: math.pow(0, -1)),
    ("pow(-8, 1/3)", lambda: math.pow(-8, 1 / 3)),
    ("pow(10, 400)", lambda: math.pow(10, 400)),
    ("sin(inf)", lambda: math.sin(math.inf)),
    ("asin(2)", lambda: math.asin(2)),
    ("acos(-2)", lambda: math.acos(-2)),
    ("fmod(1, 0)", lambda: math.fmod(1, 0)),
    ("fmod(inf, 1)", lambda: math.fmod(math.inf, 1)),
    ("factorial(-1)", lambda: math.factorial(-1)),
    ("factorial(2.0)", lambda: math.factorial(2.0)),
    ("isqrt(-1)", lambda: math.isqrt(-1)),
    ("isqrt(2.0)", lambda: math.isqrt(2.0)),
    ("floor(nan)", lambda: math.floor(math.nan)),
    ("ceil(inf)", lambda: math.ceil(math.inf)),
    ("floor('x')", lambda: math.floor("x")),
    ("trunc('x')", lambda: math.trunc("x")),
    ("sqrt('x')", lambda: math.sqrt("x")),
    ("sqrt()", lambda: math.sqrt()),
    ("sqrt(1, 2)", lambda: math.sqrt(1, 2)),
    ("atan2(1)", lambda: math.atan2(1)),
    ("sqrt(2 ** 2000)", lambda: math.sqrt(2 ** 2000)),
    ("gcd(1.5)", lambda: math.gcd(1.5)),
    ("comb(-1, 2)", lambda: math.comb(-1, 2)),
    ("comb(5, -1)", lambda: math.comb(5, -1)),
    ("perm(-1)", lambda: math.perm(-1)),
    ("ldexp(1.0, 2000)", lambda: math.ldexp(1.0, 2000)),
    ("ldexp(1.0, 1.5)", lambda: math.ldexp(1.0, 1.5)),
    ("fsum([inf, -inf])", lambda: math.fsum([math.inf, -math.inf])),
    ("fsum([1e308, 1e308])", lambda: math.fsum([1e308, 1e308])),
    ("fsum(5)", lambda: math.fsum(5)),
    ("prod(5)", lambda: math.prod(5)),
    ("isclose(1, 2, rel_tol=-1)", lambda: math.isclose(1, 2, rel_tol=-1)),
]
for text, test in tests:
    try:
        print(text, "=", test())
    except (ValueError, TypeError, OverflowError, ZeroDivisionError) as e:
        print(text, "->", type(e).__name__ + ":", e)


class Floaty:
    def __float__(self):
        return 2.25


class Floors:
    def __floor__(self):
        return "floored"


print(math.sqrt(Floaty()), math.floor(Floors()), math.floor(Floaty()))
