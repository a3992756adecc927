# Mapping patterns: dicts, extra keys allowed, **rest, keys as literals and value
# patterns, nested patterns, and what is not a mapping.


def event(e):
    match e:
        case {"type": "click", "pos": (x, y)}:
            return f"click at {x},{y}"
        case {"type": "key", "key": str(k), **mods} if mods:
            return f"key {k} with {sorted(mods)}"
        case {"type": "key", "key": k}:
            return f"key {k}"
        case {"type": t}:
            return f"other event {t}"
        case {}:
            return "a mapping without a type"
        case _:
            return "not a mapping"


for e in [{"type": "click", "pos": (1, 2)}, {"type": "click", "pos": [3, 4], "extra": 0},
          {"type": "click", "pos": "xy"}, {"type": "key", "key": "a", "shift": True},
          {"type": "key", "key": "b"}, {"type": "key", "key": 5}, {"type": "scroll"},
          {"size": 3}, {}, [("type", "click")], "type", None]:
    print(e, "->", event(e))


# **rest is a new dict of the other items, in order.
match {"a": 1, "b": 2, "c": 3, "d": 4}:
    case {"b": 2, "d": d, **rest}:
        print("d", d, "rest", rest)

original = {"x": 1}
match original:
    case {**everything}:
        print(everything, everything is original, everything == original)

match {}:
    case {**empty}:
        print("empty rest", empty)


# Keys: numbers, None, True, bytes, negative and complex literals, dotted names.
class K:
    A = "a"
    B = ("b", 1)


def keyed(m):
    match m:
        case {1: one, -2: minus_two}:
            return ("ints", one, minus_two)
        case {None: n}:
            return ("none", n)
        case {b"k": v}:
            return ("bytes", v)
        case {K.A: a, K.B: b}:
            return ("dotted", a, b)
        case {1.5: f}:
            return ("float", f)
        case {2j: z}:
            return ("complex", z)
        case _:
            return "no"


for m in [{1: "x", -2: "y"}, {True: "t", -2: "y"}, {1.0: "f", -2: 0}, {None: 0},
          {b"k": 1}, {"a": 1, ("b", 1): 2}, {"a": 1}, {1.5: "half"}, {2j: "j"}, {}]:
    print(m, "->", keyed(m))


# Nested mappings and sequences.
config = {"server": {"host": "example.org", "ports": [80, 443]}, "debug": False}
match config:
    case {"server": {"host": host, "ports": [first, *others]}, "debug": False}:
        print(host, first, others)


# The length check comes first: a mapping with fewer items than keys fails.
match {"a": 1}:
    case {"a": 1, "b": 2}:
        print("no")
    case {"a": _}:
        print("has a")

# Duplicate keys from value patterns are caught when the case runs.
class Same:
    X = "k"
    Y = "k"


try:
    match {"k": 1, "j": 2}:
        case {Same.X: 1, Same.Y: 1}:
            print("no")
except ValueError as e:
    print("ValueError:", e)

# Unhashable subjects' keys are fine; an unhashable key is not.
match {"k": [1]}:
    case {"k": [v]}:
        print("list value", v)

# Complex literal keys (folded as CPython folds them).
match {1 + 2j: "a", -1j: "b", -1.5: "c"}:
    case {1 + 2j: a, -1j: b, -1.5: c}:
        print("complex keys", a, b, c)
