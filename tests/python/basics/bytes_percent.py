# % formatting of bytes and bytearrays
print(b"%s and %b" % (b"x", bytearray(b"y")), b"%d|%5d|%-4x|%05.1f|%e" % (42, 7, 255, 3.14159, 1e10))
print(b"%r %a" % ("é", [1, b"z"]), b"%c%c%c" % (65, b"B", bytearray(b"C")), b"%%", b"%(k)s=%(v)d" % {b"k": b"key", b"v": 5})
print(bytearray(b"%s!") % b"hi", type(bytearray(b"%s") % b"x").__name__, b"%.2s" % b"abcdef", b"%5s|" % b"ab", b"%x" % 3.0 if False else b"")
print(b"\xff%s\x00" % b"\xfe")
for bad in [lambda: b"%s" % "str", lambda: b"%s" % 5, lambda: b"%c" % 256, lambda: b"%c" % "a", lambda: b"%d %d" % (1,),
            lambda: b"%d" % (1, 2), lambda: b"%(x)s" % {b"y": 1}, lambda: b"%d" % b"x"]:
    try:
        print(bad())
    except (TypeError, ValueError, OverflowError, KeyError) as e:
        print(type(e).__name__, e)
