t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:], (1,), (), t + (4,), t * 2, t.index(2), t.count(1))
a, b, c = t
print(a, b, c)
a, b = b, a
print(a, b)
x, *rest = [1, 2, 3, 4]
*init, last = "abcd"
first, *mid, end = range(5)
print(x, rest, init, last, first, mid, end)
print((1, 2) == (1, 2), (1, 2) < (1, 3), (2,) > (1, 5), tuple([1, 2]), tuple("ab"))
nested = ((1, 2), (3, 4))
for p, q in nested:
    print(p + q)
