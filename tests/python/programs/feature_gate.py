# choosing code paths by sys.version_info, as libraries do
import sys

FEATURES = [((3, 8), "walrus"), ((3, 9), "dict union"), ((3, 10), "match"), ((3, 11), "exception groups"),
            ((3, 12), "type statement"), ((3, 13), "free threading"), ((2, 7), "print function")]

available = [name for version, name in FEATURES if sys.version_info >= version]
missing = sorted(name for version, name in FEATURES if sys.version_info < version)
print(available)
print(missing)
by_major = {}
for version, name in FEATURES:
    by_major.setdefault(version[0] == sys.version_info.major, []).append(name)
print(by_major)
if sys.version_info[:2] == (3, 11) and sys.version_info.releaselevel == "final":
    print("3.11 final")
print(max(v for v, _ in FEATURES if v <= sys.version_info), min(sys.version_info[:2], (3, 9)))
