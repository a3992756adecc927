# str indexing and slicing: steps, negative indices and steps, out-of-range bounds, slice objects
s = "0123456789"
print(s[0], s[-1], s[-10], s[3:7], s[:4], s[6:], s[-3:], s[:-3], s[-5:-2])
print(s[::2], s[1::2], s[::3], s[::-1], s[::-2], s[8:2:-1], s[8:2:-3], s[-1:-5:-1], s[2:8:-1])
print(repr(s[5:5]), repr(s[7:3]), s[-100:3], s[7:100], s[100:], repr(s[-1:0]), s[:-100] == "")
print(s[slice(2, 5)], s[slice(None, None, -3)], s[slice(-4, None)], s[::1] is s or s[::1] == s)
w = "héllo wörld"
print(w[1], w[::-1], w[1:8:3], len(w), w[-4:])
em = "a😀b"
print(len(em), em[1] == "😀", em[::-1] == "b😀a", em[2])
for i in range(-3, 3):
    print(i, s[i], s[i:], s[:i])
try:
    s[10]
except IndexError as e:
    print("IndexError:", e)
try:
    s[-11]
except IndexError as e:
    print("IndexError:", e)
try:
    s[::0]
except ValueError as e:
    print("ValueError:", e)
try:
    s[1] = "x"
except TypeError as e:
    print("TypeError:", e)
print("".join(s[i:i + 3] for i in range(0, len(s), 3)), [s[i:i + 4] for i in range(0, 10, 4)])
