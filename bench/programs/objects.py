class Vec2:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def add(self, o):
        return Vec2(self.x + o.x, self.y + o.y)
    def dot(self, o):
        return self.x * o.x + self.y * o.y
acc = Vec2(0, 0)
step = Vec2(1, 2)
i = 0
d = 0
while i < 200000:
    acc = acc.add(step)
    d = d + acc.dot(step) % 1000
    i = i + 1
print(acc.x, acc.y, d)
