# functools.singledispatch (by class, through the MRO), cached_property,
# partialmethod, and operator.call.
import functools
import operator
from functools import singledispatch, cached_property


@singledispatch
def describe(value):
    return f"object {value!r}"


@describe.register(int)
def _(value):
    return f"int {value}"


@describe.register(list)
def _(value):
    return f"list of {len(value)}"


def describe_str(value, suffix='!'):
    return f"str {value}{suffix}"


describe.register(str, describe_str)


class Base:
    pass


class Child(Base):
    pass


@describe.register(Base)
def _(value):
    return f"a {type(value).__name__}"


print(describe(3), describe(True), describe([1, 2]), describe('hi'), describe('x', suffix='?'))
print(describe(2.5), describe(Child()), describe(None))
print(describe.dispatch(bool) is describe.dispatch(int), describe.dispatch(float) is describe.__wrapped__)
print(describe.__name__, sorted(c.__name__ for c in describe.registry))
try:
    describe()
except TypeError as e:
    print('TypeError', e)
try:
    describe.register(lambda x: x)
except TypeError as e:
    print('TypeError', str(e).split(':')[0])


class Circle:
    computed = 0

    def __init__(self, r):
        self.r = r

    @cached_property
    def area(self):
        """The area."""
        Circle.computed += 1
        return 3 * self.r * self.r


c = Circle(2)
print(c.area, c.area, Circle.computed, 'area' in vars(c), Circle.area.__doc__)
c.area = 99
print(c.area, Circle(1).area, Circle.computed, type(Circle.area).__name__)
del c.area
print(c.area, Circle.computed)
print(operator.call(max, 3, 9, key=lambda v: -v), operator.call(dict, a=1))


class Cell:
    def __init__(self):
        self.alive = False

    def set_state(self, state, *, note=''):
        self.alive = state
        return f"{state}{note}"

    set_alive = functools.partialmethod(set_state, True)
    set_dead = functools.partialmethod(set_state, False, note='!')
    revive = functools.partialmethod(set_dead, note='?')

    @classmethod
    def make(cls, size, fill):
        return f"{cls.__name__} {size}x{fill}"

    square = functools.partialmethod(make, 3)


cell = Cell()
print(cell.set_alive(), cell.alive, cell.set_dead(), cell.alive, cell.revive())
print(Cell.square('#'), cell.square('.'), Cell.set_alive(cell), cell.alive)
print(type(cell.set_alive).__name__, cell.set_alive.args, cell.revive.keywords)
print(repr(functools.partialmethod(max, 1, k=2)), type(Cell.__dict__['revive']).__name__)
