# functions: recursion: mutual recursion, accumulators, deep-but-safe depth, RecursionError caught
def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


print(is_even(10), is_odd(7), is_even(301))


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


print(ackermann(2, 3))


def permutations(items):
    if len(items) <= 1:
        return [list(items)]
    out = []
    for i, item in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1:]):
            out.append([item] + rest)
    return out


print(permutations([1, 2, 3]))


def flatten(x, acc=None):
    if acc is None:
        acc = []
    if isinstance(x, list):
        for y in x:
            flatten(y, acc)
    else:
        acc.append(x)
    return acc


print(flatten([1, [2, [3, [4, []]], 5]]))


def hanoi(n, src, dst, via, moves):
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append((src, dst))
        hanoi(n - 1, via, dst, src, moves)
    return moves


print(len(hanoi(10, "A", "C", "B", [])), hanoi(2, "A", "C", "B", []))


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(500))


def forever(n):
    return forever(n + 1)


try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)
print("recovered:", depth(100))
