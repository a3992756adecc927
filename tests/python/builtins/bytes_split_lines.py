# parsing a small binary-ish record format with bytes operations
data = b"name=alice;age=30;tags=a,b,c\nname=bob;age=25;tags=\n\nname=carol;age=41;tags=x\n"
records = []
for line in data.split(b"\n"):
    if not line:
        continue
    rec = {}
    for field in line.split(b";"):
        key, _, value = field.partition(b"=")
        rec[key.decode()] = value
    records.append(rec)
for rec in records:
    tags = [t.decode() for t in rec["tags"].split(b",") if t]
    print(rec["name"].decode().title(), int(rec["age"].decode()), tags)
print(sum(int(r["age"].decode()) for r in records))
out = bytearray()
for rec in records:
    name = rec["name"]
    out += len(name).to_bytes(1, "big") + name
print(out, out.hex())
pos = 0
names = []
while pos < len(out):
    n = out[pos]
    names.append(bytes(out[pos + 1:pos + 1 + n]))
    pos += 1 + n
print(names, b"|".join(names).upper())
