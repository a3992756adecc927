# the sys module: argv, path, modules, streams, exit, the recursion limit, facts
import sys

print(len(sys.argv), sys.argv[0].endswith("sys_module.py"))
print(type(sys.path).__name__, isinstance(sys.path[0], str), sys.path[0] != "")
print(type(sys.modules).__name__, "sys" in sys.modules, "builtins" in sys.modules)
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, sys.byteorder, sys.platform)
print(sys.version_info[0], sys.version_info[:2] >= (3, 8), sys.version.startswith("3."))
print(sys.implementation.name in ("cpython", "jitpy"))
n = sys.stdout.write("written by sys.stdout.write\n")
print(n)
sys.stdout.flush()
print("to stdout", file=sys.stdout)
print(repr(sys.stdout).startswith("<_io.TextIOWrapper name='<stdout>'"))
sys.stderr.write("to stderr\n")
print("also to stderr", 42, file=sys.stderr, sep=":")
sys.stderr.flush()


class Collector:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)


c = Collector()
print("into", "an object", file=c)
print(c.parts)

# The recursion limit is enforced.
print(sys.getrecursionlimit())
sys.setrecursionlimit(120)
print(sys.getrecursionlimit())


def depth(n):
    return depth(n + 1)


try:
    depth(0)
except RecursionError as e:
    print("RecursionError:", e)
sys.setrecursionlimit(1000)
for bad in [0, -5, 2.5, "x"]:
    try:
        sys.setrecursionlimit(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)


def deep(n):
    if n == 0:
        try:
            sys.setrecursionlimit(20)
        except RecursionError as e:
            return "too low"
        return "set"
    return deep(n - 1)


print(deep(40))
print(sys.getrecursionlimit())
try:
    sys.exit(4)
except SystemExit as e:
    print("SystemExit", e.args)
try:
    sys.exit()
except SystemExit as e:
    print("SystemExit", e.args)
sys.exit("goodbye")
