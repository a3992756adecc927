# re: Match objects -- groups by number and name, spans, lastindex/lastgroup, defaults.
import re

m = re.search(r"(?P<key>\w+)=(?P<val>\w*)(;)?", "x: size=10 rest")
print(m)
print(m.group(), m.group(0), m.group(1), m.group("val"), m.group(1, "val", 0))
print(m.groups(), m.groups("-"), m.groupdict(), m.groupdict("?"))
print(m.start(), m.end(), m.span(), m.start("key"), m.end(2), m.span(3))
print(m[0], m["key"], m[2])
print(m.lastindex, m.lastgroup, m.string, m.re, m.pos, m.endpos, m.regs)
print(re.match(r"(a)(b)", "ab").lastindex, re.match(r"((a)b)", "ab").lastindex)
print(re.match(r"(?P<x>a)|(?P<y>b)", "b").lastgroup, re.match(r"a", "a").lastindex)
print(re.match(r"(a)|b", "b").groups(), re.match(r"(a)|b", "b").span(1))
print(re.match(r"(?P<n>a)(?P=n)", "aa"), re.match(r"(a)\1", "ab"))
print(re.match(r"(?i)(ab)\1", "abAB"), re.match(r"(a)(?:b)(c)", "abc").groups())
print(re.compile(r"(?P<a>.)(?P<b>.)").groupindex, re.compile("(a)(b)(c)").groups)
print(re.search(r"b", "abc", ).re.pattern, re.compile("a").search("xxa", 1, 3).pos)
print(repr(re.match(b"a+", b"aab")), re.match("", "x"))
for arg in [3, "nope", -1, 1.5]:
    try:
        m.group(arg)
    except IndexError as e:
        print("IndexError", e)
try:
    m.start(9)
except IndexError as e:
    print("IndexError", e)
print(re.match(r"(a)?b", "b").group(1), re.match(r"(a)?b", "b").start(1))
print(re.match(r"(\d+)-(\d+)", "10-20").expand(r"\2..\1"))
it = re.finditer(r"\d", "a1b2")
print(next(it), [x.group() for x in it])
print(bool(re.match("a", "a")), re.match(r"(?:(a)|b)+", "ab").groups())
