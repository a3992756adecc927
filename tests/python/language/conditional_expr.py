# conditional expressions: evaluation order and laziness, nesting, use in many positions
log = []


def t(label, value):
    log.append(label)
    return value


print(t("a", 1) if t("cond", True) else t("b", 2), log)
log.clear()
print(t("a", 1) if t("cond", 0) else t("b", 2), log)


def sign(n):
    return "neg" if n < 0 else "zero" if n == 0 else "pos"


print([sign(n) for n in (-3, 0, 7)])
print([x if x % 2 else -x for x in range(6)])
print([x for x in range(10) if x % 3 == 0 if x > 0])
print({k: ("even" if k % 2 == 0 else "odd") for k in range(4)})
f = (lambda v: v * 2) if len(log) > 1 else (lambda v: v)
print(f(21))
print((1 if True else 2) + (10 if False else 20))
items = []
print(items[0] if items else "empty", "yes" if "" else "no", "x" if [0] else "y")


class Lazy:
    def __bool__(self):
        print("  __bool__ called once")
        return False


print("true branch" if Lazy() else "false branch")
s = "fizz" if 15 % 3 == 0 else ""
s += "buzz" if 15 % 5 == 0 else ""
print(s or 15)
print(["FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else i
       for i in range(1, 16)])
print(max(3, 4) if None is None else min(3, 4), 0 or (5 if 0 else 6))
