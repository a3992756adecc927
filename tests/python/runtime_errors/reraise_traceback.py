def parse(s):
    return int(s)
def load(items):
    out = []
    for s in items:
        try:
            out.append(parse(s))
        except ValueError:
            print("bad item", s)
            raise
    return out
load(["1", "x"])
