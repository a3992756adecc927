# try/finally: break and continue through finally in loops, nested finally blocks, except then finally
def loop_flow():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(f"f{i}")
    return out


print(loop_flow())


def value_captured():
    x = 1
    try:
        return x
    finally:
        x = 2
        print("  x changed to", x, "after return value was computed")


print(value_captured())


def nested():
    try:
        try:
            return "inner"
        finally:
            print("  inner finally")
    finally:
        print("  outer finally")


print(nested())


def while_finally():
    n = 0
    while True:
        try:
            n += 1
            if n < 3:
                continue
            break
        finally:
            print("  finally n =", n)
    return n


print(while_finally())


def except_then_finally():
    try:
        {}["k"]
    except KeyError:
        return "from except"
    finally:
        print("  finally after except return")


print(except_then_finally())


def finally_raises():
    try:
        return 1
    finally:
        raise RuntimeError("finally error replaces return")


try:
    finally_raises()
except RuntimeError as e:
    print("RuntimeError:", e)
