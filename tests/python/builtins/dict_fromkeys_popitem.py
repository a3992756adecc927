# dict.fromkeys (on the class and on a dict) and dict.popitem (last inserted first, KeyError
# when empty).
print(dict.fromkeys("abc"), dict.fromkeys(["x", "y"], 0), {}.fromkeys(range(3), "v"))
d = dict.fromkeys("ab", [])
d["a"].append(1)
print(d)
d = {"one": 1, "two": 2, "three": 3}
print(d.popitem(), d)
d["four"] = 4
print(d.popitem(), d.popitem(), d.popitem(), d)
try:
    d.popitem()
except KeyError as e:
    print("KeyError:", e)
