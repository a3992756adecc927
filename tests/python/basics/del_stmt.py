x = 5
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
l = [1, 2, 3, 4]
del l[1], l[0]
print(l)
class C:
    pass
c = C()
c.attr = 1
del c.attr
print(hasattr(c, "attr"))
