# Built-in class methods called through a derived class make instances of it; slots of
# derived classes; derived strs and ints as arguments of conversions.


class D(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key, value * 10)


class I(int):
    pass


class F(float):
    pass


class B(bytes):
    pass


class S(str):
    pass


d = D.fromkeys("ab", 1)
print(type(d).__name__, d, type(D().fromkeys([1], 2)).__name__, type(dict.fromkeys([1])).__name__)
print(type(I.from_bytes(b"\x01\x00", "big")).__name__, I.from_bytes(b"\x01\x00", "little"), type(int.from_bytes(b"\x01", "big")).__name__)
print(type(F.fromhex("0x1p1")).__name__, F.fromhex("0x1p1"), type(B.fromhex("41 42")).__name__, B.fromhex("41 42"))
print(type(I(3).from_bytes(b"\x02", "big")).__name__)

for base in [int, bytes, tuple, float, str, list, dict, set, frozenset]:
    try:
        class Slotted(base):
            __slots__ = ("a",)
        print(base.__name__, "slots ok")
    except TypeError as e:
        print(base.__name__, "TypeError:", e)


class Empty(tuple):
    __slots__ = ()


e = Empty((1, 2))
print(e, hasattr(e, "__dict__"), len(e))
try:
    e.x = 1
except AttributeError as err:
    print("AttributeError:", err)

print(int(S("12")), float(S("1.5")), S("ab") * 2, 2 * S("ab"), int(S("ff"), 16))
print(str(I(7)), format(I(7), "03d"), "%x" % I(255), hex(I(255)), bin(I(2)), oct(I(8)), chr(I(65)))
print(sum([I(1), I(2)]), type(sum([I(1), I(2)])).__name__, abs(I(-2)), type(abs(I(-2))).__name__)
print(divmod(I(7), 2), round(F(2.5)), round(F(2.567), 2), type(round(I(5))).__name__)


class M(type):
    x = property(lambda cls: "metaclass property")
    y = "metaclass attribute"


class A(metaclass=M):
    x = "class attribute"
    y = "class attribute"


print(A.x, A.y)
