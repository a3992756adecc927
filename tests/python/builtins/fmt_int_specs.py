# format specs for ints: width, fill, align, sign, '#', '0', grouping and the b/o/x/X/c/d/n types
n = 255
print(f"[{n:10}] [{n:<10}] [{n:^10}] [{n:>10}] [{n:=10}]")
print(f"[{n:*<10}] [{n:*^10}] [{n:*>10}] [{-n:*=10}] [{-n:010}]")
print(f"[{n:+}] [{-n:+}] [{n:-}] [{-n:-}] [{n: }] [{-n: }]")
print(f"{n:b} {n:o} {n:x} {n:X} {n:d} {n:n}")
print(f"{n:#b} {n:#o} {n:#x} {n:#X} {-n:#x} {0:#x}")
print(f"{n:#012b} {n:#010x} {-n:#010x} {n:+#x}")
big = 1234567890
print(f"{big:,} {big:_} {-big:,}")
print(f"{big:20,}| {big:<20,}|")
print(f"{12:,} {123:,} {1234:,} {0:,} {1000:_}")
print(f"{True:d} {False:5}| {True:>5}|")
print(format(42), format(42, ""), format(42, "08b"), format(-42, "x"), format(10**20, ","))
for spec in ["5d", "<5d", "^5d", ">5d", "05d", "+05d", " 5d", "x", "#o"]:
    print(repr(format(7, spec)), end=" ")
print()
try:
    format(3, ".2d")
except ValueError as e:
    print("ValueError:", e)
