# strip / lstrip / rstrip with default and explicit characters
s = "  \t hello world \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print(repr("xxhixx".strip("x")), repr("xxhixx".lstrip("x")), repr("xxhixx".rstrip("x")))
print(repr("www.example.com".strip("cmowz.")))
print(repr("abcHELLOcba".strip("abc")), repr("abc".strip("abc")))
print(repr("".strip()), repr("   ".strip()), repr("a".strip("")))
print(repr("\x0b\x0cvt\r".strip()))
print(repr("  a b  ".strip(None)))
lines = ["  first  ", "second\n", "\tthird\t"]
print([l.strip() for l in lines])
print("|".join(x.rstrip() for x in lines))
def clean(field):
    return field.strip().strip('"').strip()
print([clean(f) for f in ' "a" , b,  " c "  ,,'.split(",")])
print(repr("--==x==--".strip("-=")), repr("--==x==--".lstrip("-")), repr("--==x==--".rstrip("=-")))
