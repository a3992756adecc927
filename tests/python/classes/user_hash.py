# User __hash__ in dicts, sets and hash(); __hash__ = None; __eq__ without __hash__.

class Key:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        print("hash", self.name)
        return hash(self.name)

    def __eq__(self, other):
        print("eq", self.name, other.name)
        return isinstance(other, Key) and self.name.lower() == other.name.lower()


k1 = Key("a")
print(hash(k1) == hash("a"))
d = {k1: 1}
print(d[Key("a")])
print(Key("b") in d)
s = {Key("x"), Key("y")}
print(len(s))


class Folded:
    def __init__(self, text):
        self.text = text

    def __hash__(self):
        return hash(self.text.lower())

    def __eq__(self, other):
        return self.text.lower() == other.text.lower()

    def __repr__(self):
        return "Folded(" + repr(self.text) + ")"


words = {Folded("Apple"), Folded("APPLE"), Folded("pear"), Folded("apple")}
print(len(words))
counts = {}
for w in ["One", "one", "ONE", "two"]:
    counts[Folded(w)] = counts.get(Folded(w), 0) + 1
print(counts)
print(Folded("TWO") in counts, Folded("three") in counts)


class Unhashable:
    __hash__ = None


try:
    hash(Unhashable())
except TypeError as e:
    print("TypeError:", e)
try:
    {Unhashable(): 1}
except TypeError as e:
    print("TypeError:", e)
try:
    {Unhashable()}
except TypeError as e:
    print("TypeError:", e)


class EqOnly:
    def __eq__(self, other):
        return True


print(EqOnly.__hash__)
try:
    hash(EqOnly())
except TypeError as e:
    print("TypeError:", e)


# A subclass may restore hashing.
class Rehashed(EqOnly):
    def __hash__(self):
        return 7


print(hash(Rehashed()), Rehashed() in {Rehashed()})


# A subclass that defines only __eq__ loses the parent's __hash__.
class HashBase:
    def __hash__(self):
        return 11


class EqChild(HashBase):
    def __eq__(self, other):
        return False


print(hash(HashBase()))
try:
    hash(EqChild())
except TypeError as e:
    print("TypeError:", e)


# Defining both keeps the hash; an inherited __eq__ does not remove it.
class Plain:
    pass


class Inherits(Rehashed):
    pass


print(hash(Inherits()), type(hash(Plain())).__name__)


# hash() results: large values are reduced as CPython does; -1 becomes -2.
class Big:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h


print(hash(Big(-1)), hash(Big(2**64)), hash(Big(True)))
try:
    hash(Big("text"))
except TypeError as e:
    print("TypeError:", e)
try:
    hash(Big(1.5))
except TypeError as e:
    print("TypeError:", e)
