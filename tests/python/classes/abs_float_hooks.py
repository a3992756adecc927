# abs() calls __abs__; float() calls __float__, else __index__; their errors.
class N:
    def __init__(self, v):
        self.v = v
    def __abs__(self):
        return N(-self.v if self.v < 0 else self.v)
    def __repr__(self):
        return f"N({self.v})"
print(abs(N(-3)), abs(N(4)))
class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 7
class Both(F, I):
    pass
print(float(F()), float(I()), float(Both()))
class Bad:
    def __float__(self):
        return "x"
for make in (Bad, object):
    try:
        float(make())
    except TypeError as e:
        print("TypeError:", e)
try:
    abs(object())
except TypeError as e:
    print("TypeError:", e)
