def find(haystack, needle):
    i = 0
    while i < len(haystack):
        if haystack[i] == needle:
            break
        i += 1
    else:
        return -1
    return i
print(find([5, 3, 8], 8), find([5, 3, 8], 7), find([], 1))
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, end=" ")
print()
