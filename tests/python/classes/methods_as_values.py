class Greeter:
    def __init__(self, g):
        self.g = g
    def greet(self, name):
        return self.g + " " + name
h = Greeter("hi")
m = h.greet
print(m("a"), Greeter.greet(h, "b"), list(map(h.greet, ["x", "y"])))
ops = {"up": str.upper, "len": len}
print(ops["up"]("abc"), ops["len"]("abcd"))
