# Attributes of built-in functions and methods: __name__, __qualname__, __module__,
# __self__, and their reprs (bound methods' reprs hold addresses: only their start shown).
import math
import sys

for f in [len, print, sorted, isinstance, getattr, math.sqrt, math.floor, sys.exit]:
    print(f.__name__, f.__qualname__, f.__module__, repr(f))

print(len.__self__ is sys.modules["builtins"])
print(math.sqrt.__self__ is math, sys.exit.__self__ is sys)
print(type(len).__name__, type([].append).__name__)

items = [3, 1]
d = {"k": 1}
s = "text"
for m in [items.append, items.sort, d.get, d.items, s.upper, s.split, (5).bit_length,
          (2.5).is_integer, {1}.add, frozenset().union, b"x".decode, (1, 2).count]:
    print(m.__name__, m.__qualname__, m.__module__, type(m.__self__).__name__)
    print(repr(m).split(" at ")[0])

print(items.append.__self__ is items, d.get.__self__ is d)
items.append.__self__.append(7)
print(items)

# Methods taken from their class.
for m in [list.append, str.upper, dict.get, tuple.index, int.bit_length, set.add]:
    print(m.__name__, m.__qualname__, repr(m))
print(list.append.__name__ == [].append.__name__)

# Through getattr and in containers.
print(getattr(len, "__name__"), [f.__name__ for f in (min, max, abs)])
print(sorted(f.__qualname__ for f in (str.lower, str.strip, list.pop)))
print(hasattr(len, "__qualname__"), hasattr(len, "nope"))
try:
    len.nope
except AttributeError as e:
    print("AttributeError:", e)


# A bound method's qualified name is its receiver's class's.
print(True.bit_length.__qualname__, (7).bit_length.__qualname__)


def describe(f):
    return f"{f.__module__}.{f.__qualname__}"


print(describe(len), describe(describe), describe(math.gcd))

# Equality and hashing: the same method of the same receiver.
other = [3, 1]
print(items.append == items.append, items.append == other.append, items.append != items.pop)
print(len == len, len == print, hash(items.append) == hash(items.append))
print(len(set([items.append, items.append, other.append, len, len])))
print({items.append: 1}[items.append], str.upper == str.upper)
