# str.format field lookups (attributes, indices, keys), numbering, conversions, nested fields
# in specs and their errors; the 'c' presentation type
class P:
    x = 5
    def __init__(self): self.items = {"k": [10, 20]}
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
for t, a, k in [("{0[}", (1,), {}), ("{0[1}", ([1,2],), {}), ("{0.}", (1,), {}), ("{0..real}", (1,), {}), ("{0[]}", ({"": 1},), {}),
                ("{0[1]x}", ([1,2],), {}), ("{0.real[0]}", (1,), {}), ("{0[a:b]}", ({"a:b": 5},), {}), ("{0[a!r]}", ({"a!r": 5},), {}),
                ("{0!}", (1,), {}), ("{0!rr}", (1,), {}), ("{0!x}", (1,), {}), ("{}{0}", (1,), {}), ("{0}{}", (1,), {}),
                ("{:{}}", (1, 5), {}), ("{:{:{}}}", (1, 2, 3), {}), ("{:{w}.{p}f}", (3.14159,), {"w": 10, "p": 2}),
                ("{0:{1}}", ("a", ">5"), {}), ("{:{}{}}", (1, ">", 5), {}), ("{0[-1]}", ([1, 2],), {}), ("{0[1][0]}", ([[1], [2, 3]],), {}),
                ("{p.items[k][1]}", (), {"p": P()}), ("{p.nope}", (), {"p": P()}), ("{0[5]}", ([1],), {}), ("{0[x]}", ({},), {}),
                ("{0[0]}", ("abc",), {}), ("{0.__class__.__name__}", (1,), {}), ("{x[0]}", (), {"x": "hi"}), ("{0:}", (1,), {}),
                ("{0{}", (1,), {}), ("{0:{}", (1,), {}), ("{!r}", ("a",), {}), ("{0!r:>6}", ("a",), {}), ("{0:c}", (65,), {}),
                ("{a.b}", (), {}), ("{1}", (1,), {}), ("{0[1]}", ((5, 6),), {}), ("{0[10000000000000000000000]}", ([1],), {}),
                ("{0 }", (1,), {}), ("{ 0}", (1,), {}), ("{-1}", (1,), {}), ("{0.real!r:>{1}}", (5, 4), {}), ("{:%}", (0.5,), {}),
                ]:
    show(lambda: t.format(*a, **k))
for spec in ["c", "5c", "<5c", "^5c", "05c", "+c", "#c", ",c", ".2c", "_c", "=5c", "*>4c", " c"]:
    show(lambda: format(65, spec))
for v in [0, 0x10FFFF, 0x110000, -1, True, 2 ** 70, 233, 0x1F600]:
    show(lambda: format(v, "c"))
show(lambda: format(65.0, "c"))
show(lambda: format("A", "c"))
show(lambda: "%c" % 65)
point = P()
point.y = -2
print("({p.x}, {p.y})".format(p=point), "{0.x}{0.x}".format(point), "{.x}".format(point))
print("{0[0]}-{0[1]}-{1[k]}".format(("a", "b"), {"k": "v"}), "{[1]}".format("xyz"))
rows = [("apple", 1.5, 3), ("kiwi", 0.25, 12)]
for row in rows:
    print("{0[0]:<8}|{0[1]:>{w}.{p}f}|{0[2]:0{z}d}".format(row, w=7, p=2, z=4))
print("{:{fill}{align}{width}}".format("mid", fill="*", align="^", width=9))
print("{0:{1}{2}}".format(3.14159, ".", "3"), "{:{}}{:{}}".format("a", 3, "b", 2))
print("{0.real:+.1f} {0.imag:+.1f} {1.numerator}/{1.denominator}".format(3 - 4j, 7))
print("{!s:>5}{!r:>5}{!a}".format(1, "x", "é"))
print("{0}{1}{0}".format("ab", "-"), "{{}} {{{0}}} {{{{".format(9))
print("".join("{:c}".format(c) for c in range(0x41, 0x41 + 26, 5)), f"{0x263A:c}{97:c}")
print("{:c}|{:>3c}|{:<3c}|{:^5c}".format(10, 66, 67, 68))
