class Base(Exception):
    code = 1
class Child(Base):
    code = 2
class GrandChild(Child):
    pass
for cls in [Base, Child, GrandChild]:
    try:
        raise cls("msg")
    except Child as e:
        print("Child handler", type(e).__name__, e.code)
    except Base as e:
        print("Base handler", type(e).__name__, e.code)
print([c.__name__ for c in GrandChild.__mro__])
