data = [1, 5, 12, 7, 20]
if (n := len(data)) > 3:
    print("long", n)
total = 0
while (item := data.pop()) != 12:
    total += item
print(total, data)
print((z := 3) + z)
