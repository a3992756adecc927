# set displays of constants: CPython makes them frozenset constants, so their order
# follows how its compiler rebuilds those (also when a str is an identifier somewhere)
apple = 1
print({"apple", "banana", "cherry", "kiwi", "lime", "mango", "pear", "plum", "fig"})
print({"ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"}, {"x", "y", "z", "u", "v", "w", "a", "b"})
print({165, 295, 39, "c\u65e5", "\u65e5", "", "c", 105, "z", "\u00e9\u65e5b"})
print({-1, -2, -3, 2**40, 2**61, 2**62, 2**64}, {1.5, -0.0, True, (1, "t"), (2, "t"), 7, 8})
print({"self", "key", "value", "items", "data", "name", "path", "zzz_not_interned"})
for word in {"red", "green", "blue", "cyan", "magenta", "yellow", "black", "white"}:
    print(word, end=" ")
print()
print("green" in {"red", "green", "blue"}, 3 not in {1, 2, 4}, [x for x in {"q1", "q2", "q3", "q4", "q5"}])

def inner():
    return {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}

print(inner(), {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"} == inner())
