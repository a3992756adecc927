# complex numbers: construction, arithmetic, attributes, abs, conjugate, repr, equality
z = complex(3, 4)
w = 1 - 2j
print(z, w, z + w, z - w, z * w, z / w, -z, +z)
print(z.real, z.imag, z.conjugate(), abs(z), abs(w) ** 2)
print(complex(), complex(2), complex(2.5), complex(1, -0.0))
print(1j * 1j, 1j ** 2, (1 + 1j) ** 2, 2 ** (0j), (1 + 2j) ** 0)
print(repr(0j), repr(-0j), repr(1j), repr(1 + 0j), repr(complex(0, -1)), repr(complex(-0.0, 0)))
print(complex(1e300, 1e-300), complex(float("inf"), float("nan")), 1.5j, 10j + 10)
print(z == 3 + 4j, z == complex(3, 4.0), (2 + 0j) == 2, (2 + 0j) == 2.0, (2 + 1j) != 2, 1j == 1)
print(z * 2, z * 0.5, z / 2, 2 / z, 1 + z, z - 1.5, True * z)
print(hash(2 + 0j) == hash(2), {2 + 0j: "c", 2: "i"})
print(sum([1j, 2, 3.5]), [x.imag for x in [1j, 2 + 3j, 4 + 0j]], type(z.real).__name__)
try:
    z < w
except TypeError as e:
    print("TypeError:", e)
try:
    z / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
