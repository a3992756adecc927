# decorators: stacking order (factories, application, calls), decorators returning non-functions, on methods
order = []


def deco(name):
    order.append(f"factory {name}")

    def apply(fn):
        order.append(f"apply {name}")

        def wrapper(*args):
            order.append(f"call {name}")
            return fn(*args)
        return wrapper
    return apply


@deco("outer")
@deco("inner")
def target():
    order.append("target body")
    return "result"


print(order)
order.clear()
print(target(), order)


def to_name(fn):
    return fn.__name__


@to_name
def some_function():
    pass


print(some_function, type(some_function).__name__)


def trace_method(fn):
    def wrapper(self, *args):
        print(f"  {type(self).__name__}.{fn.__name__}{args}")
        return fn(self, *args)
    return wrapper


class Account:
    def __init__(self):
        self.balance = 0

    @trace_method
    def deposit(self, amount):
        self.balance += amount
        return self.balance


acct = Account()
acct.deposit(5)
print(acct.deposit(7))
