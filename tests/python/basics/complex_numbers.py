# complex numbers: literals, arithmetic, repr, equality, hash, errors
print(repr(1 + 2j), repr(2j), repr(-0.0 - 1j), repr(complex(-0.0, -1)), repr(complex(0.0, -0.0)))
print(repr(1e16j), repr(complex(1.5, float("inf"))), repr(complex(float("nan"), 1)))
print((1 + 2j) * (3 - 1j), (1 + 2j) / (3 - 1j), (1 + 2j) ** 2, (1 + 2j) ** 0.5, 2 ** (1j))
print(abs(3 + 4j), -(1 + 2j), +(1j), (1 + 2j) == 1 + 2j, 1j == 1j + 0, 1 + 0j == 1)
print(hash(1 + 0j) == hash(1), hash(1 + 2j), bool(0j), bool(1j), {1j: "x"}[1j])
print(complex(), complex(1), complex(1, 2), complex(1.5), complex(1j, 1j), complex(imag=2))
print((1 + 2j).real, (1 + 2j).imag, (1 + 2j).conjugate(), (-8) ** 0.5, (-8.0) ** (1 / 3))
for text, test in [
    ("1j < 2j", lambda: 1j < 2j),
    ("(1+2j) // 1", lambda: (1 + 2j) // 1),
    ("(1+2j) % 2", lambda: (1 + 2j) % 2),
    ("1j / 0", lambda: 1j / 0),
    ("complex('x', 1)", lambda: complex("x", 1)),
    ("0j ** -1", lambda: 0j ** -1),
    ("complex(1, 'x')", lambda: complex(1, "x")),
    ("~1j", lambda: ~1j),
    ("complex([])", lambda: complex([])),
]:
    try:
        print(text, test())
    except (TypeError, ZeroDivisionError) as e:
        print(text, type(e).__name__ + ":", e)
print(type(1j).__name__, isinstance(1j, complex), str(1 + 1j), 1j ** 2, (1j) ** 3, 0j ** 0)
print((2 + 3j) ** -2, (1 + 1j) ** 101, sum([1j, 2, 3.5]), [z * 2 for z in (1j, 1 + 1j)])
z = 0j
c = complex(-0.5, 0.5)
for i in range(20):
    z = z * z + c
print(z, z.real * z.real + z.imag * z.imag)
