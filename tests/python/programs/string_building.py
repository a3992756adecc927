rows = []
for i in range(1, 6):
    rows.append(" " * (5 - i) + "*" * (2 * i - 1))
print("\n".join(rows))
table = ""
for i in range(1, 4):
    table += " ".join([f"{i * j:3}" for j in range(1, 6)]) + "\n"
print(table, end="")
print("|".join([str(x) for x in range(5)]))
