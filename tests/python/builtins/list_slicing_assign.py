# list slice reads with steps and negative indices; slice assignment, extended slice assignment, del
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7], a[::3], a[1::2], a[::-1], a[8:2:-2], a[-1:-4:-1], a[100:], a[5:2])
b = a[:]
b[2:4] = ["x", "y", "z"]
print(b)
b[1:1] = [100, 200]
print(b)
b[-2:] = []
print(b)
b[:] = "abc"
print(b)
c = list(range(8))
c[::2] = [10, 20, 30, 40]
print(c)
c[::-3] = "XYZ"
print(c)
del c[1:3]
print(c)
del c[::2]
print(c)
d = list(range(6))
d[10:20] = [99]
d[-100:1] = ["s"]
print(d)
e = [1, 2, 3]
e[1:2] = e
print(e)
try:
    c[::2] = [1, 2, 3, 4, 5, 6]
except ValueError as err:
    print("ValueError:", err)
try:
    c[::0]
except ValueError as err:
    print("ValueError:", err)
print(a[slice(1, 8, 3)], a[slice(None, None, -4)])
