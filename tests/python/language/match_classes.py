# Class patterns: isinstance checks, keyword sub-patterns (attributes), positional
# sub-patterns through __match_args__, the built-in types that match their subject
# positionally, and the TypeErrors CPython raises.


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point3(x=0, y=0, z=z):
            return f"on the z axis at {z}"
        case Point(0, y):
            return f"on the y axis at {y}"
        case Point(x, 0):
            return f"on the x axis at {x}"
        case Point(x=x, y=y) if x == y:
            return f"on the diagonal at {x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"


for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2),
          Point3(0, 0, 7), Point3(0, 0, 0), Point3(1, 1, 1), (0, 0), None]:
    print(type(p).__name__, "->", where(p))


# Built-in types: one positional sub-pattern matches the subject itself.
def kind(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i) if i < 0:
            return f"negative int {i}"
        case int(i):
            return f"int {i}"
        case float(f):
            return f"float {f}"
        case str() as s if not s:
            return "empty str"
        case str(s):
            return f"str {s!r}"
        case bytes(b) | bytearray(b):
            return f"binary {b!r}"
        case list([x, *_]):
            return f"list starting with {x}"
        case tuple((a, b)):
            return f"pair {a} {b}"
        case dict({"k": v}):
            return f"dict with k={v}"
        case set(s) | frozenset(s):
            return f"set of {len(s)}"
        case _:
            return f"other {type(v).__name__}"


for v in [True, -3, 7, 2.5, "", "hi", b"b", bytearray(b"ba"), [9, 8], [], (1, 2),
          (1, 2, 3), {"k": 0}, {1, 2}, frozenset(), 1j, None]:
    print(repr(v), "->", kind(v))


# A class's own __match_args__ names the attributes positional sub-patterns match.
class Named:
    __match_args__ = ("upper_form",)

    def __init__(self, text):
        self.text = text

    @property
    def upper_form(self):
        return self.text.upper()


match Named("abc"):
    case Named(u):
        print("Named via __match_args__:", u)


# Missing attributes make the pattern fail; other errors propagate.
class Partial:
    __match_args__ = ("a", "b")

    def __init__(self):
        self.a = 1


match Partial():
    case Partial(1, b):
        print("has b", b)
    case Partial(a):
        print("only a", a)


class Raising:
    @property
    def boom(self):
        raise KeyError("boom")


try:
    match Raising():
        case Raising(boom=_):
            print("no")
except KeyError as e:
    print("KeyError", e)


# Attributes are looked up in order, left to right, then keywords.
class Logged:
    __match_args__ = ("first", "second")

    def __getattr__(self, name):
        print("  looking up", name)
        if name == "missing":
            raise AttributeError(name)
        return name.upper()


match Logged():
    case Logged("FIRST", "SECOND", third="THIRD", missing=_):
        print("no")
    case Logged(a, b, extra=c):
        print(a, b, c)


# Class pattern errors.
def attempt(label, function):
    try:
        function()
    except TypeError as e:
        print(label, "TypeError:", e)


def not_a_class():
    match 1:
        case len():
            pass


def too_many():
    match Point(1, 2):
        case Point(1, 2, 3):
            pass


def too_many_self():
    match 3:
        case int(3, 4):
            pass


def object_positional():
    match object():
        case object(1):
            pass


def repeated():
    match Point(1, 2):
        case Point(1, x=1):
            pass


class BadArgs:
    __match_args__ = ["x"]


def bad_match_args():
    match BadArgs():
        case BadArgs(1):
            pass


class BadName:
    __match_args__ = (1,)


def bad_name():
    match BadName():
        case BadName(1):
            pass


attempt("not a class", not_a_class)
attempt("too many", too_many)
attempt("too many self", too_many_self)
attempt("object positional", object_positional)
attempt("repeated", repeated)
attempt("bad __match_args__", bad_match_args)
attempt("bad name", bad_name)

# With no sub-patterns, a class pattern is an isinstance check.
match "text":
    case str():
        print("str() with no sub-patterns matches any str")

match object():
    case object():
        print("object() matches")


# Keyword sub-patterns work on any attribute, including methods and class attributes.
class Box:
    kind = "box"

    def size(self):
        return 3


match Box():
    case Box(kind="box", size=method):
        print("method result", method())
