# evaluation order: call arguments, displays, subscripts and augmented assignments go left to right
log = []


def v(label, value=None):
    log.append(label)
    return label if value is None else value


def show(title):
    print(title, log)
    log.clear()


def f(*args, **kwargs):
    return args, kwargs


f(v("a"), v("b"), k=v("c"), *[v("d")])
show("call args:")
[v("x"), v("y"), (v("z"), v("w"))]
show("list and tuple:")
{v("k1"): v("v1"), v("k2"): v("v2")}
show("dict display:")
d = {}
d[v("key")] = v("value")
show("subscript assignment (value first):")
lst = [0, 0]
lst[v("index", 1)] += v("inc", 5)
show("augmented subscript:")
print(lst)
a = b = v("shared")
show("chained assignment:")
v("left", 1) + v("right", 2) * v("third", 3)
show("binary operators:")
v("obj", lst)[v("i", 0)]
show("subscript load:")
x = v("cond", True) and v("second", 0) or v("third")
show("and/or:")
v("func", f)(v("arg"))
show("callee before args:")


class Obj:
    pass


o = Obj()
v("target", o).attr = v("rhs")
show("attribute assignment (value first):")
p, q = v("p"), v("q")
show("tuple assignment:")
print(o.attr, p, q, x)
