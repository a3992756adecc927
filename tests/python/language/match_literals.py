# Literal, singleton, value and capture patterns (PEP 634).


def describe(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case 2j:
            return "imaginary two"
        case -1 - 2j:
            return "complex"
        case 1000000000000000000000000000000:
            return "big"
        case "hello":
            return "greeting"
        case "a" "b":
            return "concatenated"
        case b"bytes":
            return "bytes"
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case other:
            return f"other {other!r}"


for value in [0, 1, 2, 3, -1, 1.5, 2j, -1 - 2j, 10**30, "hello", "ab", b"bytes",
              None, True, False, 0.0, 1.0, 4, "bye", [], (), 3.0, -0.0]:
    print(repr(value), "->", describe(value))


# True and False match by identity, so 1 and 0 do not match them, but 1 == True
# makes `case 1` match True.
def singleton(x):
    match x:
        case True:
            return "is True"
        case False:
            return "is False"
        case None:
            return "is None"
        case _:
            return "not a singleton"


for value in [True, 1, False, 0, None, 0.0, ""]:
    print(repr(value), singleton(value))


def one(x):
    match x:
        case 1:
            return "one"
    return "no match"


print(one(True), one(1.0), one(1 + 0j), one("1"))


# Value patterns: dotted names compared with ==.
class Color:
    RED = 1
    GREEN = 2
    BLUE = "blue"


class Namespace:
    inner = Color


def color(x):
    match x:
        case Color.RED:
            return "red"
        case Color.GREEN:
            return "green"
        case Namespace.inner.BLUE:
            return "blue"
        case _:
            return "unknown"


print([color(v) for v in [1, 2, "blue", 3, True]])


# == is called on the subject, with the pattern's value as the argument.
class Loud:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        print(f"  {self.name}.__eq__({other!r})")
        return other == 7


match Loud("s"):
    case 5:
        print("five")
    case 7:
        print("seven")

# Capture patterns bind in the enclosing scope; the wildcard binds nothing.
match 42:
    case answer:
        print("captured", answer)
print("answer after match:", answer)

_ = "untouched"
match 99:
    case _:
        print("wildcard")
print("_ is still", _)


# A match with no matching case does nothing; the subject is evaluated once.
def subject():
    print("evaluating subject")
    return 3


match subject():
    case 1:
        print("one")
    case 2:
        print("two")
print("done")


# In a function, captures are locals; in a closure, cells.
def outer():
    match [1, 2]:
        case [first, second]:
            pass

    def inner():
        return first + second

    return inner()


print(outer())


# Parenthesised (group) patterns.
match 5:
    case (5):
        print("group five")

# Guards see the captured names; a failed guard moves to the next case.
for n in [-5, 0, 5]:
    match n:
        case x if x < 0:
            print(n, "negative")
        case x if x == 0:
            print(n, "zero")
        case x:
            print(n, "positive")

# Strings are not compared with their contents' type: "1" is not 1.
match "1":
    case 1:
        print("int")
    case "1":
        print("str")
