# re: sub and subn with templates and functions, split with maxsplit and groups.
import re

print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@home, ann@work"))
print(re.sub(r"(?P<first>\w+) (?P<last>\w+)", r"\g<last>, \g<first> (\g<0>)", "John Smith"))
print(re.sub(r"(a)|b", r"[\1]", "abab"))
print(re.sub(r"x", r"\n\t\\", "axb"), repr(re.sub(r"x", "\\101\\0", "x")))
print(re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2c3"))
print(re.sub(r"\d", "#", "1234", count=2), re.sub(r"\d", "#", "1234", 3))
print(re.subn(r"o", "0", "foo boo"), re.subn(r"z", "0", "foo"))
print(re.sub("", "-", "abc"), re.sub("x*", "-", "abxd"), re.subn(r"\b", "|", "hi there"))
print(re.sub(r"(?m)^", "> ", "one\ntwo\n"))
print(re.sub(rb"\d+", b"N", b"a12b3"), re.sub(rb"(\w)", rb"\1\1", b"ab"))
p = re.compile(r"(\d+)")
print(p.sub(r"<\1>", "a1b22"), p.subn(lambda m: "", "1a2"), p.sub("x", "1 2 3", count=1))
print(re.sub(r"(a)(b)?", lambda m: repr(m.groups()), "a ab"))
print(re.split(r",\s*", "a, b,c,   d"))
print(re.split(r"(,)\s*", "a, b,c"))
print(re.split(r"(x)|(,)", "1x2,3"))
print(re.split(r",", "a,b,c,d", maxsplit=2), re.split(r",", "a,b", 5), re.split(",", "a,b", -1))
print(re.split(r"\s*", "a b  c"), re.split(r"x*", "axbc"), re.split(r"^", "a\nb", flags=re.M))
print(re.split(r"\d", ""), re.split(r"", "ab"), re.split(rb"-", b"a-b"))
print(p.split("a1b22c"), p.split("a1b22c", 1))
m = re.match(r"(?P<a>\w)(?P<b>\w)?", "x")
print(m.expand(r"\g<a>-\g<b>-\1"), m.expand(r"[\g<0>]"))
for template in [r"\g<3>", r"\g<x>", r"\g<1x>", r"\g", r"\g<1", r"\q", "\\", r"\5"]:
    try:
        print(re.sub(r"(a)", template, "a"))
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
