class Bag:
    def __init__(self):
        self.items = {}
    def __setitem__(self, key, value):
        self.items[key] = value
    def __getitem__(self, key):
        return self.items[key]
    def __delitem__(self, key):
        del self.items[key]
    def __contains__(self, key):
        return key in self.items
    def __len__(self):
        return len(self.items)
    def __iter__(self):
        return iter(sorted(self.items))
b = Bag()
b["x"] = 1; b["a"] = 2
print(b["x"], "a" in b, "z" in b, len(b), list(b))
del b["x"]
print(len(b), [k for k in b])
