print("%d items" % 5, "%s and %s" % ("a", "b"), "%5.2f|" % 3.14159, "%-5d|" % 42, "%05d" % 42)
print("%x %X %o %#x %e %g %%" % (255, 255, 8, 255, 12345.678, 0.0001), "%r" % "q", "%c%c" % (72, "i"))
print("%(name)s is %(age)d" % {"name": "Al", "age": 30}, "%+d % d" % (5, 5), "%.3s" % "abcdef", "%*d" % (5, 1))
print("%s" % [1, 2], "%s" % (1,), "%i" % 3.7, "%10s|" % "hi", "%.0f" % 2.5, "%.1e" % 1234.5)
try:
    "%d %d" % (1,)
except TypeError as e:
    print(e)
try:
    "%d" % (1, 2)
except TypeError as e:
    print(e)
try:
    "%d" % "x"
except TypeError as e:
    print(e)
