# assignment expressions: walrus in while loops, if conditions, calls, displays and nested functions
data = [3, 8, 1, 9, 4]
it = iter(data)
while (item := next(it, None)) is not None:
    if item > 5:
        print("big", item)
print("last item:", item)

chunks = []
source = list(range(10))
while chunk := source[:3]:
    chunks.append(chunk)
    source = source[3:]
print(chunks)

if (n := len(data)) > 3:
    print(f"long list of {n}")

print((z := 10) + z, z)
stats = {"count": (c := len(data)), "mean": sum(data) / c}
print(stats)
print([a := 1, a + 1, (b := a * 10), b + 1])


def scan(text):
    words = []
    while (space := text.find(" ")) != -1:
        words.append(text[:space])
        text = text[space + 1:]
    words.append(text)
    return words, space


print(scan("the quick brown fox"))


def reads(values):
    total = 0
    while (v := values.pop()) != 0:
        total += v
    return total, values


print(reads([0, 5, 6, 7]))
line = "key=value"
if (eq := line.find("=")) > 0 and (key := line[:eq]):
    print("key:", key, "value:", line[eq + 1:])
print(max(x := 3, 2), x, (y := "s") * 3, y)
if not (empty := []):
    print("empty list bound:", empty)
