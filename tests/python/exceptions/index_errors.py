for c in [lambda: [1][5], lambda: (1, 2)[-3], lambda: "ab"[2], lambda: [].pop(),
          lambda: range(3)[3], lambda: [1, 2].index(9), lambda: "abc".index("z"),
          lambda: [1].remove(2)]:
    try:
        c()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
