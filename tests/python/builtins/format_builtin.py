# the format() builtin and __format__ on built-in types and a user class
print(format(5), format(5, "03"), format(-5, "+"), format(5.0), format("s"), format(None))
print(format(True), format(True, "d"), format(False, ">6"), format(1 + 2j))
print(format([1, 2]), format((1,)), format({"a": 1}))
print(format(1e-4), format(123456789012.0), format(1e16), format(0.1 + 0.2))
print(format(2 ** 64, "x"), format(-(2 ** 64), ","), format(2 ** 64, "e"))
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        if spec == "short":
            return "$%d" % (self.cents // 100)
        return "$" + format(self.cents / 100, spec or ".2f")
m = Money(12345)
print(format(m), format(m, "short"), format(m, ",.1f"))
print(f"{m}", f"{m:short}", "{:short}|{}".format(m, m))
class Plain:
    def __str__(self):
        return "plain!"
print(format(Plain()), f"{Plain()}", "{}".format(Plain()))
try:
    format(Plain(), "10")
except TypeError as e:
    print("TypeError:", e)
try:
    format([1], "5")
except TypeError as e:
    print("TypeError:", e)
print(format(-0.0), format(float("nan")), format(float("-inf"), "10"))
