class Box:
    def __init__(self):
        self.a = 1
        self.b = "two"
b = Box()
print(b.__dict__)
b.c = [3]
print(b.__dict__, getattr(b, "a"), hasattr(b, "zz"))
setattr(b, "d", 4)
print(b.d)
delattr(b, "a")
print(b.__dict__)
