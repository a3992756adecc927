def f():
    out = []
    for i in range(5):
        try:
            if i % 2:
                continue
            out.append(i)
        finally:
            out.append("f")
    return out
print(f())
def g():
    try:
        return "try"
    finally:
        print("finally before return")
print(g())
