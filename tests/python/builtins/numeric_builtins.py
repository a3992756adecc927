# abs, divmod, min, max, sum with start, hex/oct/bin, chr/ord on boundary values
print(abs(-5), abs(5), abs(-2.5), abs(-0.0), abs(True), abs(-(10 ** 30)), abs(3 - 4j))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), divmod(10 ** 20, 7))
print(sum([]), sum([1, 2, 3]), sum([1, 2, 3], 10), sum(range(101)), sum([0.5, 0.25], 1))
print(sum([[1], [2, 3]], []), sum(((1,), (2,)), ()), sum([1j, 2j], 1))
print(sum(x * x for x in range(10)), sum(range(10 ** 4)), sum([10 ** 20] * 3))
print(min(3, 1, 2), max(3, 1, 2), min([5]), max("abc"), min("zebra"), max([1, 5], [1, 4, 9]))
print(hex(0), hex(255), hex(-1), hex(2 ** 64), oct(0), oct(64), oct(-9), bin(0), bin(5), bin(-5), bin(2 ** 40))
print(chr(0) == "\x00", chr(65), chr(955), chr(0x1F600) == "\U0001F600", chr(0x10FFFF) == "\U0010FFFF")
print(ord("A"), ord("λ"), ord("\n"), ord("\U0001F600"), ord(chr(1234)))
print([chr(c) for c in range(ord("a"), ord("f"))], "".join(chr(ord(c) + 1) for c in "HAL"))
for bad in [lambda: chr(-1), lambda: chr(0x110000), lambda: ord("ab"), lambda: ord(""), lambda: sum(["a", "b"], "")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    hex(1.5)
except TypeError as e:
    print("TypeError:", e)
print(min([], default="empty"), max([], default=None), min(iter([4, 2, 8])))
