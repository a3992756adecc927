def f():
    try:
        print("body")
        return "ret"
    finally:
        print("finally")
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("i", i)
        finally:
            print("fin", i)
    return "done"
print(g())
def h():
    try:
        raise ValueError("x")
    except ValueError:
        print("handled")
        return 1
    finally:
        print("cleanup")
print(h())
