# a tiny binary protocol: encode records into a bytearray, checksum, decode them back
def encode_record(name, value):
    data = name.encode("utf-8")
    out = bytearray()
    out.append(len(data))
    out.extend(data)
    out.extend(value.to_bytes(4, "big") if False else bytes([(value >> s) & 0xFF for s in (24, 16, 8, 0)]))
    return out

def checksum(data):
    total = 0
    for i, byte in enumerate(data):
        total = (total * 31 + byte * (i + 1)) % 65521
    return total

packet = bytearray()
for name, value in [("alpha", 1), ("βeta", 70000), ("gamma", 2**31 - 1), ("", 0)]:
    packet += encode_record(name, value)
print(len(packet), packet.hex())
print(checksum(packet), checksum(bytes(packet)), checksum(b""))

pos = 0
records = []
while pos < len(packet):
    n = packet[pos]
    name = packet[pos + 1:pos + 1 + n].decode()
    raw = packet[pos + 1 + n:pos + 5 + n]
    value = 0
    for byte in raw:
        value = value * 256 + byte
    records.append((name, value))
    pos += 5 + n
print(records)
packet[0] ^= 0xFF
print(checksum(packet), packet[:8], bytes(packet[:8]).hex(" ") if False else bytes(packet[:8]).hex())
print(b"|".join(r[0].encode() for r in records), sorted(set(packet))[:10])
