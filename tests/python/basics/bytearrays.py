# bytearray: construction, mutation (items, slices, methods), repr, comparisons
ba = bytearray(b"hello")
print(ba, bytearray(), bytearray(3), bytearray([1, 2, 3]), bytearray("é", "utf-8"), len(ba))
ba[0] = ord("J")
ba[-1] = 33
print(ba, ba[0], ba[1:3], type(ba[1:3]).__name__)
ba.append(63)
ba.extend(b"..")
ba.extend([65, 66])
ba.extend(bytearray(b"!"))
print(ba)
ba[1:3] = b"EE"
print(ba)
ba[1:3] = b""
print(ba)
ba[0:0] = [120, 121]
print(ba)
ba[::2] = b"#" * len(ba[::2])
print(ba)
del ba[0]
del ba[-2:]
del ba[::3]
print(ba)
print(ba.pop(), ba.pop(0), ba)
ba.insert(0, 90)
ba.insert(100, 89)
ba.insert(-1, 88)
ba.remove(90)
print(ba)
c = ba.copy()
c.reverse()
print(c, ba, c is ba)
c.clear()
print(c, len(c), bool(c))
x = bytearray(b"ab")
y = x
x += b"cd"
x *= 2
print(x, y, x is y, x + b"!", b"!" + x, type(b"!" + x).__name__)
print(bytearray(b"abc") == b"abc", bytearray(b"a") < b"b", bytearray(b"a b").split(), bytearray(b"xyz").upper())
print(bytearray(b"abc").decode(), bytearray.fromhex("41 42"), bytearray(b"a\x00").hex(), list(bytearray(b"hi")))
def set_item(index, value):
    ba[index] = value

for bad in [lambda: set_item(0, 256), lambda: set_item(0, "a"), lambda: ba.append(-1),
            lambda: bytearray().pop(), lambda: ba.remove(255), lambda: hash(ba),
            lambda: set_item(slice(0, 4, 2), b"xyz"), lambda: set_item(slice(0, 1), 5),
            lambda: ba.extend("str"), lambda: ba.extend(5), lambda: ba[50]]:
    try:
        bad()
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
