# str.isdecimal/isdigit/isnumeric/isascii/isprintable/isidentifier, and title and
# capitalize with titlecase characters
samples = ["123", "", "٣٤", "１２", "²", "½", "Ⅻ", "一二三", "五", "𝟘𝟙", "①", "12a", "-1", "1.5",
           " ", "abc", "é", "\x7f", "ab\n", "tab\t", "\u200b", "\xa0", "\u3000", "☺", "\ufeff"]
for s in samples:
    print(repr(s), s.isdecimal(), s.isdigit(), s.isnumeric(), s.isascii(), s.isprintable(),
          s.isalnum(), s.isidentifier())
for s in ["x", "_", "_private", "__init__", "2x", "x2", "a-b", "café", "ℕ", "αβγ", "x y",
          "if", "None", "", "a\u0301", "\u0301a", "ﬁ", "a·b", "℘", "⁀", "x⁀"]:
    print(repr(s), s.isidentifier())
for s in ["hello world", "HELLO WORLD", "they're bill's", "3rd place", "ǆemal ǉubljana",
          "ǅemal", "ßuper straße", "ﬁsh ﬂour", "ᾳ ᾀβ", "ŉ", "և", "中a中b", "ΑΣ ΑΣ",
          "hello_world-foo bar", "", "1a2b", "ǰ", "აბგ"]:
    print(repr(s), repr(s.title()), repr(s.capitalize()), s.istitle(), s.title().istitle())
for s in ["ΑΣ", "ΑΣ.", "aΣ", "Σ", "ΣΑ"]:
    print(repr(s), repr(s.capitalize()), repr(s.lower()))
try:
    "x".isdecimal(1)
except TypeError as e:
    print("TypeError", e)
