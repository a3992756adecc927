# isdigit / isalpha / isalnum / isspace / isupper / islower on ASCII and non-ASCII strings
samples = ["123", "12.3", "", " ", "\t\n", "abc", "abc123", "²", "٣", "héllo", "_name", "2x", "a b", "ABC", "Abc", "ÉÀ", "ß", "日本", "\u3000"]
for s in samples:
    print(repr(s), s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.isupper(), s.islower())
print(sum(c.isdigit() for c in "a1b22c333"))
print([c for c in "Hello, World! 42" if c.isalpha()])
def classify(s):
    kinds = []
    if s.isdigit():
        kinds.append("digits")
    elif s.isalpha():
        kinds.append("letters")
    elif s.isalnum():
        kinds.append("mixed")
    if s and s.isspace():
        kinds.append("space")
    if s.isupper():
        kinds.append("upper")
    return kinds or ["other"]
for s in ["42", "abc", "ABC", "a1", " \t", "-1", "1e5", "X9"]:
    print(repr(s), classify(s))
print("".join(c for c in "a-b_c 1!2" if c.isalnum()), "A1".isupper(), "a1".islower(), "1".isupper())
