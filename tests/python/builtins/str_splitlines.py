# str.splitlines cuts at every line break Python knows (\r\n, \n, \r, \v, \f, \x1c-\x1e,
# \x85, \u2028, \u2029) and keeps them with keepends (positional or keyword).
samples = ["a\nb\r\nc\rd", "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i", "", "\n", "x\n\ny\n",
           "no breaks", "\r\n\r\n", "tail\r", "\x1f\x1f"]
for text in samples:
    print(repr(text), text.splitlines(), text.splitlines(True), text.splitlines(keepends=True))
print("a\nb".splitlines(False), "a\nb".splitlines(keepends=0), "a\nb".splitlines(1))
