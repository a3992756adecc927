# str.join and str.replace, including counts and empty patterns
print(",".join(["a", "b", "c"]), "".join([]), "-".join(["only"]))
print(" ".join(str(i) for i in range(5)))
print("+".join("abc"), ", ".join(("x", "y")), "/".join({"k1": 1, "k2": 2}))
try:
    ",".join(["a", 1])
except TypeError as e:
    print("TypeError:", e)
s = "one two one two one"
print(s.replace("one", "1"))
print(s.replace("one", "1", 2))
print(s.replace("one", "1", 0))
print(s.replace("one", "1", -1))
print(s.replace("zzz", "!"))
print("abc".replace("", "-"))
print("abc".replace("", "-", 2))
print("aaaa".replace("aa", "b"))
print("aaa".replace("a", ""), repr("".replace("", "x")))
print("hello".replace("l", "L").replace("o", "0"))
words = ["alpha", "beta", "gamma"]
print(" | ".join(w.upper() for w in words if "a" in w))
