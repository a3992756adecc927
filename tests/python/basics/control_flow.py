for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print(i)
else:
    print("no else after break")
for i in range(3):
    pass
else:
    print("for else")
n = 0
while n < 5:
    n += 1
    if n == 3:
        continue
    print("n", n)
else:
    print("while else")
x = 5
if x < 3:
    print("small")
elif x < 10:
    print("medium")
else:
    print("large")
print("yes" if x else "no", "a" if x > 10 else "b" if x > 4 else "c")
