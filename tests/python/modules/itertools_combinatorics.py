# itertools: product, permutations, combinations (with replacement): CPython's orders,
# edge cases of r and empty pools, counts checked against math.
import math
from itertools import product, permutations, combinations, combinations_with_replacement

print(list(product('AB', 'xy')))
print(list(product(range(2), repeat=3)))
print(list(product('ab', [1, 2], repeat=2))[:5], len(list(product('ab', [1, 2], repeat=2))))
print(list(product()), list(product('ab', [])), list(product([1], repeat=0)))
print(list(permutations('ABC')))
print(list(permutations(range(4), 2)))
print(list(permutations('AB', 0)), list(permutations('AB', 3)), list(permutations([])))
print(list(permutations('ABC', r=None))[-1])
print(list(combinations('ABCD', 2)))
print(list(combinations(range(5), 3)))
print(list(combinations('AB', 0)), list(combinations('AB', 3)), list(combinations([], 0)))
print(list(combinations_with_replacement('ABC', 2)))
print(list(combinations_with_replacement([], 0)), list(combinations_with_replacement([], 2)))
print(list(combinations_with_replacement('AB', 3)))
for n in range(6):
    for r in range(n + 2):
        assert len(list(permutations(range(n), r))) == math.perm(n, r)
        assert len(list(combinations(range(n), r))) == math.comb(n, r)
        assert len(list(combinations_with_replacement(range(n), r))) == (
            math.comb(n + r - 1, r) if n else int(r == 0))
print("counts agree")
source = iter([3, 1, 2])
p = permutations(source)
print(list(source), next(p))
c = combinations([1, 2, 3], 2)
print(next(c), next(c), next(c), next(c, 'done'))
words = [''.join(t) for t in product('ab', repeat=3)]
print(words, sorted(set(''.join(p) for p in permutations('aab'))))
print(sum(1 for t in combinations(range(10), 4) if sum(t) == 18))
