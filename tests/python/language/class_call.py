# classes: __call__ makes instances callable; callable(); counters and memoizers as objects
class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return f"call #{self.calls} args={args} kwargs={sorted(kwargs.items())}"


c = Counter()
print(c())
print(c(1, 2, key="v"))
print(c.calls, callable(c), callable(Counter), callable(5), callable(len))


class Memo:
    def __init__(self, fn):
        self.fn = fn
        self.cache = {}

    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.fn(n)
        return self.cache[n]


@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(60), len(fib.cache), type(fib).__name__)


class Adder:
    def __init__(self, n):
        self.n = n

    def __call__(self, x):
        return x + self.n


print(list(map(Adder(10), [1, 2, 3])), sorted([3, 1, 2], key=Adder(-1)))


class NotCallable:
    pass


try:
    NotCallable()()
except TypeError as e:
    print("TypeError:", e)


class CallViaClassAttr:
    pass


obj = CallViaClassAttr()
obj.__call__ = lambda: "instance attribute"
try:
    obj()
except TypeError:
    print("TypeError: __call__ on the instance is not used")
CallViaClassAttr.__call__ = lambda self: "class attribute"
print(obj())
