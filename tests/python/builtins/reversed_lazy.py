# reversed() of lists and dicts is lazy: it reads the container at each step, and a dict
# whose size changes raises as CPython's
l = [1, 2, 3]
r = reversed(l)
l.append(4)
print(list(r))
l = [1, 2, 3, 4]
r = reversed(l)
print(next(r))
l.pop(); l.pop()
print(list(r), list(r))
l = [1, 2, 3]
r = reversed(l)
l.clear()
print(list(r))
l = [1, 2, 3]
out = []
for x in reversed(l):
    out.append(x)
    if x == 2:
        l[0] = 100
print(out)
print(list(reversed([])), next(reversed([5]), None))
l = [1, 2]
r = reversed(l)
print(next(r), next(r), next(r, "end"))
l.extend([7, 8])
print(next(r, "still end"))
d = {1: 1, 2: 2}
try:
    for k in reversed(d):
        d[k + 10] = 0
except RuntimeError as e:
    print("RuntimeError", e)
d = {"a": 1, "b": 2, "c": 3}
r = reversed(d.items())
print(next(r))
d["b"] = 20
print(list(r))
r = reversed(d.values())
del d["c"]
try:
    next(r)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    next(r)
except RuntimeError as e:
    print("RuntimeError again", e)
d = {i: i for i in range(6)}
for k in [0, 2, 4]:
    del d[k]
d[10] = 10
print(list(reversed(d)), list(reversed(d.values())), list(reversed(d.items()))[:2])
r = reversed(d.keys())
print(list(r), list(r))
