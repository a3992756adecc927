s = "héllo wörld ✓"
print(s, len(s), s[1], s[-1], s.upper(), s[::-1], s.find("w"), s.split(" "))
print(repr(s), ascii(s), [c for c in "añb"], "ü" in s, ord("é"), chr(233) == "é")
print("ß".upper(), "İ".lower() == "i̇", "Straße".upper())
print("\u00e9" == "é", "\N{GREEK SMALL LETTER ALPHA}", "tab\there", "a\\b", 'q"q', "q'q")
