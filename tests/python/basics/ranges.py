print(list(range(5)), list(range(2, 8)), list(range(10, 0, -3)), list(range(0)))
r = range(1, 20, 4)
print(r, len(r), r[2], r[-1], 9 in r, 10 in r, list(r[1:3]), range(3) == range(0, 3))
total = 0
for i in range(100):
    total += i
print(total)
for i in range(3, -3, -2):
    print(i, end=" ")
print()
