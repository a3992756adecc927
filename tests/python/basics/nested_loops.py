result = []
for i in range(4):
    for j in range(4):
        if j > i:
            break
        result.append((i, j))
print(result)
i = 0
while True:
    i += 1
    j = 0
    while j < i:
        j += 1
    if i >= 5:
        break
print(i, j)
