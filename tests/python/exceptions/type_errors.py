three = 3
nothing = None
cases = [lambda: 1 + "a", lambda: "a" + 1, lambda: [] + (), lambda: 1 < "a", lambda: len(5),
         lambda: three(), lambda: nothing[0], lambda: -"x", lambda: "a" * "b", lambda: {}[[]],
         lambda: int(None), lambda: (1).foo, lambda: [].nope, lambda: abs("x")]
for c in cases:
    try:
        c()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
