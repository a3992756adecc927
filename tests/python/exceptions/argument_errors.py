def f(a, b, c=3):
    return a + b + c
def g(*, k):
    return k
calls = [lambda: f(1), lambda: f(1, 2, 3, 4), lambda: f(1, 2, d=4), lambda: f(1, 2, a=1),
         lambda: g(), lambda: g(1), lambda: f(), lambda: (lambda x, y, z: 0)(1)]
for c in calls:
    try:
        c()
    except TypeError as e:
        print(e)
