# str.split with and without separators, with maxsplit; whitespace splitting
s = "a,b,,c,d"
print(s.split(","))
print(s.split(",", 1))
print(s.split(",", 0))
print(s.split(",", -1))
print(s.split(",", 2), s.split(",", 10))
t = "  one  two\tthree\nfour  "
print(t.split())
print(t.split(None, 1))
print(t.split(None, 2))
print(t.split(None, 0))
print("".split(), "".split(","))
print("   ".split(), "   ".split(" "))
print("abcabc".split("bc"))
print("a::b::c".split("::"), "a::b::c".split("::", 1))
print("x".split("x"), "xx".split("x"))
for line in ["k=v", "k=", "=v", "k", "k=v=w"]:
    print(repr(line), line.split("=", 1), line.split("="))
try:
    "abc".split("")
except ValueError as e:
    print("ValueError:", e)
