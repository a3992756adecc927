# format specs for strings and conversions !r/!s/!a, nested width/precision fields
s = "hello"
print(f"[{s}] [{s:10}] [{s:<10}] [{s:>10}] [{s:^10}] [{s:*^11}]")
print(f"[{s:.3}] [{s:10.2}] [{s:>10.4}] [{s:.0}] [{s:.10}]")
print(f"[{s!r}] [{s!s}] [{s!r:>10}] [{'é'!a}] [{'é'!r}]")
for w in range(3, 9, 2):
    for p in (1, 3):
        print(f"[{s:{w}.{p}}]", end=" ")
print()
align = "^"
fill = "-"
print(f"[{s:{fill}{align}{11}}]")
print(f"{'a'}{'b':>2}{'c':>3}")
items = [("apple", 1.5), ("kiwi", 12.25), ("watermelon", 100.0)]
width = max(len(name) for name, _ in items)
for name, price in items:
    print(f"{name:<{width}} | {price:>8.2f}")
print(f"{[1, 'a']!r:>12}|", f"{None!s:^8}|", f"{(1, 2)}")
print(format("x", "s"), format("abc", "^7"), format("", "*>3"))
value = 3.14159
print(f"{value = }", f"{value=:.2f}", f"{s=!s}")
try:
    format("abc", "d")
except ValueError as e:
    print("ValueError:", e)
