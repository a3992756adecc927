# classes: unary operators (__neg__, __pos__, __invert__), int() through __int__, and unary errors
class Num:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"Num({self.v})"

    def __neg__(self):
        return Num(-self.v)

    def __pos__(self):
        return Num(+self.v)

    def __invert__(self):
        return Num(~self.v)

    def __int__(self):
        return int(self.v)


n = Num(5)
print(-n, +n, ~n, -(-n), ~~n, -+-n)
print(int(n), int(Num(7.9)), [-x for x in [Num(1), Num(2)]])


class Flip:
    def __init__(self, on):
        self.on = on

    def __invert__(self):
        return Flip(not self.on)

    def __neg__(self):
        return "negated"


f = Flip(True)
print((~f).on, (~~f).on, -f, not f)


class Plain:
    pass


for op, fn in [("-", lambda x: -x), ("+", lambda x: +x), ("~", lambda x: ~x), ("abs", abs)]:
    try:
        fn(Plain())
    except TypeError as e:
        print("TypeError:", e)
try:
    [1, 2][Plain()]
except TypeError as e:
    print("TypeError:", e)
