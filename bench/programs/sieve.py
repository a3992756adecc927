def count_primes(n):
    flags = []
    i = 0
    while i < n:
        flags.append(True)
        i = i + 1
    count = 0
    p = 2
    while p < n:
        if flags[p]:
            count = count + 1
            m = p * p
            while m < n:
                flags[m] = False
                m = m + p
        p = p + 1
    return count
print(count_primes(300000))
