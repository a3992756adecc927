# find / rfind / index / count, including empty and overlapping patterns
s = "abracadabra"
print(s.find("a"), s.find("b"), s.find("cad"), s.find("abra"), s.find("z"), s.find("A"))
print(s.rfind("a"), s.rfind("b"), s.rfind("abra"), s.rfind("z"), s.rfind("abracadabra"))
print(s.find(""), s.rfind(""), "".find(""), "".find("a"), "".rfind(""))
print(s.index("c"), s.index("bra"), s.index("d"), s.index(s))
print(s.count("a"), s.count("br"), s.count("abra"), s.count(""), s.count("z"))
print("aaaa".count("aa"), "".count(""), "aaaa".find("aa"), "aaaa".rfind("aa"))
for call in [lambda: s.index("z"), lambda: "".index("a")]:
    try:
        call()
    except ValueError as e:
        print("ValueError:", e)
hits = []
pos = s.find("a")
while pos >= 0:
    hits.append(pos)
    nxt = s[pos + 1:].find("a")
    pos = -1 if nxt < 0 else pos + 1 + nxt
print(hits)
