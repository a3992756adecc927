# classes: instance attributes shadow class attributes, shared mutable class attributes, bound methods
class Widget:
    kind = "widget"
    registry = []
    count = 0

    def __init__(self, name):
        self.name = name
        self.registry.append(name)  # mutates the shared class list
        Widget.count += 1

    def describe(self):
        return f"{self.kind} {self.name}"


a, b = Widget("a"), Widget("b")
print(a.describe(), b.describe(), Widget.registry, Widget.count)
a.kind = "special"
print(a.describe(), b.describe(), Widget.kind, "kind" in vars(a), "kind" in vars(b))
Widget.kind = "gadget"
print(a.describe(), b.describe())
del a.kind
print(a.describe())

a.count += 10  # reads the class attribute, writes an instance attribute
print(a.count, b.count, Widget.count)

a.describe = lambda: "instance function, no self"
print(a.describe(), b.describe())
m = b.describe
b.name = "renamed"
print(m(), type(m).__name__)
print(Widget.describe(a), Widget.describe(b))


class Child(Widget):
    kind = "child"


c = Child("c")
print(c.describe(), Child.registry is Widget.registry, Child.count, Widget.count)
Child.count = 100
print(Child.count, Widget.count, c.count)
print(getattr(c, "missing", "default"), hasattr(Child, "describe"))
