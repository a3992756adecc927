# classes: __repr__ vs __str__ vs __format__: print, str(), repr(), f-strings, format(), containers
class Money:
    def __init__(self, amount):
        self.amount = amount

    def __repr__(self):
        return f"Money({self.amount!r})"

    def __str__(self):
        return f"${self.amount:.2f}"

    def __format__(self, spec):
        if spec == "cents":
            return f"{round(self.amount * 100)}c"
        if spec == "":
            return str(self)
        return format(self.amount, spec)


m = Money(3.5)
print(m)
print(str(m), repr(m), [m], (m,), {"k": m})
print(f"{m}|{m!r}|{m!s}|{m:cents}|{m:>8.1f}")
print(format(m, "cents"), "{} {!r} {:cents}".format(m, m, m))


class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"


o = OnlyRepr()
print(o, str(o), f"{o}", format(o))


class OnlyStr:
    def __str__(self):
        return "only str"


s = OnlyStr()
print(s, f"{s}", repr(s).startswith("<__main__.OnlyStr object at"))
try:
    format(s, "x")
except TypeError as e:
    print("TypeError:", e)


class BadRepr:
    def __repr__(self):
        return 42


try:
    repr(BadRepr())
except TypeError as e:
    print("TypeError:", e)


class Nested:
    def __init__(self, *items):
        self.items = items

    def __repr__(self):
        return f"Nested{self.items!r}"


print(Nested(1, "a", Nested(m)))
print("%s and %r" % (m, m))
