# repr of strings with quotes, backslashes, control characters, non-ASCII and unprintable code points
samples = [
    "plain", "it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\tnl\ncr\r",
    "\x00\x01\x1f\x7f", "\x80\x9f\xa0\xad", "é ñ ü", "日本語", "😀", "\u200b\u2028",
    "\U0001f600", "\x1b[0m", "", " ", "'", '"', "\\'",
]
for s in samples:
    print(repr(s), len(s), ascii(s))
print(str("it's"), repr(repr("a'b")), repr(str(b"x")), repr("%r" % "q"))
print([("a", 'b"'), {"k'": "v"}], str(["\n"]), ascii(["é", "\x00"]))
print(repr("a" * 3 + "'" + '"'), repr("mixed ' \" \\ \n"))
for s in ["\x00abc", "\t", "line1\nline2", "x\u0301", "\u00ff", "\U0001f40d"]:
    print(repr(s), "ok")
print("%r|%s|%a" % ("é\n", "é\n".strip(), "é"), f"{'q'!r}", f"{chr(7)!r}", "{!r}".format("\\"))
print([repr(c) for c in "a\tb\\c'd\"e"], repr("\x7f" + "é"), str(repr("\r\n")).count("\\"))
