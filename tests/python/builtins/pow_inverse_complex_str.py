# pow(base, -n, mod): modular inverses; complex() from strings
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for base, exp, mod in [(3, -1, 7), (3, -2, 7), (38, -1, 97), (-3, -1, 7), (3, -1, -7),
                       (-3, -1, -7), (2, -1, 1), (5, -1, -1), (10, -3, 2 ** 61 - 1),
                       (2 ** 100 + 1, -1, 2 ** 89 - 1), (7, -1, 10 ** 30 + 57), (1, -5, 2)]:
    show(lambda: pow(base, exp, mod))
for base, exp, mod in [(2, -1, 4), (0, -1, 7), (6, -1, 9), (4, -2, -8), (7, -1, 0)]:
    show(lambda: pow(base, exp, mod))
show(lambda: pow(3.0, -1, 7))
inverses = [pow(a, -1, 13) for a in range(1, 13)]
print(inverses, all(a * pow(a, -1, 13) % 13 == 1 for a in range(1, 13)))

for s in ["1+2j", "1-2j", "j", "-j", "+j", "J", "2J", "-1.5e3-2.5e-3j", " (1+1j) ", "( 3j )",
          "(1+1j", "1+1j)", "1e5", "inf", "-infj", "nan+nanj", "infinity-infinityj",
          "1_000+2_0j", "1__0j", "_1j", "1_j", "", " ", "()", "1 + 2j", "1+2 j", "+1-j", "1+-2j",
          "1++2j", "j1", "1j+2", "1e+2j", "1e", "1e+", ".5j", "5.j", "1.5E+3J", "-0j", "0-0j",
          "abc", "1+2k", "1+2jj", "\t1+2j\n", "٣+1j", "1+2ｊ", "\u20031j\u3000"]:
    show(lambda: complex(s))
show(lambda: complex("1+2j", 1))
show(lambda: complex("1", "2"))
show(lambda: complex(1, "2"))
print(complex("1+2j") == 1 + 2j, complex("-0j"), complex(" 12 ").real)
print(float("٣.５"), float("\u2003 1.5\u3000"), float("１e３"))
