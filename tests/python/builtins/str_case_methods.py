# upper / lower / title / capitalize / swapcase; isupper/islower
words = ["hello world", "HELLO", "hElLo wOrLd", "they're bill's", "a1b2 c3", "éCOLE ñ"]
for w in words:
    print(repr(w.upper()), repr(w.lower()), repr(w.title()), repr(w.capitalize()), repr(w.swapcase()))
print("ΣΑΣ".lower(), "ß".upper())
print("ﬁ".upper(), "İ".lower() == "i̇", len("İ".lower()))
print("hello-world_foo bar".title(), "123abc".title(), "abc DEF".capitalize())
print("".upper(), "".title(), "x".capitalize(), "Σ".lower())
print("ABC".isupper(), "AbC".isupper(), "abc1".islower(), "123".islower())
def snake_to_camel(name):
    head, *rest = name.split("_")
    return head.lower() + "".join(part.capitalize() for part in rest)
def camel_to_snake(name):
    out = []
    for ch in name:
        if ch.isupper():
            out.append("_" + ch.lower())
        else:
            out.append(ch)
    return "".join(out).lstrip("_")
for n in ["hello_world", "HTTP_server_error", "x", "already"]:
    c = snake_to_camel(n)
    print(n, c, camel_to_snake(c))
print("MiXeD".swapcase().swapcase(), "ÉCOLE".lower(), "école".upper())
