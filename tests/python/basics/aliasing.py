a = [1, 2, 3]
b = a
b.append(4)
print(a, a is b, a == b[:], a is b[:])
grid = [[0] * 3 for _ in range(3)]
grid[0][0] = 1
bad = [[0] * 3] * 3
bad[0][0] = 1
print(grid, bad)
t = ([1], 2)
t[0].append(5)
print(t)
def mutate(lst):
    lst += [9]
    lst = [0]
    return lst
x = [1]
print(mutate(x), x)
