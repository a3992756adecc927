def fib_rec(n):
    return n if n < 2 else fib_rec(n - 1) + fib_rec(n - 2)
def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
memo = {}
def fib_memo(n):
    if n in memo:
        return memo[n]
    r = n if n < 2 else fib_memo(n - 1) + fib_memo(n - 2)
    memo[n] = r
    return r
print(fib_rec(20), fib_iter(90), fib_memo(150), fib_iter(300))
