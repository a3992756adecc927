# int.to_bytes / int.from_bytes with byte orders and signed, struct-free checksum over bytes
for n in [0, 1, 255, 256, 65535, 2 ** 32 - 1]:
    print(n, n.to_bytes(4, "big"), n.to_bytes(4, "little"), int.from_bytes(n.to_bytes(4, "big"), "big"))
for n in [-1, -128, -129, 127, -(2 ** 31)]:
    b = n.to_bytes(4, "big", signed=True)
    print(n, b, b.hex(), int.from_bytes(b, "big", signed=True), int.from_bytes(b, "big"))
print(int.from_bytes(b"\x01\x00", "little"), int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"", "big"))
print(int.from_bytes([1, 2, 3], "big"), int.from_bytes(bytearray(b"\xff\xff"), "little", signed=True))
big = 2 ** 100 + 12345
b = big.to_bytes(16, "big")
print(b.hex(), int.from_bytes(b, "big") == big, (big.bit_length() + 7) // 8)
def checksum(data):
    total = 0
    for byte in data:
        total = (total * 31 + byte) & 0xFFFFFFFF
    return total
print(checksum(b"hello world"), checksum(bytearray(range(256))), checksum(b""))
for args in [(256, 1, "big"), (-1, 1, "big")]:
    try:
        args[0].to_bytes(args[1], args[2])
    except OverflowError as e:
        print("OverflowError:", e)
print((1024).to_bytes(2, byteorder="little"), (5).to_bytes(1, "big", signed=True))
