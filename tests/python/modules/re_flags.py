# re: flags and inline flags -- IGNORECASE, MULTILINE, DOTALL, VERBOSE, ASCII, scoped groups.
import re

print(re.I, re.IGNORECASE, re.M, re.S, re.X, re.A, re.U, re.NOFLAG, re.DEBUG, re.T)
print(re.I | re.M, re.S | re.I | re.U, ~re.I, re.I & re.M, re.A | 1024, 3 | re.I, re.I + 1, int(re.I))
print(f"{re.I}", "%d" % re.M, format(re.S, "03d"), re.I.name, re.I.value, (re.I | re.M).name, re.I == 2)
print(isinstance(re.I, int), re.RegexFlag.__name__, re.RegexFlag.__module__, type(re.I | re.M).__name__)
print(re.compile("a", re.I | re.M).flags, type(re.compile("a").flags).__name__)
print(re.findall(r"abc", "ABC abc aBc", re.I), re.findall(r"[a-c]+", "ABCabc", re.IGNORECASE))
print(re.findall(r"(?i)k", "kK\u212a"), re.findall(r"(?i)s", "sSſ"))
print(re.findall(r"^x$", "x\nx", re.M), re.findall(r"a.b", "a\nb", re.S))
print(re.match(r"""
    (\d{3})   # area
    [ -]?     # separator
    (\d{4})   # number
""", "555-1234", re.X).groups())
print(re.match(r"(?x) a b c # comment", "abc"), re.match(r"(?x)a\ b[ ]c", "a b c"))
print(re.match(r"\w+", "héllo", re.A), re.match(r"(?a)\w+", "héllo"), re.match(r"(?u)\w+", "héllo"))
print(re.match(r"(?i:a)b", "Ab"), re.match(r"(?i:a)b", "AB"), re.match(r"(?i)a(?-i:b)", "AB"))
print(re.match(r"(?s:.)(.)", "\n\n"), re.match(r"(?m:^a)", "a"), re.search(r"(?-s:.)", "\nx"))
print(re.compile(r"(?i)x").flags, re.compile(r"(?m)(?s)x").flags, re.compile(r"(?a)x").flags)
print(re.compile(r"(?x)x").flags, re.compile(b"(?i)x").flags, re.compile("x", re.I | re.S).flags)
print(re.compile("x", re.I | re.M | re.S | re.X), re.compile("(?i)x"), re.compile(b"x", re.A))
print(re.findall(r"(?i)[^a]", "aAbB"), re.findall(r"[\W]", "a b", re.A), re.findall(r"(?i)\w", "É"))
print(re.search(r"(?i)straße", "STRASSE"), re.search(r"(?i)ΣΑΣ", "σας"))
print(re.match(rb"(?i)abc", b"ABC"), re.match(rb"\s+", b" \t\n\x0b\x0c\r"))
print(re.findall(r"(?i)(a)\1", "aA Aa aa"), re.findall(r"x(?i:Y)z", "xYz xyz xyZ"))
for bad in [("x", re.L), ("x", re.A | re.U), (b"x", re.U)]:
    try:
        re.compile(*bad)
    except ValueError as e:
        print("ValueError", e)
try:
    re.compile(re.compile("x"), re.I)
except ValueError as e:
    print("ValueError", e)
