# Keyword arguments given twice through `**`, non-string keys and non-mappings after `**`:
# CPython's TypeErrors name the callee (module-qualified for Python functions).


def attempt(thunk):
    try:
        print(thunk())
    except TypeError as e:
        print("TypeError:", e)


def f(**kwargs):
    return sorted(kwargs.items())


def g(a, b=0):
    return (a, b)


class C:
    def m(self, **kwargs):
        return sorted(kwargs)

    def __init__(self, **kwargs):
        self.kwargs = kwargs


attempt(lambda: f(**{"a": 1}, a=2))
attempt(lambda: f(a=1, **{"a": 2}))
attempt(lambda: f(**{"a": 1}, **{"a": 2}))
attempt(lambda: f(**{"a": 1}, b=2, **{"c": 3}, d=4))
attempt(lambda: f(**{"a": 1}, b=2, **{"c": 3}, c=4))
attempt(lambda: f(x=0, **{"a": 1}, **{"b": 2, "x": 5}))
attempt(lambda: f(*[], **{"a": 1}))
attempt(lambda: g(1, **{"a": 1}))
attempt(lambda: g(**{"a": 1}, a=2))
attempt(lambda: g(**{"a": 1, "b": 2}))
attempt(lambda: f(**{1: 2}))
attempt(lambda: f(**{"a": 1}, **{1: 2}))
attempt(lambda: f(**{1: 2}, **{1: 3}))
attempt(lambda: g(**{1: 2}))
attempt(lambda: f(**1))
attempt(lambda: f(**None))
attempt(lambda: f(**[("a", 1)]))
attempt(lambda: f(a=1, **"ab"))
attempt(lambda: C().m(**{"a": 1}, a=1))
attempt(lambda: C().m(**3))
attempt(lambda: C.m(C(), **{"q": 1}, q=2))
attempt(lambda: C(**{"k": 1}, k=2))
attempt(lambda: C(**{"k": 1}).kwargs)
attempt(lambda: print(**{"sep": "-"}, sep="+"))
attempt(lambda: print(**4))
attempt(lambda: dict(**{"a": 1}, a=2))
attempt(lambda: sorted([3, 1, 2], **{"reverse": True}))
attempt(lambda: sorted([3, 1, 2], **{"reverse": True}, reverse=False))
attempt(lambda: (lambda **kw: kw)(**{"z": 1}, **{"z": 2}))


def outer():
    def inner(**kw):
        return kw

    return inner


attempt(lambda: outer()(**{"p": 1}, p=1))

# A dict display allows duplicates (the last wins).
print({**{"a": 1}, "a": 2, **{"a": 3}})
print(dict({"a": 1}, **{"b": 2}))
# Evaluation order: every argument is evaluated before the duplicate is found.
order = []


def val(tag, v):
    order.append(tag)
    return v


attempt(lambda: f(**val("m1", {"a": 1}), b=val("b", 2), **val("m2", {"a": 3})))
print(order)


# Any object with keys() and [] is a mapping to `**`.
class Mapping:
    def keys(self):
        return ["m", "n"]

    def __getitem__(self, key):
        return key.upper()


attempt(lambda: f(**Mapping()))
attempt(lambda: f(m=0, **Mapping()))
attempt(lambda: f(**Mapping(), **{"n": 1}))


class NoKeys:
    def __getitem__(self, key):
        return key


attempt(lambda: f(**NoKeys()))
