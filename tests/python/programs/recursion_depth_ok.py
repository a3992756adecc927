def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(900))
def count_down(n):
    if n:
        count_down(n - 1)
    return n
print(count_down(500))
