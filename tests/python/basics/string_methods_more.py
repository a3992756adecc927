words = "The quick brown fox jumps over the lazy dog".split()
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
print(" ".join([w[::-1] for w in words]))
print("{} and {}".format("a", "b"), "{1}{0}".format("x", "y"), "{name}!".format(name="hi"))
print("{:>6.2f}|{:<4}|{!r}".format(3.14159, "ab", "q"), "{{}}".format())
print("%", "100%", "a%sb")
s = "CamelCaseString"
print("".join(["_" + c.lower() if c.isupper() else c for c in s]).lstrip("_"))
print("abc".index("c"), "a-b-c".split("-", 1), "x".isupper(), "X".isupper(), "abc1".isalnum())
