# bitwise operators and shifts on negative and big ints; bit_length and bit_count
vals = [0, 1, 5, -1, -5, 255, -256, 2 ** 65, -(2 ** 65) + 3]
for a in vals:
    print(a, ~a, a & 0xFF, a | 0x10, a ^ -1, a >> 1, a >> 70, a << 3, a.bit_length())
print(-5 & -3, -5 | -3, -5 ^ -3, -5 & 3, -5 | 3, -5 ^ 3)
print(-1 >> 100, -(2 ** 100) >> 99, 1 << 100, -1 << 100)
print((2 ** 100 - 1) & (2 ** 50 + 12345), (2 ** 100) | 1, (2 ** 100) ^ (2 ** 100 - 1))
print(bin(-10), bin(-10 & 0xFF), hex(-255), oct(-8))
print((1).bit_length(), (-1).bit_length(), (-128).bit_length(), (127).bit_length(), (0).bit_length())
print(True & 3, ~True, 6 & True)
def to_u32(x):
    return x & 0xFFFFFFFF
def from_u32(x):
    return x - (1 << 32) if x & 0x80000000 else x
for v in [-1, -123456, 2 ** 31 - 1, -(2 ** 31)]:
    u = to_u32(v)
    print(v, u, hex(u), from_u32(u))
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
try:
    1 >> -3
except ValueError as e:
    print("ValueError:", e)
