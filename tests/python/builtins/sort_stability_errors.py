# sorted()/list.sort(): stability with key= and reverse=, argument errors, a list changed while it is sorted
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
data = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b'), (2, 'c'), (1, 'c')]
print(sorted(data, key=lambda p: p[0]), sorted(data, key=lambda p: p[0], reverse=True))
print(sorted(data, reverse=True), sorted("bBaAcC", key=str.lower), sorted("bBaAcC", key=str.lower, reverse=True))
l = [3, 1, 2]
def mutate():
    def k(x):
        l.append(x)
        return x
    l.sort(key=k)
    return l
show(mutate)
show(lambda: sorted([1, "a"]))
show(lambda: sorted([1, 2], key=lambda x: 1 / 0))
show(lambda: sorted([3, 1], None, True))
show(lambda: sorted([3, 1], reverse=None))
show(lambda: sorted([3, 1], reverse="x"))
show(lambda: sorted([3, 1], cmp=None))
show(lambda: sorted())
show(lambda: [3, 1].sort(None))
x = [5, 1, 4]
print(x.sort(reverse=1), x)
print(sorted([{1}, {0}, {1, 2}, set()]))
print(sorted([[2, 1], [1, 2, 3], [1, 2], []], reverse=True))
show(lambda: sorted([1+1j, 2j]))
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f"K{self.v}"
print(sorted([K(3), K(1), K(2)]), max([K(3), K(1)], key=lambda k: k.v), sorted([K(2), K(1)], reverse=True))
seen = []
def key_seeing_list(x):
    seen.append(len(watched))
    return -x
watched = [3, 1, 2]
watched.sort(key=key_seeing_list)
print(watched, seen)
records = [("bob", 3), ("amy", 1), ("cat", 3), ("dan", 1), ("eve", 2)] * 3
print(sorted(records, key=lambda r: r[1]) == sorted(records, key=lambda r: r[1], reverse=True)[::-1])
print(sorted(records, key=lambda r: r[1], reverse=True))
print(sorted(range(20), key=lambda n: n % 3, reverse=True))
big = [(i * 7919) % 1000 for i in range(500)]
print(sorted(big) == sorted(big, reverse=True)[::-1], sorted(big)[:10], sorted(big, key=lambda n: -n)[:5])
