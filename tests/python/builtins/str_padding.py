# center / ljust / rjust / zfill
for w in [0, 3, 6, 7, 10]:
    print(repr("abc".center(w)), repr("abc".ljust(w, ".")), repr("abc".rjust(w, "-")))
print(repr("ab".center(5, "*")), repr("ab".center(6, "*")), repr("abc".center(6, "*")))
print("42".zfill(5), "-42".zfill(5), "+42".zfill(5), "abc".zfill(5), "".zfill(3), "12345".zfill(3))
print("-".zfill(3), "3.14".zfill(7))
table = [("name", 5), ("banana", 12), ("kiwi", 300)]
for name, n in table:
    print(name.ljust(8) + "|" + str(n).rjust(5) + "|" + name.center(10, "~") + "|")
try:
    "a".center(5, "ab")
except TypeError as e:
    print("TypeError:", e)
def box(lines):
    width = max(len(l) for l in lines)
    print("+" + "-" * (width + 2) + "+")
    for l in lines:
        print("| " + l.ljust(width) + " |")
    print("+" + "-" * (width + 2) + "+")
box(["short", "a longer line", ""])
print([str(i).zfill(3) for i in range(0, 120, 37)], "x".center(4, "é"))
