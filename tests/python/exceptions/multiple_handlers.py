def classify(x):
    try:
        if x == 0:
            raise ValueError("v")
        if x == 1:
            raise TypeError("t")
        if x == 2:
            raise KeyError("k")
        return "none"
    except ValueError as e:
        return "value " + str(e)
    except (TypeError, KeyError) as e:
        return "type-or-key " + type(e).__name__
for i in range(4):
    print(classify(i))
try:
    raise RuntimeError("boom")
except Exception as e:
    print("generic", type(e).__name__, e.args)
