# bytearray mutation: item and slice assignment, append/extend/insert/pop/remove/reverse/clear, +=
ba = bytearray(b"hello")
print(ba, len(ba), ba[0], repr(ba))
ba[0] = 74
print(ba)
ba.append(33)
ba.extend(b"??")
ba.extend([65, 66])
print(ba)
ba.insert(0, 62)
ba.insert(-1, 95)
print(ba)
print(ba.pop(), ba.pop(0), ba)
ba.remove(ord("?"))
print(ba)
ba.reverse()
print(ba)
ba[1:3] = b"XYZW"
print(ba)
ba[::2] = bytes(len(ba[::2]))
print(ba)
del ba[0:4]
print(ba)
del ba[::2]
print(ba)
ba += b"++"
ba *= 2
print(ba, len(ba))
ba[-1:] = []
print(ba, ba.count(b"+"), ba.find(b"+"), ba.index(ord("+")))
c = ba.copy()
c.clear()
print(c, ba == bytearray(ba), bytearray(3), bytearray([1, 2]), bytearray("é", "utf-8"))
print(bytes(ba), ba.upper(), ba.replace(b"+", b"-"), ba.decode("latin-1"))
for bad in [lambda: ba.remove(200), lambda: bytearray().pop()]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
