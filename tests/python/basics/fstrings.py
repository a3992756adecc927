name = "world"
n = 42
x = 3.14159
print(f"hello {name}!", f"{n}", f"{n:5}|", f"{n:<5}|", f"{n:^7}|", f"{n:05}")
print(f"{x:.2f}", f"{x:10.3f}|", f"{x:e}", f"{x:g}", f"{1234567.891:,.2f}", f"{0.25:%}")
print(f"{name!r}", f"{name!s}", f"{name:>8}", f"{'x':*^9}", f"{n:x}", f"{n:#b}", f"{n:o}")
print(f"{n + 1} {n * 2} {[1, 2]} {(1,)} {None} {True}")
print(f"{{braces}} {n=}", f"{x=:.1f}")
w = 6
print(f"{n:{w}}|", f"{x:.{2}f}")
print(format(255, "x"), format(3.5, ".3f"), format("s", ">3"), format(1e20, "g"), format(123, ","))
