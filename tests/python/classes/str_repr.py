class A:
    def __str__(self):
        return "A-str"
    def __repr__(self):
        return "A-repr"
class B:
    def __repr__(self):
        return "B()"
a, b = A(), B()
print(a, repr(a), [a], str(b), b, f"{a} {a!r} {b}")
