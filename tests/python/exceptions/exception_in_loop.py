results = []
for x in ["1", "a", "3", None, "5"]:
    try:
        results.append(int(x))
    except ValueError:
        results.append("bad")
    except TypeError:
        results.append("none")
print(results)
count = 0
while True:
    try:
        count += 1
        if count > 3:
            raise StopIteration
    except StopIteration:
        break
print(count)
