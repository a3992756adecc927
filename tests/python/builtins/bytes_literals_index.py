# bytes literals, indexing yields ints, slicing yields bytes, repr of bytes, iteration, comparison
b = b"Hello\x00\xff\n\t'\""
print(b, len(b), b[0], b[-1], b[5], b[6], type(b[0]).__name__)
print(b[1:4], b[::-1], b[::3], b[-3:], b[100:], b[2:2])
print(repr(b"it's"), repr(b'say "x"'), repr(b"both ' and \""), repr(b"\\"), repr(b"\x7f\x80"))
print(list(b"abc"), [hex(c) for c in b"\x01\x10"], bytes([72, 105]), bytes(3), bytes(range(65, 70)))
print(b"abc" == b"abc", b"abc" < b"abd", b"ab" < b"abc", b"" < b"a", b"b" > b"abc", b"a" == "a")
print(b"ab" + b"cd", b"ab" * 3, 0 * b"x", 97 in b"abc", b"bc" in b"abc", b"" in b"x", 120 in b"x")
print(rb"\n raw", br"\d", b"\101\102", b"multi" b"part")
print(bytes("héllo", "utf-8"), "héllo".encode(), b"h\xc3\xa9llo".decode("utf-8"))
print(bytes(b"copy"), bytes(bytearray(b"ba")))
for i, c in enumerate(b"hi!"):
    print(i, c, chr(c))
print(sorted(b"banana"), max(b"xyz"), sum(b"\x01\x02\x03"))
try:
    b[20]
except IndexError as e:
    print("IndexError:", e)
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError:", e)
