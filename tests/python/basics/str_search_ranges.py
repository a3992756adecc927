# str.find/rfind/index/count/startswith/endswith with start and end (negative, None, past the
# end, empty needles), over ASCII and non-ASCII text.
for text in ("a b c a b", "héllo wörld héllo"):
    n = len(text)
    for sub in ("", " ", "b", "l", "ö", "héllo", "zz"):
        for start, end in ((None, None), (2, None), (-3, None), (1, 4), (0, -2), (5, 3),
                           (n, None), (n + 1, None), (-100, 100), (None, 3)):
            print(repr(text[:5]), repr(sub), start, end,
                  text.find(sub, start, end), text.rfind(sub, start, end),
                  text.count(sub, start, end),
                  text.startswith(sub, start, end), text.endswith(sub, start, end))
print("abcabc".find("c", 3), "abcabc".index("a", 1), "abcabc".startswith(("x", "bc"), 1))
print("abcabc".endswith(("ab", "c"), 0, 2), "abc".find("", 3), "abc".find("", 4))
try:
    "abc".index("c", 0, 2)
except ValueError as e:
    print("ValueError", e)
