# Classes derived from list: the list methods and operators work on the instance, the
# class's own methods and special methods win, instances carry a __dict__.


class L(list):
    pass


l = L([3, 1, 2])
print(l, repr(l), str(l), type(l).__name__, len(l), bool(l), bool(L()))
l.append(4)
l.extend([5, 6])
l.insert(0, 0)
print(l, l.pop(), l.index(2), l.count(1), l[1], l[-1], l[1:3], type(l[1:3]).__name__)
l.sort()
print(l)
l.reverse()
print(l, sorted(l), list(l), tuple(l), sum(l), min(l), max(l))
l[0] = 100
del l[1]
print(l, 100 in l, 7 in l, [x * 2 for x in l])
print(l + [9], [9] + l, l * 2, 2 * l, type(l + [9]).__name__, type(l * 2).__name__)
print(l == [100, 2, 1, 0], [100, 2, 1, 0] == l, l != [1], l < [200], L([1]) == L([1]))
print(isinstance(l, list), isinstance(l, L), issubclass(L, list), type(l) is L, l.__class__ is L)
l.tag = "t"
print(l.tag, l.__dict__, L.__mro__ == (L, list, object), L.__bases__ == (list,))
m = l
m += [7]
print(m is l, type(m).__name__, l)
m *= 2
print(m is l, type(m).__name__, len(l))
print(l.copy(), type(l.copy()).__name__)
l.clear()
print(l, len(l))
try:
    hash(L())
except TypeError as e:
    print("TypeError:", e)
print(L.__hash__)


class Stack(list):
    def __init__(self, *items):
        super().__init__(items)
        self.pushes = len(items)

    def push(self, item):
        self.append(item)
        self.pushes += 1

    def peek(self):
        return self[-1]

    def __repr__(self):
        return "Stack(" + super().__repr__() + ")"


s = Stack(1, 2)
s.push(3)
print(s, str(s), s.peek(), s.pushes, len(s), list(reversed(s)), f"{s}")


class Loud(list):
    def __len__(self):
        return 42

    def __getitem__(self, i):
        return "item %r" % (i,)

    def __iter__(self):
        return iter(["a", "b"])

    def __contains__(self, x):
        return x == "yes"

    def __eq__(self, other):
        return "eq called"

    __hash__ = None


o = Loud([1, 2, 3])
print(len(o), o[0], o[1:2], list(o), "yes" in o, 1 in o, o == [1], bool(o))
print(list.__len__(o), list.__getitem__(o, 0), o.count(2), sorted(list.__iter__(o)))


class Init(list):
    def __init__(self, a, b):
        self.a = a
        self.b = b


i = Init(1, 2)
print(i, i.a, i.b, len(i))
print(L("abc"), L(range(3)), L(x for x in "xy"))
try:
    L(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    L(x=1)
except TypeError as e:
    print("TypeError:", e)
try:
    L(5)
except TypeError as e:
    print("TypeError:", e)


class Sub(L):
    def first(self):
        return self[0]


t = Sub([9, 8])
print(t, t.first(), isinstance(t, L), isinstance(t, list), type(t).__mro__ == (Sub, L, list, object))
print(", ".join(L(["x", "y"])), dict(zip(L("ab"), L([1, 2]))), [*L([1, 2]), 3])
a, b = L([1, 2])
print(a, b)
