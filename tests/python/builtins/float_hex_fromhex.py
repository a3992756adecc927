# float.hex() and float.fromhex(): exact digits, subnormals, rounding, overflow, errors
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
for x in [0.0, -0.0, 1.0, -1.5, 0.1, 1e300, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, float("inf"), float("-inf"), float("nan"), 3.0, 1 / 3, 123456.789, 2.0 ** 1023 * 1.9999999999999998]:
    show(lambda: x.hex())
for s in ["0x1.8p1", "1.8p1", "0X1P-1", "-0x1p-1074", "0x1p-1075", "0x1.8p-1075", "0x3p-1076", "0x1p1024", "0x1.fffffffffffffp1023", "0x1.fffffffffffff8p1023",
          " 0xa.bp0 ", "inf", "-Infinity", "nan", "0x", "0x.", "0x.8", "0x8.", "1", "ff", "0x1p", "0x1p+", "0x1.2.3", "", "0x1_0", "0x1p99999999999999999", "0x1p-99999999999999999",
          "0x0p99999999", "0x1.00000000000008p0", "0x1.00000000000018p0", "0x1.000000000000080000001p0", "+0x1p0", "--0x1p0", "0x1P+4", "0x1 p4", "\u20030x1p0"]:
    show(lambda: float.fromhex(s))
show(lambda: float.fromhex(1))
show(lambda: (1.5).fromhex("0x1p0"))
show(lambda: (1.5).hex(1))
print(all(float.fromhex(x.hex()) == x for x in [0.1 * k for k in range(-50, 50)]))
