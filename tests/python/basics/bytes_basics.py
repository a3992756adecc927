# bytes: literals, repr, constructors, indexing, slicing, iteration, operators, hashing
print(b"", b"abc", b"a'b", b'a"b', b"a'\"b", b"\x00\x01\x7f\x80\xff", b"tab\there\nnl\r\\")
print(rb"raw\n", b"con" b"cat", bytes(), bytes(4), bytes([0, 65, 255]), bytes(b"copy"))
print(bytes(range(65, 70)), bytes((x * 2 for x in range(5))), bytes(bytearray(b"ba")))
print(bytes("héllo", "utf-8"), bytes("abc", encoding="ascii"), bytes(source="é", encoding="latin-1"))
b = b"Hello, World"
print(len(b), b[0], b[-1], b[1:5], b[::-1], b[::3], b[100:], type(b[0]).__name__, type(b[:1]).__name__)
print(list(b"abc"), [x for x in b"xyz"], tuple(b"\x01\x02"), sum(b"\x01\x02\x03"), max(b"az"))
print(b"ab" + b"cd", b"ab" * 3, 2 * b"xy", b"ab" * 0, b"abc" == b"abc", b"abc" != b"abd")
print(b"a" < b"b", b"ab" < b"abc", b"b" > b"abc", b"" <= b"", sorted([b"c", b"a", b"b"]))
print(98 in b"abc", b"bc" in b"abc", b"" in b"abc", b"x" in b"abc", 0 in b"\x00")
print(hash(b""), hash(b"abc"), hash(b"abc") == hash("abc"), hash(b"\xff\xfe"), hash(b"x" * 50))
d = {b"k": 1, b"j": 2}
print(d[b"k"], {b"one", b"two", b"three"}, bool(b""), bool(b"\x00"))
print(str(b"s"), repr(b"r"), f"{b'f'}", "%s" % b"p" if False else "")
for bad in [lambda: bytes(-1), lambda: bytes([256]), lambda: bytes(["a"]), lambda: bytes("x"),
            lambda: bytes(1.5), lambda: b"a" + "b", lambda: b"abc"[3], lambda: b"abc"[str(1)],
            lambda: "a" in b"abc", lambda: 300 in b"abc", lambda: b"x" * 1.5,
            lambda: bytes(1, "utf-8")]:
    try:
        bad()
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
