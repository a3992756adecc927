# __init_subclass__ (an implicit classmethod, with the class statement's keywords) and
# __set_name__ at class creation.

class Plugin:
    registry = []

    def __init_subclass__(cls, name=None, **kwargs):
        print("init_subclass", cls.__name__, name, sorted(kwargs.items()))
        super().__init_subclass__()
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls)


class Csv(Plugin, name="csv"):
    pass


class Json(Plugin):
    pass


class Strict(Json, name="strict", level=2):
    pass


print([c.plugin_name for c in Plugin.registry])
print(Strict.plugin_name, Json.plugin_name)
print(hasattr(Plugin, "plugin_name"))


# Only the parents' hook runs, not the class's own.
class Own:
    def __init_subclass__(cls):
        print("Own hook for", cls.__name__)


class Child(Own):
    def __init_subclass__(cls):
        print("Child hook for", cls.__name__)
        super().__init_subclass__()


class Grandchild(Child):
    pass


# object.__init_subclass__ takes no keywords.
try:
    class Bad(flag=True):
        pass
except TypeError as e:
    print("TypeError:", e)


class Base:
    def __init_subclass__(cls, /, required, **rest):
        cls.required = required


try:
    class Missing(Base):
        pass
except TypeError as e:
    print("TypeError:", e)


class Field:
    def __init__(self):
        self.owner = None
        self.name = None

    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.owner = owner
        self.name = name


class Model:
    first = Field()
    second = Field()
    plain = 3


print(Model.first.name, Model.second.name, Model.second.owner is Model)


# __set_name__ runs before __init_subclass__, and not for attributes set later.
class Tracked:
    def __init_subclass__(cls):
        print("init_subclass sees", cls.field.name)


class Record(Tracked):
    field = Field()


late = Field()
Record.other = late
print(late.name)


# A value shared under two names gets both calls, in order.
shared = Field()


class Twice:
    a = shared
    b = shared


print(shared.name)


# A class whose __set_name__ raises: the error surfaces from the class statement.
class Broken:
    def __set_name__(self, owner, name):
        raise ValueError("no names for " + name)


try:
    class UsesBroken:
        attr = Broken()
except RuntimeError as e:
    print("RuntimeError:", e)
    print(type(e.__cause__).__name__, e.__cause__)


# object.__init_subclass__ is a class method taking nothing.
print(hasattr(Model, "__init_subclass__"), Model.__init_subclass__())
try:
    Model.__init_subclass__(1)
except TypeError as e:
    print("TypeError:", e)
