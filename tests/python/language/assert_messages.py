# assert: passing asserts, failing ones caught with their messages, lazy message evaluation
def check(value):
    try:
        assert value > 0, f"expected positive, got {value}"
        return "ok"
    except AssertionError as e:
        return f"AssertionError: {e} args={e.args}"


print(check(5), check(-2))
try:
    assert 1 == 2
except AssertionError as e:
    print("no message:", repr(e), e.args)

evaluated = []


def msg():
    evaluated.append("msg")
    return "lazy"


assert True, msg()
print("message evaluated when passing:", evaluated)
try:
    assert [], msg()
except AssertionError as e:
    print("empty list fails:", e, evaluated)

try:
    assert False, ("tuple", 2)
except AssertionError as e:
    print("tuple message:", e.args, e.args[0])

try:
    assert None, 42
except AssertionError as e:
    print("int message:", repr(e))


class Custom:
    def __repr__(self):
        return "Custom()"


try:
    assert 0, Custom()
except AssertionError as e:
    print("object message:", e.args[0], str(e))


def positive_sqrt(x):
    assert isinstance(x, (int, float)), "need a number"
    assert x >= 0, "need a non-negative number"
    return x ** 0.5


for arg in [16, -1, "4"]:
    try:
        print(positive_sqrt(arg))
    except AssertionError as e:
        print("rejected", repr(arg), "->", e)
print(isinstance(AssertionError(), Exception), AssertionError.__mro__[1].__name__)
