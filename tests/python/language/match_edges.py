# Edge cases of match: alternatives binding names in different orders inside sequences
# and mappings, walrus in guards, yield in subjects and guards, break/continue/raise in
# case bodies under try/finally.


def t(v):
    match v:
        case [a, (b, c) | (c, b, _), *rest] if (s := a + b) > 0:
            return ("A", a, b, c, rest, s)
        case {"x": [*xs, last], **kw} | {"y": [*xs, last], **kw}:
            return ("B", xs, last, kw)
        case ((1 | 2) as p, (3 | 4) as q) | ((5 as q), (6 as p)):
            return ("C", p, q)
        case [*_, [x, y] | {"p": x, "q": y}]:
            return ("D", x, y)
        case range(start=s, stop=e):
            return ("E", s, e)
        case (complex(real=r, imag=i)):
            return ("F", r, i)
        case float(1.5 | 2.5 as f):
            return ("G", f)
        case str(c) if len(c) == 1:
            return ("H", c)
    return None

for v in [[1, (2, 3)], [1, (3, 2, 0), 9, 9], [-5, (1, 1)], {"x": [1, 2, 3], "z": 0},
          {"y": [7], "a": 1}, {"x": []}, (2, 4), (5, 6), (1, 5), [0, 0, [8, 9]],
          [{"p": 1, "q": 2}], range(2, 9), 1 + 2j, 1.5, 2.0, "c", "cc", [], [[1, 2]],
          ({"p": 0, "q": 0},), range(0)]:
    print(repr(v), t(v))
x = y = "orig"
match (1, 2):
    case (x, 3) | (2, x):
        pass
print(x, y)


def g():
    for v in [1, 2, 3]:
        match (yield v):
            case "stop":
                return "stopped"
            case n if (yield f"guard {n}") == "ok":
                yield f"ok {n}"
            case other:
                yield f"other {other}"
it = g()
print(next(it))
print(it.send(10))
print(it.send("ok"))
print(next(it))
print(it.send(5))
print(it.send("no"))
print(next(it))
try:
    it.send("stop")
except StopIteration as e:
    print("stop", e.value)
def f(items):
    out = []
    for i in items:
        try:
            match i:
                case 0:
                    raise ValueError("zero")
                case int(n) if n < 0:
                    continue
                case int(n):
                    out.append(n)
                case _:
                    break
        finally:
            out.append("f")
    return out

try:
    f([1, -1, 0])
except ValueError as e:
    print("VE", e)
print(f([1, -1, 2, "x", 3]))
