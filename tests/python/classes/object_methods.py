# object's methods: __eq__, __hash__, __repr__, __str__ through super(), object and instances;
# built-in methods kept in a class bind to its instances.

class P:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        if isinstance(other, P):
            return self.v == other.v
        return super().__eq__(other)
    __hash__ = object.__hash__
    def __repr__(self):
        return "P(" + str(self.v) + ")/" + super().__repr__()[:12]
    def __str__(self):
        return "str:" + super().__str__()
p = P(1)
print(p == P(1), p == 3, p != 3, P(1) in {p}, hash(p) == hash(p), type(hash(p)).__name__)
print(repr(p), str(p))
print(object.__eq__(p, p), object.__eq__(p, 1))
print(hasattr(object, "__hash__"), object.__repr__(p)[:12])
class Q:
    pass
q = Q()
print(q.__eq__(q), q.__eq__(1), q.__hash__() == hash(q), q.__repr__()[:11], q.__str__()[:11])
print(object.__str__(5), object.__repr__(5)[:14])
class R:
    upper = str.upper
try:
    R().upper()
except TypeError as e:
    print("TypeError")
