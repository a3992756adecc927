# The old sequence protocol: __getitem__ with 0, 1, 2, ... until IndexError.

class Squares:
    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError("out of range")
        return i * i


for x in Squares(4):
    print(x, end=" ")
print()
print(list(Squares(5)), tuple(Squares(2)), sum(Squares(4)))
print(9 in Squares(5), 10 in Squares(5), 16 in Squares(4))
print(sorted(Squares(3), reverse=True), max(Squares(6)))
a, b, c = Squares(3)
print(a, b, c)
print([y + 1 for y in Squares(3)], set(Squares(3)) == {0, 1, 4})
it = iter(Squares(2))
print(next(it), next(it), next(it, "done"))
print(type(it).__name__)
print(list(enumerate(Squares(3))), list(zip(Squares(3), "abc")))


# Other exceptions propagate; StopIteration also ends the iteration.
class Failing:
    def __getitem__(self, i):
        if i == 2:
            raise KeyError(i)
        return i


try:
    for v in Failing():
        print("got", v)
except KeyError as e:
    print("KeyError:", e)


class Stops:
    def __getitem__(self, i):
        if i == 3:
            raise StopIteration
        return str(i)


print("".join(Stops()))


# A dict-like __getitem__ is called with ints too.
class Letters:
    data = "xyz"

    def __getitem__(self, key):
        return self.data[key]


print(list(Letters()), "y" in Letters())


# __iter__ takes precedence; __contains__ takes precedence over iteration for `in`.
class Both:
    def __iter__(self):
        return iter([10, 20])

    def __getitem__(self, i):
        raise AssertionError("not used")


print(list(Both()))


class WithContains(Squares):
    def __contains__(self, item):
        print("contains", item)
        return False


print(4 in WithContains(3))


# __iter__ = None blocks the fallback.
class Blocked(Squares):
    __iter__ = None


try:
    iter(Blocked(3))
except TypeError as e:
    print("TypeError:", e)


class NoItems:
    pass


try:
    for q in NoItems():
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    3 in NoItems()
except TypeError as e:
    print("TypeError:", e)
