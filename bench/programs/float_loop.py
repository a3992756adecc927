x = 0.0
i = 0
while i < 1000000:
    x = x + 1.0 / (i + 1)
    i = i + 1
print(x)
