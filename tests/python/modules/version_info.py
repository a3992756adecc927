# sys.version_info: a struct sequence (named fields, a tuple, compares with tuples)
import sys

vi = sys.version_info
print(vi.major, vi.minor, vi.releaselevel, vi.serial, vi[0], vi[1], vi[-1], vi[:2], vi[3:])
print(vi >= (3, 8), vi < (3, 12), vi > (3,), vi[:2] == (3, 11), (3, 11) <= vi, vi != (3, 11))
print(type(vi).__name__, type(vi).__module__, isinstance(vi, tuple), len(vi), vi.n_fields)
print(repr(vi).startswith("sys.version_info(major=3, minor=11, micro="), str(vi).endswith("releaselevel='final', serial=0)"))
major, minor, *rest = vi
print(major, minor, len(rest), vi.count(0) >= 1, tuple(vi)[:2], list(vi)[0], hash(vi) == hash(tuple(vi)))
print("%d.%d" % vi[:2], "{}.{}".format(*vi), f"{vi.major}.{vi.minor}")
if sys.version_info < (3, 0):
    print("python 2")
else:
    print("python 3")
try:
    vi.major = 4
except (AttributeError, TypeError) as e:
    print(type(e).__name__)
try:
    print(vi.nope)
except AttributeError as e:
    print("AttributeError")
