# sorted / list.sort with key and reverse; stability; sorting tuples and mixed keys
people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 22), ("frank", 25)]
print(sorted(people))
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (-p[1], p[0])))
by_name = sorted(people, key=lambda p: p[0])
print(sorted(by_name, key=lambda p: p[1]))
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
nums = [5, -3, 2, -8, 0, 7, -1]
print(sorted(nums, key=abs), sorted(nums, key=lambda x: x % 3), sorted(nums, reverse=True))
lst = list(nums)
lst.sort(key=lambda x: -x)
print(lst, lst.sort() is None, lst)
print(sorted("hello"), sorted((3, 1, 2)), sorted({"b": 1, "a": 2}), sorted({3, 1, 2}), sorted(range(5, 0, -1)))
print(sorted([[2, 1], [1, 2], [1], [], [2]]), sorted([(1, "b"), (1, "a"), (0, "z")]))
print(sorted([], key=len), sorted([1]), sorted([2, 1], key=None))
class Item:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return "Item(%d)" % self.v
print(sorted([Item(3), Item(1), Item(2)]), max([Item(3), Item(5)]), min(Item(4), Item(2)))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
