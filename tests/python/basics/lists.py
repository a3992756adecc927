l = [3, 1, 2]
l.append(5); l.insert(0, 9); l.extend([7, 8])
print(l, len(l), l.index(2), l.count(7), 2 in l, 10 in l)
l.sort(); print(l)
l.sort(reverse=True); print(l)
l.reverse(); print(l)
print(l.pop(), l.pop(0), l)
l.remove(3); print(l)
m = l.copy(); m[0] = 100; print(l, m)
print([1, 2] + [3], [0] * 4, sorted([5, 2, 8], reverse=True), sorted(["b", "a", "c"]))
l2 = [1, 2, 3, 4, 5, 6]
l2[1:3] = [20, 30, 40]; print(l2)
del l2[0]; print(l2)
del l2[::2]; print(l2)
print([[1, 2], [3]], [] == [], [1, 2] < [1, 3], max([4, 9, 2]), min([4, 9, 2]), sum([1, 2, 3]))
l3 = [1]
l3 += [2, 3]; l3 *= 2; print(l3)
l3.clear(); print(l3)
