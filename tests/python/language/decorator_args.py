# decorators: decorators taking arguments (decorator factories), applied to functions and methods
def repeat(times):
    def decorate(fn):
        def wrapper(*args, **kwargs):
            return [fn(*args, **kwargs) for _ in range(times)]
        return wrapper
    return decorate


@repeat(3)
def greet(name):
    return "hi " + name


print(greet("ann"))


def tag(name, **attrs):
    def decorate(fn):
        def wrapper(*args):
            extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
            return f"<{name}{extra}>{fn(*args)}</{name}>"
        return wrapper
    return decorate


@tag("b")
@tag("a", href="/x", title="t")
def link(text):
    return text


print(link("click"))


def validate(**types):
    def decorate(fn):
        def wrapper(**kwargs):
            for key, kind in types.items():
                if not isinstance(kwargs.get(key), kind):
                    raise TypeError(f"{key} must be {kind.__name__}")
            return fn(**kwargs)
        return wrapper
    return decorate


@validate(x=int, label=str)
def show(x, label):
    return f"{label}={x}"


print(show(x=3, label="n"))
try:
    show(x="3", label="n")
except TypeError as e:
    print("TypeError:", e)


def times(n):
    return lambda fn: lambda x: fn(x) * n


class Calc:
    @times(10)
    def value(x):
        return x + 1


print(Calc.value(4))
registry = {}


def register(key):
    def decorate(fn):
        registry[key] = fn
        return fn
    return decorate


@register("double")
def double(x):
    return 2 * x


print(registry["double"](21), registry["double"] is double)
