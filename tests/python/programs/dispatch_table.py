class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement")
class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
shapes = [Square(2), Circle(1), Square(1.5)]
print([round(s.area(), 3) for s in shapes])
print(sum([s.area() for s in shapes if isinstance(s, Square)]))
try:
    Shape().area()
except NotImplementedError as e:
    print("NotImplementedError:", e)
