# loops: else clauses of for and while run only without break, also with continue and empty loops
def find(items, target):
    for i, item in enumerate(items):
        if item == target:
            print("found at", i)
            break
    else:
        print("not found")


find([1, 2, 3], 2)
find([1, 2, 3], 9)
find([], 0)

for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, end=" ")
print()

i = 0
while i < 3:
    i += 1
    if i == 2:
        continue
else:
    print("while else after", i)

i = 0
while True:
    i += 1
    if i > 4:
        break
else:
    print("never")
print("broke at", i)

while False:
    pass
else:
    print("while else on a false condition")


def search(grid, value):
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell == value:
                break
        else:
            continue
        return r, c
    else:
        return None


print(search([[1, 2], [3, 4]], 4), search([[1]], 5))


def ret_in_else():
    for _ in range(2):
        pass
    else:
        return "returned from else"


print(ret_in_else())
try:
    for x in [1]:
        pass
    else:
        raise ValueError("from else")
except ValueError as e:
    print("ValueError:", e)
