# re: IGNORECASE over characters with special case mappings (dotless and dotted i, long s, micro
# sign, final sigma, titlecase digraphs, sharp s, Kelvin and Ohm signs): literals, classes, ranges
# and backreferences, each pair of characters; and which of them \w matches.
import re
chars = "aAkKsSiIßẞſKıİσςΣµΜμéÉǅǄǆΩΩﬀ0_ǰJ"
out = []
for c in chars:
    for d in chars:
        r1 = re.fullmatch(re.escape(c), d, re.I) is not None
        r2 = re.fullmatch("[" + re.escape(c) + "]", d, re.I) is not None
        r3 = re.fullmatch("[" + re.escape(c) + "-" + re.escape(c) + "]", d, re.I) is not None
        r4 = re.fullmatch(r"(.)\1", c + d, re.I) is not None
        if r1 or r2 or r3 or r4:
            out.append("%s%s:%d%d%d%d" % (c, d, r1, r2, r3, r4))
print(" ".join(out))
print([re.findall(r"\w", c) for c in chars])
