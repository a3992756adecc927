# bytes methods: codecs, split/join/strip, searching, replacing, hex, case
print("héllo wörld €".encode(), "héllo".encode("latin-1"), "abc".encode("ascii"))
print(b"h\xc3\xa9llo".decode(), b"h\xe9llo".decode("latin-1"), b"abc".decode("ascii"))
print(b"caf\xc3\xa9".decode("utf-8"), b"x\xffy".decode("utf-8", "replace"), b"x\xffy".decode(errors="ignore"))
print("naïve ☃".encode("ascii", "replace"), "naïve".encode("ascii", "ignore"), "ü".encode(encoding="UTF8"))
for data, enc in [(b"\xff", "utf-8"), (b"ab\xc3", "utf-8"), (b"\xc3(", "utf-8"),
                  (b"\xe2\x82", "utf-8"), (b"ok\x80", "ascii")]:
    try:
        data.decode(enc)
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
for text, enc in [("é", "ascii"), ("aéè", "ascii"), ("€", "latin-1"), ("😀", "latin-1")]:
    try:
        text.encode(enc)
    except UnicodeEncodeError as e:
        print("UnicodeEncodeError:", e)
try:
    "x".encode("klingon")
except LookupError as e:
    print("LookupError:", e)
print(b"a,b,,c".split(b","), b"a,b,c".split(b",", 1), b"  one two\tthree\n".split(), b"a b c".split(maxsplit=1))
print(b"--".join([b"a", b"b", b"c"]), b"".join([]), b",".join([bytearray(b"x"), b"y"]))
print(b"  pad  ".strip(), b"  pad  ".lstrip(), b"  pad  ".rstrip(), b"xxhixx".strip(b"x"))
print(b"hello".find(b"l"), b"hello".rfind(b"l"), b"hello".find(b"z"), b"hello".find(108), b"hello".find(b"l", 3))
print(b"hello".index(b"e"), b"banana".count(b"a"), b"banana".count(b"an"), b"aaa".count(b""), b"abc".count(b"c", 0, 2))
print(b"banana".replace(b"a", b"o"), b"banana".replace(b"a", b"", 2), b"ab".replace(b"", b"-"))
print(b"hello".startswith(b"he"), b"hello".endswith((b"x", b"lo")), b"hello".startswith(b"l", 2))
print(b"\x00\xffab".hex(), bytes.fromhex("00ff 61 62"), bytes.fromhex(""), b"".hex())
print(b"MiXeD 123".upper(), b"MiXeD 123".lower(), b"123".isdigit(), b"abc".isalpha(), b" \t".isspace())
for bad in [lambda: b"x".index(b"y"), lambda: b"a".split(b""), lambda: bytes.fromhex("0g"),
            lambda: bytes.fromhex("abc"), lambda: b",".join([b"a", "b"]), lambda: b"a".startswith("a"),
            lambda: b"a".find("a")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
# start past the end, maxsplit keeping the rest, quotes in reprs
print(b"xy".find(b"", 5), b"xy".find(b"", 2), b"xy".startswith(b"", 3), b"xy".count(b"", 3), b"xy".rfind(b"", 9))
print(b"\t a b  c  ".split(maxsplit=1), b"  a  ".split(maxsplit=0), bytearray(b" x y ").split(None, 1))
print(b"it's", b"it's \"q\"", bytearray(b"it's"), bytearray(b"it's \"q\""), bytearray(b'"'))
# argument binding errors
try: b'x'.decode('utf-8', encoding='ascii')
except TypeError as e: print(e)
try: bytes(1,2,3,4)
except TypeError as e: print(e)
try: (1).to_bytes(1,'big',3)
except TypeError as e: print(e)
try: 'x'.encode(bogus=1)
except TypeError as e: print(e)
# partition, removeprefix/removesuffix, case tests, justification
print(b'a=b=c'.partition(b'='), b'a=b=c'.rpartition(b'='), b'abc'.partition(b'x'), b'abc'.rpartition(b'x'))
print(b'prefix_x'.removeprefix(b'prefix_'), b'x.py'.removesuffix(b'.py'), b'ab1'.isalnum(), b'AB'.isupper(), b'ab1'.islower(), b'A1'.isupper(), b''.isupper())
print(b'ab'.ljust(5, b'*'), b'ab'.rjust(5), b'ab'.center(7, b'-'), b'abc'.center(2), bytearray(b'x').center(4), b'ab'.center(6), b'abc'.center(6))
print(bytearray(b'k:v').partition(b':'), b'x'.removeprefix(b'xyz'), b'123'.isalnum(), b'a b'.isalnum(), b'ABc'.isupper(), b'12'.islower())
try: b'a'.partition(b'')
except ValueError as e: print(e)
try: b'a'.ljust(3, b'ab')
except TypeError as e: print(e)
