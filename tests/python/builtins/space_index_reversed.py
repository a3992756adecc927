# str whitespace is Python's (U+001C..U+001F too) in strip, split and isspace; list and tuple
# index take start and end; reversed() of a set is a TypeError.
s = "\x1c\x1dvt \x1e\x1f"
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), s.split(), "\x1f".isspace())
print(repr(" a\u3000b\x1c c ".split()), "\xa0\u2028".isspace(), "x\x1c".isspace())
for seq in ([1, 2, 1, 3, 1], (1, 2, 1, 3, 1)):
    print(seq.index(1), seq.index(1, 1), seq.index(1, 3), seq.index(1, -2), seq.index(3, 0, 4))
    for args in ((1, 5), (3, 0, 3), (2, -1)):
        try:
            seq.index(*args)
        except ValueError as e:
            print("ValueError:", e)
    print(seq.count(1))
    try:
        seq.count(1, 2)
    except TypeError as e:
        print("TypeError:", e)
for value in ({1, 2}, frozenset({3})):
    try:
        reversed(value)
    except TypeError as e:
        print("TypeError:", e)
