calls = []
def t(x):
    calls.append(x)
    return x
r = t(0) and t(1)
r2 = t(2) or t(3)
r3 = t(0) or t("") or t(None)
r4 = t(1) and t([]) and t(5)
print(r, r2, r3, r4, calls)
print(not t(0), calls[-1])
