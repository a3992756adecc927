# Operators between built-in values and instances of derived classes: overrides first, then
# the built-in operation on the values, CPython's errors naming the derived classes.
class I(int): pass
class S(str):
    def __eq__(self, o): return str.__eq__(self.lower(), o.lower())
    def __hash__(self): return hash(self.lower())
class L(list): pass
class T(tuple): pass
class F(float): pass
for f in [lambda: I(1) + "a", lambda: "a" + I(1), lambda: [1] + T(), lambda: L() + (1,), lambda: (1,) + L(), lambda: b"" + S("x"), lambda: S("x") + 1, lambda: 1 + S("x"), lambda: I(1) < "a", lambda: len(I(3)), lambda: I(3)[0], lambda: hash(L())]:
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
d = {S("Key"): 1}
print(d[S("KEY")], S("a") == "A", "A" == S("a"), S("A") in ["a"], I(3) < 2.5, F(1.5) == 1.5, I(2) ** -1, I(7) / 2, F(1.0).is_integer())
class V(tuple):
    def __add__(self, o): return V(a + b for a, b in zip(self, o))
    def __repr__(self): return "V" + tuple.__repr__(self)
print(V((1, 2)) + V((3, 4)), V((1,)) + (5,), (5,) + V((1,)))
class B(int):
    def __bool__(self): return True
print(bool(B(0)), not B(0), B(0) or "x")
class N(list):
    def __init__(self, *args, **kw):
        super().__init__(*args)
        self.kw = kw
n = N([1], a=1)
print(n, n.kw)
class Q(dict):
    def __init__(self):
        super().__init__()
        self["x"] = 1
print(Q(), Q() == {"x": 1})
class Cnt(dict):
    def __getitem__(self, k): return dict.get(self, k, 0)
c = Cnt(a=1)
print(c["a"], c["b"], c.get("b"), list(c))
print(L([1, [2]]), repr(T((1,))), repr(T()), str(S("s")), repr(S("s")), repr(F(0.1)), repr(I(-5)))
x = L([1, 2, 3])
x[1:2] = [9, 9]
del x[0]
x.sort(reverse=True)
print(x, x.index(9), x[::-1], type(x[::-1]).__name__)
