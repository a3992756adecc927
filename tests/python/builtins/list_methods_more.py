# list methods: append/extend/insert/remove/pop/index/count/sort/reverse/copy/clear and in-place ops
a = [3, 1, 4, 1, 5]
a.append(9)
a.extend((2, 6))
a.extend("ab")
print(a)
a.insert(0, "first")
a.insert(100, "last")
a.insert(-1, "penult")
a.insert(-100, "front")
print(a)
a.remove(1)
print(a, a.pop(), a.pop(0), a.pop(-2), a)
print(a.index(4), a.index(1), a.count(1), a.count("zz"))
nums = [n for n in a if isinstance(n, int)]
nums.sort()
print(nums)
nums.reverse()
print(nums)
b = nums.copy()
b.append(0)
print(nums, b, b is nums, b == nums + [0])
c = nums
c += [7]
c *= 2
print(nums, c is nums)
c.clear()
print(nums, len(nums))
x = [1, 2, 3, 2, 1]
print(x.index(2), x[::-1] == x, x * 0, [[0]] * 2)
for bad in [lambda: x.remove(9), lambda: x.index(9), lambda: [].pop(), lambda: x.pop(10)]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
