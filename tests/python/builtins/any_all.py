# any / all: empty iterables, short-circuiting with generators, truthiness of various values
print(any([]), all([]), any([0, "", None]), all([1, "a", [0]]), any([0, 0.0, 1j]), all([1, 0]))
print(any("abc"), all(""), any({}), all({0: "x"}), any(range(0)), all(range(1, 5)))
seen = []
def check(x):
    seen.append(x)
    return x > 2
print(any(check(x) for x in [1, 2, 3, 4, 5]), seen)
seen.clear()
print(all(check(x) for x in [3, 4, 1, 5]), seen)
it = iter([0, 0, 1, 0, 2])
print(any(it), list(it))
it = iter([1, 1, 0, 1, 0])
print(all(it), list(it))
grid = [[1, 2], [3, 0], [5, 6]]
print(all(all(row) for row in grid), any(all(row) for row in grid), [all(r) for r in grid])
words = ["apple", "avocado", "apricot"]
print(all(w.startswith("a") for w in words), any(len(w) > 6 for w in words), any(w == "kiwi" for w in words))
class Falsy:
    def __bool__(self):
        return False
class Sized:
    def __len__(self):
        return 0
print(any([Falsy(), Sized()]), all([object(), Falsy()]), bool(Sized()))
