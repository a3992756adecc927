# classes: in-place operators (__iadd__, ...) mutating or returning new objects, and fallbacks
class Bag:
    def __init__(self, items):
        self.items = list(items)

    def __repr__(self):
        return f"Bag({self.items})"

    def __iadd__(self, other):
        print("  __iadd__ mutates")
        self.items.extend(other)
        return self

    def __add__(self, other):
        print("  __add__ builds new")
        return Bag(self.items + list(other))

    def __isub__(self, other):
        self.items = [x for x in self.items if x not in other]
        return self

    def __imul__(self, k):
        self.items *= k
        return self


b = Bag([1])
alias = b
b += [2, 3]
print(b, alias, b is alias)
c = b + [4]
print(c, b)
b -= [1, 3]
b *= 2
print(b, alias is b)


class OnlyAdd:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return OnlyAdd(self.v + other)


x = OnlyAdd(1)
y = x
x += 5
print(x.v, y.v, x is y)


class ReturnsOther:
    def __ior__(self, other):
        return "something else"


r = ReturnsOther()
r |= 1
print(r)

# in-place on a list element and attribute: the target is assigned back
data = [Bag([0])]
data[0] += [1]
print(data)


class Box:
    pass


bx = Box()
bx.n = 10
bx.n += 1
bx.n //= 2
bx.n **= 2
bx.n <<= 1
bx.n ^= 3
print(bx.n)

t = ([1],)
try:
    t[0] += [2]
except TypeError as e:
    print("TypeError:", e)
print(t)
