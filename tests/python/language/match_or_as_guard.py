# Or-patterns, as-patterns and guards; where names are bound and when.


def classify(x):
    match x:
        case 0 | 1 | 2 as small:
            return f"small {small}"
        case [a, b] | (a, b, _) | {"a": a, "b": b}:
            return f"pair-ish {a} {b}"
        case ([x1, y1] | (y1, x1, 0, 0)) as both:
            return f"never here {x1} {y1} {both}"
        case (int() | float()) as number if number > 100:
            return f"big number {number}"
        case str() | bytes() as text:
            return f"text {text!r}"
        case _:
            return "other"


for x in [0, 2, [1, 2], (3, 4, 5), {"a": 6, "b": 7}, 101, 100.5, 50, "s", b"b", None]:
    print(repr(x), "->", classify(x))


# Alternatives binding the same names in different orders.
def swap_order(v):
    match v:
        case (1, a, b) | (2, b, a):
            return (a, b)
        case {"x": x, "y": y} | [y, x]:
            return (x, y)


print(swap_order((1, "a", "b")), swap_order((2, "a", "b")))
print(swap_order({"x": 1, "y": 2}), swap_order([1, 2]))

# Nested or-patterns and an or of class patterns.
class Circle:
    __match_args__ = ("r",)

    def __init__(self, r):
        self.r = r


class Square:
    __match_args__ = ("side",)

    def __init__(self, side):
        self.side = side


def size(shape):
    match shape:
        case Circle(r) | Square(r) if r > 10:
            return f"large {type(shape).__name__}"
        case Circle(0 | 1) | Square(0 | 1):
            return "tiny"
        case Circle(size) | Square(size):
            return f"size {size}"


for shape in [Circle(20), Square(11), Circle(1), Square(0), Circle(5), Square(6)]:
    print(size(shape))


# A guard runs after the names are bound; when it fails the names stay bound.
def guarded(v):
    match v:
        case [x, y] if x > y:
            result = "descending"
        case [x, y] if x < y:
            result = "ascending"
        case [x, y]:
            result = "equal"
        case _:
            result = "no"
    return result


print(guarded([2, 1]), guarded([1, 2]), guarded([3, 3]), guarded([1]))

bound = None
match [5, 6]:
    case [bound, other] if bound > 100:
        print("not reached")
    case _:
        print("guard failed; bound is", bound)

# Guards with side effects and short-circuits run once per attempted case.
calls = []


def check(tag, result):
    calls.append(tag)
    return result


match 3:
    case 1 if check("one", True):
        pass
    case int() if check("int", False):
        pass
    case 3 if check("three", True) and check("and", True):
        print("matched three")
print(calls)

# An irrefutable pattern is fine when guarded, even if it is not last.
for value in [5, "x"]:
    match value:
        case n if isinstance(n, int):
            print("int", n)
        case other:
            print("other", other)

# A guarded wildcard as a default.
for value in [1, 2]:
    match value:
        case 1:
            print("one")
        case _ if value > 1:
            print("more than one")

# as-patterns on sub-patterns and the whole.
match [1, [2, 3]]:
    case [1 as one, [2, _] as inner] as whole:
        print(one, inner, whole)

# break, continue and return inside case bodies.
for item in [1, "skip", 2, "stop", 3]:
    match item:
        case "skip":
            continue
        case "stop":
            break
        case n:
            print("item", n)


def first_even(values):
    for v in values:
        match v:
            case int() if v % 2 == 0:
                return v
    return None


print(first_even([1, 3, 4, 5]), first_even([1]))

# A match inside try/except/finally and with exceptions raised in bodies.
try:
    match {"op": "div", "args": (1, 0)}:
        case {"op": "div", "args": (a, b)}:
            print(a / b)
except ZeroDivisionError as e:
    print("caught", e)
finally:
    print("finally")

# Match in a generator and in a class body.
def gen(items):
    for item in items:
        match item:
            case (k, v):
                yield f"{k}={v}"
            case str(s):
                yield s


print(list(gen([("a", 1), "b", ("c", 3), 4])))


class Config:
    mode = "fast"
    match mode:
        case "fast":
            speed = 10
        case _:
            speed = 1


print(Config.speed)

# Nested match statements.
def nested(a, b):
    match a:
        case 0:
            match b:
                case 0:
                    return "both zero"
                case _:
                    return "a zero"
        case _:
            return "a nonzero"


print(nested(0, 0), nested(0, 1), nested(1, 0))

# A wildcard subject is evaluated even when the only case is `_`.
def side():
    print("side effect")
    return 1


match side():
    case _:
        print("always")

# Soft keywords: match and case are still names.
match = {"case": 1}
case = "case"
match match:
    case {"case": 1}:
        print("soft keywords", match[case])
