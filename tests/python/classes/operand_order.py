# Operand order of special methods, as CPython's: a subclass's overriding reflected method goes
# first, no reflected method for two instances of one class, comparisons try a subclass's
# reflected method first.
class A:
    def __add__(self, other):
        return "A.__add__"
    def __radd__(self, other):
        return "A.__radd__"
    def __sub__(self, other):
        return NotImplemented
    def __rsub__(self, other):
        return "A.__rsub__"
    def __eq__(self, other):
        return "A.__eq__"
    def __lt__(self, other):
        return "A.__lt__"
    def __gt__(self, other):
        return "A.__gt__"
class B(A):
    def __radd__(self, other):
        return "B.__radd__"
    def __eq__(self, other):
        return "B.__eq__"
    def __gt__(self, other):
        return "B.__gt__"
class C(A):
    pass
print(A() + B(), B() + A(), A() + C(), C() + A())
print(A() == B(), B() == A(), A() < B(), B() < A(), A() == C())
try:
    A() - A()
except TypeError as e:
    print("TypeError:", e)
print(A() - C(), C() - A() if False else "skip")
class P:
    def __mul__(self, other):
        return NotImplemented
class Q:
    def __rmul__(self, other):
        return "Q.__rmul__"
print(P() * Q())
try:
    Q() * Q()
except TypeError as e:
    print("TypeError:", e)
