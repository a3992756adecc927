# A dict that changes size while a loop walks it raises RuntimeError (and its iterator keeps
# raising); changing values or re-setting keys does not; views too.
d = {"c": 0}
try:
    for k in d:
        d[k + "x"] = 0
except RuntimeError as e:
    print("RuntimeError:", e, len(d))
d = {"a": 1, "b": 2}
for k in d:
    d[k] = d[k] * 10
print(d)
it = iter(d)
next(it)
del d["b"]
for attempt in range(2):
    try:
        next(it)
    except RuntimeError as e:
        print("RuntimeError:", e)
d = {1: 1, 2: 2}
try:
    for k, v in d.items():
        d.pop(k)
except RuntimeError as e:
    print("RuntimeError:", e, d)
try:
    for v in d.values():
        d[v + 100] = v
except RuntimeError as e:
    print("RuntimeError:", e, sorted(d))
