# decorators: class decorators adding methods and wrapping __init__, a decorator replacing a class
def add_repr(cls):
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{cls.__name__}({fields})"
    cls.__repr__ = __repr__
    return cls


def count_instances(cls):
    cls.count = 0
    original_init = cls.__init__

    def __init__(self, *args, **kwargs):
        cls.count += 1
        original_init(self, *args, **kwargs)
    cls.__init__ = __init__
    return cls


@add_repr
@count_instances
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


print(Point(1, 2), Point("a", None), Point.count)


def singleton(cls):
    return cls()


@singleton
class Settings:
    debug = True


print(type(Settings).__name__, Settings.debug)


def with_version(n):
    def decorate(cls):
        cls.version = n
        return cls
    return decorate


@with_version(3)
class Api:
    pass


class V2(Api):
    pass


print(Api.version, V2.version, Api.__name__)
