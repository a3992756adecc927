def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    return [[sum([a[i][k] * b[k][j] for k in range(m)]) for j in range(p)] for i in range(n)]
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
a = [[1, 2], [3, 4]]
print(matmul(a, a), matmul(a, identity(2)) == a)
m = identity(3)
for _ in range(3):
    m = matmul(m, [[1, 1, 0], [0, 1, 1], [0, 0, 1]])
print(m)
print([[0.5 * x for x in row] for row in a])
