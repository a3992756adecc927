# int.to_bytes and int.from_bytes: byte orders, signed values, lengths, errors
print((1024).to_bytes(2, 'big'), (1024).to_bytes(4, byteorder='little'), (-1).to_bytes(2, 'big', signed=True), (255).to_bytes())
print(int.from_bytes(b'\x04\x00', 'big'), int.from_bytes(b'\xff\xff', 'little', signed=True), int.from_bytes([1,2]), int.from_bytes(b''))
for f in [lambda: (256).to_bytes(1, 'big'), lambda: (-1).to_bytes(1, 'big'), lambda: (1).to_bytes(1, 'middle'), lambda: (1).to_bytes(-1, 'big'), lambda: int.from_bytes('ab', 'big'), lambda: (128).to_bytes(1, 'big', signed=True)]:
    try: f()
    except Exception as e: print(type(e).__name__, e)
print((2**70).to_bytes(10, 'little'), int.from_bytes(b'\x01'*12, 'big'), True.to_bytes(1,'big'), (0).to_bytes(0, 'big'), (-128).to_bytes(1, 'big', signed=True))
print(int.from_bytes(b'\x80', 'big', signed=True), (5).from_bytes(b'\x07', 'little'), (-2**70).to_bytes(10, 'big', signed=True).hex())
for n in [0, 1, 255, 256, 65535, -1, -256, 2**63, -2**63, 2**100 + 7]:
    size = (n.bit_length() + 8) // 8
    for order in ("big", "little"):
        data = n.to_bytes(size, order, signed=True)
        assert int.from_bytes(data, order, signed=True) == n
        print(n, order, data.hex(), int.from_bytes(data, byteorder=order))
