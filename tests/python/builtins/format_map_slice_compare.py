# str.format_map; slices compare as (start, stop, step) tuples and are unhashable;
# int() and float() read Unicode digits and spaces
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print("{name} is {age:>3} ({name!r})".format_map({"name": "Ann", "age": 7}))
print("{p[0]}/{p[1]} {q.real}".format_map({"p": (1, 2), "q": 2.5}))
class Lookup:
    def __getitem__(self, key):
        return key.upper()
print("{x}-{yz}".format_map(Lookup()))
show(lambda: "{x}".format_map({}))
show(lambda: "{0}".format_map({"0": 1}))
show(lambda: "{}".format_map({}))
show(lambda: "{x}".format_map([]))
show(lambda: "{x}".format_map())
show(lambda: "{x}".format_map({}, {}))
show(lambda: "no fields".format_map(None))

print(slice(1, 2) == slice(1, 2), slice(1, 2) != slice(1, 2, 1), slice(1) == slice(None, 1))
print(slice(1, 2) < slice(1, 3), slice(0, 5) > slice(0, 4, 9), slice(2) <= slice(2))
print(sorted([slice(3, 1), slice(1, 9), slice(1, 2, 3)]))
show(lambda: slice(1) < slice("a"))
show(lambda: slice(None) < slice(None))
show(lambda: hash(slice(1, 2)))
show(lambda: {slice(1): 1})
show(lambda: slice(1, 2) in {1, 2})
print(slice(1, 2) in [slice(1, 2)], [1, 2, 3].index(2), slice(1, 2) == (1, 2, None))

for s in ["٣", "  ١٢  ", "-٤٢", "１２３", "１_０", "\u2003 7\u3000", "൬൭", "٣.٥", "²"]:
    show(lambda: int(s))
    show(lambda: float(s))
show(lambda: int("٣", 16))
show(lambda: int("１f", 16))
