# bytes methods: split/join/replace/find/count/startswith/strip/upper/hex/fromhex/partition/decode
b = b"one,two,,three"
print(b.split(b","), b.split(b",", 1), b"  a b\tc ".split())
print(b"-".join([b"a", b"b", b"c"]), b"".join([]), b", ".join((b"x", bytearray(b"y"))))
print(b.replace(b",", b";"), b.replace(b",", b"", 1), b"aaa".replace(b"a", b"bb"))
print(b.find(b"two"), b.find(b"z"), b.rfind(b","), b.find(44), b.index(b"t"), b.count(b","), b.count(b"t"))
print(b.startswith(b"one"), b.endswith((b"x", b"three")), b.startswith(b"two", 4))
print(b"  pad  ".strip(), b"xxhixx".strip(b"x"), b"  l".lstrip(), b"r  ".rstrip())
print(b"Hello".upper(), b"Hello".lower())
print(b"abc".isalpha(), b"123".isdigit(), b"a1".isalnum(), b" ".isspace(), b"ABC".isupper())
print(b"\x00\x0f\xff".hex(), bytes.fromhex("de ad be ef"), bytes.fromhex(""))
print(b"key=val".partition(b"="), b"a.b.c".rpartition(b"."))
print(b"ab".center(6, b"*"), b"ab".ljust(4, b"."), b"ab".rjust(4))
print(b"%s=%d" % (b"x", 5), b"%5.2f|%x" % (3.14159, 255), b"%c%c" % (65, b"B"))
print(b"caf\xc3\xa9".decode(), "café".encode("utf-8"), "€".encode(), len("€".encode()), "ñ".encode("latin-1"))
print(b"\xff".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"), "x\u20acy".encode("ascii", "replace"))
try:
    b"\xff".decode()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
try:
    bytes.fromhex("abc")
except ValueError as e:
    print("ValueError:", e)
