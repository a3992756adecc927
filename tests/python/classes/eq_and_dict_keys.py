class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"P({self.x}, {self.y})"
p1, p2 = Point(1, 2), Point(1, 2)
print(p1 == p2, p1 is p2, p1 != p2, p1 == p1)
d = {p1: "first"}
print(d[p1], p2 in d, len({p1: 1, p2: 2}))
