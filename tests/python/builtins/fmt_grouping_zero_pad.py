# format specs: zero padding grouped with the digits, '_' every 4 hex/binary/octal digits,
# separators and '#'/'=' refused for strs, INF/NAN/E in uppercase presentations; swapcase
# and startswith with tuples
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
for spec in ["010,", "010_", "012,.2f", "#010_x", "08_b", "=+10,", "0=10", "x=10", "#s", "#5", ",s", "_s", "_", ",c", ",n", "_n", ",%", "^010", "<010,", "0<10", "00", "010"]:
    for v in [1234, -1234.5, "ab", 255]:
        show(lambda: (spec, format(v, spec)))
show(lambda: "ΑΣ ΑΣ".swapcase())
show(lambda: "ςΣ".swapcase())
show(lambda: "abc".endswith(("c", None)))
show(lambda: "abc".startswith(("a", None)))
for w in range(1, 14):
    print(w, repr(format(1234, '0%d,' % w)), repr(format(-1234.5, '0%d,.1f' % w)), repr(format(0xabcdef, '#0%d_x' % w)), repr(format(5, '0%d_b' % w)))
for v in [float('inf'), float('-nan'), 1e20, -1.5e-7, 0.0, -0.0, 12345678]:
    for spec in ['012,', '012,e', '012,g', '012,.3%', '=12,', 'x=12,', '0=12,', '0>12,', '012_', '012,.0f']:
        try:
            print(spec, repr(format(v, spec)))
        except Exception as e:
            print(spec, type(e).__name__, e)
for v in [float('inf'), float('-inf'), float('nan'), 1e300, 1.5]:
    print([format(v, s) for s in ['F', 'E', 'G', '%', '.2F', '10.3G', '+E']])
