x = "global"
class C:
    x = "class"
    y = x + "!"
    def method(self):
        return x
    items = [x for _ in range(2)]
print(C.y, C().method(), C.items)
def f():
    x = "local"
    class D:
        z = x
    return D.z
print(f())
