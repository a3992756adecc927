# str.partition: found, missing and repeated separators; parsing with it
for s in ["key=value", "key=", "=value", "novalue", "a=b=c", ""]:
    print(repr(s), s.partition("="))
print("hello world".partition(" "))
print("path/to/file.txt".partition("/"))
print("path/to/file.txt".partition(".txt"))
print("archive.tar.gz".partition("."))
print("aXXbXXc".partition("XX"), "aXXbXXc".partition("XXX"))
head, sep, tail = "user@example.com".partition("@")
print(head, sep, tail)
try:
    "abc".partition("")
except ValueError as e:
    print("ValueError:", e)
def parse_kv(text):
    out = {}
    for item in text.split(";"):
        key, sep, value = item.strip().partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return out
print(parse_kv("a: 1; b :2 ; junk; c:  x:y "))
