# del: names, list items and slices, dict keys, attributes, several targets, and errors
a = 1
b = [0, 1, 2, 3, 4, 5, 6, 7]
del a
try:
    a
except NameError as e:
    print("NameError:", e)

del b[0]
print(b)
del b[1:3]
print(b)
del b[::2]
print(b)
del b[-1]
print(b)
del b[:]
print(b)

d = {"x": 1, "y": 2, "z": 3}
del d["y"]
print(d)
try:
    del d["nope"]
except KeyError as e:
    print("KeyError:", e)


class Obj:
    pass


o = Obj()
o.attr = "v"
o.other = "w"
del o.attr
print(vars(o))
try:
    del o.attr
except AttributeError as e:
    print("AttributeError:", e)

p, q, r = [1, 2, 3], {"k": 0}, 9
del p[0], q["k"], r
print(p, q, "r" in dir())
xs = [[1, 2], [3, 4]]
del xs[0][1], xs[1]
print(xs)
(s, t) = 1, 2
del (s, t)
print("s" in globals(), "t" in globals())
try:
    del (1, 2)[0]
except TypeError as e:
    print("TypeError:", e)


def local_del():
    v = 5
    del v
    try:
        return v
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)


print(local_del())
for item in range(2):
    pass
del item
print("item" in globals())
