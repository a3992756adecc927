# bisect: bisect_left/bisect_right/bisect, insort_left/insort_right/insort with lo, hi
# and key as in 3.11; comparisons through <; other sequences; CPython's errors.
import bisect


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


print(bisect.bisect is bisect.bisect_right, bisect.insort is bisect.insort_right)
a = [1, 2, 2, 2, 3, 5, 8]
for x in [0, 1, 2, 3, 4, 8, 9]:
    print(x, bisect.bisect_left(a, x), bisect.bisect_right(a, x), bisect.bisect(a, x))
print(bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3), bisect.bisect_left(a, 2, lo=4))
print(bisect.bisect_right(a, 2, hi=2), bisect.bisect_left(a, 9, 0, -1), bisect.bisect_left(a, 9, 0, None))
print(bisect.bisect_left(a, 2, 5, 2), bisect.bisect_right(a, 100, 3, -5), bisect.bisect_left([], 1))
print(bisect.bisect_left(a, 2, 10), bisect.bisect_left(a, 0, 0, 3))


def grade(score, breakpoints=[60, 70, 80, 90], grades='FDCBA'):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])

# insort keeps the list sorted; equal items go left or right of their equals.
s = []
for v in [5, 1, 4, 1, 5, 9, 2, 6]:
    bisect.insort(s, v)
print(s)
pairs = []
for item in [(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd')]:
    bisect.insort_right(pairs, item, key=lambda p: p[0])
print(pairs)
pairs = []
for item in [(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd')]:
    bisect.insort_left(pairs, item, key=lambda p: p[0])
print(pairs)
t = [10, 20, 30]
bisect.insort_left(t, 20)
bisect.insort(t, 25, 0, 2)
bisect.insort(t, 5, lo=3)
print(t)

# key: applied to the items, not to x (insort applies it to x too).
records = [('ann', 3), ('bob', 5), ('cy', 9)]
print(bisect.bisect_left(records, 5, key=lambda r: r[1]), bisect.bisect_right(records, 5, key=lambda r: r[1]))
print(bisect.bisect(records, 10, key=lambda r: r[1]), bisect.bisect_left([1, 2], 2, key=None))
words = ['Apple', 'banana', 'Cherry']
print(bisect.bisect_left(words, 'b', key=str.lower), bisect.bisect_right(words, 'cherry', key=str.lower))

# Other sequences: tuples, strs, ranges, user sequences.
print(bisect.bisect_left((1, 3, 5), 4), bisect.bisect_right('acegi', 'e'), bisect.bisect_left(range(0, 100, 5), 42))
log = []


class Seq:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        log.append(i)
        return self.items[i]

    def insert(self, i, x):
        log.append(('insert', i, x))
        self.items.insert(i, x)


q = Seq(list(range(0, 40, 2)))
print(bisect.bisect_left(q, 13), log)
log.clear()
bisect.insort(q, 13)
print(log, q.items[5:9])


# Comparisons are x < item (bisect_right) and item < x (bisect_left).
class Num:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        calls.append((self.v, other.v if isinstance(other, Num) else other))
        return self.v < (other.v if isinstance(other, Num) else other)


calls = []
nums = [Num(i) for i in range(8)]
print(bisect.bisect_left(nums, Num(5)), calls)
calls.clear()
print(bisect.bisect_right(nums, Num(5)), calls)

# Errors.
attempt(lambda: bisect.bisect_left([1], 2, -1))
attempt(lambda: bisect.insort([], 1, lo=-3))
attempt(lambda: bisect.bisect_left())
attempt(lambda: bisect.bisect_right([1]))
attempt(lambda: bisect.bisect_left([1], 2, 0, None, None))
attempt(lambda: bisect.bisect_left([1], 2, k=1))
attempt(lambda: bisect.bisect_left([1], 2, 'a'))
attempt(lambda: bisect.bisect_left(5, 2))
attempt(lambda: bisect.bisect_left([1, 'a', 3], 2))
attempt(lambda: bisect.bisect_left([1, 2], 2, 0, 5))
attempt(lambda: bisect.insort((1, 2), 3))
