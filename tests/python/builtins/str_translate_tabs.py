# str.maketrans (1, 2 and 3 arguments), str.translate, expandtabs, casefold
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t = str.maketrans("abc", "xyz")
print(sorted(t.items()))
print("aabbcc-abc".translate(t))
t3 = str.maketrans("ab", "AB", "c ")
print(sorted(t3.items()))
print("a b c abc".translate(t3))
t1 = str.maketrans({"a": "1", "b": None, 99: "see", "é": 0x263A, 100: 101})
print(sorted(t1.items()))
print("abcdé!".translate(t1))
print("".maketrans("x", "y"), str.maketrans("", ""))
print("hello".translate({}), "hello".translate({ord("l"): "L" * 3}))
print("abc".translate({97: 0x10FFFF}) == "\U0010ffffbc")
print("rot13 me".translate(str.maketrans(
    "abcdefghijklmnopqrstuvwxyz", "nopqrstuvwxyzabcdefghijklm")))
class Table:
    def __getitem__(self, code):
        if code == ord("x"):
            raise KeyError(code)
        if code == ord("q"):
            raise IndexError(code)
        return code + 1
print("abxq".translate(Table()))
print("abc".translate([None, "zero"] * 50))
show(lambda: "abc".translate({97: 1.5}))
show(lambda: "abc".translate({97: 0x110000}))
show(lambda: "abc".translate({97: -1}))
show(lambda: "abc".translate())
show(lambda: "abc".translate(5))
show(lambda: str.maketrans("ab", "c"))
show(lambda: str.maketrans(1))
show(lambda: str.maketrans({"ab": 1}))
show(lambda: str.maketrans({1.5: "a"}))
show(lambda: str.maketrans("a", "b", 1))
show(lambda: str.maketrans(1, "b"))
show(lambda: str.maketrans("a", 1))
show(lambda: str.maketrans())

for s in ["a\tb\tc", "\t", "ab\tcd\tef", "12345678\tx", "a\nb\tc", "x\r\ty", "é\tü", ""]:
    print(repr(s.expandtabs()), repr(s.expandtabs(4)), repr(s.expandtabs(1)),
          repr(s.expandtabs(0)), repr(s.expandtabs(-3)), repr(s.expandtabs(tabsize=3)))
show(lambda: "a\tb".expandtabs("4"))
show(lambda: "a\tb".expandtabs(size=4))

for s in ["Hello", "STRASSE", "Straße", "ß", "ẞ", "ﬁ", "ΣΑΣ ς", "µ", "ſ", "İ", "ı", "Ꭰꭰ",
          "ǅ", "ᾈ", "ᾳ", "Ǆ", "", "123 ABC"]:
    print(repr(s), repr(s.casefold()), s.casefold() == s.lower())
print("Straße".casefold() == "STRASSE".casefold(), "ﬁne".casefold() == "FINE".casefold())
show(lambda: "a".casefold(1))
