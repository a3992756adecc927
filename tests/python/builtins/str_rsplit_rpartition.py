# str.rsplit and str.split with sep=/maxsplit= keywords, rpartition, rindex,
# removeprefix/removesuffix
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for s in ["a,b,c,d", ",a,,b,", "", ",", "no separator", "a,b"]:
    print(repr(s), s.rsplit(","), s.rsplit(",", 1), s.rsplit(",", 0), s.rsplit(",", -1))
for s in ["  a  b \t c\n ", "", "   ", "one", "\u3000x\u2003y\u00a0", " a b c "]:
    print(repr(s), s.rsplit(), s.rsplit(None, 1), s.rsplit(maxsplit=0), s.split(maxsplit=1))
print("aaa".rsplit("aa"), "aaa".split("aa"), "aaaa".rsplit("aa", 1))
print("1::2::3".rsplit("::", maxsplit=1), "1::2::3".split(sep="::", maxsplit=1))
print("x y z".split(sep=None, maxsplit=1), "x y z".rsplit(sep=None, maxsplit=1))
print("αβγ-δε-ζ".rsplit("-", 1), "日本 語 テキスト".rsplit(None, 1))
print("a b c".rsplit(maxsplit=True), "a,b,c".split(",", False))
show(lambda: "abc".rsplit(""))
show(lambda: "abc".split(sep=""))
show(lambda: "abc".rsplit(1))
show(lambda: "abc".split(",", "2"))
show(lambda: "abc".split(",", 1, 2))
show(lambda: "abc".rsplit(sep=",", limit=1))
show(lambda: "abc".split(",", sep=","))
show(lambda: "abc".split(",", 2 ** 70))

for s in ["a.b.c", "abc", ".", "a.", ".a", ""]:
    print(repr(s), s.rpartition("."), s.partition("."))
print("a--b--c".rpartition("--"), "a---b".rpartition("--"), "é→ü→".rpartition("→"))
show(lambda: "abc".rpartition(""))
show(lambda: "abc".rpartition(None))

s = "abcabcé"
print(s.rindex("b"), s.rindex("abc"), s.rindex("é"), s.rindex(""), s.rindex("b", 0, 4), s.rindex("c", -5))
show(lambda: s.rindex("z"))
show(lambda: s.rindex("b", 5))
show(lambda: s.rindex(1))
print(s.rfind("b", 5), s.rfind("b", 0, 2))

for s in ["prefix_name", "prefix_", "prefix", "", "name_suffix"]:
    print(repr(s.removeprefix("prefix_")), repr(s.removesuffix("_suffix")), repr(s.removeprefix("")))
print("ééx".removeprefix("é"), "xéé".removesuffix("é"), "aaa".removeprefix("a"))
show(lambda: "abc".removeprefix(1))
show(lambda: "abc".removesuffix(None))
show(lambda: "abc".removeprefix())
