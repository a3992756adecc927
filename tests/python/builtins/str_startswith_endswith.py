# startswith / endswith with single strings and tuples of candidates
s = "hello world"
print(s.startswith("hello"), s.startswith("world"), s.startswith(""), s.startswith(s), s.startswith(s + "!"))
print(s.endswith("world"), s.endswith("hello"), s.endswith("d"), s.endswith(""), "".endswith(""))
print(s.startswith(("x", "he")), s.startswith(("x", "y")), s.endswith(("ld", "zz")))
print(s.startswith(()), s.endswith(("",)))
print(s[6:].startswith("wor"), s[:-2].endswith("wor"), "Hello".startswith("h"))
files = ["a.py", "b.txt", "c.PY", "d.rs", "e.pyc"]
print([f for f in files if f.endswith((".py", ".rs"))])
print([f for f in files if f.lower().endswith(".py")])
try:
    s.startswith(["he"])
except TypeError as e:
    print("TypeError:", e)
urls = ["http://a.org", "https://b.com", "ftp://c.net", "mailto:x@y.z"]
for u in urls:
    web = u.startswith(("http://", "https://"))
    print(u, web, u.endswith((".org", ".com")), u.startswith("ftp") or u.endswith(".z"))
