# zip(strict=True), range attributes/index/count, slice attributes and indices
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(zip([1, 2], "ab", strict=True)), list(zip(strict=True)), list(zip([], [], strict=True)))
print(list(zip([1, 2], [3], strict=False)), list(zip([1], strict=True)))
show(lambda: list(zip([1, 2], [3], strict=True)))
show(lambda: list(zip([1], [3, 4], strict=True)))
show(lambda: list(zip([1], [2], [3, 4], strict=True)))
show(lambda: list(zip([1, 2], [2, 3], [3], strict=True)))
show(lambda: list(zip([1, 2], [2, 3], [3], [4], strict=True)))
show(lambda: list(zip([1], [2], [3], [4, 5], strict=True)))
show(lambda: list(zip([], [1], strict=True)))
show(lambda: list(zip([1], [], strict=True)))
show(lambda: list(zip([1], [2], other=True)))
show(lambda: list(zip([1], [2], strict=1)))
show(lambda: list(zip([1], [2, 3], strict=0)))
pairs = zip([1, 2, 3], "ab", strict=True)
print(next(pairs), next(pairs))
show(lambda: next(pairs))
def numbers():
    yield 1
    yield 2
    print("generator asked again")
show(lambda: list(zip(numbers(), [1, 2], strict=True)))
show(lambda: list(zip([1, 2], numbers(), strict=True)))
for i, (x, y) in enumerate(zip("abc", range(3), strict=True)):
    print(i, x, y)

for r in [range(10), range(1, 10, 2), range(10, 0, -3), range(-5), range(0), range(2 ** 40, 2 ** 41, 2 ** 38)]:
    print(r, r.start, r.stop, r.step, len(r), list(r)[:4])
r = range(1, 20, 3)
print([r.index(x) for x in r], r.count(4), r.count(5), r.count(True), range(3).index(True),
      r.index(4.0), r.count(4.0), range(5).count(2 ** 70), r.count("a"))
show(lambda: r.index(5))
show(lambda: r.index(2 ** 70))
show(lambda: r.index(True))
show(lambda: range(5).index(False) and range(1, 5).index(False))
show(lambda: r.index("a"))
show(lambda: r.index(4.5))
show(lambda: r.index())
show(lambda: r.count(1, 2))
rr = range(100, -100, -7)
print(rr.index(-96), rr.count(-96), rr.index(100), -96 in rr)
show(lambda: range(1, 2).start.real)

for s in [slice(5), slice(1, 5), slice(1, 5, 2), slice(None, None, -1), slice("a", [1], None)]:
    print(s, s.start, s.stop, s.step)
for s in [slice(None), slice(1, 50, 2), slice(None, None, -1), slice(-3, None), slice(-100, 100),
          slice(5, 2), slice(5, 2, -1), slice(-1, -100, -2), slice(2 ** 70, -(2 ** 70)),
          slice(None, None, 2 ** 70), slice(3, None, -1)]:
    print(s, [s.indices(n) for n in (0, 1, 10)])
    start, stop, step = s.indices(10)
    if abs(step) < 100:
        print(list(range(10))[s] == [list(range(10))[i] for i in range(start, stop, step)])
show(lambda: slice(1, 2, 0).indices(5))
show(lambda: slice(1, 2).indices(-1))
show(lambda: slice(1, 2).indices(2.5))
show(lambda: slice("a").indices(5))
show(lambda: slice(1).indices())
