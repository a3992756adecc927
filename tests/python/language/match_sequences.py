# Sequence patterns: list and tuple syntax, one star, length checks, and which
# subjects are sequences (list, tuple, range; not str, bytes, bytearray, dict, set).


def shape(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one: {a!r}"
        case [a, b]:
            return f"two: {a!r} {b!r}"
        case (a, b, c):
            return f"three: {a!r} {b!r} {c!r}"
        case [first, *middle, last]:
            return f"first {first!r} middle {middle!r} last {last!r}"
        case _:
            return "not a sequence"


for value in [[], [1], (1,), [1, 2], (1, 2), range(3), [1, 2, 3], (1, 2, 3, 4),
              list(range(6)), "ab", b"ab", bytearray(b"ab"), {1: 2}, {1, 2}, 5, None,
              ""]:
    print(repr(value), "->", shape(value))


# Star captures are always lists.
match (1, 2, 3):
    case (a, *rest):
        print(a, rest, type(rest).__name__)

match range(10):
    case [*init, 8, 9]:
        print("init", init)

match [1]:
    case [*everything]:
        print("everything", everything)

match []:
    case [*nothing]:
        print("nothing", nothing)


# *_ reads items by index (the ones after it from the end) without unpacking.
def ends(x):
    match x:
        case [1, *_, 9]:
            return "one to nine"
        case [*_, 0]:
            return "ends with zero"
        case [_, _, *_]:
            return "at least two"
        case [*_]:
            return "any sequence"
        case _:
            return "no"


for value in [[1, 9], [1, 5, 5, 9], range(1, 10), (3, 0), [0], [4, 5], [4], [], "x"]:
    print(repr(value), "->", ends(value))


# Nested sequence patterns.
def nested(x):
    match x:
        case [[a, b], [c, d]]:
            return a + b + c + d
        case [[a, *_], *_]:
            return a
        case _:
            return None


print(nested([[1, 2], [3, 4]]), nested([(5, 6, 7), []]), nested([[], []]),
      nested([["x"]]))


# Sub-patterns with literals, alternatives and captures.
def command(words):
    match words:
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["pick", "up", item] | ["take", item]:
            return f"taking {item}"
        case ["drop", *items] if items:
            return f"dropping {', '.join(items)}"
        case ["drop", *_]:
            return "drop what?"
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return f"unknown verb {verb}"
        case []:
            return "say something"


for line in ["go north", "go up", "pick up lamp", "take key", "drop a b c", "drop",
             "quit", "exit", "dance wildly", ""]:
    print(repr(line), "->", command(line.split()))


# Struct sequences are tuples.
import sys

match sys.version_info:
    case (major, minor, *_):
        print("version", major, minor)


# A failed case leaves earlier bindings alone; stores happen after a full match.
x = "before"
match [1, 2, 3]:
    case [x, 2, 4]:
        pass
    case _:
        pass
print("x is", x)

# A sequence of the right length whose sub-pattern fails.
match (1, "two"):
    case (1, 2):
        print("ints")
    case (1, str() as s):
        print("str", s)
