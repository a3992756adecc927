# Bitwise operators of two bools give bools; with an int, ints; round() of a bool is an int.
for a in (False, True):
    for b in (False, True):
        print(a, b, a & b, a | b, a ^ b, a & 1, 1 | b, a ^ 3)
x = True
x &= False
y = False
y |= True
print(x, y, type(x).__name__, round(True), round(False, 2), type(round(True)).__name__)
print(True & 2, ~True, -True, True + True)
