class Version:
    def __init__(self, major, minor):
        self.key = (major, minor)
    def __lt__(self, other):
        return self.key < other.key
    def __eq__(self, other):
        return self.key == other.key
    def __repr__(self):
        return "v%d.%d" % self.key
vs = [Version(1, 2), Version(0, 9), Version(1, 0)]
print(sorted(vs), min(vs), max(vs), Version(1, 0) < Version(1, 1), Version(2, 0) > Version(1, 0))
print(Version(1, 1) == Version(1, 1), Version(1, 1) != Version(1, 2))
