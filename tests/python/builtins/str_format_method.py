# str.format with positional and keyword fields, conversions and format specs
print("{} {} {}".format(1, "two", 3.0))
print("{0} {1} {0}".format("a", "b"))
print("{x} and {y}".format(x=10, y=20), "{0}-{k}".format(5, k="kw"))
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return "Point(%d, %d)" % (self.x, self.y)
    def __str__(self):
        return "(%d, %d)" % (self.x, self.y)
p = Point(3, 4)
print("{0!r} {0!s} {0}".format(p))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"))
print("{{}} {{{0}}} {{x}}".format(42))
print("{:,} {:#x} {:+.2e} {:%}".format(10**6, 255, 12345.678, 0.5))
args = ("a", "b")
kwargs = {"n": 3}
print("{0}{1}{n}".format(*args, **kwargs))
print("{!r:>6}|".format("q"), "{0!a}".format("ü"))
print("{0}".format(None), "{}".format([1, 2]), "{}".format({"k": 1}))
print(str.format("{}+{}={}", 1, 2, 3))
for bad in ["}", "{0", "{1}"]:
    try:
        print(bad.format(0))
    except (ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
try:
    "{missing}".format(other=1)
except KeyError as e:
    print("KeyError:", e)
