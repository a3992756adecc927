# eval, exec and compile: expressions, statements, namespaces, code objects.
print(eval("1 + 2 * 3"))
print(eval("  [x * x for x in range(5)]"))
x = 10
print(eval("x + 1"))
print(eval("x + y", {"x": 1, "y": 2}))
print(eval("x + y", {"x": 1}, {"y": 5}))
print(exec("z = x * 2"))
print(z)

g = {"a": 3}
exec("b = a + 1\nc = [a, b]", g)
print(g["b"], g["c"], "__builtins__" in g, type(g["__builtins__"]).__name__)

g = {}
l = {}
exec("p = 1\nq = p + 1", g, l)
print(sorted(k for k in g if k != "__builtins__"), sorted(l.items()))

# Functions and classes defined inside exec.
ns = {}
exec("""
def square(n):
    return n * n

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

total = sum(square(i) for i in range(4))
""", ns)
print(ns["square"](7), ns["Point"](1, 2), ns["total"])
print(ns["square"].__name__, ns["Point"].__name__, ns["Point"].__module__ if "__name__" in ns else "-")

# Nested eval, eval inside exec.
print(eval("eval('1 + 1') * 10"))
exec("r = eval('x * 3')")
print(r)

# In a function: the caller's globals and a snapshot of its locals.
def f(k):
    m = k + 1
    print(eval("k + m"))
    exec("m = 100\nnew_name = 5")
    print(m)
    loc = {}
    exec("w = k * m", {"k": k, "m": m}, loc)
    print(loc)
    return eval("[k, m, x]")

print(f(4))

def writes_global():
    exec("global_from_exec = 'set'")
    return "global_from_exec" in globals()

print(writes_global())

# compile modes.
code = compile("3 ** 2", "<expr>", "eval")
print(type(code).__name__, eval(code), exec(code))
code = compile("s = 0\nfor i in range(5):\n    s += i\n", "loop.py", "exec")
scope = {}
print(exec(code, scope), scope["s"])
print(eval(code, {}))
code = compile("40 + 2", "<single>", "single")
exec(code)
exec(compile("'text'", "<single>", "single"))
exec(compile("None", "<single>", "single"))
print(eval(b"2 + 2"))
print(code.co_filename, code.co_name, compile("pass", "named.py", "exec").co_filename)

# Return values and namespaces.
print(eval("None"), exec("pass"))
print(eval("(lambda v: v * 2)(21)"))
print(eval("len(d)", {"d": {1: 2, 3: 4}}))
print(eval("__name__"), eval("__name__", {}, {}) if False else eval("__name__", {"__name__": "other"}))
counter = {"n": 0}
for i in range(3):
    exec("n += i", {"i": i}, counter)
print(counter)

# Errors.
for source in ["x = 1", "1 +", "(1, 2", "def"]:
    try:
        eval(source)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.filename)
try:
    exec("a = 1\nb = (")
except SyntaxError as e:
    print(e.msg, e.lineno, e.filename)
try:
    compile("if True\n    pass", "mine.py", "exec")
except SyntaxError as e:
    print(e.msg, e.lineno, e.filename)
try:
    eval("undefined_name")
except NameError as e:
    print(e)
try:
    exec("1 / 0")
except ZeroDivisionError as e:
    print("caught", e)
for bad in [lambda: eval(1), lambda: exec(1), lambda: eval("1", 1), lambda: exec("1", 1),
            lambda: eval("1", {}, 1), lambda: compile(1, "a", "exec"),
            lambda: compile("1", "a", "nope")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    exec("a\0b")
except SyntaxError as e:
    print(e.msg, e.lineno)
print(eval(compile("6 * 7", "flags.py", "eval", 0, True, -1)))
class C:
    exec("y = 5")
    z = eval("y + 1")
print(C.y, C.z)
