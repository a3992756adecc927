# %-formatting: conversions, widths, precisions, flags, * widths, tuple and dict arguments
print("%d %i %s %r" % (42, -7, "str", "str"))
print("%x %X %o %#x %#X %#o" % (255, 255, 8, 255, 255, 8))
print("%e %E %f %F %g" % (12345.678, 12345.678, 1.5, 2.25, 0.00001234))
print("%c%c%c %%" % (80, "y", 0x263a))
print("[%5d] [%-5d] [%05d] [%+d] [% d] [%+5d] [%-+5d]" % (42, 42, 42, 42, 42, 42, 42))
print("[%8.3f] [%-8.2f] [%08.2f] [%+.1f] [%.0f]" % (3.14159, 2.5, -1.5, 2.0, 2.5))
print("[%10s] [%-10s] [%.2s] [%10.3s] [%r]" % ("abc", "abc", "abc", "abcdef", 'a"b'))
print("[%*d] [%-*d] [%.*f] [%*.*f]" % (6, 1, 6, 2, 2, 3.14159, 8, 1, 2.75))
print("%(a)s=%(b)05.1f %(a)r" % {"a": "x", "b": 2.345})
print("%s" % "single", "%s" % (1,), "%s" % [1, 2], "%s" % ((1, 2),), "%r" % ((1, 2),))
print("%d%%" % 50, "100%%" % (), "%s" % None, "%s %s" % (True, 1.0))
print("%d" % 3.99, "%d" % -3.99, "%x" % -255, "%o" % -8, "%i" % True)
print("%.3e" % 0.0, "%g" % 100000.0, "%g" % 1000000.0, "%.2g" % 0.000123, "%#g" % 1.0)
print("%s|%5s|%-5s|" % ("é", "é", "é"), "%a" % "é")
print("%d items at %.2f each = %8.2f" % (3, 1.5, 3 * 1.5))
print("%(x)s %(x)s %%" % {"x": 1})
big = 2 ** 70
print("%d %x %s" % (big, big, big))
for bad, args in [("%d", "x"), ("%d %d", (1,)), ("%s", (1, 2)), ("%(k)s", (1,))]:
    try:
        print(bad % args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
