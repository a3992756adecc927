f = lambda x: x.upper()
print(f("ok"))
print(f(3))
