def step(cells):
    counts = {}
    for (x, y) in cells:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx or dy:
                    key = (x + dx, y + dy)
                    counts[key] = counts.get(key, 0) + 1
    return sorted([c for c, n in counts.items() if n == 3 or (n == 2 and c in cells)])
glider = [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)]
cells = glider
for _ in range(4):
    cells = step(cells)
print(cells)
