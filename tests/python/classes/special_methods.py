class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __eq__(self, other):
        return isinstance(other, Vec) and self.x == other.x and self.y == other.y
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __len__(self):
        return 2
    def __bool__(self):
        return self.x != 0 or self.y != 0
v = Vec(1, 2) + Vec(3, 4)
print(v, v - Vec(1, 1), v * 2, 3 * v, v == Vec(4, 6), v != Vec(0, 0), len(v))
print(bool(Vec(0, 0)), bool(v), [Vec(1, 1)], str(v))
