# re: re.error messages and positions as CPython's, and TypeErrors of wrong arguments.
import re

patterns = [
    "(", "(a", "a)", ")", "a**", "*a", "+", "a{2}{3}", "^*", "[a", "[", "[^", "[]",
    "[z-a]", r"[\d-z]", "a{3,2}", r"\q", "\\", r"\1", r"(a)\2", r"(a\1)", "(?P<1a>x)",
    "(?P<a>x)(?P<a>y)", "(?P=b)", "(?P", "(?Px)", "(?<x)", "(?<=a+)b", "(?<!a|bc)d",
    "(?z)", "(?i", "(?i-", "(?-i)", "(?i:", "a(?i)", "(?#unterminated", "(?(2)a|b)",
    "(?(a)x)", "(?(1)a|b|c)", r"\x4", r"\u12", r"[\U0011ffff]", r"[a-\w]",
    "x\ny(", "(?", "(?P<>x)", "(?P<a", r"\777", "[\\",
]
for p in patterns:
    try:
        re.compile(p)
        print(repr(p), "compiles")
    except re.error as e:
        print(repr(p), "|", e, "|", e.msg, e.pos, e.lineno, e.colno, e.pattern == p)
try:
    re.compile(b"(")
except re.error as e:
    print(e, e.pattern)
print(issubclass(re.error, Exception), re.error.__name__, re.error.__module__)
for call in [lambda: re.match(1, "a"), lambda: re.compile("a").match(1), lambda: re.match("a", b"a"),
             lambda: re.match(b"a", "a"), lambda: re.compile("a").match(),
             lambda: re.sub("a", 1, "a"), lambda: re.escape(5)]:
    try:
        print(call())
    except TypeError as e:
        print("TypeError", e)
